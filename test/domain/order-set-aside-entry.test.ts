// A set-aside entry of the directory log is read by a provider's installation, which formats its
// instants in the refusal it shows: an entry whose instants are not instants with an offset makes the
// log malformed (refused in words at pinning), rather than the intake of an envelope throwing later.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { OrderSetAsideEntrySchema } from '../../src/domain/order-set-aside.ts';
import { setAsideMessage } from '../../src/domain/order-standing.ts';
import { DirectoryEntrySchema } from '../../src/domain/pinned-directory.ts';

const entry = {
  type: 'order.set_aside',
  at: '2026-12-02T04:00:00.000Z',
  orderId: 'doa_1',
  orderDigest: 'a'.repeat(64),
  courtOrganisationId: 'org_court',
  setAsideAt: '2026-12-01T10:00:00+09:00',
  ground: 'procedure',
  reasonDigest: 'b'.repeat(64),
  attestation: null,
} as const;

test('a set-aside entry with its instants is read, and its refusal formats them', () => {
  const e = OrderSetAsideEntrySchema.parse(entry);
  assert.equal(DirectoryEntrySchema.safeParse(entry).success, true);
  const why = setAsideMessage('令和8年(発チ)第1号', e.setAsideAt, e.ground);
  assert.match(why.ja, /令和8年\(発チ\)第1号/);
  assert.match(why.en, /2026/);
});

test('one whose instants are not instants with an offset is malformed', () => {
  for (const bad of [
    { setAsideAt: 'yesterday' },
    { setAsideAt: '2026-12-01T10:00:00' },
    { at: 'soon' },
    { at: '2026-12-02 04:00' },
  ]) {
    assert.equal(DirectoryEntrySchema.safeParse({ ...entry, ...bad }).success, false, JSON.stringify(bad));
  }
});
