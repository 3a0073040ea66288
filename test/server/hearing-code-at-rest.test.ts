// The hearing letter's reply code (eight digits) is what stands between whoever holds the reply link and the
// subscriber's consent or objection. The store kept the link's token in clear and the code as SHA-256 of
// token and code: from a copy of the database alone, trying the 10^8 codes gave every pending hearing's
// code in about a minute, and the link then took the copier's reply for the subscriber. The code is now
// kept under a key derived from the master key, which is never in the store; a letter sent before (kept
// unkeyed) is still read until its hearing lapses.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, test } from 'node:test';
import { testDialects } from '../support/dialects.ts';
import { call, hubWithHooks } from '../support/exchange.ts';
import { defamationClaim, underReview } from '../support/flow.ts';

interface Sent {
  replyPath: string;
  code: string;
}

const digits = (code: string) => code.replace(/\D/g, '');
const unkeyed = (token: string, code: string) =>
  createHash('sha256')
    .update(`${token}:${digits(code)}`)
    .digest('hex');

for (const dialect of testDialects()) {
  describe(`the hearing's reply code at rest (${dialect})`, () => {
    const {
      hub,
      people: [lawyer, board],
      orgs,
    } = hubWithHooks(dialect, ['lawyer', 'board.legal']);

    async function letter(n: string) {
      const id = await underReview({ drafter: lawyer, head: lawyer, provider: board }, defamationClaim(orgs.board, n));
      const sent = await board.call<Sent>('POST', `/v1/requests/${id}/hearing`, { subscriberName: '田中 次郎' });
      assert.equal(sent.status, 201, JSON.stringify(sent.body));
      const token = sent.body.replyPath.split('/').pop() ?? '';
      const row = await hub.ctx.store.db
        .selectFrom('hearings')
        .select(['id', 'token', 'code_hash'])
        .where('request_id', '=', id)
        .executeTakeFirstOrThrow();
      return { token, code: sent.body.code, row };
    }
    const reply = (token: string, code: string) =>
      call(hub.url, 'POST', `/v1/hearings/${token}/reply`, { code, reply: 'consent' });

    test('a copy of the store does not give the code by trying every value', async () => {
      const { token, code, row } = await letter('7401');
      assert.equal(row.token, token, 'the token is in the store (the link is looked up by it)');
      // What an attacker with the copy computes for each of the 10^8 codes: for the right one it must not
      // match what is kept, so no value does.
      assert.notEqual(row.code_hash, unkeyed(row.token, code), 'the kept hash is not the unkeyed hash of the code');
      assert.ok(!row.code_hash.includes(unkeyed(row.token, code)));
      assert.ok(!row.code_hash.includes(digits(code)));
      // The subscriber's code still opens the link.
      assert.equal((await reply(token, '0000-0000')).status, 403, 'a wrong code is refused');
      assert.equal((await reply(token, code)).status, 200);
    });

    test('a letter kept unkeyed (sent before) is still read, right and wrong', async () => {
      const { token, code, row } = await letter('7402');
      await hub.ctx.store.db
        .updateTable('hearings')
        .set({ code_hash: unkeyed(token, code) })
        .where('id', '=', row.id)
        .execute();
      assert.equal((await reply(token, '1111-1111')).status, 403);
      assert.equal((await reply(token, code)).status, 200);
    });
  });
}
