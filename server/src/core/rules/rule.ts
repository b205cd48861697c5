import type { NetworkModel } from '../model/networkModel';
import type { SourceNode, SourceRange } from '../text/sourceNode';
import type { Finding, Fix, RelatedLocation, Severity } from './finding';

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
  readonly fixes?: readonly Fix[];
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

/** Fills `{name}` placeholders. */
export function formatMessage(template: string, data: Readonly<Record<string, string | number>> | undefined): string {
  if (!data) return template;
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in data ? String(data[k]) : m));
}

export type { Finding, Fix, Severity };
