import { z } from 'zod';
import type { ApiError } from '../client/client.ts';
import type { Bilingual } from '../domain/vocabulary.ts';
import type { AgentRequestRow } from '../store/schema.ts';

// A send the hub refused (an answer or a decline this installation approved): kept on the request's row
// (`last_error`, as JSON) with the hub's words in both languages, shown on the request's page, the list,
// the status page and `shokai agent list` as needing a person, and audited once per refusal (a refusal
// repeated by every cycle is the same refusal). The next cycle sends again; a send the hub takes clears it.

const Words = z.strictObject({ ja: z.string().max(2000), en: z.string().max(2000) });
export const SendRefusalSchema = z.strictObject({
  /** The hub's error code (kept for the audit; never shown). */
  code: z.string().max(100),
  /** The hub's words. */
  message: Words,
  /** The unit's registered number to call back, when the refusal is the call-back the hub asks for. */
  callbackPhone: z.string().max(40).nullable(),
  /** When the hub first refused it so (a same refusal again keeps it). */
  since: z.string(),
});
export type SendRefusal = z.infer<typeof SendRefusalSchema>;

/** What the hub said when it refused a send: its code and its words, never more than the store keeps. */
export function refusalOf(err: ApiError): Omit<SendRefusal, 'since'> {
  const phone = err.details?.callbackPhone;
  return {
    code: err.code.slice(0, 100),
    message: { ja: err.bilingual.ja.slice(0, 2000), en: err.bilingual.en.slice(0, 2000) },
    callbackPhone: typeof phone === 'string' ? phone.slice(0, 40) : null,
  };
}

/** Words for a refusal recorded before the hub's words were kept (a code and English only). */
const EARLIER: Bilingual = {
  ja: 'ハブが送付を受け付けませんでした（理由はこの設置の記録にありません。次の送付で改めて表示します）',
  en: 'The hub did not take the send (its words were not kept here; the next attempt shows them)',
};

/** The refusal kept on a request still to be sent; null when there is none (or it was sent). */
export function sendRefusalOf(
  row: Pick<AgentRequestRow, 'last_error' | 'sent_at' | 'state' | 'updated_at'>,
): SendRefusal | null {
  if (!row.last_error || row.sent_at || (row.state !== 'approved' && row.state !== 'declined')) return null;
  try {
    return SendRefusalSchema.parse(JSON.parse(row.last_error));
  } catch {
    const code = row.last_error.split(':')[0]?.slice(0, 100) ?? '';
    return { code, message: EARLIER, callbackPhone: null, since: row.updated_at };
  }
}

/** Whether two refusals are the same (audited once). */
export const sameRefusal = (a: Omit<SendRefusal, 'since'> | null, b: Omit<SendRefusal, 'since'>): boolean =>
  a !== null && a.code === b.code && a.message.ja === b.message.ja && a.message.en === b.message.en;

/** The heading a page, a list and the status page give a refused send (it needs a person). */
export const SEND_REFUSED_WORDS: Bilingual = {
  ja: '要対応: ハブが送付を拒否しています（送付されていません）',
  en: 'Needs action: the hub refuses the send (it has not been sent)',
};
