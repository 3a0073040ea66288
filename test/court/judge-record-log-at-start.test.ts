// A hub upgraded to the release that checks a judge's records and a signed withdrawal against its own
// signed directory log has no kept head yet: every genuine record would read "not in the log" until
// something signs the log. The hub keeps a head when it starts, by the rule of every kept head (only when
// the log grew and still contains the kept one), so genuine records read verified from its first page; a
// key row slipped in after that head still reads not in the log.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Schemas } from '#shokai/client';
import { startServer } from '../../src/server/start.ts';
import { testDialects } from '../support/dialects.ts';
import { orderHubHooks, orderPath, requestFromOrder, suitFiled } from '../support/disclosure-order.ts';
import { forgedFiling, slippedInKey } from '../support/forged-record.ts';
import type { RequestDetail } from '../support/replies.ts';
import { signedWithdrawal } from '../support/withdrawal.ts';

type Application = Schemas['DisclosureOrderApplication'];
const HEAD = 'directory.published_head';
const WHY = '当事者間で和解が成立したため、本件の開示請求を取り下げます。';

for (const dialect of testDialects()) {
  describe(`the hub keeps a signed head of its directory log when it starts (${dialect})`, () => {
    let now = Date.now();
    const { hub, lawyer, judge, board, orgs, at, issued } = orderHubHooks(dialect, () => new Date(now));
    const db = () => hub.ctx.store.db;

    const filingOf = async (id: string) =>
      (await judge.call<Application>('GET', orderPath(id))).body.standing?.objection?.signature;
    const withdrawalOf = async (id: string) =>
      (await board.call<RequestDetail>('GET', `/v1/requests/${id}`)).body.withdrawal?.verdict;
    const keptHead = () =>
      db().selectFrom('installation_settings').select(['value', 'set_at']).where('key', '=', HEAD).executeTakeFirst();
    /** A key row of the operator's making for a judge of the court, valid from `validFrom`. */
    const slipIn = (validFrom: string) =>
      slippedInKey(db(), { courtId: orgs.court, login: 'judge', origin: judge.origin ?? '', validFrom });
    /** The hub started again over the same store, as `serve` does after an upgrade: its start, then closed. */
    const restart = async () => {
      const server = await startServer(hub.ctx, { port: 0, host: '127.0.0.1', web: false });
      await server.close();
    };

    test('upgraded: genuine records verify from the first page; a key slipped in after does not', async () => {
      const filed = await issued('8901');
      now += 1_000;
      await suitFiled(judge, filed.id, { filedAt: at(), by: 'provider', caseNumber: '令和8年(ワ)第8901号' });
      const withdrawn = await issued('8902');
      const requestId = await requestFromOrder(lawyer, withdrawn.id);
      now += 1_000;
      await signedWithdrawal(lawyer, requestId, WHY);
      assert.equal(await filingOf(filed.id), 'verified');
      assert.equal(await withdrawalOf(requestId), 'verified');

      // As a hub upgraded to this release finds itself: no head kept. Every genuine record reads not in the log.
      await db().deleteFrom('installation_settings').where('key', '=', HEAD).execute();
      assert.equal(await filingOf(filed.id), 'not_in_log');
      assert.equal(await withdrawalOf(requestId), 'not_in_log');

      // It starts: a head is kept before its first page, and the genuine records verify.
      now += 1_000;
      await restart();
      const kept = (await keptHead()) ?? assert.fail('a head kept at start');
      assert.equal(await filingOf(filed.id), 'verified');
      assert.equal(await withdrawalOf(requestId), 'verified');

      // A start over a log that has not grown keeps the head as it was (nothing signed again).
      now += 1_000;
      await restart();
      assert.deepEqual(await keptHead(), kept);

      // A key row slipped in after the kept head signs a forged filing: not in the log, never verified.
      const forged = await issued('8903');
      now += 1_000;
      const key = await slipIn(at());
      now += 1_000;
      await forgedFiling(db(), forged.id, key, judge.origin ?? '', at());
      assert.equal(await filingOf(forged.id), 'not_in_log');
      assert.equal(await filingOf(filed.id), 'verified');
    });

    test('a start over a log rewritten below the kept head keeps the older head', async () => {
      now += 1_000;
      await restart();
      const kept = (await keptHead()) ?? assert.fail('a head kept');
      // A key row dated before the kept head: the log rebuilt from the rows no longer contains that head.
      const backdated = new Date(Date.parse(JSON.parse(kept.value).at) - 3_600_000).toISOString();
      await slipIn(backdated);
      now += 1_000;
      await restart();
      assert.deepEqual(await keptHead(), kept, 'a rewritten log is not kept');
    });
  });
}
