// Before any organisation owns a hub's records, the provider's people with the lookup's role are told in
// words where the lookup is made: a hub shared by several providers holds none of their records, so it is
// their own installation (their organisation named; no command line, no invitation to load records here);
// the screens are told the records are not theirs (`holdsRecords`), so the lookup is not offered; once the
// operator names the ISP the owner, its people hold them and the board's still do not.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { claimAttributionData } from '../../src/attribution/attribution-service.ts';
import { SYSTEM_CALLER } from '../../src/domain/access.ts';
import { run } from '../../src/kernel/unit-of-work.ts';
import { testDialects } from '../support/dialects.ts';
import { hubWithHooks } from '../support/exchange.ts';
import type { ApiError, Me } from '../support/replies.ts';

const QUERY = { address: '203.0.113.7', port: 40211, at: '2026-11-30T23:42:17+09:00' };

for (const dialect of testDialects()) {
  describe(`the records' owner, in words and on the screens (${dialect})`, () => {
    const {
      hub,
      people: [ispLegal, boardLegal, sato],
      orgs,
      signInAgain,
    } = hubWithHooks(dialect, ['isp.legal', 'board.legal', 'sato']);

    test('before an owner is named: the lookup says whom to ask in words, and nobody holds the records', async () => {
      const r = await ispLegal.call<ApiError>('POST', '/v1/attribution/lookup', QUERY);
      assert.equal(r.status, 404, JSON.stringify(r.body));
      const { ja, en } = r.body.error.message;
      assert.match(ja, /複数の事業者が共同で使う設置で、どの事業者の記録/);
      assert.match(
        ja,
        /日本ネットワーク通信株式会社の記録による利用者の特定は、.*日本ネットワーク通信株式会社自身の設置で/,
      );
      assert.match(en, /Look up who held an address in Nihon Network Communications K\.K\.'s own installation/);
      assert.doesNotMatch(
        `${ja} ${en}`,
        /`|shokai logs|組織ID|ORGANISATION-ID|取り込むか|ask the installation's operator/,
      );
      for (const c of [ispLegal, boardLegal, sato]) {
        const me = await c.call<Me>('GET', '/v1/me');
        assert.equal(me.status, 200);
        assert.equal(me.body.holdsRecords, false);
      }
    });

    test("once the ISP is named the owner, its people hold the records and the board's do not", async () => {
      await run(hub.ctx, claimAttributionData, SYSTEM_CALLER, orgs.isp);
      await signInAgain();
      assert.equal((await ispLegal.call<Me>('GET', '/v1/me')).body.holdsRecords, true);
      assert.equal((await boardLegal.call<Me>('GET', '/v1/me')).body.holdsRecords, false);
      // An investigator may not look up at all: never offered, whoever owns the records.
      assert.equal((await sato.call<Me>('GET', '/v1/me')).body.holdsRecords, false);
      const r = await ispLegal.call('POST', '/v1/attribution/lookup', QUERY);
      assert.equal(r.status, 200, JSON.stringify(r.body));
    });
  });
}
