// An administrator cannot have the hub make a key its owner holds (POST /v1/keys, `shokai key rotate`): a
// person who registered a passkey gets no hub-held signing key again (it would sign approvals as them
// without their device), nor an encryption key; a unit or provider whose answers went into device
// custody gets no hub-held answer key (the hub could open what is meant for the members' devices).
// What the trust model leaves with the hub (a unit's signing key) is still made.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type HubKeyAsk, hubKeyRefusal } from '../../src/domain/hub-keys.ts';
import { testDialects } from '../support/dialects.ts';
import { hubWithHooks } from '../support/exchange.ts';
import type { ApiError, Me } from '../support/replies.ts';

test('the hub makes only the keys the trust model leaves with it', () => {
  const ask = (over: Partial<HubKeyAsk>): ReturnType<typeof hubKeyRefusal> =>
    hubKeyRefusal({
      ownerType: 'unit',
      purpose: 'signing',
      organisationKind: 'agency',
      ownCredential: false,
      deviceCustody: false,
      ...over,
    });
  assert.equal(ask({}), null, "a unit's signing key (the unit's countersignature) stays with the hub");
  assert.equal(ask({ ownerType: 'user' }), null, 'a person who never registered a passkey: the transition key');
  assert.equal(ask({ ownerType: 'user', ownCredential: true }), 'own_credential');
  assert.equal(ask({ ownerType: 'user', purpose: 'encryption' }), 'person_encryption');
  assert.equal(ask({ purpose: 'encryption' }), null, 'a unit not yet moved to device custody');
  assert.equal(ask({ purpose: 'encryption', deviceCustody: true }), 'device_custody');
  assert.equal(
    ask({ ownerType: 'organisation', organisationKind: 'provider', purpose: 'encryption', deviceCustody: true }),
    'device_custody',
  );
  assert.equal(ask({ ownerType: 'organisation', organisationKind: 'provider' }), 'provider_signing');
  assert.equal(ask({ ownerType: 'organisation', organisationKind: 'court' }), 'court_signing');
  assert.equal(ask({ ownerType: 'organisation', organisationKind: 'agency' }), null);
});

for (const dialect of testDialects()) {
  describe(`keys the hub will not make on an administrator's word (${dialect})`, () => {
    const {
      hub,
      people: [admin, tanaka, sato, courtAdmin, judge],
    } = hubWithHooks(dialect, ['mpd.admin', 'tanaka', 'sato', 'court.admin', 'judge']);

    const userId = async (c: typeof tanaka) => (await c.call<Me>('GET', '/v1/me')).body.user.id;
    /** `by` asks the hub to make a key of `purpose` for the user or unit `ownerId` (a hub-held key). */
    const makeKey = (
      by: typeof admin,
      ownerType: 'user' | 'unit',
      ownerId: string,
      purpose: 'signing' | 'encryption',
    ) => by.call<ApiError>('POST', '/v1/keys', { ownerType, ownerId, purpose });
    const keysOf = (ownerId: string) =>
      hub.ctx.store.db.selectFrom('keys').selectAll().where('owner_id', '=', ownerId).execute();

    test("a unit head's passkey is not replaced by a key the hub holds, nor once it is revoked", async () => {
      const id = await userId(tanaka);
      const before = await keysOf(id);
      assert.ok(
        before.some((k) => k.credential_id && k.valid_to === null),
        'tanaka approves with his passkey',
      );
      const made = await makeKey(admin, 'user', id, 'signing');
      assert.equal(made.status, 400, JSON.stringify(made.body));
      assert.equal(made.body.error.details?.field, 'ownerId');
      assert.match(made.body.error.message.ja, /パスキー/);
      assert.match(made.body.error.message.en, /registered a credential of their own/);
      assert.deepEqual(await keysOf(id), before, 'nothing ended, nothing made');
      // Nor after his passkey was revoked (a lost device): he registers a new one himself.
      const passkey = before.find((k) => k.credential_id && k.valid_to === null);
      const revoked = await admin.call('POST', `/v1/keys/${passkey?.id}/revoke`, { reason: 'superseded' });
      assert.equal(revoked.status, 200, JSON.stringify(revoked.body));
      const again = await makeKey(admin, 'user', id, 'signing');
      assert.equal(again.status, 400, JSON.stringify(again.body));
      assert.equal(
        (await keysOf(id)).some((k) => k.private_key_wrapped !== null),
        false,
        'the hub holds no private part for him',
      );
      const encryption = await makeKey(admin, 'user', await userId(sato), 'encryption');
      assert.equal(encryption.status, 400, JSON.stringify(encryption.body));
      assert.equal(encryption.body.error.details?.field, 'purpose');
    });

    test("a judge's passkey is not ended by the court's administrator", async () => {
      const id = await userId(judge);
      const before = await keysOf(id);
      const made = await makeKey(courtAdmin, 'user', id, 'signing');
      assert.equal(made.status, 400, JSON.stringify(made.body));
      assert.deepEqual(await keysOf(id), before);
    });

    const custodyTitle =
      "a unit in device custody gets no hub-held answer key; its signing key is still the hub's to make";
    test(custodyTitle, async () => {
      const unitId = (await tanaka.call<Me>('GET', '/v1/me')).body.user.unitId ?? assert.fail('unit');
      const custody = await tanaka.call<{ custodyKey: { id: string } | null }>('GET', '/v1/custody');
      assert.ok(custody.body.custodyKey, 'the unit keeps its answer key on its members’ devices');
      const made = await makeKey(admin, 'unit', unitId, 'encryption');
      assert.equal(made.status, 400, JSON.stringify(made.body));
      assert.equal(made.body.error.details?.field, 'purpose');
      assert.match(made.body.error.message.en, /held on the members' devices/);
      const still = await tanaka.call<{ custodyKey: { id: string } | null }>('GET', '/v1/custody');
      assert.equal(still.body.custodyKey?.id, custody.body.custodyKey?.id, 'answers are still sealed to the devices');
      const signing = await admin.call('POST', '/v1/keys', { ownerType: 'unit', ownerId: unitId, purpose: 'signing' });
      assert.equal(signing.status, 201, JSON.stringify(signing.body));
    });
  });
}
