// Writes schemas/apim-network.schema.json from the rule registry, and the rule-id list of the
// `apimNetwork.rules` setting in package.json. Run after adding a rule: `node scripts/build-schemas.mjs`
// (a unit test fails when the files and the registry disagree). Needs a compiled tree (npm run compile).
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { allRules } = require('../out/server/src/core/index.js');
const levels = ['off', 'hint', 'info', 'warning', 'error'];
const ruleProps = Object.fromEntries(
  allRules.map((r) => [r.meta.id, { description: `${r.meta.description} (default: ${r.meta.defaultSeverity})`, enum: levels }]),
);

const schema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://github.com/apim-network-lint/apim-network-lint/blob/main/schemas/apim-network.schema.json',
  title: 'APIM Network Lint configuration (apim-network.json)',
  description:
    'Read by the CLI and the VS Code extension. The nearest apim-network.json above a template applies to it; globs and paths are relative to the folder of the file. VS Code settings (apimNetwork.*) apply on top of it in the editor.',
  type: 'object',
  properties: {
    $schema: { type: 'string' },
    rules: {
      description: 'Rule id → level. off disables the rule; the others replace its default severity.',
      type: 'object',
      properties: ruleProps,
      additionalProperties: false,
    },
    parameterFiles: {
      description: 'Template glob → the ARM parameters file to read with it (default: <name>.parameters.json beside <name>.json).',
      type: 'object',
      additionalProperties: { type: 'string', minLength: 1 },
    },
    ignore: {
      description: 'Globs of files and folders not to lint (`**` any folders, `*`, `?`, `{a,b}`; a glob without `/` matches a name at any depth).',
      type: 'array',
      items: { type: 'string', minLength: 1 },
    },
    maxFileSize: {
      description: 'Documents longer than this many characters get one information finding instead of analysis.',
      type: 'number',
      exclusiveMinimum: 0,
    },
    resourceGroupLocation: {
      description:
        'The location of the resource group the templates are deployed to (e.g. westeurope or West Europe): the value of resourceGroup().location, otherwise unknown before deployment. The CLI flag --location wins over it; in the editor, apimNetwork.resourceGroupLocation does.',
      type: 'string',
      minLength: 1,
    },
  },
  additionalProperties: false,
};
writeFileSync(new URL('../schemas/apim-network.schema.json', import.meta.url), JSON.stringify(schema, null, 2) + '\n');

const pkgUrl = new URL('../package.json', import.meta.url);
const pkg = JSON.parse(readFileSync(pkgUrl, 'utf8'));
const rulesSetting = pkg.contributes.configuration.properties['apimNetwork.rules'];
rulesSetting.properties = ruleProps;
writeFileSync(pkgUrl, JSON.stringify(pkg, null, 2) + '\n');
console.log(`schemas/apim-network.schema.json and apimNetwork.rules: ${allRules.length} rules`);
