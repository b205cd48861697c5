import {
  DocumentDiagnosticReportKind,
  type Diagnostic,
  type FullDocumentDiagnosticReport,
  type UnchangedDocumentDiagnosticReport,
} from 'vscode-languageserver/node';
import { isDeepStrictEqual } from 'node:util';

/**
 * What the client holds of each document's diagnostics: the last full report's items and `resultId`, and the
 * document version they were last reported for.
 *
 * - **Unchanged reports.** A keystroke in a large template rarely changes its diagnostics (positions are lines and
 *   characters: a character typed on one line moves only that line's), yet every pull sent them all again: 960
 *   diagnostics, 760 KB of JSON per keystroke for the 2 MB benchmark template, written by the server and parsed
 *   by the editor (about 3 and 6 ms). A pull that names the last report (`previousResultId`, as VS Code sends it)
 *   and whose diagnostics are equal to it gets `{ kind: 'unchanged' }`: the client keeps what it has, now for the
 *   new version.
 * - **Stale diagnostics.** Code actions must refuse the diagnostics of an older version (their ranges may no longer
 *   fit the text). Each diagnostic carried that version in `data` until round 14, which made every report differ
 *   from the last; now the client's diagnostics are current when they were last reported (in full or unchanged)
 *   for the document's current version.
 */
export class DiagnosticReports {
  /** uri → the last full report (none for pushed diagnostics) and the version the client's diagnostics are for. */
  readonly #reports = new Map<string, { readonly full?: { readonly resultId: string; readonly items: readonly Diagnostic[] }; version: number }>();
  #next = 0;
  /**
   * Ids are never reused, not even by a restarted server: a client that still holds a report of the previous
   * server (a lost answer) must not name one of this server's reports by chance.
   */
  readonly #prefix = `${Date.now().toString(36)}-`;

  /** The answer to a pull of `uri` at `version` whose diagnostics are `items`. */
  answer(uri: string, version: number, items: Diagnostic[], previousResultId: string | undefined): FullDocumentDiagnosticReport | UnchangedDocumentDiagnosticReport {
    const last = this.#reports.get(uri);
    if (last?.full && previousResultId === last.full.resultId && isDeepStrictEqual(last.full.items, items)) {
      last.version = version;
      return { kind: DocumentDiagnosticReportKind.Unchanged, resultId: last.full.resultId };
    }
    const resultId = `${this.#prefix}${++this.#next}`;
    this.#reports.set(uri, { full: { resultId, items }, version });
    return { kind: DocumentDiagnosticReportKind.Full, resultId, items };
  }

  /** Diagnostics pushed (a client without pull diagnostics): current for `version`, never compared. */
  pushed(uri: string, version: number): void {
    this.#reports.set(uri, { version });
  }

  /** True when the client's diagnostics of `uri` were reported for `version`. */
  current(uri: string, version: number): boolean {
    return this.#reports.get(uri)?.version === version;
  }

  forget(uri: string): void {
    this.#reports.delete(uri);
  }
}
