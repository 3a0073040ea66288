import { z } from 'zod';
import { importDirectory } from '../directory/transparency.ts';
import { SYSTEM_CALLER } from '../domain/access.ts';
import { DomainError } from '../domain/errors.ts';
import { DIRECTORY_REFUSALS, type DirectoryRefusal } from '../domain/pinned-directory.ts';
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
// (importDirectory checks it, so a hub cannot rewrite history): one that does not is refused, nothing
// new is taken in that cycle, and the refusal is kept in the store (audited when it begins or its reason
// changes, shown on the status page) until a later cycle extends the pin. No pin, no extension: the
// first pin is a person's, compared out of band.

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

/** What extending the pin did: extended (false when nothing is pinned), or why the hub's log was refused. */
export type PinExtension = { extended: true; refused: null } | { extended: false; refused: DirectoryRefusal | null };

/**
 * Extends the pin to the hub's current log; nothing pinned, nothing fetched (never pinned here on first
 * use). A log that does not extend the pin is refused and recorded; an unreachable hub throws (the
 * cycle fails).
 */
export async function extendPin(ctx: AppContext, hub: HubLink): Promise<PinExtension> {
  if (!(await inTransaction(ctx, (uow) => pinnedDirectory(uow)))) return { extended: false, refused: null };
  const next = await fetchDirectory(hub);
  try {
    await inTransaction(ctx, async (uow) => {
      await importDirectory(uow, SYSTEM_CALLER, next);
      if (await getSetting(uow.tx, SETTINGS.agentPinRefused)) {
        await putSetting(uow.tx, SETTINGS.agentPinRefused, '', uow.now.toISOString());
      }
    });
    return { extended: true, refused: null };
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    const reason = reasonOf(err);
    await inTransaction(ctx, (uow) => recordRefusal(uow, reason));
    logger.warn('agent.pin_refused', { reason });
    return { extended: false, refused: reason };
  }
}
