import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { migrate, undoMigration } from '../../src/store/database.ts';
import { testDialects } from '../support/dialects.ts';
import { hubWithHooks } from '../support/exchange.ts';
import { boardPost, inquiry, issue } from '../support/flow.ts';
import type { RequestDetail } from '../support/replies.ts';
import { signedWithdrawal } from '../support/withdrawal.ts';

// Migration 058: the office's withdrawal, its reason as signed and the withdrawing person's passkey
// signature, in columns of the request. Down drops them and keeps the request withdrawn with its reason in
// the thread; up again gives a request withdrawn before the signature was kept (no withdrawal shown), and a
// withdrawal made then is signed and verifies.
const WHY = '別の手段で確認できたため取り下げます。';

for (const dialect of testDialects()) {
  describe(`the signed withdrawal, migration 058 (${dialect})`, () => {
    const {
      hub,
      people: [sato, tanaka, board],
      orgs,
    } = hubWithHooks(dialect, ['sato', 'tanaka', 'board.legal']);
    const issued = async (n: string) =>
      (await issue(sato, tanaka, inquiry(orgs.board, { caseReference: `MIG-${n}`, targets: [boardPost(`t/${n}`)] })))
        .id;
    const read = async (id: string) => (await board.call<RequestDetail>('GET', `/v1/requests/${id}`)).body;

    test('down keeps the request withdrawn with its reason; up again, a new withdrawal verifies', async () => {
      const id = await issued('1');
      await signedWithdrawal(tanaka, id, WHY);
      assert.equal((await read(id)).withdrawal?.verdict, 'verified');

      await undoMigration(hub.ctx.store, '058-request-withdrawal-signed');
      const down = await read(id);
      assert.equal(down.state, 'withdrawn');
      assert.equal(down.withdrawal, null, 'no withdrawal columns: nothing shown of a signature');
      assert.ok(
        down.messages.some((m) => m.body === WHY),
        'the reason stays in the thread',
      );

      assert.deepEqual(await migrate(hub.ctx.store), ['058-request-withdrawal-signed']);
      const up = await read(id);
      assert.equal(up.state, 'withdrawn');
      assert.equal(up.withdrawal, null, 'withdrawn before the signature was kept');
      const next = await issued('2');
      await signedWithdrawal(tanaka, next, WHY);
      assert.equal((await read(next)).withdrawal?.verdict, 'verified');
    });
  });
}
