import { asNumber, asString } from '../arm/value';
import { FLOW_REQUIREMENTS, portRuns, type FlowRequirement } from '../azure/apimRequirements';
import { TIERS, SUBNET } from '../azure/tiers';
import { checkServiceTag } from '../azure/suggest';
import type { AnalysisResult } from '../analyze';
import type { ApimRegion, NetworkModel, SecurityRule, Subnet } from '../model/networkModel';
import { blockSize, formatCidr } from '../nsg/cidr';
import { describeFlow, explainVerdict } from '../nsg/evaluate';
import { parsePortSpec } from '../nsg/ports';
import { modeOf, regionLabel } from '../rules/support/apim';
import { verdictOf } from '../rules/support/nsgView';
import { regionFlows } from '../rules/support/regionFlows';
import { cidrOf, subnetNeed } from '../rules/support/subnetBudget';
import { subnetBudget } from '../topology/budget';
import type { SourceNode, SourceRange } from '../text/sourceNode';
import { cursorContext } from './context';
import { LEARN } from './learnLinks';

export interface HoverInfo {
  readonly markdown: string;
  readonly range: SourceRange;
}

const PREFIX_PROPS = new Set(['sourceaddressprefix', 'destinationaddressprefix', 'sourceaddressprefixes', 'destinationaddressprefixes']);
const PORT_PROPS = new Set(['destinationportrange', 'destinationportranges']);

/**
 * Hover text for the node at `offset`: a service tag, a port, `sku.name`, `virtualNetworkType`, a
 * subnet prefix (its address budget) or an NSG rule (the required flows it decides). Markdown.
 */
export function getHover(result: AnalysisResult, offset: number): HoverInfo | undefined {
  if (!result.isTemplate || !result.root) return undefined;
  const ctx = cursorContext(result.root, offset);
  const prop = ctx.property?.toLowerCase();
  const model = result.model;
  const v = ctx.value;
  const at = (n: SourceNode): SourceRange => ({ offset: n.offset, length: n.length });
  if (v && typeof v.value === 'string' && prop && PREFIX_PROPS.has(prop)) {
    const md = tagHover(v.value);
    if (md) return { markdown: md, range: at(v) };
  }
  if (v && (typeof v.value === 'string' || typeof v.value === 'number') && prop && PORT_PROPS.has(prop)) {
    const md = portHover(String(v.value));
    if (md) return { markdown: md, range: at(v) };
  }
  const apim = ctx.resourceType?.toLowerCase() === 'microsoft.apimanagement/service';
  if (v && typeof v.value === 'string' && apim && prop === 'name' && ctx.parentProperty?.toLowerCase() === 'sku') {
    return { markdown: tierHover(v.value), range: at(v) };
  }
  if (v && typeof v.value === 'string' && apim && prop === 'virtualnetworktype') {
    return { markdown: modeHover(v.value), range: at(v) };
  }
  if (model && v && (prop === 'addressprefix' || prop === 'addressprefixes')) {
    const subnet = model.subnets.find((s) => s.addressPrefix.at === v || (s.addressPrefix.ev?.node === v && s.addressPrefix.ev.literal));
    if (subnet) return { markdown: subnetHover(model, subnet), range: at(v) };
  }
  if (model) {
    const rule = ruleAt(model, offset);
    if (rule && (prop === 'name' || ctx.node === rule.node || prop === 'priority')) {
      const md = ruleHover(model, rule);
      if (md) return { markdown: md, range: at(rule.name.at) };
    }
  }
  return undefined;
}

function flowsNeeding(tag: string): FlowRequirement[] {
  return FLOW_REQUIREMENTS.filter((f) => f.remote !== 'any' && f.remote.toLowerCase() === tag.toLowerCase());
}

function flowLine({ req: f, to }: { req: FlowRequirement; to: number }): string {
  const modes = f.modes.map((m) => m.replace('classic-', '').replace('v2-', 'v2 ')).join(', ');
  const remote = f.remote === 'any' ? 'clients' : f.remote;
  const ports = to > f.port ? `${f.port}-${to}` : String(f.port);
  return `- ${f.direction.toLowerCase()} ${f.protocol.toUpperCase()} ${ports} ${f.direction === 'Inbound' ? 'from' : 'to'} ${remote}: ${f.purpose} — **${f.required ? 'required' : 'optional'}** (${modes}; ${f.fact})`;
}

export function tagHover(text: string): string | undefined {
  const c = checkServiceTag(text);
  if (c.kind === 'address') return c.cidr ? `**${formatCidr(c.cidr)}**: ${blockSize(c.cidr.prefix)} address(es)${c.aligned ? ` — host bits set: the network is ${formatCidr(c.aligned)}` : ''}` : undefined;
  if (c.kind !== 'ok' || !c.tag) return text === '*' ? '**`*`**: any address' : undefined;
  const t = c.tag;
  const lines = [`**Service tag \`${t.name}\`**${c.region ? ` (regional form, ${c.region})` : ''}`, '', t.description, ''];
  lines.push(`Recommended direction: ${t.direction === 'Both' ? 'inbound and outbound' : t.direction.toLowerCase()}. ${t.publicAzure ? 'Public Azure addresses: contained in `Internet`.' : 'Not part of `Internet`.'}`);
  if (t.regional) lines.push(`Regional form: \`${t.name}.<Region>\`, e.g. \`${t.name}.WestEurope\`.`);
  const flows = flowsNeeding(t.name);
  if (flows.length) lines.push('', 'API Management flows that use it:', ...portRuns(flows).map(flowLine));
  if (t.note) lines.push('', `_${t.note}_`);
  lines.push('', `[Service tags](${LEARN.serviceTags}) · [APIM VNet reference](${LEARN.vnetReference})`);
  return lines.join('\n');
}

export function portHover(spec: string): string | undefined {
  const parsed = parsePortSpec(spec.trim());
  if (!parsed.ok) return undefined;
  const hits = FLOW_REQUIREMENTS.filter((f) => parsed.ranges.some((r) => r.from <= f.port && f.port <= r.to));
  if (!hits.length || parsed.ranges.some((r) => r.to - r.from > 1000)) return undefined;
  return [`**Port${parsed.ranges.length > 1 || parsed.ranges[0]!.from !== parsed.ranges[0]!.to ? 's' : ''} ${spec}** in API Management networking:`, '', ...portRuns(hits).map(flowLine), '', `[APIM VNet reference](${LEARN.vnetReference})`].join('\n');
}

export function tierHover(sku: string): string {
  const t = TIERS[sku.toLowerCase()];
  if (!t) return `**${sku}** is not an API Management tier. Tiers: ${Object.values(TIERS).map((x) => x.name).join(', ')}.`;
  const yes = (b: boolean) => (b ? '✔' : '✘');
  return [
    `**API Management tier ${t.name}**`,
    '',
    '| networking model | supported |',
    '|---|---|',
    `| VNet injection, External/Internal (classic) | ${yes(t.classicInjection)} |`,
    `| VNet injection (v2, virtualNetworkType Internal) | ${yes(t.v2Injection)} |`,
    `| Outbound VNet integration (v2, virtualNetworkType External) | ${yes(t.v2Integration)} |`,
    `| Inbound private endpoint | ${yes(t.privateEndpoint)} |`,
    '',
    t.classicInjection ? `Injected subnet: /${SUBNET.classicMinPrefix} or larger; ${t.name === 'Developer' ? '1 address' : `${t.ipsPerUnit} addresses per unit`}, +1 in Internal mode, 5 reserved by Azure.` : '',
    t.v2 && (t.v2Injection || t.v2Integration) ? `v2 subnets: /${SUBNET.v2MinPrefix} or larger, dedicated and delegated.` : '',
    t.maxUnits ? `At most ${t.maxUnits} units.` : '',
    '',
    `[Tier features](${LEARN.features}) · [Networking options](${LEARN.concepts})`,
  ].filter((l, i, a) => l !== '' || (a[i - 1] ?? '') !== '').join('\n');
}

export function modeHover(type: string): string {
  const l = type.toLowerCase();
  const body =
    l === 'external'
      ? 'Classic tiers (Developer, Premium): injected in the VNet, gateway and portal reachable from the Internet through a public load balancer. Standard v2 / Premium v2: outbound VNet integration (the gateway stays public).'
      : l === 'internal'
        ? 'Classic tiers (Developer, Premium): injected in the VNet, endpoints reachable only from the VNet through an internal load balancer (one more subnet address; you provide DNS). Premium v2: VNet injection.'
        : l === 'none'
          ? 'Not in a VNet. Inbound private endpoints are possible (not in Consumption or Basic v2).'
          : 'Not a valid value: use None, External or Internal.';
  return [`**virtualNetworkType ${type}**`, '', body, '', `[Networking options](${LEARN.concepts}) · [VNet reference](${LEARN.vnetReference})`].join('\n');
}

function regionsUsing(model: NetworkModel, subnet: Subnet): ApimRegion[] {
  return model.apimServices.flatMap((s) => s.regions).filter((r) => r.subnet === subnet);
}

export function subnetHover(model: NetworkModel, subnet: Subnet): string {
  const name = asString(subnet.name.ev) ?? 'subnet';
  const budget = subnetBudget(model, subnet);
  const cidr = cidrOf(budget?.prefix);
  if (!budget || !cidr) return `**${name}**: the prefix is not known before deployment.`;
  const regions = regionsUsing(model, subnet);
  // The totals are the topology's budget (one computation); the hover adds who uses what.
  const parts = [`${budget.size} addresses`, `${budget.reserved} reserved`];
  for (const r of regions) {
    const need = subnetNeed(r);
    if (!need) continue;
    const { mode, tier } = modeOf(r);
    const units = tier?.name === 'Developer' ? 1 : asNumber(r.capacity.ev) ?? 1;
    parts.push(`${need.addresses} used by ${tier?.name ?? '?'} × ${units}${mode === 'classic-internal' || mode === 'v2-injection' ? ' Internal' : ''}`);
  }
  parts.push(`${budget.free} free`);
  const lines = [`**${name}** \`${budget.prefix}\``, '', `/${cidr.prefix}: ${parts.join(', ')}`];
  if (budget.overcommitted) lines.push('', '**Too small** for what is injected in it (see subnet-too-small).');
  if (regions.length) lines.push('', `Used by ${regions.map(regionLabel).join(', ')}.`);
  const nsg = subnet.nsg ? asString(subnet.nsg.name.ev) : undefined;
  if (nsg) lines.push(`NSG: \`${nsg}\`.`);
  lines.push('', `[Subnet size](${LEARN.injectionResources})`);
  return lines.join('\n');
}

function ruleAt(model: NetworkModel, offset: number): SecurityRule | undefined {
  let best: SecurityRule | undefined;
  for (const n of model.networkSecurityGroups) {
    for (const r of n.rules) {
      if (offset >= r.node.offset && offset <= r.node.offset + r.node.length && (!best || r.node.length < best.node.length)) best = r;
    }
  }
  return best;
}

export function ruleHover(model: NetworkModel, rule: SecurityRule): string | undefined {
  const name = asString(rule.name.ev) ?? 'rule';
  const index = rule.nsg.rules.indexOf(rule);
  const decided: string[] = [];
  for (const service of model.apimServices) {
    for (const region of service.regions) {
      if (region.subnet?.nsg !== rule.nsg) continue;
      for (const { req, flow } of regionFlows(region)) {
        const v = verdictOf(rule.nsg, flow);
        if (v.outcome !== 'unknown' && v.rule.key === index && !v.rule.isDefault) {
          decided.push(`- ${describeFlow(flow)} for ${regionLabel(region)}: ${explainVerdict(v)} — ${req.required ? 'required' : 'optional'}`);
        }
      }
    }
  }
  const prio = asNumber(rule.priority.ev);
  const head = `**NSG rule \`${name}\`**${prio !== undefined ? ` (priority ${prio})` : ''}`;
  if (!decided.length) {
    const attached = model.apimServices.some((s) => s.regions.some((r) => r.subnet?.nsg === rule.nsg));
    return attached ? `${head}\n\nDecides none of the flows API Management needs.` : undefined;
  }
  return [head, '', 'Decides these API Management flows:', ...decided, '', `[NSG rules for API Management](${LEARN.vnetReference})`].join('\n');
}
