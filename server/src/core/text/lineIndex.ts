/** Converts offsets to zero-based line/character positions (UTF-16 code units, as LSP) and back. */
export interface Position {
  readonly line: number;
  readonly character: number;
}

/**
 * Line starts are found on first use: an analysis that reports nothing, or a caller that only wants
 * offsets, never pays for the scan.
 */
export class LineIndex {
  #text: string | undefined;
  #lineStarts: number[] | undefined;
  readonly #length: number;

  constructor(text: string) {
    this.#text = text;
    this.#length = text.length;
  }

  get #starts(): number[] {
    if (this.#lineStarts) return this.#lineStarts;
    const text = this.#text!;
    this.#text = undefined;
    const starts = [0];
    if (text.indexOf('\r') < 0) {
      // LF only (the common case): indexOf finds line ends much faster than a character loop
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
      this.#lineStarts = starts;
      return starts;
    }
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 13 /* \r */) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      } else if (c === 10 /* \n */) {
        starts.push(i + 1);
      }
    }
    this.#lineStarts = starts;
    return starts;
  }

  get lineCount(): number {
    return this.#starts.length;
  }

  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.#length));
    let lo = 0;
    let hi = this.#starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.#starts[mid]! <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: o - this.#starts[lo]! };
  }

  offsetAt(pos: Position): number {
    if (pos.line < 0) return 0;
    if (pos.line >= this.#starts.length) return this.#length;
    const start = this.#starts[pos.line]!;
    const next = pos.line + 1 < this.#starts.length ? this.#starts[pos.line + 1]! : this.#length;
    return Math.max(start, Math.min(start + pos.character, next));
  }

  lineStart(line: number): number {
    return this.#starts[Math.max(0, Math.min(line, this.#starts.length - 1))]!;
  }
}
