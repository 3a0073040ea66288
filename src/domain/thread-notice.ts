import { z } from 'zod';
import {
  type Bilingual,
  HEARING_IMPOSSIBLE_REASON_LABELS,
  HEARING_IMPOSSIBLE_REASONS,
  THREAD_NOTICE_LABELS,
} from './vocabulary.ts';

/**
 * A notice the system writes to a request's thread (the hearing's steps): stored as its code and
 * parameters (`messages.notice`, JSON), never as text, so each reader reads it in their own language.
 */
const reason = z.enum(HEARING_IMPOSSIBLE_REASONS);
export const ThreadNoticeSchema = z.discriminatedUnion('code', [
  z.strictObject({ code: z.literal('hearing_letter_sent') }),
  z.strictObject({ code: z.literal('hearing_impossible'), reason }),
  z.strictObject({ code: z.literal('opinion_none') }),
  z.strictObject({ code: z.literal('opinion_consent') }),
  z.strictObject({ code: z.literal('opinion_objection') }),
  z.strictObject({ code: z.literal('opinion_not_heard'), reason }),
]);
export type ThreadNotice = z.infer<typeof ThreadNoticeSchema>;

/** The notice in both languages: its label with the reason's label in place of `{reason}`. */
export function threadNoticeText(notice: ThreadNotice): Bilingual {
  const label = THREAD_NOTICE_LABELS[notice.code];
  if (!('reason' in notice)) return label;
  const why = HEARING_IMPOSSIBLE_REASON_LABELS[notice.reason];
  return { ja: label.ja.replace('{reason}', why.ja), en: label.en.replace('{reason}', why.en.toLowerCase()) };
}

/** A stored notice (JSON) as the API gives it: its code and its text in both languages; null for none. */
export function renderedNotice(stored: string | null): { code: ThreadNotice['code']; text: Bilingual } | null {
  if (stored === null) return null;
  const notice = ThreadNoticeSchema.parse(JSON.parse(stored));
  return { code: notice.code, text: threadNoticeText(notice) };
}
