/** Where rule documentation lives: `docs/rules/<id>.md` in the repository (and in the .vsix). */
export const DOCS_BASE = 'https://github.com/apim-network-lint/apim-network-lint/blob/main/docs/rules/';

export function docsUrl(ruleId: string, base: string = DOCS_BASE): string {
  return `${base}${ruleId}.md`;
}
