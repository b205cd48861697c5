import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkServiceTag, damerauLevenshtein, suggestTag, tagRegionLocation } from '../../../server/src/core/azure/suggest';
import { CLASSIC_TAGS, findServiceTag, parseTagText, SERVICE_TAGS } from '../../../server/src/core/azure/serviceTags';
import { findRegion, normalizeLocation, REGIONS, regionTagSuffix } from '../../../server/src/core/azure/regions';

test('table sanity', () => {
  const names = new Set<string>();
  for (const t of SERVICE_TAGS) {
    assert.ok(!names.has(t.name.toLowerCase()), `duplicate ${t.name}`);
    names.add(t.name.toLowerCase());
    assert.ok(t.description.endsWith('.'), t.name);
    assert.ok(t.source.length > 0);
    if (!t.publicAzure) assert.notEqual(t.inAzureCloud, 'yes', t.name);
  }
  for (const n of ['VirtualNetwork', 'AzureLoadBalancer', 'AzurePlatformDNS', 'AzurePlatformIMDS', 'AzurePlatformLKM', 'Internet']) {
    assert.equal(findServiceTag(n)?.publicAzure, false, n);
  }
  for (const n of ['ApiManagement', 'Storage', 'Sql', 'AzureKeyVault', 'AzureMonitor', 'EventHub', 'AzureTrafficManager', 'AzureActiveDirectory', 'AzureConnectors', 'AzureCloud']) {
    assert.equal(findServiceTag(n)?.publicAzure, true, n);
  }
  for (const n of ['Storage', 'Sql', 'EventHub', 'ApiManagement', 'AzureKeyVault', 'AzureCloud']) assert.equal(findServiceTag(n)?.regional, true, n);
  for (const n of ['AzureLoadBalancer', 'VirtualNetwork', 'Internet', 'AzureTrafficManager', 'AzureActiveDirectory']) assert.equal(findServiceTag(n)?.regional, false, n);
  assert.equal(SERVICE_TAGS.length > 90, true);
  assert.deepEqual(CLASSIC_TAGS.map((c) => c.replacement), ['AzureLoadBalancer', 'Internet', 'VirtualNetwork']);
});

test('regions', () => {
  assert.equal(normalizeLocation('West Europe'), 'westeurope');
  assert.equal(normalizeLocation(' France Central '), 'francecentral');
  assert.equal(findRegion('WestEurope')?.display, 'West Europe');
  assert.equal(findRegion('westus2')?.display, 'West US 2');
  assert.equal(findRegion('narnia'), undefined);
  assert.equal(regionTagSuffix(findRegion('uksouth')!), 'UKSouth');
  assert.equal(new Set(REGIONS.map((r) => r.name)).size, REGIONS.length);
  for (const r of REGIONS) assert.equal(normalizeLocation(r.display), r.name, r.display);
});

test('parseTagText handles dotted tag names and regional forms', () => {
  assert.equal(parseTagText('AzureFrontDoor.Backend').tag?.name, 'AzureFrontDoor.Backend');
  assert.equal(parseTagText('AzureFrontDoor.Backend').regionText, undefined);
  const r = parseTagText('Storage.WestEurope');
  assert.equal(r.tag?.name, 'Storage');
  assert.equal(r.regionText, 'WestEurope');
  assert.equal(tagRegionLocation('AzureCloud', 'centralfrance'), 'francecentral');
  assert.equal(tagRegionLocation('Storage', 'centralfrance'), undefined);
});

test('checkServiceTag: valid', () => {
  const ok = ['*', 'Internet', 'VirtualNetwork', 'AzureLoadBalancer', 'ApiManagement', 'Storage', 'Sql', 'AzureKeyVault', 'AzureMonitor', 'EventHub',
    'AzureActiveDirectory', 'AzureConnectors', 'AzureCloud', 'AzureTrafficManager', 'AzureFrontDoor.Backend', 'AzureFrontDoor.Frontend', 'AzureFrontDoor.FirstParty',
    'GatewayManager', 'AppService', 'AzureResourceManager', 'Storage.WestEurope', 'Storage.westeurope', 'Sql.EastUS2', 'EventHub.WestUS', 'ApiManagement.FranceCentral',
    'AzureCloud.centralfrance', 'AzureMonitor.WestEurope', 'Storage.UKSouth'];
  for (const t of ok) assert.equal(checkServiceTag(t).kind, 'ok', t);
  const r = checkServiceTag('Storage.WestEurope');
  assert.ok(r.kind === 'ok' && r.region === 'westeurope' && r.tag?.name === 'Storage');
});

test('checkServiceTag: misspellings and casing', () => {
  const table: [string, string, string | undefined][] = [
    ['Azure Monitor', 'unknown', 'AzureMonitor'],
    ['APIManagement', 'casing', 'ApiManagement'],
    ['ApiManagment', 'unknown', 'ApiManagement'],
    ['KeyVault', 'unknown', 'AzureKeyVault'],
    ['AzureMonitoring', 'unknown', 'AzureMonitor'],
    ['VirtualNetworks', 'unknown', 'VirtualNetwork'],
    ['AzureTrafficManger', 'unknown', 'AzureTrafficManager'],
    ['SQL', 'casing', 'Sql'],
    ['AzureLoadbalancer', 'casing', 'AzureLoadBalancer'],
    ['AzureKeyvault', 'casing', 'AzureKeyVault'],
    ['internet', 'casing', 'Internet'],
    ['storage.WestEurope', 'casing', 'Storage.WestEurope'],
    ['Virtual Network', 'unknown', 'VirtualNetwork'],
    ['Storag', 'unknown', 'Storage'],
    ['EventHubs', 'unknown', 'EventHub'],
    ['AzureStorage', 'unknown', 'Storage'],
    ['Any', 'unknown', '*'],
    ['Storage.Narnia', 'unknown', 'Storage'],
    ['Storage.WestEurop', 'unknown', 'Storage.WestEurope'],
    ['Storage.West Europe', 'unknown', 'Storage.WestEurope'],
    ['AzureLoadBalancer.WestEurope', 'unknown', 'AzureLoadBalancer'],
    ['AzureTrafficManager.WestEurope', 'unknown', 'AzureTrafficManager'],
    ['Storag.WestEurope', 'unknown', 'Storage.WestEurope'],
    ['Virtual_Network', 'unknown', 'VirtualNetwork'],
    ['Azure_LoadBalancer', 'unknown', 'AzureLoadBalancer'],
  ];
  for (const [text, kind, suggestion] of table) {
    const r = checkServiceTag(text);
    assert.equal(r.kind, kind, text);
    if (r.kind === 'casing') assert.equal(r.canonical, suggestion, text);
    else if (r.kind === 'unknown') assert.equal(r.suggestion, suggestion, text);
  }
  const reasons: [string, string][] = [['Storage.Narnia', 'region'], ['AzureLoadBalancer.WestEurope', 'not-regional'], ['Foo', 'tag'], ['Any', 'wildcard']];
  for (const [t, reason] of reasons) {
    const r = checkServiceTag(t);
    assert.ok(r.kind === 'unknown' && r.reason === reason, t);
  }
  const none = checkServiceTag('Xyzzy');
  assert.ok(none.kind === 'unknown' && none.suggestion === undefined);
});

test('checkServiceTag: classic spellings', () => {
  const table: [string, string][] = [['AZURE_LOADBALANCER', 'AzureLoadBalancer'], ['INTERNET', 'Internet'], ['VIRTUAL_NETWORK', 'VirtualNetwork']];
  for (const [t, rep] of table) {
    const r = checkServiceTag(t);
    assert.ok(r.kind === 'classic' && r.replacement === rep, t);
  }
});

test('checkServiceTag: addresses', () => {
  const good = ['10.0.0.0/24', '10.0.0.4', '0.0.0.0/0', '168.63.129.16/32'];
  for (const t of good) {
    const r = checkServiceTag(t);
    assert.ok(r.kind === 'address' && r.cidr && !r.aligned, t);
  }
  const hb = checkServiceTag('10.0.0.5/24');
  assert.ok(hb.kind === 'address' && hb.aligned && hb.aligned.addr === 167772160);
  const v6 = checkServiceTag('2001:db8::/32');
  assert.ok(v6.kind === 'address' && v6.ipv6);
  for (const t of ['10.0.0.300/24', '10.0.0.0/33', '10.0.0', '1.2.3.4.5']) assert.equal(checkServiceTag(t).kind, 'bad-address', t);
});

test('suggestTag and distance', () => {
  assert.equal(damerauLevenshtein('ab', 'ba'), 1);
  assert.equal(damerauLevenshtein('kitten', 'sitting'), 3);
  assert.equal(damerauLevenshtein('', 'abc'), 3);
  assert.equal(suggestTag('AzureKeyValut')?.name, 'AzureKeyVault');
  assert.equal(suggestTag('zzzzzzzzzzzzz'), undefined);
});
