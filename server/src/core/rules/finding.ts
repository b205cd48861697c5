import type { SourceRange } from '../text/sourceNode';

/** Severities, with LSP's names. */
export type Severity = 'error' | 'warning' | 'information' | 'hint';
/** A configured level: a severity, or off. `info` is accepted as a synonym of `information`. */
export type Level = Severity | 'off';

const SEVERITY_ORDER: Readonly<Record<Severity, number>> = { hint: 0, information: 1, warning: 2, error: 3 };

/**
 * The severity of a finding once its rule is set to `level`: the level, except that a finding milder than its
 * rule's default (an optional flow's information, an unknown key's warning) stays milder, capped at the level.
 */
export function severityAtLevel(severity: Severity, ruleDefault: Severity, level: Severity): Severity {
  if (SEVERITY_ORDER[severity] < SEVERITY_ORDER[ruleDefault]) return SEVERITY_ORDER[severity] < SEVERITY_ORDER[level] ? severity : level;
  return level;
}

/** One text replacement on the original document (offsets in UTF-16 code units). */
export interface OffsetEdit {
  readonly offset: number;
  readonly length: number;
  readonly newText: string;
}

export interface Fix {
  /** Imperative, capitalised, no trailing period: "Add rule AllowStorageOutbound at priority 110". */
  readonly title: string;
  readonly edits: readonly OffsetEdit[];
  readonly isPreferred?: boolean;
}

export interface RelatedLocation {
  readonly range: SourceRange;
  readonly message: string;
}

export interface Finding {
  readonly ruleId: string;
  readonly messageId: string;
  readonly severity: Severity;
  readonly message: string;
  readonly range: SourceRange;
  readonly related?: readonly RelatedLocation[];
  readonly fixes?: readonly Fix[];
}
