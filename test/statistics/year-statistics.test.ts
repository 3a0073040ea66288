// Statistics over a generated year of requests (seeded RNG, test/support/year.ts), on SQLite and
// PostgreSQL: for every scope — the oversight body, each agency's unit, each provider — and every month, the
// counts, percentiles, overdue and disclosure rate equal what is counted directly from the records, and
// the audit log's recount agrees.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Principal } from '../../src/domain/access.ts';
import { run } from '../../src/kernel/unit-of-work.ts';
import { requestStatistics } from '../../src/statistics/statistics-service.ts';
import { testDialects } from '../support/dialects.ts';
import { assertStatsMatch, countFromRecords } from '../support/record-counts.ts';
import { generateYear, startYearHub, type YearHub } from '../support/year.ts';

const SEED = 20250101;
const JST = 9 * 3600_000;
const YEAR_FROM = Date.UTC(2025, 0, 1) - JST; // 2025-01-01 00:00 JST
const YEAR_TO = Date.UTC(2026, 0, 1) - JST;
const iso = (ms: number) => new Date(ms).toISOString();

for (const dialect of testDialects()) {
  describe(`statistics over a generated year (${dialect})`, () => {
    let hub: YearHub;
    let now: string;
    before(async () => {
      hub = await startYearHub(dialect, YEAR_FROM + 2 * 24 * 3600_000);
      const steps = await generateYear(hub, SEED, 120, YEAR_FROM + 7 * 86400_000, YEAR_TO - 20 * 86400_000);
      assert.ok(steps > 450, `steps ${steps}`);
      hub.setNow(YEAR_TO + 3600_000);
      now = hub.ctx.clock().toISOString();
    });
    after(async () => hub?.close());

    const statistics = async (login: string, extra: Record<string, string> = {}) =>
      run(hub.ctx, requestStatistics, (await hub.principal(login)) as Principal, {
        from: iso(YEAR_FROM).replace('Z', '+00:00'),
        to: iso(YEAR_TO).replace('Z', '+00:00'),
        ...extra,
      });

    test('the oversight body: the year and each month match the records; the audit log agrees', async () => {
      const r = await statistics('auditor', { groupBy: 'period', period: 'month' });
      const records = await countFromRecords(hub.ctx.store.db, { from: iso(YEAR_FROM), to: iso(YEAR_TO), now });
      assert.ok(records.total >= 120, `total ${records.total}`);
      // The generated year has every outcome and several decline reasons to count.
      for (const o of ['answered', 'declined', 'withdrawn', 'pending', 'closed_unanswered']) {
        assert.ok((records.byOutcome[o] ?? 0) > 0, `the year has ${o}`);
      }
      assert.ok(Object.keys(records.byDeclineReason).length >= 4);
      assert.ok(records.answeredLate > 0 && records.openOverdue > 0, 'some late, some overdue');
      assertStatsMatch(r.totals, records, 'year');
      assert.equal(r.groups.length, 12);
      for (const [m, g] of r.groups.entries()) {
        const from = iso(Date.UTC(2025, m, 1) - JST);
        const to = iso(Date.UTC(2025, m + 1, 1) - JST);
        assert.equal(g.key, `2025-${String(m + 1).padStart(2, '0')}`);
        assertStatsMatch(g.stats, await countFromRecords(hub.ctx.store.db, { from, to, now }), g.key);
      }
      assert.equal(r.auditCheck.ok, true, JSON.stringify(r.auditCheck));
      assert.ok(r.auditCheck.checks.every((c) => c.records > 0));
    });

    test('each provider and each agency’s unit: its own numbers, matching the records', async () => {
      const orgs = await hub.ctx.store.db.selectFrom('organisations').select(['id', 'name_en', 'kind']).execute();
      const id = (en: string) => orgs.find((o) => o.name_en === en)?.id ?? '';
      const span = { from: iso(YEAR_FROM), to: iso(YEAR_TO), now };
      for (const [login, providerId] of [
        ['board.legal', id('Sakura Board K.K.')],
        ['isp.legal', id('Nihon Network Communications K.K.')],
        ['cafe.staff', id('Manga Cafe Shinjuku')],
      ] as const) {
        const r = await statistics(login, { groupBy: 'agency' });
        assert.equal(r.scope, 'provider');
        assertStatsMatch(r.totals, await countFromRecords(hub.ctx.store.db, { ...span, providerId }), login);
        assert.equal(r.auditCheck.ok, true);
        for (const g of r.groups) {
          const rec = await countFromRecords(hub.ctx.store.db, { ...span, providerId, agencyId: g.key });
          assert.equal(g.stats.total, rec.total, `${login} from ${g.label.en}`);
        }
      }
      for (const [login, agencyId] of [
        ['tanaka', id('Tokyo Metropolitan Police Department')],
        ['osaka', id('Osaka Prefectural Police')],
      ] as const) {
        const r = await statistics(login, { groupBy: 'provider' });
        assert.equal(r.scope, 'unit');
        const unitId = ((await hub.principal(login)) as Principal).unitId ?? assert.fail(`${login} has a unit`);
        assertStatsMatch(r.totals, await countFromRecords(hub.ctx.store.db, { ...span, agencyId, unitId }), login);
        assert.ok(r.totals.total > 0, `${login}'s unit issued requests in the year`);
        assert.equal(
          r.groups.reduce((n, g) => n + g.stats.total, 0),
          r.totals.total,
        );
      }
    });

    test('a change is counted at once: nothing is cached or typed in', async () => {
      const before = await statistics('auditor');
      const open = await hub.ctx.store.db
        .selectFrom('requests')
        .select(['id'])
        .where('state', '=', 'under_review')
        .where('kind', '=', 'inquiry')
        .where('issued_at', '<', iso(YEAR_TO))
        .executeTakeFirstOrThrow();
      const row = await hub.ctx.store.db
        .selectFrom('requests')
        .select('provider_organisation_id')
        .where('id', '=', open.id)
        .executeTakeFirstOrThrow();
      const staff =
        row.provider_organisation_id === (await hub.principal('isp.legal')).organisationId
          ? 'isp.legal'
          : 'board.legal';
      const { transition } = await import('../../src/exchange/transitions.ts');
      await run(hub.ctx, transition, await hub.principal(staff), open.id, { action: 'decline', reason: 'other' });
      const after = await statistics('auditor');
      assert.equal(after.totals.byOutcome.declined, before.totals.byOutcome.declined + 1);
      assert.equal(after.totals.byDeclineReason.other, before.totals.byDeclineReason.other + 1);
      assert.equal(after.totals.byOutcome.pending, before.totals.byOutcome.pending - 1);
      assert.notEqual(after.digest, before.digest);
      assert.equal(after.auditCheck.ok, true);
    });
  });
}
