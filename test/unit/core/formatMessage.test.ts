import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { formatMessage } from '../../../server/src/core/rules/rule';

describe('formatMessage', () => {
  it('fills every placeholder, repeated ones and ones at either end included', () => {
    assert.equal(formatMessage('{port} from {tag} to {port}', { port: 443, tag: 'Storage' }), '443 from Storage to 443');
    assert.equal(formatMessage('{a}{b}', { a: 'x', b: 0 }), 'x0');
  });
  it('leaves a placeholder without data, and text without placeholders, as written', () => {
    assert.equal(formatMessage('NSG {nsg} lacks {rule}', { nsg: 'n1' }), 'NSG n1 lacks {rule}');
    assert.equal(formatMessage('no placeholders', { a: 1 }), 'no placeholders');
    assert.equal(formatMessage('{not a name} {x}', undefined), '{not a name} {x}');
    assert.equal(formatMessage('{not a name} {x}', { x: 'y' }), '{not a name} y');
  });
  it('gives the same text when the same template is used with other data', () => {
    const t = 'subnet {name} is /{size}';
    assert.equal(formatMessage(t, { name: 'a', size: 27 }), 'subnet a is /27');
    assert.equal(formatMessage(t, { name: 'b', size: 29 }), 'subnet b is /29');
  });
  it('does not read inherited properties as data', () => {
    assert.equal(formatMessage('{toString}', {}), '{toString}');
  });
});
