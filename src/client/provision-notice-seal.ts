// A provision notice (提供の通知) signed by the content provider where it is sealed, and checked wherever
// it is opened (the access provider's device, the hub for an access provider whose key it holds).
// Browser-safe (WebCrypto only), like answer-seal.ts, whose signers and signature check it reuses: a
// box sealed to the access provider's public key could be sealed by anyone holding that key, the hub
// included; only the content provider's signature inside says these are the communications it gave.
import { canonicalJson } from '../crypto/canonical-json.ts';
import type { AnswerBox } from '../domain/answer-signing.ts';
import type { PublicKeyRecord } from '../domain/key-trust.ts';
import {
  hubSealedNoticeBody,
  type NoticeCommunication,
  type NoticeSignatureProblem,
  type NoticeSignerRoles,
  noticeSignatureRefused,
  noticeSignerProblem,
  noticeSigningInput,
  provisionNoticeAad,
  requireNoticeOfOrder,
  type SignedNoticeBody,
  type SignedProvisionNotice,
  signedNoticeBody,
} from '../domain/provision-notice.ts';
import {
  type AnswerRecipientKey,
  type AnswerSigner,
  sealToRecipient,
  sha256Hex,
  verifyProviderSignature,
} from './answer-seal.ts';

/** The notice signed with the content provider's credential: what its box holds. */
export async function signProvisionNotice(
  signer: AnswerSigner,
  signed: SignedProvisionNotice,
): Promise<SignedNoticeBody> {
  const input = noticeSigningInput(signed);
  const s = await signer.sign(input, await sha256Hex(input));
  return { signed, signature: s.signature, keyId: signer.keyId, ...(s.webauthn ? { webauthn: s.webauthn } : {}) };
}

/** The notices the hub's `provide-preview` gives, as the page signs them. */
export interface NoticesToSign {
  /** 'hub': the hub signs with the provider's key it still holds; 'provider': each is signed here. */
  signWith: 'hub' | 'provider';
  notices: Array<{ signed: SignedProvisionNotice }>;
}

/**
 * What `provide` is given beside the communications: each previewed notice signed with `signer` (the
 * person's passkey in the page), or nothing when the hub signs with the key it holds. No signer where
 * one is needed: refused by the hub in words (the person registers a passkey first).
 */
export async function signedNoticesOf(
  plan: NoticesToSign,
  signer: AnswerSigner | null,
): Promise<{ signedNotices?: SignedNoticeBody[] }> {
  if (plan.signWith === 'hub' || plan.notices.length === 0 || !signer) return {};
  const signedNotices: SignedNoticeBody[] = [];
  for (const n of plan.notices) signedNotices.push(await signProvisionNotice(signer, n.signed));
  return { signedNotices };
}

/** A notice signed with `signer` and sealed to the access provider's key: the box the hub stores. */
export async function sealSignedNotice(
  signer: AnswerSigner,
  key: AnswerRecipientKey,
  signed: SignedProvisionNotice,
): Promise<AnswerBox> {
  const body = await signProvisionNotice(signer, signed);
  return sealToRecipient(key, canonicalJson(body), provisionNoticeAad(signed.noticeId));
}

/** What the opener knows of the notice from its listing (the hub's row, or what a device is shown). */
export interface NoticeExpected {
  noticeId: string;
  contentProviderOrganisationId: string;
  /** Where the opener knows it (the hub): the access provider the notice is listed for. */
  accessProviderOrganisationId?: string;
  /** The order it is listed under: its id where the opener has it (the hub), its reference (a device). */
  order: { id?: string; reference?: string };
}

/** Who signed a notice: the content provider's key (its organisation key or a passkey of its people), when. */
export interface NoticeSigner {
  key: PublicKeyRecord;
  credential: 'organisation' | 'passkey';
  signedAt: string;
}

/** A notice as it may be used: its order, its communications, and who signed it (null: sealed on the hub). */
export interface OpenedNotice {
  orderId: string;
  orderReference: string;
  communications: NoticeCommunication[];
  signedBy: NoticeSigner | null;
}

/**
 * The opened body of a notice, used only if the content provider signed it: in the signed form, of the
 * order it is listed under, for this notice, its giver and its addressee, signed by a key of the giver
 * (its organisation key or a passkey of one of its people) trusted when it signed, a person's key only if
 * they held a role that carries out provision orders then (`roles`: the directory log's grants of those
 * roles at the giver, noticeSignerProblem). Otherwise refused in
 * words (`SIGNATURE_INVALID`, naming no communication): what was opened is not used. The one exception
 * is the hub's own unsigned form (`sealedBy: 'hub'`, src/domain/provision-notice.ts), taken with
 * `signedBy: null` for the opener to show.
 */
export async function verifiedNotice(
  body: unknown,
  expected: NoticeExpected,
  keys: PublicKeyRecord[],
  roles: NoticeSignerRoles,
  now: Date,
): Promise<OpenedNotice> {
  const onHub = hubSealedNoticeBody(body);
  if (onHub) {
    requireNoticeOfOrder(onHub, expected.order);
    return { ...onHub, signedBy: null };
  }
  const b = signedNoticeBody(body);
  if (!b) throw noticeSignatureRefused('unsigned', expected.noticeId);
  requireNoticeOfOrder(b.signed, expected.order);
  const s = b.signed;
  const verdict = await verifyProviderSignature(b, expected.contentProviderOrganisationId, keys, now, () => {
    if (
      s.noticeId !== expected.noticeId ||
      s.contentProviderOrganisationId !== expected.contentProviderOrganisationId ||
      (expected.accessProviderOrganisationId !== undefined &&
        s.accessProviderOrganisationId !== expected.accessProviderOrganisationId)
    ) {
      return 'other_request';
    }
    if (Number.isNaN(Date.parse(s.signedAt))) return 'unreadable';
    return { input: noticeSigningInput(s), signedAt: s.signedAt };
  });
  if (!verdict.valid || !verdict.key || !verdict.signer) {
    const problem: NoticeSignatureProblem = verdict.problem ?? 'signature';
    throw noticeSignatureRefused(problem, expected.noticeId);
  }
  // A person's passkey: they must have held a role that carries out provision orders then, as the log says.
  const role = noticeSignerProblem(verdict.key, s, roles);
  if (role) throw noticeSignatureRefused(role, expected.noticeId);
  return {
    orderId: s.orderId,
    orderReference: s.orderReference,
    communications: s.communications,
    signedBy: { key: verdict.key, credential: verdict.signer, signedAt: s.signedAt },
  };
}

/**
 * Who signed a provision notice, as shown: the content provider's key fingerprint, its kind (its
 * organisation key: the installation key, or the key the hub held before it; a passkey) and when; null
 * when the hub sealed it on its own path without the provider's signature (it is then the hub's word).
 */
export type ShownNoticeSigner = {
  keyFingerprint: string;
  credential: 'organisation' | 'passkey';
  signedAt: string;
  /** For a passkey: the person whose key it is, as the directory names them (`signers`, by key id). */
  person: string | null;
} | null;

export function noticeSignerShown(
  s: OpenedNotice['signedBy'],
  signers: ReadonlyArray<{ keyId: string; name: string }> = [],
): ShownNoticeSigner {
  const person = s?.credential === 'passkey' ? (signers.find((x) => x.keyId === s.key.id)?.name ?? null) : null;
  return s && { keyFingerprint: s.key.fingerprint, credential: s.credential, signedAt: s.signedAt, person };
}
