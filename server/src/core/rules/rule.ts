import type { NetworkModel } from '../model/networkModel';
import type { SourceNode, SourceRange } from '../text/sourceNode';
import type { Finding, Fix, RelatedLocation, Severity } from './finding';
import { memoByString } from '../nsg/memo';
import type { FixesThunk } from '../fixes/lazyFixes';

/** One message a rule can report; `severity` only where it differs from the rule's default. */
export interface RuleMessage {
  readonly text: string;
  readonly severity?: Severity;
}

export interface RuleMeta {
  /** Stable kebab-case id (a public contract: CLI output, settings, docs). File name = id. */
  readonly id: string;
  /** One line, unique across rules. */
  readonly description: string;
  readonly defaultSeverity: Severity;
  /** Fact ids in apim-network-facts.md the rule relies on. */
  readonly facts: readonly string[];
  /** messageId → template with `{name}` placeholders filled from `data`. */
  readonly messages: Readonly<Record<string, RuleMessage>>;
  readonly fixable: boolean;
}

export interface ReportInput {
  readonly messageId: string;
  readonly data?: Readonly<Record<string, string | number>>;
  readonly at: SourceNode | SourceRange;
  readonly related?: readonly RelatedLocation[];
  /** The fixes, or a function that computes them when they are first asked for (fixes/lazyFixes.ts: for costly ones). */
  readonly fixes?: readonly Fix[] | FixesThunk;
}

export interface RuleContext {
  readonly model: NetworkModel;
  report(input: ReportInput): void;
}

export interface Rule {
  readonly meta: RuleMeta;
  check(ctx: RuleContext): void;
}

export function defineRule(rule: Rule): Rule {
  return rule;
}

/**
 * A message template split at its placeholders: text, name, text, name, …, text. Rules have a few dozen
 * templates and a large template gets hundreds of findings of each: split once (a `replace` with a callback
 * per finding was 3 % of a 2 MB analysis). Templates of any length are kept; only rule messages come here.
 */
const partsOf: (template: string) => readonly string[] = memoByString((t) => t.split(/\{(\w+)\}/), 1024, Infinity);

/** Fills `{name}` placeholders; a name without data stays as written. */
export function formatMessage(template: string, data: Readonly<Record<string, string | number>> | undefined): string {
  if (!data) return template;
  const parts = partsOf(template);
  let out = parts[0]!;
  for (let i = 1; i < parts.length; i += 2) {
    const k = parts[i]!;
    out += (Object.hasOwn(data, k) ? String(data[k]) : `{${k}}`) + parts[i + 1]!;
  }
  return out;
}

export type { Finding, Fix, Severity };
