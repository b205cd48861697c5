import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { analyzeText, type AnalysisResult, type AnalyzeOptions } from '../../../server/src/core/index';
import { editOutsideModel } from '../../../server/src/core/model/reuse';
import { parseJson } from '../../../server/src/core/text/parseJson';
import { prop } from '../../../server/src/core/text/sourceNode';

// An NSG that blocks nothing APIM needs but lacks its rules (findings with fixes), an APIM in its subnet, and two
// resources the model does not read: a storage account and an API of the APIM instance (a child with a full type).
const template = `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "parameters": { "sku": { "type": "string", "defaultValue": "Developer" } },
  "resources": [
    { "type": "Microsoft.Network/networkSecurityGroups", "apiVersion": "2023-09-01", "name": "nsg", "location": "westeurope",
      "properties": { "securityRules": [] }, "tags": { "owner": "net-team" } },
    { "type": "Microsoft.Network/virtualNetworks", "apiVersion": "2023-09-01", "name": "vnet", "location": "westeurope",
      "properties": { "addressSpace": { "addressPrefixes": ["10.0.0.0/16"] }, "subnets": [
        { "name": "apim", "properties": { "addressPrefix": "10.0.1.0/24", "networkSecurityGroup": { "id": "[resourceId('Microsoft.Network/networkSecurityGroups', 'nsg')]" } } } ] } },
    { "type": "Microsoft.ApiManagement/service", "apiVersion": "2023-05-01-preview", "name": "apim", "location": "westeurope",
      "sku": { "name": "[parameters('sku')]", "capacity": 1 },
      "properties": { "publisherEmail": "a@b.c", "publisherName": "x", "virtualNetworkType": "External",
        "virtualNetworkConfiguration": { "subnetResourceId": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet', 'apim')]" } },
      "resources": [
        { "type": "Microsoft.ApiManagement/service/apis", "apiVersion": "2023-05-01-preview", "name": "apim/orders",
          "properties": { "displayName": "Orders", "path": "orders", "protocols": ["https"] } } ] },
    { "type": "Microsoft.Storage/storageAccounts", "apiVersion": "2023-01-01", "name": "stlogs", "location": "westeurope",
      "kind": "StorageV2", "sku": { "name": "Standard_LRS" }, "properties": { "minimumTlsVersion": "TLS1_2" }, "tags": { "owner": "ops" } }
  ]
}`;

const options: AnalyzeOptions = { format: 'json', uri: 'file:///t/template.json' };
const insert = (text: string, after: string, what: string) => {
  const at = text.indexOf(after) + after.length;
  assert.ok(at >= after.length, after);
  return text.slice(0, at) + what + text.slice(at);
};
/** Findings with their fixes read, as the CLI and code actions see them. */
const findings = (r: AnalysisResult) => JSON.stringify(r.findings.map((f) => ({ ...f, fixes: f.fixes })));

/** The analysis of `next` from `first`'s reusable tree, and whether it took `first`'s model. */
function fromPrevious(first: AnalysisResult, next: string, opts: AnalyzeOptions = options) {
  const nsgs = first.model!.networkSecurityGroups;
  const result = analyzeText(next, { ...opts, previous: first.reusable });
  return { result, reused: result.model!.networkSecurityGroups === nsgs };
}

describe('the previous version\'s model, for an edit the model does not read (model/reuse.ts)', () => {
  it('is taken for an edit inside the properties or tags of a resource the model does not read, with the findings of a fresh analysis', () => {
    for (const [after, what] of [
      ['"minimumTlsVersion": "TLS1_', '3'],
      ['"displayName": "Ord', 'ers and more'],
      ['"tags": { "owner": "op', 's2'],
    ] as const) {
      const first = analyzeText(template, options);
      assert.ok(first.findings.some((f) => f.ruleId === 'nsg-required-port'), 'the NSG lacks APIM\'s rules');
      const next = insert(template, after, what);
      const { result, reused } = fromPrevious(first, next);
      assert.ok(reused, `an edit after ${after} keeps the model`);
      assert.equal(result.model!.text, next, 'on the new text');
      assert.equal(findings(result), findings(analyzeText(next, options)), `after ${after}: findings and fixes of a fresh analysis`);
    }
  });

  it('is not taken for an edit the model may read, nor with other parameters, nor across a syntax error', () => {
    const cases: [string, string, AnalyzeOptions?][] = [
      ['"tags": { "owner": "net-', 'x'], // an NSG's tags: the NSG is read
      ['"addressPrefix": "10.0.1.0/2', '5'], // a subnet
      ['"name": "stlog', 's2'], // the storage account's name
      ['"kind": "Storage', 'V3'], // not its properties or tags
      ['"minimumTlsVersion": "TLS1_', '3', { ...options, parameters: { text: '{"parameters": {"sku": {"value": "Premium"}}}' } }],
      ['"minimumTlsVersion": "TLS1_', '3', { ...options, resourceGroupLocation: 'northeurope' }],
      ['"minimumTlsVersion": "TLS1_', '3"', undefined], // a syntax error
    ];
    for (const [after, what, opts] of cases) {
      const first = analyzeText(template, options);
      const next = insert(template, after, what);
      const { result, reused } = fromPrevious(first, next, opts ?? options);
      assert.equal(reused, false, `an edit after ${after}`);
      assert.equal(findings(result), findings(analyzeText(next, opts ?? options)), `after ${after}`);
    }
  });

  it('keeps following the edits: a model taken over several versions, then rebuilt when an edit reaches it', () => {
    let text = template;
    let previous = analyzeText(text, options);
    const nsgs = previous.model!.networkSecurityGroups;
    for (const ch of 'abc') {
      text = insert(text, '"path": "orders', ch);
      previous = analyzeText(text, { ...options, previous: previous.reusable });
      assert.equal(previous.model!.networkSecurityGroups, nsgs);
      assert.equal(findings(previous), findings(analyzeText(text, options)));
    }
    text = insert(text, '"securityRules": [', '{ "name": "AllowMgmt", "properties": { "priority": 100, "direction": "Inbound", "access": "Allow", "protocol": "Tcp", "sourceAddressPrefix": "ApiManagement", "sourcePortRange": "*", "destinationAddressPrefix": "VirtualNetwork", "destinationPortRange": "3443" } }');
    previous = analyzeText(text, { ...options, previous: previous.reusable });
    assert.notEqual(previous.model!.networkSecurityGroups, nsgs, 'a rule added to the NSG: the model is built again');
    assert.equal(findings(previous), findings(analyzeText(text, options)));
  });

  it('tells the parts the model does not read by their resource\'s full literal type', () => {
    const root = parseJson(`{"resources": [
      {"type": "Microsoft.Storage/storageAccounts", "name": "s", "properties": {"a": {"b": 1}}, "sku": {"name": "x"}},
      {"type": "[variables('t')]", "name": "e", "properties": {"a": {}}},
      {"type": "Microsoft.Network/virtualNetworks", "name": "v", "properties": {"a": {}}, "resources": [
        {"type": "subnets", "name": "s", "properties": {"a": {}}}]}]}`).root!;
    const [storage, expression, vnet] = prop(root, 'resources')!.children!;
    const inner = (r: typeof storage, key: string) => prop(prop(r, key), 'a') ?? prop(r, key)!;
    assert.equal(editOutsideModel(inner(storage!, 'properties')), true);
    assert.equal(editOutsideModel(prop(storage!, 'properties')!), true, 'the properties object itself');
    assert.equal(editOutsideModel(prop(storage!, 'sku')!), false);
    assert.equal(editOutsideModel(inner(expression!, 'properties')), false, 'a type written as an expression');
    assert.equal(editOutsideModel(inner(vnet!, 'properties')), false, 'a type the model reads');
    const subnet = prop(vnet!, 'resources')!.children![0]!;
    assert.equal(editOutsideModel(inner(subnet, 'properties')), false, 'a short child type');
    assert.equal(editOutsideModel(prop(root, 'resources')!), false, 'outside every resource');
  });
});
