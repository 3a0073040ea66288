import { z } from 'zod';
import { TargetSchema } from '../domain/targets.ts';
import {
  CONSULTATION_CATEGORIES,
  CONSULTATION_CHANNELS,
  CONSULTATION_REFERRALS,
  CONSULTATION_STATES,
  CONSULTATION_URGENCIES,
} from '../domain/vocabulary.ts';

// What the consultation desk's answers look like: the contract's schemas of ./consultation-service.ts
// and ./statistics.ts (the server registers them by name).

const Bilingual = z.object({ ja: z.string(), en: z.string() });

export const PlaybookSchema = z.object({
  category: z.enum(CONSULTATION_CATEGORIES),
  steps: z.array(Bilingual),
  referrals: z.array(z.enum(CONSULTATION_REFERRALS)),
  caseLikely: z.boolean(),
  offence: Bilingual,
});

export const ConsultationSummarySchema = z.object({
  id: z.string(),
  reference: z.string(),
  category: z.enum(CONSULTATION_CATEGORIES),
  channel: z.enum(CONSULTATION_CHANNELS),
  state: z.enum(CONSULTATION_STATES),
  urgency: z.enum(CONSULTATION_URGENCIES),
  receivedAt: z.string(),
  caseId: z.string().nullable(),
});

export const ConsultationSchema = ConsultationSummarySchema.extend({
  person: z.object({ name: z.string().nullable(), contact: z.string().nullable() }),
  account: z.string(),
  targets: z.array(TargetSchema),
  hasMailHeaders: z.boolean(),
  urgencySignals: z.array(z.string()),
  referrals: z.array(z.enum(CONSULTATION_REFERRALS)),
  adviceNote: z.string().nullable(),
  firstRequests: z.array(z.string()),
  mailOrigin: z
    .object({
      originatingIp: z.string().nullable(),
      originatingPort: z.number().int().nullable().optional(),
      at: z.string().nullable(),
      warnings: z.number(),
    })
    .nullable(),
  firstStep: z.enum(['board_inquiry', 'mail_analysis', 'none']),
  playbook: PlaybookSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const OpenedCaseSchema = z.object({
  consultation: ConsultationSchema,
  caseId: z.string(),
  requestIds: z.array(z.string()),
});

export const ConsultationStatisticsSchema = z.object({
  from: z.string(),
  to: z.string(),
  total: z.number(),
  urgent: z.number(),
  caseOpened: z.number(),
  byCategory: z.array(
    z.object({
      category: z.enum(CONSULTATION_CATEGORIES),
      total: z.number(),
      open: z.number(),
      advised: z.number(),
      caseOpened: z.number(),
      urgent: z.number(),
    }),
  ),
  byChannel: z.array(z.object({ channel: z.enum(CONSULTATION_CHANNELS), total: z.number() })),
  byMonth: z.array(z.object({ month: z.string(), total: z.number() })),
});
