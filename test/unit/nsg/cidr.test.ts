import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  azureUsable, cidrContains, cidrOverlaps, cidrSize, findFreePrefix, formatCidr, formatIpv4, isPrivateRange,
  looksLikeIpv6, parseCidr, parseCidrLenient, parseIpv4, type Cidr,
} from '../../../server/src/core/nsg/cidr';

const C = (s: string): Cidr => {
  const r = parseCidr(s);
  assert.ok(r.ok, `expected ${s} to parse`);
  return r.cidr;
};

test('parseCidr: valid forms', () => {
  const table: [string, string, number][] = [
    ['10.0.0.0/24', '10.0.0.0/24', 256],
    ['10.0.0.7', '10.0.0.7/32', 1],
    ['0.0.0.0/0', '0.0.0.0/0', 2 ** 32],
    ['255.255.255.255/32', '255.255.255.255/32', 1],
    ['172.16.0.0/12', '172.16.0.0/12', 2 ** 20],
    ['192.168.1.128/25', '192.168.1.128/25', 128],
  ];
  for (const [text, formatted, size] of table) {
    const c = C(text);
    assert.equal(formatCidr(c), formatted, text);
    assert.equal(cidrSize(c), size, text);
  }
});

test('parseCidr: errors', () => {
  const table: [string, string][] = [
    ['10.0.0.300/24', 'bad-octet'],
    ['10.0.0.3000', 'bad-octet'],
    ['256.1.1.1', 'bad-octet'],
    ['10.0.0.0/33', 'bad-prefix'],
    ['10.0.0.0/', 'syntax'],
    ['10.0.0.0/a', 'syntax'],
    ['10.0.0/24', 'syntax'],
    ['10.0.0.0.0', 'syntax'],
    ['abc', 'syntax'],
    ['', 'empty'],
    ['10.0.0.5/24', 'host-bits'],
    ['2001:db8::/32', 'ipv6'],
    ['::1', 'ipv6'],
    ['fe80::1%eth0', 'ipv6'],
  ];
  for (const [text, error] of table) {
    const r = parseCidr(text);
    assert.equal(r.ok, false, text);
    if (!r.ok) {
      assert.equal(r.error, error, text);
      assert.ok(r.message.length > 0);
    }
  }
  const hb = parseCidr('10.0.1.17/22');
  assert.ok(!hb.ok && hb.aligned && formatCidr(hb.aligned) === '10.0.0.0/22');
  assert.equal(formatCidr(parseCidrLenient('10.0.1.17/22')!), '10.0.0.0/22');
  assert.equal(parseCidrLenient('10.0.0.300'), undefined);
});

test('parseIpv4 / formatIpv4 / ipv6 detection never throw', () => {
  assert.equal(parseIpv4('1.2.3.4'), 16909060);
  assert.equal(formatIpv4(16909060), '1.2.3.4');
  assert.equal(parseIpv4('1.2.3'), undefined);
  assert.equal(parseIpv4('::ffff:1.2.3.4'), undefined);
  assert.ok(looksLikeIpv6('2001:db8::/48'));
  assert.ok(!looksLikeIpv6('10.0.0.0/8'));
  assert.ok(!looksLikeIpv6('Storage'));
  for (const junk of ['[parameters(\'x\')]', '1.2.3.4/-1', '////', ':::', '1..2.3', ' 10.0.0.0/8 ']) parseCidr(junk);
});

test('usable addresses: size - 5', () => {
  const table: [string, number][] = [['10.0.0.0/24', 251], ['10.0.0.0/29', 3], ['10.0.0.0/28', 11], ['10.0.0.0/27', 27], ['10.0.0.0/30', 0], ['10.0.0.1/32', 0]];
  for (const [t, n] of table) assert.equal(azureUsable(C(t)), n, t);
});

test('contains / overlaps', () => {
  const table: [string, string, boolean, boolean][] = [
    ['10.0.0.0/16', '10.0.1.0/24', true, true],
    ['10.0.1.0/24', '10.0.0.0/16', false, true],
    ['10.0.0.0/24', '10.0.1.0/24', false, false],
    ['10.0.0.0/24', '10.0.0.0/24', true, true],
    ['0.0.0.0/0', '192.168.0.1', true, true],
    ['10.0.0.0/25', '10.0.0.128/25', false, false],
    ['10.0.0.0/23', '10.0.1.255', true, true],
  ];
  for (const [a, b, contains, overlaps] of table) {
    assert.equal(cidrContains(C(a), C(b)), contains, `${a} ⊇ ${b}`);
    assert.equal(cidrOverlaps(C(a), C(b)), overlaps, `${a} ∩ ${b}`);
    assert.equal(cidrOverlaps(C(b), C(a)), overlaps, `${b} ∩ ${a}`);
  }
});

test('findFreePrefix', () => {
  const table: [string, number, string[], string | undefined][] = [
    ['10.0.0.0/16', 24, [], '10.0.0.0/24'],
    ['10.0.0.0/16', 24, ['10.0.0.0/24'], '10.0.1.0/24'],
    ['10.0.0.0/16', 24, ['10.0.0.0/24', '10.0.1.0/24', '10.0.3.0/24'], '10.0.2.0/24'],
    ['10.0.0.0/16', 24, ['10.0.0.0/23', '10.0.2.0/26'], '10.0.3.0/24'],
    ['10.0.0.0/16', 26, ['10.0.0.0/24', '10.0.1.0/26', '10.0.1.128/25'], '10.0.1.64/26'],
    ['10.0.0.0/16', 20, ['10.0.5.0/24'], '10.0.16.0/20'],
    ['10.0.0.0/24', 24, ['10.0.0.128/25'], undefined],
    ['10.0.0.0/24', 23, [], undefined],
    ['10.0.0.0/24', 26, ['10.0.0.0/26', '10.0.0.64/26', '10.0.0.128/26', '10.0.0.192/26'], undefined],
    ['10.0.0.0/20', 27, ['10.0.0.0/27', '172.16.0.0/12', '10.0.0.0/16'], undefined],
    ['10.0.0.0/20', 27, ['10.0.0.32/27', '10.0.0.0/28'], '10.0.0.64/27'],
    ['0.0.0.0/0', 1, ['0.0.0.0/1'], '128.0.0.0/1'],
    ['255.255.255.0/24', 32, ['255.255.255.0/25', '255.255.255.128/26', '255.255.255.192/27', '255.255.255.224/28', '255.255.255.240/29', '255.255.255.248/30', '255.255.255.252/31', '255.255.255.254'], '255.255.255.255/32'],
  ];
  for (const [parent, len, taken, expected] of table) {
    const got = findFreePrefix(C(parent), len, taken.map(C));
    assert.equal(got && formatCidr(got), expected, `${parent} /${len} without ${taken.join(',')}`);
  }
});

test('findFreePrefix is linear enough for many taken blocks', () => {
  const taken: Cidr[] = [];
  for (let i = 0; i < 4000; i++) taken.push({ addr: 10 * 2 ** 24 + i * 256, prefix: 24 });
  const t0 = Date.now();
  const got = findFreePrefix(C('10.0.0.0/8'), 24, taken);
  assert.equal(got && formatCidr(got), '10.15.160.0/24');
  assert.ok(Date.now() - t0 < 200);
});

test('private ranges', () => {
  assert.ok(isPrivateRange(C('10.1.0.0/16')));
  assert.ok(isPrivateRange(C('172.31.0.0/24')));
  assert.ok(!isPrivateRange(C('172.32.0.0/24')));
  assert.ok(!isPrivateRange(C('8.8.8.8')));
});
