import { z } from 'zod';
import { AttachmentRefSchema, MAX_ATTACHMENTS_PER_REQUEST } from './attachments.ts';
import { CivilBlockSchema, checkCivilFiling, unique } from './civil-disclosure.ts';
import { ConfidentialitySchema, checkConfidentialityBasis, doNotNotifyOf } from './confidentiality.ts';
import { missingSuicideNoticeConditions } from './emergency.ts';
import { DomainError } from './errors.ts';
import { InstantSchema, parseInstant } from './instant.ts';
import { mlatChoiceProblem } from './mlat.ts';
import { futureTargetProblem } from './target-times.ts';
import type { Target } from './targets.ts';
import { refuseMisleadingTargets, refuseTargetTypes, TargetSchema } from './targets.ts';
import { patternWords, text } from './validation.ts';
import type { RequestKind } from './vocabulary.ts';
import {
  DATA_CATEGORIES,
  EMERGENCY_BASIS_LABELS,
  MLAT_ASSISTANCE,
  MLAT_TREATIES,
  REQUEST_KIND_LABELS,
  SUICIDE_NOTICE_CONDITION_LABELS,
  WARRANT_TYPES,
} from './vocabulary.ts';

/**
 * What an investigator drafts: the content that is canonicalised, approved and signed. Pure shape
 * here (strict zod objects, discriminated on `kind`); rules between fields and against the clock are
 * in validateRequestContent, which the service runs with its `now` before submitting and approving.
 */

/** CCP art. 197(3)–(4): a preservation request names at most 30 days; one extension, 60 days in all. */
export const PRESERVATION_DEFAULT_DAYS = 30;
export const PRESERVATION_MAX_DAYS = 30;

const orgId = text(1, 100);

/** Data categories: at least one, each at most once (one listed twice is named, at its place in the list). */
const CategoriesSchema = unique(DATA_CATEGORIES, { at: 'item' });

const common = {
  caseReference: text(1, 100),
  offence: text(1, 500),
  facts: text(1, 10000),
  necessity: text(1, 5000),
  targets: z.array(TargetSchema).min(1).max(200),
  categories: CategoriesSchema,
  /** The answer is wanted by this instant (checked against `now` by validateRequestContent). */
  requestedBy: InstantSchema.optional(),
  /**
   * Files attached to the draft (set by the server from what was uploaded, never typed in): their
   * SHA-256 is signed with the rest of the content.
   */
  attachments: z.array(AttachmentRefSchema).max(MAX_ATTACHMENTS_PER_REQUEST).optional(),
};
const addressed = { providerOrganisationId: orgId, ...common };
/** A criminal request may ask that the subscriber not be told (秘匿; see ./confidentiality.ts). */
const secrecy = { confidentiality: ConfidentialitySchema.optional() };

export { WARRANT_TYPE_LABELS, WARRANT_TYPES, type WarrantType } from './vocabulary.ts';

export const InquiryContentSchema = z.strictObject({ kind: z.literal('inquiry'), ...addressed, ...secrecy });

/** What a court's signature over a warrant is, said when one is not: pasted as the court or the judge gave it. */
const COURT_SIGNATURE_WORDS = {
  ja: '裁判所の署名（base64url の英数字・_・-）か、裁判官のパスキーの署名（wa1. で始まる）を貼り付けてください',
  en: 'paste the court’s signature (base64url: letters, digits, _ and -) or the judge’s passkey signature (wa1.…)',
};
export const WarrantContentSchema = z.strictObject({
  kind: z.literal('warrant'),
  ...addressed,
  ...secrecy,
  warrant: z.strictObject({
    type: z.enum(WARRANT_TYPES),
    courtOrganisationId: orgId,
    warrantNumber: text(1, 100),
    issuedAt: InstantSchema,
    validUntil: InstantSchema,
    /** The period of the records it reaches, when the application named one: attested, so the provider reads it. */
    recordsPeriod: z.strictObject({ from: InstantSchema, to: InstantSchema }).optional(),
    /**
     * The court's Ed25519 signature over warrantAttestationPayload (purpose 'warrant-attestation'), or
     * the judge's own credential's (WebAuthn) over its digest: `wa1.<authenticatorData>.<clientDataJSON>.<signature>`.
     */
    attestation: z.strictObject({
      keyId: text(1, 200),
      // Left empty, it is said to be required (abort: not also "not in the form" of a signature).
      signature: z
        .string()
        .min(1, { abort: true })
        .max(8000)
        .regex(/^([A-Za-z0-9_-]{1,200}|wa1(\.[A-Za-z0-9_-]{1,4000}){3})$/, patternWords(COURT_SIGNATURE_WORDS)),
    }),
  }),
});

export const PreservationContentSchema = z.strictObject({
  kind: z.literal('preservation'),
  ...addressed,
  ...secrecy,
  preservation: z
    .strictObject({ days: z.number().int().min(1).max(PRESERVATION_MAX_DAYS).default(PRESERVATION_DEFAULT_DAYS) })
    .default({ days: PRESERVATION_DEFAULT_DAYS }),
});

const statement = text(1, 5000);
export const EmergencyBlockSchema = z.discriminatedUnion('basis', [
  z.strictObject({
    basis: z.literal('suicide_notice'),
    conditions: z.strictObject({
      imminent: z.boolean(),
      realistic: z.boolean(),
      intentExpressed: z.boolean(),
      notJokeOrFiction: z.boolean(),
    }),
    statement,
  }),
  z.strictObject({ basis: z.literal('threat_to_life'), statement }),
]);

export const EmergencyContentSchema = z.strictObject({
  kind: z.literal('emergency'),
  ...addressed,
  ...secrecy,
  /**
   * Protection (保護事案): a suicide notice or a danger to life is not an offence, and the case may not
   * have a number yet. Empty means "none"; the request is then filed under a protection case of its own.
   */
  caseReference: text(0, 100).default(''),
  offence: text(0, 500).default(''),
  emergency: EmergencyBlockSchema,
});

/**
 * The claimant's lawyer's request (or the court order they present): facts are the infringing posts'
 * circumstances, necessity the legitimate reason explained; there is no offence (./civil-disclosure.ts).
 */
export const CivilDisclosureContentSchema = z.strictObject({
  kind: z.literal('civil_disclosure'),
  ...addressed,
  offence: text(0, 500).default(''),
  civil: CivilBlockSchema,
});

export const CafeRecordsContentSchema = z.strictObject({
  kind: z.literal('cafe_records'),
  ...addressed,
  ...secrecy,
  cafe: z.strictObject({ storeName: text(1, 200).optional() }).optional(),
});

/** A refinement's refusal in words, in both languages (a zod format issue would have no Japanese). */
const inWords = (en: string, ja: string) => ({ message: en, params: { code: 'VALIDATION_FAILED', ja } });
// Checked by refinements, for the refusal's Japanese, and stated in the API document as patterns.
const COUNTRY_CODE = /^[A-Z]{2}$/;
const LANGUAGE_TAG = /^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/;
const COUNTRY = inWords(
  'name the requested country by its two-letter ISO 3166-1 code in capitals, such as US or KR',
  '要請先の国は ISO 3166-1 の英大文字 2 字の国名コード（US、KR など）で指定してください',
);
const NOT_JAPAN = inWords(
  'a mutual legal assistance request goes abroad: it cannot be addressed to Japan (JP)',
  '国際捜査共助の要請は外国に宛てて出すものです。要請先の国に日本（JP）は指定できません',
);
const LANGUAGE = inWords(
  'name the language of the package by its BCP 47 tag, such as en, ja or pt-BR',
  '要請書の言語は BCP 47 の言語タグ（en、ja、pt-BR など）で指定してください',
);

export const MlatContentSchema = z.strictObject({
  kind: z.literal('mlat'),
  ...common,
  mlat: z.strictObject({
    /** ISO 3166-1 alpha-2, upper case; never JP (this is an outgoing request). */
    requestedCountry: z
      .string()
      .refine((c) => COUNTRY_CODE.test(c), COUNTRY)
      .refine((c) => c !== 'JP', NOT_JAPAN)
      .meta({ pattern: COUNTRY_CODE.source }),
    foreignAuthority: text(1, 300),
    foreignProvider: text(1, 300).optional(),
    /**
     * The instrument the request rests on, from the closed list (src/domain/mlat.ts). Free text is read
     * only from requests drafted before the list: a new draft is refused it when checked.
     */
    treaty: z.union([z.enum(MLAT_TREATIES), text(1, 300)]),
    /** Records (the default), or their expedited preservation pending the formal request. */
    assistance: z.enum(MLAT_ASSISTANCE).optional(),
    /** Japan's central authority it goes through: the NPA (default for police) or the Ministry of Justice. */
    centralAuthority: z.enum(['npa', 'moj']).optional(),
    /** The language of the package: 'en', 'ja' or another BCP 47 tag. */
    language: z
      .string()
      .refine((l) => LANGUAGE_TAG.test(l), LANGUAGE)
      .meta({ pattern: LANGUAGE_TAG.source }),
  }),
});

export const RequestContentSchema = z.discriminatedUnion('kind', [
  InquiryContentSchema,
  WarrantContentSchema,
  PreservationContentSchema,
  EmergencyContentSchema,
  CivilDisclosureContentSchema,
  CafeRecordsContentSchema,
  MlatContentSchema,
]);

export type RequestContent = z.output<typeof RequestContentSchema>;
export type RequestContentInput = z.input<typeof RequestContentSchema>;
export type InquiryRequestContent = z.output<typeof InquiryContentSchema>;
export type WarrantRequestContent = z.output<typeof WarrantContentSchema>;
export type PreservationRequestContent = z.output<typeof PreservationContentSchema>;
export type EmergencyRequestContent = z.output<typeof EmergencyContentSchema>;
export type CivilDisclosureRequestContent = z.output<typeof CivilDisclosureContentSchema>;
export type CafeRecordsRequestContent = z.output<typeof CafeRecordsContentSchema>;
export type MlatRequestContent = z.output<typeof MlatContentSchema>;
export type RequestContentOf<K extends RequestKind> = Extract<RequestContent, { kind: K }>;

/** The addressed provider, or undefined for an MLAT package (addressed to a foreign authority). */
export function providerOf(content: RequestContent): string | undefined {
  return content.kind === 'mlat' ? undefined : content.providerOrganisationId;
}

/** The emergency basis, for policy checks. */
export function emergencyBasisOf(content: RequestContent): string | undefined {
  return content.kind === 'emergency' ? content.emergency.basis : undefined;
}

/** Purpose under which a court signs warrantAttestationPayload. */
export const WARRANT_ATTESTATION_PURPOSE = 'warrant-attestation';

/**
 * What the court attests for a warrant: who may seize what from whom, between which instants. The
 * provider verifies the court's signature over exactly this (canonical JSON), so a warrant cannot be
 * re-used for another provider, another agency, other targets or other categories.
 */
export function warrantAttestationPayload(content: WarrantRequestContent, agencyOrganisationId: string): object {
  return {
    warrantNumber: content.warrant.warrantNumber,
    type: content.warrant.type,
    courtOrganisationId: content.warrant.courtOrganisationId,
    agencyOrganisationId,
    providerOrganisationId: content.providerOrganisationId,
    targets: content.targets,
    categories: content.categories,
    issuedAt: content.warrant.issuedAt,
    validUntil: content.warrant.validUntil,
    ...(content.warrant.recordsPeriod ? { recordsPeriod: content.warrant.recordsPeriod } : {}),
  };
}

// ---------------------------------------------------------------------------------------------------
// Cross-field rules

function utcMs(value: string, field: string): number {
  return Date.parse(parseInstant(value, field).utc);
}

/**
 * Rules zod cannot express nicely, checked against `now`. Throws the first violation as a DomainError:
 * - requestedBy must be after now (DEADLINE_IN_PAST);
 * - warrant: validUntil after issuedAt, issuedAt not in the future, not expired at now
 *   (VALIDATION_FAILED, field warrant.validUntil / warrant.issuedAt);
 * - emergency suicide_notice: all four conditions affirmed (EMERGENCY_CONDITIONS_MISSING, details.missing);
 * - cafe_records: targets only terminal or ip, at least one terminal (INVALID_IDENTIFIER);
 * - every terminal target: from before to (VALIDATION_FAILED);
 * - no target's instant later than now, beyond a small clock skew (VALIDATION_FAILED, ./target-times.ts).
 * Which categories a kind may ask for is the policy matrix's business (policy.ts), not this function's.
 */
export function validateRequestContent(content: RequestContent, now: Date): void {
  const nowMs = now.getTime();

  if (content.requestedBy !== undefined && utcMs(content.requestedBy, 'requestedBy') <= nowMs) {
    throw new DomainError(
      'DEADLINE_IN_PAST',
      {
        ja: `回答希望期限（${content.requestedBy}）が過去です。現在より後の日時を指定してください`,
        en: `the answer is wanted by ${content.requestedBy}, which is not in the future: give a later time`,
      },
      { field: 'requestedBy', value: content.requestedBy, now: now.toISOString() },
    );
  }

  content.targets.forEach((t: Target, i) => {
    refuseMisleadingTargets(t, `targets.${i}`);
    if (t.type === 'terminal' && utcMs(t.from, `targets.${i}.from`) >= utcMs(t.to, `targets.${i}.to`)) {
      throw new DomainError(
        'VALIDATION_FAILED',
        {
          ja: `対象 ${i + 1}: 端末の利用期間の終わり（${t.to}）が始まり（${t.from}）より後ではありません`,
          en: `target ${i + 1}: the end of the terminal period (${t.to}) is not after its start (${t.from})`,
        },
        { field: `targets.${i}.to`, value: t.to, from: t.from },
      );
    }
  });
  const future = futureTargetProblem(content.targets, now);
  if (future) throw future;

  const mark = doNotNotifyOf(content);
  if (mark) checkConfidentialityBasis(content.kind, mark.basis);

  switch (content.kind) {
    case 'warrant': {
      const w = content.warrant;
      const issued = utcMs(w.issuedAt, 'warrant.issuedAt');
      const until = utcMs(w.validUntil, 'warrant.validUntil');
      if (until <= issued) {
        throw new DomainError(
          'VALIDATION_FAILED',
          {
            ja: `令状の有効期間の末日（${w.validUntil}）が発付日時（${w.issuedAt}）より後ではありません`,
            en: `the warrant's last day of validity (${w.validUntil}) is not after its issue (${w.issuedAt})`,
          },
          { field: 'warrant.validUntil', value: w.validUntil, issuedAt: w.issuedAt },
        );
      }
      if (issued > nowMs) {
        throw new DomainError(
          'VALIDATION_FAILED',
          {
            ja: `令状の発付日時（${w.issuedAt}）が未来です`,
            en: `the warrant's time of issue (${w.issuedAt}) is in the future`,
          },
          { field: 'warrant.issuedAt', value: w.issuedAt, now: now.toISOString() },
        );
      }
      if (until <= nowMs) {
        throw new DomainError(
          'VALIDATION_FAILED',
          {
            ja: `令状 ${w.warrantNumber} は有効期間（${w.validUntil} まで）を過ぎています`,
            en: `warrant ${w.warrantNumber} expired at ${w.validUntil}`,
          },
          { field: 'warrant.validUntil', value: w.validUntil, now: now.toISOString() },
        );
      }
      return;
    }
    case 'emergency': {
      const e = content.emergency;
      if (e.basis === 'suicide_notice') {
        const missing = missingSuicideNoticeConditions(e.conditions);
        if (missing.length > 0) {
          throw new DomainError(
            'EMERGENCY_CONDITIONS_MISSING',
            {
              ja: `${EMERGENCY_BASIS_LABELS.suicide_notice.ja}による緊急照会は4要件すべてを満たす必要があります。満たされていない要件: ${missing
                .map((c) => SUICIDE_NOTICE_CONDITION_LABELS[c].ja)
                .join('／')}`,
              en: `an emergency request for a suicide notice must affirm all four conditions; not affirmed: ${missing
                .map((c) => SUICIDE_NOTICE_CONDITION_LABELS[c].en)
                .join('; ')}`,
            },
            { field: 'emergency.conditions', value: e.conditions, missing },
          );
        }
      }
      return;
    }
    case 'cafe_records': {
      refuseTargetTypes(content.targets, ['terminal', 'ip'], {
        ja: `${REQUEST_KIND_LABELS.cafe_records.ja}の対象は端末と IP アドレスに限られます`,
        en: 'an internet-café records request names terminals (and optionally IP addresses) only',
      });
      if (!content.targets.some((t) => t.type === 'terminal')) {
        throw new DomainError(
          'INVALID_IDENTIFIER',
          {
            ja: `${REQUEST_KIND_LABELS.cafe_records.ja}には少なくとも1つの端末（terminal）と利用時間が必要です`,
            en: 'an internet-café records request needs at least one terminal target with its period of use',
          },
          { field: 'targets', value: content.targets.map((t) => t.type) },
        );
      }
      return;
    }
    case 'mlat': {
      const problem = mlatChoiceProblem(content.mlat);
      if (problem) {
        throw new DomainError('VALIDATION_FAILED', problem.message, {
          field: problem.field,
          value: (content.mlat as Record<string, unknown>)[problem.field.split('.').at(-1) ?? ''],
        });
      }
      return;
    }
    case 'civil_disclosure':
      checkCivilFiling(content.civil, content.categories, now, content.targets);
      return;
    case 'preservation':
    case 'inquiry':
      return;
  }
}
