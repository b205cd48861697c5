import { asNumber, asString } from '../arm/value';
import { MAX_PRIORITY } from '../nsg/priorities';
import { portRuns, type FlowRequirement } from '../azure/apimRequirements';
import { describeFlow, evaluateFlow, explainVerdict, UNKNOWN, type Flow } from '../nsg/evaluate';
import { rangeOf } from '../text/sourceNode';
import type { NetworkModel, NetworkSecurityGroup, SecurityRule } from '../model/networkModel';
import type { Fix } from './finding';
import { defineRule } from './rule';
import { modeOf, regionLabel } from './support/apim';
import { insertRulesFix } from './support/insertNsgRule';
import { compiledNsg, modelRule, ruleView } from './support/nsgView';
import { regionRequirements, requirementFlows } from './support/regionFlows';

/**
 * Every flow APIM needs, judged through the NSG of its subnet as Azure evaluates it
 * (F-PORT-TABLE, F-NSG-DEFAULTS, F-NSG-REQUIRED-4).
 */
export default defineRule({
  meta: {
    id: 'nsg-required-port',
    description: 'A traffic flow API Management requires is blocked by the NSG of its subnet, or allowed only by a default rule',
    defaultSeverity: 'error',
    facts: ['F-PORT-TABLE', 'F-NSG-DEFAULTS', 'F-PORT-6390', 'F-PORT-OUT-80', 'F-NSG-REQUIRED-4', 'F-TAGS-REGIONAL'],
    messages: {
      blocked: { text: 'The NSG {nsg} blocks {flow} ({purpose}), which {instance} requires: {verdict}' },
      optionalBlocked: { text: 'In the NSG {nsg}, {rule} also blocks {count} optional flow(s) of {instance}, needed only if you use these features: {flows}', severity: 'information' },
      defaultOnly: { text: 'The NSG {nsg} has no explicit rule for {count} flow(s) {instance} requires; only default rules allow them: {flows}', severity: 'information' },
    },
    fixable: true,
  },
  // Fixes are computed when asked for (fixes/lazyFixes.ts): the NSG rules they write were a tenth of a large
  // template's analysis, and the editor asks only for the fixes of the finding under the cursor.
  check(ctx) {
    for (const service of ctx.model.apimServices) {
      for (const region of service.regions) {
        const { mode, tier } = modeOf(region);
        if (!mode || mode === 'none' || !tier) continue;
        const nsg = region.subnet?.nsg;
        if (!nsg || nsg.rulesUnknown) continue;
        const nsgName = `'${asString(nsg.name.ev) ?? '(unnamed)'}'`;
        const instance = regionLabel(region);
        const defaultOnly: { req: FlowRequirement; flow: Flow; verdict: string }[] = [];
        const optional = new Map<SecurityRule, { req: FlowRequirement; flow: Flow }[]>();
        const related = [
          { range: rangeOf(region.service.name.at), message: `API Management instance ${instance}` },
          ...(region.subnet ? [{ range: rangeOf(region.subnet.name.at), message: 'the subnet it is injected in' }] : []),
        ];
        const reqs = regionRequirements(region, mode, tier);
        const flows = requirementFlows(reqs, region);
        const compiled = compiledNsg(nsg);
        for (let i = 0; i < reqs.length; i++) {
          const req = reqs[i]!;
          const flow = flows[i]!;
          const v = evaluateFlow(compiled, flow);
          if (v.outcome === 'blocked') {
            const blocker = modelRule(nsg, v.rule);
            if (!req.required) {
              // An optional flow that only the default DenyAll rules stop was simply never opened: not news.
              if (blocker) optional.set(blocker, [...(optional.get(blocker) ?? []), { req, flow }]);
              continue;
            }
            const data = { nsg: nsgName, flow: describeFlow(flow), purpose: req.purpose, instance, verdict: explainVerdict(v) };
            const fixes = allowFixes(ctx.model, nsg, [req], Number(v.rule.priority), `Add an Allow rule for ${data.flow}`);
            ctx.report({ messageId: 'blocked', data, at: blocker ? blocker.name.at : nsg.name.at, related, fixes });
          } else if (v.outcome === 'default-allowed' && req.required) {
            defaultOnly.push({ req, flow, verdict: explainVerdict(v) });
          }
        }
        for (const [blocker, flows] of optional) {
          const before = asNumber(blocker.priority.ev) ?? MAX_PRIORITY;
          const listed = listFlows(flows);
          const fixes = allowFixes(ctx.model, nsg, flows.map((f) => f.req), before, `Add Allow rules for the ${listed.length} optional flow(s)`);
          ctx.report({
            messageId: 'optionalBlocked',
            data: {
              nsg: nsgName, rule: `${asString(blocker.name.ev) ?? '(unnamed)'} (priority ${String(before)})`, count: listed.length, instance,
              flows: listed.join('; '),
            },
            at: blocker.name.at,
            related,
            fixes,
          });
        }
        if (defaultOnly.length) {
          const fixes = insertFixes(
            ctx.model,
            nsg,
            defaultOnly.map((d) => ({ req: d.req, before: 65000 })),
            `Add explicit Allow rules for the ${defaultOnly.length} required flow(s)`,
          );
          ctx.report({
            messageId: 'defaultOnly',
            data: { nsg: nsgName, count: defaultOnly.length, instance, flows: defaultOnly.map((d) => `${describeFlow(d.flow)} (${d.verdict.replace('allowed only by the default rule ', '')})`).join('; ') },
            at: nsg.name.at,
            related,
            fixes,
          });
        }
      }
    }
  },
});

/** The fix as a list of fixes: none when it cannot be written. */
function listOf(fix: Fix | undefined): Fix[] {
  return fix ? [fix] : [];
}

/**
 * allowFix and insertRulesFix, computed when asked for. Functions of their own, so that the closures capture
 * their parameters only: one written in check's loops captured the loops' variables, which made every
 * iteration allocate a context, blocked or not.
 */
function allowFixes(model: NetworkModel, nsg: NetworkSecurityGroup, reqs: readonly FlowRequirement[], before: number, title: string): () => Fix[] {
  return () => listOf(allowFix(model, nsg, reqs, before, title));
}

function insertFixes(model: NetworkModel, nsg: NetworkSecurityGroup, reqs: readonly { req: FlowRequirement; before: number }[], title: string): () => Fix[] {
  return () => listOf(insertRulesFix(model, nsg, reqs, title));
}

/**
 * The fix that adds Allow rules for `reqs` before the rule that decides (`before`), and before every
 * Deny whose own condition is unknown in that direction (F-NSG-DEFAULTS: the first match wins), so
 * that the flow is allowed whether or not such a rule is deployed; where no priority is free up there,
 * before the deciding rule only.
 */
function allowFix(model: NetworkModel, nsg: NetworkSecurityGroup, reqs: readonly FlowRequirement[], before: number, title: string) {
  const direction = reqs[0]?.direction;
  let first = before;
  nsg.rules.forEach((rule, i) => {
    // only a child rule resource has a condition of its own (see ruleView): inline rules need no view
    if (rule.style !== 'child') return;
    const view = ruleView(rule, i);
    const p = view.priority;
    const d = view.direction === UNKNOWN ? undefined : view.direction.toLowerCase();
    const a = view.access === UNKNOWN ? undefined : view.access.toLowerCase();
    if (view.conditional && p !== UNKNOWN && a !== 'allow' && (d === undefined || d === direction?.toLowerCase())) first = Math.min(first, p);
  });
  const at = (b: number) => insertRulesFix(model, nsg, reqs.map((req) => ({ req, before: b })), title);
  return (first < before ? at(first) : undefined) ?? at(before);
}

/**
 * "inbound TCP 6391 from AzureLoadBalancer (per-machine health monitoring); inbound TCP 6381-6383 from
 * VirtualNetwork (internal cache sync between units)": flows that differ only in consecutive ports, one range.
 */
function listFlows(flows: readonly { req: FlowRequirement; flow: Flow }[]): string[] {
  const flowOf = new Map(flows.map((f) => [f.req, f.flow]));
  return portRuns(flows.map((f) => f.req)).map(({ req, to }) => {
    const text = describeFlow(flowOf.get(req)!);
    const flow = to > req.port ? text.replace(` ${req.port} `, ` ${req.port}-${to} `) : text;
    return `${flow} (${req.purpose.replace(' (optional)', '')})`;
  });
}
