// The hub's own check of a provision order (提供命令) the bound provider receives in its pages: the judge's
// signature counts only when its signer was a judge of the court when he signed, by the hub's log of the
// role — the rule the provider's installation applies to its pin (src/agent/provision.ts) and the hub to a
// warrant, a disclosure order and a judge's records (src/directory/judge-role.ts).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Schemas } from '#shokai/client';
import { hubNotJudgeMessage } from '../../src/domain/attestation.ts';
import { testDialects } from '../support/dialects.ts';
import { boardOrderHooks } from '../support/provision.ts';
import type { ApiError } from '../support/replies.ts';
import { withGrant } from '../support/role-grant.ts';

type Order = Schemas['AncillaryOrder'];

for (const dialect of testDialects()) {
  describe(`a provision order signed by no judge then, at the hub (${dialect})`, () => {
    const { hub, board, provisionOrder } = boardOrderHooks(dialect);

    test('the provider is told its signer was no judge then and cannot receive it; as he was, received', async () => {
      const { order, path } = await provisionOrder('9301');
      const signedAt = order.order?.orderedAt ?? assert.fail('an issued order');
      // The hub's log as it would read had the judge's role taken effect only after he signed.
      const later = { decided_at: new Date(Date.parse(signedAt) + 1).toISOString() };
      const judge = { login: 'judge', role: 'judge' };
      const [shown, refused] = await withGrant(hub, judge, later, async () => [
        await board.call<Order>('GET', path),
        await board.call<ApiError>('POST', `${path}/receive`),
      ]);
      assert.equal((shown as { body: Order }).body.signatureVerified, false, 'not shown as verified');
      const r = refused as { status: number; body: ApiError };
      assert.equal(r.status, 422, JSON.stringify(r.body));
      assert.equal(r.body.error.code, 'SIGNATURE_INVALID');
      const words = hubNotJudgeMessage({ ja: `命令（${order.reference}）`, en: `the order (${order.reference})` });
      assert.deepEqual(r.body.error.message, words);
      assert.equal((await board.call<Order>('GET', path)).body.receivedAt, null, 'nothing received');

      const received = await board.call<Order>('POST', `${path}/receive`);
      assert.equal(received.status, 200, JSON.stringify(received.body));
      assert.equal(received.body.signatureVerified, true);
    });
  });
}
