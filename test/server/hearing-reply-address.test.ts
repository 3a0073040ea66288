// A wrong code on a hearing's reply link was audited with its count but not the address it came from, and an
// address could send failed replies without end (each link locks at five wrong codes, but a caller could go
// on at link after link, or at links that are none). Now a wrong code records the client address (the peer,
// or past the trusted proxies X-Forwarded-For, as for sign-in), and an address whose replies fail forty
// times in fifteen minutes is refused for the rest of them — audited once, with the address — while a
// subscriber elsewhere still replies.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { HEARING_CLIENT_ATTEMPTS } from '../../src/hearing/hearing-view.ts';
import { auditEntries } from '../support/audit.ts';
import { testDialects } from '../support/dialects.ts';
import { call, hubWithHooks } from '../support/exchange.ts';
import { defamationClaim, underReview } from '../support/flow.ts';
import type { ApiError } from '../support/replies.ts';

for (const dialect of testDialects()) {
  describe(`failed replies on a hearing link, by address (${dialect})`, () => {
    // X-Forwarded-For is believed from 127.0.0.1, so each reply may come from its own address.
    const {
      hub,
      people: [lawyer, board],
      orgs,
    } = hubWithHooks(dialect, ['lawyer', 'board.legal'], { trustedProxies: ['127.0.0.1'] });
    const reply = (token: string, code: string, address: string) =>
      call<ApiError>(
        hub.url,
        'POST',
        `/v1/hearings/${token}/reply`,
        { code, reply: 'consent' },
        {
          'x-forwarded-for': address,
        },
      );

    test('a wrong code names its address; forty failed replies lock that address, not one elsewhere', async () => {
      const id = await underReview(
        { drafter: lawyer, head: lawyer, provider: board },
        defamationClaim(orgs.board, '7201'),
      );
      const sent = await board.call<{ replyPath: string; code: string }>('POST', `/v1/requests/${id}/hearing`, {
        subscriberName: '住所 太郎',
      });
      assert.equal(sent.status, 201, JSON.stringify(sent.body));
      const token = sent.body.replyPath.split('/').pop() ?? '';
      assert.equal((await reply(token, '0000-0000', '198.51.100.7')).status, 403);
      const wrong = await auditEntries(hub.ctx.store.db, 'hearing.reply_refused', id);
      assert.deepEqual(wrong.at(-1)?.details, { attempts: 1, client: '198.51.100.7' });

      // Links that are none, from one address: each fails, and past the limit the address is refused.
      for (let i = 0; i < HEARING_CLIENT_ATTEMPTS; i++) {
        const r = await reply(`no-such-link-${i}`, '1234-5678', '203.0.113.9');
        assert.equal(r.status, 404);
      }
      for (let i = 0; i < 3; i++) {
        const refused = await reply(token, sent.body.code, '203.0.113.9');
        assert.equal(refused.status, 403);
        assert.match(refused.body.error.message.ja, /この接続元からの回答の誤りが続いたため、15分間/);
        assert.match(refused.body.error.message.en, /too many failed replies from this address/);
      }
      const locked = (await auditEntries(hub.ctx.store.db, 'hearing.reply_refused', null)).map((e) => e.details);
      assert.deepEqual(locked, [{ reason: 'address_locked', client: '203.0.113.9' }], 'once for the window');

      // The subscriber, from their own address, replies with the letter's code.
      const taken = await reply(token, sent.body.code, '192.0.2.44');
      assert.equal(taken.status, 200, JSON.stringify(taken.body));
    });
  });
}
