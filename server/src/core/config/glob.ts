/**
 * A small glob, as used in `apim-network.json` and `apimNetwork.parameterFiles`: `**` (any folders), `*`, `?`,
 * `{a,b}`; everything else literal. Paths are matched with `/` separators, relative to a base folder.
 */
export function globToRegExp(glob: string): RegExp {
  const g = glob.replace(/\\/g, '/').replace(/^\.\//, '');
  let re = '';
  let braces = 0;
  for (let i = 0; i < g.length; i++) {
    const c = g[i]!;
    if (c === '*' && g[i + 1] === '*') {
      i++;
      if (g[i + 1] === '/') {
        i++;
        re += '(?:.*/)?';
      } else re += '.*';
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '{') {
      braces++;
      re += '(?:';
    } else if (c === '}' && braces > 0) {
      braces--;
      re += ')';
    } else if (c === ',' && braces > 0) re += '|';
    else re += c.replace(/[.+^$()|[\]\\{}]/g, '\\$&');
  }
  while (braces-- > 0) re += ')';
  return new RegExp(`^${re}$`);
}

/** Does `relativePath` (with `/` separators) match `glob`? A glob without `/` also matches at any depth. */
export function globMatches(glob: string, relativePath: string): boolean {
  const g = glob.replace(/\\/g, '/').replace(/^\.\//, '');
  const p = relativePath.replace(/\\/g, '/');
  if (globToRegExp(g).test(p)) return true;
  // `node_modules` or `*.parameters.json` (no slash) match a name anywhere below, as .gitignore does;
  // a folder pattern also covers everything inside it.
  if (!g.includes('/')) return p.split('/').some((seg) => globToRegExp(g).test(seg));
  return globToRegExp(g.replace(/\/$/, '') + '/**').test(p);
}
