import type { Rule } from './rule';
import analysisSkipped from './analysis-skipped';
import configInvalid from './config-invalid';
import internalModeDns from './internal-mode-dns';
import legacyPlatform from './legacy-platform';
import locationMismatch from './location-mismatch';
import nsgIneffectiveRule from './nsg-ineffective-rule';
import nsgMissing from './nsg-missing';
import nsgRequiredPort from './nsg-required-port';
import privateEndpointGroupId from './private-endpoint-group-id';
import publicIp from './public-ip';
import publicNetworkAccess from './public-network-access';
import serviceTagUnknown from './service-tag-unknown';
import subnetDelegation from './subnet-delegation';
import subnetInvalid from './subnet-invalid';
import subnetTooSmall from './subnet-too-small';
import syntaxError from './syntax-error';
import tierNetworkMode from './tier-network-mode';

/** Every rule, explicitly listed (a meta-test checks that each rule file is here). */
export const allRules: readonly Rule[] = [
  nsgRequiredPort,
  nsgMissing,
  nsgIneffectiveRule,
  serviceTagUnknown,
  subnetTooSmall,
  subnetInvalid,
  subnetDelegation,
  tierNetworkMode,
  privateEndpointGroupId,
  publicNetworkAccess,
  publicIp,
  internalModeDns,
  legacyPlatform,
  locationMismatch,
  syntaxError,
  analysisSkipped,
  configInvalid,
];

const byId = new Map(allRules.map((r) => [r.meta.id, r]));

export function ruleById(id: string): Rule | undefined {
  return byId.get(id);
}
