/**
 * `topology` resolves its configuration exactly as `lint` does (server/src/cli/inputs.ts): the nearest
 * apim-network.json (rule levels, parameterFiles, ignore, maxFileSize) or `--config FILE`. The picture and
 * the lint verdict of one template must agree.
 */
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { TopologyGraph } from '../../../common/topology';
import { cli, tempWorkspace, write } from '../../helpers/cli';
import { injected, requiredRules } from '../../helpers/templates';

const graphOf = (...argv: string[]) => {
  const r = cli('topology', '--format', 'json', ...argv);
  assert.equal(r.code, 0, r.err);
  return { graph: JSON.parse(r.out) as TopologyGraph, err: r.err };
};
const lintFindings = (...argv: string[]) =>
  (JSON.parse(cli('--format', 'json', ...argv).out) as { files: { path: string; findings: { rule: string }[] }[] }).files
    .filter((f) => !f.path.endsWith('apim-network.json'))
    .flatMap((f) => f.findings.map((x) => x.rule));
const badges = (g: TopologyGraph, rule: string) => [...g.nodes.flatMap((n) => n.findings), ...g.findings].filter((f) => f.ruleId === rule);
const mgmtEdge = (g: TopologyGraph) => g.edges.find((e) => e.flow?.port === 3443 && e.flow.direction === 'Inbound')!;

/** The management rule's access is a parameter: Deny by default, Allow in params/prod.json. */
function parameterisedTemplate(): string {
  const t = injected({ rules: requiredRules() }) as { parameters?: unknown; resources: { type: string; properties?: { securityRules?: { name: string; properties: { access: string } }[] } }[] };
  t.parameters = { mgmt: { type: 'string', defaultValue: 'Deny' } };
  const nsg = t.resources.find((x) => x.type === 'Microsoft.Network/networkSecurityGroups')!;
  nsg.properties!.securityRules!.find((r) => r.name === 'AllowApiManagementInbound')!.properties.access = "[parameters('mgmt')]";
  return JSON.stringify(t, null, 2);
}
const prodParameters = JSON.stringify({ $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#', parameters: { mgmt: { value: 'Allow' } } });

describe('cli topology: apim-network.json as lint reads it', () => {
  const root = tempWorkspace('apim-topology-config-');

  it('without a configuration, the default-valued parameter blocks 3443: a red edge and a badge', () => {
    const dir = path.join(root(), 'plain');
    write(path.join(dir, 'infra', 'main.json'), parameterisedTemplate());
    const { graph } = graphOf(path.join(dir, 'infra', 'main.json'));
    assert.equal(mgmtEdge(graph).flow!.verdict, 'blocked');
    assert.equal(badges(graph, 'nsg-required-port').length, 1);
    assert.ok(lintFindings(path.join(dir, 'infra', 'main.json')).includes('nsg-required-port'));
  });

  it('the parameter file mapped by apim-network.json fixes the finding: the picture shows it fixed, as lint does', () => {
    const dir = path.join(root(), 'mapped');
    write(path.join(dir, 'apim-network.json'), '{ "parameterFiles": { "infra/*.json": "params/prod.json" } }');
    write(path.join(dir, 'infra', 'main.json'), parameterisedTemplate());
    write(path.join(dir, 'params', 'prod.json'), prodParameters);
    const file = path.join(dir, 'infra', 'main.json');
    const { graph, err } = graphOf(file);
    assert.equal(err, '');
    assert.equal(mgmtEdge(graph).flow!.verdict, 'allowed');
    assert.deepEqual(badges(graph, 'nsg-required-port'), []);
    assert.ok(!lintFindings(file).includes('nsg-required-port'), 'lint agrees');
  });

  it('a rule turned off in apim-network.json: no badge (the NSG verdict itself is still drawn)', () => {
    const dir = path.join(root(), 'off');
    write(path.join(dir, 'apim-network.json'), '{ "rules": { "nsg-required-port": "off" } }');
    write(path.join(dir, 'main.json'), parameterisedTemplate());
    const { graph } = graphOf(path.join(dir, 'main.json'));
    assert.deepEqual(badges(graph, 'nsg-required-port'), []);
    assert.equal(mgmtEdge(graph).flow!.verdict, 'blocked');
    assert.ok(!lintFindings(path.join(dir, 'main.json')).includes('nsg-required-port'), 'lint agrees');
  });

  it('a level from apim-network.json is the badge severity', () => {
    const dir = path.join(root(), 'level');
    write(path.join(dir, 'apim-network.json'), '{ "rules": { "nsg-required-port": "warning" } }');
    write(path.join(dir, 'main.json'), parameterisedTemplate());
    assert.deepEqual(badges(graphOf(path.join(dir, 'main.json')).graph, 'nsg-required-port').map((f) => f.severity), ['warning']);
  });

  it('--config FILE replaces discovery (and its parameterFiles are relative to it)', () => {
    const dir = path.join(root(), 'explicit');
    write(path.join(dir, 'apim-network.json'), '{ "rules": { "nsg-required-port": "hint" } }');
    write(path.join(dir, 'infra', 'main.json'), parameterisedTemplate());
    write(path.join(root(), 'ci.json'), '{ "parameterFiles": { "explicit/infra/*.json": "ci/prod.json" } }');
    write(path.join(root(), 'ci', 'prod.json'), prodParameters);
    const file = path.join(dir, 'infra', 'main.json');
    assert.deepEqual(badges(graphOf(file).graph, 'nsg-required-port').map((f) => f.severity), ['hint'], 'discovered');
    const viaConfig = graphOf('--config', path.join(root(), 'ci.json'), file).graph;
    assert.equal(mgmtEdge(viaConfig).flow!.verdict, 'allowed', 'the parameter file mapped by --config, relative to it');
    assert.deepEqual(badges(viaConfig, 'nsg-required-port'), [], 'and the discovered level no longer applies');
    assert.ok(!lintFindings('--config', path.join(root(), 'ci.json'), file).includes('nsg-required-port'), 'lint agrees');
    const off = path.join(root(), 'ci', 'off.json');
    write(off, '{ "rules": { "nsg-required-port": "off" } }');
    for (const argv of [['--config', off], [`--config=${off}`], ['-c', off]]) {
      assert.deepEqual(badges(graphOf(...argv, file).graph, 'nsg-required-port'), [], argv.join(' '));
    }
    const missing = cli('topology', '--config', path.join(root(), 'nope.json'), file);
    assert.equal(missing.code, 2);
    assert.match(missing.err, /^apim-network-lint topology: .*nope\.json: no such file or folder\n$/);
  });

  it('problems of the configuration go to stderr, one line each, at the level the file sets for config-invalid', () => {
    const dir = path.join(root(), 'problems');
    write(path.join(dir, 'apim-network.json'), '{\n  "rules": { "nsg-requird-port": "off" }\n}\n');
    write(path.join(dir, 'main.json'), parameterisedTemplate());
    const r = graphOf(path.join(dir, 'main.json'));
    assert.match(r.err, /^apim-network-lint topology: .*apim-network\.json:2:14: error config-invalid: Unknown rule id 'nsg-requird-port'; did you mean 'nsg-required-port'\?.*\n$/);
    assert.equal(badges(r.graph, 'nsg-required-port').length, 1, 'the misspelt entry does not apply, here as in lint');
    write(path.join(dir, 'apim-network.json'), '{\n  "rules": { "nsg-requird-port": "off", "config-invalid": "off" }\n}\n');
    assert.equal(graphOf(path.join(dir, 'main.json')).err, '');
  });

  it('maxFileSize and ignore of apim-network.json apply; the message names the configuration', () => {
    const dir = path.join(root(), 'limits');
    write(path.join(dir, 'apim-network.json'), '{ "maxFileSize": 100, "ignore": ["legacy/**"] }');
    write(path.join(dir, 'main.json'), parameterisedTemplate());
    write(path.join(dir, 'legacy', 'old.json'), parameterisedTemplate());
    const big = cli('topology', path.join(dir, 'main.json'));
    assert.equal(big.code, 2);
    assert.match(big.err, /main\.json: Not analysed: the document has \d+ characters, more than maxFileSize in .*limits[\\/]apim-network\.json \(100\)\n$/);
    const ignored = cli('topology', path.join(dir, 'legacy', 'old.json'));
    assert.equal(ignored.code, 2);
    assert.match(ignored.err, /old\.json: ignored by .*apim-network\.json \(not drawn\)\n$/);
    assert.equal(ignored.out, '');
  });
});
