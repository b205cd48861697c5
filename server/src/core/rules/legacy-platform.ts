import { asString } from '../arm/value';
import { FIRST_API_VERSION_WITH_PUBLIC_IP } from '../azure/tiers';
import { defineRule } from './rule';
import { modeOf, regionLabel } from './support/apim';

/** Injection on an api-version that cannot carry `publicIpAddressId` (stv1-era; F-STV1, F-PIP). */
export default defineRule({
  meta: {
    id: 'legacy-platform',
    description: 'VNet injection on an api-version older than 2021-01-01-preview with no publicIpAddressId (the stv1-era pattern)',
    defaultSeverity: 'information',
    facts: ['F-STV1', 'F-PIP', 'F-ARM'],
    messages: {
      oldApi: { text: '{instance} is VNet-injected with api-version {apiVersion}, which cannot set publicIpAddressId: this is the pattern of the stv1 platform, retired on 31 August 2024. Use api-version {first} or later (a public IP is optional since May 2024)' },
    },
    fixable: false,
  },
  check(ctx) {
    for (const service of ctx.model.apimServices) {
      const region = service.regions[0]!;
      if (!modeOf(region).injected || modeOf(region).tier?.v2) continue;
      const apiVersion = asString(service.apiVersion.ev);
      if (!apiVersion || apiVersion >= FIRST_API_VERSION_WITH_PUBLIC_IP || region.publicIpId.ev !== undefined) continue;
      ctx.report({ messageId: 'oldApi', data: { instance: regionLabel(region), apiVersion, first: FIRST_API_VERSION_WITH_PUBLIC_IP }, at: service.apiVersion.at });
    }
  },
});
