import { z } from 'zod';
import { formatDateTime, JAPAN_ZONE } from './time.ts';
import {
  type Bilingual,
  HEARING_IMPOSSIBLE_REASON_LABELS,
  HEARING_IMPOSSIBLE_REASONS,
  THREAD_NOTICE_LABELS,
} from './vocabulary.ts';

/**
 * A notice the system writes to a request's thread (the hearing's steps, a preservation extended): stored
 * as its code and parameters (`messages.notice`, JSON), never as text, so each reader reads it in their
 * own language. What a person wrote beside it (the reason of an extension) stays the message's body.
 */
const reason = z.enum(HEARING_IMPOSSIBLE_REASONS);
/** An instant as the store keeps it: UTC ISO 8601 with milliseconds. */
const until = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
export const ThreadNoticeSchema = z.discriminatedUnion('code', [
  z.strictObject({ code: z.literal('hearing_letter_sent') }),
  z.strictObject({ code: z.literal('hearing_impossible'), reason }),
  z.strictObject({ code: z.literal('opinion_none') }),
  z.strictObject({ code: z.literal('opinion_consent') }),
  z.strictObject({ code: z.literal('opinion_objection') }),
  z.strictObject({ code: z.literal('opinion_not_heard'), reason }),
  z.strictObject({ code: z.literal('preservation_extended'), until }),
  z.strictObject({ code: z.literal('order_contested') }),
  z.strictObject({ code: z.literal('order_changed') }),
  z.strictObject({ code: z.literal('order_set_aside') }),
  z.strictObject({ code: z.literal('order_set_aside_answered') }),
  z.strictObject({ code: z.literal('order_set_aside_withdrawn') }),
]);
export type ThreadNotice = z.infer<typeof ThreadNoticeSchema>;

// The API's text is in Japan time with its offset and the era year, as the documents write it; the web
// writes `{until}` again in the viewer's zone from the notice's parameter.

/** The notice in both languages: its label with the reason's label, or the instant, in its place. */
export function threadNoticeText(notice: ThreadNotice): Bilingual {
  const label = THREAD_NOTICE_LABELS[notice.code];
  if ('until' in notice) {
    const at = new Date(notice.until);
    return {
      ja: label.ja.replace('{until}', formatDateTime(at, 'ja', JAPAN_ZONE)),
      en: label.en.replace('{until}', formatDateTime(at, 'en', JAPAN_ZONE)),
    };
  }
  if (!('reason' in notice)) return label;
  const why = HEARING_IMPOSSIBLE_REASON_LABELS[notice.reason];
  return { ja: label.ja.replace('{reason}', why.ja), en: label.en.replace('{reason}', why.en.toLowerCase()) };
}

/** A notice as the API gives it: its code, its parameters, and its text in both languages. */
export type RenderedNotice = ThreadNotice & { text: Bilingual };

/** A stored notice (JSON) as the API gives it; null for none. */
export function renderedNotice(stored: string | null): RenderedNotice | null {
  if (stored === null) return null;
  const notice = ThreadNoticeSchema.parse(JSON.parse(stored));
  return { ...notice, text: threadNoticeText(notice) };
}
