import { z } from 'zod';
import { type Caller, type Principal, requirePermission, rolesHolding } from '../domain/access.ts';
import { designationDigest, SignedDutyDesignationSchema } from '../domain/duty.ts';
import { SignedEnvelopeSchema } from '../domain/envelope.ts';
import { DomainError } from '../domain/errors.ts';
import {
  checkPinnable,
  DIRECTORY_FORMAT,
  type DirectoryEntry,
  type DirectoryExport,
  DirectoryExportSchema,
  type DirectoryHead,
  DirectoryHeadSchema,
  directoryRefusalWords,
  directoryRoot,
  type OfflineVerdict,
  signDirectoryHead,
  verifyEnvelopeOffline,
} from '../domain/pinned-directory.ts';
import type { RoleEntry } from '../domain/pinned-roles.ts';
import { refusedEntry } from '../domain/pinned-times.ts';
import { NOTICE_SIGNING_ROLES, type NoticeSignerRoles } from '../domain/provision-notice.ts';
import { parseOrThrow } from '../domain/validation.ts';
import { PRIVILEGED_ROLES, type Role } from '../domain/vocabulary.ts';
import type { UnitOfWork } from '../kernel/unit-of-work.ts';
import type { Tx } from '../store/database.ts';
import { getSetting, putSetting, SETTINGS } from '../store/settings.ts';
import { keepPin } from './first-pinned.ts';
import { orderStandingEntries } from './order-set-asides.ts';
import {
  directoryRows,
  type LoggedGrantRow,
  loggedGrantRows,
  loggedHeldRoleRows,
  type NetworkDeclarationLogRow,
  networkDeclarationRows,
  type RevokedDesignationRow,
  revokedDesignationRows,
} from './transparency.repository.ts';

// The directory anyone can pin: the hub publishes it as a signed, append-only log; another
// installation imports it, pins it, and verifies envelopes against it offline.

const RANK: Record<DirectoryEntry['type'], number> = {
  organisation: 0,
  unit: 1,
  lawyer: 1.5,
  key: 2,
  role: 2.5,
  'key.ended': 3,
  'key.revoked': 4,
  'role.ended': 4.5,
  'duty.revoked': 4.6,
  'order.objection_filed': 4.75,
  'order.objection_decided': 4.76,
  'order.final': 4.77,
  'order.set_aside': 4.8,
  networks: 4.7,
};

/** The reason a `role.ended` entry gives for a role ended while its holder's account stays. */
export const ROLE_END_REASON = 'role_ended';

/**
 * A grant of a role that approves requests or of the judge's role, and its end: the role ended alone
 * (its holder moved to another court or department, src/directory/role-ends.ts), or its holder was
 * disabled. It is recorded when it took effect, or (held before the log carried that role) when the store
 * was upgraded to log it (migrations 038, 068). A grant whose holder was disabled before it entered the log
 * is left out: its end would be entered before its start, in the past of every pin.
 */
function grantEntries(g: LoggedGrantRow): DirectoryEntry[] {
  if (g.logged_at && g.disabled_at && g.disabled_at < g.logged_at) return [];
  const from = g.decided_at ?? g.logged_at ?? '';
  const entries: DirectoryEntry[] = [
    {
      type: 'role',
      at: g.logged_at ?? from,
      id: g.id,
      organisationId: g.organisation_id,
      unitId: g.unit_id,
      userId: g.user_id,
      role: g.role,
      from,
    },
  ];
  // An end of the role alone (migration 074) comes before any disabling: an account is disabled after.
  if (g.ended_at) entries.push({ type: 'role.ended', at: g.ended_at, grantId: g.id, reason: ROLE_END_REASON });
  else if (g.disabled_at) {
    entries.push({ type: 'role.ended', at: g.disabled_at, grantId: g.id, reason: 'user_disabled' });
  }
  return entries;
}

/**
 * The revocation of a duty designation: the head's act, recorded when it was made (or, made before the
 * log carried them, when the store was upgraded to log them), with the instant it took effect.
 */
function revocationEntry(r: RevokedDesignationRow): DirectoryEntry {
  const signed = SignedDutyDesignationSchema.parse(JSON.parse(r.signed));
  return {
    type: 'duty.revoked',
    at: r.logged_at ?? r.revoked_at,
    designationId: r.id,
    digest: designationDigest(signed.designation),
    unitId: r.unit_id,
    revokedBy: r.revoked_by,
    revokedAt: r.revoked_at,
  };
}

/**
 * A provider's declaration of its networks, whole, when it was made (or, made before the log carried
 * them, when the store was upgraded to log them: migration 050). A later one supersedes it.
 */
function networksEntry(r: NetworkDeclarationLogRow): DirectoryEntry {
  const list = (text: string) => z.array(z.string()).parse(JSON.parse(text));
  return {
    type: 'networks',
    at: r.declared_at,
    id: r.id,
    organisationId: r.organisation_id,
    cidrs: list(r.cidrs),
    asns: z.array(z.number().int()).parse(JSON.parse(r.asns)),
    domains: list(r.domains),
    // Signed on the provider's installation (migration 054); absent otherwise, so earlier leaves keep their hash.
    ...(r.signed_key_id && r.signed_at && r.signature
      ? { signature: { keyId: r.signed_key_id, signedAt: r.signed_at, value: r.signature } }
      : {}),
  };
}

/**
 * Every change of the directory as an entry, in the order it happened: organisations and units
 * registered, keys and credentials created, keys ended (rotation) and revoked, approving roles and the
 * judge's role granted and ended, duty designations revoked, networks declared. Rows are never deleted
 * and these instants never move, so a later log only appends.
 */
export async function directoryEntries(uow: UnitOfWork): Promise<DirectoryEntry[]> {
  const { organisations, units, keys, lawyers } = await directoryRows(uow.tx);
  const entries: DirectoryEntry[] = [
    ...organisations.map(
      (o): DirectoryEntry => ({
        type: 'organisation',
        at: o.created_at,
        id: o.id,
        kind: o.kind,
        nameJa: o.name_ja,
        nameEn: o.name_en,
      }),
    ),
    ...units.map(
      (u): DirectoryEntry => ({
        type: 'unit',
        at: u.created_at,
        id: u.id,
        organisationId: u.organisation_id,
        nameJa: u.name_ja,
        nameEn: u.name_en,
      }),
    ),
    ...lawyers.map(
      (l): DirectoryEntry => ({
        type: 'lawyer',
        at: l.created_at,
        id: l.id,
        organisationId: l.organisation_id,
        name: l.display_name,
        registrationNumber: l.bar_registration_number ?? '',
        barAssociation: l.bar_association ?? '',
      }),
    ),
  ];
  for (const k of keys) {
    entries.push({
      type: 'key',
      at: k.valid_from,
      id: k.id,
      organisationId: k.organisation_id,
      ownerType: k.owner_type,
      ownerId: k.owner_id,
      purpose: k.purpose,
      algorithm: k.algorithm,
      publicKey: k.public_key,
      fingerprint: k.fingerprint,
      credential: k.credential_id && k.rp_id ? { id: k.credential_id, rpId: k.rp_id } : null,
    });
    if (k.valid_to) entries.push({ type: 'key.ended', at: k.valid_to, keyId: k.id });
    if (k.revoked_at)
      entries.push({ type: 'key.revoked', at: k.revoked_at, keyId: k.id, reason: k.revocation_reason ?? '' });
  }
  entries.push(...(await grantLogEntries(uow.tx, LOGGED_ROLES)));
  for (const r of await revokedDesignationRows(uow.tx)) entries.push(revocationEntry(r));
  entries.push(...(await orderStandingEntries(uow.tx)));
  for (const r of await networkDeclarationRows(uow.tx)) entries.push(networksEntry(r));
  return inLogOrder(entries, uow.now);
}

/**
 * The log's entries of the judge's role — its grants and their ends — in log order up to `now`: what a
 * provider pins of judges (../domain/pinned-judges.ts), for the hub's own check by the same rule.
 */
export async function judgeRoleEntries(tx: Tx, now: Date): Promise<DirectoryEntry[]> {
  return inLogOrder(await grantLogEntries(tx, rolesHolding('warrant.attest')), now);
}

/**
 * The roles whose grants the log carries: those that approve requests; the judges', so a provider checks
 * that whoever signed a warrant or an order was one; those that carry out a provision order, so an access
 * provider checks that whoever signed a notice for the content provider could.
 */
const LOGGED_ROLES: readonly Role[] = [
  ...rolesHolding('request.approve'),
  ...rolesHolding('warrant.attest'),
  ...NOTICE_SIGNING_ROLES,
];

/**
 * The entries of the grants of `roles` (at `organisationId`, or everywhere): a privileged role's
 * countersigned grants, any other role as the person was made with it (held from then on) or granted to
 * them later (a grant row, held from then on: src/directory/role-regrants.ts).
 */
async function grantLogEntries(tx: Tx, roles: readonly Role[], organisationId?: string) {
  const privileged = roles.filter((r) => PRIVILEGED_ROLES.includes(r));
  const rows = [
    ...(await loggedGrantRows(tx, roles)),
    ...(await loggedHeldRoleRows(
      tx,
      roles.filter((r) => !privileged.includes(r)),
    )),
  ];
  return rows.filter((g) => organisationId === undefined || g.organisation_id === organisationId).flatMap(grantEntries);
}

/**
 * The log's entries, as it holds them now, of the grants of the roles that sign a provision notice at
 * `organisationId` (and their ends), in log order: what an opener of a notice checks its signer against.
 */
export async function noticeSignerRoles(uow: UnitOfWork, organisationId: string): Promise<NoticeSignerRoles> {
  const entries = inLogOrder(await grantLogEntries(uow.tx, NOTICE_SIGNING_ROLES, organisationId), uow.now);
  const roles = entries.filter((e): e is RoleEntry => e.type === 'role' || e.type === 'role.ended');
  return { entries: roles, at: uow.now.toISOString() };
}

/** Entries in the log's order, those of the future left out. */
function inLogOrder(entries: DirectoryEntry[], now: Date): DirectoryEntry[] {
  const idOf = (e: DirectoryEntry) =>
    'id' in e
      ? e.id
      : 'keyId' in e
        ? e.keyId
        : 'grantId' in e
          ? e.grantId
          : 'orderId' in e
            ? e.orderId
            : e.designationId;
  return entries
    .filter((e) => e.at <= now.toISOString())
    .sort((a, b) => a.at.localeCompare(b.at) || RANK[a.type] - RANK[b.type] || idOf(a).localeCompare(idOf(b)));
}

/**
 * The hub's directory log now, signed with its pinned audit key; the head is kept as the latest the hub
 * signed when the log grew and extends the one kept before (a log rewritten since is still signed and
 * given, and every pin refuses it, but the hub's own check of a judge's records keeps the older head).
 */
export async function signedDirectory(uow: UnitOfWork): Promise<DirectoryExport> {
  return (await signAndKeep(uow)).signed;
}

/**
 * At the hub's start, before it serves a page: its log signed and its head kept by the same rule, so
 * that a hub upgraded to a release that checks records against its kept head (or whose head was deleted)
 * reads genuine records as verified from its first page. Nothing is kept when the log has not grown
 * since the kept head or no longer contains it. The head kept now, or undefined.
 */
export async function keepDirectoryHead(uow: UnitOfWork): Promise<DirectoryHead | undefined> {
  const { signed, kept } = await signAndKeep(uow);
  return kept ? signed.head : undefined;
}

/** The log now, signed; its head kept when it replaces the kept one. Every signing of the log comes here. */
async function signAndKeep(uow: UnitOfWork): Promise<{ signed: DirectoryExport; kept: boolean }> {
  const entries = await directoryEntries(uow);
  const signed = signedLogOf(uow, entries);
  const kept = extendsKept(entries, await keptHead(uow));
  if (kept) await keep(uow, signed.head);
  return { signed, kept };
}

function signedLogOf(uow: UnitOfWork, entries: DirectoryEntry[]): DirectoryExport {
  const signer = uow.ctx.auditSigner;
  return {
    format: DIRECTORY_FORMAT,
    hubKey: { publicKey: signer.publicKey, fingerprint: signer.fingerprint },
    head: signDirectoryHead(signer.privateKey, signer.keyId, entries, uow.now.toISOString()),
    entries,
  };
}

/** Whether a head of `entries` replaces the kept one: none kept, or the log grew and still contains it. */
const extendsKept = (entries: DirectoryEntry[], kept: DirectoryHead | undefined): boolean =>
  !kept || (entries.length > kept.size && directoryRoot(entries.slice(0, kept.size)) === kept.rootHash);

const keep = (uow: UnitOfWork, head: DirectoryHead) =>
  putSetting(uow.tx, SETTINGS.publishedDirectoryHead, JSON.stringify(head), uow.now.toISOString());

/** The latest head of its directory log the hub signed and kept (undefined: none, or not a head). */
export async function keptHead(uow: UnitOfWork): Promise<DirectoryHead | undefined> {
  const text = await getSetting(uow.tx, SETTINGS.publishedDirectoryHead);
  try {
    const head = DirectoryHeadSchema.safeParse(text ? JSON.parse(text) : undefined);
    return head.success ? head.data : undefined;
  } catch {
    return undefined;
  }
}

/** The hub's directory, signed with its pinned audit key: public, for any signed-in party or the operator. */
export async function exportDirectory(uow: UnitOfWork, _p: Principal | Caller): Promise<DirectoryExport> {
  return signedDirectory(uow);
}

/**
 * Pins another hub's directory in this installation: it must verify on its own, and a directory
 * already pinned may only be replaced by one from the same hub that appends to it. Audited. The pin is
 * the installation's, trusted by every verification on it, so only its operator sets it (the command
 * line, the provider's installation): no organisation's administrator does.
 */
export async function importDirectory(uow: UnitOfWork, caller: Principal | Caller, raw: unknown): Promise<Pinned> {
  requirePermission(caller, 'directory.pin');
  return pinChecked(uow, caller, parseOrThrow(DirectoryExportSchema, raw, 'directory'));
}

export type Pinned = { fingerprint: string; size: number; rootHash: string; at: string; replaced: boolean };

/**
 * importDirectory of an export already parsed (the agent's pull parses the hub's once, to compare it
 * with the pin first): checked on its own and against the pin in one pass, each entry hashed once.
 */
export async function pinDirectory(
  uow: UnitOfWork,
  caller: Principal | Caller,
  next: DirectoryExport,
): Promise<Pinned> {
  requirePermission(caller, 'directory.pin');
  return pinChecked(uow, caller, next);
}

/** The pinning both entries share, the caller's permission checked once at the entry it came in by. */
async function pinChecked(uow: UnitOfWork, caller: Principal | Caller, next: DirectoryExport): Promise<Pinned> {
  const pinnedText = await getSetting(uow.tx, SETTINGS.pinnedDirectory);
  let pinned: DirectoryExport | undefined; // parsed once, by checkPinnable, when a pin is extended
  const pinnedOf = pinnedText ? () => (pinned ??= DirectoryExportSchema.parse(JSON.parse(pinnedText))) : undefined;
  const problem = checkPinnable(next, pinnedOf, uow.now); // appended entries dated by the clock here too
  if (problem) {
    throw new DomainError('SIGNATURE_INVALID', directoryRefusalWords(problem, next.entries), {
      field: 'directory',
      reason: problem,
      ...refusedEntry(problem, next.entries, pinnedOf ? pinnedOf().entries.length : 0, uow.now),
    });
  }
  await keepPin(uow.tx, next, pinnedOf ? pinnedOf().entries.length : null, uow.now.toISOString());
  await uow.auditBy(caller, 'directory.pinned', ['directory', next.hubKey.fingerprint], {
    size: next.head.size,
    rootHash: next.head.rootHash,
    at: next.head.at,
  });
  return {
    fingerprint: next.hubKey.fingerprint,
    size: next.head.size,
    rootHash: next.head.rootHash,
    at: next.head.at,
    replaced: !!pinnedText,
  };
}

export const VerifyPinnedInput = z.strictObject({ envelope: SignedEnvelopeSchema });

/** Verifies a hub envelope against the pinned directory, offline; the verdict names its reason. */
export async function verifyAgainstPinned(
  uow: UnitOfWork,
  _caller: Principal | Caller,
  raw: unknown,
): Promise<OfflineVerdict> {
  const { envelope } = parseOrThrow(VerifyPinnedInput, raw);
  const pinnedText = await getSetting(uow.tx, SETTINGS.pinnedDirectory);
  if (!pinnedText) {
    throw new DomainError(
      'KEY_UNKNOWN',
      {
        ja: 'ハブのディレクトリが固定されていません（shokai directory import で取り込んでください）',
        en: 'no hub directory is pinned (import one with shokai directory import)',
      },
      { field: 'directory' },
    );
  }
  return verifyEnvelopeOffline(envelope, DirectoryExportSchema.parse(JSON.parse(pinnedText)), uow.now);
}
