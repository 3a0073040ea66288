import { z } from 'zod';
import { DomainError } from './errors.ts';
import { NO_OPINION_HEARING } from './lifecycle.ts';
import type { DataCategory, RequestKind } from './vocabulary.ts';
import {
  type Bilingual,
  DATA_CATEGORIES,
  DATA_CATEGORY_LABELS,
  MINIMUM_BASES,
  REQUEST_KIND_LABELS,
  SUBSCRIBER_INVOLVEMENT,
} from './vocabulary.ts';

/**
 * Law in data. Two layers decide whether a provider can be asked for a data category by a kind of
 * request:
 *
 * 1. DEFAULT_MATRIX — the project's working model of Japanese law (DESIGN §3). It is the floor: no
 *    provider policy can make a request lawful that the matrix refuses (MATRIX_REFUSED).
 * 2. The provider's published ProviderPolicy — it may demand MORE (a warrant where an inquiry would be
 *    lawful, no emergency or civil disclosure, "never"), never less (POLICY_REFUSED).
 *
 * The matrix is applied first; a category the matrix refuses is reported once, as MATRIX_REFUSED.
 */

// ---------------------------------------------------------------------------------------------------
// The matrix

/** How the default matrix treats one (kind, category) pair. */
export type MatrixRule =
  | {
      allowed: true;
      /** only while averting the danger (emergency content) */
      limitedToAvertingDanger?: true;
      opinionHearing?: true;
    }
  | { allowed: false; reason: Bilingual }
  | { allowed: 'non_carriers_only'; reason: Bilingual };

/** 意見照会: the subscriber has two weeks to give an opinion. */
export const OPINION_HEARING_DAYS = 14;

/** Kinds whose categories are checked against a provider (mlat goes to a foreign authority). */
export type PolicyCheckedKind = Exclude<RequestKind, 'mlat'>;

const SECRECY_ACCESS_LOG: Bilingual = {
  ja: '電気通信事業者の通信履歴（接続記録）は通信の秘密の対象であり、捜査関係事項照会では取得できません。令状が必要です',
  en:
    'access logs of a telecommunications carrier are covered by the secrecy ' +
    'of communications: an inquiry cannot obtain them; a warrant is required',
};

const CAFE_RECORDS_ONLY: Bilingual = {
  ja: 'インターネットカフェ利用記録照会の対象は本人確認記録（契約者情報）と端末利用記録（接続記録）に限られます',
  en:
    'an internet-café records request covers ID-check records ' +
    '(subscriber) and terminal-use records (access log) only',
};

/**
 * DESIGN §3, as data:
 * | category   | inquiry           | warrant | emergency                |
 * | subscriber | yes               | yes     | yes                      |
 * | access_log | non-carriers only | yes     | yes                      |
 * | traffic    | no                | yes     | yes                      |
 * | content    | no                | yes     | only to avert the danger |
 *
 * | category   | civil_disclosure      | preservation | cafe_records           |
 * | subscriber | yes (opinion hearing) | yes          | yes (ID-check records) |
 * | access_log | yes (opinion hearing) | yes          | yes (terminal use)     |
 * | traffic    | no                    | yes          | no                     |
 * | content    | no                    | no           | no                     |
 */
export const DEFAULT_MATRIX: Record<PolicyCheckedKind, Record<DataCategory, MatrixRule>> = {
  inquiry: {
    subscriber: { allowed: true },
    access_log: { allowed: 'non_carriers_only', reason: SECRECY_ACCESS_LOG },
    traffic: {
      allowed: false,
      reason: {
        ja: 'その他の通信記録は通信の秘密の対象であり、捜査関係事項照会では取得できません。令状が必要です',
        en:
          'traffic data is covered by the secrecy of communications: ' +
          'an inquiry cannot obtain it; a warrant is required',
      },
    },
    content: {
      allowed: false,
      reason: {
        ja: '通信内容は捜査関係事項照会では取得できません。令状が必要です',
        en: 'the content of communications cannot be obtained by an inquiry; a warrant is required',
      },
    },
  },
  warrant: {
    subscriber: { allowed: true },
    access_log: { allowed: true },
    traffic: { allowed: true },
    content: { allowed: true },
  },
  emergency: {
    subscriber: { allowed: true },
    access_log: { allowed: true },
    traffic: { allowed: true },
    content: { allowed: true, limitedToAvertingDanger: true },
  },
  civil_disclosure: {
    subscriber: { allowed: true, opinionHearing: true },
    access_log: { allowed: true, opinionHearing: true },
    traffic: {
      allowed: false,
      reason: {
        ja: '発信者情報開示の対象は発信者情報（契約者情報と接続記録）に限られ、その他の通信記録は含まれません',
        en:
          'civil disclosure covers sender information (subscriber ' +
          'information and access logs) only, not traffic data',
      },
    },
    content: {
      allowed: false,
      reason: {
        ja: '発信者情報開示では通信内容を開示させることはできません',
        en: 'civil disclosure cannot obtain the content of communications',
      },
    },
  },
  preservation: {
    subscriber: { allowed: true },
    access_log: { allowed: true },
    traffic: { allowed: true },
    content: {
      allowed: false,
      reason: {
        ja: '保全要請（刑訴法197条3項）の対象は通信履歴であり、通信内容は対象になりません。通信内容には令状が必要です',
        en:
          'a preservation request (CCP art. 197(3)) covers ' +
          'communication records, never content; content needs a warrant',
      },
    },
  },
  cafe_records: {
    subscriber: { allowed: true },
    access_log: { allowed: true },
    traffic: { allowed: false, reason: CAFE_RECORDS_ONLY },
    content: { allowed: false, reason: CAFE_RECORDS_ONLY },
  },
};

// ---------------------------------------------------------------------------------------------------
// Provider policy

export { MINIMUM_BASES, MINIMUM_BASIS_LABELS, type MinimumBasis } from './vocabulary.ts';

export const CategoryPolicySchema = z.strictObject({
  /** The weakest ordinary request that obtains this category: an inquiry, only a warrant, or never. */
  minimumBasis: z.enum(MINIMUM_BASES),
  acceptsEmergency: z.boolean(),
  acceptsCivilDisclosure: z.boolean(),
  subscriberInvolvement: z.enum(SUBSCRIBER_INVOLVEMENT),
});
export type CategoryPolicy = z.infer<typeof CategoryPolicySchema>;

const days = z.number().int().min(1).max(365);

export const ProviderPolicySchema = z.strictObject({
  version: z.number().int().min(1),
  isTelecomCarrier: z.boolean(),
  categories: z.strictObject({
    subscriber: CategoryPolicySchema,
    access_log: CategoryPolicySchema,
    traffic: CategoryPolicySchema,
    content: CategoryPolicySchema,
  }),
  /** Response periods per kind, counted in elapsed calendar days (emergency: hours) from delivery. */
  deadlines: z.strictObject({
    inquiryDays: days,
    warrantDays: days,
    preservationDays: days,
    emergencyHours: z.number().int().min(1).max(72),
    civilDisclosureDays: days,
    cafeRecordsDays: days,
  }),
  /**
   * An emergency request signed with an approver credential younger than this (hours) gets a second
   * check before it is answered: a call-back to the number the directory registers for the unit.
   * Default: EMERGENCY_CREDENTIAL_MIN_AGE_HOURS.
   */
  emergencyCredentialMinAgeHours: z.number().int().min(0).max(8760).optional(),
  /** How long the provider keeps each category, in days (for "retention_expired" expectations). */
  retention: z.partialRecord(z.enum(DATA_CATEGORIES), z.number().int().min(0).max(36500)).optional(),
  notes: z.strictObject({ ja: z.string().max(5000), en: z.string().max(5000) }).optional(),
});
export type ProviderPolicy = z.infer<typeof ProviderPolicySchema>;

/** A credential younger than three days (the FBI's fake emergency requests came from new accounts). */
export const EMERGENCY_CREDENTIAL_MIN_AGE_HOURS = 72;

export const DEFAULT_DEADLINES: ProviderPolicy['deadlines'] = {
  inquiryDays: 14,
  warrantDays: 7,
  preservationDays: 3,
  emergencyHours: 3,
  civilDisclosureDays: 30,
  cafeRecordsDays: 14,
};

/**
 * The default matrix as a policy: what a provider that has published nothing stricter accepts.
 * A carrier gives access logs only under a warrant (secrecy of communications); others on inquiry.
 */
export function defaultProviderPolicy(isTelecomCarrier: boolean): ProviderPolicy {
  const none = 'none' as const;
  return {
    version: 1,
    isTelecomCarrier,
    categories: {
      subscriber: {
        minimumBasis: 'inquiry',
        acceptsEmergency: true,
        acceptsCivilDisclosure: true,
        subscriberInvolvement: none,
      },
      access_log: {
        minimumBasis: isTelecomCarrier ? 'warrant' : 'inquiry',
        acceptsEmergency: true,
        acceptsCivilDisclosure: true,
        subscriberInvolvement: none,
      },
      traffic: {
        minimumBasis: 'warrant',
        acceptsEmergency: true,
        acceptsCivilDisclosure: false,
        subscriberInvolvement: none,
      },
      content: {
        minimumBasis: 'warrant',
        acceptsEmergency: true,
        acceptsCivilDisclosure: false,
        subscriberInvolvement: none,
      },
    },
    deadlines: { ...DEFAULT_DEADLINES },
  };
}

// ---------------------------------------------------------------------------------------------------
// Checking a request

export type PolicyRefusal = { category: DataCategory; code: 'MATRIX_REFUSED' | 'POLICY_REFUSED'; message: Bilingual };
/**
 * OPINION_HEARING: the subscriber is heard before disclosure; SUBSCRIBER_NOTIFIED_AFTER: told after;
 * LIMITED_TO_AVERTING_DANGER (addition to the first API sketch): emergency content is disclosed only
 * as far as needed to avert the danger.
 */
export type PolicyNotice = {
  category: DataCategory;
  code: 'OPINION_HEARING' | 'SUBSCRIBER_NOTIFIED_AFTER' | 'LIMITED_TO_AVERTING_DANGER' | 'SUBSCRIBER_NOT_NOTIFIED';
  message: Bilingual;
};
export type PolicyCheck = { ok: boolean; refusals: PolicyRefusal[]; notices: PolicyNotice[] };

export type PolicyCheckInput = {
  kind: RequestKind;
  categories: DataCategory[];
  emergencyBasis?: string;
  /** The request asks that the subscriber not be told (秘匿): hearings and after-notices give way. */
  doNotNotify?: boolean;
};
export type PolicyProvider = { isTelecomCarrier: boolean; policy: ProviderPolicy };

const NOUN: Record<DataCategory, Bilingual> = {
  subscriber: { ja: DATA_CATEGORY_LABELS.subscriber.ja, en: 'subscriber information' },
  access_log: { ja: DATA_CATEGORY_LABELS.access_log.ja, en: 'access logs' },
  traffic: { ja: DATA_CATEGORY_LABELS.traffic.ja, en: 'traffic data' },
  content: { ja: DATA_CATEGORY_LABELS.content.ja, en: 'the content of communications' },
};

function policyRefusal(kind: PolicyCheckedKind, category: DataCategory, rule: CategoryPolicy): Bilingual | undefined {
  const n = NOUN[category];
  if (rule.minimumBasis === 'never') {
    return {
      ja: `この事業者は${n.ja}をいかなる要請によっても提供しません`,
      en: `this provider does not provide ${n.en} under any request`,
    };
  }
  switch (kind) {
    case 'inquiry':
    case 'cafe_records':
      return rule.minimumBasis === 'warrant'
        ? {
            ja: `この事業者は${n.ja}を令状によってのみ提供します`,
            en: `this provider answers ${n.en} only under a warrant`,
          }
        : undefined;
    case 'emergency':
      return rule.acceptsEmergency
        ? undefined
        : {
            ja: `この事業者は緊急照会に対して${n.ja}を提供しません`,
            en: `this provider does not provide ${n.en} on an emergency request`,
          };
    case 'civil_disclosure':
      return rule.acceptsCivilDisclosure
        ? undefined
        : {
            ja: `この事業者は発信者情報開示請求に対して${n.ja}を開示しません`,
            en: `this provider does not disclose ${n.en} on a civil disclosure request`,
          };
    case 'warrant':
    case 'preservation':
      return undefined;
  }
}

function notice(code: PolicyNotice['code'], category: DataCategory): PolicyNotice {
  const n = NOUN[category];
  switch (code) {
    case 'OPINION_HEARING':
      return {
        category,
        code,
        message: {
          ja: `${n.ja}の提供前に発信者（契約者）への意見照会を行います（回答期限${OPINION_HEARING_DAYS}日）`,
          en:
            `the subscriber is asked for an opinion before ${n.en} ` +
            `is disclosed (${OPINION_HEARING_DAYS} days to reply)`,
        },
      };
    case 'SUBSCRIBER_NOTIFIED_AFTER':
      return {
        category,
        code,
        message: {
          ja: `この事業者は${n.ja}の提供後に契約者へ通知します`,
          en: `this provider notifies the subscriber after providing ${n.en}`,
        },
      };
    case 'SUBSCRIBER_NOT_NOTIFIED':
      return {
        category,
        code,
        message: {
          ja: `秘匿の求めにより、この事業者は${n.ja}について契約者への意見照会・通知を行いません`,
          en: `as the request asks, this provider neither hears nor notifies the subscriber about ${n.en}`,
        },
      };
    case 'LIMITED_TO_AVERTING_DANGER':
      return {
        category,
        code,
        message: {
          ja: `緊急照会での${n.ja}の提供は、危険を避けるために必要な範囲に限られます`,
          en: `on an emergency request ${n.en} is provided only as far as needed to avert the danger`,
        },
      };
  }
}

/** Why the matrix refuses a pair to this provider (a carrier or not), or undefined when it allows it. */
function matrixRefuses(rule: MatrixRule, isCarrier: boolean): Bilingual | undefined {
  if (rule.allowed === false || (rule.allowed === 'non_carriers_only' && isCarrier)) return rule.reason;
  return undefined;
}

/**
 * Check a request's kind and categories against the matrix and then the provider's policy. mlat is
 * not checked (it goes to a foreign authority): always ok, no notices. Preservation discloses nothing,
 * so it carries no subscriber notices; a policy refuses it only for a category marked "never".
 */
export function checkRequestAgainstPolicy(input: PolicyCheckInput, provider: PolicyProvider): PolicyCheck {
  const refusals: PolicyRefusal[] = [];
  const notices: PolicyNotice[] = [];
  if (input.kind === 'mlat') return { ok: true, refusals, notices };
  const kind: PolicyCheckedKind = input.kind;
  // The organisation's flag and the policy's: either one makes the provider a carrier (the stricter reading).
  const isCarrier = provider.isTelecomCarrier || provider.policy.isTelecomCarrier;
  for (const category of new Set(input.categories)) {
    const rule = DEFAULT_MATRIX[kind][category];
    const matrixRefusal = matrixRefuses(rule, isCarrier);
    if (matrixRefusal !== undefined) {
      refusals.push({ category, code: 'MATRIX_REFUSED', message: matrixRefusal });
      continue;
    }
    const categoryPolicy = provider.policy.categories[category];
    const refused = policyRefusal(kind, category, categoryPolicy);
    if (refused !== undefined) {
      refusals.push({ category, code: 'POLICY_REFUSED', message: refused });
      continue;
    }
    if (rule.allowed === true && rule.limitedToAvertingDanger === true)
      notices.push(notice('LIMITED_TO_AVERTING_DANGER', category));
    const secret = input.doNotNotify === true && kind !== 'civil_disclosure';
    const hearing = hearingFor(kind, category, categoryPolicy);
    const toldAfter = categoryPolicy.subscriberInvolvement === 'notify_after' && kind !== 'preservation';
    if (secret && (hearing || toldAfter)) notices.push(notice('SUBSCRIBER_NOT_NOTIFIED', category));
    else if (hearing) notices.push(notice('OPINION_HEARING', category));
    else if (toldAfter) notices.push(notice('SUBSCRIBER_NOTIFIED_AFTER', category));
  }
  return { ok: refusals.length === 0, refusals, notices };
}

/** Throws MATRIX_REFUSED (if any refusal is the matrix's) or POLICY_REFUSED, with all refusals. */
export function assertRequestAllowed(input: PolicyCheckInput, provider: PolicyProvider): PolicyCheck {
  const check = checkRequestAgainstPolicy(input, provider);
  if (check.ok) return check;
  const code = check.refusals.some((r) => r.code === 'MATRIX_REFUSED') ? 'MATRIX_REFUSED' : 'POLICY_REFUSED';
  const kindLabel = REQUEST_KIND_LABELS[input.kind];
  throw new DomainError(
    code,
    {
      ja: `${kindLabel.ja}では次のデータを求めることができません: ${check.refusals.map((r) => r.message.ja).join('。')}`,
      en: `this ${kindLabel.en.toLowerCase()} cannot ask for: ${check.refusals.map((r) => r.message.en).join('; ')}`,
    },
    { field: 'categories', value: input.categories, kind: input.kind, refusals: check.refusals },
  );
}

function hearingFor(kind: RequestKind, category: DataCategory, rule: CategoryPolicy): boolean {
  if (NO_OPINION_HEARING.includes(kind)) return false;
  if (kind === 'civil_disclosure' && (category === 'subscriber' || category === 'access_log')) return true;
  return rule.subscriberInvolvement === 'opinion_hearing';
}

/**
 * Whether the provider must hear the subscriber (意見照会) before answering: always for civil
 * disclosure of subscriber information or access logs (Provider Liability Limitation Act); otherwise
 * when the policy says so for a requested category — except emergency, preservation, mlat and warrant.
 */
export function requiresOpinionHearing(
  kind: RequestKind,
  categories: DataCategory[],
  policy: ProviderPolicy,
  doNotNotify = false,
): boolean {
  if (doNotNotify && kind !== 'civil_disclosure') return false;
  return categories.some((c) => hearingFor(kind, c, policy.categories[c]));
}

/**
 * Where a policy claims to allow what the matrix forbids. Such entries have no effect (the matrix
 * wins); the policy editor shows them so that a provider does not believe it publishes something
 * it does not.
 */
export function policyLooserThanMatrix(
  policy: ProviderPolicy,
): Array<{ category: DataCategory; kind: PolicyCheckedKind; message: Bilingual }> {
  const out: Array<{ category: DataCategory; kind: PolicyCheckedKind; message: Bilingual }> = [];
  for (const category of DATA_CATEGORIES) {
    const p = policy.categories[category];
    const claims: Array<[PolicyCheckedKind, boolean]> = [
      ['inquiry', p.minimumBasis === 'inquiry'],
      ['emergency', p.minimumBasis !== 'never' && p.acceptsEmergency],
      ['civil_disclosure', p.minimumBasis !== 'never' && p.acceptsCivilDisclosure],
    ];
    for (const [kind, claimed] of claims) {
      const refusal = matrixRefuses(DEFAULT_MATRIX[kind][category], policy.isTelecomCarrier);
      if (claimed && refusal !== undefined) out.push({ category, kind, message: refusal });
    }
  }
  return out;
}
