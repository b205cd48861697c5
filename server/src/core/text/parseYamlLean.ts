import { parseDocument } from 'yaml';
import type { SourceNode } from './sourceNode';
import { memoByString } from '../nsg/memo';
import { childrenOf, childStack, PropertyNode, scalarNode, type MutableNode } from './treeBuilder';

/**
 * A lean parser for the block YAML that templates are written in: block mappings and sequences (a mapping may start
 * on an item's `- ` line), one-line plain and quoted scalars, `[]` and `{}`, comments, blank lines and one leading
 * `---`. It builds, node for node, the tree that parseYaml.ts makes from the yaml library's parse (same types,
 * offsets, lengths, values, keys, parents), at a fraction of its cost, and gives up (undefined: the caller takes the
 * yaml library's path) at anything else: a syntax problem, tabs, anchors, aliases, tags, directives, block scalars
 * (`|`, `>`), flow collections with items, scalars over several lines, complex keys, a byte-order mark.
 *
 * What a scalar's text means (`true`, `0x1F`, `.inf`, `2023-09-01`, an escape in quotes) is the yaml library's
 * answer for that text as a value or a key, kept per text: the library's schema decides, never a copy of its rules.
 *
 * Where nodes start and end follows the library's ranges as parseYaml.ts reads them: a scalar is its token; a
 * mapping starts at its first key and a sequence at its first `-`, and both end with the last line of their last
 * entry (a comment on that line included, and the comment lines after it that the library gives it: `close`); a
 * key's value that is missing is a null at the first character after the colon and its spaces (the line's end, or a
 * comment's `#`), as is an empty item.
 */
export function parseYamlLean(text: string, base = 0, parent?: SourceNode): SourceNode | undefined {
  const lines = lineTable(text);
  if (!lines) return undefined;
  const p = new Lean(text, lines, base);
  try {
    const i = p.next(0);
    if (i >= lines.count) return undefined; // no content: the library decides what that is
    p.line = i;
    const root = p.block(parent, lines.indent[i]!);
    if (p.next(p.line) < lines.count) return undefined; // something after the root, less indented
    return root;
  } catch (e) {
    if (e === GIVE_UP) return undefined;
    if (e instanceof RangeError) return undefined; // a stack overflow despite the nesting limit: the careful path
    throw e;
  } finally {
    childStack.length = 0;
  }
}

const GIVE_UP = { giveUp: true };

/** `---` alone on its line (or followed by spaces and a comment; `---#` is a scalar). */
function isMarker(text: string, start: number, end: number): boolean {
  if (!text.startsWith('---', start) || (end > start + 3 && text.charCodeAt(start + 3) !== 32)) return false;
  const rest = text.slice(start + 3, end).trim();
  return rest === '' || rest.startsWith('#');
}

interface Lines {
  readonly count: number;
  /** First character, end (before the line break and a CR), indentation (spaces), kind per line. */
  readonly start: Int32Array;
  readonly end: Int32Array;
  readonly indent: Int32Array;
  /** 0: blank, 1: a comment alone, 2: content. */
  readonly kind: Uint8Array;
}

/** The lines of `text`, or undefined for what the lean parser does not take at all (tabs, a BOM, a CR inside a line). */
function lineTable(text: string): Lines | undefined {
  // a byte-order mark anywhere (the library drops one where a document starts, and its answer for a key is asked at
  // the start of a text of its own)
  if (text.includes('\ufeff') || text.includes('\t')) return undefined;
  let count = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) count++;
  const start = new Int32Array(count);
  const end = new Int32Array(count);
  const indent = new Int32Array(count);
  const kind = new Uint8Array(count);
  let s = 0;
  let contentSeen = false;
  for (let l = 0; l < count; l++) {
    const nl = text.indexOf('\n', s);
    let e = nl < 0 ? text.length : nl;
    if (e > s && text.charCodeAt(e - 1) === 13) {
      if (nl < 0) return undefined; // a CR that ends the text: the library reads it as part of the last token
      e--;
    }
    let p = s;
    while (p < e && text.charCodeAt(p) === 32) p++;
    for (let q = p; q < e; q++) if (text.charCodeAt(q) === 13) return undefined; // a CR inside a line
    start[l] = s;
    end[l] = e;
    indent[l] = p - s;
    kind[l] = p === e ? 0 : text.charCodeAt(p) === 35 ? 1 : 2;
    if (p === s && kind[l] === 2) {
      // `---` alone before any content starts the document (a line like a comment's); any other marker, a document
      // end or a directive is the library's
      if (!contentSeen && isMarker(text, s, e)) kind[l] = 1;
      else if (text.charCodeAt(s) === 37 || ((text.startsWith('---', s) || text.startsWith('...', s)) && (e === s + 3 || text.charCodeAt(s + 3) === 32))) return undefined;
    }
    if (kind[l] === 2) contentSeen = true;
    s = nl + 1;
  }
  return { count, start, end, indent, kind };
}

/**
 * What the yaml library makes of one scalar's text (a plain or quoted token) as a mapping's value or key, per text:
 * the token is parsed in that place (`k: …`, `…: 0`), since alone some mean something else (`...` ends a document).
 * Names, addresses and expressions repeat across a template and from one version to the next (65,536 texts: the
 * 8 MB benchmark template has about 30,000 distinct ones).
 */
const valueOf = memoByString((token: string) => resolve(`k: ${token}`, 'value'), 65_536);
const keyOf = memoByString((token: string) => resolve(`${token}: 0`, 'key'), 65_536);

/** How many tokens the library has been asked about (each not asked before, or dropped from the table). */
let asked = 0;

function resolve(text: string, part: 'key' | 'value'): { readonly ok: boolean; readonly value: unknown } {
  asked++;
  const doc = parseDocument(text, { uniqueKeys: false, strict: false, prettyErrors: false });
  const pairs = (doc.contents as { items?: { key?: { value?: unknown; items?: unknown }; value?: { value?: unknown; items?: unknown } }[] } | null)?.items;
  const node = doc.errors.length || doc.warnings.length || pairs?.length !== 1 ? undefined : pairs[0]![part];
  if (!node || node.items !== undefined || !('value' in node)) return { ok: false, value: undefined };
  return { ok: true, value: node.value };
}

/** Characters that may not start a plain scalar or key here (indicators the lean parser leaves to the library). */
function startsSpecial(c: number): boolean {
  switch (c) {
    case 35: case 38: case 42: case 33: case 124: case 62: case 37: case 64: case 96: // # & * ! | > % @ `
    case 91: case 93: case 123: case 125: case 44: case 34: case 39: // [ ] { } , " '
      return true;
  }
  return false;
}

/** What the last entry of a collection is, for the comment lines after it (`Lean.close`). */
const enum Last {
  Scalar,
  Null,
  Block,
}

class Lean {
  /** The current line: the next one to read. */
  line = 0;
  /**
   * How the block collection read last ends: `line`, the last line of its own text (its length); `withLeft`, the last
   * line of the comment lines it keeps after that (for the collection around it, which ends there when this one is its
   * last entry); `leftLast` and `leftMax`, the last line and the greatest indentation of the comment lines it left over
   * (-1: none), which go on to the collection around it.
   */
  readonly end = { line: 0, withLeft: 0, leftMax: -1, leftLast: -1 };
  readonly #askedBefore = asked;

  constructor(
    readonly text: string,
    readonly lines: Lines,
    readonly base: number,
  ) {}

  /**
   * Gives up on a text whose tokens are mostly new (each a question to the library, ~12 µs: a YAML file of distinct
   * identifiers would cost more than the library's own parse): beyond 2,000 of them, at most one per 50 characters
   * read so far.
   */
  budget(p: number): void {
    const n = asked - this.#askedBefore;
    if (n > 2000 && n > p / 50) throw GIVE_UP;
  }

  /** The first content line at or after `i` (blank lines and comment lines skipped), or the line count. */
  next(i: number): number {
    const kind = this.lines.kind;
    while (i < this.lines.count && kind[i] !== 2) i++;
    return i;
  }

  /** The block node whose first line is the current one, indented `col`: a sequence or a mapping. */
  block(parent: SourceNode | undefined, col: number): MutableNode {
    const lines = this.lines;
    const at = lines.start[this.line]! + col;
    return this.isDash(at, lines.end[this.line]!) ? this.sequence(parent, col) : this.mapping(parent, col, at);
  }

  /** `-` followed by a space or the line's end. */
  isDash(p: number, end: number): boolean {
    return this.text.charCodeAt(p) === 45 && this.blankAfter(p, end);
  }

  /** True when the character at `p` is followed by a space or the line's end (an indicator, not part of a word). */
  blankAfter(p: number, end: number): boolean {
    return p + 1 === end || this.text.charCodeAt(p + 1) === 32;
  }

  /**
   * True when a plain key or scalar may start at `p`: not at an indicator the lean parser leaves to the library, nor
   * at `-`, `?` or `:` followed by a space (an item, a complex key, a value without its key).
   */
  plainStarts(p: number, end: number): boolean {
    const c = this.text.charCodeAt(p);
    return !startsSpecial(c) && !((c === 45 || c === 63 || c === 58) && this.blankAfter(p, end));
  }

  /** `#` after a space: a comment's start. */
  isComment(q: number): boolean {
    return this.text.charCodeAt(q) === 35 && this.text.charCodeAt(q - 1) === 32;
  }

  /** A block sequence whose items' `-` are at column `col`, the first on the current line. */
  sequence(parent: SourceNode | undefined, col: number): MutableNode {
    const { text, lines } = this;
    const node: MutableNode = { type: 'array', offset: lines.start[this.line]! + col + this.base, length: 0, parent, children: undefined };
    const stackBase = childStack.length;
    let last = this.line;
    let kind = Last.Scalar;
    let n: number;
    for (;;) {
      const l = this.line;
      const end = lines.end[l]!;
      let p = lines.start[l]! + col + 1;
      while (p < end && text.charCodeAt(p) === 32) p++;
      if (this.isDash(p, end)) throw GIVE_UP; // `- - x`
      if (p === end || text.charCodeAt(p) === 35) {
        // nothing after the `-`: the item is on the lines below, more indented, or null
        const below = this.next(l + 1);
        if (below < lines.count && lines.indent[below]! > col) {
          this.line = below;
          childStack.push(this.block(node, lines.indent[below]!));
          kind = Last.Block;
        } else {
          childStack.push(this.nullAt(p, node));
          this.line = l + 1;
          last = l;
          kind = Last.Null;
        }
      } else if (this.keyEnd(p, end) >= 0) {
        // a mapping that starts on the item's line: its keys at the column of its first one
        childStack.push(this.mapping(node, p - lines.start[l]!, p));
        kind = Last.Block;
      } else {
        childStack.push(this.inline(p, end, node, col));
        last = l;
        kind = Last.Scalar;
      }
      n = this.next(this.line);
      if (n >= lines.count || lines.indent[n]! < col) break;
      if (lines.indent[n]! > col || !this.isDash(lines.start[n]! + col, lines.end[n]!)) {
        // a key of the mapping around at the same column (`key:` then its items, not indented) ends the sequence
        if (lines.indent[n]! === col && this.keyEnd(lines.start[n]! + col, lines.end[n]!) >= 0) break;
        throw GIVE_UP;
      }
      this.line = n;
    }
    node.children = childrenOf(stackBase);
    this.close(col, kind, last, n);
    node.length = this.lineEnd(this.end.line) + this.base - node.offset;
    return node;
  }

  /** A block mapping whose keys are at column `col`, the first at `first` on the current line. */
  mapping(parent: SourceNode | undefined, col: number, first: number): MutableNode {
    const { text, lines } = this;
    const node: MutableNode = { type: 'object', offset: first + this.base, length: 0, parent, children: undefined };
    const stackBase = childStack.length;
    let keyAt = first;
    let last = this.line;
    let kind = Last.Scalar;
    let n: number;
    for (;;) {
      const l = this.line;
      const end = lines.end[l]!;
      const colon = this.keyEnd(keyAt, end);
      if (colon < 0) throw GIVE_UP;
      // the key's token ends before any spaces ahead of its colon (the library's key range)
      let keyEnd = colon;
      while (keyEnd > keyAt && text.charCodeAt(keyEnd - 1) === 32) keyEnd--;
      const keyText = this.keyText(keyAt, keyEnd);
      const property = new PropertyNode(keyAt + this.base, node, keyEnd + this.base, keyText, keyEnd - keyAt);
      let p = colon + 1;
      while (p < end && text.charCodeAt(p) === 32) p++;
      if (p === end || text.charCodeAt(p) === 35) {
        // nothing after the colon: the value is on the lines below (more indented, or a sequence at this column), or null
        const below = this.next(l + 1);
        if (below < lines.count && (lines.indent[below]! > col || (lines.indent[below]! === col && this.isDash(lines.start[below]! + col, lines.end[below]!)))) {
          this.line = below;
          property.valueNode = this.block(property, lines.indent[below]!);
          kind = Last.Block;
        } else {
          property.valueNode = this.nullAt(p, property);
          this.line = l + 1;
          last = l;
          kind = Last.Null;
        }
      } else {
        property.valueNode = this.inline(p, end, property, col);
        last = l;
        kind = Last.Scalar;
      }
      childStack.push(property as unknown as MutableNode);
      n = this.next(this.line);
      if (n >= lines.count || lines.indent[n]! < col) break;
      if (lines.indent[n]! > col) throw GIVE_UP;
      keyAt = lines.start[n]! + col;
      if (this.isDash(keyAt, lines.end[n]!)) throw GIVE_UP; // an item after a key's value: the library decides
      this.line = n;
    }
    node.children = childrenOf(stackBase);
    this.close(col, kind, last, n);
    node.length = this.lineEnd(this.end.line) + this.base - node.offset;
    return node;
  }

  /**
   * Where a collection at column `col` ends, given the comment lines between its last entry (a scalar or null on line
   * `last`, or a block collection that has just ended: `this.end`) and the next line with content, `n` (or the line
   * count). Sets `this.end` to the collection's own end. The yaml library's rules, as its
   * parse shows them (docs/performance.md, round 19):
   * - after a scalar, comment lines indented more than `col` are the scalar's (one after the other: the first one
   *   that is not ends that), and so end within the collection; the rest are left over;
   * - after a missing value (`key:`, `-`), every comment line up to the next content is the value's;
   * - after a block collection, the collection ends where that one's comments end, and what that one left over is
   *   left over here;
   * - comment lines left over stay with the collection (it ends with them, for the collection around it) unless every
   *   one is indented less than `col` or `col` is 0: then they go on to the collection around it, and so on up.
   */
  close(col: number, kind: Last, last: number, n: number): void {
    const { indent, kind: lineKind } = this.lines;
    const end = this.end;
    let own = last;
    let leftMax = -1;
    let leftLast = -1;
    if (kind === Last.Block) {
      own = end.withLeft;
      leftMax = end.leftMax;
      leftLast = end.leftLast;
    } else if (kind === Last.Null) {
      for (let i = last + 1; i < n; i++) if (lineKind[i] === 1) own = i;
    } else {
      let i = last + 1;
      for (; i < n; i++) {
        if (lineKind[i] !== 1) continue;
        if (indent[i]! <= col) break;
        own = i;
      }
      for (; i < n; i++) {
        if (lineKind[i] !== 1) continue;
        if (indent[i]! > leftMax) leftMax = indent[i]!;
        leftLast = i;
      }
    }
    end.line = own;
    end.withLeft = own;
    if (leftLast >= 0 && col !== 0 && leftMax >= col) {
      // the left-over comment lines stay with this collection
      end.withLeft = leftLast;
      leftLast = -1;
      leftMax = -1;
    }
    end.leftMax = leftMax;
    end.leftLast = leftLast;
  }

  /** Where line `l`'s text ends: its last character that is not a space (a comment on it included). */
  lineEnd(l: number): number {
    let e = this.lines.end[l]!;
    while (e > this.lines.start[l]! && this.text.charCodeAt(e - 1) === 32) e--;
    return e;
  }

  /** A null value at `p` (no text). */
  nullAt(p: number, parent: SourceNode): MutableNode {
    return scalarNode(null, p + this.base, 0, parent);
  }

  /**
   * The offset of the colon that ends a key starting at `p` (a plain key up to `:` followed by a space or the line's
   * end, or a quoted key and its colon), or -1 when no key starts there.
   */
  keyEnd(p: number, end: number): number {
    const text = this.text;
    const c = text.charCodeAt(p);
    if (c === 34 || c === 39) {
      const close = this.quoteEnd(p, end);
      if (close < 0) return -1;
      return close < end && text.charCodeAt(close) === 58 && this.blankAfter(close, end) ? close : -1;
    }
    if (!this.plainStarts(p, end)) return -1;
    for (let q = p; q < end; q++) {
      if (text.charCodeAt(q) === 58 && this.blankAfter(q, end)) return q;
      if (this.isComment(q)) return -1; // a comment before any colon
    }
    return -1;
  }

  /** The offset after the closing quote of the quoted scalar at `p` on its line, or -1 when it does not close there. */
  quoteEnd(p: number, end: number): number {
    const text = this.text;
    const q = text.charCodeAt(p);
    for (let i = p + 1; i < end; i++) {
      const c = text.charCodeAt(i);
      if (q === 34 && c === 92) {
        i++;
        continue;
      }
      if (c === q) {
        if (q === 39 && text.charCodeAt(i + 1) === 39) {
          i++;
          continue;
        }
        return i + 1;
      }
    }
    return -1;
  }

  /** A key's name: what the library makes of its token (a plain `1` is the number 1, named "1"). */
  keyText(p: number, e: number): string {
    const v = keyOf(this.text.slice(p, e));
    this.budget(p);
    if (!v.ok || (v.value !== null && typeof v.value === 'object')) throw GIVE_UP;
    return String(v.value);
  }

  /**
   * The value written on a line after a key's colon or an item's `-`, from `p` to the line's end (a comment after
   * it excluded): a quoted or plain scalar, `[]` or `{}`. Nothing may follow on the lines below that is indented
   * more than `col` (a plain scalar's continuation, which the library joins).
   */
  inline(p: number, end: number, parent: SourceNode, col: number): MutableNode {
    const text = this.text;
    const c = text.charCodeAt(p);
    let tokenEnd: number;
    if (c === 34 || c === 39) {
      tokenEnd = this.quoteEnd(p, end);
      if (tokenEnd < 0) throw GIVE_UP;
    } else if (c === 91 || c === 123) {
      // only an empty flow collection
      if (text.charCodeAt(p + 1) !== (c === 91 ? 93 : 125)) throw GIVE_UP;
      tokenEnd = p + 2;
    } else {
      if (!this.plainStarts(p, end)) throw GIVE_UP;
      tokenEnd = end;
      for (let q = p; q < end; q++) {
        if (this.isComment(q)) {
          tokenEnd = q;
          break;
        }
        if (text.charCodeAt(q) === 58 && this.blankAfter(q, end)) throw GIVE_UP; // a mapping on one line
      }
      while (tokenEnd > p && text.charCodeAt(tokenEnd - 1) === 32) tokenEnd--;
    }
    // after the token: spaces, then a comment or the line's end
    let q = tokenEnd;
    while (q < end && text.charCodeAt(q) === 32) q++;
    if (q < end && (text.charCodeAt(q) !== 35 || q === tokenEnd)) throw GIVE_UP;
    // a more indented line below would continue a plain scalar (or be an error): the library decides
    const n = this.next(this.line + 1);
    if (n < this.lines.count && this.lines.indent[n]! > col) throw GIVE_UP;
    this.line++;
    const offset = p + this.base;
    const length = tokenEnd - p;
    if (c === 91) return { type: 'array', offset, length, parent, children: [] };
    if (c === 123) return { type: 'object', offset, length, parent, children: [] };
    const v = valueOf(text.slice(p, tokenEnd));
    this.budget(p);
    if (!v.ok) throw GIVE_UP;
    return scalarNode(v.value, offset, length, parent);
  }
}
