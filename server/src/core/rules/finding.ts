import type { SourceRange } from '../text/sourceNode';

/** Severities, with LSP's names. */
export type Severity = 'error' | 'warning' | 'information' | 'hint';
/** A configured level: a severity, or off. `info` is accepted as a synonym of `information`. */
export type Level = Severity | 'off';

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
