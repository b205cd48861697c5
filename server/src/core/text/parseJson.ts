import { parseTree, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { sameName, type SourceNode } from './sourceNode';
import { ownString } from '../nsg/memo';
import { Buffer } from 'node:buffer';
import { childStack, EntriesObjectNode, itemsOf, moveTree, type MutableNode as Node } from './treeBuilder';

export interface SyntaxProblem {
  readonly message: string;
  readonly offset: number;
  readonly length: number;
}

export interface ParsedDocument {
  readonly format: 'json' | 'yaml';
  readonly root: SourceNode | undefined;
  readonly problems: readonly SyntaxProblem[];
  /**
   * A tree that the parse of a later version of the document may update in place of parsing it again
   * (reparseJson.ts): every JSON tree, with its problems (not one refused outright).
   */
  readonly reusable?: ReusableTree;
  /**
   * Set when this parse updated the previous version's tree (reparseJson.ts): the object, array or string value it
   * parsed again and put in place of the old one. Every node outside it is the previous tree's, moved.
   */
  readonly replaced?: SourceNode;
  /** With `replaced`: the old value it took the place of, no longer in the tree. */
  readonly discarded?: SourceNode;
}

/**
 * A parsed version of a document, handed to the parse of its next version. That parse, when the edit lies
 * inside an object or array, parses only that object or array again and moves the nodes after it: the tree
 * is then the new version's, and `root` is cleared (the hand-off is one-time). Whoever still holds the old
 * version's tree sees the new version's offsets.
 */
export interface ReusableTree {
  /** The text the tree was parsed from (a leading byte-order mark blanked). */
  readonly text: string;
  root: SourceNode | undefined;
  /** The parse's syntax problems (none for the lean parser's trees). */
  readonly problems: readonly SyntaxProblem[];
  /** Set on a YAML document's tree (reparseYaml.ts); a JSON tree has none. */
  readonly format?: 'yaml';
  /**
   * YAML with `problems` (reparseYaml.ts): the lines of the block mapping that was parsed alone with them, the rest
   * of the tree being a whole parse's. The next version's parse may start from this tree only by parsing those lines
   * again.
   */
  readonly problemLines?: { readonly offset: number; readonly length: number };
  /** What the analysis of this version left for the next one's (analyze.ts: its model, when it may be reused). */
  analysis?: unknown;
}

/**
 * Parses JSON as ARM reads it: comments (`//`, `/* *\/`) and trailing commas are accepted.
 *
 * The tree is jsonc-parser's `parseTree` tree (see sourceNode.ts). A document without syntax errors
 * (what the editor holds almost all the time) is read by a lean positioned parser of our own, which
 * builds exactly the nodes `parseTree` builds, at about the cost of `JSON.parse` plus the nodes. At its
 * first doubt (any syntax error, empty content, nesting deeper than MAX_NESTING) it gives up and the
 * document goes through the nesting pre-check and jsonc-parser, whose error recovery and messages
 * are what users see.
 */
export function parseJson(text: string): ParsedDocument {
  const fast = parseJsonFast(text);
  if (fast) return { format: 'json', root: fast, problems: [], reusable: { text, root: fast, problems: [] } };
  return parseJsonTolerant(text);
}

/** The error-tolerant path: nesting pre-check, then jsonc-parser's `parseTree` with its error recovery. */
export function parseJsonTolerant(text: string): ParsedDocument {
  const deep = tooDeepAt(text);
  if (deep !== undefined) {
    return { format: 'json', root: undefined, problems: [{ message: `Document refused: nested deeper than ${MAX_NESTING} levels`, offset: deep, length: 1 }] };
  }
  const errors: ParseError[] = [];
  let root: SourceNode | undefined;
  try {
    root = parseTree(text, errors, TOLERANT) as SourceNode | undefined;
  } catch (e) {
    return { format: 'json', root: undefined, problems: [{ message: `Document refused: ${e instanceof Error ? e.message : String(e)}`, offset: 0, length: 1 }] };
  }
  const problems = errors.map((e) => problemOf(e, 0));
  return { format: 'json', root, problems, ...(root ? { reusable: { text, root, problems } } : {}) };
}

/** jsonc-parser's options: comments and trailing commas as ARM accepts them; empty content is for us to judge. */
const TOLERANT = { allowTrailingComma: true, disallowComments: false, allowEmptyContent: true } as const;

function problemOf(e: ParseError, at: number): SyntaxProblem {
  return { message: describe(e), offset: e.offset + at, length: Math.max(e.length, 1) };
}

/**
 * `parseJsonFragment` for a value with syntax errors: jsonc-parser's tolerant parse of `start`..`end` alone, its
 * nodes and problems moved to their offsets in `text`. Undefined unless the value spans the fragment and closes
 * with its last bracket: no problem at the end of the fragment, where jsonc-parser reports an object or array
 * that it reached the end without closing (its recovery may have skipped that bracket, or an inner value taken
 * it). jsonc-parser decides from the tokens it has read, so a value closed there is parsed in the whole text
 * exactly as alone; the tokens after it are the previous version's. The nesting pre-check runs over the whole
 * text, as for a whole parse.
 */
export function parseJsonFragmentTolerant(
  text: string, start: number, end: number, parent: SourceNode,
): { node: SourceNode; problems: SyntaxProblem[] } | undefined {
  if (tooDeepAt(text) !== undefined) return undefined;
  // an own copy: jsonc-parser's strings are views into the text it parses, and this tree outlives the version
  const fragment = ownString(text.slice(start, end));
  const errors: ParseError[] = [];
  let node: SourceNode | undefined;
  try {
    node = parseTree(fragment, errors, TOLERANT) as SourceNode | undefined;
  } catch {
    return undefined;
  }
  if (!node || node.offset !== 0 || node.length !== fragment.length) return undefined;
  if (errors.some((e) => e.offset >= fragment.length)) return undefined;
  moveTree(node, start);
  (node as Node).parent = parent;
  return { node, problems: errors.map((e) => problemOf(e, start)) };
}


/** Deeper nesting than any template has; the parser (and every tree walk) is recursive. */
export const MAX_NESTING = 1000;

/**
 * The offset where bracket nesting first exceeds MAX_NESTING (strings and comments skipped), else
 * undefined. YAML flow collections use the same brackets; `#` starts a YAML comment.
 */
export function tooDeepAt(text: string, yaml = false, max = MAX_NESTING): number | undefined {
  let depth = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 123 || c === 91) {
      if (++depth > max) return i;
    } else if (c === 125 || c === 93) depth--;
    else if (c === 34) {
      for (i++; i < n; i++) {
        const d = text.charCodeAt(i);
        if (d === 92) i++;
        else if (d === 34 || d === 10) break;
      }
    } else if (yaml && c === 39) {
      const end = text.indexOf("'", i + 1);
      i = end < 0 ? n : end;
    } else if (yaml && c === 35) {
      while (i < n && text.charCodeAt(i) !== 10) i++;
    } else if (!yaml && c === 47 && text.charCodeAt(i + 1) === 47) {
      while (i < n && text.charCodeAt(i) !== 10) i++;
    } else if (!yaml && c === 47 && text.charCodeAt(i + 1) === 42) {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? n : end + 1;
    }
  }
  return undefined;
}

function describe(e: ParseError): string {
  const code = printParseErrorCode(e.error);
  const words = code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return `JSON syntax error: ${words}`;
}

// ---------------------------------------------------------------------------------------------------
// The lean parser. It accepts exactly a subset of what jsonc-parser accepts without any error (with
// comments and trailing commas allowed) and builds, for it, node for node the tree parseTree builds:
// the same types, offsets, lengths (UTF-16 code units), values, colonOffsets, parents (`parentOf`),
// children, and no parent on the root; an object's property nodes are made when its `children` are
// first read (EntriesObjectNode, treeBuilder.ts). Whitespace is what jsonc-parser's scanner takes as
// whitespace (space, tab, CR, LF); anything else unexpected aborts. State is module-level: parsing is
// synchronous.

/** Thrown (never escapes parseJsonFast) when the text needs the tolerant parser. */
const GIVE_UP = { giveUp: true };

let T = '';
/**
 * The text's UTF-16 code units, with a 0 after the last one. The scanning loops read characters from here
 * rather than with `T.charCodeAt`: V8 compiles each `charCodeAt` in a loop to a dispatch on the string's
 * representation (sequential, cons, sliced, thin), reloaded on every character, where a typed array's load
 * is a bounds check and a read. The 0 ends every loop that scans on without `N` (in a string it is a
 * control character, the end of a number or keyword); where the end of the text itself matters, `N` tells.
 */
let C: Uint16Array = new Uint16Array(1);
let N = 0;
let P = 0;
let depth = 0;
/**
 * The top of the child stack (treeBuilder.ts) while a JSON text is parsed: entries and items are written at it and
 * copied out, and it goes back down, without setting the stack's length (a call of the array's length setter per
 * object and array), which only the start and end of a parse reset.
 */
let SP = 0;

/** The tree of an error-free document, else undefined (the caller then takes the tolerant path). */
export function parseJsonFast(text: string): SourceNode | undefined {
  return scan(text, 0, text.length, 0, units, () => {
    if (skip() !== skip.VALUE) return undefined; // empty content: jsonc-parser decides
    const root = value(undefined);
    if (skip() !== skip.END) return undefined; // something after the value
    return root;
  });
}

/**
 * Runs `parse` over `start`..`end` of `text` (positions stay those of the whole text) with the scanner's state
 * set up, and clears that state after it; undefined where the parser gives up.
 */
function scan(text: string, start: number, end: number, depthAbove: number, buffer: KeptBuffer, parse: () => Node | undefined): Node | undefined {
  // A big-endian machine would read the code units byte-swapped: the tolerant path parses there.
  if (!LITTLE_ENDIAN) return undefined;
  T = text;
  C = codeUnits(text, start, end, buffer);
  N = end;
  P = start;
  depth = depthAbove;
  childStack.length = 0;
  SP = 0;
  try {
    return parse();
  } catch (e) {
    if (e === GIVE_UP) return undefined;
    if (e instanceof RangeError) return undefined; // a stack overflow despite the nesting limit: take the careful path
    throw e;
  } finally {
    T = '';
    C = EMPTY_UNITS;
    childStack.length = 0;
    ownStrings = false;
  }
}

const EMPTY_UNITS = new Uint16Array(1);

/**
 * The value that starts at `start` in `text` (an object or array of an earlier version's tree, whose brackets an
 * edit left in place), parsed as the lean parser would parse it there, or undefined when it is not one error-free
 * value ending exactly at `end` (reparseJson.ts then parses the whole text). `depthAbove` is the number of
 * objects and arrays around it. Only `start`..`end` of the text is scanned and copied, and strings are own
 * copies: this tree outlives the text it was cut from (see `ownStrings`).
 */
export function parseJsonFragment(text: string, start: number, end: number, parent: SourceNode, depthAbove: number): SourceNode | undefined {
  return scan(text, start, end, depthAbove, units, () => {
    ownStrings = true;
    const node = value(parent as Node);
    return P === end ? node : undefined;
  });
}

/**
 * True while a fragment is parsed: strings longer than the intern table's are copied instead of sliced. A full
 * parse's strings are views into its text, which its tree holds anyway; a fragment's tree joins a tree kept
 * across edits, and views would keep each edited version's whole text alive.
 */
let ownStrings = false;

/** True where a Uint16Array reads Buffer's UTF-16LE bytes as code units (every platform VS Code runs on). */
const LITTLE_ENDIAN = new Uint16Array(new Uint8Array([1, 0]).buffer)[0] === 1;

/**
 * The code units of `start`..`end` of `text`, at their positions in the text, and a 0 after them (the units before
 * `start` are not written: a fragment's scan never reads them). Written by Buffer's native UTF-16LE encoder (a copy
 * at memory speed, outside the JavaScript heap): a loop of `charCodeAt` to fill it would cost what the array saves.
 */
function codeUnits(text: string, start: number, end: number, buffer: KeptBuffer): Uint16Array {
  const buf = buffer.get(2 * (end + 1));
  buf.write(start === 0 && end === text.length ? text : text.slice(start, end), 2 * start, 'utf16le');
  buf[2 * end] = 0;
  buf[2 * end + 1] = 0;
  return new Uint16Array(buf.buffer, buf.byteOffset, end + 1);
}

/** A buffer kept from one parse to the next (the parser is synchronous) while it is at most `maxKept` bytes. */
class KeptBuffer {
  #buffer: Buffer | undefined;
  constructor(
    private readonly maxKept: number,
    private readonly minSize = 0,
  ) {}

  /** A buffer of at least `bytes` bytes, not zeroed. */
  get(bytes: number): Buffer {
    let buf = this.#buffer;
    if (!buf || buf.length < bytes) {
      buf = Buffer.allocUnsafeSlow(Math.max(bytes, this.minSize));
      if (bytes <= this.maxKept) this.#buffer = buf;
    }
    return buf;
  }
}

/**
 * The code units of every parse, whole documents and fragments alike (the parser is synchronous: one buffer
 * serves them in turn), kept while at most 32 MB: documents up to 16 M characters, beyond the default
 * maxFileSize. An edit of a large document parses a few hundred characters at an offset of megabytes, and a new
 * buffer of the document's size per edit would count as external memory towards V8's next full collection. A
 * whole document's parse took a buffer of its own until round 14, released with the parse, so that the server
 * would not hold twice the size of the largest document it parsed: every parse of the 8 MB benchmark template
 * then wrote 17 MB of fresh pages (12 ms of its 400, 1 ms of the 2 MB template's 110; docs/performance.md).
 * The server keeps each open document's tree, several times the size of this buffer, anyway.
 */
const units = new KeptBuffer(1 << 25, 1 << 16);

/** Skips whitespace and comments; returns skip.END at the end of the text, else skip.VALUE. */
function skip(): number {
  const a = C;
  const n = N;
  let p = P;
  while (p < n) {
    const c = a[p]!;
    if (c === 32 || c === 10 || c === 13 || c === 9) {
      p++;
    } else if (c === 47) {
      const d = a[p + 1]!;
      if (d === 47) {
        p += 2;
        while (p < n) {
          const e = a[p]!;
          if (e === 10 || e === 13) break;
          p++;
        }
      } else if (d === 42) {
        const end = T.indexOf('*/', p + 2);
        if (end < 0) throw GIVE_UP;
        p = end + 2;
      } else throw GIVE_UP;
    } else {
      P = p;
      return skip.VALUE;
    }
  }
  P = p;
  return skip.END;
}
skip.END = 0;
skip.VALUE = 1;

/** The value at P (after skip()), with P left just after it. */
function value(parent: Node | undefined): Node {
  const c = C[P]!;
  switch (c) {
    case 123: return object(parent);
    case 91: return array(parent);
    case 34: {
      const offset = P;
      const v = string();
      return { type: 'string', offset, length: P - offset, parent, value: v };
    }
    case 116: return keyword('true', true, parent);
    case 102: return keyword('false', false, parent);
    case 110: return keyword('null', null, parent);
    default:
      if (c === 45 || (c >= 48 && c <= 57)) return number(parent);
      throw GIVE_UP;
  }
}

const NO_CHILDREN: Node[] = [];

/**
 * An object: an `EntriesObjectNode`, its properties collected on the child stack as entries (key, value node,
 * position: see ENTRY in treeBuilder.ts) and copied out as one exact-length array; no property node is made here.
 */
function object(parent: Node | undefined): Node {
  if (++depth > MAX_NESTING) throw GIVE_UP; // the tolerant path refuses it with the pre-check's offset
  const node = new EntriesObjectNode(P, parent);
  const stack = childStack as unknown[];
  const base = SP;
  const a = C;
  P++;
  skip();
  let c = a[P]!;
  if (c !== 125) {
    for (;;) {
      if (c !== 34) throw GIVE_UP;
      const keyOffset = P;
      const key = string();
      const keyLength = P - keyOffset;
      if (key.length === 4 && sameName(key, 'copy')) node.copyKey = true;
      skip();
      if (a[P] !== 58) throw GIVE_UP;
      const colonOffset = P;
      P++;
      if (skip() !== skip.VALUE) throw GIVE_UP;
      const position = node.positionOf(key, keyOffset, colonOffset, keyLength);
      // the value's own entries and items collect above its key
      stack[SP++] = key;
      const v = value(node as Node);
      stack[SP++] = v;
      stack[SP++] = position;
      skip();
      c = a[P]!;
      if (c === 44) {
        P++;
        skip();
        c = a[P]!;
        if (c === 125) break; // trailing comma
      } else if (c === 125) break;
      else throw GIVE_UP;
    }
  }
  P++;
  node.length = P - node.offset;
  node.entries = stack.slice(base, SP);
  SP = base;
  depth--;
  return node as Node;
}

function array(parent: Node | undefined): Node {
  if (++depth > MAX_NESTING) throw GIVE_UP;
  const node: Node = { type: 'array', offset: P, length: -1, parent, children: NO_CHILDREN };
  const base = SP;
  const a = C;
  P++;
  skip();
  let c = a[P]!;
  if (c !== 93) {
    for (;;) {
      if (P >= N) throw GIVE_UP; // end of text
      const v = value(node);
      childStack[SP++] = v;
      skip();
      c = a[P]!;
      if (c === 44) {
        P++;
        skip();
        c = a[P]!;
        if (c === 93) break; // trailing comma
      } else if (c === 93) break;
      else throw GIVE_UP;
    }
  }
  P++;
  node.length = P - node.offset;
  node.children = itemsOf(childStack, base, SP);
  SP = base;
  depth--;
  return node;
}

/** The string at P (which is a `"`), unescaped; P is left after the closing quote. */
function string(): string {
  const a = C;
  const start = P + 1;
  let p = start;
  let h = 0;
  for (;;) {
    const c = a[p]!;
    if (c === 34) {
      P = p + 1;
      return p - start <= INTERN_MAX_LENGTH ? interned(a, start, p, h) : ownStrings ? ownString(T.slice(start, p)) : T.slice(start, p);
    }
    if (c === 92) return escaped(start, p);
    if (!(c >= 32)) throw GIVE_UP; // a control character, a line break or the end of the text
    h = ((h << 5) - h + c) | 0; // ×31: a sum of the characters made names that differ in their digits' order collide
    p++;
  }
}

/**
 * Short strings (keys, types, API versions, enum values, names) repeat throughout a template and
 * from one analysis of a document to the next. A small direct-mapped table, keyed by a hash computed
 * while scanning, hands out one copy of each: no new string per occurrence, and the copies live in
 * the old generation instead of being copied by each young-generation collection during the parse.
 */
const INTERN_MAX_LENGTH = 40;
const INTERN_SLOTS = 1 << 14;
const internTable: string[] = new Array<string>(INTERN_SLOTS).fill('');
/**
 * The code units of each slot's string, INTERN_MAX_LENGTH per slot (1.3 MB): a candidate is compared with them
 * rather than with `charCodeAt` of the kept string, which V8 compiles to a dispatch on the string's
 * representation per character (the kept copies are sliced strings); half of the scan's instructions.
 */
const internUnits = new Uint16Array(INTERN_SLOTS * INTERN_MAX_LENGTH);

function interned(a: Uint16Array, start: number, end: number, hash: number): string {
  const len = end - start;
  let h = Math.imul(hash, 0x9e3779b1) ^ Math.imul(len, 0x85ebca6b);
  if (len) h ^= Math.imul(a[start]! | (a[end - 1]! << 8) | (a[start + (len >> 1)]! << 16), 0xc2b2ae35);
  const slot = (h ^ (h >>> 15)) & (INTERN_SLOTS - 1);
  const cached = internTable[slot]!;
  const units = internUnits;
  const base = slot * INTERN_MAX_LENGTH;
  if (cached.length === len) {
    let i = 0;
    while (i < len && units[base + i] === a[start + i]) i++;
    if (i === len) return cached;
  }
  // the table keeps a copy of its own, so that it never holds an old document's text alive
  const s = ownString(T.slice(start, end));
  internTable[slot] = s;
  for (let i = 0; i < len; i++) units[base + i] = a[start + i]!;
  return s;
}

function escaped(start: number, at: number): string {
  const t = T;
  let out = t.slice(start, at);
  let p = at;
  let from = at;
  for (;;) {
    const c = t.charCodeAt(p);
    if (c === 34) {
      P = p + 1;
      const s = out + t.slice(from, p);
      return ownStrings ? ownString(s) : s;
    }
    if (c === 92) {
      out += t.slice(from, p);
      const d = t.charCodeAt(p + 1);
      p += 2;
      switch (d) {
        case 34: out += '"'; break;
        case 92: out += '\\'; break;
        case 47: out += '/'; break;
        case 98: out += '\b'; break;
        case 102: out += '\f'; break;
        case 110: out += '\n'; break;
        case 114: out += '\r'; break;
        case 116: out += '\t'; break;
        case 117: {
          let code = 0;
          for (let i = 0; i < 4; i++) {
            const h = t.charCodeAt(p + i);
            const v = h >= 48 && h <= 57 ? h - 48 : h >= 65 && h <= 70 ? h - 55 : h >= 97 && h <= 102 ? h - 87 : -1;
            if (v < 0) throw GIVE_UP;
            code = code * 16 + v;
          }
          p += 4;
          out += String.fromCharCode(code);
          break;
        }
        default: throw GIVE_UP;
      }
      from = p;
      continue;
    }
    if (!(c >= 32)) throw GIVE_UP;
    p++;
  }
}

function keyword(word: string, v: boolean | null, parent: Node | undefined): Node {
  const offset = P;
  if (!T.startsWith(word, offset)) throw GIVE_UP;
  P += word.length;
  // `truex` is one unknown token to jsonc-parser: the next character must end the keyword
  if (continuesToken(T.charCodeAt(P))) throw GIVE_UP;
  return { type: v === null ? 'null' : 'boolean', offset, length: word.length, parent, value: v };
}

/** jsonc-parser's "unknown content character": not whitespace, a line break, a bracket, `"`, `:`, `,`, `/`. */
function continuesToken(c: number): boolean {
  if (c !== c) return false; // end of text
  switch (c) {
    case 32: case 9: case 10: case 13: case 123: case 125: case 91: case 93: case 34: case 58: case 44: case 47:
      return false;
  }
  return true;
}

/** A JSON number (-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?), valued as jsonc-parser does (`Number(text)`). */
function number(parent: Node | undefined): Node {
  const a = C;
  const offset = P;
  let p = P;
  let c = a[p]!;
  if (c === 45) c = a[++p]!;
  let simple = true;
  let int = 0;
  if (c === 48) {
    c = a[++p]!;
  } else if (c >= 49 && c <= 57) {
    do {
      int = int * 10 + (c - 48);
      c = a[++p]!;
    } while (c >= 48 && c <= 57);
  } else throw GIVE_UP;
  if (c === 46) {
    simple = false;
    c = a[++p]!;
    if (!(c >= 48 && c <= 57)) throw GIVE_UP;
    do c = a[++p]!;
    while (c >= 48 && c <= 57);
  }
  if (c === 101 || c === 69) {
    simple = false;
    c = a[++p]!;
    if (c === 43 || c === 45) c = a[++p]!;
    if (!(c >= 48 && c <= 57)) throw GIVE_UP;
    do c = a[++p]!;
    while (c >= 48 && c <= 57);
  }
  // `1x`, `0x1F`, `01`: jsonc-parser reports them; let it
  if ((c >= 48 && c <= 57) || (p < N && continuesToken(c))) throw GIVE_UP;
  P = p;
  const length = p - offset;
  const negative = a[offset] === 45;
  const v = simple && length < 16 ? (negative ? -int : int) : Number(T.slice(offset, p));
  return { type: 'number', offset, length, parent, value: v };
}
