import type { Db, Tx } from '../store/database.ts';
import type { HearingImpossibilityRow, HearingRow } from '../store/schema.ts';

// All SQL about the subscriber's hearings.

type Q = Db | Tx;

export async function insertHearing(tx: Q, row: HearingRow): Promise<void> {
  await tx.insertInto('hearings').values(row).execute();
}

export async function findHearingOfRequest(db: Q, requestId: string): Promise<HearingRow | undefined> {
  return db.selectFrom('hearings').selectAll().where('request_id', '=', requestId).executeTakeFirst();
}

export async function findHearingByToken(db: Q, token: string): Promise<HearingRow | undefined> {
  return db.selectFrom('hearings').selectAll().where('token', '=', token).executeTakeFirst();
}

export async function updateHearing(
  tx: Q,
  id: string,
  changes: Partial<Omit<HearingRow, 'id' | 'request_id' | 'token'>>,
): Promise<void> {
  await tx.updateTable('hearings').set(changes).where('id', '=', id).execute();
}

/**
 * Counts one attempt at a hearing's reply code, in one statement, unless `max` were counted already: the
 * count after it, or null when the link is locked. Parallel attempts each see the others' counts.
 */
export async function takeReplyAttempt(tx: Q, id: string, max: number): Promise<number | null> {
  const r = await tx
    .updateTable('hearings')
    .set((eb) => ({ failed_attempts: eb('failed_attempts', '+', 1) }))
    .where('id', '=', id)
    .where('failed_attempts', '<', max)
    .returning('failed_attempts')
    .executeTakeFirst();
  return r ? Number(r.failed_attempts) : null;
}

/** Gives back the attempt a right code took. */
export async function giveReplyAttemptBack(tx: Q, id: string): Promise<void> {
  await tx
    .updateTable('hearings')
    .set((eb) => ({ failed_attempts: eb('failed_attempts', '-', 1) }))
    .where('id', '=', id)
    .execute();
}

export async function findImpossibility(db: Q, requestId: string): Promise<HearingImpossibilityRow | undefined> {
  return db.selectFrom('hearing_impossibilities').selectAll().where('request_id', '=', requestId).executeTakeFirst();
}

/** Whether the request's hearing is the system's: a letter with its reply link, or a record that none could be held. */
export async function hearingHeldInSystem(db: Q, requestId: string): Promise<boolean> {
  return (
    (await findHearingOfRequest(db, requestId)) !== undefined || (await findImpossibility(db, requestId)) !== undefined
  );
}

export async function insertImpossibility(tx: Q, row: HearingImpossibilityRow): Promise<void> {
  await tx.insertInto('hearing_impossibilities').values(row).execute();
}

export async function updateImpossibility(
  tx: Q,
  requestId: string,
  changes: Partial<Pick<HearingImpossibilityRow, 'decision' | 'decision_note' | 'decided_by' | 'decided_at'>>,
): Promise<void> {
  await tx.updateTable('hearing_impossibilities').set(changes).where('request_id', '=', requestId).execute();
}

/**
 * Retention (src/exchange/retention.ts): empties what names the subscriber — the letter as sent (name,
 * address, the post), their reasons, the provider's notes — and keeps the rest (who, when, the reply and
 * the decision as codes). The reply link's token stays so a late visit still hears that it is closed.
 */
export async function eraseHearingText(tx: Tx, requestId: string): Promise<{ letter: boolean; impossible: boolean }> {
  const letter = await tx
    .updateTable('hearings')
    .set({ letter: '', reply_reasons: null, decision_note: null })
    .where('request_id', '=', requestId)
    .executeTakeFirst();
  const impossible = await tx
    .updateTable('hearing_impossibilities')
    .set({ note: '', decision_note: null })
    .where('request_id', '=', requestId)
    .executeTakeFirst();
  return { letter: Number(letter.numUpdatedRows) > 0, impossible: Number(impossible.numUpdatedRows) > 0 };
}
