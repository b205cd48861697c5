import { asString } from '../arm/value';
import { rangeOf } from '../text/sourceNode';
import { defineRule } from './rule';
import { locationOf, regionLabel } from './support/apim';

/** The VNet (and so the subnet) must be in the region of the APIM location it serves (F-SUBNET-CLASSIC, F-V2-INTEG). */
export default defineRule({
  meta: {
    id: 'location-mismatch',
    description: 'The VNet or subnet of an API Management location is in another region than that location',
    defaultSeverity: 'error',
    facts: ['F-SUBNET-CLASSIC', 'F-V2-INTEG', 'F-ARM'],
    messages: {
      vnet: { text: "Subnet '{subnet}' belongs to VNet '{vnet}' in {vnetLocation}, but {instance} runs in {location}: the VNet must be in the same region" },
    },
    fixable: false,
  },
  check(ctx) {
    for (const service of ctx.model.apimServices) {
      for (const region of service.regions) {
        const vnet = region.subnet?.vnet;
        const a = locationOf(region.location);
        const b = vnet && locationOf(vnet.location);
        if (!vnet || a === undefined || b === undefined || a === b) continue;
        ctx.report({
          messageId: 'vnet',
          data: {
            subnet: asString(region.subnet!.name.ev) ?? '(unnamed)', vnet: asString(vnet.name.ev) ?? '(unnamed)',
            vnetLocation: asString(vnet.location.ev)!, instance: regionLabel(region), location: asString(region.location.ev)!,
          },
          at: region.subnetId.at,
          related: [{ range: rangeOf(vnet.location.at), message: 'the VNet location' }],
        });
      }
    }
  },
});
