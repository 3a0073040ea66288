import { z } from 'zod';
import { AssertionInput } from '../directory/credentials.ts';
import { InstantSchema } from '../domain/instant.ts';
import { JapanDaySchema } from '../domain/objection-period.ts';
import { text } from '../domain/validation.ts';
import { OBJECTION_OUTCOMES, OBJECTION_PARTIES, SET_ASIDE_GROUNDS } from '../domain/vocabulary.ts';

// What a judge gives when he records how an issued disclosure order stands
// (./disclosure-order-objection.ts): the suit's filing, its outcome, the order's finality without one.

export const RecordObjectionInput = z.strictObject({
  /**
   * When the suit was filed: an instant with its offset, not in the future, not before the order, and on a
   * day in Japan no later than the last day of the month counted from `noticedOn` (art. 14).
   */
  filedAt: InstantSchema,
  /**
   * The day in Japan (YYYY-MM-DD) the party bringing the suit was notified of the order, from the court's
   * record of the notice: not before the order's day, not in the future. Not given, the month is counted
   * from the order's own day (no notice is earlier), and a suit filed after it is refused until it is.
   */
  noticedOn: JapanDaySchema.optional(),
  /**
   * Other days (YYYY-MM-DD) the court was closed at the end of the month: the system counts Saturdays,
   * Sundays, the national holidays (holiday_jp data) and 29 December – 3 January itself; a last day on one
   * named here moves to the next open day too (Code of Civil Procedure art. 95(3)).
   */
  holidays: z.array(JapanDaySchema).max(20).optional(),
  /** Which party brought it. */
  by: z.enum(OBJECTION_PARTIES),
  /** The suit's own case number (e.g. 令和8年(ワ)第1234号). */
  caseNumber: text(1, 100),
  /** The judge's own credential's assertion over the record's digest (from the preview). */
  assertion: AssertionInput.optional(),
});
export const RecordObjectionOutcomeInput = z.strictObject({
  outcome: z.enum(OBJECTION_OUTCOMES),
  /** When the suit's judgment became final (the suit ended): with its offset, not before the suit. */
  decidedAt: InstantSchema,
  /** What the judgment says, in short: the parties read it. */
  reason: text(1, 5000),
  /** The operative part as changed (outcome `changed` only, and then required). */
  changedContent: text(1, 5000).optional(),
  /** The category of the ground (outcome `set_aside` only, and then required): the directory log publishes it. */
  ground: z.enum(SET_ASIDE_GROUNDS).optional(),
  /** The judge's own credential's assertion over the outcome's digest (from the preview). */
  assertion: AssertionInput.optional(),
});
export const RecordFinalInput = z.strictObject({
  /**
   * When the order became final: with its offset, not in the future, and not before neither party can bring
   * an objection suit any more — the start of the day after the later of the months counted from each
   * party's notice (`noticedOn`).
   */
  finalAt: InstantSchema,
  /**
   * The day in Japan (YYYY-MM-DD) each party was notified of the order, from the court's record of the
   * notices: not before the order's day, not in the future. The judge signs them with the record.
   */
  noticedOn: z.strictObject({ provider: JapanDaySchema, claimant: JapanDaySchema }),
  /** Other days (YYYY-MM-DD) the court was closed at the end of either month (as for a suit). */
  holidays: z.array(JapanDaySchema).max(20).optional(),
  /** The judge's own credential's assertion over the record's digest (from the preview). */
  assertion: AssertionInput.optional(),
});
