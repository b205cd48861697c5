import { valueOfProperty, type SourceNode } from './sourceNode';
import type { ParsedDocument, ReusableTree, SyntaxProblem } from './parseJson';
import { isSpace, parseYamlFragment, plainYaml } from './parseYaml';
import { commonPrefix, commonSuffix, valueAt } from './reparseJson';
import { putPart } from './narrowPart';
import { ownString } from '../nsg/memo';
import { linkOf, type MutableNode } from './treeBuilder';

/**
 * The parse of an edited YAML document from the tree of its previous version, as reparseJson.ts does for JSON: the
 * lines of the innermost block mapping that hold the whole edit are parsed again, alone, and put in place of the old
 * mapping; the nodes after it move by the edit's length. Undefined when that is not possible (the caller parses the
 * whole text).
 *
 * Why: the yaml library takes about 0.4 s for a 2 MB document, on every keystroke; a block mapping (a security
 * rule, a resource) is a few lines.
 *
 * YAML has no brackets: a block mapping is its lines. A mapping written on its own lines as a property's value
 * (`properties:` then its keys, each at column `c`) is every following line indented at least `c`; one written as a
 * sequence item (`- key: …` with its `-` at column `d`) is every following line indented more than `d`. So the
 * fragment is whole lines, from the mapping's first line (its `- ` included) to the line where it ends, and it is
 * parsed again only when every line of it still belongs to it by that rule (blank lines and comments aside), and the
 * edit does not touch what is before the mapping's first key on its first line. The lines before and after are
 * unchanged, and none of them can join the mapping: the next line with content is indented less than `c` (or at
 * most `d`), or the mapping would have gone on (a `key:` at the end of the fragment takes no less indented value).
 * The parse of the fragment alone then gives what the whole document's parse gives for those lines, with exceptions
 * that make the document not reusable or the fragment refused (parseYaml.ts): anchors and aliases (a part's value
 * may be written elsewhere), directives (`%YAML 1.1` changes what a scalar means), a missing key, the comment and
 * blank lines after the fragment (`endsAsInTheWhole`), and syntax problems other than the block structure's (an
 * unclosed quote or bracket may reach past the fragment's last line in the whole document: `problemsStayInside`). A
 * version with problems is handed on with them and their lines (`problemLines`), which the next version's part must
 * hold. The fragment's mapping must also start where the old one did.
 */
export function reparseYaml(previous: ReusableTree, text: string): ParsedDocument | undefined {
  const root = previous.root;
  if (!root || previous.format !== 'yaml') return undefined;
  // a tree with problems is one whose problems all lie in the lines of one mapping parsed alone (below)
  const problemLines = previous.problems.length ? previous.problemLines : undefined;
  if (previous.problems.length && !problemLines) return undefined;
  const old = previous.text;
  let start = commonPrefix(old, text);
  if (start === old.length && start === text.length) return take(previous, text, root, undefined, previous.problems, problemLines);
  let oldEnd = old.length - commonSuffix(old, text, start);
  const delta = text.length - old.length;
  // An insertion or deletion whose text repeats what precedes it could sit further left: put there, a line typed
  // after a mapping's last line (`\n` and the indentation) is an edit at that line's end, not one inside the next
  // line's indentation, outside every mapping.
  if (oldEnd === start || oldEnd - start === -delta) {
    while (start > 0 && old.charCodeAt(start - 1) === (delta > 0 ? text.charCodeAt(start - 1 + delta) : old.charCodeAt(oldEnd - 1))) {
      start--;
      oldEnd--;
    }
  }
  // the objects and arrays from the root down to the innermost one that starts before the edit
  const path: SourceNode[] = [root];
  for (;;) {
    const next = valueAt(path[path.length - 1]!, start);
    if (!next || (next.type !== 'object' && next.type !== 'array')) break;
    path.push(next);
  }
  for (let i = path.length - 1; i > 0; i--) {
    const node = path[i]!;
    const block = node.type === 'object' ? blockLines(old, node) : undefined;
    if (!block || start < node.offset) continue;
    // An edit in blank lines right after the mapping's last line takes them in: a key typed on a new line at the end of
    // a mapping (the editor's new line comes first, with its indentation), which then belongs to the mapping.
    const lineEnd = oldEnd <= block.lineEnd ? block.lineEnd : blankLinesTo(old, block.lineEnd, oldEnd);
    if (lineEnd === undefined) continue;
    // the previous version's problems go only with the lines they were found in
    if (problemLines && (block.lineStart > problemLines.offset || lineEnd < problemLines.offset + problemLines.length)) continue;
    // the mapping's lines in the new text, an own copy (see parseYamlFragment)
    const fragment = ownString(text.slice(block.lineStart, lineEnd + delta));
    // a CR typed at the end of the last line: the yaml library reads a CR that ends a text as the last scalar's, where
    // the whole text has a CRLF line break
    if (fragment.charCodeAt(fragment.length - 1) === 13) continue;
    // a line indented less belongs to a mapping further out, whose lines may hold the edit
    if (!linesBelong(fragment, block.least)) continue;
    const parent = linkOf(node)!;
    const parsed = parseYamlFragment(fragment, block.lineStart, parent);
    if (!parsed || !problemsStayInside(parsed.problems, fragment, block.lineStart)) continue;
    // an item is parsed as a sequence of one item, whose parent is then the document's sequence
    const top = parsed.root;
    const fresh = block.item ? (top.type === 'array' && top.children?.length === 1 ? top.children[0] : undefined) : top;
    if (!fresh || fresh.type !== 'object' || fresh.offset !== node.offset) continue;
    if (!endsAsInTheWhole(text, fragment, block.lineStart, fresh)) continue;
    // Only the part that differs goes in: a value typed in a resource's `location` replaces that value, not the
    // resource, as JSON's string parsed alone does (the model then reads the resource again instead of building).
    const end = node.offset + node.length + delta;
    const part = putPart(node, fresh, start, oldEnd, delta);
    // The collections from the part up to the mapping parsed again end as parsed (putPart), and those around the
    // mapping that ended with it (which the splice moved by the edit's length) end where it ends now.
    const shortfall = end - (fresh.offset + fresh.length);
    if (shortfall !== 0) {
      for (let n = parent as MutableNode | undefined; n; n = n.parent as MutableNode | undefined) {
        if (n.type !== 'property' && n.offset + n.length === end) n.length -= shortfall;
      }
    }
    return take(previous, text, root, part, parsed.problems, { offset: block.lineStart, length: fragment.length });
  }
  return undefined;
}

/**
 * True when the syntax problems of `fragment` (at offset `base` of the text) are what a whole parse reports for those
 * lines (with the same tree). The fragment's lines are indented more than everything around them, and the text
 * before them is parsed as before up to their first line (a block mapping's, as the previous tree has it), so the
 * library's recovery inside them does not depend on what is around, except where it reads on into the lines after
 * them: a problem that reaches the fragment's end (a key read over several lines, an unclosed quote, a collection the
 * whole parse ends after the line break) unless it is a key being typed there, and any in a flow collection (an
 * unclosed `[` or `{` reads on in the whole text, whatever the indentation). Only problems of the block structure are
 * taken (PLACE_PROBLEMS), and only when the parse reported them all (parseYamlFragment). Measured (docs/performance.md,
 * rounds 19 and 20): typing a key into the examples letter by letter, 1,496 of 1,498 versions had the whole parse's
 * problems and tree before these conditions, the other two a problem up to the fragment's end; random edits of plain
 * texts, 1,524 versions, 3 not, each with a flow collection's problem. Refusing every problem up to the end, keys
 * typed after every line of the examples (2,554 versions) left 554 to a whole parse, mostly keys added at the end of a
 * mapping; taking those of a key being typed, 470. Whatever the text around holds (rounds 19 and 20 took problems
 * only in plain block YAML): 31 texts typed after every line of twelve variants of the examples with flow sequences,
 * flow mappings, block scalars and scalars over several lines, 154,298 versions from the tree, none different (round
 * 21). The fuzz property `edits` checks every version against a whole parse.
 */
function problemsStayInside(problems: readonly SyntaxProblem[], fragment: string, base: number): boolean {
  if (!problems.length) return true;
  const end = base + fragment.length;
  for (const p of problems) {
    if (!PLACE_PROBLEMS.has(p.message)) return false;
    if (p.offset + p.length >= end && !keyBeingTyped(p, fragment, base)) return false;
  }
  // An unclosed bracket or quote after a problem may be swallowed by its recovery in the part alone, with no problem
  // of its own, where the whole text reads on through the lines after the part (found by fuzz `edits`: `d #c`, then
  // `d: [` below it; round 19's code too).
  return closesAll(fragment);
}

/**
 * True when every `[`, `{` and quote of `fragment` outside comments is closed in it: as many closing brackets as
 * opening ones, an even number of `"` (not counting `\"`) and of `'`. Brackets inside quotes count too (an ARM
 * expression's are balanced); an apostrophe in a plain scalar makes the part parsed whole (rare in a template).
 */
function closesAll(fragment: string): boolean {
  let brackets = 0;
  let double = 0;
  let single = 0;
  for (let i = 0; i < fragment.length; i++) {
    const c = fragment.charCodeAt(i);
    if (c === 35 /* # */ && (i === 0 || isSpace(fragment.charCodeAt(i - 1)))) {
      const nl = fragment.indexOf('\n', i);
      if (nl < 0) break;
      i = nl;
    } else if (c === 91 || c === 123) brackets++;
    else if (c === 93 || c === 125) brackets--;
    else if (c === 34 && fragment.charCodeAt(i - 1) !== 92) double++;
    else if (c === 39) single++;
  }
  return brackets === 0 && double % 2 === 0 && single % 2 === 0;
}

/**
 * True when problem `p`, which reaches the fragment's end, is a key being typed on the fragment's last line: a key
 * without its value, whose text up to the end is one word (a plain scalar, still without its colon). The whole
 * parse reports the same token (the lines after the fragment are indented less than the mapping: none continues
 * it). Any other text there may be a collection's (`- x`: the whole parse ends its problem after the line break) or
 * a token that reads on into the next line (a tag, `!t`); each has a test.
 */
function keyBeingTyped(p: SyntaxProblem, fragment: string, base: number): boolean {
  return p.message === KEY_WITHOUT_VALUE && TYPED_KEY.test(fragment.slice(p.offset - base));
}

const KEY_WITHOUT_VALUE = 'YAML syntax error: Implicit map keys need to be followed by map values';
/** A word as keys are written: letters, digits, `_`, `$`, then also `.`, `-`, `/` (no indicator, no space). */
const TYPED_KEY = /^[A-Za-z0-9_$][A-Za-z0-9_$./-]*$/;

/** The yaml library's messages (as parseYaml.ts words them) for a block structure's problems: where a line's key or item sits. */
const PLACE_PROBLEMS: ReadonlySet<string> = new Set([
  'Implicit map keys need to be followed by map values',
  'Implicit keys need to be on a single line',
  'Nested mappings are not allowed in compact mappings',
  'All mapping items must start at the same column',
  'All sequence items must start at the same column',
  'Sequence item without - indicator',
  'A block sequence may not be used as an implicit map key',
  'Unexpected scalar at node end',
  'Unexpected block-seq-ind on same line with key',
].map((m) => `YAML syntax error: ${m}`));

/**
 * True when the re-parsed mapping ends as a whole parse would end it: the lines after the fragment, which it does not
 * see, take no part in it, and those at its end none in the collections around it.
 *
 * Comment lines: the yaml library gives a collection the comment lines after it by their indentation and by what its
 * last value is (parseYamlLean.ts, `close`), and the fragment parsed alone sees neither the lines after it nor the
 * collections around it. So: no comment line of the fragment after the mapping's new end (the old mapping took it;
 * now it goes on to the collections around, which only a whole parse decides); none after the fragment, up to the
 * next content, when the fragment ends with comment lines (the library decides on all of them as one group); and
 * those after it are indented less than the mapping's keys and do not follow a missing value (which takes every
 * one): then they pass the mapping, as they passed the old one, and the collections around decide as before.
 *
 * Blank lines: a block scalar (`|`, `>`) that ends the mapping takes the blank lines after it as its text (kept with
 * `|+`, or those with more spaces than its indentation), and the fragment ends with the mapping's last character.
 */
function endsAsInTheWhole(text: string, fragment: string, lineStart: number, fresh: SourceNode): boolean {
  const freshEnd = fresh.offset + fresh.length - lineStart;
  for (let p = freshEnd; p < fragment.length; p++) {
    const c = fragment.charCodeAt(p);
    if (c !== 32 && c !== 10 && c !== 13) return false;
  }
  const after = linesAfter(text, lineStart + fragment.length);
  const last = lastValue(fresh);
  if (last?.type === 'string' && startsBlockScalar(text.charCodeAt(last.offset)) && after.blankFirst) return false;
  if (after.commentIndent < 0) return true;
  // the comment lines after the fragment join those the mapping ends with, if any: the library decides on them as one
  // group; else they must pass the mapping
  return !onCommentLine(fragment, freshEnd) && after.commentIndent < fresh.offset - lineStart && !(last?.type === 'null' && last.length === 0);
}

/** `|`, `>` (a block scalar's indicator), or `!` (a tag, which may precede one). */
function startsBlockScalar(c: number): boolean {
  return c === 124 || c === 62 || c === 33;
}

/**
 * The lines after offset `from` (a line's end) up to the next line with content: whether the first of them is blank
 * (spaces only), and the greatest indentation of the comment lines among them (-1: none).
 */
function linesAfter(text: string, from: number): { blankFirst: boolean; commentIndent: number } {
  let blankFirst = false;
  let commentIndent = -1;
  for (let nl = text.indexOf('\n', from), first = true; nl >= 0 && nl + 1 < text.length; first = false) {
    const i = nl + 1;
    nl = text.indexOf('\n', i);
    const end = nl < 0 ? text.length : nl;
    let p = i;
    while (p < end && text.charCodeAt(p) === 32) p++;
    const c = text.charCodeAt(p);
    if (p === end || c === 13) {
      if (first) blankFirst = true;
      continue;
    }
    if (c !== 35 /* # */) break;
    if (p - i > commentIndent) commentIndent = p - i;
  }
  return { blankFirst, commentIndent };
}

/** True when the line of `text` that holds the character before `end` is a comment line. */
function onCommentLine(text: string, end: number): boolean {
  let p = text.lastIndexOf('\n', end - 1) + 1;
  while (text.charCodeAt(p) === 32) p++;
  return text.charCodeAt(p) === 35;
}

/** The last value down `node`'s last entries (undefined for an empty collection). */
function lastValue(node: SourceNode): SourceNode | undefined {
  let n: SourceNode | undefined = node;
  while (n && (n.type === 'object' || n.type === 'array')) {
    const kids: SourceNode[] = n.children ?? [];
    n = kids[kids.length - 1];
    if (n?.type === 'property') n = valueOfProperty(n);
  }
  return n;
}

/**
 * The end (before its line break) of the line of `text` that holds offset `to`, when every line from the one after
 * offset `from` (a line's end) up to it is blank (spaces only), else undefined.
 */
function blankLinesTo(text: string, from: number, to: number): number | undefined {
  let p = from;
  for (;;) {
    // past the line break (LF or CRLF) to the next line, then over its spaces
    if (text.charCodeAt(p) === 13) p++;
    if (text.charCodeAt(p) !== 10) return undefined;
    p++;
    while (text.charCodeAt(p) === 32) p++;
    if (p >= to) {
      const c = text.charCodeAt(p);
      return p === text.length || c === 10 || c === 13 ? p : undefined;
    }
  }
}

/**
 * The lines of a block mapping of the document (not its root): where its first line starts, where its last line
 * ends (before the line break), whether it is a sequence item, and the least indentation a later line of it has
 * (its keys' column, or one more than its `-`'s). Undefined for a flow mapping (`{…}`) and for one whose first key
 * shares its line with anything but spaces and one `- `.
 */
function blockLines(text: string, node: SourceNode): { lineStart: number; lineEnd: number; item: boolean; least: number } | undefined {
  const parent = linkOf(node);
  if (!parent || text.charCodeAt(node.offset) === 123 /* { */) return undefined;
  const lineStart = text.lastIndexOf('\n', node.offset - 1) + 1;
  let p = lineStart;
  while (p < node.offset && text.charCodeAt(p) === 32) p++;
  const indent = p - lineStart;
  let item = false;
  if (p < node.offset) {
    // `- ` and spaces up to the first key
    if (text.charCodeAt(p) !== 45 /* - */ || parent.type !== 'array') return undefined;
    p++;
    if (p === node.offset) return undefined;
    while (p < node.offset && text.charCodeAt(p) === 32) p++;
    if (p < node.offset) return undefined;
    item = true;
  } else if (parent.type !== 'property') return undefined;
  // the line ends before its break, LF or CRLF (the yaml library reads a CR at the end of a text as the scalar's)
  let end = text.indexOf('\n', node.offset + node.length);
  if (end < 0) end = text.length;
  else if (text.charCodeAt(end - 1) === 13) end--;
  return { lineStart, lineEnd: end, item, least: item ? indent + 1 : indent };
}

/**
 * True when every line of `fragment` after its first is blank or indented at least `least` spaces. Comment lines
 * too, which YAML allows at any indentation: refusing them costs a whole parse where they are (rare inside a
 * mapping), and needs no reasoning about where a `#` line is a comment and where it is a multi-line scalar's text.
 * The rule the re-parse rests on, checked here rather than left to the yaml library: parsed alone, a mapping is the
 * document's root, and a root's lines may be indented less than a nested mapping's (the library reports the cases
 * tried as syntax problems, so the check also saves their parse).
 */
export function linesBelong(fragment: string, least: number): boolean {
  let i = fragment.indexOf('\n');
  while (i >= 0) {
    let p = i + 1;
    while (p < fragment.length && fragment.charCodeAt(p) === 32) p++;
    const c = fragment.charCodeAt(p);
    // the end, or a blank line (LF or CRLF)
    const blank = p === fragment.length || c === 10 || (c === 13 && (p + 1 === fragment.length || fragment.charCodeAt(p + 1) === 10));
    if (!blank && p - i - 1 < least) return false;
    i = fragment.indexOf('\n', i + 1);
  }
  return true;
}

/**
 * The parse result for `text` from `root`, now its tree; the previous hand-off is spent. With `problems`, the tree is
 * handed on with them and `problemLines`, the lines they were found in.
 */
function take(
  previous: ReusableTree, text: string, root: SourceNode, part: { replaced: SourceNode; discarded?: SourceNode } | undefined,
  problems: readonly SyntaxProblem[], problemLines: ReusableTree['problemLines'],
): ParsedDocument {
  previous.root = undefined;
  if (!problems.length) return { ...plainYaml(text, root), ...part };
  return { format: 'yaml', root, problems, reusable: { text, root, problems, format: 'yaml', problemLines }, ...part };
}
