import { z } from 'zod';
import { HEARING_DECISIONS, HEARING_IMPOSSIBLE_REASONS, HEARING_REPLIES } from '../domain/vocabulary.ts';

// What the hearing's answers look like (./hearing-service.ts); the server registers them by name.

export const HEARING_STATUSES = ['awaiting_reply', 'replied', 'lapsed', 'impossible', 'decided', 'closed'] as const;

export const HearingSchema = z.object({
  requestId: z.string(),
  /** The letter as sent; null when none could be sent. */
  letter: z.string().nullable(),
  sentAt: z.string().nullable(),
  dueAt: z.string().nullable(),
  status: z.enum(HEARING_STATUSES),
  reply: z.enum(HEARING_REPLIES).nullable(),
  reasons: z.string().nullable(),
  repliedAt: z.string().nullable(),
  decision: z.enum(HEARING_DECISIONS).nullable(),
  decisionNote: z.string().nullable(),
  decidedAt: z.string().nullable(),
  locked: z.boolean(),
  /** The provider could not ask the subscriber's opinion (意見照会不能): why, its own note, when. */
  impossible: z
    .object({ reason: z.enum(HEARING_IMPOSSIBLE_REASONS), note: z.string(), recordedAt: z.string() })
    .nullable(),
});

export const SentHearingSchema = HearingSchema.extend({
  letter: z.string(),
  sentAt: z.string(),
  dueAt: z.string(),
  replyPath: z.string(),
  code: z.string(),
  letterWithCode: z.string(),
});

export const HearingLinkSchema = z.object({
  providerNameJa: z.string(),
  providerNameEn: z.string(),
  dueAt: z.string(),
  status: z.enum(HEARING_STATUSES),
  locked: z.boolean(),
});
