import { z } from 'zod';
import { SYSTEM_ACTOR } from '../audit/events.ts';
import { identifierHashKey, keyedHash } from '../crypto/keyed-hash.ts';
import { getOrganisation, getUnit } from '../directory/lookups.ts';
import { type Principal, requirePermission } from '../domain/access.ts';
import { DomainError } from '../domain/errors.ts';
import { matchingKeys } from '../domain/identifiers.ts';
import type { Target } from '../domain/targets.ts';
import { DAY_MS } from '../domain/time.ts';
import { newId } from '../kernel/ids.ts';
import type { UnitOfWork } from '../kernel/unit-of-work.ts';
import type { RequestRow } from '../store/schema.ts';
import { getSetting, SETTINGS } from '../store/settings.ts';
import {
  countNotifiedMatches,
  deleteIndexEntries,
  findOverlaps,
  insertIndexEntries,
  insertMatch,
  noticesForUnit,
} from './overlap.repository.ts';

// Deconfliction between forces (docs/security.md, "Deconfliction"). At issuance every identifier a
// request names is canonicalised (src/domain/identifiers.ts) and stored only as a keyed hash; when
// another force's open request issued within the window names the same identifier, the two unit heads
// each get a pointer notice: the other unit and its contact, nothing of the other request.

/** Days an issued request stays in the window (overridden by the `overlap.window_days` setting). */
export const DEFAULT_WINDOW_DAYS = 90;
/** Matches one unit's issuances may notify in 24 hours (`overlap.notices_per_day`); further ones are held. */
export const DEFAULT_NOTICES_PER_DAY = 20;

const PositiveInt = z.coerce.number().int().min(1).max(3650);

async function numberSetting(uow: UnitOfWork, key: 'overlapWindowDays' | 'overlapNoticesPerDay', fallback: number) {
  const raw = await getSetting(uow.tx, SETTINGS[key]);
  const parsed = PositiveInt.safeParse(raw);
  return raw !== undefined && parsed.success ? parsed.data : fallback;
}

/**
 * Indexes a request at issuance (inside the approval's unit of work) and records its matches with other
 * forces' open requests. Each match is audited; matches past the unit's daily limit are recorded and
 * audited as held, without a notice (a force cannot probe the index by issuing requests).
 */
export async function indexIssuedRequest(uow: UnitOfWork, row: RequestRow, targets: readonly Target[]): Promise<void> {
  const key = identifierHashKey(uow.ctx.kek);
  const digests = matchingKeys(targets).map((k) => keyedHash(key, k));
  const issuedAt = row.issued_at ?? uow.now.toISOString();
  await insertIndexEntries(
    uow.tx,
    digests.map((digest) => ({
      digest,
      request_id: row.id,
      agency_organisation_id: row.agency_organisation_id,
      unit_id: row.unit_id,
      issued_at: issuedAt,
    })),
  );
  const windowDays = await numberSetting(uow, 'overlapWindowDays', DEFAULT_WINDOW_DAYS);
  const since = new Date(uow.now.getTime() - windowDays * DAY_MS).toISOString();
  const others = await findOverlaps(uow.tx, digests, row.agency_organisation_id, since, row.id);
  if (others.length === 0) return;
  const perDay = await numberSetting(uow, 'overlapNoticesPerDay', DEFAULT_NOTICES_PER_DAY);
  let notified = await countNotifiedMatches(uow.tx, row.unit_id, new Date(uow.now.getTime() - DAY_MS).toISOString());
  for (const other of others) {
    const notify = notified < perDay;
    const id = newId('ovl');
    const inserted = await insertMatch(uow.tx, {
      id,
      request_id: row.id,
      unit_id: row.unit_id,
      other_request_id: other.request_id,
      other_unit_id: other.unit_id,
      matched_at: uow.now.toISOString(),
      notified: notify ? 1 : 0,
    });
    if (!inserted) continue;
    if (notify) notified++;
    await uow.audit({
      actor: SYSTEM_ACTOR,
      action: notify ? 'overlap.matched' : 'overlap.held',
      subjectType: 'request',
      subjectId: row.id,
      details: {
        matchId: id,
        otherRequestId: other.request_id,
        unitId: row.unit_id,
        otherUnitId: other.unit_id,
        ...(notify ? {} : { limitPerDay: perDay }),
      },
    });
  }
}

export const OverlapNotice = z
  .object({
    id: z.string(),
    at: z.string(),
    /** The recipient unit's own request that matched. */
    ownRequest: z.object({ id: z.string(), reference: z.string() }),
    /** Whom to call: the other force's unit and its contact, nothing of its request. */
    otherUnit: z.object({
      organisationNameJa: z.string(),
      organisationNameEn: z.string(),
      unitNameJa: z.string(),
      unitNameEn: z.string(),
      callbackPhone: z.string().nullable(),
    }),
  })
  .meta({ id: 'OverlapNotice' });
export type OverlapNotice = z.infer<typeof OverlapNotice>;

/** The pointer notices of the caller's unit (a unit head's), newest first. The reading is audited. */
export async function listOverlapNotices(uow: UnitOfWork, p: Principal): Promise<OverlapNotice[]> {
  requirePermission(p, 'overlap.notices');
  if (p.unitId === null) {
    throw new DomainError('FORBIDDEN', {
      ja: '所属のない利用者には重複照会の通知はありません',
      en: 'overlap notices go to the heads of a unit; you belong to none',
    });
  }
  const rows = await noticesForUnit(uow.tx, p.unitId, 200);
  const out: OverlapNotice[] = [];
  for (const r of rows) {
    const unit = await getUnit(uow.tx, r.other_unit_id);
    const org = await getOrganisation(uow.tx, unit.organisationId);
    out.push({
      id: r.id,
      at: r.matched_at,
      ownRequest: { id: r.own_request_id, reference: r.own_reference },
      otherUnit: {
        organisationNameJa: org.nameJa,
        organisationNameEn: org.nameEn,
        unitNameJa: unit.nameJa,
        unitNameEn: unit.nameEn,
        callbackPhone: unit.callbackPhone,
      },
    });
  }
  await uow.auditBy(p, 'overlap.notices_read', ['unit', p.unitId], { count: out.length });
  return out;
}

/** Retention removed a request's identifiers: its keyed hashes leave the index too (matches keep ids only). */
export async function forgetRequest(uow: UnitOfWork, requestId: string): Promise<void> {
  await deleteIndexEntries(uow.tx, requestId);
}
