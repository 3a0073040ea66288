import { z } from 'zod';
import { canonicalJson } from '../crypto/canonical.ts';
import { keyFingerprint } from '../crypto/keys.ts';
import { leafHash, rootOf } from '../crypto/merkle.ts';
import { signCanonical, verifyCanonical } from '../crypto/signatures.ts';
import { rolesHolding } from './access.ts';
import type { SignedEnvelope } from './envelope.ts';
import {
  keyCompromisedBy,
  keyRevokedBy,
  keyValidAt,
  type PublicKeyRecord,
  type SigningKeyHolder,
  signingKeyOf,
} from './key-trust.ts';
import {
  OrderFinalEntrySchema,
  OrderObjectionDecidedEntrySchema,
  OrderObjectionFiledEntrySchema,
} from './order-contest.ts';
import { OrderSetAsideEntrySchema } from './order-set-aside.ts';
import {
  type DutyRevokedEntry,
  DutyRevokedEntrySchema,
  type PinnedAuthorityRefusal,
  pinnedAuthorityRefusal,
  pinnedRevocations,
} from './pinned-authority.ts';
import { directoryKeys, keyEntryProblem } from './pinned-keys.ts';
import { NetworksEntrySchema } from './pinned-networks.ts';
import { pinnedRoleGrants, RoleEndedEntrySchema, RoleEntrySchema } from './pinned-roles.ts';
import { addedEntryTimeProblem, issuedAhead } from './pinned-times.ts';
import { visibleText } from './shown-text.ts';
import { approverSignature, unitSignatureVerifies } from './verification.ts';
import type { Bilingual } from './vocabulary.ts';

// Key transparency: the hub's directory (organisations, units, every public key and credential, every
// end and revocation of a key, every grant and end of a role that approves requests, every revocation of
// a duty designation, every declaration of a provider's networks) as an append-only log of entries in
// a Merkle tree (RFC 9162, the same tree as the audit log), with a head signed by the hub's pinned audit
// key. Another installation imports it, pins it, and verifies envelopes against it OFFLINE; a key it
// does not know, a revoked key, or one newer than the pinned head is refused with the reason, and so is
// an approver who did not hold the authority then (./pinned-authority.ts).

const Id = z.string().min(1).max(200);
const At = z.string().min(1).max(40);
export const DirectoryEntrySchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('organisation'),
    at: At,
    id: Id,
    kind: z.string(),
    nameJa: z.string(),
    nameEn: z.string(),
  }),
  z.strictObject({
    type: z.literal('unit'),
    at: At,
    id: Id,
    organisationId: Id,
    nameJa: z.string(),
    nameEn: z.string(),
  }),
  z.strictObject({
    type: z.literal('key'),
    at: At,
    id: Id,
    organisationId: Id.nullable(),
    ownerType: z.string(),
    ownerId: Id,
    purpose: z.string(),
    algorithm: z.string(),
    publicKey: z.string().max(4000),
    fingerprint: z.string(),
    credential: z.strictObject({ id: z.string(), rpId: z.string() }).nullable(),
  }),
  /**
   * A lawyer registered at a law office (issue 15): who signs civil disclosure requests, with their
   * registration number and bar association, so a provider can check them against the bar's register.
   */
  z.strictObject({
    type: z.literal('lawyer'),
    at: At,
    id: Id,
    organisationId: Id,
    name: z.string(),
    registrationNumber: z.string(),
    barAssociation: z.string(),
  }),
  z.strictObject({ type: z.literal('key.ended'), at: At, keyId: Id }),
  z.strictObject({ type: z.literal('key.revoked'), at: At, keyId: Id, reason: z.string() }),
  RoleEntrySchema,
  RoleEndedEntrySchema,
  DutyRevokedEntrySchema,
  OrderSetAsideEntrySchema,
  /** The objection suit filed, its end upholding or changing the order, finality (./order-contest.ts). */
  OrderObjectionFiledEntrySchema,
  OrderObjectionDecidedEntrySchema,
  OrderFinalEntrySchema,
  /** A provider's declared networks, whole; a later one supersedes it (./pinned-networks.ts). */
  NetworksEntrySchema,
]);
export type DirectoryEntry = z.infer<typeof DirectoryEntrySchema>;

export const DirectoryHeadSchema = z.strictObject({
  size: z.number().int().min(0),
  rootHash: z.string().regex(/^[0-9a-f]{64}$/),
  at: At,
  keyId: Id,
  signature: z.string().min(1).max(200),
});
export type DirectoryHead = z.infer<typeof DirectoryHeadSchema>;

export const DIRECTORY_FORMAT = 'shokai-directory/v1';
export const DirectoryExportSchema = z.strictObject({
  format: z.literal(DIRECTORY_FORMAT),
  /** The hub's audit public key (compare its fingerprint out of band before pinning). */
  hubKey: z.strictObject({ publicKey: z.string(), fingerprint: z.string() }),
  head: DirectoryHeadSchema,
  entries: z.array(DirectoryEntrySchema).max(1_000_000),
});
export type DirectoryExport = z.infer<typeof DirectoryExportSchema>;

const DIRECTORY_HEAD_PURPOSE = 'directory.tree-head';
const headPayload = (h: Omit<DirectoryHead, 'signature'>) => ({
  size: h.size,
  rootHash: h.rootHash,
  at: h.at,
  keyId: h.keyId,
});

export function directoryRoot(entries: readonly DirectoryEntry[]): string {
  return rootOf(entries.map((e) => leafHash(canonicalJson(e)))).toString('hex');
}

export function signDirectoryHead(
  privateKey: Parameters<typeof signCanonical>[0],
  keyId: string,
  entries: readonly DirectoryEntry[],
  at: string,
): DirectoryHead {
  const p = headPayload({ size: entries.length, rootHash: directoryRoot(entries), at, keyId });
  return { ...p, signature: signCanonical(privateKey, DIRECTORY_HEAD_PURPOSE, p) };
}

/** Why a directory cannot be pinned or used, in words for people. */
export const DIRECTORY_REFUSALS = {
  malformed: { ja: 'ディレクトリの形式が不正です', en: 'the directory is malformed' },
  head_signature: {
    ja: 'ディレクトリの署名済みヘッドがハブの鍵で検証できません',
    en: "the directory's signed head does not verify under the hub's key",
  },
  tampered: {
    ja: 'ディレクトリの項目が署名済みヘッドと一致しません（改ざん）',
    en: "the directory's entries do not match its signed head (tampered)",
  },
  other_hub: {
    ja: 'このディレクトリは固定済みのハブとは別の鍵で署名されています',
    en: 'this directory is signed by another key than the pinned hub',
  },
  rewritten: {
    ja: '新しいディレクトリは固定済みのものを書き換えています（追記のみのはずです）',
    en: 'the new directory rewrites the pinned one (it must only append)',
  },
  key_repeated: {
    ja: 'ディレクトリに同じ鍵 ID の鍵の項目が二つ以上あります（後の項目が先の鍵をすり替えます）',
    en: 'the directory holds more than one key entry with the same key id (a later one would replace an earlier key)',
  },
  key_fingerprint: {
    ja: 'ディレクトリの鍵の項目の指紋が、その公開鍵から計算したものと一致しません',
    en: 'a key entry of the directory gives a fingerprint that is not the one computed from its public key',
  },
  key_end_repeated: {
    ja: 'ディレクトリに同じ鍵の失効または有効期間の終了が二つ以上あります（後の項目が先の失効を取り消します）',
    en: 'the directory revokes or ends the same key more than once (a later entry would undo an earlier revocation)',
  },
  entry_time: {
    ja: 'ディレクトリの項目（初めて固定するもの・追記されたもの）の日時（at）が、前の項目より前か、この設置の時計より後か、時差付きの日時として読めません',
    en:
      'an entry of the directory (first pinned, or appended) is dated (at) before the entry before it, ' +
      "after this installation's clock, or not as an instant with its offset",
  },
} satisfies Record<string, Bilingual>;
export type DirectoryRefusal = keyof typeof DIRECTORY_REFUSALS;
export { directoryKeys, keyEntryProblem };

/** A refusal in words, naming the key entry when it is one (its position in the log, 1-based, and id). */
export function directoryRefusalWords(reason: DirectoryRefusal, entries: readonly DirectoryEntry[]): Bilingual {
  const words = DIRECTORY_REFUSALS[reason];
  const keyReason = reason === 'key_repeated' || reason === 'key_fingerprint' || reason === 'key_end_repeated';
  const entry = keyReason ? keyEntryProblem(entries) : null;
  if (!entry) return words;
  const id = visibleText(entry.keyId);
  return {
    ja: `${words.ja}（${entry.index + 1} 番目の項目、鍵 ${id}）`,
    en: `${words.en} (entry ${entry.index + 1}, key ${id})`,
  };
}

/** Checks an export's signed head alone: its hub key's fingerprint and the head's signature under it. */
export function checkHead(d: DirectoryExport): DirectoryRefusal | null {
  let fp: string;
  try {
    fp = keyFingerprint(d.hubKey.publicKey);
  } catch {
    return 'malformed';
  }
  if (fp !== d.hubKey.fingerprint) return 'malformed';
  const signed = verifyCanonical(d.hubKey.publicKey, DIRECTORY_HEAD_PURPOSE, headPayload(d.head), d.head.signature);
  return signed ? null : 'head_signature';
}

/** Checks an export on its own: the head's signature under its hub key, and the entries' root. */
export function checkDirectory(d: DirectoryExport): DirectoryRefusal | null {
  return checkPinnable(d, undefined);
}

/**
 * Whether `next` may replace the pinned `pinned`: same hub key, and append-only (the pinned entries
 * are a prefix of the new ones, so the pinned root is the root of the new log's first entries).
 */
export function checkExtends(pinned: DirectoryExport, next: DirectoryExport): DirectoryRefusal | null {
  return checkPinnable(next, () => pinned);
}

/**
 * Checks `next` on its own (checkDirectory) and, when something is pinned, as extending it
 * (checkExtends), in that order: each entry is hashed once, its leaf serving the new root and the
 * pinned prefix's. The pin is read (`pinnedOf`) only once `next` checks on its own.
 */
export function checkPinnable(
  next: DirectoryExport,
  pinnedOf: (() => DirectoryExport) | undefined,
  now?: Date,
): DirectoryRefusal | null {
  const head = checkHead(next);
  if (head) return head;
  if (next.head.size !== next.entries.length) return 'tampered';
  const leaves = next.entries.map((e) => leafHash(canonicalJson(e)));
  if (rootOf(leaves).toString('hex') !== next.head.rootHash) return 'tampered';
  const keyProblem = keyEntryProblem(next.entries);
  if (keyProblem) return keyProblem.reason;
  // A first pin's entries are dated as an extension's are: in order, none ahead of the clock, each an instant.
  if (!pinnedOf) return now && addedEntryTimeProblem(next.entries, 0, now) ? 'entry_time' : null;
  const pinned = pinnedOf();
  if (next.hubKey.publicKey !== pinned.hubKey.publicKey) return 'other_hub';
  if (next.entries.length < pinned.entries.length) return 'rewritten';
  if (rootOf(leaves.slice(0, pinned.entries.length)).toString('hex') !== pinned.head.rootHash) return 'rewritten';
  // The entries appended, dated in the log's order and not ahead of the clock here (./pinned-times.ts).
  return now && addedEntryTimeProblem(next.entries, pinned.entries.length, now) ? 'entry_time' : null;
}

export const OFFLINE_REFUSALS = {
  ...DIRECTORY_REFUSALS,
  key_unknown: {
    ja: '署名鍵が固定済みのディレクトリにありません（未知の鍵）',
    en: 'a signing key is not in the pinned directory (unknown key)',
  },
  key_newer: {
    ja: '署名鍵は固定済みのディレクトリより新しいものです。ハブのディレクトリを取り込み直してください',
    en: 'a signing key is newer than the pinned directory head: import the hub directory again',
  },
  issued_future: {
    ja: '発出日時（issuedAt）がこの設置の時計より後（未来）です',
    en: "the issue time (issuedAt) is later than this installation's clock (in the future)",
  },
  key_revoked: { ja: '署名鍵は失効しています', en: 'a signing key has been revoked' },
  key_not_valid: {
    ja: '署名時点で署名鍵が有効期間外です',
    en: 'a signing key was outside its validity period at signing time',
  },
  wrong_owner: {
    ja: '署名鍵の持ち主が要請の決裁者・所属と一致しません',
    en: "a signing key does not belong to the request's approver or unit",
  },
  signature_unit: { ja: '所属の署名が内容と一致しません', en: "the unit's signature does not match the content" },
  signature_approver: {
    ja: '決裁者の署名が内容と一致しません',
    en: "the approver's signature does not match the content",
  },
  roles_unpinned: {
    ja: '固定済みのディレクトリには決裁権限の記録がありません（以前の形式）。ハブのディレクトリを取り込み直してください',
    en: 'the pinned directory predates approval authority records: import the hub directory again',
  },
  authority_newer: {
    ja: '決裁は固定済みのディレクトリより後のもので、決裁者の権限を確認できません。ハブのディレクトリを取り込み直してください',
    en:
      'the approval is newer than the pinned directory, which does ' +
      "not show the approver's authority: import the hub directory again",
  },
  self_approval: {
    ja: '起案者自身が決裁しています（本人決裁は認められません）',
    en: 'the drafter approved their own request (self-approval is not allowed)',
  },
  duty_designation: {
    ja: '当直責任者の指定が決裁の権限を裏付けていません',
    en: 'the duty designation does not give the approver the authority to approve',
  },
  approver_authority: {
    ja: '決裁の時点で決裁者は当該所属で決裁の権限を持っていませんでした',
    en: 'the approver did not hold the authority to approve in the issuing unit at the time of approval',
  },
} satisfies Record<string, Bilingual>;
export type OfflineRefusal = keyof typeof OFFLINE_REFUSALS;

export interface OfflineVerdict {
  ok: boolean;
  reason: OfflineRefusal | null;
  message: Bilingual;
  detail?: Bilingual;
  /** Where in the envelope the problem is, for programs (never shown to people). */
  field?: string;
}

const refuse = (reason: OfflineRefusal, detail?: Bilingual, field?: string): OfflineVerdict => ({
  ok: false,
  reason,
  message: OFFLINE_REFUSALS[reason],
  ...(detail ? { detail } : {}),
  ...(field ? { field } : {}),
});

/** The approver's authority as the pinned log tells it (./pinned-authority.ts), or why not. */
function authorityRefusal(
  env: SignedEnvelope,
  dir: DirectoryExport,
  keys: ReadonlyMap<string, PublicKeyRecord>,
  now: Date,
): PinnedAuthorityRefusal | null {
  const kinds = new Map<string, string>();
  for (const e of dir.entries) if (e.type === 'organisation') kinds.set(e.id, e.kind);
  // The grants of approving roles: judges' (./pinned-judges.ts) and a content provider's people's
  // (./provision-notice.ts) are their own, each family with its own first batch.
  const revoked = dir.entries.filter((e): e is DutyRevokedEntry => e.type === 'duty.revoked');
  return pinnedAuthorityRefusal(
    env,
    {
      grants: pinnedRoleGrants(dir.entries, rolesHolding('request.approve')),
      revocations: pinnedRevocations(revoked),
      keys,
      organisationKind: (id) => kinds.get(id),
      headAt: dir.head.at,
    },
    now,
  );
}

/**
 * Verifies an envelope against a pinned directory, offline: the directory itself (signed head, root),
 * then both keys (known, of the right owner, valid at issue time, not revoked), both signatures, and the
 * approver's authority then (a head of the unit, a lawyer of the office, or the duty approver on a
 * head's signed designation; never the drafter).
 */
export function verifyEnvelopeOffline(env: SignedEnvelope, dir: DirectoryExport, now: Date): OfflineVerdict {
  const d = checkDirectory(dir);
  if (d) return refuse(d);
  const keys = directoryKeys(dir);
  const p = env.payload;
  const issued = new Date(p.issuedAt);
  if (Number.isNaN(issued.getTime())) return refuse('key_not_valid');
  // As the hub refuses it (./verification.ts): a key's holder dating an envelope ahead would age the key.
  const ahead = issuedAhead(p.issuedAt, now);
  if (ahead) return refuse('issued_future', ahead, 'issuedAt');
  for (const [role, keyId] of [
    ['approver', env.signatures.approver.keyId],
    ['unit', env.signatures.unit.keyId],
  ] as const) {
    const k = keys.get(keyId);
    if (!k)
      return refuse(issued.getTime() > Date.parse(dir.head.at) ? 'key_newer' : 'key_unknown', { ja: keyId, en: keyId });
    // The one owner rule (./key-trust.ts): the approver's key a person's of the agency, the unit's key the
    // unit's — owner type and organisation too, not the owner id alone.
    const holder: SigningKeyHolder =
      role === 'approver'
        ? { ownerType: 'user', userId: p.approverUserId, organisationId: p.agencyOrganisationId }
        : { ownerType: 'unit', unitId: p.unitId, organisationId: p.agencyOrganisationId };
    if (!signingKeyOf(k, holder)) return refuse('wrong_owner', { ja: keyId, en: keyId });
    if (keyRevokedBy(k, issued) || keyCompromisedBy(k, now))
      return refuse('key_revoked', { ja: k.fingerprint, en: k.fingerprint });
    if (!keyValidAt(k, issued)) return refuse('key_not_valid', { ja: k.fingerprint, en: k.fingerprint });
  }
  const uk = keys.get(env.signatures.unit.keyId) as PublicKeyRecord;
  if (!unitSignatureVerifies(env, uk)) return refuse('signature_unit');
  const approver = approverSignature(env, keys.get(env.signatures.approver.keyId) as PublicKeyRecord);
  if (!approver.ok) return refuse('signature_approver', approver.why);
  const authority = authorityRefusal(env, dir, keys, now);
  if (authority) return refuse(authority.reason, authority.detail, authority.field);
  return {
    ok: true,
    reason: null,
    message: {
      ja: `固定済みディレクトリ（${dir.head.size} 項目、${dir.head.at}）に照らして、決裁者と所属の署名は有効で、決裁者は決裁の権限を持っていました`,
      en:
        `the approver's and the unit's signatures verify against the pinned directory ` +
        `(${dir.head.size} entries, ${dir.head.at}), and the approver held the authority to approve`,
    },
  };
}
