import { asString } from '../arm/value';
import { rangeOf } from '../text/sourceNode';
import { defineRule } from './rule';
import { modeOf, regionLabel, vnetTypeOf } from './support/apim';

/** Tier × networking combinations Azure rejects (F-TIERS-1..4). */
export default defineRule({
  meta: {
    id: 'tier-network-mode',
    description: 'A tier × networking-model combination that Azure rejects (injection, v2 integration, private endpoints)',
    defaultSeverity: 'error',
    facts: ['F-TIERS', 'F-TIERS-1', 'F-TIERS-2', 'F-TIERS-3', 'F-TIERS-4', 'F-V2-INTEG', 'F-V2-INJECT'],
    messages: {
      classicInjection: { text: '{instance} uses the {tier} tier with virtualNetworkType {type}: VNet injection is available only in the Developer and Premium tiers (and Premium v2 injection)' },
      v2NoVnet: { text: '{instance} uses the {tier} tier with virtualNetworkType {type}: {tier} supports neither VNet integration nor injection' },
      v2InjectionTier: { text: '{instance} uses the {tier} tier with virtualNetworkType Internal (VNet injection): only Premium v2 supports v2 injection; {tier} supports outbound integration (External)' },
      peTier: { text: "The private endpoint '{endpoint}' targets {instance}, but the {tier} tier does not support inbound private endpoints" },
      peInjected: { text: "The private endpoint '{endpoint}' targets {instance}, which is VNet-injected ({type}): in the classic tiers an injected instance cannot also have a private endpoint" },
    },
    fixable: false,
  },
  check(ctx) {
    for (const service of ctx.model.apimServices) {
      const region = service.regions[0]!;
      const { tier, injected } = modeOf(region);
      if (!tier) continue;
      const type = asString(service.virtualNetworkType.ev) ?? '';
      const data = { instance: regionLabel(region), tier: tier.name, type };
      if (injected) {
        if (!tier.v2 && !tier.classicInjection) ctx.report({ messageId: 'classicInjection', data, at: service.skuName.at, related: [{ range: rangeOf(service.virtualNetworkType.at), message: 'virtualNetworkType' }] });
        else if (tier.v2 && !tier.v2Integration && !tier.v2Injection) ctx.report({ messageId: 'v2NoVnet', data, at: service.skuName.at });
        else if (tier.v2 && vnetTypeOf(service) === 'internal' && !tier.v2Injection) ctx.report({ messageId: 'v2InjectionTier', data, at: service.skuName.at });
      }
      for (const c of service.privateEndpoints) {
        const endpoint = asString(c.endpoint.name.ev) ?? '(unnamed)';
        const related = [{ range: rangeOf(service.name.at), message: `API Management instance ${regionLabel(region)}` }];
        if (!tier.privateEndpoint) ctx.report({ messageId: 'peTier', data: { ...data, endpoint }, at: c.targetId.at, related });
        else if (injected && !tier.v2) ctx.report({ messageId: 'peInjected', data: { ...data, endpoint }, at: c.targetId.at, related });
      }
    }
  },
});
