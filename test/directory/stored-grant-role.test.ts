// A grant's one role (`role_grants.role`) is read through the checked readers of src/directory/stored-roles.ts,
// by the policy of a person's stored role list: a code this version does not know (a newer version's role, a
// hand edit) never stops the hub's start (its directory log), the organisation's list of grants or a timeline;
// acting on such a grant (countersigning, refusing it) or asking for its holder's periods fails with words in
// both languages naming whose grant and the value, nothing written; a count takes the safe side (a person
// awaiting such a grant is reset by two people, as one awaiting a privileged role).
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { Schemas } from '#shokai/client';
import { rolePeriodsOf } from '../../src/directory/role-periods.ts';
import { grantedRole, grantedRoleOrUnknown } from '../../src/directory/stored-roles.ts';
import { directoryEntries, keepDirectoryHead } from '../../src/directory/transparency.ts';
import { DomainError } from '../../src/domain/errors.ts';
import { inTransaction } from '../../src/kernel/unit-of-work.ts';
import { testDialects } from '../support/dialects.ts';
import { hubWithHooks } from '../support/exchange.ts';
import type { ApiError } from '../support/replies.ts';

const grant = { grantId: 'grant_x', holder: { kind: 'user', id: 'usr_x', name: 'someone' } } as const;

describe("the reader of a grant's one role", () => {
  test('a known code is read; an unknown one is refused naming whose grant and the value', () => {
    assert.equal(grantedRole('unit_head', grant), 'unit_head');
    assert.throws(
      () => grantedRole('overseer', grant),
      (e: unknown) =>
        e instanceof DomainError &&
        e.code === 'INTERNAL' &&
        /user someone holds a role this version does not know: overseer/.test(e.messages.en) &&
        /利用者 someone への役割の付与に.*overseer/.test(e.messages.ja) &&
        e.details?.value === 'overseer' &&
        e.details.grantId === 'grant_x' &&
        e.details.userId === 'usr_x',
    );
  });

  test('one among many: an unknown code is null, for the caller to take the safe side', () => {
    assert.equal(grantedRoleOrUnknown('admin', grant), 'admin');
    assert.equal(grantedRoleOrUnknown('overseer', grant), null);
  });
});

type Grant = Schemas['RoleGrant'];
const BAD = ['grant_unknown-pending', 'grant_unknown-active'];

for (const dialect of testDialects()) {
  describe(`a grant of a role this version does not know (${dialect})`, () => {
    const {
      hub,
      people: [mpdAdmin, mpdKeys],
      orgs,
    } = hubWithHooks(dialect, ['mpd.admin', 'mpd.keys']);
    const db = () => hub.ctx.store.db;
    const person = (login: string) =>
      db()
        .selectFrom('users')
        .select(['id', 'organisation_id', 'created_at'])
        .where('login', '=', login)
        .executeTakeFirstOrThrow();
    let sato = { id: '', organisation_id: '', created_at: '' };
    let logBefore: unknown;
    let periodsBefore: unknown;

    before(async () => {
      sato = await person('sato');
      const admin = await person('mpd.admin');
      logBefore = await inTransaction(hub.ctx, directoryEntries);
      periodsBefore = await rolePeriodsOf(db(), [sato.id]);
      const row = (id: string, state: string) => ({
        id,
        organisation_id: sato.organisation_id,
        user_id: sato.id,
        role: 'overseer',
        state,
        granted_by: admin.id,
        granted_at: sato.created_at,
        countersigned_by: null,
        decided_at: state === 'pending' ? null : sato.created_at,
        refusal_reason: null,
      });
      await db()
        .insertInto('role_grants')
        .values(BAD.map((id) => row(id, id.endsWith('pending') ? 'pending' : 'active')))
        .execute();
    });

    const refused = (r: { status: number; body: ApiError }, what: string) => {
      assert.equal(r.status, 500, `${what}: ${JSON.stringify(r.body)}`);
      assert.equal(r.body.error.code, 'INTERNAL', what);
      assert.match(r.body.error.message.en, /grant of a role to user sato .*does not know: overseer/, what);
      assert.match(r.body.error.message.ja, /利用者 sato への役割の付与に.*知らない役割.*overseer/, what);
    };

    test('the directory log is unchanged and the hub still signs it (as before it listens)', async () => {
      assert.deepEqual(await inTransaction(hub.ctx, directoryEntries), logBefore);
      await inTransaction(hub.ctx, keepDirectoryHead);
    });

    test("the organisation's grants are listed, without the one whose role cannot be said", async () => {
      const listed = await mpdAdmin.call<{ items: Grant[] } & ApiError>(
        'GET',
        `/v1/organisations/${orgs.mpd}/role-grants`,
      );
      assert.equal(listed.status, 200, JSON.stringify(listed.body));
      assert.ok(listed.body.items.length > 0, 'the other grants are listed');
      assert.ok(!listed.body.items.some((g) => BAD.includes(g.id)), 'left out');
      assert.doesNotMatch(JSON.stringify(listed.body), /overseer/);
    });

    test("a timeline's people keep their other periods", async () => {
      assert.deepEqual(await rolePeriodsOf(db(), [sato.id]), periodsBefore);
    });

    test('countersigning or refusing it is refused in both languages, nothing decided', async () => {
      refused(await mpdKeys.call<ApiError>('POST', `/v1/role-grants/${BAD[0]}/countersign`), 'countersign');
      refused(
        await mpdKeys.call<ApiError>('POST', `/v1/role-grants/${BAD[0]}/refuse`, { reason: 'unknown role' }),
        'refuse',
      );
      const kept = await db()
        .selectFrom('role_grants')
        .select(['state', 'countersigned_by'])
        .where('id', '=', BAD[0] ?? '')
        .executeTakeFirstOrThrow();
      assert.deepEqual(kept, { state: 'pending', countersigned_by: null }, 'nothing decided');
    });

    test("the holder's own periods, asked for, are refused in both languages", async () => {
      refused(await mpdAdmin.call<ApiError>('GET', `/v1/users/${sato.id}/role-periods`), 'their periods');
    });

    test('awaiting a role that may be privileged, a new code for them waits for a second person', async () => {
      const reset = await mpdAdmin.call<{ enrolment: unknown; user: { resetRequest: unknown } } & ApiError>(
        'POST',
        `/v1/users/${sato.id}/enrolment`,
      );
      assert.equal(reset.status, 201, JSON.stringify(reset.body));
      assert.equal(reset.body.enrolment, null, 'no code from one administrator alone');
      assert.ok(reset.body.user.resetRequest, 'the request kept for a second person');
    });

    test('a grant in a state this version does not know is left out of the list, the rest served', async () => {
      const admin = await person('mpd.admin');
      await db()
        .insertInto('role_grants')
        .values({
          id: 'grant_unknown-state',
          organisation_id: sato.organisation_id,
          user_id: sato.id,
          role: 'unit_head',
          state: 'suspended',
          granted_by: admin.id,
          granted_at: sato.created_at,
          countersigned_by: null,
          decided_at: null,
          refusal_reason: null,
        })
        .execute();
      try {
        const listed = await mpdAdmin.call<{ items: Grant[] } & ApiError>(
          'GET',
          `/v1/organisations/${orgs.mpd}/role-grants`,
        );
        assert.equal(listed.status, 200, JSON.stringify(listed.body));
        assert.ok(listed.body.items.length > 0, 'the other grants are listed');
        assert.ok(!listed.body.items.some((g) => g.id === 'grant_unknown-state'), 'left out');
      } finally {
        await db().deleteFrom('role_grants').where('id', '=', 'grant_unknown-state').execute();
      }
    });

    test('corrected, the periods are served again', async () => {
      await db().deleteFrom('role_grants').where('id', 'in', BAD).execute();
      assert.equal((await mpdAdmin.call('GET', `/v1/users/${sato.id}/role-periods`)).status, 200);
    });
  });
}
