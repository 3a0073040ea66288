// The move to device custody beside a seal under way, on PostgreSQL (transactions side by side, READ
// COMMITTED; SQLite writes one transaction at a time and cannot interleave them). A transaction has read the
// unit's hub-held key to seal a file to when the unit head starts the move: the move waits for it (the owner's
// key lock, src/store/owner-locks.ts), then seals the file again with the rest before it erases the hub-held
// key, so the file opens on the devices. Without the lock the move did not wait: a box sealed after its list
// to the key it erased could never be opened again.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { principalOfLogin } from '../../src/auth/auth-service.ts';
import { openAttachmentOnDevice } from '../../src/client/custody.ts';
import { withNewAnswerKey } from '../../src/client/made-keys.ts';
import { keyToSealTo } from '../../src/directory/keys.ts';
import { addAttachment } from '../../src/exchange/attachments.ts';
import { inTransaction } from '../../src/kernel/unit-of-work.ts';
import { custodyHooks, newDevice } from '../support/custody.ts';
import { testDialects } from '../support/dialects.ts';
import { boardPost, draft, inquiry } from '../support/flow.ts';

const NOTE = Buffer.from('封緘中に移行が始まったファイル\n');

for (const dialect of testDialects().filter((d) => d === 'postgres')) {
  describe(`the move to device custody waits for a seal under way (${dialect})`, () => {
    const { hub, sato, orgs, tanakaApi } = custodyHooks(dialect);

    /** Whether some transaction of the store waits on an advisory lock now. */
    const someoneWaits = async (): Promise<boolean> => {
      const r = await hub.ctx.store.db
        .selectFrom('pg_locks' as never)
        .select('granted' as never)
        .where('locktype' as never, '=', 'advisory' as never)
        .where('granted' as never, '=', false as never)
        .execute();
      return r.length > 0;
    };

    test('a file sealed while the move starts is sealed again with the rest and opens on the devices', async () => {
      const d = await draft(
        sato,
        inquiry(orgs.board, { caseReference: '令和8年 第5252号', targets: [boardPost('/t/5252')] }),
      );
      const { handle: head } = await newDevice(tanakaApi, '田中 PC');
      const { handle: recovery } = await newDevice(tanakaApi, '回復鍵', 'recovery');
      const drafter = await principalOfLogin(hub.ctx.store.db, 'sato');

      let release: () => void = () => {};
      const gate = new Promise<void>((r) => {
        release = r;
      });
      let stored: (keyId: string) => void = () => {};
      const fileStored = new Promise<string>((r) => {
        stored = r;
      });
      // The seal under way: the unit's current (hub-held) key read to seal to, the transaction kept open.
      const unitId = (await principalOfLogin(hub.ctx.store.db, 'tanaka')).unitId ?? assert.fail('a unit');
      const sealing = inTransaction(hub.ctx, async (uow) => {
        const key = await keyToSealTo(uow, 'unit', unitId);
        stored(key.id);
        await gate;
        const file = await addAttachment(
          uow,
          drafter,
          d.id,
          { fileName: 'メモ.txt', purpose: 'request', mediaType: 'text/plain' },
          NOTE,
        );
        return { file: file.id, key: key.id };
      });
      const hubKey = await fileStored;

      const moving = withNewAnswerKey(head, [head, recovery], (key) =>
        tanakaApi.POST('/v1/custody/start', { body: key }),
      );
      let settled = false;
      void moving.then(() => {
        settled = true;
      });
      // The move waits for the seal under way (at most 10 s are given for it to reach the lock).
      let waited = false;
      for (let i = 0; i < 200 && !settled && !waited; i++) {
        waited = await someoneWaits();
        if (!waited) await new Promise((r) => setTimeout(r, 50));
      }
      const waitedForSeal = waited && !settled;
      release();
      assert.ok(waitedForSeal, 'the move waits while a box is being sealed to the hub-held key');
      const { file: fileId, key } = await sealing;
      assert.equal(key, hubKey);
      const { response } = await moving;
      assert.equal(response.status, 200);
      const row = await hub.ctx.store.db
        .selectFrom('attachments')
        .select('sealed_for_agency_key_id')
        .where('id', '=', fileId)
        .executeTakeFirstOrThrow();
      assert.notEqual(row.sealed_for_agency_key_id, null, 'sealed again to the custody key');

      for (const device of [head, recovery]) {
        const opened = await openAttachmentOnDevice(tanakaApi, device, d.id, fileId);
        assert.deepEqual(Buffer.from(opened.bytes), NOTE);
      }
    });
  });
}
