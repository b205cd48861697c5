import { asString } from '../arm/value';
import { DELEGATION } from '../azure/tiers';
import { appendArrayItem, insertProperty } from '../fixes/edits';
import type { Subnet } from '../model/networkModel';
import { prop, rangeOf } from '../text/sourceNode';
import type { Fix } from './finding';
import { defineRule } from './rule';
import { modeOf, regionLabel } from './support/apim';

/** Delegation requirements per model (F-SUBNET-CLASSIC stv2, F-V2-INTEG, F-V2-INJECT, F-PE). */
export default defineRule({
  meta: {
    id: 'subnet-delegation',
    description: 'The API Management subnet has the wrong delegation for its networking model (or a private endpoint subnet is delegated)',
    defaultSeverity: 'error',
    facts: ['F-SUBNET-CLASSIC', 'F-V2-INTEG', 'F-V2-INJECT', 'F-PE', 'V2DEL'],
    messages: {
      classicDelegated: { text: "Subnet '{subnet}' is delegated to {delegation}, but {instance} is injected in classic mode, which needs a subnet without delegation" },
      missing: { text: "Subnet '{subnet}' must be delegated to {want} for {instance} ({mode})" },
      wrong: { text: "Subnet '{subnet}' is delegated to {delegation}; {instance} ({mode}) needs {want}" },
      peDelegated: { text: "Subnet '{subnet}' holds the private endpoint '{endpoint}' to API Management but is delegated to {delegation}: private endpoint subnets must not be delegated" },
    },
    fixable: true,
  },
  check(ctx) {
    const names = (s: Subnet) => s.delegations.map((d) => asString(d.ev)).filter((x): x is string => x !== undefined);
    const unknownDelegation = (s: Subnet) => s.delegations.some((d) => asString(d.ev) === undefined);
    for (const service of ctx.model.apimServices) {
      for (const region of service.regions) {
        const subnet = region.subnet;
        const { mode, tier } = modeOf(region);
        if (!subnet || !mode || mode === 'none' || unknownDelegation(subnet)) continue;
        const have = names(subnet);
        const data = { subnet: asString(subnet.name.ev) ?? '(unnamed)', instance: regionLabel(region), delegation: have.join(', ') };
        const related = [{ range: rangeOf(service.name.at), message: `API Management instance ${regionLabel(region)}` }];
        if (mode === 'classic-external' || mode === 'classic-internal') {
          if (have.length) ctx.report({ messageId: 'classicDelegated', data, at: subnet.delegations[0]!.at, related });
          continue;
        }
        const want = mode === 'v2-integration' ? DELEGATION.v2Integration : DELEGATION.v2Injection;
        const modeText = `${tier?.name ?? ''} ${mode === 'v2-integration' ? 'outbound VNet integration' : 'VNet injection'}`.trim();
        if (have.some((h) => h.toLowerCase() === want.toLowerCase())) continue;
        if (have.length) {
          ctx.report({ messageId: 'wrong', data: { ...data, want, mode: modeText }, at: subnet.delegations[0]!.at, related });
          continue;
        }
        const delegation = { name: want.replace('/', '.'), properties: { serviceName: want } };
        // An existing (empty) `delegations` array gets the item: a second key would be a duplicate.
        const existing = prop(subnet.propertiesNode, 'delegations');
        const edit = existing?.type === 'array'
          ? appendArrayItem(ctx.model, existing, delegation)
          : subnet.propertiesNode?.type === 'object' && !existing ? insertProperty(ctx.model, subnet.propertiesNode, 'delegations', [delegation]) : undefined;
        const fixes: Fix[] = edit ? [{ title: `Delegate the subnet to ${want}`, edits: [edit], isPreferred: true }] : [];
        ctx.report({ messageId: 'missing', data: { ...data, want, mode: modeText }, at: subnet.name.at, related, fixes });
      }
    }
    for (const pe of ctx.model.privateEndpoints) {
      const subnet = pe.subnet;
      if (!subnet || !pe.connections.some((c) => c.targetsApim) || unknownDelegation(subnet)) continue;
      const have = names(subnet);
      if (!have.length) continue;
      ctx.report({
        messageId: 'peDelegated',
        data: { subnet: asString(subnet.name.ev) ?? '(unnamed)', endpoint: asString(pe.name.ev) ?? '(unnamed)', delegation: have.join(', ') },
        at: subnet.delegations[0]!.at,
      });
    }
  },
});
