import { z } from 'zod';
import type { Confidentiality } from './confidentiality.ts';
import { DomainError } from './errors.ts';
import type { RequestContent } from './request-content.ts';
import { DAY_MS, formatDate, JAPAN_ZONE } from './time.ts';
import type { SecondCheck } from './verification.ts';
import {
  REQUEST_KINDS,
  RETENTION_MODE_LABELS,
  RETENTION_MODES,
  type RequestKind,
  type RetentionMode,
} from './vocabulary.ts';

/**
 * Retention and purpose limitation (docs/security.md, "Retention"): a closed request's personal data —
 * its targets, its answer, its messages and attachments — is kept for a period per kind of request
 * after closing, then purged or archived sealed. Pure: the service applies it.
 */
export interface RetentionRule {
  /** Days after closing. */
  days: number;
  mode: RetentionMode;
}
export type RetentionPolicy = Record<RequestKind, RetentionRule>;

/**
 * The defaults (documented in docs/security.md): emergencies and preservation requests serve one
 * urgent act and are purged soon; inquiries, café records and civil disclosure are archived sealed a
 * year after closing; warrants and mutual legal assistance, which courts and other states may
 * examine later, are archived sealed after five years.
 */
export const DEFAULT_RETENTION: RetentionPolicy = {
  emergency: { days: 90, mode: 'purge' },
  preservation: { days: 180, mode: 'purge' },
  inquiry: { days: 365, mode: 'archive' },
  cafe_records: { days: 365, mode: 'archive' },
  civil_disclosure: { days: 365, mode: 'archive' },
  warrant: { days: 1825, mode: 'archive' },
  mlat: { days: 1825, mode: 'archive' },
};

/** A retention period, in whole days after closing: at least one, at most a hundred years. */
export const RETENTION_DAYS = { min: 1, max: 36500 } as const;

export const RetentionRuleSchema = z.strictObject({
  days: z.number().int().min(RETENTION_DAYS.min).max(RETENTION_DAYS.max),
  mode: z.enum(RETENTION_MODES),
});

/** The installation's overrides: any kind may be given; the others keep their defaults. */
export const RetentionPolicyOverridesSchema = z.strictObject(
  Object.fromEntries(REQUEST_KINDS.map((k) => [k, RetentionRuleSchema.optional()])) as Record<
    RequestKind,
    z.ZodOptional<typeof RetentionRuleSchema>
  >,
);
export type RetentionPolicyOverrides = z.infer<typeof RetentionPolicyOverridesSchema>;

export function effectivePolicy(overrides: RetentionPolicyOverrides): RetentionPolicy {
  const out = { ...DEFAULT_RETENTION };
  for (const k of REQUEST_KINDS) {
    const o = overrides[k];
    if (o) out[k] = o;
  }
  return out;
}

/** When a request closed at `closedAt` falls due under the rule. */
export function retentionDueAt(closedAt: string, rule: RetentionRule): Date {
  return new Date(new Date(closedAt).getTime() + rule.days * DAY_MS);
}

/** The clear refusal to open what retention removed: when, why, and whether a sealed archive exists. */
export function purgedError(
  what: 'answer' | 'attachment' | 'archive' | 'hearing',
  record: { mode: RetentionMode; at: string; retentionDays: number },
  requestId: string,
): DomainError {
  const ja = formatDate(new Date(record.at), 'ja', JAPAN_ZONE);
  const en = formatDate(new Date(record.at), 'en', JAPAN_ZONE);
  const mode = RETENTION_MODE_LABELS[record.mode];
  const thing = {
    answer: { ja: 'この回答', en: 'this answer' },
    attachment: { ja: 'この添付ファイル', en: 'this attachment' },
    archive: { ja: 'この要請の保管データ', en: "this request's archive" },
    hearing: {
      ja: 'この要請の意見照会（照会書・回答の理由・記録）',
      en: "this request's hearing (letter, reasons, notes)",
    },
  }[what];
  return new DomainError(
    'PURGED',
    {
      ja: `${thing.ja}は完結後の保存期間（${record.retentionDays}日）を過ぎたため、${ja}に${mode.ja}されました。開くことはできません`,
      en:
        `${thing.en} was removed (${mode.en.toLowerCase()}) on ${en}, ` +
        `${record.retentionDays} days after the request closed: it cannot be opened`,
    },
    { id: requestId, mode: record.mode, at: record.at },
  );
}

/** A secrecy mark keeps its basis (a code, for the record); the reason an investigator wrote goes. */
const markOnly = <T extends { confidentiality?: Confidentiality }>(c: T): T =>
  c.confidentiality ? { ...c, confidentiality: { ...c.confidentiality, reason: '' } } : c;

/**
 * What retention leaves of a request's content (docs/decisions.md, "Retention empties the request's own
 * text"): its kind, addressee, case reference, categories, dates and codes, which statistics and the
 * record need. Every identifier and every text a person wrote goes — the targets, the offence as worded,
 * the facts and the necessity (which name victims and suspects), a secrecy mark's reason, an emergency's
 * statement, a civil claimant, their address and counsel, how their rights were infringed and the
 * order's operative part, a café's name, the attached files' names (their id, type, size and digest stay):
 * '' where the shape requires the field, absent where optional.
 * Only a retained content has no targets (a request names at least one).
 */
export function retainedContent(content: RequestContent): RequestContent {
  const files = content.attachments?.map((a) => ({ ...a, fileName: '' }));
  const c = {
    ...content,
    targets: [],
    offence: '',
    facts: '',
    necessity: '',
    ...(files ? { attachments: files } : {}),
  };
  switch (c.kind) {
    case 'emergency':
      return markOnly({ ...c, emergency: { ...c.emergency, statement: '' } });
    case 'civil_disclosure': {
      const { claimantAddress: _address, counsel: _counsel, courtOrder, ...civil } = c.civil;
      const order = courtOrder ? { courtOrder: { ...courtOrder, content: '' } } : {};
      return { ...c, civil: { ...civil, claimant: '', rightsInfringed: '', ...order } };
    }
    case 'cafe_records': {
      const { cafe: _store, ...rest } = c;
      return markOnly(rest);
    }
    case 'mlat':
      return c;
    default:
      return markOnly(c);
  }
}

/**
 * What retention leaves of a call-back check (the provider's second check of an emergency): whether it was
 * asked, why (the hub's words), the number, who confirmed it and when; the note the provider's person wrote
 * of the call goes as the request's other text does ('' once written; null, never written, stays null).
 */
export const retainedSecondCheck = (check: SecondCheck | null): SecondCheck | null =>
  check?.note ? { ...check, note: '' } : check;

/**
 * What an archive box keeps of the consultation the request was opened from (the unit's own record of it),
 * as sealed: the hub's reader parses its targets, a device's reader reads them as they are.
 */
export const ArchivedConsultationSchema = z.object({
  id: z.string(),
  reference: z.string(),
  person: z.object({ name: z.string().nullable(), contact: z.string().nullable() }),
  account: z.string(),
  targets: z.array(z.unknown()),
  mailHeaders: z.string().nullable(),
  mailOrigin: z.string().nullable(),
  adviceNote: z.string().nullable(),
});
export type ArchivedConsultation = z.infer<typeof ArchivedConsultationSchema>;

/** What an archive box keeps of each of the request's files: the name retention took from its row. */
export const ArchivedFileSchema = z.object({ id: z.string(), fileName: z.string() });
export type ArchivedFile = z.infer<typeof ArchivedFileSchema>;
