import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { unwrap } from '../../src/client/client.ts';
import { enrolDevice, openAnswerOnDevice, startCustody } from '../../src/client/custody.ts';
import { markCompromised, resealOnDevice } from '../../src/client/custody-reseal.ts';
import { custodyHooks, newDevice } from '../support/custody.ts';
import { testDialects } from '../support/dialects.ts';
import { answeredAbout } from '../support/flow.ts';

// A key found compromised in turn: the item's original and its copy are both sealed to compromised keys,
// and the device holding both is handed the original to seal again — not the copy, which may be one kept
// before copies carried their re-sealer's MAC (migration 049) and which the device would then refuse,
// stopping the re-sealing of everything after it.

for (const dialect of testDialects()) {
  describe(`re-sealing after a second compromise (${dialect})`, () => {
    const { hub, sato, tanaka, board, orgs, tanakaApi } = custodyHooks(dialect);

    test('the original is the source when the device holds its key; an undeclared copy stops nothing', async () => {
      const db = hub.ctx.store.db;
      const { handle: head } = await newDevice(tanakaApi, '田中 PC');
      await startCustody(tanakaApi, head, []);
      const answer = await answeredAbout({ drafter: sato, head: tanaka, provider: board }, orgs.board, {
        caseReference: 'CHAIN-1',
        name: '山田 花子',
      });
      const first = (await unwrap(tanakaApi.GET('/v1/custody'))).custodyKey?.id ?? '';
      const second = (await markCompromised(tanakaApi, head, first)).custodyKey?.id ?? '';
      assert.ok(first && second && first !== second);
      assert.equal((await resealOnDevice(tanakaApi, head)).left, 0);
      // The copy as one kept before 049 would be: no MAC over its declaration.
      await db.updateTable('resealed_boxes').set({ declaration_tag: null }).where('item_id', '=', answer).execute();
      const third = (await markCompromised(tanakaApi, head, second)).custodyKey?.id ?? '';
      assert.ok(third && third !== second);

      const w = await unwrap(tanakaApi.GET('/v1/custody/reseal', { params: { query: { device: head.id } } }));
      const item = w.items.find((i) => i.kind === 'answer' && i.itemId === answer);
      assert.ok(item, 'the answer is left to re-seal');
      assert.equal(item.sealed.recipientKeyId, first, 'handed the original, not the copy');
      assert.equal(item.resealed, null);

      const done = await resealOnDevice(tanakaApi, head);
      assert.equal(done.left, 0);
      const { handle: later } = await newDevice(tanakaApi, '田中 新PC');
      await enrolDevice(tanakaApi, head, later);
      assert.equal((await openAnswerOnDevice(tanakaApi, later, answer)).answer.items[0]?.subscriber?.name, '山田 花子');
    });
  });
}
