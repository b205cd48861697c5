import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { stringify as toYaml } from 'yaml';
import { isTopologyGraph, type TopologyEdge, type TopologyGraph } from '../../../common/topology';
import { analyzeText } from '../../../server/src/core/index';
import { flowsFor } from '../../../server/src/core/azure/apimRequirements';
import { buildTopology } from '../../../server/src/core/topology/index';
import { apim, injected, nsg, requiredRules, rule, template, vnet, type Obj } from '../../helpers/templates';
import { fullNsg, multiRegionApim } from '../../helpers/templates-part1';
import { privateDnsZone, privateEndpoint, publicIp, PIP_ID } from '../../helpers/templates-part2';

function graphOf(t: Obj, format: 'json' | 'yaml' = 'json'): { graph: TopologyGraph; text: string } {
  const text = format === 'json' ? JSON.stringify(t, null, 2) : toYaml(t);
  return { graph: buildTopology(analyzeText(text, { format })), text };
}

const flows = (g: TopologyGraph, requirement?: string): TopologyEdge[] =>
  g.edges.filter((e) => e.kind === 'flow' && (requirement === undefined || e.flow!.requirement === requirement));
const node = (g: TopologyGraph, id: string) => {
  const n = g.nodes.find((x) => x.id === id);
  assert.ok(n, `node ${id} in ${g.nodes.map((x) => x.id).join(', ')}`);
  return n;
};
const textAt = (text: string, r: { offset: number; length: number } | undefined) => (r ? text.slice(r.offset, r.offset + r.length) : '');

describe('topology graph', () => {
  for (const format of ['json', 'yaml'] as const) {
    it(`a correct External injection (${format}): nodes, structure, every flow allowed by its rule, the budget`, () => {
      const { graph, text } = graphOf(injected(), format);
      assert.ok(isTopologyGraph(graph));
      assert.deepEqual(JSON.parse(JSON.stringify(graph)), graph, 'plain JSON data');
      const v = node(graph, 'vnet:vnet');
      assert.deepEqual(v.label, ['vnet', '10.0.0.0/16', 'westeurope']);
      const s = node(graph, 'subnet:vnet/apim');
      assert.equal(s.parent, 'vnet:vnet');
      assert.deepEqual(s.label, ['apim', '10.0.1.0/27']);
      // Premium × 1, External: 2 addresses; /27 = 32, 5 reserved.
      assert.deepEqual(s.budget, { prefix: '10.0.1.0/27', size: 32, reserved: 5, usedByApim: 2, free: 25, overcommitted: false });
      assert.match(textAt(text, s.range), /addressPrefix/);
      const a = node(graph, 'apim:apim-contoso');
      assert.deepEqual(a.label, ['apim-contoso', 'Premium × 1', 'External (VNet injection)', 'westeurope']);
      assert.match(textAt(text, a.range), /Microsoft\.ApiManagement\/service/);
      node(graph, 'nsg:apim-nsg');
      assert.ok(graph.edges.some((e) => e.kind === 'nsgAssociation' && e.from === 'nsg:apim-nsg' && e.to === 'subnet:vnet/apim'));
      const inj = graph.edges.find((e) => e.kind === 'injection')!;
      assert.deepEqual([inj.from, inj.to], ['apim:apim-contoso', 'subnet:vnet/apim']);
      assert.match(textAt(text, inj.range), /resourceId\('Microsoft.Network\/virtualNetworks\/subnets'/);

      const expected = flowsFor('classic-external', 'premium');
      assert.equal(flows(graph).length, expected.length);
      for (const req of expected.filter((r) => r.required)) {
        const [e] = flows(graph, req.id);
        assert.ok(e, req.id);
        assert.equal(e.flow!.verdict, 'allowed', `${req.id}: ${e.flow!.explanation}`);
        assert.equal(e.flow!.required, true);
        assert.ok(e.flow!.rule && !e.flow!.rule.isDefault);
        // The edge selects the deciding rule.
        assert.ok(textAt(text, e.range).includes(e.flow!.rule.name), `${req.id} range shows ${e.flow!.rule.name}`);
        // Inbound flows come from the tag, outbound ones go to it.
        const tag = `serviceTag:${req.direction === 'Inbound' ? 'in' : 'out'}:${req.remote}`;
        assert.deepEqual(req.direction === 'Inbound' ? [e.from, e.to] : [e.to, e.from], [tag, 'subnet:vnet/apim']);
      }
      const storage = flows(graph, 'storage-443')[0]!;
      assert.deepEqual(storage.flow!.rule, { name: 'AllowStorageOutbound', priority: 100, isDefault: false });
      assert.equal(storage.flow!.description, 'outbound TCP 443 to Storage');
      assert.equal(storage.label, '443');
      assert.equal(graph.findings.length, 0);
    });
  }

  it('blocked, default-allowed and unknown verdicts name the deciding rule', () => {
    const rules = requiredRules('External').filter((r) => (r as { name: string }).name !== 'AllowInternetHttpOutbound');
    rules.unshift(rule({ name: 'DenySqlOutbound', priority: 105, direction: 'Outbound', access: 'Deny', destination: 'Sql', port: '*', protocol: '*' }));
    const { graph, text } = graphOf(injected({ rules }));
    const sql = flows(graph, 'sql-1433')[0]!.flow!;
    assert.equal(sql.verdict, 'blocked');
    assert.deepEqual(sql.rule, { name: 'DenySqlOutbound', priority: 105, isDefault: false });
    assert.match(sql.explanation, /blocked by DenySqlOutbound \(priority 105\)/);
    assert.match(textAt(text, flows(graph, 'sql-1433')[0]!.range), /DenySqlOutbound/);
    const internet = flows(graph, 'internet-80')[0]!.flow!;
    assert.equal(internet.verdict, 'default-allowed');
    assert.deepEqual(internet.rule, { name: 'AllowInternetOutBound', priority: 65001, isDefault: true });
    // An optional flow nobody opened explicitly: allowed by the default AllowAzureLoadBalancerInBound.
    const lb = flows(graph, 'lb-6391')[0]!.flow!;
    assert.equal(lb.verdict, 'default-allowed');
    assert.equal(lb.required, false);
    assert.equal(lb.rule?.name, 'AllowAzureLoadBalancerInBound');
    // The finding about the blocked flow sits on the NSG.
    const n = node(graph, 'nsg:apim-nsg');
    assert.ok(n.findings.some((f) => f.ruleId === 'nsg-required-port' && f.severity === 'error' && /Sql/.test(f.message)));
  });

  it('an expression for a rule field makes the verdict unknown', () => {
    const t = injected();
    (t as { parameters?: Obj }).parameters = { access: { type: 'string' } };
    const nsgRes = (t['resources'] as Obj[])[0] as { properties: { securityRules: { properties: Obj }[] } };
    nsgRes.properties.securityRules.unshift({ name: 'Maybe', properties: { protocol: '*', sourcePortRange: '*', destinationPortRange: '*', sourceAddressPrefix: '*', destinationAddressPrefix: 'Storage', access: "[parameters('access')]", priority: 90, direction: 'Outbound' } } as never);
    const { graph } = graphOf(t);
    const storage = flows(graph, 'storage-443')[0]!.flow!;
    assert.equal(storage.verdict, 'unknown');
    assert.match(storage.explanation, /Maybe/);
  });

  it('a subnet without NSG: flows pass unfiltered, the finding is on a node', () => {
    const { graph } = graphOf(template([vnet('vnet', '10.0.0.0/16', [{ name: 'apim', prefix: '10.0.1.0/27' }]), apim({ type: 'Internal' })]));
    for (const e of flows(graph)) {
      assert.equal(e.flow!.verdict, 'default-allowed');
      assert.match(e.flow!.explanation, /no NSG/);
      assert.equal(e.flow!.rule, undefined);
    }
    const all = graph.nodes.flatMap((n) => n.findings.map((f) => f.ruleId));
    assert.ok(all.includes('nsg-missing'), all.join(', '));
    assert.equal(node(graph, 'subnet:vnet/apim').budget?.usedByApim, 3, 'Internal: 2 + 1 for the load balancer');
  });

  it('multi-region: additional locations are their own nodes with their own subnets, flows and public IPs', () => {
    const t = template([
      fullNsg('nsg-weu'),
      fullNsg('nsg-neu', 'External', 'northeurope'),
      vnet('vnet-weu', '10.0.0.0/16', [{ name: 'apim', prefix: '10.0.1.0/28', nsg: 'nsg-weu' }]),
      vnet('vnet-neu', '10.1.0.0/16', [{ name: 'apim', prefix: '10.1.1.0/29', nsg: 'nsg-neu' }], 'northeurope'),
      publicIp({ name: 'pip-weu' }),
      publicIp({ name: 'pip-neu', location: 'northeurope' }),
      multiRegionApim({ vnet: 'vnet-weu', capacity: 2, properties: { publicIpAddressId: PIP_ID('pip-weu') } }, [{ location: 'northeurope', vnet: 'vnet-neu', capacity: 1 }]),
    ]);
    ((t['resources'] as Obj[])[6] as { properties: { additionalLocations: Obj[] } }).properties.additionalLocations[0]!['publicIpAddressId'] = PIP_ID('pip-neu');
    const { graph } = graphOf(t);
    const r = node(graph, 'apimRegion:apim-contoso/northeurope');
    assert.deepEqual(r.label, ['apim-contoso · northeurope', 'Premium × 1', 'External (VNet injection)']);
    assert.ok(graph.edges.some((e) => e.kind === 'additionalLocation' && e.from === 'apim:apim-contoso' && e.to === r.id));
    assert.ok(graph.edges.some((e) => e.kind === 'injection' && e.from === r.id && e.to === 'subnet:vnet-neu/apim'));
    assert.ok(graph.edges.some((e) => e.kind === 'publicIp' && e.from === 'publicIp:pip-neu' && e.to === r.id));
    assert.ok(graph.edges.some((e) => e.kind === 'publicIp' && e.from === 'publicIp:pip-weu' && e.to === 'apim:apim-contoso'));
    const neuFlows = flows(graph).filter((e) => e.from === 'subnet:vnet-neu/apim' || e.to === 'subnet:vnet-neu/apim');
    // An additional region also needs the primary region's regional Storage, Sql and EventHub tags (F-TAGS-REGIONAL).
    const table = flowsFor('classic-external', 'premium');
    assert.equal(neuFlows.length, table.length + table.filter((f) => f.regional).length);
    assert.ok(neuFlows.some((e) => e.flow!.requirement === 'storage-443-primary' && e.to.endsWith(':Storage.WestEurope')), JSON.stringify(neuFlows.map((e) => [e.flow!.requirement, e.to])));
    assert.ok(neuFlows.every((e) => e.flow!.region === 'northeurope' && e.flow!.nsg === 'nsg-neu'));
    // The /29 in North Europe: 8 addresses, 5 reserved, 2 used, 1 free.
    assert.deepEqual(node(graph, 'subnet:vnet-neu/apim').budget, { prefix: '10.1.1.0/29', size: 8, reserved: 5, usedByApim: 2, free: 1, overcommitted: false });
    // Premium × 2 in a /28: 4 used.
    assert.equal(node(graph, 'subnet:vnet-weu/apim').budget?.usedByApim, 4);

    // Each region is a group: its instance node, its own service tags, its VNet, NSG and public IP.
    const weu = node(graph, 'region:apim-contoso/westeurope');
    const neu = node(graph, 'region:apim-contoso/northeurope');
    assert.deepEqual(weu.label, ['westeurope', 'apim-contoso · primary location']);
    assert.deepEqual(neu.label, ['northeurope', 'apim-contoso · additional location']);
    assert.equal(weu.parent, undefined);
    assert.equal(node(graph, 'apim:apim-contoso').parent, weu.id);
    assert.equal(r.parent, neu.id);
    assert.equal(node(graph, 'vnet:vnet-weu').parent, weu.id);
    assert.equal(node(graph, 'vnet:vnet-neu').parent, neu.id);
    assert.equal(node(graph, 'subnet:vnet-neu/apim').parent, 'vnet:vnet-neu', 'subnets stay in their VNet');
    assert.equal(node(graph, 'nsg:nsg-neu').parent, neu.id);
    assert.equal(node(graph, 'publicIp:pip-neu').parent, neu.id);
    assert.equal(node(graph, 'publicIp:pip-weu').parent, weu.id);
    const storage = graph.nodes.filter((n) => n.kind === 'serviceTag' && n.label[0] === 'Storage');
    assert.deepEqual(storage.map((n) => [n.id, n.parent]), [
      ['serviceTag:apim-contoso/westeurope:out:Storage', weu.id],
      ['serviceTag:apim-contoso/northeurope:out:Storage', neu.id],
    ]);
    // Every flow stays in its region's group: its tag is in the group of the instance injected in its subnet.
    const groupOf = (id: string): string | undefined => {
      let n = node(graph, id);
      while (n.parent && n.kind !== 'region') n = node(graph, n.parent);
      return n.kind === 'region' ? n.id : undefined;
    };
    for (const e of flows(graph)) {
      assert.equal(groupOf(e.from), groupOf(e.to), e.id);
      assert.equal(groupOf(e.from), e.flow!.region === 'northeurope' ? neu.id : weu.id, e.id);
    }
    assert.ok(isTopologyGraph(graph));
  });

  it('regional groups: only with more than one region; a shared VNet goes to the region with flows; what serves several groups stays outside', () => {
    // One instance, one region: no group, tags as before.
    const single = graphOf(injected()).graph;
    assert.equal(single.nodes.filter((n) => n.kind === 'region').length, 0);
    assert.ok(single.nodes.some((n) => n.id === 'serviceTag:out:Storage' && n.parent === undefined));

    // A classic instance and a v2 integration in the same VNet, one NSG on both subnets.
    const t = template([
      fullNsg('nsg-shared'),
      vnet('vnet', '10.0.0.0/16', [
        { name: 'classic', prefix: '10.0.1.0/27', nsg: 'nsg-shared' },
        { name: 'v2', prefix: '10.0.2.0/27', nsg: 'nsg-shared', delegation: 'Microsoft.Web/serverFarms' },
      ]),
      apim({ name: 'apim-v2', sku: 'StandardV2', type: 'External', subnet: 'v2' }),
      apim({ name: 'apim-classic', type: 'External', subnet: 'classic' }),
    ]);
    const { graph } = graphOf(t);
    const classic = node(graph, 'region:apim-classic/westeurope');
    const v2 = node(graph, 'region:apim-v2/westeurope');
    assert.equal(node(graph, 'apim:apim-v2').parent, v2.id);
    assert.equal(node(graph, 'vnet:vnet').parent, classic.id, 'the VNet goes to the instance whose flows it carries');
    assert.equal(node(graph, 'nsg:nsg-shared').parent, classic.id, 'its subnets are all in that group');
    assert.ok(graph.edges.some((e) => e.kind === 'injection' && e.from === 'apim:apim-v2' && e.to === 'subnet:vnet/v2'), 'the other instance reaches into it');
    assert.ok(flows(graph).length > 0);
    assert.ok(flows(graph).every((e) => node(graph, e.flow!.direction === 'Inbound' ? e.from : e.to).parent === classic.id));
    assert.equal(graph.nodes.filter((n) => n.parent === v2.id).length, 1, 'no flows, no tags: the instance alone');
  });

  it('copy loops: a finding goes to the instance its message names, not the first one sharing the source', () => {
    // Two VNets and two instances from copy loops; only the second subnet is too small for Premium × 3.
    const sites = [{ name: 'a', space: '10.0.0.0/16', prefix: '10.0.1.0/27' }, { name: 'b', space: '10.1.0.0/16', prefix: '10.1.1.0/29' }];
    const site = (field: string) => `[variables('sites')[copyIndex()].${field}]`;
    const t = template([
      {
        type: 'Microsoft.Network/virtualNetworks', apiVersion: '2023-09-01', name: "[concat('vnet-', variables('sites')[copyIndex()].name)]", location: 'westeurope',
        copy: { name: 'vnets', count: 2 },
        properties: { addressSpace: { addressPrefixes: [site('space')] }, subnets: [{ name: 'apim', properties: { addressPrefix: site('prefix') } }] },
      },
      {
        type: 'Microsoft.ApiManagement/service', apiVersion: '2023-05-01-preview', name: "[concat('apim-', variables('sites')[copyIndex()].name)]", location: 'westeurope',
        copy: { name: 'apims', count: 2 }, dependsOn: ['vnets'], sku: { name: 'Premium', capacity: 3 },
        properties: {
          publisherEmail: 'a@b.c', publisherName: 'x', virtualNetworkType: 'External',
          virtualNetworkConfiguration: { subnetResourceId: "[resourceId('Microsoft.Network/virtualNetworks/subnets', concat('vnet-', variables('sites')[copyIndex()].name), 'apim')]" },
        },
      },
    ], { variables: { sites } });
    for (const format of ['json', 'yaml'] as const) {
      const { graph } = graphOf(t, format);
      const a = node(graph, 'subnet:vnet-a/apim');
      const b = node(graph, 'subnet:vnet-b/apim');
      assert.deepEqual(a.range, b.range, 'the instances share their source');
      assert.equal(b.budget?.overcommitted, true);
      assert.deepEqual(a.findings.filter((f) => f.ruleId === 'subnet-too-small'), [], format);
      assert.equal(b.findings.filter((f) => f.ruleId === 'subnet-too-small').length, 1, format);
      // "Subnet 'apim' hosts 'apim-b' …": the subnet apim-b is injected in.
      const missing = (n: typeof a) => n.findings.filter((f) => f.ruleId === 'nsg-missing').map((f) => f.message);
      assert.equal(missing(a).length, 1);
      assert.match(missing(a)[0]!, /'apim-a'/);
      assert.match(missing(b)[0]!, /'apim-b'/);
      assert.equal(graph.findings.length, 0);
    }

    // A finding whose message names no instance: on each of them (the range cannot tell, nor can the text).
    const text = JSON.stringify(t, null, 2);
    const result = analyzeText(text, { format: 'json' });
    const range = node(buildTopology(result), 'subnet:vnet-a/apim').range!;
    const generic = { ruleId: 'x-test', messageId: 'm', severity: 'warning' as const, message: "Subnet 'apim' needs attention", range };
    const g = buildTopology({ ...result, findings: [...result.findings, generic] });
    for (const id of ['subnet:vnet-a/apim', 'subnet:vnet-b/apim']) assert.ok(node(g, id).findings.some((f) => f.ruleId === 'x-test'), id);
    // A name that merely starts like another one does not name it.
    const prefixOnly = { ...generic, message: "Subnet 'apim' (10.1.1.0/2) in vnet-b2" };
    const g2 = buildTopology({ ...result, findings: [prefixOnly] });
    assert.equal(node(g2, 'subnet:vnet-a/apim').findings.length, 1);
    assert.equal(node(g2, 'subnet:vnet-b/apim').findings.length, 1);
  });

  it('an overcommitted subnet says so', () => {
    const { graph } = graphOf(injected({ prefix: '10.0.1.0/29', apim: { capacity: 3 } }));
    const b = node(graph, 'subnet:vnet/apim').budget!;
    assert.equal(b.usedByApim, 6);
    assert.equal(b.overcommitted, true);
    assert.equal(b.free, 0);
  });

  it('private endpoint only: the endpoint, its subnet and DNS zone, the mode', () => {
    const t = template([
      vnet('vnet', '10.0.0.0/16', [{ name: 'endpoints', prefix: '10.0.2.0/27' }]),
      apim({ type: 'None', sku: 'Premium' }),
      privateEndpoint(),
      privateDnsZone('privatelink.azure-api.net'),
      {
        type: 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups', apiVersion: '2023-09-01', name: 'pe-apim/default',
        properties: { privateDnsZoneConfigs: [{ name: 'cfg', properties: { privateDnsZoneId: "[resourceId('Microsoft.Network/privateDnsZones', 'privatelink.azure-api.net')]" } }] },
      },
    ]);
    const { graph } = graphOf(t);
    assert.equal(node(graph, 'apim:apim-contoso').label[2], 'private endpoint only');
    const pe = node(graph, 'privateEndpoint:pe-apim');
    assert.deepEqual(pe.label, ['pe-apim', 'group: Gateway']);
    assert.ok(graph.edges.some((e) => e.kind === 'privateEndpoint' && e.from === pe.id && e.to === 'apim:apim-contoso'));
    assert.ok(graph.edges.some((e) => e.kind === 'privateEndpointSubnet' && e.from === 'subnet:vnet/endpoints' && e.to === pe.id));
    assert.ok(graph.edges.some((e) => e.kind === 'dnsZone' && e.from === pe.id && e.to === 'dnsZone:privatelink.azure-api.net'));
    assert.equal(flows(graph).length, 0);
  });

  it('route tables and delegations', () => {
    const t = template([
      nsg('nsg', []),
      { type: 'Microsoft.Network/routeTables', apiVersion: '2023-09-01', name: 'rt', location: 'westeurope', properties: { routes: [{ name: 'r1', properties: { addressPrefix: '0.0.0.0/0', nextHopType: 'Internet' } }] } },
      vnet('vnet', '10.0.0.0/16', [{ name: 'apim', prefix: '10.0.1.0/27', nsg: 'nsg', delegation: 'Microsoft.Web/serverFarms', extra: { routeTable: { id: "[resourceId('Microsoft.Network/routeTables', 'rt')]" } } }]),
      apim({ sku: 'StandardV2', type: 'External' }),
    ]);
    const { graph } = graphOf(t);
    assert.deepEqual(node(graph, 'routeTable:rt').label, ['rt', '1 route']);
    assert.ok(graph.edges.some((e) => e.kind === 'routeTable' && e.from === 'routeTable:rt' && e.to === 'subnet:vnet/apim'));
    const s = node(graph, 'subnet:vnet/apim');
    assert.deepEqual(s.label, ['apim', '10.0.1.0/27', 'delegated: Microsoft.Web/serverFarms']);
    assert.equal(node(graph, 'apim:apim-contoso').label[2], 'v2 VNet integration');
    assert.equal(flows(graph).length, 0, 'v2 integration needs no NSG flow');
  });

  it('a subnet in another template is an external node; names are kept as data', () => {
    const t = template([apim({ name: '<img src=x onerror=alert(1)>', type: 'External', extra: {} })]);
    (t['resources'] as Obj[])[0]!['properties'] = { ...((t['resources'] as Obj[])[0]!['properties'] as Obj), virtualNetworkConfiguration: { subnetResourceId: '/subscriptions/0000/resourceGroups/net/providers/Microsoft.Network/virtualNetworks/hub/subnets/apim' } };
    const { graph } = graphOf(t);
    const a = node(graph, 'apim:<img src=x onerror=alert(1)>');
    assert.equal(a.label[0], '<img src=x onerror=alert(1)>');
    const ext = graph.nodes.find((n) => n.external)!;
    assert.deepEqual(ext.label, ['hub/apim', 'not declared in this template']);
    assert.ok(graph.edges.some((e) => e.kind === 'injection' && e.to === ext.id));
  });

  it('ids are unique even when names repeat', () => {
    const t = template([nsg('dup', []), nsg('dup', []), vnet('v', '10.0.0.0/16', [{ name: 's', prefix: '10.0.0.0/24' }, { name: 's', prefix: '10.0.1.0/24' }])]);
    const { graph } = graphOf(t);
    assert.ok(isTopologyGraph(graph));
    assert.equal(new Set(graph.nodes.map((n) => n.id)).size, graph.nodes.length);
    // A location listed twice: two groups, each with its own tags.
    const twice = template([
      fullNsg('nsg'),
      vnet('vnet-weu', '10.0.0.0/16', [{ name: 'apim', prefix: '10.0.1.0/27', nsg: 'nsg' }]),
      vnet('vnet-a', '10.1.0.0/16', [{ name: 'apim', prefix: '10.1.1.0/27', nsg: 'nsg' }], 'northeurope'),
      vnet('vnet-b', '10.2.0.0/16', [{ name: 'apim', prefix: '10.2.1.0/27', nsg: 'nsg' }], 'northeurope'),
      multiRegionApim({ vnet: 'vnet-weu' }, [{ location: 'northeurope', vnet: 'vnet-a' }, { location: 'northeurope', vnet: 'vnet-b' }]),
    ]);
    const g2 = graphOf(twice).graph;
    assert.ok(isTopologyGraph(g2));
    const groups = g2.nodes.filter((n) => n.kind === 'region').map((n) => n.id);
    assert.deepEqual(groups, ['region:apim-contoso/westeurope', 'region:apim-contoso/northeurope', 'region:apim-contoso/northeurope#2']);
    for (const id of groups) assert.ok(g2.nodes.some((n) => n.kind === 'serviceTag' && n.parent === id), `${id} has its own tags`);
  });

  it('documents that are not templates give an empty graph', () => {
    const g = buildTopology(analyzeText('{"name": "not a template"}', { format: 'json' }));
    assert.deepEqual(g, { version: 1, nodes: [], edges: [], findings: [] });
    const broken = buildTopology(analyzeText('{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "resources": [', { format: 'json' }));
    assert.ok(isTopologyGraph(broken));
  });

  it('isTopologyGraph refuses malformed graphs', () => {
    const { graph } = graphOf(injected());
    assert.ok(isTopologyGraph(graph));
    const bad: unknown[] = [
      null, 'x', { ...graph, version: 2 },
      { ...graph, nodes: [...graph.nodes, { ...graph.nodes[0]! }] },
      { ...graph, nodes: graph.nodes.map((n, i) => (i === 0 ? { ...n, kind: 'script' } : n)) },
      { ...graph, nodes: graph.nodes.map((n, i) => (i === 0 ? { ...n, label: [1] } : n)) },
      { ...graph, edges: [...graph.edges, { id: 'x', kind: 'injection', from: 'nope', to: graph.nodes[0]!.id }] },
      { ...graph, edges: graph.edges.map((e) => (e.flow ? { ...e, flow: { ...e.flow, verdict: 'maybe' } } : e)) },
    ];
    for (const b of bad) assert.equal(isTopologyGraph(b), false, JSON.stringify(b)?.slice(0, 80));
  });
});
