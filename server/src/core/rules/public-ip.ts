import { asString } from '../arm/value';
import { rangeOf } from '../text/sourceNode';
import { defineRule } from './rule';
import { locationOf, regionLabel } from './support/apim';

/** A public IP given to an injected instance: Standard SKU, IPv4, DNS label, same region (F-PIP). */
export default defineRule({
  meta: {
    id: 'public-ip',
    description: 'A public IP given to API Management is not Standard SKU IPv4, has no DNS label, or sits in another region',
    defaultSeverity: 'error',
    facts: ['F-PIP', 'PREREQ'],
    messages: {
      sku: { text: "Public IP '{pip}' used by {instance} has SKU {sku}: API Management needs a Standard SKU public IP" },
      version: { text: "Public IP '{pip}' used by {instance} is {version}: API Management needs an IPv4 address" },
      dnsLabel: { text: "Public IP '{pip}' used by {instance} has no DNS name label (properties.dnsSettings.domainNameLabel), which API Management requires", severity: 'warning' },
      region: { text: "Public IP '{pip}' is in {pipLocation} but {instance} runs in {location}: they must be in the same region" },
    },
    fixable: false,
  },
  check(ctx) {
    for (const service of ctx.model.apimServices) {
      for (const region of service.regions) {
        const pip = region.publicIp;
        if (!pip) continue;
        const base = { pip: asString(pip.name.ev) ?? '(unnamed)', instance: regionLabel(region) };
        const related = [{ range: rangeOf(region.publicIpId.at), message: `used by ${regionLabel(region)}` }];
        const sku = pip.skuName.ev === undefined ? 'Basic' : asString(pip.skuName.ev);
        if (sku !== undefined && sku.toLowerCase() !== 'standard') ctx.report({ messageId: 'sku', data: { ...base, sku: `${sku}${pip.skuName.ev === undefined ? ' (the default)' : ''}` }, at: pip.skuName.at, related });
        const version = asString(pip.version.ev);
        if (version !== undefined && version.toLowerCase() !== 'ipv4') ctx.report({ messageId: 'version', data: { ...base, version }, at: pip.version.at, related });
        if (pip.dnsLabel.ev === undefined || (pip.dnsLabel.ev.t === 'string' && pip.dnsLabel.ev.v === '')) ctx.report({ messageId: 'dnsLabel', data: base, at: pip.name.at, related });
        const a = locationOf(region.location);
        const b = locationOf(pip.location);
        if (a !== undefined && b !== undefined && a !== b) {
          ctx.report({ messageId: 'region', data: { ...base, pipLocation: asString(pip.location.ev)!, location: asString(region.location.ev)! }, at: pip.location.at, related });
        }
      }
    }
  },
});
