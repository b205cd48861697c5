import { asString } from '../arm/value';
import { rangeOf } from '../text/sourceNode';
import { defineRule } from './rule';
import { modeOf, regionLabel, vnetTypeOf } from './support/apim';

/** `publicNetworkAccess: Disabled` needs a private endpoint, not injection, and not at creation (F-PNA). */
export default defineRule({
  meta: {
    id: 'public-network-access',
    description: 'publicNetworkAccess is Disabled without a private endpoint, or together with VNet injection',
    defaultSeverity: 'error',
    facts: ['F-PNA', 'F-PE'],
    messages: {
      withInjection: { text: '{instance} sets publicNetworkAccess to Disabled while it is VNet-injected ({type}): Disabled is supported only for instances reached through a private endpoint' },
      noEndpoint: { text: "{instance} sets publicNetworkAccess to Disabled, but no private endpoint in this template targets it: Disabled is accepted only after a private endpoint exists, and not when the instance is created", severity: 'warning' },
      atCreation: { text: '{instance} sets publicNetworkAccess to Disabled: Azure accepts Disabled only on an existing instance that already has a private endpoint. Deploy with Enabled first if this template creates the instance', severity: 'information' },
    },
    fixable: false,
  },
  check(ctx) {
    for (const service of ctx.model.apimServices) {
      const pna = asString(service.publicNetworkAccess.ev);
      if (pna?.toLowerCase() !== 'disabled') continue;
      const region = service.regions[0]!;
      const type = vnetTypeOf(service);
      const data = { instance: regionLabel(region), type: asString(service.virtualNetworkType.ev) ?? '' };
      // v2 outbound integration (External on Standard v2 / Premium v2) is not injection: it combines with
      // an inbound private endpoint (PE: "Combine inbound private endpoints ... with outbound virtual network integration").
      if ((type === 'external' || type === 'internal') && modeOf(region).mode !== 'v2-integration') {
        ctx.report({ messageId: 'withInjection', data, at: service.publicNetworkAccess.at, related: [{ range: rangeOf(service.virtualNetworkType.at), message: 'virtualNetworkType' }] });
      } else if (service.privateEndpoints.length === 0) {
        ctx.report({ messageId: 'noEndpoint', data, at: service.publicNetworkAccess.at });
      } else {
        ctx.report({ messageId: 'atCreation', data, at: service.publicNetworkAccess.at });
      }
    }
  },
});
