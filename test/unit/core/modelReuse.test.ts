import { describe, it } from 'node:test';
import { stringify } from 'yaml';
import * as assert from 'node:assert/strict';
import { analyzeText, type AnalysisResult, type AnalyzeOptions } from '../../../server/src/core/index';
import { editedResource, modelFor, type ModelForReuse } from '../../../server/src/core/model/reuse';
import { parseJson } from '../../../server/src/core/text/parseJson';
import { reparseJson } from '../../../server/src/core/text/reparseJson';
import { enumerateResources } from '../../../server/src/core/template/resources';
import { TemplateScope } from '../../../server/src/core/arm/scope';
import { prop, type SourceNode } from '../../../server/src/core/text/sourceNode';

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

/** What the analysis handed on for the next version (model/reuse.ts). */
const handedOn = (r: AnalysisResult) => r.reusable!.analysis as ModelForReuse;

/**
 * The analysis of `next` from `first`'s reusable tree: whether it took `first`'s model as it was (`reused`), or its
 * enumeration with some resources read again and the model linked again (`partly`).
 */
function fromPrevious(first: AnalysisResult, next: string, opts: AnalyzeOptions = options) {
  const before = handedOn(first);
  const result = analyzeText(next, { ...opts, previous: first.reusable });
  const after = result.reusable?.analysis as ModelForReuse | undefined;
  const reused = result.model!.networkSecurityGroups === first.model!.networkSecurityGroups;
  // made again: a new enumeration that keeps every instance but those of one resource, and their reads
  const kept = after && after.enumeration !== before.enumeration ? after.enumeration.resources.filter((r, i) => r === before.enumeration.resources[i]).length : 0;
  const remade = !!after && after.enumeration !== before.enumeration && after.enumeration.resources.length === before.enumeration.resources.length && kept > 0 &&
    after.reads.some((r, i) => r === before.reads[i]);
  return { result, reused, partly: !reused && after?.enumeration === before.enumeration, remade };
}

/**
 * The edit of `text` after `after` takes the previous model 'whole', reads one resource again ('partly'), makes one
 * resource's instances again and reads them ('remade') or builds it; with the findings and fixes of a fresh analysis.
 */
function expectReuse(text: string, after: string, what: string, expected: 'whole' | 'partly' | 'remade' | 'built', opts: AnalyzeOptions = options): void {
  const next = insert(text, after, what);
  const { result, reused, partly, remade } = fromPrevious(analyzeText(text, opts), next, opts);
  assert.equal(reused ? 'whole' : partly ? 'partly' : remade ? 'remade' : 'built', expected, `an edit after ${after}`);
  assert.equal(findings(result), findings(analyzeText(next, opts)), `after ${after}`);
}

describe('the previous version\'s model, for an edit inside one resource where the enumeration reads nothing (model/reuse.ts)', () => {
  it('is taken for an edit inside the properties or tags of a resource the model does not read, with the findings of a fresh analysis', () => {
    for (const [after, what] of [
      ['"minimumTlsVersion": "TLS1_', '3'],
      ['"displayName": "Ord', 'ers and more'],
      ['"tags": { "owner": "op', 's2'],
      ['"sku": { "name": "Standard_LR', 'S2'], // a SKU the model does not read
      ['"kind": "Storage', 'V3'], // a string written in the resource object: that string is parsed again
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

  it('is taken with the edited resource read again for an edit inside the properties, tags or SKU of a resource the model reads', () => {
    for (const [after, what, resource] of [
      ['"tags": { "owner": "net-', 'x', 'nsg'], // an NSG's tags
      ['"securityRules": [', '{ "name": "AllowMgmt", "properties": { "priority": 100, "direction": "Inbound", "access": "Allow", "protocol": "Tcp", "sourceAddressPrefix": "ApiManagement", "sourcePortRange": "*", "destinationAddressPrefix": "VirtualNetwork", "destinationPortRange": "3443" } }', 'nsg'],
      ['"addressPrefix": "10.0.1.0/2', '5', 'vnet'], // a subnet of the VNet
      ['"virtualNetworkType": "Ext', 'x', 'apim'],
      ['"capacity": ', '2', 'apim'], // its SKU
      ['"name": "nsg", "location": "westeu', 'x', 'nsg'], // a string written in the resource object
      ['"name": "apim", "location": "westeu', 'x', 'apim'],
    ] as const) {
      const first = analyzeText(template, options);
      const model = first.model!;
      const next = insert(template, after, what);
      const { result, reused, partly } = fromPrevious(first, next);
      assert.ok(!reused && partly, `an edit after ${after}: the enumeration is kept, the model linked again`);
      const again = result.model!;
      assert.equal(again.text, next);
      // the edited resource is read again, the others are the previous reads, linked again
      const same = { nsg: again.networkSecurityGroups[0] === model.networkSecurityGroups[0], vnet: again.virtualNetworks[0] === model.virtualNetworks[0], apim: again.apimServices[0] === model.apimServices[0] };
      assert.deepEqual(same, { nsg: resource !== 'nsg', vnet: resource !== 'vnet', apim: resource !== 'apim' }, `after ${after}`);
      assert.equal(again.apimServices[0]!.regions[0]!.subnet, again.subnets[0], 'the APIM region is linked to the subnet of this model');
      assert.equal(again.subnets[0]!.nsg, again.networkSecurityGroups[0], 'the subnet to the NSG of this model');
      assert.equal(findings(result), findings(analyzeText(next, options)), `after ${after}: findings and fixes of a fresh analysis`);
    }
  });

  it('is taken for a YAML template too, whose tree the edit updated in place (reparseYaml.ts)', () => {
    // the same template written as YAML (block style, as the yaml library writes it)
    const yaml = stringify(JSON.parse(template), { lineWidth: 0 });
    const yamlOptions: AnalyzeOptions = { format: 'yaml', uri: 'file:///t/template.yaml' };
    const rule = '\n        - name: AllowMgmt\n          properties:\n            priority: 100\n            direction: Inbound\n            access: Allow\n            protocol: Tcp\n            sourceAddressPrefix: ApiManagement\n            sourcePortRange: "*"\n            destinationAddressPrefix: VirtualNetwork\n            destinationPortRange: "3443"';
    for (const [label, next, expected] of [
      ['a storage account (the model does not read it)', insert(yaml, 'minimumTlsVersion: TLS1_', '3'), 'whole'],
      ['an NSG\'s tags', insert(yaml, 'owner: net-', 'x'), 'partly'],
      ['a rule added to the NSG', yaml.replace('securityRules: []', `securityRules:${rule}`), 'partly'],
      ['a subnet of the VNet', insert(yaml, 'addressPrefix: 10.0.1.0/2', '5'), 'partly'],
      ['the APIM instance\'s networking mode', insert(yaml, 'virtualNetworkType: Ext', 'x'), 'partly'],
      ['its SKU', insert(yaml, 'capacity: ', '2'), 'partly'],
      ['the NSG\'s location (a value of the resource mapping itself)', insert(yaml, 'location: westeu', 'x'), 'partly'],
      ['the NSG\'s name (the enumeration reads it)', insert(yaml, 'name: nsg', '2'), 'built'],
    ] as const) {
      const first = analyzeText(yaml, yamlOptions);
      assert.ok(first.reusable, 'a plain YAML template hands its tree on');
      const { result, reused, partly } = fromPrevious(first, next, yamlOptions);
      assert.equal(result.root, first.root, `${label}: the tree was updated in place`);
      assert.equal(reused ? 'whole' : partly ? 'partly' : 'built', expected, label);
      assert.equal(findings(result), findings(analyzeText(next, yamlOptions)), `${label}: the findings and fixes of a fresh analysis`);
    }
  });

  it('follows JSON versions with a syntax error inside the object parsed again: taken and handed on', () => {
    // a key typed into the storage account's properties, written over lines: an error until its value, found in
    // that object parsed alone (reparseJson.ts); the model goes on with the tree (a resource the model does not read)
    const multiline = template.replace('"properties": { "minimumTlsVersion": "TLS1_2" }', '"properties": {\n        "minimumTlsVersion": "TLS1_2"\n      }');
    assert.notEqual(multiline, template);
    const good = analyzeText(multiline, options);
    let previous = good;
    for (const typed of ['"t', '"ta', '"tag"', '"tag": 1']) {
      const next = multiline.replace('"TLS1_2"\n', `"TLS1_2",\n        ${typed}\n`);
      const { result, reused } = fromPrevious(previous, next);
      assert.equal(result.findings.some((f) => f.ruleId === 'syntax-error'), typed !== '"tag": 1', typed);
      assert.equal(result.root, good.root, `${typed}: parsed from the previous tree`);
      assert.ok(reused, `${typed}: and its model taken`);
      assert.ok(result.reusable?.analysis, `${typed}: and handed on`);
      assert.equal(findings(result), findings(analyzeText(next, options)), typed);
      previous = result;
    }
  });

  it('in YAML, follows versions with a syntax error inside one mapping, and is handed past the others', () => {
    const yaml = stringify(JSON.parse(template), { lineWidth: 0 });
    const yamlOptions: AnalyzeOptions = { format: 'yaml', uri: 'file:///t/template.yaml' };
    // typing a new key into the storage account's properties: an error until its colon, found in the lines of the
    // storage account's mapping parsed alone; the model goes on with the tree (a resource the model does not read)
    const good = analyzeText(yaml, yamlOptions);
    let previous = good;
    for (const typed of ['t', 'ta', 'tag', 'tag: x']) {
      const next = insert(yaml, 'minimumTlsVersion: TLS1_2', `\n      ${typed}`);
      const { result, reused } = fromPrevious(previous, next, yamlOptions);
      assert.equal(result.findings.some((f) => f.ruleId === 'syntax-error'), typed !== 'tag: x', typed);
      assert.equal(result.root, good.root, `${typed}: parsed from the previous tree`);
      assert.ok(reused, `${typed}: and its model taken`);
      assert.equal(result.reusable?.problemLines !== undefined, typed !== 'tag: x', `${typed}: the lines of the problems go on with them`);
      assert.equal(findings(result), findings(analyzeText(next, yamlOptions)), typed);
      previous = result;
    }
    // an unclosed quote goes on past the mapping's lines: that version is parsed whole, and the good version's tree
    // (with its model) goes on to the version that mends it
    const fresh = analyzeText(yaml, yamlOptions);
    const quoted = insert(yaml, 'minimumTlsVersion: ', '"');
    const broken = analyzeText(quoted, { ...yamlOptions, previous: fresh.reusable });
    assert.ok(broken.findings.some((f) => f.ruleId === 'syntax-error'));
    assert.notEqual(broken.root, fresh.root, 'parsed whole');
    assert.equal(broken.reusable, fresh.reusable, 'the good version\'s tree goes on');
    const mended = yaml.replace('minimumTlsVersion: TLS1_2', 'minimumTlsVersion: "TLS1_2"');
    const { result, reused } = fromPrevious({ ...fresh, reusable: broken.reusable }, mended, yamlOptions);
    assert.ok(!result.findings.some((f) => f.ruleId === 'syntax-error'), 'mended');
    assert.equal(result.root, fresh.root, 'the version that mends it is parsed from the good version\'s tree');
    assert.ok(reused, 'and takes its model');
    assert.equal(findings(result), findings(analyzeText(mended, yamlOptions)));
    // a version without a syntax error but with an anchor hands nothing on (its tree is not the good version's)
    const anchored = analyzeText(insert(yaml, 'minimumTlsVersion: ', '&v '), { ...yamlOptions, previous: analyzeText(yaml, yamlOptions).reusable });
    assert.equal(anchored.reusable, undefined);
  });

  it('in YAML, follows a key typed at a resource\'s own level (its property in place of the previous one), unless either key is one the enumeration reads', () => {
    const yaml = stringify(JSON.parse(template), { lineWidth: 0 });
    const yamlOptions: AnalyzeOptions = { format: 'yaml', uri: 'file:///t/template.yaml' };
    // a new line at the end of the NSG (at its keys' column), then a key letter by letter: the part parsed again is
    // the property being typed (added, then in place of the previous letter's), and the NSG is read again
    let previous = analyzeText(yaml, yamlOptions);
    const nsgEnd = 'owner: net-team';
    for (const typed of ['', 'd', 'de', 'dep', 'dependsOn', 'dependsOn:']) {
      const next = insert(yaml, nsgEnd, `\n    ${typed}`);
      const { result, reused, partly } = fromPrevious(previous, next, yamlOptions);
      assert.equal(result.findings.some((f) => f.ruleId === 'syntax-error'), typed !== '' && !typed.endsWith(':'), typed);
      assert.ok(partly && !reused, `${typed}: the NSG read again`);
      assert.equal(findings(result), findings(analyzeText(next, yamlOptions)), typed);
      previous = result;
    }
    // the NSG's `name` key edited to `nam` and back: the part is again a property whose key differs, and the
    // enumeration reads the one it replaced, then the one it is: built (the subnet's link to the NSG by name goes, then comes back)
    const nameless = yaml.replace('name: nsg', 'nam: nsg');
    assert.notEqual(nameless, yaml);
    const first = fromPrevious(analyzeText(yaml, yamlOptions), nameless, yamlOptions);
    assert.ok(!first.reused && !first.partly, 'name → nam: built');
    assert.equal(findings(first.result), findings(analyzeText(nameless, yamlOptions)));
    assert.notEqual(findings(first.result), findings(analyzeText(yaml, yamlOptions)), 'the findings change with the name');
    const back = fromPrevious(first.result, yaml, yamlOptions);
    assert.ok(!back.reused && !back.partly, 'nam → name: built');
    assert.equal(findings(back.result), findings(analyzeText(yaml, yamlOptions)));
  });

  it('is not taken for an edit the model may read, nor with other parameters, nor across a syntax error', () => {
    const cases: [string, string, AnalyzeOptions?][] = [
      ['"minimumTlsVersion": "TLS1_', '3', { ...options, parameters: { text: '{"parameters": {"sku": {"value": "Premium"}}}' } }],
      ['"minimumTlsVersion": "TLS1_', '3', { ...options, resourceGroupLocation: 'northeurope' }],
      ['"minimumTlsVersion": "TLS1_', '3"', undefined], // a syntax error
    ];
    for (const [after, what, opts] of cases) {
      const first = analyzeText(template, options);
      const next = insert(template, after, what);
      const { result, reused, partly } = fromPrevious(first, next, opts ?? options);
      assert.equal(reused || partly, false, `an edit after ${after}`);
      assert.equal(findings(result), findings(analyzeText(next, opts ?? options)), `after ${after}`);
    }
  });

  it('makes the instances of a resource again for an edit in its name or type, and reads them and the NSGs they may join or leave', () => {
    const first = analyzeText(template, options);
    const before = findings(first); // read before the next version's parse takes the tree over
    const renamed = insert(template, '"name": "nsg', '2');
    const nsg2 = fromPrevious(first, renamed);
    assert.ok(nsg2.remade, 'the NSG renamed');
    assert.equal(findings(nsg2.result), findings(analyzeText(renamed, options)));
    assert.notEqual(findings(nsg2.result), before, 'the subnet\'s NSG is no longer the one declared');
    assert.equal(nsg2.result.model!.apimServices[0], first.model!.apimServices[0], 'the APIM instance is the one read first');
    const back = fromPrevious(nsg2.result, template);
    assert.ok(back.remade, 'and back');
    assert.equal(findings(back.result), before);
    for (const [after, what] of [
      ['"name": "stlog', 's2'], // a storage account's name
      ['"type": "Microsoft.Network/networkSecurityGroup', 'x'], // a type the model does not read
      ['"type": "Microsoft.Storage/storageAccount', 'x'],
      ['"name": "apim/order', 'x'], // a child with a full type and name
    ] as const) expectReuse(template, after, what, 'remade');
    // a type the model reads, from one it does not
    expectReuse(template.replace('"type": "Microsoft.Network/networkSecurityGroups"', '"type": "Microsoft.Network/networkSecurityGroup"'), '"type": "Microsoft.Network/networkSecurityGroup', 's', 'remade');
    for (const [after, what] of [
      ['"type": "', '[parameters(\'nothing\')]'], // a type no longer known: the enumeration drops the resource
      ['"type": "Microsoft.ApiManagement/service", "apiVersion": "2023-05-01-preview", "name": "apim', 'x'], // a resource with child resources
    ] as const) expectReuse(template, after, what, 'built');
    expectReuse(template.replace('"type": "Microsoft.Storage/storageAccounts"', '"type": ""'), '"type": "', 'x', 'built'); // no instance before
  });

  it('makes again each instance of a copy loop and of a child written inside its parent', () => {
    const text = template.replace('"resources": [\n', `"resources": [
    { "type": "Microsoft.Storage/storageAccounts", "apiVersion": "2023-01-01", "name": "[concat('st', copyIndex())]", "location": "westeurope",
      "copy": { "name": "st", "count": 3 }, "properties": {} },
    { "type": "Microsoft.Network/virtualNetworks", "apiVersion": "2023-09-01", "name": "vnet2", "location": "westeurope",
      "properties": { "addressSpace": { "addressPrefixes": ["10.1.0.0/16"] } },
      "resources": [ { "type": "subnets", "apiVersion": "2023-09-01", "name": "other", "properties": { "addressPrefix": "10.1.2.0/24" } } ] },
`);
    assert.notEqual(text, template);
    expectReuse(text, '"name": "[concat(\'st', 'x', 'remade'); // every instance of the loop
    expectReuse(text, '"name": "oth', 'x', 'remade'); // a subnet written inside its VNet: its name joins the VNet's
    const subnets = (r: AnalysisResult) => r.model!.subnets.map((s) => s.key);
    const next = insert(text, '"name": "oth', 'x');
    assert.deepEqual(subnets(fromPrevious(analyzeText(text, options), next).result), subnets(analyzeText(next, options)));
  });

  it('reads again every NSG a renamed child security rule or NSG may leave or join (an NSG\'s compiled rules are kept by NSG object)', () => {
    // two NSGs named `nsg` (the last of a name is the one a child rule and a subnet find), a child rule of `nsg`
    const denyIn = `{ "type": "Microsoft.Network/networkSecurityGroups/securityRules", "apiVersion": "2023-09-01", "name": "nsg/DenyIn",
      "properties": { "priority": 100, "direction": "Inbound", "access": "Deny", "protocol": "*", "sourceAddressPrefix": "*",
        "sourcePortRange": "*", "destinationAddressPrefix": "*", "destinationPortRange": "*" } },`;
    const second = `{ "type": "Microsoft.Network/networkSecurityGroups", "apiVersion": "2023-09-01", "name": "nsg", "location": "westeurope", "properties": { "securityRules": [] } },`;
    const text = template.replace('"resources": [\n', `"resources": [\n    ${denyIn}\n`).replace(
      '    { "type": "Microsoft.Network/virtualNetworks"', `    ${second}\n    { "type": "Microsoft.Network/virtualNetworks"`);
    assert.equal(text.split('"name": "nsg"').length, 3, 'two NSGs named nsg');
    const blockedBy = (r: AnalysisResult) => r.findings.filter((f) => f.messageId === 'blocked').map((f) => / blocked by (.*)$/.exec(f.message)?.[1]);
    const first = analyzeText(text, options);
    assert.ok(blockedBy(first).every((b) => b === 'DenyIn (priority 100)'), `the child rule blocks in the second nsg: ${blockedBy(first)}`);
    const away = text.replace('"name": "nsg/DenyIn"', '"name": "nsg9/DenyIn"');
    for (const [label, from, next] of [
      ['the second NSG renamed: the rule and the subnet find the first', text, text.replace(`"name": "nsg", "location": "westeurope", "properties": { "securityRules": [] } },`, `"name": "nsg9", "location": "westeurope", "properties": { "securityRules": [] } },`)],
      ['the rule renamed away from both', text, away],
      ['the rule renamed into the second, whose rules were compiled without it', away, text],
    ] as const) {
      assert.notEqual(next, from, label);
      const previous = analyzeText(from, options);
      const nsgs = previous.model!.networkSecurityGroups;
      const { result, remade } = fromPrevious(previous, next);
      assert.ok(remade, label);
      assert.equal(findings(result), findings(analyzeText(next, options)), label);
      assert.notEqual(findings(result), findings(analyzeText(from, options)), `${label}: the findings change`);
      // every NSG under the old or the new name (here every NSG: both are named nsg, one nsg9 in the first case) is read
      // again (a new object): the memos of the old ones are not read
      const now = result.model!.networkSecurityGroups;
      assert.equal(now.length, 2, label);
      for (const n of now) assert.ok(!nsgs.includes(n), `${label}: ${n.key} read again`);
    }
  });

  it('makes a resource\'s instances again from its object parsed again, when its copy loop, condition, `existing` and child resources are written as before', () => {
    for (const [after, what, expected] of [
      ['"kind": "StorageV2"', ', "extra": 1', 'remade'], // across the values of the resource object
      ['"kind": "StorageV2",', ' "x",', 'remade'], // a key being typed into it: a syntax error inside
      ['"name": "nsg", "location": "westeurope",', ' "x": 1,', 'remade'], // a property added to the NSG
      ['"name": "nsg", "location": "westeurope",', ' "condition": false,', 'built'], // a condition added
      ['"name": "stlogs", "location": "westeurope",', ' "copy": { "name": "c", "count": 2 },', 'built'], // a copy loop added
      ['"name": "nsg", "location": "westeurope",', ' "existing": true,', 'built'],
    ] as const) expectReuse(template, after, what, expected);
    // a resource being typed in a JSON template, its comma not yet there: each keystroke parses it again alone
    const typing = insert(template, '"resources": [\n', '    {"type": "Microsoft.Network/networkSecurityGroups", "name": "nsg2", "location": "westeurope"}\n');
    assert.ok(analyzeText(typing, options).findings.some((f) => f.ruleId === 'syntax-error'), 'a comma expected');
    // parsed whole (a syntax problem), the next version from its tree, whose model is built and handed on
    const typed = insert(typing, '"location": "westeurop', 'e');
    for (const [after, what] of [['"name": "nsg2', 'x'], ['"type": "Microsoft.Network/networkSecurityGroup', 'x'], ['"location": "westeuropee"', ', "tags": {}']] as const) {
      const previous = analyzeText(typed, { ...options, previous: analyzeText(typing, options).reusable });
      assert.ok(handedOn(previous), 'handed on');
      const next = insert(typed, after, what);
      const { result, remade } = fromPrevious(previous, next);
      assert.ok(remade, `an edit after ${after}`);
      assert.equal(findings(result), findings(analyzeText(next, options)), `after ${after}`);
    }
    // the condition, copy loop and child resources as written before, and evaluated again where they are now
    const conditional = template.replace('"name": "stlogs",', '"name": "stlogs", "condition": "[equals(resourceGroup().location, \'westeurope\')]", "copy": { "name": "c", "count": 2 },');
    assert.notEqual(conditional, template);
    expectReuse(conditional, '"kind": "StorageV2"', ', "extra": 1', 'remade');
    const next = insert(conditional, '"kind": "StorageV2"', ', "extra": 1');
    const { result } = fromPrevious(analyzeText(conditional, options), next);
    const storage = handedOn(result).enumeration.resources.filter((r) => r.typeKey === 'microsoft.storage/storageaccounts');
    assert.equal(storage.length, 2, 'both instances of the loop');
    for (const r of storage) {
      assert.equal(r.conditions?.length, 1, 'its own unknown condition');
      assert.equal(r.conditions![0]!.node, prop(r.node, 'condition'), 'the condition node of the object in the tree');
      assert.equal(r.node, prop(result.root!, 'resources')!.children!.find((n) => prop(n, 'name')?.value === 'stlogs'), 'the object in the tree');
    }
  });

  it('in YAML, makes a resource\'s instances again when a property is taken out of its own mapping', () => {
    const yaml = stringify(JSON.parse(template), { lineWidth: 0 });
    const yamlOptions: AnalyzeOptions = { format: 'yaml', uri: 'file:///t/template.yaml' };
    for (const [line, expected] of [['    kind: StorageV2\n', 'remade'], ['    location: westeurope\n', 'remade']] as const) {
      assert.ok(yaml.includes(line), line);
      const next = yaml.replace(line, '');
      const { result, reused, partly, remade } = fromPrevious(analyzeText(yaml, yamlOptions), next, yamlOptions);
      assert.equal(reused ? 'whole' : partly ? 'partly' : remade ? 'remade' : 'built', expected, line);
      assert.equal(findings(result), findings(analyzeText(next, yamlOptions)), line);
    }
  });

  it('in YAML, makes a resource\'s instances again for its name typed letter by letter', () => {
    const yaml = stringify(JSON.parse(template), { lineWidth: 0 });
    const yamlOptions: AnalyzeOptions = { format: 'yaml', uri: 'file:///t/template.yaml' };
    let previous = analyzeText(yaml, yamlOptions);
    let text = yaml;
    let typed = 'name: nsg';
    for (const ch of '-new') {
      const next = insert(text, typed, ch);
      text = next;
      typed += ch;
      const r = fromPrevious(previous, next, yamlOptions);
      assert.ok(r.remade, typed);
      assert.equal(findings(r.result), findings(analyzeText(next, yamlOptions)), typed);
      previous = r.result;
    }
    assert.notEqual(findings(previous), findings(analyzeText(yaml, yamlOptions)), 'the subnet\'s NSG is no longer the one declared');
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
    const enumeration = handedOn(previous).enumeration;
    const vnet = previous.model!.virtualNetworks[0];
    for (const [after, what] of [['"securityRules": [', '{ "name": "AllowMgmt", "properties": { "priority": 100, "direction": "Inbound", "access": "Allow", "protocol": "Tcp", "sourceAddressPrefix": "ApiManagement", "sourcePortRange": "*", "destinationAddressPrefix": "VirtualNetwork", "destinationPortRange": "3443" } }'], ['"priority": 10', '1'], ['"AllowMgm', 'x']]) {
      text = insert(text, after!, what!);
      previous = analyzeText(text, { ...options, previous: previous.reusable });
      assert.notEqual(previous.model!.networkSecurityGroups, nsgs, `an edit after ${after}: the NSG is read again`);
      assert.equal(handedOn(previous).enumeration, enumeration, 'the enumeration is kept');
      assert.equal(previous.model!.virtualNetworks[0], vnet, 'the VNet is the one read first');
      assert.equal(findings(previous), findings(analyzeText(text, options)));
    }
    text = insert(text, '"name": "ns', 'x');
    previous = analyzeText(text, { ...options, previous: previous.reusable });
    assert.notEqual(handedOn(previous).enumeration, enumeration, 'the NSG renamed: its instance is made again');
    assert.equal(findings(previous), findings(analyzeText(text, options)));
  });

  it('reads a child security rule into its NSG again when the links are made; an edit in the child rule reads its NSG again', () => {
    const withChild = template.replace('"resources": [\n', `"resources": [
    { "type": "Microsoft.Network/networkSecurityGroups/securityRules", "apiVersion": "2023-09-01", "name": "nsg/AllowLb",
      "properties": { "priority": 110, "direction": "Inbound", "access": "Allow", "protocol": "Tcp", "sourceAddressPrefix": "AzureLoadBalancer",
        "sourcePortRange": "*", "destinationAddressPrefix": "VirtualNetwork", "destinationPortRange": "6390" } },
`);
    assert.notEqual(withChild, template);
    // the NSG's tags, the subnet, and the child rule's port (6390 becomes 63901: the health probe's flow is blocked)
    for (const [after, nsgAgain] of [['"tags": { "owner": "net-', true], ['"addressPrefix": "10.0.1.0/2', false], ['"destinationPortRange": "6390', true]] as const) {
      const first = analyzeText(withChild, options);
      const nsg = first.model!.networkSecurityGroups[0]!;
      assert.equal(nsg.rules.length, 1, 'the child rule joins the NSG');
      const next = insert(withChild, after, '1');
      const { result, partly } = fromPrevious(first, next);
      assert.ok(partly, `an edit after ${after}`);
      assert.equal(result.model!.networkSecurityGroups[0] !== nsg, nsgAgain, `after ${after}: the NSG read again`);
      assert.deepEqual(result.model!.networkSecurityGroups.map((n) => n.rules.length), [1], 'the child rule joins the NSG once');
      assert.equal(findings(result), findings(analyzeText(next, options)), `after ${after}`);
    }
    const port = analyzeText(insert(withChild, '"destinationPortRange": "6390', '1'), options);
    assert.notEqual(findings(port), findings(analyzeText(withChild, options)), 'the port edit changes the findings');
  });

  it('joins a child subnet read again, or a VNet read again, as a build does (the child subnet takes the place of the inline one)', () => {
    const withChild = template.replace('"resources": [\n', `"resources": [
    { "type": "Microsoft.Network/virtualNetworks/subnets", "apiVersion": "2023-09-01", "name": "vnet/apim",
      "properties": { "addressPrefix": "10.0.1.0/28", "networkSecurityGroup": { "id": "[resourceId('Microsoft.Network/networkSecurityGroups', 'nsg')]" } } },
`);
    assert.notEqual(withChild, template);
    for (const [after, what] of [['"name": "vnet/apim",\n      "properties": { ', '"serviceEndpoints": [], '], ['"addressSpace": { ', '"x": 1, ']] as const) {
      const first = analyzeText(withChild, options);
      const apimSubnet = first.model!.apimServices[0]!.regions[0]!.subnet!;
      assert.equal(apimSubnet.addressPrefix.ev?.t === 'string' && apimSubnet.addressPrefix.ev.v, '10.0.1.0/28', 'the child subnet is the APIM subnet');
      const next = insert(withChild, after, what);
      const { result, partly } = fromPrevious(first, next);
      assert.ok(partly, `an edit after ${after}`);
      const model = result.model!;
      const vnet = model.virtualNetworks[0]!;
      assert.deepEqual(vnet.subnets.map((s) => s.addressPrefix.ev?.t === 'string' && s.addressPrefix.ev.v), ['10.0.1.0/28'], 'the child subnet, once, in place of the inline one');
      assert.equal(model.apimServices[0]!.regions[0]!.subnet, vnet.subnets[0], 'the APIM region is in the child subnet of this model');
      assert.equal(findings(result), findings(analyzeText(next, options)), `after ${after}`);
    }
  });

  it('builds the model afresh once the template\'s evaluation budget is spent (it is spent over the versions)', () => {
    // a rule name written as an expression: reading the NSG again spends steps of the budget
    const text = template.replace('"securityRules": []', '"securityRules": [{ "name": "[concat(\'Allow\', \'Mgmt\')]", "properties": { "priority": 100 } }]');
    const next = insert(text, '"priority": 10', '1');
    const versions = (maxSteps: number) => {
      const enumerate = (root: SourceNode) => () => enumerateResources(root, TemplateScope.forTemplate(root, { limits: { maxSteps } }));
      const first = parseJson(text);
      const built = modelFor('json', text, first.root!, first, {}, undefined, enumerate(first.root!));
      const { steps, exhausted } = budget(built);
      const second = reparseJson(first.reusable!, next)!;
      assert.ok(second.replaced, 'the edit is parsed in place');
      return { built, steps, exhausted, again: modelFor('json', next, second.root!, second, {}, built, enumerate(second.root!)) };
    };
    const budget = (m: ModelForReuse) => m.enumeration.resources[0]!.scope.budget;
    const { steps } = versions(1_000_000);
    assert.ok(steps > 0, 'the first build spends steps');
    for (const [maxSteps, kept] of [[1_000_000, true], [steps, false]] as const) {
      const { built, again, exhausted } = versions(maxSteps);
      assert.equal(exhausted, false, `budget ${maxSteps}: the first build fits`);
      assert.equal(again.enumeration === built.enumeration, kept, `budget ${maxSteps}`);
      assert.equal(budget(again).exhausted, false, 'no model is read from a spent budget');
    }
  });

  it('finds the resource inside which the edit lies, the innermost one, where the enumeration reads nothing', () => {
    const root = parseJson(`{"resources": [
      {"type": "Microsoft.Storage/storageAccounts", "name": "s", "properties": {"a": {"b": 1}}, "sku": {"name": "x"}, "tags": {"a": {}}, "copy": {"name": "l", "count": 2}},
      {"type": "Microsoft.Network/virtualNetworks", "name": "v", "properties": {"a": {}}, "resources": [
        {"type": "subnets", "name": "s", "properties": {"a": {}}}]}]}`).root!;
    const [storage, vnet] = prop(root, 'resources')!.children!;
    const inner = (r: typeof storage, key: string) => prop(prop(r, key), 'a') ?? prop(r, key)!;
    const read = (r: typeof storage) => ({ resource: r, naming: false });
    assert.deepEqual(editedResource(inner(storage!, 'properties')), read(storage));
    assert.deepEqual(editedResource(prop(storage!, 'properties')!), read(storage), 'the properties object itself');
    assert.deepEqual(editedResource(inner(storage!, 'tags')), read(storage));
    assert.deepEqual(editedResource(prop(storage!, 'sku')!), read(storage), 'its SKU (the enumeration reads it not)');
    assert.equal(editedResource(prop(storage!, 'copy')!), undefined, 'its copy loop');
    assert.deepEqual(editedResource(prop(storage!, 'name')!), { resource: storage, naming: true }, 'its name: its instances made again');
    assert.deepEqual(editedResource(prop(storage!, 'type')!), { resource: storage, naming: true }, 'its type');
    assert.equal(editedResource(storage!), undefined, 'the resource itself');
    // the resource object parsed again, in place of its previous object: its instances made again from it, unless the
    // enumeration reads something else of it differently
    const previousStorage = (text: string) => prop(parseJson(`{"resources": [${text}]}`).root!, 'resources')!.children![0]!;
    const sameLoop = previousStorage('{"type": "Microsoft.Storage/storageAccounts", "name": "t", "copy": {"name": "l", "count": 2}}');
    assert.deepEqual(editedResource(storage!, sameLoop), { resource: storage, naming: true, was: sameLoop }, 'parsed again');
    assert.equal(editedResource(storage!, previousStorage('{"type": "Microsoft.Storage/storageAccounts", "name": "s", "copy": {"name": "l", "count": 3}}')), undefined, 'another copy loop');
    assert.equal(editedResource(storage!, previousStorage('{"type": "Microsoft.Storage/storageAccounts", "name": "s", "condition": false, "copy": {"name": "l", "count": 2}}')), undefined, 'a condition before');
    assert.deepEqual(editedResource(inner(vnet!, 'properties')), read(vnet));
    assert.equal(editedResource(prop(vnet!, 'resources')!), undefined, 'its child resources');
    const subnet = prop(vnet!, 'resources')!.children![0]!;
    assert.deepEqual(editedResource(inner(subnet, 'properties')), read(subnet), 'the innermost resource');
    assert.equal(editedResource(prop(root, 'resources')!), undefined, 'outside every resource');
  });

  it('tells a resource where the enumeration finds one: not an object of some `resources` inside properties; in a `resources` object of symbolic names', () => {
    const inProperties = template.replace('"publisherEmail": "a@b.c",', '"publisherEmail": "a@b.c", "custom": { "resources": [ { "type": "Microsoft.Storage/storageAccounts", "note": "abc" } ] },');
    assert.notEqual(inProperties, template);
    const symbolic = `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "languageVersion": "2.0",
  "resources": {
    "nsg": { "type": "Microsoft.Network/networkSecurityGroups", "apiVersion": "2023-09-01", "name": "nsg", "location": "westeurope",
      "properties": { "securityRules": [] } },
    "st": { "type": "Microsoft.Storage/storageAccounts", "apiVersion": "2023-01-01", "name": "st", "location": "westeurope",
      "properties": { "minimumTlsVersion": "TLS1_2" } }
  }
}`;
    for (const [text, after, what, expected] of [
      [inProperties, '"note": "ab', 'x', 'partly'], // part of the APIM instance's properties: it is read again
      [symbolic, '"minimumTlsVersion": "TLS1_', '3', 'whole'],
      [symbolic, '"securityRules": [', '{ "name": "x", "properties": { "priority": 100 } }', 'partly'],
    ] as const) expectReuse(text, after, what, expected);
  });

  it('tells the resource\'s type by its instances: a short child type, a type written as an expression; without instances, nothing was read', () => {
    const text = `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "variables": { "storageType": "Microsoft.Storage/storageAccounts" },
  "resources": [
    { "type": "Microsoft.Network/virtualNetworks", "apiVersion": "2023-09-01", "name": "vnet", "location": "westeurope",
      "properties": { "addressSpace": { "addressPrefixes": ["10.0.0.0/16"] } },
      "resources": [ { "type": "subnets", "apiVersion": "2023-09-01", "name": "apim", "dependsOn": ["vnet"], "properties": { "addressPrefix": "10.0.1.0/24" } } ] },
    { "type": "Microsoft.ApiManagement/service", "apiVersion": "2023-05-01-preview", "name": "apim", "location": "westeurope",
      "sku": { "name": "Developer", "capacity": 1 },
      "properties": { "publisherEmail": "a@b.c", "publisherName": "x", "virtualNetworkType": "External",
        "virtualNetworkConfiguration": { "subnetResourceId": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet', 'apim')]" } },
      "resources": [ { "type": "apis", "apiVersion": "2023-05-01-preview", "name": "orders", "dependsOn": ["apim"], "properties": { "displayName": "Orders", "path": "orders" } } ] },
    { "type": "[variables('storageType')]", "apiVersion": "2023-01-01", "name": "st", "location": "westeurope", "properties": { "minimumTlsVersion": "TLS1_2" } },
    { "condition": false, "type": "Microsoft.Storage/storageAccounts", "apiVersion": "2023-01-01", "name": "st2", "properties": { "minimumTlsVersion": "TLS1_2" } },
    { "condition": false, "type": "Microsoft.Network/networkSecurityGroups", "apiVersion": "2023-09-01", "name": "nsg2", "properties": { "securityRules": [] } }
  ]
}`;
    for (const [after, what, expected] of [
      ['"displayName": "Ord', 'ers', 'whole'], // an API of the APIM instance (a short child type)
      ['"addressPrefix": "10.0.1.0/2', '5', 'partly'], // a subnet written as a short child type of the VNet
      ['"minimumTlsVersion": "TLS1_', '3', 'whole'], // a storage account whose type is an expression
      ['"name": "st2", "properties": { "minimumTlsVersion": "TLS1_', '3', 'whole'], // no instance (a false condition)
      ['"securityRules": [', '{ "name": "x", "properties": { "priority": 100 } }', 'whole'], // no instance, of a type the model reads
    ] as const) expectReuse(text, after, what, expected);
  });
});
