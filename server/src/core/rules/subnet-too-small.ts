import { asString } from '../arm/value';
import { SUBNET } from '../azure/tiers';
import { replaceScalar, type EditTarget } from '../fixes/edits';
import type { Subnet } from '../model/networkModel';
import { blockSize, cidrContains, cidrOverlaps, findFreePrefix, formatCidr, type Cidr } from '../nsg/cidr';
import { rangeOf } from '../text/sourceNode';
import type { Fix } from './finding';
import { defineRule } from './rule';
import { modeOf, regionLabel } from './support/apim';
import { cidrOf, smallestFitting, subnetNeed, usable } from './support/subnetBudget';

/** The subnet must hold the instance: 5 reserved, 2 per Premium unit, 1 Developer, +1 Internal, /29 (classic) or /27 (v2) minimum. */
export default defineRule({
  meta: {
    id: 'subnet-too-small',
    description: 'The subnet cannot hold the API Management instance (units, mode and tier minimum), per region',
    defaultSeverity: 'error',
    facts: ['F-SUBNET-CLASSIC', 'F-V2-INTEG', 'F-V2-INJECT'],
    messages: {
      tooFewAddresses: { text: "Subnet '{subnet}' ({prefix}) has {usable} usable addresses ({size} − {reserved} reserved by Azure); {need} for {instance}" },
      belowMinimum: { text: "Subnet '{subnet}' ({prefix}) is smaller than the /{min} minimum for {instance}{detail}" },
      smallerThanReserved: { text: "Subnet '{subnet}' ({prefix}) has only {addresses}, fewer than the {reserved} Azure reserves in every subnet: none is left for {instance}, which needs a /{min} or larger; {need}" },
    },
    fixable: true,
  },
  check(ctx) {
    for (const service of ctx.model.apimServices) {
      for (const region of service.regions) {
        const subnet = region.subnet;
        const need = subnetNeed(region);
        const text = asString(subnet?.addressPrefix.ev);
        const cidr = cidrOf(text);
        if (!subnet || !need || !cidr) continue;
        const fits = usable(cidr) >= need.addresses;
        if (cidr.prefix <= need.maxPrefix && fits) continue;
        const fix = widen(ctx.model, subnet, cidr, smallestFitting(need));
        const data = {
          subnet: asString(subnet.name.ev) ?? '(unnamed)', prefix: text!, usable: usable(cidr), size: blockSize(cidr.prefix),
          reserved: SUBNET.reserved, need: need.explain, instance: regionLabel(region), min: need.maxPrefix,
          // Integration takes no per-unit addresses: still say which model sets the minimum.
          detail: need.addresses > 0 ? ` (${need.explain})` : ` (${modeOf(region).tier?.name ?? ''} outbound VNet integration)`.replace('( ', '('),
        };
        const size = blockSize(cidr.prefix);
        ctx.report({
          // A /30, /31 or /32 has fewer addresses than Azure reserves: "0 usable (4 − 5 reserved)" would be nonsense.
          messageId: size <= SUBNET.reserved && need.addresses > 0 ? 'smallerThanReserved' : fits || need.addresses === 0 ? 'belowMinimum' : 'tooFewAddresses',
          data: { ...data, addresses: size === 1 ? '1 address' : `${size} addresses` },
          at: subnet.addressPrefix.at,
          related: [{ range: rangeOf(service.name.at), message: `API Management instance ${regionLabel(region)}` }],
          fixes: fix ? [fix] : [],
        });
      }
    }
  },
});

/** The smallest prefix that fits: the same start when it stays inside the VNet and clear of siblings, else the first free block. */
function widen(model: EditTarget, subnet: Subnet, cidr: Cidr, length: number): Fix | undefined {
  const ev = subnet.addressPrefix.ev;
  if (!ev?.node || !ev.literal || ev.node.type !== 'string') return undefined;
  const vnet = subnet.vnet;
  const spaces = (vnet?.addressPrefixes ?? []).map((p) => cidrOf(asString(p.ev))).filter((c): c is Cidr => !!c);
  const siblings = (vnet?.subnets ?? []).filter((s) => s !== subnet).map((s) => cidrOf(asString(s.addressPrefix.ev))).filter((c): c is Cidr => !!c);
  const size = blockSize(length);
  const aligned: Cidr = { addr: Math.floor(cidr.addr / size) * size, prefix: length };
  let target: Cidr | undefined;
  const inSpace = (c: Cidr) => spaces.length === 0 || spaces.some((s) => cidrContains(s, c));
  if (inSpace(aligned) && !siblings.some((s) => cidrOverlaps(s, aligned))) target = aligned;
  for (const space of spaces) {
    if (target) break;
    target = findFreePrefix(space, length, siblings);
  }
  if (!target) return undefined;
  const text = formatCidr(target);
  return { title: `Change the prefix to ${text}`, edits: [replaceScalar(model, ev.node, text)], isPreferred: true };
}
