import { z } from 'zod';
import { pinDirectory } from '../directory/transparency.ts';
import { SYSTEM_CALLER } from '../domain/access.ts';
import { DomainError } from '../domain/errors.ts';
import {
  checkHead,
  DIRECTORY_REFUSALS,
  type DirectoryExport,
  DirectoryExportSchema,
  type DirectoryRefusal,
} from '../domain/pinned-directory.ts';
import type { Bilingual } from '../domain/vocabulary.ts';
import type { AppContext } from '../kernel/context.ts';
import { logger } from '../kernel/logger.ts';
import { inTransaction, type UnitOfWork } from '../kernel/unit-of-work.ts';
import type { Db, Tx } from '../store/database.ts';
import { getSetting, putSetting, SETTINGS } from '../store/settings.ts';
import { fetchDirectory, type HubLink } from './hub.ts';
import { pinnedDirectory } from './intake.ts';

// Before a pull verifies a new envelope, the pin is extended to the hub's current log head, so a key or
// a duty designation revoked since the last pin counts at once. The hub's log must append to the pin
// (pinDirectory checks it, so a hub cannot rewrite history): one that does not is refused, nothing
// new is taken in that cycle, and the refusal is kept in the store (audited when it begins or its reason
// changes, shown on the status page) until a later cycle extends the pin. No pin, no extension: the
// first pin is a person's, compared out of band. A log that has not grown since the pin (the same size
// and root, under a head the hub signed again) leaves the pin and the audit log as they are: only the
// instant it was confirmed is kept, for the status page.

const REASONS = Object.keys(DIRECTORY_REFUSALS) as [DirectoryRefusal, ...DirectoryRefusal[]];

const PinRefusalSchema = z.strictObject({
  reason: z.enum(REASONS),
  /** The first cycle that refused the hub's log for this reason. */
  since: z.string(),
  /** The last one. */
  at: z.string(),
});

/** The hub's log refused as not extending the pin, while it lasts: nothing new is taken in meanwhile. */
export type PinRefusal = z.infer<typeof PinRefusalSchema> & { message: Bilingual };

/** The refusal in force, if the last extension of the pin was refused. */
export async function pinRefusal(db: Db | Tx): Promise<PinRefusal | null> {
  const text = await getSetting(db, SETTINGS.agentPinRefused);
  if (!text) return null;
  const r = PinRefusalSchema.parse(JSON.parse(text));
  return { ...r, message: DIRECTORY_REFUSALS[r.reason] };
}

function reasonOf(err: DomainError): DirectoryRefusal {
  const reason = String(err.details?.reason ?? '');
  return reason in DIRECTORY_REFUSALS ? (reason as DirectoryRefusal) : 'malformed';
}

async function recordRefusal(uow: UnitOfWork, reason: DirectoryRefusal): Promise<void> {
  const at = uow.now.toISOString();
  const before = await pinRefusal(uow.tx);
  const since = before?.reason === reason ? before.since : at;
  await putSetting(uow.tx, SETTINGS.agentPinRefused, JSON.stringify({ reason, since, at }), at);
  if (before?.reason === reason) return;
  const pinned = await pinnedDirectory(uow);
  await uow.auditBy(SYSTEM_CALLER, 'agent.pin_refused', ['directory', pinned?.hubKey.fingerprint ?? null], {
    reason,
    size: pinned?.head.size ?? 0,
    at: pinned?.head.at ?? null,
  });
}

const PinConfirmedSchema = z.strictObject({
  /** When the hub's log was last found to be the pinned one (extended to it, or already it). */
  at: z.string(),
  size: z.number().int().min(0),
  rootHash: z.string(),
  /** The instant the hub signed that head at. */
  headAt: z.string(),
});
export type PinConfirmation = z.infer<typeof PinConfirmedSchema>;

/** When the pin in force was last confirmed as the hub's whole log; null if never (a person pinned it since). */
export async function pinConfirmation(db: Db | Tx, pinned: DirectoryExport): Promise<PinConfirmation | null> {
  const text = await getSetting(db, SETTINGS.agentPinConfirmed);
  if (!text) return null;
  const c = PinConfirmedSchema.parse(JSON.parse(text));
  return c.size === pinned.head.size && c.rootHash === pinned.head.rootHash ? c : null;
}

async function confirmed(uow: UnitOfWork, head: { size: number; rootHash: string; at: string }): Promise<void> {
  const at = uow.now.toISOString();
  const c: PinConfirmation = { at, size: head.size, rootHash: head.rootHash, headAt: head.at };
  await putSetting(uow.tx, SETTINGS.agentPinConfirmed, JSON.stringify(c), at);
  if (await getSetting(uow.tx, SETTINGS.agentPinRefused)) await putSetting(uow.tx, SETTINGS.agentPinRefused, '', at);
}

/**
 * The hub's log as pinned, its head signed again (a new `at` each export): same hub key, size and root,
 * and a head that verifies under that key. Its entries are not used (the pinned ones stand: the signed
 * root says they are the same log), so they are not hashed again; a log that differs in any of these
 * goes through pinDirectory, which extends the pin or refuses it.
 */
const samePinnedLog = (pinned: DirectoryExport, d: DirectoryExport): boolean =>
  d.hubKey.publicKey === pinned.hubKey.publicKey &&
  d.head.size === pinned.head.size &&
  d.head.rootHash === pinned.head.rootHash &&
  d.entries.length === d.head.size &&
  checkHead(d) === null;

/**
 * What extending the pin did: extended (false when nothing is pinned) — `grew` when the hub's log had
 * grown and was pinned, false when it was the pinned one already; `pinned` the pin now in force, checked
 * (so a caller need not read and parse it again) — or why the hub's log was refused.
 */
export type PinExtension =
  | { extended: true; grew: boolean; refused: null; pinned: DirectoryExport }
  | { extended: false; grew: false; refused: DirectoryRefusal | null; pinned: null };

/**
 * Extends the pin to the hub's current log; nothing pinned, nothing fetched (never pinned here on first
 * use). The same log signed again is only confirmed (no rewrite of the pin, no audit entry). A log that
 * does not extend the pin is refused and recorded; an unreachable hub throws (the cycle fails).
 */
export async function extendPin(ctx: AppContext, hub: HubLink): Promise<PinExtension> {
  const pinned = await inTransaction(ctx, (uow) => pinnedDirectory(uow));
  if (!pinned) return { extended: false, grew: false, refused: null, pinned: null };
  // Parsed once: compared with the pin, then (a log that grew) checked and pinned as it is.
  const next = DirectoryExportSchema.safeParse(await fetchDirectory(hub));
  if (next.success && samePinnedLog(pinned, next.data)) {
    await inTransaction(ctx, (uow) => confirmed(uow, next.data.head));
    return { extended: true, grew: false, refused: null, pinned };
  }
  try {
    if (!next.success) throw new DomainError('VALIDATION_FAILED', DIRECTORY_REFUSALS.malformed, { field: 'directory' });
    await inTransaction(ctx, async (uow) => {
      await confirmed(uow, await pinDirectory(uow, SYSTEM_CALLER, next.data));
    });
    return { extended: true, grew: true, refused: null, pinned: next.data };
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    const reason = reasonOf(err);
    await inTransaction(ctx, (uow) => recordRefusal(uow, reason));
    logger.warn('agent.pin_refused', { reason });
    return { extended: false, grew: false, refused: reason, pinned: null };
  }
}
