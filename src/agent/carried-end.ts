import { basename } from 'node:path';
import { z } from 'zod';
import type { Bilingual } from '../domain/vocabulary.ts';
import type { AppContext } from '../kernel/context.ts';
import { logger } from '../kernel/logger.ts';
import { inTransaction } from '../kernel/unit-of-work.ts';
import { awaitingHere, findAgentRequest } from './agent.repository.ts';
import { type EndedAtHub, endedAtHub, endedViewOf, HubRequestSchema, recordEndedAtHub } from './hub-ended.ts';
import { type HubEndedView, hubEndedOf } from './hub-ended-texts.ts';

// A request's end at the hub carried to an installation with no line to it (file mode). Online, the pull
// asks the hub about each request held here that its list no longer shows open (hub-ended.ts); offline,
// `shokai request-file export` on a request that has ended writes, instead of its envelope and files, the
// hub's view of the request as the pull reads it (GET /v1/requests/{id}, cut to what `endedAtHub` reads:
// its state and times, the office's withdrawal with its words, instant and signature, and the one message
// of the thread that says why) as `REQUEST.ended.json`, and `shokai agent receive` records it with the
// same code as the pull (`recordEndedAtHub`: the same record, audit and check). The medium is no more
// trusted than the hub: the office's signature is checked against the pinned log, a set-aside against the
// pinned log, and what cannot be checked (a close, an unsigned withdrawal) is the hub's word — which only
// ever stops the request here, never lets it go on.

export const CARRIED_END_FORMAT = 'shokai-ended/v1';
const SUFFIX = '.ended.json';
/** The name of the file carrying a request's end at the hub. */
export const carriedEndName = (requestId: string): string => `${requestId}${SUFFIX}`;
const isCarriedEndName = (name: string): boolean => name.endsWith(SUFFIX);

/** What the file holds: the request, and the hub's view of it as the pull reads it (`HubRequestSchema`). */
const CarriedEndSchema = z.strictObject({
  format: z.literal(CARRIED_END_FORMAT),
  requestId: z.string().min(1).max(200),
  request: z.unknown(),
});
export type CarriedEnd = { format: typeof CARRIED_END_FORMAT; requestId: string; request: unknown };

/**
 * What `request-file export` writes of a request that ended at the hub (`carried`), and that end as the
 * installation will read it; undefined while it has not ended.
 */
export function carriedEndOf(
  requestId: string,
  hubView: unknown,
): { carried: CarriedEnd; ended: EndedAtHub } | undefined {
  const request = endedViewOf(hubView);
  const ended = request && endedAtHub(request);
  return ended && { carried: { format: CARRIED_END_FORMAT, requestId, request }, ended };
}

/** Whether a file on a medium claims to be a request's end: by its name, or by its format. */
export function isCarriedEnd(file: string, parsed: unknown): boolean {
  const format = typeof parsed === 'object' && parsed !== null && 'format' in parsed ? parsed.format : undefined;
  return isCarriedEndName(basename(file)) || format === CARRIED_END_FORMAT;
}
export const isCarriedEndFile = (file: string): boolean => isCarriedEndName(basename(file));

/** The first field that is not as written, joined (`request.withdrawal.at`; a key not written, named). */
function fieldOf(issues: readonly z.core.$ZodIssue[], prefix: string[] = []): string {
  const first = issues[0];
  const extra = first?.code === 'unrecognized_keys' ? first.keys.slice(0, 1) : [];
  return [...prefix, ...(first?.path ?? []).map(String), ...extra].join('.') || '(file)';
}

/**
 * The request and its end as a carried file says, read as the pull reads the hub's view; or the field
 * that is not as `request-file export` writes it (a name claiming another request too).
 */
export function readCarriedEnd(file: string, raw: unknown): { requestId: string; ended: EndedAtHub } | string {
  const carried = CarriedEndSchema.safeParse(raw);
  if (!carried.success) return fieldOf(carried.error.issues);
  const { requestId, request } = carried.data;
  if (isCarriedEndName(basename(file)) && basename(file) !== carriedEndName(requestId)) return 'requestId';
  const view = HubRequestSchema.safeParse(request);
  if (!view.success) return fieldOf(view.error.issues, ['request']);
  const ended = endedAtHub(request);
  return ended ? { requestId, ended } : 'request.state';
}

/** Why a carried end was not taken in (nothing of it is recorded, nothing recorded changes). */
export const END_NOT_TAKEN_IN = {
  ended_malformed: {
    ja: 'shokai request-file export が書き出す、ハブでの要請の取下げ・終結を伝えるファイル（REQUEST.ended.json）として読めません。取り込みません（記録済みのものは変わりません）',
    en:
      "cannot be read as the file shokai request-file export writes of a request's " +
      'end at the hub (REQUEST.ended.json): not taken in (nothing recorded changes)',
  },
  ended_not_held: {
    ja: 'ハブでの要請の取下げ・終結を伝えるファイルですが、この設置はその要請を受領していません。取り込みません',
    en: "the hub's word that a request ended, but this installation does not hold that request: not taken in",
  },
  ended_decided: {
    ja: 'ハブでの要請の取下げ・終結を伝えるファイルですが、この設置ではその要請の回答・見送りがすでに決まっています。記録しません（オンラインで取得する場合と同じ）',
    en:
      "the hub's word that a request ended, but this installation has already answered or declined it: " +
      'not recorded (as when pulled online)',
  },
} satisfies Record<string, Bilingual>;
export type EndNotTakenIn = keyof typeof END_NOT_TAKEN_IN;

/** A carried end taken in: recorded now, or recorded before (by a pull or an earlier medium), as recorded. */
export interface EndIntake {
  file: string;
  requestId: string;
  outcome: 'recorded' | 'already';
  view: HubEndedView;
}

/** Said of a carried end recorded before (not an error). */
export const END_ALREADY: Bilingual = { ja: '記録済み', en: 'already recorded' };

/**
 * Takes in one carried end: recorded beside the request exactly as the pull records what the hub says,
 * for a request held here awaiting a person (the requests the pull asks about); otherwise why not.
 */
export async function receiveCarriedEnd(
  ctx: AppContext,
  file: string,
  raw: unknown,
): Promise<EndIntake | { reason: EndNotTakenIn; field?: string; requestId?: string }> {
  const read = readCarriedEnd(file, raw);
  if (typeof read === 'string') return { reason: 'ended_malformed', field: read };
  const { requestId, ended } = read;
  const held = await findAgentRequest(ctx.store.db, requestId);
  if (!held) return { reason: 'ended_not_held', requestId };
  let outcome: EndIntake['outcome'] = 'already';
  if (!held.hub_state) {
    if (!(await awaitingHere(ctx.store.db)).includes(requestId)) return { reason: 'ended_decided', requestId };
    if (await inTransaction(ctx, (uow) => recordEndedAtHub(uow, requestId, ended))) {
      outcome = 'recorded';
      logger.info('agent.ended_at_hub', { requestId, hubState: ended.state, reason: ended.reason, source: 'file' });
    }
  }
  const row = await findAgentRequest(ctx.store.db, requestId);
  const view = row && hubEndedOf(row);
  if (!view) throw new Error(`agent.ended_at_hub: ${requestId} not recorded`);
  return { file, requestId, outcome, view };
}
