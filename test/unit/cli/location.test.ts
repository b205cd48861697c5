import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { cli as runCli, tempWorkspace, write } from '../../helpers/cli';
import { USAGE } from '../../../server/src/cli/args';
import { TOPOLOGY_USAGE } from '../../../server/src/cli/topology';
import { allRules, parseConfig } from '../../../server/src/core/index';
import { apim, nsg, requiredRules, template, vnet } from '../../helpers/templates';

function cli(...argv: string[]) {
  const r = runCli(...argv);
  return { ...r, rules: () => (JSON.parse(r.out) as { files: { path: string; findings: { rule: string; message: string }[] }[] }).files.flatMap((f) => f.findings.map((x) => x.rule)) };
}

/** An instance in [resourceGroup().location] injected into a VNet in eastus. */
const rgTemplate = () =>
  JSON.stringify(
    template([
      nsg('apim-nsg', requiredRules(), 'eastus'),
      vnet('vnet', '10.0.0.0/16', [{ name: 'apim', prefix: '10.0.1.0/27', nsg: 'apim-nsg' }], 'eastus'),
      apim({ location: '[resourceGroup().location]' }),
    ]),
    null,
    2,
  );
const ids = allRules.map((r) => r.meta.id);

describe('the resource group location (--location, resourceGroupLocation)', () => {
  const root = tempWorkspace('apim-lint-location-');

  it('--location gives resourceGroup().location: a VNet in another region is reported only then', () => {
    const file = path.join(root(), 'flag', 'main.json');
    write(file, rgTemplate());
    const without = cli('--format', 'json', file);
    assert.equal(without.code, 0, without.err);
    assert.ok(!without.rules().includes('location-mismatch'), 'unknown location: silent');
    const given = cli('--format', 'json', '--location', 'westeurope', file);
    assert.equal(given.code, 1);
    assert.ok(given.rules().includes('location-mismatch'));
    assert.ok(cli('--format', 'json', '--location=West Europe', file).rules().includes('location-mismatch'), '--location=VALUE, display name');
    assert.ok(!cli('--format', 'json', '--location', 'East US', file).rules().includes('location-mismatch'), 'same region');
  });

  it('--location needs a value', () => {
    const file = path.join(root(), 'flag', 'main.json');
    for (const argv of [[file, '--location'], ['--location=', file], ['--location', ' ', file], ['topology', '--location=', file]]) {
      const r = cli(...argv);
      assert.equal(r.code, 2, argv.join(' '));
      assert.match(r.err, /--location needs/);
    }
  });

  it('resourceGroupLocation in apim-network.json applies; --location wins over it', () => {
    const dir = path.join(root(), 'config');
    write(path.join(dir, 'apim-network.json'), '{ "resourceGroupLocation": "westeurope" }');
    write(path.join(dir, 'main.json'), rgTemplate());
    assert.ok(cli('--format', 'json', path.join(dir, 'main.json')).rules().includes('location-mismatch'), 'from the file');
    assert.ok(!cli('--format', 'json', '--location', 'eastus', path.join(dir, 'main.json')).rules().includes('location-mismatch'), 'the flag wins');
    const other = path.join(root(), 'elsewhere', 'main.json');
    write(other, rgTemplate());
    assert.ok(cli('--format', 'json', '--config', path.join(dir, 'apim-network.json'), other).rules().includes('location-mismatch'), '--config FILE');
  });

  it('a resourceGroupLocation that is not a location name is a config-invalid problem at its value, and is ignored', () => {
    for (const bad of ['42', '""', '["westeurope"]', 'null']) {
      const text = `{ "resourceGroupLocation": ${bad} }`;
      const { config, problems } = parseConfig(text, ids);
      assert.equal(config.resourceGroupLocation, undefined, bad);
      assert.equal(problems.length, 1, bad);
      assert.equal(problems[0]!.messageId, 'badType');
      assert.equal(text.slice(problems[0]!.offset, problems[0]!.offset + problems[0]!.length), bad);
      assert.match(problems[0]!.message, /"resourceGroupLocation" must be a location name/);
    }
    assert.equal(parseConfig('{ "resourceGroupLocation": "West Europe" }', ids).config.resourceGroupLocation, 'West Europe', 'kept as written');
    assert.match(parseConfig('{ "resourceGroupLocaton": "westeurope" }', ids).problems[0]!.message, /did you mean 'resourceGroupLocation'/);
    const dir = path.join(root(), 'bad');
    write(path.join(dir, 'apim-network.json'), '{ "resourceGroupLocation": 1 }');
    write(path.join(dir, 'main.json'), rgTemplate());
    const r = cli('--format', 'json', path.join(dir, 'main.json'));
    assert.ok(r.rules().includes('config-invalid'));
    assert.ok(!r.rules().includes('location-mismatch'));
  });

  it('topology takes --location too, over the configuration', () => {
    const dir = path.join(root(), 'topo');
    write(path.join(dir, 'main.json'), rgTemplate());
    const badges = (...argv: string[]) => {
      const r = cli('topology', '--format', 'json', ...argv, path.join(dir, 'main.json'));
      assert.equal(r.code, 0, r.err);
      return r.out.includes('location-mismatch');
    };
    assert.equal(badges(), false);
    assert.equal(badges('--location', 'westeurope'), true);
    write(path.join(dir, 'apim-network.json'), '{ "resourceGroupLocation": "westeurope" }');
    assert.equal(badges(), true);
    assert.equal(badges('--location', 'eastus'), false);
  });

  it('the usage texts name --location', () => {
    assert.match(USAGE, /\[--location LOCATION\]/);
    assert.match(USAGE, /--location LOCATION is the location of the resource group/);
    assert.match(TOPOLOGY_USAGE, /\[--location LOCATION\]/);
    assert.match(cli('--help').out, /--location/);
    assert.match(cli('topology', '--help').out, /--location/);
  });
});
