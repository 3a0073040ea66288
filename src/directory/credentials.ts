import {
  generateRegistrationOptions,
  type PublicKeyCredentialCreationOptionsJSON,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from '@simplewebauthn/server';
import { z } from 'zod';
import { toB64u, tryFromB64u } from '../crypto/encoding.ts';
import {
  coseAlgorithm,
  credentialFingerprint,
  digestChallenge,
  originMatchesRpId,
  type WebAuthnAssertion,
} from '../crypto/webauthn.ts';
import { can, type Principal } from '../domain/access.ts';
import { DomainError } from '../domain/errors.ts';
import type { PublicKeyRecord } from '../domain/key-trust.ts';
import { base64urlField, parseOrThrow } from '../domain/validation.ts';
import { loadConfig } from '../kernel/config.ts';
import { newId } from '../kernel/ids.ts';
import type { UnitOfWork } from '../kernel/unit-of-work.ts';
import type { KeyRow } from '../store/schema.ts';
import { installCredential } from './credential-install.ts';
import { needsSecondPerson, requestConfirmation } from './credential-requests.ts';
import { findUser } from './directory.repository.ts';
import { liveDesignationsOf } from './duty.repository.ts';
import {
  currentKey,
  dropExpiredChallenges,
  insertChallenge,
  keyByCredentialId,
  newKeyRow,
  setSignCount,
  takeChallenge,
  toPublicKey,
} from './key.repository.ts';

// Owner-held signing credentials (WebAuthn passkeys, security keys): the registration ceremony, and
// the check of an assertion made over a digest the person reviewed. The hub stores the public key
// only; registering one destroys any private key the hub held for that person.

const CHALLENGE_TTL_MS = 5 * 60 * 1000;
const REGISTRATION = 'registration';
/** ES256, EdDSA, RS256: what the offline verifier (src/crypto/webauthn.ts) checks with node:crypto. */
const SUPPORTED_ALGORITHMS = [-7, -8, -257];

/**
 * Whoever signs a legal act (approves, attests a warrant, answers, withdraws a request) registers their own
 * credential; so does a member a unit head designated as duty approver (当直責任者), who approves with it.
 */
export async function maySign(uow: UnitOfWork, p: Principal): Promise<boolean> {
  const signs = ['request.approve', 'warrant.attest', 'request.answer', 'request.withdraw'] as const;
  if (signs.some((permission) => can(p, permission))) return true;
  return p.kind === 'user' && (await liveDesignationsOf(uow.tx, p.id, uow.now)).length > 0;
}

async function requireSigner(uow: UnitOfWork, p: Principal): Promise<void> {
  if (await maySign(uow, p)) return;
  throw new DomainError('FORBIDDEN', {
    ja: '署名用の認証器を登録できるのは、決裁（当直責任者を含む）・令状の電子署名・回答・要請の取下げを行う人のみです',
    en:
      'only people who approve (duty approvers included), attest ' +
      'warrants, answer or withdraw requests register a signing credential',
  });
}

export function relyingPartyId(): string {
  return loadConfig().webauthnRpId;
}

/** Step 1 of the registration ceremony: options for navigator.credentials.create (UV required). */
export async function registrationOptions(
  uow: UnitOfWork,
  p: Principal,
): Promise<PublicKeyCredentialCreationOptionsJSON> {
  await requireSigner(uow, p);
  const user = await findUser(uow.tx, p.id);
  if (!user) throw new DomainError('NOT_FOUND', { ja: '利用者が存在しません', en: 'no such user' });
  const options = await generateRegistrationOptions({
    rpName: 'shokai',
    rpID: relyingPartyId(),
    userName: user.login,
    userDisplayName: user.display_name,
    userID: Buffer.from(user.id, 'utf8'),
    attestationType: 'none',
    authenticatorSelection: { residentKey: 'preferred', userVerification: 'required' },
    supportedAlgorithmIDs: SUPPORTED_ALGORITHMS,
  });
  await dropExpiredChallenges(uow.tx, uow.now.toISOString());
  await insertChallenge(uow.tx, {
    challenge: options.challenge,
    user_id: p.id,
    purpose: REGISTRATION,
    created_at: uow.now.toISOString(),
    expires_at: new Date(uow.now.getTime() + CHALLENGE_TTL_MS).toISOString(),
  });
  return options;
}

export const RegisterCredentialInput = z.strictObject({
  response: z.object({
    id: base64urlField,
    rawId: base64urlField,
    type: z.literal('public-key'),
    response: z.object({
      clientDataJSON: base64urlField,
      attestationObject: base64urlField,
      transports: z.array(z.string().max(40)).max(10).optional(),
    }),
    clientExtensionResults: z.record(z.string(), z.unknown()).default({}),
    authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
  }),
});

const refused = (en: string, ja: string, field: string, more: Record<string, unknown> = {}) =>
  new DomainError('VALIDATION_FAILED', { ja, en }, { field, ...more });

function clientDataOf(b64: string): { challenge?: unknown; origin?: unknown } {
  try {
    return JSON.parse((tryFromB64u(b64) ?? Buffer.alloc(0)).toString('utf8')) as {
      challenge?: unknown;
      origin?: unknown;
    };
  } catch {
    return {};
  }
}

/**
 * Step 2: verifies the new credential (the challenge this user was given, the RP id, an origin of
 * it, user verification) and registers its public key as the person's signing key — at once, or, for
 * a unit head, judge or provider officer, once a second person of the organisation confirms it
 * (./credential-requests.ts). Then the previous signing key ends and any private part the hub held for
 * this person is destroyed. Audited.
 */
/** What a registration gives back: the key as registered, or as it will be once a second person confirms it. */
export type CredentialRegistration = PublicKeyRecord & {
  confirmation: { state: 'confirmed' | 'pending'; requestId: string | null };
};

export async function registerCredential(uow: UnitOfWork, p: Principal, raw: unknown): Promise<CredentialRegistration> {
  await requireSigner(uow, p);
  const { response } = parseOrThrow(RegisterCredentialInput, raw);
  const cd = clientDataOf(response.response.clientDataJSON);
  const rpId = relyingPartyId();
  const origin = typeof cd.origin === 'string' ? cd.origin : '';
  const pending =
    typeof cd.challenge === 'string' ? await takeChallenge(uow.tx, cd.challenge, p.id, REGISTRATION) : undefined;
  if (!pending || pending.expires_at <= uow.now.toISOString()) {
    throw refused(
      'the registration was not started here, or it expired: start it again',
      '登録の手続が開始されていないか、期限切れです。もう一度開始してください',
      'response.response.clientDataJSON',
    );
  }
  if (!originMatchesRpId(origin, rpId)) {
    throw refused(
      `the credential was created on ${origin || '(no origin)'}, not on ${rpId}`,
      `認証器は ${rpId} ではなく ${origin || '（不明）'} で作成されています`,
      'response.response.clientDataJSON',
    );
  }
  let info: Awaited<ReturnType<typeof verifyRegistrationResponse>>['registrationInfo'];
  try {
    const v = await verifyRegistrationResponse({
      response: { ...response, clientExtensionResults: {} },
      expectedChallenge: pending.challenge,
      expectedOrigin: origin,
      expectedRPID: rpId,
      requireUserVerification: true,
      supportedAlgorithmIDs: SUPPORTED_ALGORITHMS,
    });
    info = v.verified ? v.registrationInfo : undefined;
  } catch (e) {
    // The library's own words (English, about the protocol) are for support, in the details only.
    throw refused(
      "the passkey's registration could not be verified: register it again from the start",
      '認証器（パスキー）の登録を確認できませんでした。最初から登録し直してください',
      'response',
      { detail: e instanceof Error ? e.message : String(e) },
    );
  }
  if (!info) throw refused('the credential does not verify', '認証器の登録応答を検証できません', 'response');
  const publicKey = toB64u(info.credential.publicKey);
  const alg = coseAlgorithm(publicKey);
  if (!alg) throw refused('unsupported credential algorithm', '対応していない署名方式です', 'response');
  if (await keyByCredentialId(uow.tx, info.credential.id)) {
    throw new DomainError(
      'CONFLICT',
      { ja: 'この認証器は既に登録されています', en: 'this credential is already registered' },
      { field: 'response.id' },
    );
  }
  const user = await findUser(uow.tx, p.id);
  const at = uow.now.toISOString();
  const row = newKeyRow(at, {
    id: newId('key'),
    organisation_id: user?.organisation_id ?? p.organisationId,
    owner_type: 'user',
    owner_id: p.id,
    purpose: 'signing',
    algorithm: `webauthn-${alg}`,
    public_key: publicKey,
    private_key_wrapped: null,
    fingerprint: credentialFingerprint(publicKey),
    credential_id: info.credential.id,
    rp_id: rpId,
    sign_count: info.credential.counter,
  });
  // Unit heads, judges and provider officers: a second person of the organisation confirms first.
  if (await needsSecondPerson(uow, p)) {
    const requestId = await requestConfirmation(uow, p, row);
    return { ...toPublicKey(row), confirmation: { state: 'pending', requestId } };
  }
  await installCredential(uow, row, p, null);
  return { ...toPublicKey(row), confirmation: { state: 'confirmed', requestId: null } };
}

/** An assertion as the browser's startAuthentication returns it (AuthenticationResponseJSON). */
export const AssertionInput = z.object({
  id: base64urlField,
  rawId: base64urlField,
  type: z.literal('public-key'),
  response: z.object({
    clientDataJSON: base64urlField,
    authenticatorData: base64urlField,
    signature: base64urlField,
    userHandle: z.string().max(1000).optional(),
  }),
  clientExtensionResults: z.record(z.string(), z.unknown()).default({}),
  authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
});
export type AssertionInput = z.infer<typeof AssertionInput>;

/**
 * Checks, at the hub, an assertion by `key` (the signer's registered credential) over `digestHex`:
 * the library's full check (challenge, RP id, origin of the RP id, user verification, signature,
 * counter) and the counter kept. Returns what the envelope carries for offline verification.
 */
export async function checkAssertion(
  uow: UnitOfWork,
  key: KeyRow,
  digestHex: string,
  assertion: AssertionInput | undefined,
): Promise<WebAuthnAssertion> {
  if (!assertion) {
    throw new DomainError(
      'VALIDATION_FAILED',
      {
        ja: 'ご本人の認証器（パスキー）での署名が必要です',
        en: 'a signature with your own credential (passkey) is required',
      },
      { field: 'assertion' },
    );
  }
  if (!key.credential_id || !key.rp_id || assertion.id !== key.credential_id) {
    throw new DomainError(
      'KEY_UNKNOWN',
      {
        ja: 'この認証器はあなたの現在の署名用認証器として登録されていません',
        en: 'this credential is not your current registered signing credential',
      },
      { field: 'assertion.id', value: assertion.id },
    );
  }
  const origin = clientDataOf(assertion.response.clientDataJSON).origin;
  let ok = false;
  let newCounter = 0;
  try {
    const v = await verifyAuthenticationResponse({
      response: { ...assertion, clientExtensionResults: {} },
      expectedChallenge: digestChallenge(digestHex),
      expectedOrigin: typeof origin === 'string' && originMatchesRpId(origin, key.rp_id) ? origin : [],
      expectedRPID: key.rp_id,
      credential: {
        id: key.credential_id,
        publicKey: new Uint8Array(tryFromB64u(key.public_key) ?? []),
        counter: key.sign_count ?? 0,
      },
      requireUserVerification: true,
    });
    ok = v.verified;
    newCounter = v.authenticationInfo.newCounter;
  } catch {
    ok = false;
  }
  if (!ok) {
    throw new DomainError(
      'SIGNATURE_INVALID',
      {
        ja: '認証器の署名を確認できません（内容・本人確認・認証器のいずれかが一致しません）',
        en: 'the credential signature does not verify (content, user verification or credential)',
      },
      { field: 'assertion' },
    );
  }
  await setSignCount(uow.tx, key.id, newCounter);
  return {
    credentialId: assertion.id,
    authenticatorData: assertion.response.authenticatorData,
    clientDataJSON: assertion.response.clientDataJSON,
    signature: assertion.response.signature,
  };
}

/**
 * The passkey a person's own signing key is held on, for a preview that asks them to sign with it;
 * null when they have none registered.
 */
export async function ownPasskey(
  uow: UnitOfWork,
  p: Principal,
): Promise<{ credentialId: string; rpId: string } | null> {
  const own = await currentKey(uow.tx, 'user', p.id, 'signing', uow.now);
  return own?.credential_id && own.rp_id ? { credentialId: own.credential_id, rpId: own.rp_id } : null;
}
