import { parseDocument, visit, isAlias, isMap, isScalar, isSeq, isPair, type Node as YNode, type Document } from 'yaml';
import type { SourceNode } from './sourceNode';
import { tooDeepAt, type ParsedDocument, type SyntaxProblem } from './parseJson';
import { childrenOf, childStack, PropertyNode, scalarNode, type MutableNode } from './treeBuilder';
import { parseYamlLean } from './parseYamlLean';

/** How many nodes alias expansion may create before the document is refused (YAML "billion laughs"). */
export const MAX_YAML_NODES = 200_000;
/** The yaml library recurses per flow level and overflows the stack near 900: refuse well before. */
export const MAX_YAML_FLOW_NESTING = 256;
/**
 * Block nesting is bounded by indentation: a line indented this many columns (counting each leading
 * `- ` of compact sequences as a level too) is refused before the yaml library recurses into it.
 */
export const MAX_YAML_BLOCK_NESTING = 1000;
/** The syntax problems a YAML parse reports at most (a broken line can make thousands, one per line after it). */
const MAX_YAML_PROBLEMS = 100;

/** The offset of the first line whose indentation + leading `- ` run exceeds `max`, else undefined. */
function blockTooDeepAt(text: string, max: number): number | undefined {
  const n = text.length;
  let i = 0;
  while (i < n) {
    const start = i;
    let depth = 0;
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 9) { depth++; i++; }
      else if ((c === 45 || c === 63) && (text.charCodeAt(i + 1) === 32 || text.charCodeAt(i + 1) === 9)) { depth += 2; i += 2; }
      else break;
    }
    if (depth > max) return start;
    const nl = text.indexOf('\n', i);
    if (nl < 0) break;
    i = nl + 1;
  }
  return undefined;
}

/**
 * Parses YAML into the same tree shape as JSON (see sourceNode.ts), so that every later step is
 * format-blind. Aliases are expanded (ARM has no aliases), with a budget so that an alias bomb is
 * refused with a finding instead of exhausting memory.
 *
 * A document without syntax problems, anchors, aliases, directives or missing keys gives a reusable tree: the parse of
 * its next version may update it in place (reparseYaml.ts), since each part of such a document means the same parsed
 * alone.
 */
export function parseYaml(text: string): ParsedDocument {
  return parseYamlWith(text, true);
}

/** `parseYaml` through the yaml library alone (the lean parser's reference; its tests compare the two). */
export function parseYamlLibrary(text: string): ParsedDocument {
  return parseYamlWith(text, false);
}

function parseYamlWith(text: string, lean: boolean): ParsedDocument {
  const refused = refusedNesting(text);
  if (refused) return { format: 'yaml', root: undefined, problems: [refused] };
  // most templates are plain block YAML, which the lean parser reads at a twentieth of the library's cost
  const fast = lean ? parseYamlLean(text) : undefined;
  if (fast) return plainYaml(text, fast);
  const { root, problems, plain } = yamlTree(text, 0, undefined);
  return root && !problems.length && plain ? plainYaml(text, root) : { format: 'yaml', root, problems };
}

/** The parse of a plain YAML document (no syntax problem, anchor, alias, directive or missing key): its tree is reusable. */
export function plainYaml(text: string, root: SourceNode): ParsedDocument {
  return { format: 'yaml', root, problems: [], reusable: { text, root, problems: [], format: 'yaml' } };
}

/**
 * The tree of `fragment`, a part of a document that starts at offset `base` in it, made for a place in that
 * document's tree under `parent`: its nodes (and problems) have their offsets in the document. Undefined when the
 * fragment has an anchor, an alias, a directive or a missing key, or is refused for its nesting (the caller then
 * parses the whole document). `fragment` is an own copy, not a slice of the document: the yaml library's strings are
 * views into the text it parses, and a fragment's nodes join a tree kept across versions.
 */
export function parseYamlFragment(
  fragment: string, base: number, parent: SourceNode,
): { readonly root: SourceNode; readonly problems: readonly SyntaxProblem[] } | undefined {
  if (refusedNesting(fragment)) return undefined;
  const lean = parseYamlLean(fragment, base, parent);
  if (lean) return { root: lean, problems: [] };
  const parsed = yamlTree(fragment, base, parent);
  // problems past the first MAX_YAML_PROBLEMS are not reported, so not known to stay where the caller needs them
  if (parsed.unreported) return undefined;
  return parsed.root && parsed.plain ? { root: parsed.root, problems: parsed.problems } : undefined;
}

/** The problem for a text nested deeper than the yaml library (and every tree walk) can take, else undefined. */
function refusedNesting(text: string): SyntaxProblem | undefined {
  const deep = tooDeepAt(text, true, MAX_YAML_FLOW_NESTING);
  if (deep !== undefined) return { message: `YAML document refused: nested deeper than ${MAX_YAML_FLOW_NESTING} levels`, offset: deep, length: 1 };
  const blockDeep = blockTooDeepAt(text, MAX_YAML_BLOCK_NESTING);
  if (blockDeep !== undefined) return { message: `YAML document refused: nested deeper than ${MAX_YAML_BLOCK_NESTING} levels`, offset: blockDeep, length: 1 };
  return undefined;
}

/**
 * The yaml library's parse of `text` and our tree of it, offsets moved by `base`, the root's parent `parent`.
 * `plain`: no anchor, alias, directive (a `%YAML` version or `%TAG` changes what the rest of the text means) or
 * missing key; `unreported`: the library found more problems than are reported.
 */
function yamlTree(
  text: string, base: number, parent: SourceNode | undefined,
): { root: SourceNode | undefined; problems: SyntaxProblem[]; plain: boolean; unreported?: boolean } {
  const problems: SyntaxProblem[] = [];
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, { uniqueKeys: false, strict: false, prettyErrors: false });
  } catch (e) {
    return { root: undefined, problems: [{ message: `YAML syntax error: ${String(e)}`, offset: base, length: 1 }], plain: false };
  }
  for (const e of doc.errors.slice(0, MAX_YAML_PROBLEMS)) {
    const [start, end] = e.pos;
    problems.push({ message: `YAML syntax error: ${firstLine(e.message)}`, offset: start + base, length: Math.max(1, end - start) });
  }
  // Anchors are indexed (one more pass over the document) only when the first alias is met: most
  // templates have none, while `*` (a port range, a tag) is in nearly every one.
  let anchors: Map<string, YNode> | undefined;
  const anchorsOf = (): Map<string, YNode> => {
    if (anchors) return anchors;
    const found = new Map<string, YNode>();
    visit(doc, {
      Node(_k, n) {
        if ((n as { anchor?: string }).anchor) found.set((n as { anchor: string }).anchor, n as YNode);
      },
    });
    return (anchors = found);
  };
  const directives = doc.directives;
  const state: State = {
    budget: MAX_YAML_NODES, exhausted: false, depth: 0, anchors: anchorsOf, text, base,
    plain: !directives.yaml.explicit && Object.keys(directives.tags).length === 1,
  };
  const contents = (doc.contents ?? undefined) as YNode | undefined;
  let root: SourceNode | undefined;
  try {
    root = contents ? convert(contents, parent, state, text.length) : undefined;
  } finally {
    childStack.length = 0; // after a throw too: the shared stack holds no tree between parses
  }
  if (state.exhausted) {
    problems.push({
      message: state.tooDeep
        ? `YAML document refused: nested deeper than ${MAX_DEPTH} levels`
        : `YAML document refused: alias expansion would create more than ${MAX_YAML_NODES} nodes`,
      offset: base,
      length: Math.min(text.length, 1) || 1,
    });
    return { root: undefined, problems, plain: false };
  }
  return { root, problems, plain: state.plain, unreported: doc.errors.length > MAX_YAML_PROBLEMS };
}

function firstLine(s: string): string {
  const i = s.indexOf('\n');
  return i < 0 ? s : s.slice(0, i);
}

interface State {
  budget: number;
  exhausted: boolean;
  tooDeep?: boolean;
  depth: number;
  anchors: () => Map<string, YNode>;
  /** The text parsed (a fragment's own); `base` is its offset in the document, added to every node's. */
  text: string;
  base: number;
  /** No anchor, alias, directive or missing key met so far. */
  plain: boolean;
}

/** A space, tab or line break (CR, LF). */
export function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

const MAX_DEPTH = 1000;

function convert(n: YNode, parent: SourceNode | undefined, st: State, textLength: number): SourceNode | undefined {
  if (st.exhausted) return undefined;
  if (--st.budget < 0 || st.depth > MAX_DEPTH) {
    st.exhausted = true;
    st.tooDeep = st.depth > MAX_DEPTH;
    return undefined;
  }
  let node: YNode | null = n;
  // An alias stands for its anchor's node; positions stay those of the anchor (where the text is).
  if (isAlias(node)) {
    st.plain = false;
    node = st.anchors().get(node.source) ?? null;
  }
  if (!node) return undefined;
  if ((node as { anchor?: string }).anchor) st.plain = false;
  const range = node.range ?? [0, 0, 0];
  const start = Math.min(range[0], textLength);
  // Block collections end after their last line break; the node ends where its text does.
  let end = Math.min(range[1], textLength);
  while (end > start && isSpace(st.text.charCodeAt(end - 1))) end--;
  const length = end - start;
  const offset = start + st.base;
  st.depth++;
  try {
    if (isMap(node)) {
      const out: MutableNode = { type: 'object', offset, length, parent, children: undefined };
      const base = childStack.length;
      for (const item of node.items) {
        if (!isPair(item)) continue;
        const key = item.key as YNode | null;
        if (!key || !isScalar(key)) continue;
        const kr = key.range ?? [start, start, start];
        // A missing key (a line starting with `: `) is placed by the library after the content before it, which may be
        // lines above: a re-parse of those lines alone would not move it (reparseYaml.ts). No tree to reuse then.
        if (kr[0] === kr[1]) st.plain = false;
        const valueNode = item.value as YNode | null;
        const keyText = String(key.value);
        const keyEnd = kr[1] + st.base;
        // The key node and `children` are made only if something reads them (most lookups read `key` and `valueNode`).
        const pNode = new PropertyNode(kr[0] + st.base, out, keyEnd, keyText, kr[1] - kr[0]);
        // `key:` with nothing after it is null in YAML; an alias whose anchor is missing converts to nothing (the key alone).
        const v = valueNode ? convert(valueNode, pNode, st, textLength) : scalarNode(null, keyEnd, 0, pNode);
        pNode.valueNode = v;
        childStack.push(pNode);
      }
      out.children = childrenOf(base);
      return out;
    }
    if (isSeq(node)) {
      const out: MutableNode = { type: 'array', offset, length, parent, children: undefined };
      const base = childStack.length;
      for (const item of node.items) {
        const v = item ? convert(item as YNode, out, st, textLength) : undefined;
        if (v) childStack.push(v);
      }
      out.children = childrenOf(base);
      return out;
    }
    if (isScalar(node)) return scalarNode(node.value, offset, length, parent);
    return undefined;
  } finally {
    st.depth--;
  }
}
