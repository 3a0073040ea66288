// Statistics keep need-to-know: an investigator of another unit of the same force, who reads none of a
// unit's requests, must not learn them from counts either. A security review narrowed the period to one
// millisecond and the provider to one, and read another unit's emergency request back from the totals
// (its kind, provider, outcome and instant). The people of an agency now count their own unit's requests.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { StatisticsReport } from '../../src/statistics/model.ts';
import { testDialects } from '../support/dialects.ts';
import { hubWithHooks } from '../support/exchange.ts';
import { issue, threatToLife } from '../support/flow.ts';
import { secondUnitInvestigator } from '../support/second-unit.ts';

for (const dialect of testDialects()) {
  describe(`statistics count one's own unit's requests (${dialect})`, () => {
    const {
      hub,
      people: [sato, tanaka],
      orgs,
    } = hubWithHooks(dialect, ['sato', 'tanaka']);

    test('another unit of the same force counts none of them, however narrow the question', async () => {
      const { investigator: other } = await secondUnitInvestigator(hub, orgs.mpd, `section2.${dialect}`);
      const r = await issue(
        sato,
        tanaka,
        threatToLife(orgs.board, 'stat-scope', { type: 'url', url: 'https://sakura-board.example/t/9' }),
      );
      const from = r.issuedAt ?? assert.fail('issued');
      const to = new Date(Date.parse(from) + 1).toISOString();
      const unit1 = await hub.ctx.store.db
        .selectFrom('requests')
        .select('unit_id')
        .where('id', '=', r.id)
        .executeTakeFirstOrThrow();
      const span = `from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;
      for (const extra of ['&groupBy=unit', '&groupBy=provider', `&unitId=${unit1.unit_id}&providerId=${orgs.board}`]) {
        const own = await sato.call<StatisticsReport>('GET', `/v1/statistics?${span}${extra}`);
        assert.equal(own.status, 200, JSON.stringify(own.body));
        assert.equal(own.body.scope, 'unit');
        assert.equal(own.body.totals.total, 1, `the unit counts its own request (${extra})`);
        assert.equal(own.body.totals.byKind.emergency, 1);
        const theirs = await other.call<StatisticsReport>('GET', `/v1/statistics?${span}${extra}`);
        assert.equal(theirs.status, 200, JSON.stringify(theirs.body));
        assert.equal(theirs.body.totals.total, 0, `another unit counts nothing of it (${extra})`);
        assert.deepEqual(
          theirs.body.groups.filter((g) => g.stats.total > 0),
          [],
        );
      }
    });
  });
}
