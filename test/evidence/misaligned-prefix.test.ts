// A prefix with bits set after its length (192.0.2.77/24) was masked silently. Written by a person it
// is refused naming the value (a typo there widens or moves the block); in registry data the record is
// kept as the masked block and the import says so, line by line.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { NetworksInput } from '../../src/directory/model.ts';
import { DomainError } from '../../src/domain/errors.ts';
import { parseOrThrow } from '../../src/domain/validation.ts';
import { analyzeMessage, EvidenceInputError } from '../../src/evidence/index.ts';
import { parseRegistryFile } from '../../src/evidence/registry/import.ts';
import { HEADER_SYNTAX } from '../../src/net/address.ts';
import { parseCidrAligned } from '../../src/net/cidr.ts';
import { parseTrustedProxies } from '../../src/server/client-address.ts';

describe('misaligned prefixes', () => {
  it('are told from aligned ones, and masked all the same', () => {
    assert.equal(parseCidrAligned('192.0.2.0/24', HEADER_SYNTAX)?.aligned, true);
    assert.equal(parseCidrAligned('192.0.2.77', HEADER_SYNTAX)?.aligned, true);
    const p = parseCidrAligned('192.0.2.77/24', HEADER_SYNTAX);
    assert.equal(p?.aligned, false);
    assert.equal(p?.cidr.address.text, '192.0.2.0');
    assert.equal(parseCidrAligned('2001:db8::1/32', HEADER_SYNTAX)?.aligned, false);
  });

  it('a provider declaring one is refused, naming the value and the block', () => {
    assert.throws(
      () => parseOrThrow(NetworksInput, { cidrs: ['192.0.2.0/25', '198.51.100.77/24'] }),
      (e: unknown) => {
        assert.ok(e instanceof DomainError);
        assert.match(e.messages.en, /"198\.51\.100\.77\/24" has bits set after its length.*198\.51\.100\.0\/24/);
        assert.match(e.messages.ja, /198\.51\.100\.0\/24 と書いてください/);
        assert.equal(e.details?.field, 'cidrs.1');
        return true;
      },
    );
  });

  it('a trusted mail relay network or a trusted proxy is refused', () => {
    assert.throws(
      () => analyzeMessage('Received: from x by y; Wed, 25 Nov 2026 12:00:00 +0900\n\n', { trusted: ['10.1.2.3/8'] }),
      (e: unknown) =>
        e instanceof EvidenceInputError && e.code === 'MAIL_TRUSTED_ENTRY_INVALID' && /10\.0\.0\.0\/8/.test(e.message),
    );
    assert.throws(
      () => parseTrustedProxies(['10.1.2.3/8']),
      (e: unknown) => e instanceof DomainError && /10\.1\.2\.3\/8.*10\.0\.0\.0\/8/.test(e.messages.en),
    );
  });

  it('registry data keeps the record as the masked block and names the line and value', () => {
    const jp = parseRegistryFile(
      '[Network Number]  126.33.10.77/16\n[Network Name] JP-NET\n[Organization] Holder K.K.\n',
      'jpnic',
    );
    assert.equal(jp.ranges.length, 1);
    assert.equal(jp.ranges[0]!.start, 0x7e210000n);
    assert.equal(jp.skipped, 0);
    assert.deepEqual(
      jp.problems.map((p) => p.en),
      ['line 1: "126.33.10.77/16" has bits set after its length; it was read as 126.33.0.0/16'],
    );
    const del = parseRegistryFile(
      '2|apnic|20261123|2|19830613|20261123|+1000\napnic|JP|ipv6|2001:db8::1|32|20100101|allocated\n' +
        'apnic|JP|ipv6|2001:db9::|32|20100101|allocated\n',
      'delegated',
    );
    assert.equal(del.ranges.length, 2);
    assert.deepEqual(
      del.problems.map((p) => p.ja),
      ['2 行目: "2001:db8::1|32" は長さより後のビットが 0 ではありません。2001:db8::/32 として取り込みました'],
    );
  });
});
