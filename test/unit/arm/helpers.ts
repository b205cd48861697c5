import { parseJson } from '../../../server/src/core/text/parseJson';
import { nodeAt, type SourceNode } from '../../../server/src/core/text/sourceNode';
import { TemplateScope, type DeploymentContext, type EvalLimits } from '../../../server/src/core/arm/scope';
import { toJs, type EV } from '../../../server/src/core/arm/value';

export function parse(text: string): SourceNode {
  const doc = parseJson(text);
  if (!doc.root) throw new Error('no JSON');
  return doc.root;
}

export function at(root: SourceNode, path: (string | number)[]): SourceNode {
  const n = nodeAt(root, path);
  if (!n) throw new Error(`no node at ${path.join('.')}`);
  return n;
}

export interface TemplateParts {
  parameters?: Record<string, unknown>;
  variables?: Record<string, unknown>;
  functions?: unknown[];
  resources?: unknown[];
  schema?: string;
}

export function template(parts: TemplateParts = {}): SourceNode {
  return parse(
    JSON.stringify({
      $schema: parts.schema ?? 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
      contentVersion: '1.0.0.0',
      parameters: parts.parameters ?? {},
      variables: parts.variables ?? {},
      ...(parts.functions ? { functions: parts.functions } : {}),
      resources: parts.resources ?? [],
    }),
  );
}

export function scopeOf(
  parts: TemplateParts = {},
  opts?: { parameterValues?: ReadonlyMap<string, EV>; deployment?: DeploymentContext; limits?: Partial<EvalLimits> },
): TemplateScope {
  return TemplateScope.forTemplate(template(parts), opts);
}

/** Evaluates `[expr]` in a template with the given parts. */
export function ev(expr: string, parts: TemplateParts = {}, opts?: Parameters<typeof scopeOf>[1]): EV {
  return scopeOf(parts, opts).evalString(`[${expr}]`);
}

/** The plain JS value (undefined when unknown anywhere). */
export function js(expr: string, parts: TemplateParts = {}, opts?: Parameters<typeof scopeOf>[1]): unknown {
  return toJs(ev(expr, parts, opts));
}

export function why(v: EV): string {
  return v.t === 'unknown' ? v.why : `(known ${v.t})`;
}
