import { z } from 'zod';
import { type Permission, rolesHolding } from './access.ts';
import {
  answerSigningInput,
  PROVISION_NOTICE_PURPOSE,
  type WebAuthnParts,
  WebAuthnPartsSchema,
} from './answer-signing.ts';
import { DomainError } from './errors.ts';
import type { PublicKeyRecord } from './key-trust.ts';
import { passkeyProblemMessages } from './passkey-problems.ts';
import { pinnedRoleGrants, pinnedRoleRefusal, type RoleEntry } from './pinned-roles.ts';
import type { Bilingual, Role } from './vocabulary.ts';

// What a provision notice (提供の通知) holds once opened, as the hub and an access provider's device both
// check it. Browser-safe: imported by the device-side key work (#shokai/custody).

/** The additional data a provision notice is sealed with: its id, chosen by the sealing side. */
export const provisionNoticeAad = (noticeId: string): string => `shokai/provision-notice/${noticeId}`;

/** A communication as a notice holds it (the sender's address, the port when logged, the time). */
export interface NoticeCommunication {
  address: string;
  port?: number;
  at: string;
}

/**
 * A provision notice opened (on the hub or on a device) must be of the order it is listed under: its body
 * names the order it was sealed for (`orderId`, `orderReference`; both sealing sides write them), and a
 * body sealed for another order is refused — what was opened is not used. `order` is what the notice's
 * row says: its order's id where the opener has it (the hub), its reference (what a device is shown).
 */
export function requireNoticeOfOrder(body: unknown, order: { id?: string; reference?: string }): void {
  const b = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const id = typeof b.orderId === 'string' ? b.orderId : null;
  const reference = typeof b.orderReference === 'string' ? b.orderReference : null;
  const named = id !== null && reference !== null;
  if (
    named &&
    (order.id === undefined || order.id === id) &&
    (order.reference === undefined || order.reference === reference)
  )
    return;
  throw new DomainError(
    'SIGNATURE_INVALID',
    {
      ja:
        'この提供の通知に封緘された内容は、通知が示す提供命令のものではありません（別の命令のために封緘されたものです）。' +
        '開いた内容は使いません。ハブの管理者と、提供したプロバイダに確認してください',
      en:
        'what this provision notice holds was sealed for another provision order than the one the notice ' +
        'is listed under: what was opened is not used; check with the hub administrator and the provider that gave it',
    },
    { field: 'orderId', expected: order.reference ?? order.id, found: reference ?? id },
  );
}

// ---- the content provider's signature (inside the box) ----
//
// A box sealed to the access provider's public key could be sealed by anyone holding that key, the hub
// included; only the content provider's signature says the communications are the ones it gave. The
// content provider signs where it seals (its installation, with its installation key; on the hub's own
// path, the organisation key the hub still holds for a provider without one of its own), as a provider
// signs an answer (src/domain/answer-signing.ts): the same signing input, the same key rule.

/**
 * The permission a content provider's person carries out a provision order with (the hub checks it of
 * the caller, `ancillaryOn`), and so signs its notices. One rule: the roles holding it are the ones whose
 * grants the directory log carries for this (src/directory/transparency.ts), and a notice signed by a
 * person who held none of them at the content provider at the signed instant is refused where it is
 * opened (`noticeSignerProblem`).
 */
export const PROVISION_PERMISSION = 'request.answer' satisfies Permission;
export const NOTICE_SIGNING_ROLES: readonly Role[] = rolesHolding(PROVISION_PERMISSION);

/** The log's grants of NOTICE_SIGNING_ROLES at the content provider, as the opener was given them, and when. */
export interface NoticeSignerRoles {
  entries: RoleEntry[];
  /** The instant the log was read (its head): a signature after it may rest on a grant not in it yet. */
  at: string;
}

/**
 * Null when a notice's signing key is the content provider's own (no person: a notice signed before
 * people signed them, or on an installation) or its owner held a role of NOTICE_SIGNING_ROLES at the
 * content provider when it was signed, as the log says; else `signer_role`.
 */
export function noticeSignerProblem(
  key: Pick<PublicKeyRecord, 'ownerType' | 'ownerId'>,
  signed: Pick<SignedProvisionNotice, 'contentProviderOrganisationId' | 'signedAt'>,
  roles: NoticeSignerRoles,
): 'signer_role' | null {
  if (key.ownerType !== 'user') return null;
  const grants = pinnedRoleGrants(roles.entries, NOTICE_SIGNING_ROLES);
  const refusal = pinnedRoleRefusal(grants, key, signed.contentProviderOrganisationId, signed.signedAt, roles.at);
  return refusal && 'signer_role';
}

/** What the content provider signs: the notice, its order, both providers, the instant, the communications. */
export interface SignedProvisionNotice {
  noticeId: string;
  orderId: string;
  orderReference: string;
  contentProviderOrganisationId: string;
  accessProviderOrganisationId: string;
  /** The instant of signing (ISO-8601, UTC): the signing key must have been valid and unrevoked then. */
  signedAt: string;
  communications: NoticeCommunication[];
}

/** What the box holds: the signed notice, the signature and the signing key's id (an assertion for a passkey). */
export interface SignedNoticeBody {
  signed: SignedProvisionNotice;
  signature: string;
  keyId: string;
  webauthn?: WebAuthnParts;
}

/** The exact text the content provider signs (a passkey signs its SHA-256). */
export function noticeSigningInput(signed: SignedProvisionNotice): string {
  return answerSigningInput(PROVISION_NOTICE_PURPOSE, signed);
}

const NoticeCommunicationShape = z.object({
  address: z.string().min(1).max(100),
  port: z.number().int().min(0).max(65535).optional(),
  at: z.string().min(1).max(100),
});
/** What is signed, as read back (the communications as given: the signer's exact text). */
export const SignedProvisionNoticeSchema = z.object({
  noticeId: z.string().min(1).max(200),
  orderId: z.string().min(1).max(200),
  orderReference: z.string().min(1).max(200),
  contentProviderOrganisationId: z.string().min(1).max(200),
  accessProviderOrganisationId: z.string().min(1).max(200),
  signedAt: z.string().min(1).max(100),
  communications: z.array(NoticeCommunicationShape).min(1).max(50),
});
/** A signed notice as a box holds it, or as the hub's pages send it to be sealed. */
export const SignedNoticeBodySchema = z.object({
  signed: SignedProvisionNoticeSchema,
  signature: z.string().min(1).max(4000),
  keyId: z.string().min(1).max(200),
  webauthn: WebAuthnPartsSchema.optional(),
});

/** Why a notice's signature does not count: a closed list, each in both languages. */
export const NOTICE_SIGNATURE_PROBLEMS = {
  unsigned: {
    ja: 'この提供の通知には、提供したプロバイダの署名がありません（署名のない通知は、誰でも封緘できるため使えません）',
    en:
      'this provision notice is not signed by the provider that gave it ' +
      '(an unsigned notice could have been sealed by anyone)',
  },
  unreadable: {
    ja: '提供の通知の中身を読み取れません（形式が不正です）',
    en: 'what the provision notice holds cannot be read (malformed)',
  },
  key_unknown: {
    ja: '提供の通知の署名鍵がディレクトリにありません',
    en: "the provision notice's signing key is not in the directory",
  },
  not_provider: {
    ja: '提供の通知の署名鍵は、通知を提供したプロバイダのもの（設置鍵または法務担当者の認証器）ではありません',
    en:
      "the provision notice's signing key is not the giving provider's " +
      "(its installation key or a legal officer's passkey)",
  },
  not_trusted: {
    ja: '提供の通知の署名鍵は署名の時点で有効でないか、失効しています',
    en: "the provision notice's signing key was not valid at signing, or has been revoked",
  },
  other_request: {
    ja: '署名された内容は別の提供の通知（別の通知・別の宛先・別の提供者）のものです',
    en: 'what was signed is another provision notice (another notice, addressee or giver)',
  },
  ...passkeyProblemMessages({ ja: '提供の通知', en: 'this provision notice' }),
  signature: {
    ja: '提供の通知の署名が内容と一致しません（改ざんまたは偽造）',
    en: "the provision notice's signature does not match its content (altered or forged)",
  },
  signer_role: {
    ja:
      '署名した時点で、署名者は提供したプロバイダで提供命令に応じる役割（法務担当など）にありませんでした' +
      '（ディレクトリの記録）',
    en:
      'the signer did not hold a role of the giving provider that carries out provision orders (its legal ' +
      'officer, say) when they signed, as the directory records',
  },
} as const satisfies Record<string, Bilingual>;
export type NoticeSignatureProblem = keyof typeof NOTICE_SIGNATURE_PROBLEMS;

/** The refusal of a notice whose signature does not count: what was opened is not used. */
export function noticeSignatureRefused(problem: NoticeSignatureProblem, noticeId: string): DomainError {
  const why = NOTICE_SIGNATURE_PROBLEMS[problem];
  return new DomainError(
    'SIGNATURE_INVALID',
    {
      ja: `${why.ja}。開いた内容は使いません。提供したプロバイダとハブの管理者に確認してください`,
      en: `${why.en}: what was opened is not used; check with the provider that gave it and the hub administrator`,
    },
    { field: 'signature', value: noticeId, reason: problem },
  );
}

/**
 * The hub's own unsigned form, as the hub's pages sealed notices for a content provider holding its own
 * key until the person's passkey signed them there (src/court/provision-pages.ts): the hub no longer
 * makes it, and the openers still take one stored before with that said (`signedBy: null`, shown red):
 * it is the hub's word.
 */
export interface HubSealedNoticeBody {
  sealedBy: 'hub';
  orderId: string;
  orderReference: string;
  communications: NoticeCommunication[];
}
const HubSealedNoticeBodySchema = z.strictObject({
  sealedBy: z.literal('hub'),
  orderId: z.string().min(1).max(200),
  orderReference: z.string().min(1).max(200),
  communications: z.array(NoticeCommunicationShape).min(1).max(50),
});

/** The body in the hub's unsigned form, or null. */
export function hubSealedNoticeBody(body: unknown): HubSealedNoticeBody | null {
  const parsed = HubSealedNoticeBodySchema.safeParse(body);
  if (!parsed.success) return null;
  return {
    ...parsed.data,
    communications: parsed.data.communications.map(({ port, ...c }) => (port === undefined ? c : { ...c, port })),
  };
}

/** The body as signed, or null when it is not in the signed form (an unsigned body: refused as `unsigned`). */
export function signedNoticeBody(body: unknown): SignedNoticeBody | null {
  const parsed = SignedNoticeBodySchema.safeParse(body);
  if (!parsed.success) return null;
  const { webauthn, ...rest } = parsed.data;
  const signed: SignedProvisionNotice = {
    ...rest.signed,
    communications: rest.signed.communications.map(({ port, ...c }) => (port === undefined ? c : { ...c, port })),
  };
  return { ...rest, signed, ...(webauthn ? { webauthn } : {}) };
}
