/**
 * The contributed snippets, expanded with their defaults, must themselves pass the linter with no error:
 * each alone inside a minimal template, and the classic-injection ones together (NSG + VNet + APIM), which is
 * what a user assembles from them.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { analyzeText } from '../../server/src/core/index';

const root = path.resolve(__dirname, '../../..');
interface Snippet {
  prefix: string;
  description: string;
  body: string[];
}
const load = (file: string): Record<string, Snippet> =>
  JSON.parse(readFileSync(path.join(root, 'snippets', file), 'utf8')) as Record<string, Snippet>;

/** `${1:x}` → x, `${2|a,b|}` → a, `$1`/`$0` → '', `\$` → `$` (VS Code snippet syntax, without nesting). */
export function expandSnippet(body: readonly string[]): string {
  return body
    .join('\n')
    .replace(/\$\{\d+:((?:[^}\\]|\\.)*)\}/g, (_, d: string) => d.replace(/\\(.)/g, '$1'))
    .replace(/\$\{\d+\|([^,|]*)[^|]*\|\}/g, '$1')
    .replace(/\$\{?\d+\}?/g, '')
    .replace(/\\\$/g, '$');
}

const schema = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';
const jsonTemplate = (bodies: string[]) =>
  `{\n"$schema": "${schema}",\n"contentVersion": "1.0.0.0",\n"resources": [\n${bodies.join(',\n')}\n]\n}\n`;
const yamlTemplate = (bodies: string[]) =>
  `$schema: "${schema}"\ncontentVersion: "1.0.0.0"\nresources:\n${bodies
    .map((b) => b.split('\n').map((l) => (l ? `  ${l}` : l)).join('\n'))
    .join('\n')}\n`;

function errorsOf(text: string, format: 'json' | 'yaml') {
  const result = analyzeText(text, { format, uri: `file:///snippet.${format}` });
  assert.equal(result.isTemplate, true, 'the wrapped snippet is recognised as an ARM template');
  return result.findings.filter((f) => f.severity === 'error').map((f) => `${f.ruleId}: ${f.message}`);
}

const sets = [
  { file: 'arm-json.json', format: 'json' as const, wrap: jsonTemplate },
  { file: 'arm-yaml.json', format: 'yaml' as const, wrap: yamlTemplate },
];

for (const { file, format, wrap } of sets) {
  describe(`snippets/${file}`, () => {
    const snippets = load(file);
    it('has the same snippets as the other format', () => {
      const other = load(file === 'arm-json.json' ? 'arm-yaml.json' : 'arm-json.json');
      assert.deepEqual(Object.keys(snippets).sort(), Object.keys(other).sort());
      assert.ok(Object.keys(snippets).length >= 7);
    });
    for (const [name, snippet] of Object.entries(snippets)) {
      it(`${name} expands to a template with no error`, () => {
        const text = wrap([expandSnippet(snippet.body)]);
        assert.deepEqual(errorsOf(text, format), [], text);
      });
    }
    for (const mode of ['external', 'internal']) {
      it(`apim-nsg-${mode} + apim-vnet + apim-${mode} together have no error`, () => {
        const text = wrap([`apim-nsg-${mode}`, 'apim-vnet', `apim-${mode}`].map((n) => expandSnippet(snippets[n]!.body)));
        assert.deepEqual(errorsOf(text, format), [], text);
      });
    }
  });
}

describe('expandSnippet', () => {
  it('replaces placeholders, choices and tab stops by their defaults', () => {
    assert.equal(expandSnippet(['"${1:a}-${2|Premium,Developer|}" ${3:1}$0 \\$x']), '"a-Premium" 1 $x');
  });
  it('makes a broken template fail (the check can fail)', () => {
    const text = jsonTemplate([
      expandSnippet(load('arm-json.json')['apim-external']!.body),
      `{"type": "Microsoft.Network/virtualNetworks", "apiVersion": "2023-11-01", "name": "apim-vnet", "location": "westeurope",
        "properties": {"addressSpace": {"addressPrefixes": ["10.0.0.0/16"]}, "subnets": [{"name": "apim-subnet", "properties": {"addressPrefix": "10.0.1.0/27"}}]}}`,
    ]);
    assert.notDeepEqual(errorsOf(text, 'json'), []);
  });
});

describe('contributions: one set of languages everywhere', () => {
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
    activationEvents: string[];
    contributes: { snippets: { language: string; path: string }[]; menus: { commandPalette: { when: string }[] } };
  };
  const languages = pkg.activationEvents.filter((e) => e.startsWith('onLanguage:')).map((e) => e.slice('onLanguage:'.length)).sort();

  it('json, jsonc, yaml and arm-template (Azure Resource Manager Tools) activate the extension', () => {
    assert.deepEqual(languages, ['arm-template', 'json', 'jsonc', 'yaml']);
  });

  it('every one of them gets the snippets of its syntax (arm-template: the JSON ones)', () => {
    const byLanguage = new Map(pkg.contributes.snippets.map((s) => [s.language, s.path]));
    assert.deepEqual([...byLanguage.keys()].sort(), languages);
    for (const l of languages) assert.equal(byLanguage.get(l), l === 'yaml' ? './snippets/arm-yaml.json' : './snippets/arm-json.json', l);
  });

  it('the client document selector covers every one of them, on disk and untitled', () => {
    // client/src/languageClient.ts imports vscode, so it cannot be loaded here: read its selector literally.
    const source = readFileSync(path.join(root, 'client', 'src', 'languageClient.ts'), 'utf8');
    const selector = /export const documentSelector = \[([\s\S]*?)\];/.exec(source)![1]!;
    const entries = [...selector.matchAll(/\{ scheme: '(\w+)', language: '([\w-]+)' \}/g)].map((m) => `${m[1]}:${m[2]}`).sort();
    assert.deepEqual(entries, languages.flatMap((l) => [`file:${l}`, `untitled:${l}`]).sort());
    assert.ok(pkg.contributes.menus.commandPalette.some((m) => m.when.includes('arm-template')));
  });
});
