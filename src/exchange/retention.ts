import { z } from 'zod';
import { eraseConsultationPersonalData, findConsultationOpening } from '../consultation/consultation.repository.ts';
import { canonicalJson, sha256Hex } from '../crypto/canonical.ts';
import { keyToSealTo } from '../directory/keys.ts';
import { type Caller, mayOpenAnswer, type Principal, requirePermission } from '../domain/access.ts';
import { DomainError } from '../domain/errors.ts';
import type { RequestContent } from '../domain/request-content.ts';
import {
  type ArchivedConsultation,
  ArchivedConsultationSchema,
  type ArchivedFile,
  ArchivedFileSchema,
  effectivePolicy,
  purgedError,
  type RetentionPolicy,
  type RetentionPolicyOverrides,
  RetentionPolicyOverridesSchema,
  RetentionRuleSchema,
  retainedContent,
  retainedSecondCheck,
  retentionDueAt,
} from '../domain/retention.ts';
import { type Target, TargetSchema } from '../domain/targets.ts';
import { parseOrThrow } from '../domain/validation.ts';
import { REQUEST_KINDS, type RequestKind, type RetentionMode } from '../domain/vocabulary.ts';
import { eraseHearingText } from '../hearing/hearing.repository.ts';
import type { AppContext } from '../kernel/context.ts';
import { run, type UnitOfWork } from '../kernel/unit-of-work.ts';
import { forgetRequest } from '../overlap/deconfliction.ts';
import type { Db, Tx } from '../store/database.ts';
import { forgetErasedPages } from '../store/erasure.ts';
import type { ConsultationRow, RequestRow, RetentionRecordRow } from '../store/schema.ts';
import { getSetting, putSetting, SETTINGS } from '../store/settings.ts';
import { requestKindOf, STORED, storedValueOrUnknown } from '../store/stored-values.ts';
import { holdOn } from './holds.ts';
import { findRequest } from './request.repository.ts';
import { accessFacts, loadVisible, secondCheckOf } from './requests.ts';
import {
  closedWithoutRetention,
  findRetentionRecord,
  insertRetentionRecord,
  personalDataOf,
  removePersonalData,
} from './retention.repository.ts';
import { openOnHub, sealTo } from './sealing.ts';

// Retention and purpose limitation (issue 14, item 6; docs/security.md, "Retention"). A closed
// request's personal data is kept for its kind's period, then purged (gone, sealed copies included) or
// archived sealed (what was in clear goes into a box sealed to the issuing unit's key; the answer and
// attachments stay sealed as they were). What was derived from the request goes with it: the consultation
// it was opened from (into the box when archived) and the subscriber's hearing (the provider's, never
// the requester's to read: emptied in both modes; docs/decisions.md). Runs as the system from
// `shokai retention purge` (a cron or timer job), one unit of work per request, each audited; the audit
// log itself is never touched.

async function overrides(db: Db | Tx): Promise<RetentionPolicyOverrides> {
  const raw = await getSetting(db, SETTINGS.retentionPolicy);
  if (raw === undefined) return {};
  // A stored setting was validated when set; one that no longer parses is an operator's hand edit.
  return parseOrThrow(RetentionPolicyOverridesSchema, JSON.parse(raw), 'retention.policy');
}

/** The policy in force: each kind's period and mode, and which kinds the installation overrides. */
export async function retentionPolicy(
  uow: UnitOfWork,
  caller: Caller,
): Promise<{ policy: RetentionPolicy; overridden: RequestKind[] }> {
  requirePermission(caller, 'retention.purge');
  const o = await overrides(uow.tx);
  return { policy: effectivePolicy(o), overridden: REQUEST_KINDS.filter((k) => o[k] !== undefined) };
}

export const SetRetentionInput = z.strictObject({
  kind: z.enum(REQUEST_KINDS),
  days: RetentionRuleSchema.shape.days,
  mode: RetentionRuleSchema.shape.mode,
});

/** Sets one kind's period and mode (audited); the other kinds keep theirs. */
export async function setRetentionRule(uow: UnitOfWork, caller: Caller, raw: unknown): Promise<RetentionPolicy> {
  requirePermission(caller, 'retention.purge');
  const input = parseOrThrow(SetRetentionInput, raw);
  const o = { ...(await overrides(uow.tx)), [input.kind]: { days: input.days, mode: input.mode } };
  await putSetting(uow.tx, SETTINGS.retentionPolicy, JSON.stringify(o), uow.now.toISOString());
  await uow.auditBy(caller, 'retention.policy_set', ['installation', null], input);
  return effectivePolicy(o);
}

export interface DueRequest {
  id: string;
  reference: string;
  kind: RequestKind;
  closedAt: string;
  dueAt: string;
  mode: RetentionMode;
}

/**
 * Closed requests whose period has run and that retention has not handled yet (oldest first), and those it
 * cannot judge: a kind this version does not know has no rule here, so it is neither purged nor left unsaid.
 */
export async function dueForRetention(
  uow: UnitOfWork,
  caller: Caller,
  limit = 1000,
): Promise<{ due: DueRequest[]; unreadable: UnreadableRequest[] }> {
  requirePermission(caller, 'retention.purge');
  const policy = effectivePolicy(await overrides(uow.tx));
  const out: DueRequest[] = [];
  const unreadable: UnreadableRequest[] = [];
  for (const r of await closedWithoutRetention(uow.tx, limit)) {
    const kind = storedValueOrUnknown(STORED.requestKind, r.kind, r.id);
    if (kind === null) {
      unreadable.push({ id: r.id, reference: r.reference, kind: r.kind });
      continue;
    }
    const rule = policy[kind];
    const due = retentionDueAt(r.closed_at, rule);
    if (due <= uow.now) {
      out.push({
        id: r.id,
        reference: r.reference,
        kind,
        closedAt: r.closed_at,
        dueAt: due.toISOString(),
        mode: rule.mode,
      });
    }
  }
  return { due: out, unreadable };
}

/** A closed request whose stored kind this version does not know: retention cannot judge it. */
export interface UnreadableRequest {
  id: string;
  reference: string;
  kind: string;
}

/**
 * What an archive box holds: what was in clear (the targets, the signed envelope, messages, links, the
 * consultation it was opened from, the content as it stood, the provider's decline note, the files' names
 * and the call-back note; boxes sealed before consultations, the content's text, the names or the note were
 * removed have none of those).
 */
const ArchiveSchema = z.object({
  requestId: z.string(),
  targets: z.array(z.unknown()),
  envelope: z.string().nullable(),
  messages: z.array(z.object({ purpose: z.string(), body: z.string(), createdAt: z.string() })),
  links: z.array(z.string()),
  consultation: ArchivedConsultationSchema.nullable().optional(),
  content: z.record(z.string(), z.unknown()).nullable().optional(),
  declineNote: z.string().nullable().optional(),
  files: z.array(ArchivedFileSchema).optional(),
  secondCheckNote: z.string().nullable().optional(),
});

const archivedConsultation = (c: ConsultationRow): ArchivedConsultation => ({
  id: c.id,
  reference: c.reference,
  person: { name: c.person_name, contact: c.person_contact },
  account: c.account,
  targets: JSON.parse(c.targets) as unknown[],
  mailHeaders: c.mail_headers,
  mailOrigin: c.mail_origin,
  adviceNote: c.advice_note,
});

export interface RetentionOutcome {
  requestId: string;
  mode: RetentionMode;
  removed: {
    targets: number;
    envelope: boolean;
    messages: number;
    links: number;
    answer: boolean;
    attachments: number;
    /** The files whose names were emptied (sealed into the box when archived). */
    fileNames: number;
    /** The subscriber's hearing (letter, reasons, notes) was emptied. */
    hearing: boolean;
    /** The consultation the request was opened from lost its personal fields. */
    consultation: boolean;
  };
}

/**
 * Applies retention to one request, if it is due (checked again inside this unit of work). Returns
 * null when it is not (still open, not yet due, already handled) or when a court's erasure-prohibition
 * order holds it (./holds.ts; audited as kept).
 */
export async function applyRetention(
  uow: UnitOfWork,
  caller: Caller,
  requestId: string,
): Promise<RetentionOutcome | null> {
  requirePermission(caller, 'retention.purge');
  const row = await findRequest(uow.tx, requestId);
  if (row?.state !== 'closed' || !row.closed_at) return null;
  if (await findRetentionRecord(uow.tx, requestId)) return null;
  const rule = effectivePolicy(await overrides(uow.tx))[requestKindOf(row)];
  if (retentionDueAt(row.closed_at, rule) > uow.now) return null;
  // An erasure-prohibition order stands on this data: kept, and the keeping recorded (each run).
  const hold = await holdOn(uow.tx, row);
  if (hold) {
    await uow.auditBy(caller, 'retention.held', ['request', requestId], {
      holdId: hold.id,
      sourceType: hold.source_type,
      sourceId: hold.source_id,
    });
    return null;
  }

  // Validated when it was written: read as it stands, even if the schema has since grown stricter.
  const content = JSON.parse(row.content) as RequestContent;
  const check = secondCheckOf(row);
  const held = await personalDataOf(uow.tx, requestId);
  const consultation = await findConsultationOpening(uow.tx, requestId);
  const archive = {
    requestId,
    targets: content.targets,
    envelope: row.envelope,
    messages: held.messages.map((m) => ({ purpose: m.purpose, body: m.body, createdAt: m.created_at })),
    links: held.links.map((l) => l.identifier),
    consultation: consultation ? archivedConsultation(consultation) : null,
    content,
    declineNote: row.decline_note,
    files: held.attachments.map((a): ArchivedFile => ({ id: a.id, fileName: a.file_name })),
    secondCheckNote: check?.note ?? null,
  };
  let box: string | null = null;
  if (rule.mode === 'archive') {
    const unitKey = await keyToSealTo(uow, 'unit', row.unit_id);
    box = JSON.stringify(await sealTo(unitKey, canonicalJson(archive), archiveAad(requestId)));
  }
  const purge = rule.mode === 'purge';
  const removed = {
    targets: archive.targets.length,
    envelope: row.envelope !== null,
    messages: archive.messages.length,
    links: archive.links.length,
    answer: purge && held.answer !== undefined,
    attachments: purge ? held.attachments.length : 0,
    fileNames: archive.files.length,
    hearing: false,
    consultation: consultation !== undefined,
  };
  const left = retainedSecondCheck(check);
  await removePersonalData(
    uow.tx,
    requestId,
    { content: JSON.stringify(retainedContent(content)), secondCheck: left && JSON.stringify(left) },
    uow.now.toISOString(),
    purge,
  );
  uow.afterCommit(() => forgetErasedPages(uow.ctx.store));
  // The hearing names the subscriber in the provider's words and theirs: it never goes into the
  // requester's box (that would disclose what the provider may have withheld), so it is emptied.
  const heard = await eraseHearingText(uow.tx, requestId);
  removed.hearing = heard.letter || heard.impossible;
  if (consultation) await eraseConsultationPersonalData(uow.tx, consultation.id, uow.now.toISOString());
  await forgetRequest(uow, requestId);
  await insertRetentionRecord(uow.tx, {
    request_id: requestId,
    mode: rule.mode,
    at: uow.now.toISOString(),
    closed_at: row.closed_at,
    retention_days: rule.days,
    archive: box,
    removed: JSON.stringify(removed),
  });
  // Counts and a digest of what left the rows: never the data itself.
  await uow.auditBy(caller, purge ? 'retention.purged' : 'retention.archived', ['request', requestId], {
    days: rule.days,
    closedAt: row.closed_at,
    removed,
    removedDigest: sha256Hex(canonicalJson(archive)),
  });
  return { requestId, mode: rule.mode, removed };
}

export const archiveAad = (requestId: string) => `shokai/retention-archive/${requestId}`;

/**
 * Refuses the hearing of a request retention handled, saying when and why: its letter, reasons and
 * notes were emptied in either mode (none of it went into the requester's archive).
 */
export async function refuseHearingAfterRetention(db: Db | Tx, requestId: string): Promise<void> {
  const r = await findRetentionRecord(db, requestId);
  if (r) throw purgedError('hearing', { mode: 'purge', at: r.at, retentionDays: r.retention_days }, requestId);
}

/** Refuses to open an answer or attachment retention purged, saying when and why. */
export async function refuseIfPurged(db: Db | Tx, requestId: string, what: 'answer' | 'attachment'): Promise<void> {
  const r = await findRetentionRecord(db, requestId);
  if (r && r.mode === 'purge') {
    throw purgedError(what, { mode: 'purge', at: r.at, retentionDays: r.retention_days }, requestId);
  }
}

export interface OpenedArchive {
  requestId: string;
  archivedAt: string;
  targets: Target[];
  messages: Array<{ purpose: string; body: string; createdAt: string }>;
  links: Target[];
  envelope: string | null;
  /** The consultation the request was opened from, as it stood when archived; null if none. */
  consultation: (Omit<ArchivedConsultation, 'targets'> & { targets: Target[] }) | null;
  /** The request's content as it stood, its text included; null in boxes sealed before it was kept. */
  content: RequestContent | null;
  /** The provider's note when it declined (null if none, and in boxes sealed before it was kept). */
  declineNote: string | null;
  /** The files' names, by id (none in boxes sealed before they were kept). */
  files: ArchivedFile[];
  /** The provider's note of its call-back (null if none, and in boxes sealed before it was kept). */
  secondCheckNote: string | null;
}

/**
 * A request's archive, still sealed, for members of the issuing unit who may open its answer: NOT_FOUND
 * when retention has not archived it, gone (410) when it purged it.
 */
export async function sealedArchiveOf(
  uow: UnitOfWork,
  p: Principal,
  id: string,
): Promise<{ row: RequestRow; record: RetentionRecordRow; sealedText: string }> {
  const { row } = await loadVisible(uow.tx, p, id, uow.now);
  if (!mayOpenAnswer(p, accessFacts(row))) {
    throw new DomainError(
      'FORBIDDEN',
      {
        ja: '保管データを開封できるのは要請元所属の捜査員・所属長のみです',
        en: 'only investigators and heads of the requesting unit can open the archive',
      },
      { id },
    );
  }
  const record = await findRetentionRecord(uow.tx, id);
  if (!record) {
    throw new DomainError(
      'NOT_FOUND',
      { ja: 'この要請は保管されていません', en: 'this request has no archive' },
      { id },
    );
  }
  if (record.mode === 'purge' || !record.archive) {
    throw purgedError('archive', { mode: 'purge', at: record.at, retentionDays: record.retention_days }, id);
  }
  return { row, record, sealedText: record.archive };
}

/** Opens a request's sealed archive on the hub (a unit not yet migrated to device custody); audited. */
export async function readArchive(uow: UnitOfWork, p: Principal, id: string): Promise<OpenedArchive> {
  const { record, sealedText } = await sealedArchiveOf(uow, p, id);
  const plain = await openOnHub(uow, sealedText, archiveAad(id), id, { ja: '保管データ', en: 'archive' });
  const archive = ArchiveSchema.parse(JSON.parse(plain.toString('utf8')));
  await uow.auditBy(p, 'retention.archive_read', ['request', id]);
  return {
    requestId: id,
    archivedAt: record.at,
    targets: archive.targets.map((t) => TargetSchema.parse(t) as Target),
    messages: archive.messages,
    links: archive.links.map((l) => TargetSchema.parse(JSON.parse(l)) as Target),
    envelope: archive.envelope,
    consultation: archive.consultation
      ? { ...archive.consultation, targets: archive.consultation.targets.map((t) => TargetSchema.parse(t) as Target) }
      : null,
    // Validated when it was written, and sealed since: read as it stands.
    content: (archive.content ?? null) as RequestContent | null,
    declineNote: archive.declineNote ?? null,
    files: archive.files ?? [],
    secondCheckNote: archive.secondCheckNote ?? null,
  };
}

/**
 * The retention job (`shokai retention purge`, from cron or a systemd timer): each due request in a
 * unit of work of its own, so a crash keeps what was done and a retry goes on from there.
 */
export async function runRetention(
  ctx: AppContext,
  caller: Caller,
  options: { dryRun?: boolean } = {},
): Promise<{ due: DueRequest[]; applied: RetentionOutcome[]; unreadable: UnreadableRequest[] }> {
  const { due, unreadable } = await run(ctx, dueForRetention, caller, 1000);
  const applied: RetentionOutcome[] = [];
  if (options.dryRun) return { due, applied, unreadable };
  for (const d of due) {
    const r = await run(ctx, applyRetention, caller, d.id);
    if (r) applied.push(r);
  }
  return { due, applied, unreadable };
}
