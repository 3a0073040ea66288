// A key of a court's user who holds no judge role, made at the store level (the service registers signing
// credentials of judges only; a hub that lies could mint one): what it signs verifies as a signature, so
// only the directory log's record of judges tells a provider it is no judge's.
import assert from 'node:assert/strict';
import { softRegister } from '../../src/demo/soft-authenticator.ts';
import type { Client, TestHub } from './exchange.ts';
import { insertSoftPasskeyKey, softSignature } from './soft-passkey-key.ts';

export interface CourtUserKey {
  keyId: string;
  /** The key's packed passkey signature over `digestHex`, as a judge's attestation carries it. */
  sign(digestHex: string): string;
}

/**
 * The signing key of `login` (a user of `courtId` without the judge role), valid from `validFrom`, on the
 * relying party and origin of `judge`'s own passkey.
 */
export async function courtUserKey(
  hub: Pick<TestHub, 'ctx'>,
  judge: Client,
  s: { login: string; courtId: string; validFrom: string },
): Promise<CourtUserKey> {
  const db = hub.ctx.store.db;
  const user = await db.selectFrom('users').select(['id']).where('login', '=', s.login).executeTakeFirst();
  const grants = await db
    .selectFrom('role_grants')
    .select(['role'])
    .where('user_id', '=', user?.id ?? '')
    .execute();
  assert.ok(user && !grants.some((g) => g.role === 'judge'), `${s.login} is no judge`);
  const passkey = judge.passkey ?? assert.fail('the judge has a passkey');
  const origin = judge.origin ?? assert.fail('the judge has an origin');
  const { credential } = softRegister(
    { challenge: 'store-level', rp: { id: passkey.rpId }, user: { id: user.id } },
    origin,
  );
  const keyId = `key_${s.login.replace(/\W/g, '_')}_${Date.now()}`;
  await insertSoftPasskeyKey(db, s.validFrom, { id: keyId, organisationId: s.courtId, ownerId: user.id, credential });
  return { keyId, sign: (digestHex) => softSignature(credential, origin, digestHex) };
}
