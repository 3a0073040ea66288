// A person enrols themselves, on SQLite and PostgreSQL: the administrator who makes an account receives a
// one-time enrolment code, never a password or a TOTP secret, so nothing the administrator saw signs in
// to an enrolled account. With the code the person chooses their password and receives their TOTP secret
// (POST /v1/enrolment); the code works once, lapses after seven days, and a new one (a reset) ends what the
// person held. Every step is audited: who issued a code, who enrolled, each refused try.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { useTotpStep } from '../../src/directory/directory.repository.ts';
import { disableUser } from '../../src/directory/users.ts';
import { SYSTEM_CALLER } from '../../src/domain/access.ts';
import { run } from '../../src/kernel/unit-of-work.ts';
import { auditEntries } from '../support/audit.ts';
import { testDialects } from '../support/dialects.ts';
import { call, hubWithHooks, nextTotp, signInMade } from '../support/exchange.ts';
import type { ApiError } from '../support/replies.ts';

interface Made {
  user: { id: string; login: string; enrolmentExpiresAt: string | null };
  enrolment: { code: string; expiresAt: string };
}
interface Enrolled {
  user: { login: string; enrolmentExpiresAt: string | null };
  totpSecret: string;
  otpauthUri: string;
}

const PASSWORD = 'my own passphrase 2026';
const DAY = 24 * 3600_000;

for (const dialect of testDialects()) {
  describe(`a person enrols with a one-time code; the administrator never holds their credentials (${dialect})`, () => {
    let shift = 0;
    const {
      hub,
      people: [admin, boardAdmin],
      orgs,
    } = hubWithHooks(dialect, ['mpd.admin', 'board.admin'], { clock: () => new Date(Date.now() + shift) });
    const entries = (action: string, subjectId: string | null) => auditEntries(hub.ctx.store.db, action, subjectId);
    const make = async (login: string) => {
      const r = await admin.call<Made>('POST', '/v1/users', {
        organisationId: orgs.mpd,
        login,
        displayName: login,
        roles: ['investigator'],
      });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      return r.body;
    };
    const enrol = (body: Record<string, unknown>) => call<Enrolled & ApiError>(hub.url, 'POST', '/v1/enrolment', body);
    const signIn = async (login: string, password: string, secret: string) =>
      call<ApiError>(hub.url, 'POST', '/v1/auth/login', {
        login,
        password,
        totp: await nextTotp(secret, () => hub.ctx.clock().getTime()),
      });

    test('the administrator gets a code, no password nor TOTP secret; the person enrols and signs in', async () => {
      const refusedPassword = await admin.call<ApiError>('POST', '/v1/users', {
        organisationId: orgs.mpd,
        login: `chosen-${dialect}`,
        displayName: 'x',
        roles: ['investigator'],
        password: 'set by the administrator',
      });
      assert.equal(refusedPassword.status, 400, 'an administrator cannot choose a person’s password');

      const login = `kato-${dialect}`;
      const made = await make(login);
      assert.deepEqual(Object.keys(made).sort(), ['enrolment', 'grants', 'user']);
      assert.match(made.enrolment.code, /^([A-Z2-7]{4}-){4}[A-Z2-7]{4}$/);
      const issuedAt = hub.ctx.clock().getTime();
      const lapses = Date.parse(made.enrolment.expiresAt) - issuedAt;
      assert.ok(lapses > 7 * DAY - 60_000 && lapses <= 7 * DAY, `seven days: ${made.enrolment.expiresAt}`);
      assert.equal(made.user.enrolmentExpiresAt, made.enrolment.expiresAt);
      const row = await hub.ctx.store.db
        .selectFrom('users')
        .select(['password_hash', 'totp_secret_wrapped', 'enrolment_code_hash'])
        .where('id', '=', made.user.id)
        .executeTakeFirstOrThrow();
      assert.equal(row.totp_secret_wrapped, null, 'no TOTP secret exists before the person enrols');
      assert.ok(row.enrolment_code_hash && !row.enrolment_code_hash.includes(made.enrolment.code.replace(/-/g, '')));

      // Before the enrolment nothing signs in, not even the code as a password.
      const early = await call<ApiError>(hub.url, 'POST', '/v1/auth/login', {
        login,
        password: made.enrolment.code,
        totp: '123456',
      });
      assert.equal(early.status, 401);
      const dummy = await call<ApiError>(hub.url, 'POST', '/v1/auth/login', {
        login,
        password: 'shokai-dummy-password-for-timing',
        totp: '123456',
      });
      assert.equal(dummy.status, 401, 'no password opens an account awaiting its enrolment');

      // A short password is refused naming it; the code is not spent by it.
      const short = await enrol({ login, code: made.enrolment.code, password: 'short' });
      assert.equal(short.status, 400, JSON.stringify(short.body));
      assert.equal(short.body.error.details?.field, 'password');
      const badForm = await enrol({ login, code: 'not a code', password: PASSWORD });
      assert.equal(badForm.status, 400);
      assert.equal(badForm.body.error.details?.field, 'code');
      assert.match(badForm.body.error.message.ja, /登録コード/);

      // Another person's code, or a wrong one, is refused as a wrong login would be, and recorded.
      const other = await make(`other-${dialect}`);
      const crossed = await enrol({ login, code: other.enrolment.code, password: PASSWORD });
      assert.equal(crossed.status, 401);
      const unknown = await enrol({ login: `nobody-${dialect}`, code: made.enrolment.code, password: PASSWORD });
      assert.equal(unknown.status, 401);
      assert.deepEqual(crossed.body.error.message, unknown.body.error.message, 'one answer whatever was wrong');
      assert.deepEqual(
        (await entries('user.enrolment_failed', made.user.id)).map((e) => e.details.reason),
        ['code'],
      );
      const byNobody = await entries('user.enrolment_failed', null);
      assert.deepEqual(
        byNobody.map((e) => [e.actorId, e.details.reason]),
        [[null, 'unknown_login']],
      );

      // The code typed in lower case with spaces instead of hyphens is the code.
      const typed = made.enrolment.code.toLowerCase().replace(/-/g, ' ');
      const done = await enrol({ login, code: typed, password: PASSWORD });
      assert.equal(done.status, 200, JSON.stringify(done.body));
      assert.match(done.body.totpSecret, /^[A-Z2-7]{32}$/);
      assert.ok(done.body.otpauthUri.startsWith(`otpauth://totp/shokai:${login}?secret=${done.body.totpSecret}`));
      assert.equal(done.body.user.enrolmentExpiresAt, null);
      const [enrolled] = await entries('user.enrolled', made.user.id);
      assert.equal(enrolled?.actorId, made.user.id, 'the person enrolled themselves');

      // The code works once.
      const again = await enrol({ login, code: made.enrolment.code, password: 'someone else 2026' });
      assert.equal(again.status, 401);
      assert.deepEqual(
        (await entries('user.enrolment_failed', made.user.id)).map((e) => e.details.reason),
        ['code', 'no_code'],
      );
      assert.equal(enrolled?.details.client, '127.0.0.1', 'where the enrolment came from');

      const person = await signInMade(hub, login, PASSWORD, done.body.totpSecret);
      assert.equal((await person.call<{ user: { id: string } }>('GET', '/v1/me')).body.user.id, made.user.id);
      const listed = await admin.call<{ items: Made['user'][] }>('GET', '/v1/users');
      assert.equal(listed.body.items.find((u) => u.login === login)?.enrolmentExpiresAt, null);
    });

    test('a new code resets an enrolled person: what they held stops working, their sessions end', async () => {
      const login = `reset-${dialect}`;
      const made = await make(login);
      const first = await enrol({ login, code: made.enrolment.code, password: PASSWORD });
      assert.equal(first.status, 200);
      const person = await signInMade(hub, login, PASSWORD, first.body.totpSecret);

      // Only the person's own organisation issues one: to another, the person is not found (as a missing one).
      const foreign = await boardAdmin.call<ApiError>('POST', `/v1/users/${made.user.id}/enrolment`);
      assert.equal(foreign.status, 404, JSON.stringify(foreign.body));
      assert.equal(foreign.body.error.code, 'NOT_FOUND');
      assert.equal(foreign.body.error.details?.organisationId, undefined);

      const reissued = await admin.call<Made>('POST', `/v1/users/${made.user.id}/enrolment`);
      assert.equal(reissued.status, 201, JSON.stringify(reissued.body));
      assert.notEqual(reissued.body.enrolment.code, made.enrolment.code);
      assert.equal((await person.call('GET', '/v1/me')).status, 401, 'the session ended');
      assert.equal((await signIn(login, PASSWORD, first.body.totpSecret)).status, 401, 'the old password is gone');
      assert.deepEqual(
        (await entries('user.enrolment_issued', made.user.id)).map((e) => e.details.reset),
        [true],
      );
      const second = await enrol({ login, code: reissued.body.enrolment.code, password: 'a second passphrase' });
      assert.equal(second.status, 200, JSON.stringify(second.body));
      assert.notEqual(second.body.totpSecret, first.body.totpSecret, 'a new TOTP secret');
      assert.equal((await signIn(login, 'a second passphrase', second.body.totpSecret)).status, 200);
    });

    test('a code lapses after seven days, said as such; a disabled person gets none', async () => {
      const login = `late-${dialect}`;
      const made = await make(login);
      shift = 7 * DAY + 60_000;
      try {
        const late = await enrol({ login, code: made.enrolment.code, password: PASSWORD });
        assert.equal(late.status, 401, JSON.stringify(late.body));
        assert.equal(late.body.error.details?.field, 'code');
        assert.match(late.body.error.message.ja, /期限.*\+09:00.*過ぎています/);
        assert.match(late.body.error.message.en, /lapsed at .*\+09:00/);
        assert.deepEqual(
          (await entries('user.enrolment_failed', made.user.id)).map((e) => e.details.reason),
          ['expired'],
        );
      } finally {
        shift = 0;
      }
      const off = await admin.call('POST', `/v1/users/${made.user.id}/disable`);
      assert.equal(off.status, 200);
      const none = await admin.call<ApiError>('POST', `/v1/users/${made.user.id}/enrolment`);
      assert.equal(none.status, 409, JSON.stringify(none.body));
      assert.match(none.body.error.message.ja, /無効/);
      const stillRefused = await enrol({ login, code: made.enrolment.code, password: PASSWORD });
      assert.equal(stillRefused.status, 401);
    });
    test('two uses of one code at once: exactly one enrols', async () => {
      const login = `twice-${dialect}`;
      const made = await make(login);
      const both = await Promise.all([
        enrol({ login, code: made.enrolment.code, password: 'first passphrase 2026' }),
        enrol({ login, code: made.enrolment.code, password: 'second passphrase 2026' }),
      ]);
      assert.deepEqual(both.map((r) => r.status).sort(), [200, 401], JSON.stringify(both.map((r) => r.body)));
      const winner = both.find((r) => r.status === 200);
      const password = winner === both[0] ? 'first passphrase 2026' : 'second passphrase 2026';
      assert.equal((await signIn(login, password, winner?.body.totpSecret ?? '')).status, 200);
    });

    test('a reset waits for the TOTP step check: a sign-in checked before it opens no session', async () => {
      const login = `raced-${dialect}`;
      const made = await make(login);
      const done = await enrol({ login, code: made.enrolment.code, password: PASSWORD });
      assert.equal(done.status, 200);
      const before = await hub.ctx.store.db
        .selectFrom('users')
        .select('password_hash')
        .where('id', '=', made.user.id)
        .executeTakeFirstOrThrow();
      assert.equal((await admin.call('POST', `/v1/users/${made.user.id}/enrolment`)).status, 201);
      // What a sign-in that checked the password just before the reset then tries in its transaction.
      const step = Math.floor(hub.ctx.clock().getTime() / 30_000) + 5;
      assert.equal(await useTotpStep(hub.ctx.store.db, made.user.id, step, before.password_hash), false);
    });

    test('one administrator alone cannot reset a privileged person; a second person completes it', async () => {
      const keys = await hub.as('mpd.keys');
      const keysId = (await keys.call<{ user: { id: string } }>('GET', '/v1/me')).body.user.id;
      const adminId = (await admin.call<{ user: { id: string } }>('GET', '/v1/me')).body.user.id;
      // The key officer: asked for by the administrator, the reset waits; asking again changes nothing.
      for (let i = 0; i < 2; i++) {
        const asked = await admin.call<Made & { user: { resetRequest: { by: string } | null } }>(
          'POST',
          `/v1/users/${keysId}/enrolment`,
        );
        assert.equal(asked.status, 201, JSON.stringify(asked.body));
        assert.equal(asked.body.enrolment, null, 'no code for one person alone');
        assert.equal(asked.body.user.resetRequest?.by, adminId);
      }
      assert.equal((await keys.call('GET', '/v1/me')).status, 200, 'the key officer still holds his account');
      const own = await keys.call<ApiError>('POST', `/v1/users/${keysId}/enrolment`);
      assert.equal(own.status, 403, JSON.stringify(own.body));
      assert.equal(own.body.error.code, 'SELF_APPROVAL');
      const listed = await admin.call<{ items: Array<{ id: string; resetRequest: { by: string } | null }> }>(
        'GET',
        '/v1/users',
      );
      assert.equal(listed.body.items.find((u) => u.id === keysId)?.resetRequest?.by, adminId);

      // A unit head: asked for by the administrator, completed by the key officer, who receives the code.
      const tanaka = await hub.as('tanaka');
      const tanakaId = (await tanaka.call<{ user: { id: string } }>('GET', '/v1/me')).body.user.id;
      const asked = await admin.call<Made>('POST', `/v1/users/${tanakaId}/enrolment`);
      assert.equal(asked.body.enrolment, null);
      assert.equal((await tanaka.call('GET', '/v1/me')).status, 200, 'nothing ended on a request alone');
      const completed = await keys.call<Made>('POST', `/v1/users/${tanakaId}/enrolment`);
      assert.equal(completed.status, 201, JSON.stringify(completed.body));
      assert.match(completed.body.enrolment?.code ?? '', /^([A-Z2-7]{4}-){4}[A-Z2-7]{4}$/);
      assert.equal((await tanaka.call('GET', '/v1/me')).status, 401, 'the reset ended his session');
      assert.deepEqual(
        (await entries('user.enrolment_reset_requested', tanakaId)).map((e) => e.actorId),
        [adminId],
      );
      assert.deepEqual(
        (await entries('user.enrolment_issued', tanakaId)).map((e) => [e.actorId, e.details]),
        [[keysId, { login: 'tanaka', reset: true, requestedBy: adminId }]],
      );

      // Not enrolled again yet, he still holds the role: a new code takes two people as well (else the one
      // administrator could renew it and enrol in his place; the key officer's code would simply stop working).
      const renewed = await admin.call<Made>('POST', `/v1/users/${tanakaId}/enrolment`);
      assert.equal(renewed.status, 201);
      assert.equal(renewed.body.enrolment, null, 'a code outstanding is no way round the second person');
      const withCode = completed.body.enrolment?.code ?? '';
      assert.equal((await enrol({ login: 'tanaka', code: withCode, password: 'no one but tanaka' })).status, 200);

      // A role granted and still awaiting its countersignature counts too: its holder-to-be is not reset alone.
      const head = await admin.call<Made>('POST', '/v1/users', {
        organisationId: orgs.mpd,
        unitId: null,
        login: `head-to-be-${dialect}`,
        displayName: '所属長予定',
        roles: ['investigator', 'admin'],
      });
      assert.equal(head.status, 201, JSON.stringify(head.body));
      const headLogin = `head-to-be-${dialect}`;
      assert.equal((await enrol({ login: headLogin, code: head.body.enrolment.code, password: PASSWORD })).status, 200);
      const alone = await admin.call<Made>('POST', `/v1/users/${head.body.user.id}/enrolment`);
      assert.equal(alone.body.enrolment, null, 'a pending privileged grant makes it two people');

      // A request nobody completed lapses after a day: not listed, and no longer completed by a second call.
      const stale = await admin.call<Made>('POST', `/v1/users/${tanakaId}/enrolment`);
      assert.equal(stale.body.enrolment, null);
      shift = 25 * 3600_000;
      try {
        const later = await hub.as('mpd.admin');
        const list = await later.call<{ items: Array<{ id: string; resetRequest: unknown }> }>('GET', '/v1/users');
        assert.equal(list.body.items.find((u) => u.id === keysId)?.resetRequest, null);
        const laterKeys = await hub.as('mpd.keys');
        const fresh = await laterKeys.call<Made & { user: { resetRequest: { by: string } | null } }>(
          'POST',
          `/v1/users/${tanakaId}/enrolment`,
        );
        assert.equal(fresh.status, 403, 'the key officer does not make people: he cannot ask, only complete');
      } finally {
        shift = 0;
      }

      // A request of someone disabled since stands for nothing: the key officer completes no one's request.
      const again = await admin.call<Made>('POST', `/v1/users/${tanakaId}/enrolment`);
      assert.equal(again.body.enrolment, null);
      await run(hub.ctx, disableUser, SYSTEM_CALLER, adminId);
      const orphan = await keys.call<ApiError>('POST', `/v1/users/${tanakaId}/enrolment`);
      assert.equal(orphan.status, 403, JSON.stringify(orphan.body));
    });
  });
}
