import { canonicalJson, sha256Hex } from '../crypto/canonical.ts';
import { CUSTODY_KEY_ALGORITHM } from '../crypto/device-seal.ts';
import { SIGNATURE_PURPOSES, verify, verifyCanonical } from '../crypto/signatures.ts';
import { verifyWebAuthnAssertion } from '../crypto/webauthn.ts';
import { keyById } from '../directory/key.repository.ts';
import { keyToSealTo, requireCurrentKey } from '../directory/keys.ts';
import { can, type Principal } from '../domain/access.ts';
import {
  ANSWER_PURPOSE,
  type AnswerSignatureProblem,
  answerSigningInput,
  type InnerAnswer,
  outerSigned,
  SEALED_ANSWER_PURPOSE,
  SealedAnswerSubmissionSchema,
} from '../domain/answer-signing.ts';
import type { AttachmentRef } from '../domain/attachments.ts';
import { DomainError, invalidField } from '../domain/errors.ts';
import { keyTrustedFor } from '../domain/key-trust.ts';
import type { RequestContent } from '../domain/request-content.ts';
import { parseOrThrow } from '../domain/validation.ts';
import { newId } from '../kernel/ids.ts';
import type { UnitOfWork } from '../kernel/unit-of-work.ts';
import type { KeyRow, RequestRow } from '../store/schema.ts';
import { answerAttachmentRefs } from './attachments.ts';
import { insertAnswer } from './request.repository.ts';
import { contentOf, loadVisible } from './requests.ts';
import { providerHeldKey, providerRecordKey, type RecipientKey, recipientOf, refuseUnlessSealedTo } from './sealing.ts';

export { providerHasOwnCredential, providerHeldKey } from './sealing.ts';

// Answers sealed on the provider's side (issue 11). The provider's browser or installation signs with
// a credential the hub never holds (the provider's installation key, or its legal officer's passkey),
// seals to the requesting unit's current answer key and to its own record key, and signs the box. The
// hub checks only what it can check blind — the request's state and addressee, the person's right to
// answer (the lifecycle's checks), that the boxes are addressed to the CURRENT keys, and that the outer
// signature is by a trusted key the directory lists for this provider — and stores ciphertext.

export interface AnswerKeys {
  request: { id: string; reference: string; providerOrganisationId: string };
  /** The request's content, which the answer must fit (checked on the provider's side before sealing). */
  content: RequestContent;
  /** The requesting unit's current answer key (held on its members' devices, or a legacy hub-held key). */
  unitKey: RecipientKey;
  /** The provider's own current record key (its kept copy of what it disclosed). */
  ownKey: RecipientKey;
  /** The files uploaded for the answer: the answer names them (with their SHA-256). */
  attachments: AttachmentRef[];
  /** The credentials of the provider's own that the directory lists now. */
  signers: {
    /** The provider's installation key (Ed25519, on its own machine), when registered. */
    installationKey: { keyId: string; fingerprint: string } | null;
    /** This person's own passkey, when registered. */
    passkey: { keyId: string; credentialId: string; rpId: string } | null;
  };
}

function mayAnswerHere(p: Principal, side: string | null): void {
  if (side !== 'provider' || !can(p, 'request.answer')) {
    throw new DomainError('FORBIDDEN', {
      ja: '回答できるのは宛先事業者の法務・データ担当のみです',
      en: "only the addressed provider's legal and data staff can answer",
    });
  }
}

/** What the provider's side needs to seal an answer to this request. Nothing is stored but a missing record key. */
export async function answerKeys(uow: UnitOfWork, p: Principal, id: string): Promise<AnswerKeys> {
  const { row, side } = await loadVisible(uow.tx, p, id, uow.now);
  mayAnswerHere(p, side);
  const providerId = row.provider_organisation_id ?? '';
  const unitKey = await keyToSealTo(uow, 'unit', row.unit_id);
  const ownKey = await providerRecordKey(uow, p, providerId);
  const installation = await providerHeldKey(uow, providerId);
  const personal = await requireCurrentKey(uow.tx, 'user', p.id, 'signing', uow.now).catch(() => undefined);
  return {
    request: { id: row.id, reference: row.reference, providerOrganisationId: providerId },
    content: contentOf(row),
    unitKey: recipientOf(unitKey),
    ownKey: recipientOf(ownKey),
    attachments: await answerAttachmentRefs(uow.tx, row.id),
    signers: {
      installationKey: installation ? { keyId: installation.id, fingerprint: installation.fingerprint } : null,
      passkey:
        personal?.credential_id && personal.rp_id
          ? { keyId: personal.id, credentialId: personal.credential_id, rpId: personal.rp_id }
          : null,
    },
  };
}

/** Whether the outer signature's key may sign for this provider now; a reason naming the field if not. */
function checkSignerKey(k: KeyRow | undefined, p: Principal, providerId: string, now: Date, keyId: string): KeyRow {
  if (!k) {
    throw new DomainError(
      'KEY_UNKNOWN',
      {
        ja: `署名鍵 ${keyId} はディレクトリにありません`,
        en: `the signing key ${keyId} is not in the directory`,
      },
      { field: 'sealed.keyId', value: keyId },
    );
  }
  const orgKey = k.owner_type === 'organisation' && k.owner_id === providerId && k.algorithm === 'Ed25519';
  const passkey = k.owner_type === 'user' && k.organisation_id === providerId && !!k.credential_id && !!k.rp_id;
  if (k.purpose !== 'signing' || !(orgKey || passkey)) {
    throw invalidField(
      'sealed.keyId',
      keyId,
      `鍵 ${keyId} はこの要請の宛先事業者の署名鍵（設置鍵または法務担当者の認証器）ではありません`,
      `key ${keyId} is not a signing key of the addressed provider (its installation key or a legal officer's passkey)`,
    );
  }
  if (orgKey && k.private_key_wrapped) {
    throw invalidField(
      'sealed.keyId',
      keyId,
      `鍵 ${keyId} はハブが保管している鍵です。事業者自身の設置鍵を登録して署名してください`,
      `key ${keyId} is held by the hub, not by the provider: register the provider's installation key and sign with it`,
    );
  }
  if (passkey && k.owner_id !== p.id) {
    throw invalidField(
      'sealed.keyId',
      keyId,
      `認証器 ${keyId} はあなたのものではありません（本人の認証器で署名してください）`,
      `passkey ${keyId} is not yours (sign with your own passkey)`,
    );
  }
  if (
    !keyTrustedFor(
      { validFrom: k.valid_from, validTo: k.valid_to, revokedAt: k.revoked_at, revocationReason: k.revocation_reason },
      now,
      now,
    )
  ) {
    throw invalidField(
      'sealed.keyId',
      keyId,
      `鍵 ${keyId} は現在有効ではありません（更新済みまたは失効）`,
      `key ${keyId} is not valid now (rotated or revoked)`,
    );
  }
  return k;
}

/**
 * Accepts an answer sealed on the provider's side: the blind checks, then the ciphertext stored and
 * the sealing audited (answer.sealed). The lifecycle's own checks (state, addressee, the right to
 * answer, the call-back, the subscriber's hearing) ran before, in the transition.
 */
export async function acceptSealedAnswer(uow: UnitOfWork, p: Principal, row: RequestRow, raw: unknown): Promise<void> {
  const s = parseOrThrow(SealedAnswerSubmissionSchema, raw, 'sealed');
  const providerId = row.provider_organisation_id ?? '';
  const unitKey = await keyToSealTo(uow, 'unit', row.unit_id);
  refuseUnlessSealedTo('sealed', s.sealed, unitKey);
  const ownKey = await providerRecordKey(uow, p, providerId);
  refuseUnlessSealedTo('sealedForProvider', s.sealedForProvider, ownKey);
  const key = checkSignerKey(await keyById(uow.tx, s.keyId), p, providerId, uow.now, s.keyId);
  const input = answerSigningInput(SEALED_ANSWER_PURPOSE, outerSigned(row.id, s.sealed));
  const valid = key.credential_id
    ? !!s.webauthn &&
      s.webauthn.credentialId === key.credential_id &&
      verifyWebAuthnAssertion(key.public_key, key.rp_id ?? '', sha256Hex(input), {
        ...s.webauthn,
        signature: s.signature,
      }) === null
    : !s.webauthn && verify(key.public_key, input, s.signature);
  if (!valid) {
    throw new DomainError(
      'SIGNATURE_INVALID',
      {
        ja: '封緘された回答への署名を確認できません（別の要請・別の封緘・別の鍵のいずれかです）',
        en: 'the signature over the sealed answer does not verify (another request, another box or another key)',
      },
      { field: 'sealed.signature' },
    );
  }
  await storeSealedAnswer(
    uow,
    p,
    row,
    {
      sealed: s.sealed,
      sealedForProvider: s.sealedForProvider,
      signature: s.signature,
      signingKey: key,
      unitKey,
      ownKey,
    },
    { webauthn: s.webauthn ? JSON.stringify(s.webauthn) : null },
  );
}

/**
 * Stores a sealed answer and audits the sealing (answer.sealed): the box to the requesting unit, the
 * same signed answer to the provider's own record key, the outer signature and its key. Sealed on the
 * provider's side (`providerSide`, with the passkey assertion when one signed) or, for a legacy owner,
 * by the hub with the key it held. Nothing derived from the plaintext sits beside the boxes: not even
 * full/partial.
 */
export async function storeSealedAnswer(
  uow: UnitOfWork,
  p: Principal,
  row: RequestRow,
  a: {
    sealed: object;
    sealedForProvider: object;
    signature: string;
    signingKey: KeyRow;
    unitKey: KeyRow;
    ownKey: KeyRow;
  },
  providerSide?: { webauthn: string | null },
): Promise<void> {
  await insertAnswer(uow.tx, {
    id: newId('ans'),
    request_id: row.id,
    outcome: 'sealed',
    sealed: JSON.stringify(a.sealed),
    sealed_for_provider: JSON.stringify(a.sealedForProvider),
    signature: a.signature,
    signing_key_id: a.signingKey.id,
    answered_by: p.id,
    created_at: uow.now.toISOString(),
    ...(providerSide ? { sealed_by: 'provider', signature_webauthn: providerSide.webauthn } : {}),
  });
  await uow.auditBy(p, 'answer.sealed', ['request', row.id], {
    sealedTo: a.unitKey.fingerprint,
    keptBy: a.ownKey.fingerprint,
    custody: a.unitKey.algorithm === CUSTODY_KEY_ALGORITHM ? 'devices' : 'hub',
    sealedDigest: sha256Hex(canonicalJson(a.sealed)),
    ...(providerSide
      ? {
          sealedBy: 'provider',
          signedWith: a.signingKey.credential_id ? 'passkey' : 'installation_key',
          signingKey: a.signingKey.fingerprint,
        }
      : {}),
  });
}

/**
 * The provider's signature inside an answer the hub opened (legacy owners only: the hub holds their
 * key), checked as a device checks it: the provider's organisation key or one of its people's passkeys,
 * trusted when it signed, over exactly this request's answer.
 */
export function innerAnswerVerdict(
  inner: InnerAnswer,
  row: RequestRow,
  k: KeyRow | undefined,
  now: Date,
): { problem: AnswerSignatureProblem | null; credential: 'organisation' | 'passkey' | null } {
  const providerId = row.provider_organisation_id ?? '';
  if (!k) return { problem: 'key_unknown', credential: null };
  const orgKey = k.owner_type === 'organisation' && k.owner_id === providerId && k.algorithm === 'Ed25519';
  const passkey = k.owner_type === 'user' && k.organisation_id === providerId && !!k.credential_id && !!k.rp_id;
  const credential = orgKey ? 'organisation' : passkey ? 'passkey' : null;
  if (k.purpose !== 'signing' || !credential) return { problem: 'not_provider', credential: null };
  const signed = inner.signed;
  if (signed.requestId !== row.id || signed.providerOrganisationId !== providerId) {
    return { problem: 'other_request', credential };
  }
  const trust = {
    validFrom: k.valid_from,
    validTo: k.valid_to,
    revokedAt: k.revoked_at,
    revocationReason: k.revocation_reason,
  };
  if (Number.isNaN(Date.parse(signed.answeredAt))) return { problem: 'unreadable', credential };
  if (!keyTrustedFor(trust, signed.answeredAt, now)) return { problem: 'not_trusted', credential };
  if (credential === 'passkey') {
    if (!inner.webauthn || inner.webauthn.credentialId !== k.credential_id) return { problem: 'signature', credential };
    const digest = sha256Hex(answerSigningInput(ANSWER_PURPOSE, signed));
    const problem = verifyWebAuthnAssertion(k.public_key, k.rp_id ?? '', digest, {
      ...inner.webauthn,
      signature: inner.signature,
    });
    return { problem, credential };
  }
  const ok = !inner.webauthn && verifyCanonical(k.public_key, SIGNATURE_PURPOSES.answer, signed, inner.signature);
  return { problem: ok ? null : 'signature', credential };
}
