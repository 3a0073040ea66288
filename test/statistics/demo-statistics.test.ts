// Statistics over the demo, through the API: every count matches a count taken directly from the
// records (test/support/record-counts.ts, plain SQL), each side sees only its own requests, and the
// computation is audited with the digest of what it returned.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { principalOfLogin } from '../../src/auth/auth-service.ts';
import type { StatisticsReport } from '../../src/statistics/model.ts';
import { auditEntries } from '../support/audit.ts';
import { testDialects } from '../support/dialects.ts';
import { orgId, startHub, type TestHub } from '../support/exchange.ts';
import { assertStatsMatch, countFromRecords, type RecordScope } from '../support/record-counts.ts';

type Stats = StatisticsReport['totals'];
interface Report {
  scope: string;
  totals: Stats;
  groups: Array<{ key: string; label: { ja: string; en: string }; stats: Stats }>;
  auditCheck: { ok: boolean; checks: Array<{ name: string; records: number; auditLog: number }> };
  digest: string;
  asOf: { auditSize: number };
}

for (const dialect of testDialects()) {
  describe(`statistics over the demo (${dialect})`, () => {
    let hub: TestHub;
    let span: { from: string; to: string };
    const q = (extra = '') =>
      `/v1/statistics?from=${encodeURIComponent(span.from)}&to=${encodeURIComponent(span.to)}${extra}`;
    before(async () => {
      hub = await startHub(dialect);
      const now = hub.ctx.clock().getTime();
      span = {
        from: new Date(now - 30 * 86400_000).toISOString(),
        to: new Date(now + 86400_000).toISOString(),
      };
    });
    after(async () => hub.close());

    const records = (s: Partial<RecordScope> = {}) => countFromRecords(hub.ctx.store.db, { ...span, ...s });

    test('the oversight body counts every issued request, and the counts are the records’', async () => {
      const r = await (await hub.as('auditor')).call<Report>('GET', q('&groupBy=provider'));
      assert.equal(r.status, 200, JSON.stringify(r.body));
      assert.equal(r.body.scope, 'all');
      const expected = await records();
      // The demo issues eight requests (two stay drafts or await approval, and drafts never count).
      assert.equal(expected.total, 8);
      assertStatsMatch(r.body.totals, expected, 'all');
      for (const g of r.body.groups) {
        if (g.key === '') continue;
        assertStatsMatch(g.stats, await records({ providerId: g.key }), `provider ${g.label.en}`);
      }
      assert.equal(
        r.body.groups.reduce((n, g) => n + g.stats.total, 0),
        r.body.totals.total,
      );
      // The audit log, counted independently, agrees: received, answered, declined.
      assert.equal(r.body.auditCheck.ok, true, JSON.stringify(r.body.auditCheck));
      assert.deepEqual(
        r.body.auditCheck.checks.map((c) => c.name),
        ['received', 'answered', 'declined'],
      );
    });

    test('an agency’s people count their own unit’s requests; a provider what was delivered to it', async () => {
      const mpd = await orgId(hub, 'Tokyo Metropolitan Police Department');
      const osaka = await orgId(hub, 'Osaka Prefectural Police');
      const board = await orgId(hub, 'Sakura Board K.K.');
      const tanaka = await (await hub.as('tanaka')).call<Report>('GET', q());
      assert.equal(tanaka.status, 200);
      assert.equal(tanaka.body.scope, 'unit');
      const unitId = (await principalOfLogin(hub.ctx.store.db, 'tanaka')).unitId ?? assert.fail('tanaka has a unit');
      assertStatsMatch(tanaka.body.totals, await records({ agencyId: mpd, unitId }), 'MPD');
      // Asking for another agency's numbers gives none of them: the scope still applies.
      const other = await (await hub.as('tanaka')).call<Report>('GET', q(`&agencyId=${osaka}`));
      assert.equal(other.body.totals.total, 0);

      const boardLegal = await (await hub.as('board.legal')).call<Report>('GET', q('&groupBy=agency'));
      assert.equal(boardLegal.body.scope, 'provider');
      const expected = await records({ providerId: board });
      assertStatsMatch(boardLegal.body.totals, expected, 'board');
      assert.deepEqual(boardLegal.body.totals.byDeclineReason.not_our_customer, 1);
      assert.deepEqual(boardLegal.body.groups.map((g) => g.label.en).sort(), [
        'Osaka Prefectural Police',
        'Otogawa Law Office',
        'Tokyo Metropolitan Police Department',
      ]);
      // One answered, one declined: half of what was settled was disclosed.
      assert.equal(boardLegal.body.totals.disclosureRate, 0.5);
      // Paper: each delivered request is a letter, each answer or refusal another, ¥500 and a week each.
      const p = boardLegal.body.totals.paper;
      assert.equal(p.yen, p.letters * 500);
      assert.equal(p.days, p.letters * 7);
      assert.ok(p.letters >= 5, `letters ${p.letters}`);
    });

    test('a court has no statistics; a bad period is named', async () => {
      const judge = await (await hub.as('judge')).call<{ error: { code: string } }>('GET', q());
      assert.equal(judge.status, 403);
      assert.equal(judge.body.error.code, 'FORBIDDEN');
      const noOffset = await (await hub.as('auditor')).call<{ error: { code: string; details: { field: string } } }>(
        'GET',
        '/v1/statistics?from=2026-01-01T00:00:00&to=2026-07-01T00:00:00%2B09:00',
      );
      assert.equal(noOffset.status, 400);
      assert.equal(noOffset.body.error.details.field, 'from');
      const backwards = await (await hub.as('auditor')).call<{ error: { details: { field: string } } }>(
        'GET',
        '/v1/statistics?from=2026-07-01T00:00:00%2B09:00&to=2026-01-01T00:00:00%2B09:00',
      );
      assert.equal(backwards.status, 400);
      assert.equal(backwards.body.error.details.field, 'to');
    });

    test('every computation is audited with the digest of what it returned', async () => {
      const r = await (await hub.as('auditor')).call<Report>('GET', q('&groupBy=period&period=month'));
      const entry = (await auditEntries(hub.ctx.store.db, 'statistics.viewed')).at(-1) ?? assert.fail('audited');
      assert.equal(entry.details.digest, r.body.digest);
      assert.equal(entry.details.total, r.body.totals.total);
      assert.ok(entry.seq > r.body.asOf.auditSize);
      // By month: the periods cover the span, the empty ones too, and add up to the total.
      assert.ok(r.body.groups.length >= 2);
      assert.equal(
        r.body.groups.reduce((n, g) => n + g.stats.total, 0),
        r.body.totals.total,
      );
    });
  });
}
