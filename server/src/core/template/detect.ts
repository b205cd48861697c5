import { prop, valueOfProperty, type SourceNode } from '../text/sourceNode';

export type DocumentKind = 'template' | 'parameters' | 'config' | 'other';

/**
 * Recognises an ARM document by content: a deployment template (`$schema` of a deployment template,
 * or a `resources` array/object of typed resources) or a parameters file. Everything else is "other"
 * and is left alone (folder scans skip it silently; the editor stays silent on it).
 */
export function documentKind(root: SourceNode | undefined): DocumentKind {
  if (!root || root.type !== 'object') return 'other';
  const schema = prop(root, '$schema');
  const s = typeof schema?.value === 'string' ? schema.value.toLowerCase() : '';
  if (s.includes('deploymenttemplate.json')) return 'template';
  if (s.includes('deploymentparameters.json')) return 'parameters';
  const resources = prop(root, 'resources');
  if (resources && hasTypedResource(resources)) return 'template';
  const parameters = prop(root, 'parameters');
  if (!resources && parameters?.type === 'object' && parameters.children?.length && s === '' && looksLikeParameterValues(parameters)) {
    return 'parameters';
  }
  return 'other';
}

function hasTypedResource(resources: SourceNode): boolean {
  const items = resources.type === 'array' ? resources.children ?? [] : resources.type === 'object' ? (resources.children ?? []).map((p) => valueOfProperty(p)) : [];
  return items.some((r) => r?.type === 'object' && typeof prop(r, 'type')?.value === 'string');
}

function looksLikeParameterValues(parameters: SourceNode): boolean {
  return (parameters.children ?? []).every((p) => {
    const v = valueOfProperty(p);
    return v?.type === 'object' && (prop(v, 'value') !== undefined || prop(v, 'reference') !== undefined);
  });
}
