import type { SourceNode } from '../text/sourceNode';
import type { OffsetEdit } from '../rules/finding';
import { columnPadding, detectStyle, inlineSpacing, lineIndentAt, startsLine } from './textStyle';
import { inlineTextKept, toInlineText, toJsonText, toYamlItem, toYamlMapping, yamlScalar, type Plain } from './serialize';

/**
 * Text edits that fixes are made of, for JSON and YAML alike. A rule never writes JSON or YAML
 * itself: it says what to insert or replace, and these functions write it the way the
 * surrounding text is written (indentation unit, line endings, quoting).
 *
 * The target is the document's text and format. A `NetworkModel` is one: rules pass the model itself, one
 * object per analysis, which is also the key `detectStyle` keeps the text's style under.
 */
export interface EditTarget {
  readonly text: string;
  readonly format: 'json' | 'yaml';
}

/**
 * Appends `values` (in order) after the last item of `array`, as one edit. When that item is an
 * object written on one line (`{ "name": ..., "properties": { ... } }`, a YAML `- {name: ...}`), the
 * new items are too, spaced like it; otherwise they are written as indented blocks.
 */
export function appendArrayItems(doc: EditTarget, array: SourceNode, values: readonly Plain[]): OffsetEdit {
  const { text } = doc;
  const style = detectStyle(text, doc);
  const items = array.children ?? [];
  const last = items[items.length - 1];
  // One-line items when the last one is on one line and each new one, written so, fits (see fitsOnOneLine): the
  // texts are made once, for the check and the edit.
  const spacing = last && inlineSpacing(doc, last);
  const oneLine = spacing ? values.map((v) => inlineTextKept(v, spacing, doc.format)) : undefined;
  const inline = oneLine && oneLine.every((t) => fitsOnOneLine(t, last!)) ? spacing : undefined;
  const flow = doc.format === 'json' || text[array.offset] === '[';
  if (flow) {
    const json = doc.format === 'json';
    if (last) {
      const own = startsLine(text, last.offset);
      const itemIndent = own ? lineIndentAt(text, last.offset) : lineIndentAt(text, array.offset) + style.indent;
      const sep = own ? `,${style.eol}${itemIndent}` : inline ? `,${inline.comma}` : ', ';
      const item = (v: Plain, i: number) => (inline ? oneLine![i]! : json ? toJsonText(v, style.indent, itemIndent, style.eol) : JSON.stringify(v));
      const body = values.map((v, i) => sep + item(v, i)).join('');
      return { offset: last.offset + last.length, length: 0, newText: body };
    }
    const outer = lineIndentAt(text, array.offset);
    const inner = outer + style.indent;
    const body = values.map((v) => (json ? toJsonText(v, style.indent, inner, style.eol) : JSON.stringify(v))).join(`,${style.eol}${inner}`);
    return { offset: array.offset, length: array.length, newText: `[${style.eol}${inner}${body}${style.eol}${outer}]` };
  }
  // YAML block sequence: new `- ` items aligned with the last one.
  if (!last) {
    const pad = columnPadding(text, array.offset);
    const body = values.map((v) => `${style.eol}${pad}- ${toYamlItem(v, style.indent, pad + '  ', style.eol)}`).join('');
    return { offset: array.offset, length: array.length, newText: body };
  }
  const itemCol = columnPadding(text, last.offset);
  const dashPad = itemCol.length >= 2 ? itemCol.slice(0, -2) : '';
  const item = (v: Plain, i: number) => (inline ? oneLine![i]! : toYamlItem(v, style.indent, itemCol, style.eol));
  const body = values.map((v, i) => `${style.eol}${dashPad}- ${item(v, i)}`).join('');
  return { offset: last.offset + last.length, length: 0, newText: body };
}

/**
 * One-line style is for items of the neighbour's size (a security rule beside rules): a value much
 * larger than the last item (a whole NSG with its rules after a one-line DNS zone) is written as a block.
 * Both lengths are of text written with the same spacing: the item's own, and `oneLine`, the value's.
 */
function fitsOnOneLine(oneLine: string, last: SourceNode): boolean {
  return oneLine.length <= 2 * last.length + 80;
}

/** Appends `value` as the last item of `array`. */
export function appendArrayItem(doc: EditTarget, array: SourceNode, value: Plain): OffsetEdit {
  return appendArrayItems(doc, array, [value]);
}

/**
 * Adds property `key: value` as the last property of `object`. An object written on one line
 * (`{ "addressPrefix": "10.0.1.0/27" }`, YAML `{addressPrefix: 10.0.1.0/27}`) stays on one line.
 */
export function insertProperty(doc: EditTarget, object: SourceNode, key: string, value: Plain): OffsetEdit {
  const { text } = doc;
  const style = detectStyle(text, doc);
  const props = object.children ?? [];
  const last = props[props.length - 1];
  const flow = doc.format === 'json' || text[object.offset] === '{';
  if (flow) {
    const inline = last && inlineSpacing(doc, object);
    if (last && inline) {
      const k = doc.format === 'json' ? JSON.stringify(key) : yamlScalar(key);
      return { offset: last.offset + last.length, length: 0, newText: `,${inline.comma}${k}:${inline.colon}${toInlineText(value, inline, doc.format)}` };
    }
    if (last) {
      const indent = startsLine(text, last.offset) ? lineIndentAt(text, last.offset) : lineIndentAt(text, object.offset) + style.indent;
      const sep = startsLine(text, last.offset) ? `,${style.eol}${indent}` : ', ';
      return { offset: last.offset + last.length, length: 0, newText: `${sep}${JSON.stringify(key)}: ${toJsonText(value, style.indent, indent, style.eol)}` };
    }
    const outer = lineIndentAt(text, object.offset);
    const inner = outer + style.indent;
    return {
      offset: object.offset,
      length: object.length,
      newText: `{${style.eol}${inner}${JSON.stringify(key)}: ${toJsonText(value, style.indent, inner, style.eol)}${style.eol}${outer}}`,
    };
  }
  const pad = last ? columnPadding(text, last.offset) : columnPadding(text, object.offset);
  const line = yamlProperty(key, value, style.indent, pad, style.eol);
  if (!last) return { offset: object.offset, length: object.length, newText: line };
  return { offset: last.offset + last.length, length: 0, newText: `${style.eol}${pad}${line}` };
}

function yamlProperty(key: string, value: Plain, unit: string, pad: string, eol: string): string {
  if (value !== null && typeof value === 'object') return toYamlMapping({ [key]: value }, unit, pad, eol);
  return `${yamlScalar(key)}: ${yamlScalar(value as string)}`;
}

/** Replaces a scalar node's text by `value`, keeping the node's quoting style where it can. */
export function replaceScalar(doc: EditTarget, node: SourceNode, value: string | number | boolean): OffsetEdit {
  let newText: string;
  if (doc.format === 'json' || typeof value !== 'string') newText = JSON.stringify(value);
  else {
    const q = doc.text[node.offset];
    if (q === "'") newText = `'${value.replace(/'/g, "''")}'`;
    else if (q === '"') newText = JSON.stringify(value);
    else newText = yamlScalar(value);
  }
  return { offset: node.offset, length: node.length, newText };
}

/** Replaces `from` with `to` inside a string node (e.g. a port inside "433" or "80,433"). */
export function replaceInString(doc: EditTarget, node: SourceNode, from: string, to: string): OffsetEdit | undefined {
  const raw = doc.text.slice(node.offset, node.offset + node.length);
  const re = new RegExp(`(?<![0-9A-Za-z])${from.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![0-9A-Za-z])`);
  const m = re.exec(raw);
  if (!m) return undefined;
  return { offset: node.offset + m.index, length: from.length, newText: to };
}
