import type { SubnetBudgetInfo } from '../../../../common/topology';
import { asString } from '../arm/value';
import { SUBNET } from '../azure/tiers';
import type { NetworkModel, Subnet } from '../model/networkModel';
import { blockSize } from '../nsg/cidr';
import { cidrOf, subnetNeed, usable } from '../rules/support/subnetBudget';

/**
 * The address budget of a subnet (F-SUBNET-CLASSIC): its size, what Azure reserves, what the APIM
 * regions injected in it take (`subnetNeed`, as `subnet-too-small` counts), and what is left.
 * Undefined when the prefix is not known.
 */
export function subnetBudget(model: NetworkModel, subnet: Subnet): SubnetBudgetInfo | undefined {
  const prefix = asString(subnet.addressPrefix.ev);
  const cidr = cidrOf(prefix);
  if (!prefix || !cidr) return undefined;
  const size = blockSize(cidr.prefix);
  const reserved = Math.min(SUBNET.reserved, size);
  let usedByApim = 0;
  for (const s of model.apimServices) {
    for (const r of s.regions) {
      if (r.subnet !== subnet) continue;
      usedByApim += subnetNeed(r)?.addresses ?? 0;
    }
  }
  const room = usable(cidr);
  return { prefix, size, reserved, usedByApim, free: Math.max(0, room - usedByApim), overcommitted: usedByApim > room };
}
