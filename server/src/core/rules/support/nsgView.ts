import { asNumber, asString, type EV } from '../../arm/value';
import { compileNsg, evaluateFlow, UNKNOWN, type CompiledNsg, type Flow, type Maybe, type RuleView, type Verdict } from '../../nsg/evaluate';
import type { NetworkSecurityGroup, SecurityRule, Val } from '../../model/networkModel';
import { deployedWith } from '../../template/resources';
import { memoByObject, memoByString } from '../../nsg/memo';

function text(v: Val | undefined): Maybe<string> {
  const ev: EV | undefined = v?.ev;
  if (ev === undefined || ev.t === 'null') return UNKNOWN;
  if (ev.t === 'number') return String(ev.v);
  return ev.t === 'string' ? ev.v : UNKNOWN;
}

/**
 * Most lists have one item: one shared list per text (immutable), like the engine's compiled lists. 16,384
 * texts: the 8 MB benchmark template has 4,900 distinct ones (addresses, ports), more than the default table
 * holds before it starts over.
 */
const single = memoByString((s: string): readonly Maybe<string>[] => [s], 16_384);
const UNKNOWN_LIST: readonly Maybe<string>[] = [UNKNOWN];

function list(vals: readonly Val[]): readonly Maybe<string>[] {
  if (vals.length === 1) {
    const t = text(vals[0]);
    return t === UNKNOWN ? UNKNOWN_LIST : single(t);
  }
  return vals.map((v) => text(v));
}

/** The engine's view of one rule of the model; `key` is its index in `nsg.rules`. */
export function ruleView(rule: SecurityRule, key: number): RuleView {
  const prio = asNumber(rule.priority.ev);
  return {
    key,
    name: asString(rule.name.ev) ?? '(unnamed rule)',
    priority: prio ?? UNKNOWN,
    direction: text(rule.direction),
    access: text(rule.access),
    protocol: text(rule.protocol),
    sourcePrefixes: list(rule.sourcePrefixes),
    destinationPrefixes: list(rule.destinationPrefixes),
    sourcePorts: list(rule.sourcePorts),
    destinationPorts: list(rule.destinationPorts),
    // A child rule resource with an unknown condition of its own may be missing from the NSG.
    conditional: rule.style === 'child' && !deployedWith(rule.res, rule.nsg.res),
  };
}

/** The compiled NSG, built once per NSG of a model and shared by every rule that asks. */
export const compiledNsg: (nsg: NetworkSecurityGroup) => CompiledNsg = memoByObject((nsg) => compileNsg(nsg.rules.map(ruleView)));

export function verdictOf(nsg: NetworkSecurityGroup, flow: Flow): Verdict {
  return evaluateFlow(compiledNsg(nsg), flow);
}

/** The model rule behind a verdict's deciding rule (undefined for default rules). */
export function modelRule(nsg: NetworkSecurityGroup, v: RuleView | undefined): SecurityRule | undefined {
  return v && !v.isDefault && v.key >= 0 ? nsg.rules[v.key] : undefined;
}
