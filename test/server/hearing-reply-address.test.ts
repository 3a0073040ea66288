// A wrong code on a hearing's reply link records the address it came from (the peer, or past the trusted
// proxies X-Forwarded-For, as for sign-in). An address was refused after forty failed replies of any kind
// in fifteen minutes, so one person behind a carrier's NAT retrying their own locked link, or knocking at
// links that are none, shut out every subscriber behind that address. Now a link locks at five wrong codes
// from anywhere (as before), and what an address is held to is the number of links it failed at: past
// twenty in the window it is refused for the rest of it — audited once, with the address — while a
// subscriber elsewhere still replies.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { HEARING_CLIENT_LINKS, HEARING_MAX_ATTEMPTS } from '../../src/hearing/hearing-view.ts';
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
    let post = 7200;
    /** A request under review with a hearing letter sent: its id, the link's token and the letter's code. */
    async function letter() {
      const id = await underReview(
        { drafter: lawyer, head: lawyer, provider: board },
        defamationClaim(orgs.board, String(post++)),
      );
      const sent = await board.call<{ replyPath: string; code: string }>('POST', `/v1/requests/${id}/hearing`, {
        subscriberName: '住所 太郎',
      });
      assert.equal(sent.status, 201, JSON.stringify(sent.body));
      return { id, token: sent.body.replyPath.split('/').pop() ?? '', code: sent.body.code };
    }
    const addressLocked = (r: { status: number; body: ApiError }) => {
      assert.equal(r.status, 403);
      assert.match(r.body.error.message.ja, /この接続元からの回答の誤りが続いたため、15分間/);
      assert.match(r.body.error.message.en, /too many failed replies from this address/);
    };

    test('one person retrying at their link, or at links that are none, shuts out no neighbour', async () => {
      const [mine, neighbour] = [await letter(), await letter()];
      const shared = '203.0.113.64'; // one carrier-grade NAT address, two subscribers behind it
      const first = await reply(mine.token, '0000-0000', shared);
      assert.equal(first.status, 403);
      const wrong = await auditEntries(hub.ctx.store.db, 'hearing.reply_refused', mine.id);
      assert.deepEqual(wrong.at(-1)?.details, { attempts: 1, client: shared });
      // Wrong codes until the link locks, then the frustrated retries at the locked link: many failures,
      // one link.
      for (let i = 1; i < 2 * HEARING_CLIENT_LINKS + 10; i++) {
        const r = await reply(mine.token, '0000-0000', shared);
        assert.equal(r.status, 403);
        assert.doesNotMatch(r.body.error.message.en, /from this address/, `retry ${i}`);
      }
      // Links that are none are refused as none, whatever their number.
      for (let i = 0; i < 2 * HEARING_CLIENT_LINKS + 10; i++) {
        assert.equal((await reply(`no-such-link-${i}`, '1234-5678', shared)).status, 404);
      }
      const taken = await reply(neighbour.token, neighbour.code, shared);
      assert.equal(taken.status, 200, JSON.stringify(taken.body));
      // The guesser, whatever addresses they use, had five codes at the link.
      const locked = await reply(mine.token, mine.code, '192.0.2.200');
      assert.match(locked.body.error.message.en, /this link is locked/);
      const tries = await auditEntries(hub.ctx.store.db, 'hearing.reply_refused', mine.id);
      assert.equal(tries.length, HEARING_MAX_ATTEMPTS);
    });

    test('an address that failed at more links than the limit is refused, a subscriber elsewhere is not', async () => {
      const letters = await Promise.all(Array.from({ length: HEARING_CLIENT_LINKS + 2 }, () => letter()));
      const target = letters.pop() ?? assert.fail('a letter');
      const guesser = '198.51.100.9';
      for (const [i, l] of letters.entries()) {
        const r = await reply(l.token, '0000-0000', guesser);
        if (i < HEARING_CLIENT_LINKS) assert.doesNotMatch(r.body.error.message.en, /from this address/, `link ${i}`);
        else addressLocked(r);
      }
      // Refused whatever it sends: the right code, a link that is none.
      addressLocked(await reply(target.token, target.code, guesser));
      addressLocked(await reply('no-such-link', '1234-5678', guesser));
      const refusals = (await auditEntries(hub.ctx.store.db, 'hearing.reply_refused', null)).map((e) => e.details);
      assert.deepEqual(refusals, [{ reason: 'address_locked', client: guesser }], 'once for the window');

      const taken = await reply(target.token, target.code, '192.0.2.44');
      assert.equal(taken.status, 200, JSON.stringify(taken.body));
    });
  });
}
