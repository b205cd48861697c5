/**
 * More builders for rule tests (private endpoints, public IPs, DNS zones, nested deployments), in
 * the style of templates.ts: plain objects that the rule tester renders as JSON and as YAML.
 */
import * as assert from 'node:assert/strict';
import { analyzeText, type AnalysisResult, type Finding } from '../../server/src/core/index';
import type { Obj } from './templates';

export const APIM_ID = "[resourceId('Microsoft.ApiManagement/service', 'apim-contoso')]";
export const SUBNET_ID = (vnet: string, subnet: string): string => `[resourceId('Microsoft.Network/virtualNetworks/subnets', '${vnet}', '${subnet}')]`;
export const PIP_ID = (name: string): string => `[resourceId('Microsoft.Network/publicIPAddresses', '${name}')]`;

export interface EndpointSpec {
  name?: string;
  target?: string;
  /** `null` leaves groupIds out. */
  groupIds?: unknown[] | string | null;
  location?: string;
  manual?: boolean;
}

/** A `Microsoft.Network/privateEndpoints` with one connection. */
export function privateEndpoint(s: EndpointSpec = {}): Obj {
  const connection = {
    name: `${s.name ?? 'pe-apim'}-connection`,
    properties: {
      privateLinkServiceId: s.target ?? APIM_ID,
      ...(s.groupIds === null ? {} : { groupIds: s.groupIds ?? ['Gateway'] }),
    },
  };
  return {
    type: 'Microsoft.Network/privateEndpoints',
    apiVersion: '2023-09-01',
    name: s.name ?? 'pe-apim',
    location: s.location ?? 'westeurope',
    properties: {
      subnet: { id: SUBNET_ID('vnet', 'endpoints') },
      [s.manual ? 'manualPrivateLinkServiceConnections' : 'privateLinkServiceConnections']: [connection],
    },
  };
}

export interface PipSpec {
  name?: string;
  location?: string;
  /** `null` leaves `sku` out. */
  sku?: string | null;
  version?: string;
  /** `null` leaves `dnsSettings` out. */
  dnsLabel?: string | null;
  extra?: Obj;
}

/** A `Microsoft.Network/publicIPAddresses`; by default Standard, IPv4, Static, with a DNS label. */
export function publicIp(s: PipSpec = {}): Obj {
  const name = s.name ?? 'apim-pip';
  return {
    type: 'Microsoft.Network/publicIPAddresses',
    apiVersion: '2023-09-01',
    name,
    location: s.location ?? 'westeurope',
    ...(s.sku === null ? {} : { sku: { name: s.sku ?? 'Standard' } }),
    properties: {
      publicIPAllocationMethod: 'Static',
      ...(s.version ? { publicIPAddressVersion: s.version } : {}),
      ...(s.dnsLabel === null ? {} : { dnsSettings: { domainNameLabel: s.dnsLabel ?? `${name}-label` } }),
    },
    ...(s.extra ?? {}),
  };
}

export function privateDnsZone(name: string): Obj {
  return { type: 'Microsoft.Network/privateDnsZones', apiVersion: '2020-06-01', name, location: 'global' };
}

/** A nested deployment whose template is linked (not inline). */
export function linkedDeployment(name = 'linked', uri = 'https://example.invalid/apim.json'): Obj {
  return {
    type: 'Microsoft.Resources/deployments',
    apiVersion: '2022-09-01',
    name,
    properties: { mode: 'Incremental', templateLink: { uri, contentVersion: '1.0.0.0' } },
  };
}

/** An inline nested deployment holding `resources`. */
export function nestedDeployment(name: string, resources: Obj[], scope: 'inner' | 'outer' = 'outer'): Obj {
  return {
    type: 'Microsoft.Resources/deployments',
    apiVersion: '2022-09-01',
    name,
    properties: {
      mode: 'Incremental',
      expressionEvaluationOptions: { scope },
      template: { $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#', contentVersion: '1.0.0.0', resources },
    },
  };
}

/** Findings of one rule, for the engine-reported rules the rule tester cannot check (it rejects them). */
export function findingsOf(ruleId: string, text: string, format: 'json' | 'yaml', maxFileSize?: number): { result: AnalysisResult; mine: Finding[] } {
  const result = analyzeText(text, { format, ...(maxFileSize !== undefined ? { maxFileSize } : {}) });
  return { result, mine: result.findings.filter((f) => f.ruleId === ruleId) };
}

/** 1-based line and column where a finding starts. */
export function lineColumn(result: AnalysisResult, f: Finding): { line: number; column: number } {
  const p = result.lines.positionAt(f.range.offset);
  return { line: p.line + 1, column: p.character + 1 };
}

export function assertAt(result: AnalysisResult, f: Finding, line: number, column?: number): void {
  const p = lineColumn(result, f);
  assert.equal(p.line, line, `line of ${f.ruleId}/${f.messageId}: ${f.message}`);
  if (column !== undefined) assert.equal(p.column, column, `column of ${f.ruleId}/${f.messageId}: ${f.message}`);
}
