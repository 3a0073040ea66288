// What the hub erases is gone from the disk, not only from the rows (src/store/erasure.ts): after a unit moves
// its answers to its members' devices, neither the hub-held private key it erased nor the box the hub could
// open is anywhere in the SQLite file or its WAL — the bytes a hub operator would read. SQLite only: on
// PostgreSQL dead tuples are the operator's to vacuum (docs/security.md).
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { startCustody } from '../../src/client/custody.ts';
import { custodyHooks, newDevice } from '../support/custody.ts';
import { testDialects } from '../support/dialects.ts';
import type { TestHub } from '../support/exchange.ts';
import { answeredAbout } from '../support/flow.ts';
import { retentionHooks } from '../support/retention.ts';

/** The store's bytes as they lie on the disk: the database file and its write-ahead log. */
function storeBytes(hub: Pick<TestHub, 'ctx'>): Buffer {
  const loc = hub.ctx.store.location;
  assert.equal(loc.kind, 'sqlite');
  const path = loc.kind === 'sqlite' ? loc.path : '';
  const wal = `${path}-wal`;
  return Buffer.concat([readFileSync(path), existsSync(wal) ? readFileSync(wal) : Buffer.alloc(0)]);
}

if (testDialects().includes('sqlite')) {
  describe('erased keys and boxes are gone from the store file and its WAL (sqlite)', () => {
    const { hub, sato, tanaka, board, orgs, tanakaApi } = custodyHooks('sqlite');

    const onDisk = () => storeBytes(hub);

    test('after the move to devices, the erased private key and the old box are nowhere on disk', async () => {
      const id = await answeredAbout({ drafter: sato, head: tanaka, provider: board }, orgs.board, {
        caseReference: 'ERASED-1',
        name: '山田 太郎',
      });
      const unitId = (
        await hub.ctx.store.db.selectFrom('requests').select('unit_id').where('id', '=', id).executeTakeFirstOrThrow()
      ).unit_id;
      const keys = await hub.ctx.store.db
        .selectFrom('keys')
        .select(['id', 'private_key_wrapped'])
        .where('owner_type', '=', 'unit')
        .where('owner_id', '=', unitId)
        .where('purpose', '=', 'encryption')
        .execute();
      const wrapped = keys.flatMap((k) => (k.private_key_wrapped ? [k.private_key_wrapped] : []));
      assert.ok(wrapped.length > 0, 'the unit key is held by the hub before the move');
      const { sealed } = await hub.ctx.store.db
        .selectFrom('answers')
        .select('sealed')
        .where('request_id', '=', id)
        .executeTakeFirstOrThrow();
      // The control: before the move, the bytes searched for are on disk.
      const before = onDisk();
      assert.ok(wrapped.every((w) => before.includes(w)) && before.includes(sealed), 'found before the move');

      const head = await newDevice(tanakaApi, '田中 PC');
      const started = await startCustody(tanakaApi, head.handle, []);
      assert.ok(started.resealed >= 1);

      const after = onDisk();
      for (const w of wrapped) assert.ok(!after.includes(w), 'the erased wrapped private key is not on disk');
      assert.ok(!after.includes(sealed), 'the box the hub could open is not on disk');
      assert.equal(
        hub.ctx.store.native.dialect === 'sqlite' &&
          hub.ctx.store.native.sqlite.pragma('secure_delete', { simple: true }),
        1,
      );
    });
  });

  describe('a purged answer is gone from the store file and its WAL (sqlite)', () => {
    const { hub, orgs, sato, tanaka, board, retained } = retentionHooks('sqlite');

    test('retention in purge mode: the answer box is nowhere on disk', async () => {
      const id = await answeredAbout({ drafter: sato, head: tanaka, provider: board }, orgs.board, {
        caseReference: 'ERASED-2',
        name: '鈴木 花子',
      });
      const { sealed } = await hub.ctx.store.db
        .selectFrom('answers')
        .select('sealed')
        .where('request_id', '=', id)
        .executeTakeFirstOrThrow();
      assert.ok(storeBytes(hub).includes(sealed), 'found before the purge');
      const outcome = await retained(id, 'purge');
      assert.equal(outcome.removed.answer, true);
      assert.ok(!storeBytes(hub).includes(sealed), 'the purged answer box is not on disk');
    });
  });
}
