import { asArray, asString } from '../arm/value';
import { defineRule } from './rule';
import { regionLabel, vnetTypeOf } from './support/apim';

/** Internal mode needs DNS for the gateway hostnames (F-DNS). */
export default defineRule({
  meta: {
    id: 'internal-mode-dns',
    description: 'An Internal-mode instance has no DNS for its hostnames in the template (no azure-api.net private zone, no custom DNS servers)',
    defaultSeverity: 'information',
    facts: ['F-DNS', 'F-V2-INJECT'],
    messages: {
      noDns: { text: '{instance} is in Internal mode, but this template creates no private DNS zone for azure-api.net and its VNet sets no DNS servers: {name}.azure-api.net and the other endpoints will not resolve until you add DNS records for the private IP' },
    },
    fixable: false,
  },
  check(ctx) {
    const zones = ctx.model.dnsZones;
    const zoneKnown = zones.some((z) => z.name.ev?.t !== 'string');
    const azureApiZone = zones.some((z) => {
      const n = asString(z.name.ev)?.toLowerCase();
      return n !== undefined && (n === 'azure-api.net' || n.endsWith('.azure-api.net'));
    });
    if (zoneKnown || azureApiZone) return;
    for (const service of ctx.model.apimServices) {
      if (vnetTypeOf(service) !== 'internal') continue;
      const region = service.regions[0]!;
      // A VNet that is not in this template (subnet id unknown or deployed elsewhere) may have DNS servers: unknown.
      const vnet = region.subnet?.vnet;
      if (!vnet) continue;
      const dns = vnet.dnsServers.ev;
      if (dns && (dns.t === 'unknown' || (asArray(dns)?.length ?? 0) > 0)) continue;
      ctx.report({ messageId: 'noDns', data: { instance: regionLabel(region), name: asString(service.name.ev) ?? '<name>' }, at: service.virtualNetworkType.at });
    }
  },
});
