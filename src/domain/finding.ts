import { z } from 'zod';
import { InstantSchema } from './instant.ts';
import { IpAddressSchema } from './targets.ts';
import {
  FINDING_NOTES,
  FINDING_REASONS,
  FINDING_RECORDS,
  FINDING_VERDICTS,
  ID_DOCUMENT_KINDS,
  LINE_USES,
  RESOLVE_HINTS,
  SOURCE_RECORD_KINDS,
} from './vocabulary.ts';

/**
 * A finding: what the holder's own records say about one target of a request — the verdict
 * (unique / ambiguous / none, never a guess), every candidate with why, the window searched, the
 * records it rests on (file:line), the facts that say a line is not a person, and for an ambiguous
 * finding what would make it unique. It travels inside an answer item (`finding`), signed and sealed
 * with it; answers without one stay valid.
 */

export {
  FINDING_NOTE_LABELS,
  FINDING_REASON_LABELS,
  FINDING_RECORDS_LABELS,
  FINDING_VERDICT_LABELS,
  type FindingVerdict,
  LINE_USE_LABELS,
  RESOLVE_HINT_LABELS,
  SOURCE_RECORD_KIND_LABELS,
} from './vocabulary.ts';

const field = (max: number) => z.string().max(max);
const BilingualSchema = z.strictObject({ ja: field(2000), en: field(2000) });

/** A record the finding rests on: the file it was imported from and its line(s). */
/** The most candidates a finding names (a read that would give more says it was cut). */
export const MAX_FINDING_CANDIDATES = 1000;

export const SourceRecordSchema = z.strictObject({
  kind: z.enum(SOURCE_RECORD_KINDS),
  file: field(1000),
  line: z.number().int().min(0),
  endLine: z.number().int().min(0).optional(),
});

/**
 * What a holder's record says of a person: their name, where the line is installed and where the
 * bills go (for a café member: the address the ID document gave), how to reach them and the contract.
 * An answer's subscriber record and a finding's person both carry these.
 */
export const PERSON_FIELDS = {
  name: field(300).optional(),
  nameKana: field(300).optional(),
  installationAddress: field(1000).optional(),
  billingAddress: field(1000).optional(),
  phone: field(40).optional(),
  email: field(320).optional(),
  /**
   * The contract's first and last day (included), `YYYY-MM-DD`, as the attribution engine gives them.
   * Answers made before it gave days hold the UTC instant (`2019-12-31T15:00:00.000Z` for a contract from
   * 2020-01-01 in Tokyo), and a person may have written either: shown by formatDayOrInstant (time.ts).
   */
  contractStart: field(40).optional(),
  contractEnd: field(40).optional(),
};

/** A person as a record names them: a line's contract holder, a board's account, a café's member. */
export const FindingPersonSchema = z.strictObject({ ...PERSON_FIELDS, birthDate: field(40).optional() });

/** "A line, not a person": where the line is, where the bills go, and what kind of line it is. */
export const LineFactsSchema = z.strictObject({
  installationAddress: field(1000).optional(),
  billingAddress: field(1000).optional(),
  /** Both addresses known and different (the payer may live elsewhere than the line). */
  addressesDiffer: z.boolean(),
  use: z.enum(LINE_USES),
});

export const FindingPostSchema = z.strictObject({
  url: field(4096).optional(),
  postId: field(200).optional(),
  at: InstantSchema,
  address: IpAddressSchema.optional(),
  port: z.number().int().min(0).max(65535).optional(),
  account: field(256).optional(),
});

export const FindingTerminalUseSchema = z.strictObject({
  terminal: field(100),
  enteredAt: InstantSchema,
  exitedAt: InstantSchema.optional(),
});

export const FindingIdCheckSchema = z.strictObject({
  documentKind: z.enum(ID_DOCUMENT_KINDS),
  checkedAt: InstantSchema,
});

export const FindingCandidateSchema = z.strictObject({
  /** The account (RADIUS user, lease client), the board's account or the café's member number. */
  account: field(256).optional(),
  person: FindingPersonSchema.optional(),
  line: LineFactsSchema.optional(),
  insideAddress: field(100).optional(),
  /**
   * The span its records confirm (with an offset): from the start of its holding to the last instant
   * confirmed. Findings made before `possibleTo` was added have this span alone, whatever their notes say.
   */
  from: InstantSchema.optional(),
  to: InstantSchema.optional(),
  /**
   * Until when it may have held it, when later than `to`: a holding whose end was not logged (no Stop, no
   * RELEASE) is possible past its last sighting. Absent: the possible span ends at `to`.
   */
  possibleTo: InstantSchema.optional(),
  posts: z.array(FindingPostSchema).max(1000).optional(),
  terminalUse: z.array(FindingTerminalUseSchema).max(1000).optional(),
  idChecks: z.array(FindingIdCheckSchema).max(100).optional(),
  sources: z.array(SourceRecordSchema).max(1000),
  notes: z.array(z.strictObject({ code: z.enum(FINDING_NOTES), text: BilingualSchema })).max(20),
});

export const FindingSchema = z
  .strictObject({
    verdict: z.enum(FINDING_VERDICTS),
    records: z.enum(FINDING_RECORDS),
    /**
     * The question as received and the window searched, both ends with an offset (for a post, the span
     * of the post log; absent when the log is empty).
     */
    query: z.strictObject({
      asReceived: field(5000),
      window: z.strictObject({ from: InstantSchema, to: InstantSchema }).optional(),
    }),
    candidates: z.array(FindingCandidateSchema).max(MAX_FINDING_CANDIDATES),
    reasons: z.array(z.strictObject({ code: z.enum(FINDING_REASONS), text: BilingualSchema })).max(50),
    /** For an ambiguous finding: what the requester could give to make it unique. */
    resolveBy: z.array(z.strictObject({ code: z.enum(RESOLVE_HINTS), text: BilingualSchema })).max(10),
  })
  .superRefine((f, ctx) => {
    const n = f.candidates.length;
    const bad =
      (f.verdict === 'unique' && n !== 1) || (f.verdict === 'none' && n !== 0) || (f.verdict === 'ambiguous' && n < 1);
    if (bad) {
      const want = f.verdict === 'unique' ? 'exactly one' : f.verdict === 'none' ? 'no' : 'at least one';
      ctx.addIssue({
        code: 'custom',
        path: ['candidates'],
        message: `a ${f.verdict} finding has ${want} candidate (it has ${n})`,
        params: {
          code: 'VALIDATION_FAILED',
          ja: `判定「${f.verdict}」の候補の数が不正です（${n} 件）`,
        },
        input: n,
      });
    }
    if (f.verdict !== 'ambiguous' && f.resolveBy.length > 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['resolveBy'],
        message: 'only an ambiguous finding says what would make it unique',
        params: { code: 'VALIDATION_FAILED', ja: '一意にする手掛かりは「特定できず」の判定にだけ付けます' },
        input: f.resolveBy,
      });
    }
  });

export type Finding = z.output<typeof FindingSchema>;
export type FindingCandidate = z.output<typeof FindingCandidateSchema>;
export type FindingSourceRecord = z.output<typeof SourceRecordSchema>;

/** Whether a candidate discloses who someone is (subscriber category) or what they did (access log). */
export function candidateDiscloses(c: FindingCandidate): { subscriber: boolean; accessLog: boolean } {
  return {
    subscriber: c.person !== undefined || c.line !== undefined || c.idChecks !== undefined,
    accessLog: c.posts !== undefined || c.terminalUse !== undefined || c.insideAddress !== undefined,
  };
}

export { candidateSpans } from './candidate-spans.ts';
