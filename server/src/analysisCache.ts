/**
 * uri + version → analysis, shared by every feature (diagnostics, code actions, status, later hovers), so a
 * document version is analysed once whatever asks first. Only the newest version of a document is kept: a new
 * version supersedes the old entry. Entries are dropped when the document closes, when its inputs change
 * (settings, its parameter file) through `invalidate`, or all at once through `clear`.
 *
 * The cache is created by `startServer` and handed to the handlers (no module-level state that tests must reset).
 */
export interface VersionedDocument {
  readonly uri: string;
  readonly version: number;
}

export class AnalysisCache<T> {
  readonly #entries = new Map<string, { readonly version: number; readonly value: Promise<T> }>();
  readonly #compute: (doc: VersionedDocument) => Promise<T>;
  /** How many times `compute` ran (tests use it to check "once per version"). */
  computeCount = 0;

  constructor(compute: (doc: VersionedDocument) => Promise<T>) {
    this.#compute = compute;
  }

  get<D extends VersionedDocument>(doc: D): Promise<T> {
    const entry = this.#entries.get(doc.uri);
    if (entry && entry.version === doc.version) return entry.value;
    this.computeCount++;
    const value = this.#compute(doc);
    this.#entries.set(doc.uri, { version: doc.version, value });
    // A failed analysis is not cached: the next request tries again.
    value.catch(() => {
      if (this.#entries.get(doc.uri)?.value === value) this.#entries.delete(doc.uri);
    });
    return value;
  }

  /** The version whose analysis is cached for `uri`, if any. */
  cachedVersion(uri: string): number | undefined {
    return this.#entries.get(uri)?.version;
  }

  invalidate(uri: string): void {
    this.#entries.delete(uri);
  }

  clear(): void {
    this.#entries.clear();
  }
}
