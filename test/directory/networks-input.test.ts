// A provider's declared address blocks are read with the one address library: refused when they are
// not blocks or have bits set after their length, kept in canonical form.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { NetworksInput } from '../../src/directory/model.ts';
import { DomainError } from '../../src/domain/errors.ts';
import { parseOrThrow } from '../../src/domain/validation.ts';

test('declared blocks are checked and written canonically', () => {
  const ok = parseOrThrow(NetworksInput, { cidrs: ['203.0.113.0/24', '2001:DB8:1000::/36'] });
  assert.deepEqual(ok.cidrs, ['203.0.113.0/24', '2001:db8:1000::/36']);
  // a block with bits set after its length (203.0.113.77/24) is refused, not masked
  const bads = ['999.1.1.1/8', '203.0.113.0', '203.0.113.0/33', '203.0.113.0/', 'example.jp/24', '203.0.113.77/24'];
  for (const bad of bads) {
    assert.throws(
      () => parseOrThrow(NetworksInput, { cidrs: [bad] }),
      (e: unknown) => e instanceof DomainError && e.code === 'INVALID_ADDRESS' && e.details?.field === 'cidrs.0',
      bad,
    );
  }
});
