import { render, ruleTester } from '../../helpers/ruleTester';
import { apim, injected, nsg, requiredRules, rule, template, vnet, type Obj } from '../../helpers/templates';
import { childRule, nested, nsgWithChildRules } from '../../helpers/templates-part1';

const SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';
const name = (r: Obj) => r['name'] as string;
/** The required rules with one of them replaced. */
const replacing = (ruleName: string, by: Obj, mode: 'External' | 'Internal' = 'External') => requiredRules(mode).map((r) => (name(r) === ruleName ? by : r));
/** An APIM network whose NSG is `rules` (External Premium). */
const apimNet = (rules: Obj[]) => injected({ rules });
/** An inbound Allow to VirtualNetwork (the rate-limit sync's tag, from VirtualNetwork unless `source` says) with its port fields as given. */
const allowIn = (ruleName: string, priority: number, protocol: string, ports: Obj, source = 'VirtualNetwork'): Obj => ({
  name: ruleName,
  properties: { protocol, sourcePortRange: '*', ...ports, sourceAddressPrefix: source, destinationAddressPrefix: 'VirtualNetwork', access: 'Allow', priority, direction: 'Inbound' },
});
/** An NSG in a file without API Management. */
const alone = (rules: Obj[]) => template([nsg('app-nsg', rules), vnet('vnet', '10.0.0.0/16', [{ name: 'app', prefix: '10.0.1.0/24', nsg: 'app-nsg' }])]);

ruleTester('nsg-ineffective-rule', {
  valid: [
    { name: 'the required rules', template: injected() },
    {
      name: 'two child rules with one name and priority, each with its own unknown condition (either/or): no duplicate',
      template: template(
        [
          nsg('app-nsg', []),
          { ...childRule('app-nsg', rule({ name: 'AllowApp', priority: 200, direction: 'Inbound', port: '8080' })), condition: "[parameters('http')]" },
          { ...childRule('app-nsg', rule({ name: 'AllowApp', priority: 200, direction: 'Inbound', port: '8443' })), condition: "[not(parameters('http'))]" },
        ],
        { parameters: { http: { type: 'bool' } } },
      ),
    },
    { name: 'the required rules, Internal', template: injected({ mode: 'Internal' }) },
    {
      name: 'rate-limit sync over Udp, and the 6381-6383 range',
      template: apimNet([
        ...requiredRules(),
        rule({ name: 'AllowRateLimitIn', priority: 200, direction: 'Inbound', protocol: 'Udp', source: 'VirtualNetwork', destination: 'VirtualNetwork', port: '4290' }),
        rule({ name: 'AllowCacheSyncIn', priority: 210, direction: 'Inbound', source: 'VirtualNetwork', destination: 'VirtualNetwork', port: '6381-6383' }),
      ]),
    },
    {
      name: 'UDP 443 from any client (HTTP/3), UDP * to VirtualNetwork, and UDP 4290 are no UDP-for-TCP mistakes',
      template: apimNet([
        ...requiredRules(),
        rule({ name: 'AllowQuic', priority: 200, direction: 'Inbound', protocol: 'Udp', source: 'Internet', destination: 'VirtualNetwork', port: '443' }),
        rule({ name: 'AllowUdpVnet', priority: 210, direction: 'Inbound', protocol: 'Udp', source: 'VirtualNetwork', destination: 'VirtualNetwork', port: '*' }),
        rule({ name: 'AllowSyncOut', priority: 200, direction: 'Outbound', protocol: 'Udp', source: 'VirtualNetwork', destination: 'VirtualNetwork', port: '4290' }),
      ]),
    },
    {
      name: 'same priority in different directions is fine',
      template: apimNet([...requiredRules(), rule({ name: 'DenyIn', priority: 4000, direction: 'Inbound', access: 'Deny' }), rule({ name: 'DenyOut', priority: 4000, direction: 'Outbound', access: 'Deny', destination: '10.9.0.0/16' })]),
    },
    {
      name: 'a priority from a parameter without default is unknown: no duplicate',
      template: template(
        [nsg('apim-nsg', [...requiredRules(), { ...rule({ name: 'Maybe', priority: 0, direction: 'Inbound' }), properties: { ...(rule({ name: 'Maybe', priority: 0, direction: 'Inbound' })['properties'] as Obj), priority: "[parameters('prio')]" } }]),
          vnet('vnet', '10.0.0.0/16', [{ name: 'apim', prefix: '10.0.1.0/27', nsg: 'apim-nsg' }]), apim()],
        { parameters: { prio: { type: 'int' } } },
      ),
    },
    {
      name: 'a destination from reference() is unknown: no direction finding',
      template: alone([rule({ name: 'ToBackend', priority: 100, direction: 'Inbound', destination: "[reference('backend').outputs.prefix.value]" })]),
    },
    {
      name: 'an NSG in a file without APIM: port 1443 to Sql is not judged as an APIM typo',
      template: alone([rule({ name: 'AllowSqlOut', priority: 100, direction: 'Outbound', source: 'VirtualNetwork', destination: 'Sql', port: '1443' }), rule({ name: 'AllowSync', priority: 110, direction: 'Outbound', destination: 'VirtualNetwork', port: '4290' })]),
    },
    {
      name: 'inbound to a mixed destination (a tag and an address list) is not judged',
      template: alone([{ name: 'Mixed', properties: { protocol: 'Tcp', sourcePortRange: '*', destinationPortRange: '443', sourceAddressPrefix: '*', destinationAddressPrefixes: ['10.0.1.0/24', 'Storage'], access: 'Allow', priority: 100, direction: 'Inbound' } }]),
    },
    {
      name: 'AzureLoadBalancer and VirtualNetwork go both ways',
      template: alone([rule({ name: 'LbOut', priority: 100, direction: 'Outbound', source: 'AzureLoadBalancer', destination: 'VirtualNetwork' }), rule({ name: 'VnetIn', priority: 110, direction: 'Inbound', destination: 'VirtualNetwork' })]),
    },
    {
      name: 'port 445 to Storage (an obsolete but real port) is not a near miss of 443',
      template: apimNet([...requiredRules(), rule({ name: 'AllowStorageSmb', priority: 300, direction: 'Outbound', source: 'VirtualNetwork', destination: 'Storage', port: '445' })]),
    },
    {
      name: 'child-resource rules with distinct priorities',
      template: template([...nsgWithChildRules('apim-nsg', requiredRules()), vnet('vnet', '10.0.0.0/16', [{ name: 'apim', prefix: '10.0.1.0/27', nsg: 'apim-nsg' }]), apim()]),
    },
    {
      name: 'copy loop of child rules: priorities from copyIndex() differ',
      template: template([
        nsg('app-nsg', []),
        { ...childRule('app-nsg', rule({ name: 'x', priority: 0, direction: 'Inbound', port: '8080' })), name: "[format('app-nsg/AllowApp{0}', copyIndex())]", copy: { name: 'rules', count: 3 },
          properties: { ...(rule({ name: 'x', priority: 0, direction: 'Inbound', port: '8080' })['properties'] as Obj), priority: '[add(200, copyIndex())]' } },
      ]),
    },
    {
      name: 'copy loop of NSGs with the same rules: each NSG is judged alone',
      template: template([{ ...nsg("[format('nsg-{0}', copyIndex())]", [rule({ name: 'AllowHttps', priority: 100, direction: 'Inbound', port: '443' })]), copy: { name: 'nsgs', count: 2 } }]),
    },
    {
      name: 'nested deployment (inner scope): rules with inner-parameter priorities that differ',
      template: template([
        nested([nsg('apim-nsg', [{ name: 'A', properties: { ...(rule({ name: 'A', priority: 0, direction: 'Inbound' })['properties'] as Obj), priority: "[parameters('base')]" } }, rule({ name: 'B', priority: 110, direction: 'Inbound' })])], {
          parameters: { base: 'int' }, values: { base: 100 },
        }),
      ]),
    },
  ],
  invalid: [
    {
      name: 'priorities below 100 and above 4096: Azure rejects the NSG; the fix keeps each rule in its place',
      template: alone([
        rule({ name: 'AllowFirst', priority: 90, direction: 'Inbound', source: 'AzureFrontDoor.Backend', destination: 'VirtualNetwork', port: '443' }),
        rule({ name: 'AllowHttps', priority: 200, direction: 'Inbound', port: '443' }),
        rule({ name: 'DenyRest', priority: 5000, direction: 'Inbound', access: 'Deny' }),
      ]),
      findings: [
        { messageId: 'priorityOutOfRange', at: 90, severity: 'error', mentions: ["'AllowFirst'", '90', '100 to 4096'], fixes: 1 },
        { messageId: 'priorityOutOfRange', at: 5000, severity: 'error', mentions: ["'DenyRest'", '5000'], fixes: 1 },
      ],
      outputContains: ['100'],
    },
    {
      name: 'in an APIM NSG: priority 4097 for a Deny after the required rules',
      template: apimNet([...requiredRules(), rule({ name: 'DenyAllIn', priority: 4097, direction: 'Inbound', access: 'Deny' })]),
      findings: [{ messageId: 'priorityOutOfRange', at: 4097, mentions: ["'DenyAllIn'", '4097'], fixes: 1 }],
      outputContains: ['4096'],
    },
    {
      name: 'two rules below 100 in one direction get the free numbers before the first valid rule, in order',
      template: alone([
        rule({ name: 'A', priority: 10, direction: 'Outbound', destination: '10.1.0.0/16', port: '22' }),
        rule({ name: 'B', priority: 20, direction: 'Outbound', destination: '10.2.0.0/16', port: '22' }),
        rule({ name: 'C', priority: 102, direction: 'Outbound', destination: '10.3.0.0/16', port: '22' }),
        rule({ name: 'D', priority: 100, direction: 'Inbound', port: '22' }),
      ]),
      findings: [
        { messageId: 'priorityOutOfRange', at: 10, fixes: 1 },
        { messageId: 'priorityOutOfRange', at: 20, fixes: 1 },
      ],
      output: render(alone([
        rule({ name: 'A', priority: 100, direction: 'Outbound', destination: '10.1.0.0/16', port: '22' }),
        rule({ name: 'B', priority: 20, direction: 'Outbound', destination: '10.2.0.0/16', port: '22' }),
        rule({ name: 'C', priority: 102, direction: 'Outbound', destination: '10.3.0.0/16', port: '22' }),
        rule({ name: 'D', priority: 100, direction: 'Inbound', port: '22' }),
      ]), 'json'),
    },
    {
      name: 'no free number keeps the order (the first valid rule is at 100): the finding, no fix',
      template: alone([rule({ name: 'A', priority: 0, direction: 'Inbound', port: '22' }), rule({ name: 'B', priority: 100, direction: 'Inbound', port: '23' })]),
      findings: [{ messageId: 'priorityOutOfRange', at: 0, fixes: 0 }],
    },
    {
      name: 'a priority that is not a whole number, and one from a parameter: no fix',
      template: template(
        [nsg('app-nsg', [rule({ name: 'A', priority: 150.5, direction: 'Inbound', port: '22' }), { ...rule({ name: 'B', priority: 0, direction: 'Inbound', port: '23' }), properties: { ...(rule({ name: 'B', priority: 0, direction: 'Inbound', port: '23' })['properties'] as Obj), priority: "[parameters('p')]" } }])],
        { parameters: { p: { type: 'int', defaultValue: 4097 } } },
      ),
      findings: [
        { messageId: 'priorityOutOfRange', at: 150.5, mentions: ['150.5'], fixes: 0 },
        { messageId: 'priorityOutOfRange', at: "[parameters('p')]", mentions: ['4097'], fixes: 0 },
      ],
    },
    {
      name: 'a child rule with an unknown condition shares the priority of an inline rule: if it is deployed, Azure rejects the NSG',
      template: template(
        [nsg('app-nsg', [rule({ name: 'AllowHttps', priority: 200, direction: 'Inbound', port: '443' })]), { ...childRule('app-nsg', rule({ name: 'AllowApp', priority: 200, direction: 'Inbound', port: '8080' })), condition: "[parameters('app')]" }],
        { parameters: { app: { type: 'bool' } } },
      ),
      findings: [{ messageId: 'duplicatePriority', at: 200, occurrence: 2, mentions: ["'AllowApp'", "'AllowHttps'"] }],
    },
    {
      name: 'an Inbound rule to AzureMonitor never matches: change it to Outbound',
      template: apimNet(replacing('AllowMonitorHttpsOutbound', rule({ name: 'AllowMonitorHttps', priority: 140, direction: 'Inbound', source: 'VirtualNetwork', destination: 'AzureMonitor', port: '443' }))),
      findings: [{ messageId: 'wrongDirection', at: 'Inbound', occurrence: 4, severity: 'warning', mentions: ["'AllowMonitorHttps'", 'Inbound', 'AzureMonitor', 'Outbound'], fixes: 1 }],
      outputContains: ['AllowMonitorHttps'],
    },
    {
      name: 'an Outbound rule from ApiManagement never matches: change it to Inbound',
      template: alone([rule({ name: 'AllowMgmt', priority: 100, direction: 'Outbound', source: 'ApiManagement', destination: 'VirtualNetwork', port: '3443' })]),
      findings: [{ messageId: 'wrongDirection', at: 'Outbound', mentions: ["'AllowMgmt'", 'source', 'ApiManagement', 'Did you mean Inbound'], fixes: 1 }],
      outputContains: ['Inbound'],
    },
    {
      name: 'port 1443 to Sql is a typo of 1433',
      template: apimNet(replacing('AllowSqlOutbound', rule({ name: 'AllowSqlOutbound', priority: 110, direction: 'Outbound', source: 'VirtualNetwork', destination: 'Sql', port: '1443' }))),
      findings: [{ messageId: 'nearMissPort', at: '1443', mentions: ["'AllowSqlOutbound'", '1443', 'Sql', '1433'], fixes: 1 }],
      outputContains: ['1433'],
    },
    {
      name: 'port 433 to Storage is a typo of 443 (in a port list)',
      template: apimNet(replacing('AllowStorageOutbound', { name: 'AllowStorageOutbound', properties: { protocol: 'Tcp', sourcePortRange: '*', destinationPortRanges: ['433'], sourceAddressPrefix: 'VirtualNetwork', destinationAddressPrefix: 'Storage', access: 'Allow', priority: 100, direction: 'Outbound' } })),
      findings: [{ messageId: 'nearMissPort', at: '433', mentions: ['433', 'Storage', '443'] }],
      outputContains: ['"443"'],
      only: 'json',
    },
    {
      name: 'port 3434 from ApiManagement (transposed) in an NSG not attached to APIM but with an ApiManagement rule',
      template: alone([rule({ name: 'AllowMgmt', priority: 100, direction: 'Inbound', source: 'ApiManagement', destination: 'VirtualNetwork', port: '3434' })]),
      findings: [{ messageId: 'nearMissPort', at: '3434', mentions: ['3434', 'ApiManagement', '3443'] }],
      outputContains: ['3443'],
    },
    {
      name: 'rate-limit sync 4290 over Tcp',
      template: apimNet([...requiredRules(), rule({ name: 'AllowRateLimit', priority: 200, direction: 'Inbound', protocol: 'Tcp', source: 'VirtualNetwork', destination: 'VirtualNetwork', port: '4290' })]),
      findings: [{ messageId: 'wrongProtocol', at: 'Tcp', occurrence: 10, mentions: ["'AllowRateLimit'", '4290', 'Tcp', 'UDP'], fixes: 1 }],
      outputContains: ['Udp'],
    },
    {
      name: 'rate-limit sync over Tcp written as the number 4290, and as 04290 in a list',
      template: apimNet([
        ...requiredRules(),
        allowIn('AllowSyncNumber', 300, 'Tcp', { destinationPortRange: 4290 }),
        allowIn('AllowSyncList', 310, 'Tcp', { destinationPortRanges: ['80', '04290'] }),
      ]),
      findings: [
        { messageId: 'wrongProtocol', at: 'Tcp', occurrence: 10, mentions: ["'AllowSyncNumber'", '4290'], fixes: 1 },
        { messageId: 'wrongProtocol', at: 'Tcp', occurrence: 11, mentions: ["'AllowSyncList'", '4290'], fixes: 1 },
      ],
      only: 'json',
    },
    {
      name: 'a near miss of a UDP port (4290) is reported for a UDP rule; a Tcp rule is not meant for that flow',
      template: apimNet([
        ...requiredRules(),
        allowIn('AllowSyncTypo', 300, 'Udp', { destinationPortRange: '4920' }),
        allowIn('AllowTcpOther', 310, 'Tcp', { destinationPortRange: '14290' }),
      ]),
      findings: [{ messageId: 'nearMissPort', at: '4920', mentions: ["'AllowSyncTypo'", '4920', '4290'], fixes: 1 }],
      outputContains: ['"destinationPortRange": "4290"'],
      only: 'json',
    },
    {
      name: 'Tcp ports that only contain the digits 4290 (14290, a range 4290-4300) are not the rate-limit sync over Tcp',
      template: apimNet([
        ...requiredRules(),
        allowIn('AllowOther', 300, 'Tcp', { destinationPortRange: '14290' }, 'AzureLoadBalancer'),
        allowIn('AllowRange', 310, 'Tcp', { destinationPortRange: '4290-4300' }),
      ]),
      findings: [],
    },
    {
      name: 'management 3443 from ApiManagement over Udp only: never matches; the fix is Tcp',
      template: apimNet(replacing('AllowApiManagementInbound', rule({ name: 'AllowApiManagementInbound', priority: 100, direction: 'Inbound', protocol: 'Udp', source: 'ApiManagement', destination: 'VirtualNetwork', port: '3443' }))),
      findings: [{ messageId: 'udpForTcp', at: 'Udp', severity: 'warning', mentions: ["'AllowApiManagementInbound'", '3443', 'from ApiManagement', 'TCP'], fixes: 1 }],
      outputContains: ['Tcp'],
    },
    {
      name: 'outbound Sql 1433 over Udp, and the cache sync range 6381-6383 over Udp',
      template: apimNet([
        ...replacing('AllowSqlOutbound', rule({ name: 'AllowSqlOutbound', priority: 110, direction: 'Outbound', protocol: 'Udp', source: 'VirtualNetwork', destination: 'Sql', port: '1433' })),
        rule({ name: 'AllowCacheSync', priority: 300, direction: 'Inbound', protocol: 'Udp', source: 'VirtualNetwork', destination: 'VirtualNetwork', port: '6381-6383' }),
      ]),
      findings: [
        { messageId: 'udpForTcp', at: 'Udp', occurrence: 1, mentions: ["'AllowSqlOutbound'", '1433', 'to Sql'], fixes: 1 },
        { messageId: 'udpForTcp', at: 'Udp', occurrence: 2, mentions: ["'AllowCacheSync'", '6381', 'from VirtualNetwork', 'cache sync'], fixes: 1 },
      ],
      outputContains: ['Tcp'],
    },
    {
      name: 'a UDP rule for 4290 and 6380 at once: reported, but Tcp would break the rate-limit sync, so no fix',
      template: apimNet([...requiredRules(), { name: 'AllowVnetSync', properties: { protocol: 'Udp', sourcePortRange: '*', destinationPortRanges: ['4290', '6380'], sourceAddressPrefix: 'VirtualNetwork', destinationAddressPrefix: 'VirtualNetwork', access: 'Allow', priority: 300, direction: 'Inbound' } }]),
      findings: [{ messageId: 'udpForTcp', at: 'Udp', mentions: ['6380', 'Redis'], fixes: 0 }],
    },
    {
      name: 'two Inbound rules at priority 100',
      template: apimNet([...requiredRules(), rule({ name: 'AllowHealth', priority: 100, direction: 'Inbound', source: 'AzureLoadBalancer', port: '6391' })]),
      findings: [{ messageId: 'duplicatePriority', at: 100, occurrence: 3, mentions: ["'AllowHealth'", "'AllowApiManagementInbound'", '100', 'inbound'], fixes: 0 }],
    },
    {
      name: 'two rules with one name (case-insensitive)',
      template: alone([rule({ name: 'AllowHttps', priority: 100, direction: 'Inbound', port: '443' }), rule({ name: 'allowhttps', priority: 110, direction: 'Outbound', port: '443' })]),
      findings: [{ messageId: 'duplicateName', at: 'allowhttps', mentions: ["'allowhttps'"] }],
    },
    {
      name: 'child-resource rules: duplicate priority and a wrong direction',
      template: template([
        ...nsgWithChildRules('apim-nsg', [...requiredRules(), rule({ name: 'AllowKv', priority: 120, direction: 'Outbound', source: 'VirtualNetwork', destination: 'AzureKeyVault', port: '443' }), rule({ name: 'StorageIn', priority: 300, direction: 'Inbound', destination: 'Storage', port: '443' })]),
        vnet('vnet', '10.0.0.0/16', [{ name: 'apim', prefix: '10.0.1.0/27', nsg: 'apim-nsg' }]),
        apim(),
      ]),
      findings: [
        { messageId: 'duplicatePriority', at: 120, occurrence: 3, mentions: ["'AllowKv'", "'AllowKeyVaultOutbound'", '120', 'outbound'] },
        { messageId: 'wrongDirection', at: 'Inbound', occurrence: 4, mentions: ["'StorageIn'", 'Storage'] },
      ],
    },
    {
      name: 'nested deployment (inner scope): the priorities collide once the parameters are known',
      template: template([
        nested([nsg('apim-nsg', [{ name: 'A', properties: { ...(rule({ name: 'A', priority: 0, direction: 'Inbound' })['properties'] as Obj), priority: "[parameters('base')]" } }, rule({ name: 'B', priority: 110, direction: 'Inbound' })])], {
          parameters: { base: 'int' }, values: { base: 110 },
        }),
      ]),
      findings: [{ messageId: 'duplicatePriority', at: 110, occurrence: 2, mentions: ["'B'", "'A'", '110'] }],
    },
    {
      name: 'JSONC text: comments, trailing commas, a Tcp 4290 rule and a 1443 Sql rule',
      format: 'json',
      template: `{
  "$schema": "${SCHEMA}",
  "contentVersion": "1.0.0.0",
  "resources": [
    {
      "type": "Microsoft.Network/networkSecurityGroups",
      "apiVersion": "2023-09-01",
      "name": "apim-nsg",
      "location": "westeurope",
      "properties": {
        "securityRules": [
          // management endpoint
          { "name": "AllowMgmt", "properties": { "protocol": "Tcp", "sourcePortRange": "*", "destinationPortRange": "3443", "sourceAddressPrefix": "ApiManagement", "destinationAddressPrefix": "VirtualNetwork", "access": "Allow", "priority": 100, "direction": "Inbound" } },
          { "name": "AllowSql", "properties": { "protocol": "Tcp", "sourcePortRange": "*", "destinationPortRange": "1443", "sourceAddressPrefix": "VirtualNetwork", "destinationAddressPrefix": "Sql", "access": "Allow", "priority": 110, "direction": "Outbound" } },
          { "name": "AllowSync", "properties": { "protocol": "Tcp", "sourcePortRange": "*", "destinationPortRange": "4290", "sourceAddressPrefix": "VirtualNetwork", "destinationAddressPrefix": "VirtualNetwork", "access": "Allow", "priority": 120, "direction": "Outbound", }, }, // trailing commas
        ],
      },
    },
  ],
}
`,
      findings: [
        { messageId: 'nearMissPort', line: 14, column: 116, mentions: ['1443', '1433'] },
        { messageId: 'wrongProtocol', line: 15, column: 62, mentions: ["'AllowSync'"] },
      ],
      outputContains: ['"destinationPortRange": "1433"'],
    },
    {
      name: 'YAML text: an Inbound rule to Sql and a duplicate name',
      format: 'yaml',
      template: `$schema: ${SCHEMA}
contentVersion: 1.0.0.0
resources:
  - type: Microsoft.Network/networkSecurityGroups
    apiVersion: '2023-09-01'
    name: app-nsg
    location: westeurope
    properties:
      securityRules:
        - name: AllowSql
          properties:
            protocol: Tcp
            sourcePortRange: '*'
            destinationPortRange: '1433'
            sourceAddressPrefix: VirtualNetwork
            destinationAddressPrefix: Sql
            access: Allow
            priority: 100
            direction: Inbound
        - name: AllowSql
          properties: {protocol: Tcp, sourcePortRange: '*', destinationPortRange: '443', sourceAddressPrefix: '*', destinationAddressPrefix: VirtualNetwork, access: Allow, priority: 110, direction: Inbound}
`,
      findings: [
        { messageId: 'wrongDirection', line: 19, column: 24, mentions: ["'AllowSql'", 'Sql'] },
        { messageId: 'duplicateName', line: 20, column: 17 },
      ],
      outputContains: ['direction: Outbound'],
    },
  ],
});
