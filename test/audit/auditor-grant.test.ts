// Who becomes an auditor (監察), on SQLite and PostgreSQL: the role reads whom an organisation's people looked up,
// so granting it takes two people like every privileged role — an administrator who makes an auditor's account
// (holding its one-time enrolment code, so able to enrol in its place) reads nothing until a second person
// (the key officer, or another administrator) countersigns — and nobody holds it together with a role that
// administers who holds what (admin, key officer). The demo's auditors stand, countersigned.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createUser } from '../../src/directory/users.ts';
import { SYSTEM_CALLER } from '../../src/domain/access.ts';
import { DomainError } from '../../src/domain/errors.ts';
import { run } from '../../src/kernel/unit-of-work.ts';
import { enrolledOverApi } from '../support/api-users.ts';
import { testDialects } from '../support/dialects.ts';
import { hubWithHooks, MADE_PASSWORD, signInMade } from '../support/exchange.ts';
import type { ApiError } from '../support/replies.ts';

interface Made {
  user: { id: string; roles: string[] };
  enrolment: { code: string };
  grants: Array<{ id: string; role: string; state: string }>;
}

for (const dialect of testDialects()) {
  describe(`granting the auditor's role takes two people (${dialect})`, () => {
    const {
      hub,
      people: [admin, keys],
      orgs,
    } = hubWithHooks(dialect, ['mpd.admin', 'mpd.keys']);
    const make = (login: string, roles: string[]) =>
      admin.call<Made & ApiError>('POST', '/v1/users', {
        organisationId: orgs.mpd,
        login,
        displayName: login,
        roles,
      });

    test("an administrator's auditor reads nothing until a second person countersigns", async () => {
      const r = await make('mpd.shadow', ['auditor']);
      assert.equal(r.status, 201, JSON.stringify(r.body));
      assert.deepEqual(
        r.body.grants.map((g) => [g.role, g.state]),
        [['auditor', 'pending']],
        'the auditor role waits for a countersignature',
      );
      assert.ok(!r.body.user.roles.includes('auditor'));
      const secret = await enrolledOverApi(hub, {
        login: 'mpd.shadow',
        code: r.body.enrolment.code,
        password: MADE_PASSWORD,
      });
      const shadow = await signInMade(hub, 'mpd.shadow', MADE_PASSWORD, secret);
      const before = await shadow.call<ApiError>('GET', '/v1/audit/entries?limit=200');
      assert.equal(before.status, 403, 'not yet an auditor: the log stays shut');
      assert.equal(before.body.error.code, 'FORBIDDEN');

      const grant = r.body.grants[0]?.id;
      const self = await admin.call<ApiError>('POST', `/v1/role-grants/${grant}/countersign`);
      assert.equal(self.status, 403, 'the granting administrator cannot countersign');
      assert.equal(self.body.error.code, 'SELF_APPROVAL');
      const cs = await keys.call('POST', `/v1/role-grants/${grant}/countersign`);
      assert.equal(cs.status, 200, JSON.stringify(cs.body));
      const after = await shadow.call('GET', '/v1/audit/entries?limit=5');
      assert.equal(after.status, 200, 'countersigned by the key officer, the role stands');
      const log = await hub.ctx.store.db
        .selectFrom('audit_entries')
        .select(['action', 'details'])
        .where('subject_id', '=', r.body.user.id)
        .where('action', 'in', ['role.granted', 'role.countersigned'])
        .orderBy('seq')
        .execute();
      assert.deepEqual(
        log.map((e) => [e.action, (JSON.parse(e.details) as { role: string }).role]),
        [
          ['role.granted', 'auditor'],
          ['role.countersigned', 'auditor'],
        ],
      );
    });

    test('a grant whose person was disabled since cannot be countersigned, only refused', async () => {
      const r = await make('mpd.leaver', ['auditor']);
      assert.equal(r.status, 201, JSON.stringify(r.body));
      const grant = r.body.grants[0]?.id;
      const disabled = await admin.call('POST', `/v1/users/${r.body.user.id}/disable`);
      assert.equal(disabled.status, 200, JSON.stringify(disabled.body));
      const cs = await keys.call<ApiError>('POST', `/v1/role-grants/${grant}/countersign`);
      assert.equal(cs.status, 409, JSON.stringify(cs.body));
      assert.equal(cs.body.error.code, 'ILLEGAL_TRANSITION');
      assert.match(cs.body.error.message.ja, /無効化/);
      assert.match(cs.body.error.message.en, /disabled since/);
      const row = await hub.ctx.store.db
        .selectFrom('role_grants')
        .select('state')
        .where('id', '=', grant ?? '')
        .executeTakeFirstOrThrow();
      assert.equal(row.state, 'pending', 'nothing written: the grant waits to be refused');
      const refused = await keys.call('POST', `/v1/role-grants/${grant}/refuse`, { reason: 'left the force' });
      assert.equal(refused.status, 200, JSON.stringify(refused.body));
    });

    test('nobody is an auditor and an administrator or key officer at once', async () => {
      for (const roles of [
        ['admin', 'auditor'],
        ['auditor', 'key_officer'],
      ]) {
        const r = await make(`mpd.both-${roles.join('-')}`, roles);
        assert.equal(r.status, 400, JSON.stringify(r.body));
        assert.equal(r.body.error.details?.field, 'roles');
        assert.match(r.body.error.message.en, /auditor/);
        assert.match(r.body.error.message.ja, /監査担当/);
      }
      // The installation's operator neither.
      await assert.rejects(
        run(hub.ctx, createUser, SYSTEM_CALLER, {
          organisationId: orgs.mpd,
          login: 'mpd.both-system',
          displayName: 'x',
          roles: ['admin', 'auditor'],
        }),
        (e: unknown) => e instanceof DomainError && e.code === 'VALIDATION_FAILED' && e.details?.field === 'roles',
      );
      const none = await hub.ctx.store.db
        .selectFrom('users')
        .select('login')
        .where('login', 'like', 'mpd.both-%')
        .execute();
      assert.deepEqual(none, [], 'nothing stored');
    });

    test("the demo's auditors stand, countersigned by their organisation's administrator", async () => {
      for (const [login, by] of [
        ['mpd.kansatsu', 'mpd.admin'],
        ['auditor', 'admin'],
      ] as const) {
        const grant = await hub.ctx.store.db
          .selectFrom('role_grants as g')
          .innerJoin('users as u', 'u.id', 'g.user_id')
          .innerJoin('users as c', 'c.id', 'g.countersigned_by')
          .select(['g.state', 'c.login as by'])
          .where('u.login', '=', login)
          .where('g.role', '=', 'auditor')
          .executeTakeFirstOrThrow();
        assert.deepEqual(grant, { state: 'active', by }, login);
        const me = await (await hub.as(login)).call<{ user: { roles: string[] } }>('GET', '/v1/me');
        assert.ok(me.body.user.roles.includes('auditor'), login);
        assert.equal((await (await hub.as(login)).call('GET', '/v1/audit/entries?limit=1')).status, 200, login);
      }
    });
  });
}
