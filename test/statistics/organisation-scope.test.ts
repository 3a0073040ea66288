// A force's statistics officer (統計担当), on SQLite and PostgreSQL: the headquarters' numbers (the annual report,
// questions in the Diet, the budget) are every unit's counts, which an investigator — counting their own unit's
// requests only (unit-scope.test.ts) — cannot give. The officer counts all the units of their own force and no
// other's; reads no request, case, answer or transparency report; counts over whole days of Japan time only, so
// no window of a millisecond gives back a request's instant; and holds the role only once a second person
// countersigns its grant.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sql } from 'kysely';
import type { StatisticsReport } from '../../src/statistics/model.ts';
import { enrolledOverApi } from '../support/api-users.ts';
import { testDialects } from '../support/dialects.ts';
import { hubWithHooks, MADE_PASSWORD, signInMade } from '../support/exchange.ts';
import { issue, threatToLife } from '../support/flow.ts';
import type { ApiError } from '../support/replies.ts';
import { secondUnitInvestigator } from '../support/second-unit.ts';

/** The query of a period. */
const span = (from: string, to: string) => `from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;
/** Ten years of the demo, from midnight to midnight in Japan. */
const WIDE = span('2020-01-01T00:00:00+09:00', '2030-01-01T00:00:00+09:00');

interface Made {
  user: { id: string; roles: string[] };
  enrolment: { code: string };
  grants: Array<{ id: string; role: string; state: string }>;
}

for (const dialect of testDialects()) {
  describe(`a force's statistics officer counts every unit of the force (${dialect})`, () => {
    const {
      hub,
      people: [sato, tanaka, officer, admin, keys, boardAdmin],
      orgs,
    } = hubWithHooks(dialect, ['sato', 'tanaka', 'mpd.toukei', 'mpd.admin', 'mpd.keys', 'board.admin']);

    /** Issued requests of the force per unit, counted by plain SQL from the records (the oracle). */
    const recordsPerUnit = async (organisationId: string) => {
      const rows = await hub.ctx.store.db
        .selectFrom('requests')
        .select(['unit_id', sql<number>`count(*)`.as('n')])
        .where('agency_organisation_id', '=', organisationId)
        .where('origin', '=', 'local')
        .where('issued_at', 'is not', null)
        .groupBy('unit_id')
        .execute();
      return new Map(rows.map((r) => [r.unit_id, Number(r.n)]));
    };

    /** One of the force's issued requests. */
    const forceRequest = () =>
      hub.ctx.store.db
        .selectFrom('requests')
        .select(['id', 'issued_at'])
        .where('agency_organisation_id', '=', orgs.mpd)
        .where('issued_at', 'is not', null)
        .limit(1)
        .executeTakeFirstOrThrow();

    test("every unit's requests, none of another force's; an investigator still counts their unit's", async () => {
      // A second unit of the force with its own investigator; one of the force's requests was its.
      const { unitId: section2, investigator: other } = await secondUnitInvestigator(
        hub,
        orgs.mpd,
        `org-section2.${dialect}`,
      );
      const r = await issue(
        sato,
        tanaka,
        threatToLife(orgs.board, 'stat-org', { type: 'url', url: 'https://sakura-board.example/t/10' }),
      );
      // No service moves a request between units: the record is placed in the second unit for the count.
      await hub.ctx.store.db.updateTable('requests').set({ unit_id: section2 }).where('id', '=', r.id).execute();

      const expected = await recordsPerUnit(orgs.mpd);
      assert.equal(expected.get(section2), 1);
      assert.ok(expected.size >= 2, 'two units of the force issued requests');
      const total = [...expected.values()].reduce((a, b) => a + b, 0);

      const force = await officer.call<StatisticsReport>('GET', `/v1/statistics?${WIDE}&groupBy=unit`);
      assert.equal(force.status, 200, JSON.stringify(force.body));
      assert.equal(force.body.scope, 'organisation');
      assert.equal(force.body.totals.total, total, "the force's every issued request");
      assert.deepEqual(
        new Map(force.body.groups.map((g) => [g.key, g.stats.total])),
        expected,
        'each unit as the records count it',
      );
      assert.equal(force.body.auditCheck.ok, true);
      const osakaOnly = await officer.call<StatisticsReport>('GET', `/v1/statistics?${WIDE}&agencyId=${orgs.osaka}`);
      assert.equal(osakaOnly.body.totals.total, 0, "another force's requests are not counted");
      assert.ok(((await recordsPerUnit(orgs.osaka)).size ?? 0) > 0, 'though it has some');

      const own = await sato.call<StatisticsReport>('GET', `/v1/statistics?${WIDE}&groupBy=unit`);
      assert.equal(own.body.scope, 'unit');
      assert.equal(own.body.totals.total, total - 1, "an investigator counts their own unit's only");
      const theirs = await other.call<StatisticsReport>('GET', `/v1/statistics?${WIDE}`);
      assert.equal(theirs.body.scope, 'unit');
      assert.equal(theirs.body.totals.total, 1);
      assert.equal(theirs.body.totals.byKind.emergency, 1);
    });

    test('whole days of Japan time only: no window around one request', async () => {
      const at = (await forceRequest()).issued_at ?? assert.fail('issued');
      const q = (from: string, to: string) => `/v1/statistics?${span(from, to)}&groupBy=unit`;
      const millisecond = q(at, new Date(Date.parse(at) + 1).toISOString());
      const refused = await officer.call<ApiError>('GET', millisecond);
      assert.equal(refused.status, 400, JSON.stringify(refused.body));
      assert.equal(refused.body.error.code, 'VALIDATION_FAILED');
      assert.equal(refused.body.error.details?.field, 'from');
      assert.match(refused.body.error.message.ja, /日単位/);
      assert.match(refused.body.error.message.en, /whole days/);
      const noon = await officer.call<ApiError>('GET', q('2026-04-01T00:00:00+09:00', '2026-04-01T12:00:00+09:00'));
      assert.equal(noon.status, 400);
      assert.equal(noon.body.error.details?.field, 'to');
      // The same midnights written in UTC are the same days.
      const utc = await officer.call<StatisticsReport>('GET', q('2026-03-31T15:00:00Z', '2026-04-01T15:00:00.000Z'));
      assert.equal(utc.status, 200, JSON.stringify(utc.body));
      // An investigator's own unit keeps any window (unit-scope.test.ts), unchanged.
      assert.equal((await sato.call('GET', millisecond)).status, 200);
      const audited = await hub.ctx.store.db
        .selectFrom('audit_entries')
        .select('seq')
        .where('action', '=', 'statistics.viewed')
        .where('details', 'like', '%"organisation"%')
        .execute();
      assert.ok(audited.length >= 1, "the officer's reads are audited with their scope");
    });

    test('reads no request, case, answer or transparency report', async () => {
      const { id } = await forceRequest();
      const me = await officer.call<{ readsRequests: boolean; permissions: string[] }>('GET', '/v1/me');
      assert.equal(me.body.readsRequests, false);
      assert.deepEqual(me.body.permissions, ['statistics.read', 'statistics.read_organisation', 'credential.read_own']);
      // Lists are empty for those who read no request (as for an administrator); one request is not found.
      const list = await officer.call<{ items: unknown[] }>('GET', '/v1/requests?limit=200');
      assert.equal(list.status, 200);
      assert.deepEqual(list.body.items, []);
      const search = await officer.call<{ items: unknown[] }>('GET', '/v1/search?q=stat');
      assert.deepEqual(search.body.items, []);
      for (const path of [`/v1/requests/${id}`, `/v1/requests/${id}/envelope`, `/v1/requests/${id}/timeline`]) {
        const one = await officer.call<ApiError>('GET', path);
        assert.equal(one.status, 404, `${path}: ${JSON.stringify(one.body)}`);
      }
      for (const path of ['/v1/cases', `/v1/statistics/transparency?half=2026-H1&providerId=${orgs.board}`]) {
        const shut = await officer.call<ApiError>('GET', path);
        assert.equal(shut.status, 403, `${path}: ${JSON.stringify(shut.body)}`);
        assert.equal(shut.body.error.code, 'FORBIDDEN');
      }
    });

    test('granting the role takes two people, and only an agency holds it', async () => {
      const r = await admin.call<Made & ApiError>('POST', '/v1/users', {
        organisationId: orgs.mpd,
        login: `org-stat.${dialect}`,
        displayName: '統計担当 二人目',
        roles: ['statistician'],
      });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      assert.deepEqual(
        r.body.grants.map((g) => [g.role, g.state]),
        [['statistician', 'pending']],
      );
      const secret = await enrolledOverApi(hub, {
        login: `org-stat.${dialect}`,
        code: r.body.enrolment.code,
        password: MADE_PASSWORD,
      });
      const person = await signInMade(hub, `org-stat.${dialect}`, MADE_PASSWORD, secret);
      const before = await person.call<ApiError>('GET', `/v1/statistics?${WIDE}`);
      assert.equal(before.status, 403, 'no count before the countersignature');
      assert.equal(before.body.error.code, 'FORBIDDEN');
      const grant = r.body.grants[0]?.id;
      assert.equal((await admin.call('POST', `/v1/role-grants/${grant}/countersign`)).status, 403);
      const cs = await keys.call('POST', `/v1/role-grants/${grant}/countersign`);
      assert.equal(cs.status, 200, JSON.stringify(cs.body));
      const after = await person.call<StatisticsReport>('GET', `/v1/statistics?${WIDE}`);
      assert.equal(after.status, 200, JSON.stringify(after.body));
      assert.equal(after.body.scope, 'organisation');

      const provider = await boardAdmin.call<ApiError>('POST', '/v1/users', {
        organisationId: orgs.board,
        login: `board-stat.${dialect}`,
        displayName: 'x',
        roles: ['statistician'],
      });
      assert.equal(provider.status, 400, JSON.stringify(provider.body));
      assert.equal(provider.body.error.details?.field, 'roles');
      // The demo's officer stands, countersigned by the force's administrator.
      const demo = await hub.ctx.store.db
        .selectFrom('role_grants as g')
        .innerJoin('users as u', 'u.id', 'g.user_id')
        .innerJoin('users as c', 'c.id', 'g.countersigned_by')
        .select(['g.role', 'g.state', 'c.login as by'])
        .where('u.login', '=', 'mpd.toukei')
        .execute();
      assert.deepEqual(demo, [{ role: 'statistician', state: 'active', by: 'mpd.admin' }]);
    });
  });
}
