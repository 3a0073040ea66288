// One person is never an auditor and an administrator or key officer (they would audit their own
// administration): making a person checks the roles asked together, and granting a role to a person who
// exists checked only the roles they held. Grants of both roles are privileged, so each waited, pending,
// for a second person — and a pending grant was no role held: an administrator granted a person `admin`
// and then `auditor`, both were accepted, and once both were countersigned the person held both. Now a
// grant is refused against the roles held and awaited, and a countersignature against the roles held.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { insertRoleGrant } from '../../src/directory/directory.repository.ts';
import { testDialects } from '../support/dialects.ts';
import { hubWithHooks } from '../support/exchange.ts';
import type { ApiError } from '../support/replies.ts';

type Grant = { id: string; role: string; state: string };

for (const dialect of testDialects()) {
  describe(`an auditor's role and an administering one never meet in one person (${dialect})`, () => {
    const {
      hub,
      people: [admin, keys],
    } = hubWithHooks(dialect, ['mpd.admin', 'mpd.keys']);
    const user = async (login: string) =>
      hub.ctx.store.db.selectFrom('users').selectAll().where('login', '=', login).executeTakeFirstOrThrow();
    const grant = async (login: string, role: string) =>
      admin.call<Grant & ApiError>('POST', `/v1/users/${(await user(login)).id}/grant-role`, { role });
    const countersign = (id: string) => keys.call<Grant & ApiError>('POST', `/v1/role-grants/${id}/countersign`);

    test('a grant awaiting its countersignature counts: the second role is refused', async () => {
      const first = await grant('sato', 'admin');
      assert.equal(first.status, 200, JSON.stringify(first.body));
      assert.equal(first.body.state, 'pending');
      const second = await grant('sato', 'auditor');
      assert.equal(second.status, 400, JSON.stringify(second.body));
      assert.equal(second.body.error.code, 'VALIDATION_FAILED');
      assert.match(second.body.error.message.ja, /監査担当は/);
      assert.match(second.body.error.message.en, /cannot be an auditor and an administrator or key officer/);
      assert.equal((await countersign(first.body.id)).status, 200);
      assert.deepEqual(JSON.parse((await user('sato')).roles).sort(), ['admin', 'investigator']);
    });

    test('a countersignature is refused when the person holds the other role by then', async () => {
      // A pending grant made before grants were checked against pending ones (a store's older rows).
      const tanaka = await user('tanaka');
      const at = hub.ctx.clock().toISOString();
      const pending = (id: string, role: string) =>
        insertRoleGrant(hub.ctx.store.db, {
          id,
          organisation_id: tanaka.organisation_id,
          user_id: tanaka.id,
          role,
          state: 'pending',
          granted_by: null,
          granted_at: at,
          countersigned_by: null,
          decided_at: null,
          refusal_reason: null,
        });
      await pending('grant_old_key_officer', 'key_officer');
      await pending('grant_old_auditor', 'auditor');
      assert.equal((await countersign('grant_old_key_officer')).status, 200);
      const refused = await countersign('grant_old_auditor');
      assert.equal(refused.status, 409, JSON.stringify(refused.body));
      assert.match(refused.body.error.message.en, /cannot be an auditor and .*refuse it/);
      assert.match(refused.body.error.message.ja, /監査担当/);
      const roles = JSON.parse((await user('tanaka')).roles) as string[];
      assert.ok(!roles.includes('auditor'), `tanaka holds ${roles.join(', ')}`);
      const row = await hub.ctx.store.db
        .selectFrom('role_grants')
        .select('state')
        .where('id', '=', 'grant_old_auditor')
        .executeTakeFirstOrThrow();
      assert.equal(row.state, 'pending', 'left for the second person to refuse');
    });
  });
}
