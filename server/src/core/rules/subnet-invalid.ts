import { asString } from '../arm/value';
import { replaceScalar } from '../fixes/edits';
import type { Subnet, Val } from '../model/networkModel';
import { cidrContains, cidrOverlaps, formatCidr, parseCidr, type Cidr } from '../nsg/cidr';
import { rangeOf } from '../text/sourceNode';
import { defineRule, type RuleContext } from './rule';
import { independentlyConditional } from '../template/resources';
import { modeOf, regionLabel } from './support/apim';

/** Subnet prefixes Azure rejects, and an injected instance with no subnet at all. */
export default defineRule({
  meta: {
    id: 'subnet-invalid',
    description: 'A subnet prefix is malformed, has host bits set, lies outside its VNet or overlaps a sibling; or an injected instance names no subnet',
    defaultSeverity: 'error',
    facts: ['F-SUBNET-CLASSIC', 'F-ARM'],
    messages: {
      malformed: { text: "Subnet '{subnet}': '{prefix}' is not a valid IPv4 prefix ({reason})" },
      hostBits: { text: "Subnet '{subnet}': '{prefix}' has host bits set; Azure expects the network address {aligned}" },
      outsideVnet: { text: "Subnet '{subnet}' ({prefix}) is outside the address space of VNet '{vnet}' ({space})" },
      overlap: { text: "Subnet '{subnet}' ({prefix}) overlaps subnet '{other}' ({otherPrefix}) in the same VNet" },
      noSubnet: { text: '{instance} has virtualNetworkType {type} but no virtualNetworkConfiguration.subnetResourceId: Azure needs the subnet to inject into' },
    },
    fixable: true,
  },
  check(ctx) {
    for (const vnet of ctx.model.virtualNetworks) {
      const spaces = vnet.addressPrefixes.map((p) => parsed(p)).filter((c): c is Cidr => !!c);
      const seen: { subnet: Subnet; cidr: Cidr }[] = [];
      for (const subnet of vnet.subnets) {
        const cidr = checkPrefix(ctx, subnet);
        if (!cidr) continue;
        const prefix = asString(subnet.addressPrefix.ev)!;
        const name = asString(subnet.name.ev) ?? '(unnamed)';
        const allSpacesKnown = spaces.length > 0 && spaces.length === vnet.addressPrefixes.length;
        if (allSpacesKnown && !spaces.some((s) => cidrContains(s, cidr))) {
          ctx.report({
            messageId: 'outsideVnet',
            data: { subnet: name, prefix, vnet: asString(vnet.name.ev) ?? '(unnamed)', space: spaces.map(formatCidr).join(', ') },
            at: subnet.addressPrefix.at,
          });
        }
        // Two subnet resources that may each be deployed without the other (unknown conditions) may never overlap.
        const other = seen.find((s) => cidrOverlaps(s.cidr, cidr) && !independentlyConditional(s.subnet.res, subnet.res));
        if (other) {
          ctx.report({
            messageId: 'overlap',
            data: { subnet: name, prefix, other: asString(other.subnet.name.ev) ?? '(unnamed)', otherPrefix: formatCidr(other.cidr) },
            at: subnet.addressPrefix.at,
            related: [{ range: rangeOf(other.subnet.addressPrefix.at), message: 'the overlapping subnet' }],
          });
        }
        seen.push({ subnet, cidr });
      }
    }
    for (const subnet of ctx.model.subnets) if (!subnet.vnet) checkPrefix(ctx, subnet);
    for (const service of ctx.model.apimServices) {
      for (const region of service.regions) {
        if (!modeOf(region).injected || region.subnetId.ev !== undefined) continue;
        ctx.report({
          messageId: 'noSubnet',
          data: { instance: regionLabel(region), type: asString(service.virtualNetworkType.ev) ?? '' },
          at: region.primary ? service.virtualNetworkType.at : region.node,
        });
      }
    }
  },
});

function parsed(v: Val): Cidr | undefined {
  const s = asString(v.ev);
  if (s === undefined) return undefined;
  const p = parseCidr(s.trim());
  return p.ok ? p.cidr : undefined;
}

/** Reports a malformed or unaligned prefix; returns the (aligned) network when usable. */
function checkPrefix(ctx: RuleContext, subnet: Subnet): Cidr | undefined {
  const s = asString(subnet.addressPrefix.ev);
  if (s === undefined) return undefined;
  const p = parseCidr(s.trim());
  if (p.ok) return p.cidr;
  const name = asString(subnet.name.ev) ?? '(unnamed)';
  if (p.error === 'ipv6') return undefined;
  if (p.error === 'host-bits' && p.aligned) {
    const ev = subnet.addressPrefix.ev!;
    const aligned = formatCidr(p.aligned);
    const fixes = ev.node && ev.literal && ev.node.type === 'string'
      ? [{ title: `Change to ${aligned}`, edits: [replaceScalar(ctx.model, ev.node, aligned)], isPreferred: true }]
      : [];
    ctx.report({ messageId: 'hostBits', data: { subnet: name, prefix: s, aligned }, at: subnet.addressPrefix.at, fixes });
    return p.aligned;
  }
  ctx.report({ messageId: 'malformed', data: { subnet: name, prefix: s, reason: p.message }, at: subnet.addressPrefix.at });
  return undefined;
}
