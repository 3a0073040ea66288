import type { Principal } from '../domain/access.ts';
import { unpackOwnerSignature } from '../domain/attestation.ts';
import { payloadDigest, SignedEnvelopeSchema } from '../domain/envelope.ts';
import { DomainError } from '../domain/errors.ts';
import { type WithdrawalPayload, withdrawalDigest, withdrawalPayload } from '../domain/withdrawal-signature.ts';
import type { UnitOfWork } from '../kernel/unit-of-work.ts';
import { type PackageSigner, packageSigner } from './mlat-package.ts';
import { mlatWithdrawn } from './mlat-route.ts';
import { loadVisible } from './requests.ts';
import { withdrawalOf } from './withdrawal.ts';

// A package of an outgoing MLAT request, once made, verifies abroad however long after: nothing in it can
// tell of a later withdrawal. The withdrawal letter is its counterpart in the same form: the request's
// digest (the one its package carries), the reason, the instant, and the withdrawing person's own passkey
// signature with the key that verifies it, so the central authority and the foreign authority can check
// it offline, as they checked the package.

export const MLAT_WITHDRAWAL_FORMAT = 'shokai-mlat-withdrawal/v1';

export interface MlatWithdrawalLetter {
  format: typeof MLAT_WITHDRAWAL_FORMAT;
  createdAt: string;
  reference: string;
  requestId: string;
  /** SHA-256 of the canonical payload of the signed request: `digest` of the request's package. */
  requestDigest: string;
  withdrawal: {
    reason: string;
    withdrawnAt: string;
    /** What the passkey signed (`reasonDigest` is SHA-256 of `reason` as written). */
    payload: WithdrawalPayload;
    /** SHA-256 of the canonical payload: the WebAuthn challenge, as 32 bytes in base64url. */
    digest: string;
    /** The assertion, unpacked; null when the unit withdrew without a passkey (then nothing verifies it). */
    signature: { keyId: string; authenticatorData: string; clientDataJSON: string; signature: string } | null;
  };
  /** The withdrawing person's key; null when unsigned. */
  signer: PackageSigner | null;
  verification: string;
  summary: { en: string; ja: string };
}

const notAvailable = (id: string) =>
  new DomainError(
    'NOT_FOUND',
    {
      ja: 'この要請には共助要請の取下げ通知がありません（発出後に取り下げた共助要請のみ）',
      en: 'this request has no MLAT withdrawal letter (mutual-legal-assistance requests withdrawn after issue only)',
    },
    { id },
  );

/**
 * The withdrawal letter of an outgoing MLAT request its unit withdrew after issue. Refused when the hub's
 * check of the withdrawal's signature fails now: a letter that would not verify abroad is not handed out.
 */
export async function mlatWithdrawalLetter(uow: UnitOfWork, p: Principal, id: string): Promise<MlatWithdrawalLetter> {
  const { row, side } = await loadVisible(uow.tx, p, id, uow.now);
  if (row.kind !== 'mlat' || side !== 'agency' || !row.envelope || !mlatWithdrawn(row)) throw notAvailable(id);
  const w = await withdrawalOf(uow, row);
  if (!w) throw notAvailable(id);
  if (w.verdict === 'failed' || w.verdict === 'not_in_log') {
    throw new DomainError(
      'SIGNATURE_INVALID',
      {
        ja: '取下げの署名を検証できないため、取下げ通知は作成できません',
        en: 'the withdrawal signature does not verify: no withdrawal letter is made',
      },
      { field: 'withdrawal', value: w.verdict },
    );
  }
  const requestDigest = payloadDigest(SignedEnvelopeSchema.parse(JSON.parse(row.envelope)).payload);
  const payload = withdrawalPayload(row.id, w.reason, w.at);
  const own = w.signature ? unpackOwnerSignature(w.signature.signature) : undefined;
  const signature = w.signature && own ? { keyId: w.signature.keyId, ...own } : null;
  const signer = signature ? await packageSigner(uow.tx, signature.keyId, 'person') : null;
  const by = signer ? `signed by ${signer.holder} (key ${signer.fingerprint})` : 'not signed';
  const byJa = signer ? `${signer.holder}（鍵 ${signer.fingerprint}）が署名` : '署名なし';
  await uow.auditBy(p, 'request.viewed', ['request', id], { mlatWithdrawal: true });
  return {
    format: MLAT_WITHDRAWAL_FORMAT,
    createdAt: uow.now.toISOString(),
    reference: row.reference,
    requestId: row.id,
    requestDigest,
    withdrawal: { reason: w.reason, withdrawnAt: w.at, payload, digest: withdrawalDigest(payload), signature },
    signer,
    verification: signature
      ? "requestDigest is SHA-256 of the RFC 8785 canonical JSON of the request package's envelope.payload " +
        "(the package's digest). withdrawal.payload.reasonDigest is SHA-256 of the UTF-8 bytes of withdrawal.reason; " +
        'withdrawal.digest is SHA-256 of the canonical JSON of withdrawal.payload. The withdrawing person signed on ' +
        'their own device (WebAuthn): the signature (ES256, DER) is over authenticatorData || ' +
        'SHA-256(clientDataJSON), where clientDataJSON.type is "webauthn.get" and clientDataJSON.challenge is the ' +
        'base64url of the 32 bytes of withdrawal.digest; authenticatorData starts with SHA-256(rpId) and has the ' +
        "user-present and user-verified flags (0x05) set; the public key is the signer's COSE_Key " +
        '(publicKeyJwk: the same key as a JWK).'
      : 'This withdrawal was recorded without a signature: nothing in this letter verifies it. ' +
        'Confirm it with the requesting unit through the central authority.',
    summary: {
      en: [
        `Withdrawal of the request for mutual legal assistance ${row.reference}`,
        `Request digest (SHA-256): ${requestDigest}`,
        `Withdrawn ${w.at}, ${by}.`,
        `Reason: ${w.reason}`,
        ...(signer ? [] : ['Nothing in this letter verifies it: confirm it through the central authority.']),
      ].join('\n'),
      ja: [
        `国際捜査共助要請 ${row.reference} の取下げ`,
        `要請のハッシュ（SHA-256）: ${requestDigest}`,
        `取下げ ${w.at}、${byJa}`,
        `理由: ${w.reason}`,
        ...(signer ? [] : ['この通知を検証できるものは含まれていません。中央当局を通じて確認してください']),
      ].join('\n'),
    },
  };
}
