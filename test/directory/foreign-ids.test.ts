// Security review (low): an administrator who names a person, unit or key of another organisation by its
// id was refused with FORBIDDEN and that organisation's id, while a made-up id was NOT_FOUND: the answer
// told which ids exist and whose they are. Now another organisation's object is not found, in exactly the
// words, code and details of a missing one. An organisation named by its own id stays FORBIDDEN: the
// directory lists organisations, so nothing is told.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createUser } from '../../src/directory/users.ts';
import { SYSTEM_CALLER } from '../../src/domain/access.ts';
import { run } from '../../src/kernel/unit-of-work.ts';
import { testDialects } from '../support/dialects.ts';
import { hubWithHooks, type Reply } from '../support/exchange.ts';
import type { ApiError } from '../support/replies.ts';

/** The id a reply names, in its words and details, made neutral: what is left must be the same. */
const withoutId = (r: Reply<ApiError>, id: string) => ({
  status: r.status,
  body: JSON.parse(JSON.stringify(r.body).replaceAll(id, '<id>')) as unknown,
});

/** `foreign` answers exactly as `missing` does: NOT_FOUND, same words and details, its owner not named. */
function sameAsMissing(
  foreign: Reply<ApiError>,
  foreignId: string,
  missing: Reply<ApiError>,
  missingId: string,
  owner: string,
) {
  assert.equal(foreign.status, 404, JSON.stringify(foreign.body));
  assert.equal(foreign.body.error.code, 'NOT_FOUND');
  assert.equal(foreign.body.error.details?.organisationId, undefined, 'the owner is not named');
  assert.ok(!JSON.stringify(foreign.body).includes(owner), JSON.stringify(foreign.body));
  assert.deepEqual(withoutId(foreign, foreignId), withoutId(missing, missingId));
}

for (const dialect of testDialects()) {
  describe(`another organisation's people, units and keys answer as missing ones (${dialect})`, () => {
    const {
      hub,
      people: [admin],
      orgs,
    } = hubWithHooks(dialect, ['mpd.admin']);
    const db = () => hub.ctx.store.db;
    const osakaUser = async () =>
      (await db().selectFrom('users').select('id').where('login', '=', 'osaka').executeTakeFirstOrThrow()).id;
    const osakaUnit = async () =>
      (await db().selectFrom('units').select('id').where('organisation_id', '=', orgs.osaka).executeTakeFirstOrThrow())
        .id;

    test('disabling or re-issuing the code of a person of another organisation: not found', async () => {
      const foreignId = await osakaUser();
      const missingId = 'usr_made_up_0000000000';
      for (const path of ['disable', 'enrolment']) {
        const foreign = await admin.call<ApiError>('POST', `/v1/users/${foreignId}/${path}`);
        const missing = await admin.call<ApiError>('POST', `/v1/users/${missingId}/${path}`);
        sameAsMissing(foreign, foreignId, missing, missingId, orgs.osaka);
        assert.equal(foreign.body.error.details?.field, 'userId');
      }
      const row = await db().selectFrom('users').select('disabled').where('id', '=', foreignId).executeTakeFirst();
      assert.equal(row?.disabled, 0, 'nothing was done to them');
    });

    test("a person made into another organisation's unit: the unit is not found", async () => {
      const foreignId = await osakaUnit();
      const missingId = 'unit_made_up_0000000000';
      const make = (unitId: string) =>
        admin.call<ApiError>('POST', '/v1/users', {
          organisationId: orgs.mpd,
          unitId,
          login: `placed-${dialect}`,
          displayName: 'x',
          roles: ['investigator'],
        });
      sameAsMissing(await make(foreignId), foreignId, await make(missingId), missingId, orgs.osaka);
      // The installation's operator sees every organisation: they are told why, as before.
      await assert.rejects(
        run(hub.ctx, createUser, SYSTEM_CALLER, {
          organisationId: orgs.mpd,
          unitId: foreignId,
          login: `operator-placed-${dialect}`,
          displayName: 'x',
          roles: ['investigator'],
        }),
        (e: unknown) => e instanceof Error && 'code' in e && e.code === 'VALIDATION_FAILED',
      );
    });

    test("revoking another organisation's key, or making one for its unit or person: not found", async () => {
      const key = await db()
        .selectFrom('keys')
        .select('id')
        .where('organisation_id', '=', orgs.osaka)
        .where('revoked_at', 'is', null)
        .executeTakeFirstOrThrow();
      const missingKey = 'key_made_up_0000000000';
      const revoke = (id: string) => admin.call<ApiError>('POST', `/v1/keys/${id}/revoke`, { reason: 'superseded' });
      sameAsMissing(await revoke(key.id), key.id, await revoke(missingKey), missingKey, orgs.osaka);
      const still = await db().selectFrom('keys').select('revoked_at').where('id', '=', key.id).executeTakeFirst();
      assert.equal(still?.revoked_at, null, 'the key was not revoked');

      const rotate = (ownerType: string, ownerId: string) =>
        admin.call<ApiError>('POST', '/v1/keys', { ownerType, ownerId, purpose: 'signing' });
      const unit = await osakaUnit();
      const missingUnit = 'unit_made_up_0000000000';
      sameAsMissing(await rotate('unit', unit), unit, await rotate('unit', missingUnit), missingUnit, orgs.osaka);
      const user = await osakaUser();
      const missingUser = 'usr_made_up_0000000000';
      sameAsMissing(await rotate('user', user), user, await rotate('user', missingUser), missingUser, orgs.osaka);
      assert.equal((await rotate('unit', unit)).body.error.details?.field, 'ownerId');

      // An organisation is public (the directory lists it): naming another one is refused as such.
      const org = await rotate('organisation', orgs.osaka);
      assert.equal(org.status, 403, JSON.stringify(org.body));
      assert.equal(org.body.error.code, 'FORBIDDEN');
    });
  });
}
