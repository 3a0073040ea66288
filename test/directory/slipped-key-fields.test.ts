// A hub operator with database access slips key rows in whose fields disagree: a key of the unit head filed
// under no organisation, a key of the unit said to be the system's. At the hub's next signing they are in
// the log. The watch of the agency (`shokai directory watch`'s pinnedOwnKeys) must see both as the
// agency's, flagged, never taken as known on first use; and a request forged with them must not verify
// offline at a provider's installation as approved by the unit head — the one owner rule (owner type and
// organisation, not the owner id alone) holds offline as online.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { unwrapKey } from '../../src/crypto/key-wrap.ts';
import { generateSigningKeyPair, keyFingerprint } from '../../src/crypto/keys.ts';
import { SIGNATURE_PURPOSES, signCanonical } from '../../src/crypto/signatures.ts';
import { knownKeysOf, unknownKeys } from '../../src/directory/key-watch.ts';
import { exportDirectory } from '../../src/directory/transparency.ts';
import { SYSTEM_CALLER } from '../../src/domain/access.ts';
import { type SignedEnvelope, SignedEnvelopeSchema } from '../../src/domain/envelope.ts';
import { signingKeyOf } from '../../src/domain/key-trust.ts';
import { checkExtends, verifyEnvelopeOffline } from '../../src/domain/pinned-directory.ts';
import { pinnedKeyLine, pinnedOwnKeys } from '../../src/domain/pinned-own-keys.ts';
import { keyWrapAad } from '../../src/kernel/context.ts';
import { run } from '../../src/kernel/unit-of-work.ts';
import { testDialects } from '../support/dialects.ts';
import { DEMO_ORGS, orgId, startHub, type TestHub } from '../support/exchange.ts';

for (const dialect of testDialects()) {
  describe(`keys slipped in with fields that disagree (${dialect})`, () => {
    let hub: TestHub;
    let now = Date.parse('2026-12-03T05:00:00Z');
    before(async () => {
      hub = await startHub(dialect, { clock: () => new Date(now) });
    });
    after(async () => hub.close());

    const slipIn = async (id: string, ownerType: string, ownerId: string, publicKey: string) => {
      const at = new Date(now).toISOString();
      await hub.ctx.store.db
        .insertInto('keys')
        .values({
          id,
          organisation_id: null,
          owner_type: ownerType,
          owner_id: ownerId,
          purpose: 'signing',
          algorithm: 'Ed25519',
          public_key: publicKey,
          private_key_wrapped: null,
          fingerprint: keyFingerprint(publicKey),
          valid_from: at,
          valid_to: null,
          revoked_at: null,
          revocation_reason: null,
          created_at: at,
          credential_id: null,
          rp_id: null,
        })
        .execute();
    };

    test('the watch flags them; a request they sign does not verify offline', async () => {
      const mpd = await orgId(hub, DEMO_ORGS.mpd);
      const before = await run(hub.ctx, exportDirectory, SYSTEM_CALLER);
      const known = knownKeysOf(mpd, pinnedOwnKeys(before, mpd), 'first use');
      const row = await hub.ctx.store.db
        .selectFrom('requests')
        .select(['envelope'])
        .where('agency_organisation_id', '=', mpd)
        .where('envelope', 'is not', null)
        .executeTakeFirstOrThrow();
      const env: SignedEnvelope = SignedEnvelopeSchema.parse(JSON.parse(String(row.envelope)));
      const head = generateSigningKeyPair();
      const unit = generateSigningKeyPair();
      now += 60_000;
      await slipIn('key_slipped_head', 'user', env.payload.approverUserId, head.publicKey);
      await slipIn('key_slipped_unit', 'system', env.payload.unitId, unit.publicKey);
      now += 60_000;
      const after = await run(hub.ctx, exportDirectory, SYSTEM_CALLER);
      assert.equal(checkExtends(before, after), null, 'the log only grew: the pin takes it');

      // The watch: both are the agency's keys (owned by its head, by its unit), flagged, and unknown.
      const keys = pinnedOwnKeys(after, mpd);
      const flagged = keys.filter((k) => k.disagrees !== null).map((k) => k.id);
      assert.deepEqual(flagged.sort(), ['key_slipped_head', 'key_slipped_unit']);
      assert.deepEqual(
        unknownKeys(keys, known)
          .map((k) => k.id)
          .sort(),
        ['key_slipped_head', 'key_slipped_unit'],
      );
      const slippedUnit = keys.find((k) => k.id === 'key_slipped_unit') ?? assert.fail();
      assert.match(pinnedKeyLine(slippedUnit, 'en', 'Asia/Tokyo'), /of the unit ".+".*disagrees.*"system".*no org/);
      assert.match(pinnedKeyLine(slippedUnit, 'ja', 'Asia/Tokyo'), /記録が食い違っています/);
      // First use on such a log never takes them as known.
      assert.ok(!knownKeysOf(mpd, keys, 'first use').keys.some((k) => k.keyId?.startsWith('key_slipped')));

      // A request forged with the head's slipped key and the unit's real key (the hub holds it).
      const unitRow = await hub.ctx.store.db
        .selectFrom('keys')
        .selectAll()
        .where('id', '=', env.signatures.unit.keyId)
        .executeTakeFirstOrThrow();
      const unitPrivate = unwrapKey(hub.ctx.kek, String(unitRow.private_key_wrapped), keyWrapAad(unitRow.id));
      const issuedAt = new Date(Date.parse(after.head.at) - 1000).toISOString();
      const payload = { ...env.payload, requestId: 'req_forged', envelopeId: 'env_forged', issuedAt };
      const forged = {
        v: 1,
        payload,
        signatures: {
          approver: {
            keyId: 'key_slipped_head',
            signature: signCanonical(head.privateKey, SIGNATURE_PURPOSES.requestApproval, payload),
          },
          unit: { keyId: unitRow.id, signature: signCanonical(unitPrivate, SIGNATURE_PURPOSES.requestUnit, payload) },
        },
      };
      const at = new Date(Date.parse(after.head.at) + 1000);
      const v = verifyEnvelopeOffline(SignedEnvelopeSchema.parse(forged), after, at);
      assert.equal(v.ok, false, v.message.en);
      assert.equal(v.reason, 'wrong_owner');
      assert.equal(v.detail?.en, 'key_slipped_head');
      // And with the slipped unit key too: no key the hub holds is needed for the forgery, still refused.
      const both = {
        ...forged,
        signatures: {
          ...forged.signatures,
          unit: {
            keyId: 'key_slipped_unit',
            signature: signCanonical(unit.privateKey, SIGNATURE_PURPOSES.requestUnit, payload),
          },
        },
      };
      const v2 = verifyEnvelopeOffline(SignedEnvelopeSchema.parse(both), after, at);
      assert.equal(v2.ok, false, v2.message.en);
      assert.equal(v2.reason, 'wrong_owner');
      // The envelope the hub made still verifies against the same log.
      assert.equal(verifyEnvelopeOffline(env, after, at).ok, true);
    });
  });
}

describe('the one owner rule', () => {
  const key = { organisationId: 'org_a', ownerType: 'user', ownerId: 'usr_1', purpose: 'signing' };
  test('owner type, owner and organisation all agree', () => {
    assert.ok(signingKeyOf(key, { ownerType: 'user', userId: 'usr_1', organisationId: 'org_a' }));
    assert.ok(signingKeyOf(key, { ownerType: 'user', organisationId: 'org_a' }));
    assert.ok(!signingKeyOf({ ...key, organisationId: null }, { ownerType: 'user', organisationId: 'org_a' }));
    assert.ok(!signingKeyOf({ ...key, purpose: 'encryption' }, { ownerType: 'user', organisationId: 'org_a' }));
    const unitKey = { ...key, ownerType: 'unit', ownerId: 'unit_1' };
    assert.ok(signingKeyOf(unitKey, { ownerType: 'unit', unitId: 'unit_1', organisationId: 'org_a' }));
    assert.ok(
      !signingKeyOf(
        { ...unitKey, ownerType: 'system' },
        { ownerType: 'unit', unitId: 'unit_1', organisationId: 'org_a' },
      ),
    );
    const orgKey = { ...key, ownerType: 'organisation', ownerId: 'org_a' };
    assert.ok(signingKeyOf(orgKey, { ownerType: 'organisation', organisationId: 'org_a' }));
    assert.ok(
      !signingKeyOf({ ...orgKey, organisationId: null }, { ownerType: 'organisation', organisationId: 'org_a' }),
    );
  });
});
