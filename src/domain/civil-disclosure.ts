import { z } from 'zod';
import { DomainError } from './errors.ts';
import { InstantSchema, parseInstant } from './instant.ts';
import { refuseTargetTypes } from './targets.ts';
import { text } from './validation.ts';
import type { Bilingual, CivilRoute, DataCategory, Locale, ProviderCategory, TargetType } from './vocabulary.ts';
import {
  CIVIL_ROUTES,
  CIVIL_STAGE_OF_CATEGORY,
  COURT_ORDER_TYPES,
  DATA_CATEGORIES,
  DATA_CATEGORY_LABELS,
  DISCLOSURE_PURPOSE_LABELS,
  DISCLOSURE_PURPOSES,
  INFRINGED_RIGHT_LABELS,
  INFRINGED_RIGHTS,
  SENDER_INFORMATION,
  SENDER_INFORMATION_CATEGORY,
  SENDER_INFORMATION_LABELS,
} from './vocabulary.ts';

/**
 * Civil sender-information disclosure (発信者情報開示, issue 15): what the claimant's lawyer files with a
 * provider — who the claimant is, the infringing posts (the request's targets), the rights infringed,
 * the legitimate reason for disclosure, the sender information sought by the categories the law's
 * ordinance lists — or the court's order they present. The police have no part in it.
 *
 * The fields added by issue 15 are optional in the shape, because requests stored before it (drafted
 * by the police, with the claimant and counsel as free text) must still read; a new filing must carry
 * them all (`checkCivilFiling`, run with the other content rules at drafting, signing and receipt).
 */

/** A court's order under the 2022 procedure, as the lawyer presents it to the provider. */
export const CourtOrderSchema = z.strictObject({
  type: z.enum(COURT_ORDER_TYPES),
  /** The court in the directory (kind court): the provider checks the order with it. */
  courtOrganisationId: text(1, 100),
  /** The case number, e.g. 令和8年(発チ)第10123号. */
  caseNumber: text(1, 100),
  /** When the order was made: an instant with its offset. */
  orderedAt: InstantSchema,
  /** The operative part of the order (主文), as it reads. */
  content: text(1, 5000),
  /**
   * The judge's signature when the order was issued in the system (picked by the lawyer from the
   * court's decision on their application): the judge's own credential's WebAuthn assertion over the
   * disclosure-order digest, `wa1.…` as a warrant's. Absent: an order entered by hand, shown unverified.
   */
  attestation: z
    .strictObject({
      keyId: text(1, 200),
      signature: z
        .string()
        .max(8000)
        .regex(/^wa1(\.[A-Za-z0-9_-]{1,4000}){3}$/, 'wa1.… (a judge credential)'),
    })
    .optional(),
  /** The application (申立て) the order was issued on, when it was made in the system. */
  applicationId: text(1, 100).optional(),
});
export type CourtOrder = z.infer<typeof CourtOrderSchema>;

/** The words of each closed list `unique` takes: a value chosen twice is named as people read it. */
const LIST_LABELS = new Map<readonly string[], Readonly<Record<string, Bilingual>>>([
  [INFRINGED_RIGHTS, INFRINGED_RIGHT_LABELS],
  [DISCLOSURE_PURPOSES, DISCLOSURE_PURPOSE_LABELS],
  [SENDER_INFORMATION, SENDER_INFORMATION_LABELS],
  [DATA_CATEGORIES, DATA_CATEGORY_LABELS],
]);

/**
 * Values of a closed list: at least one, each at most once (a repeated one is named, in both languages;
 * the error's field is the list, or with `at: 'item'` the repeated entry).
 */
export const unique = <T extends string>(
  values: readonly [T, ...T[]],
  { at = 'list' }: { at?: 'list' | 'item' } = {},
) => {
  const labels = LIST_LABELS.get(values);
  return z
    .array(z.enum(values))
    .min(1)
    .max(values.length)
    .superRefine((chosen, ctx) => {
      const seen = new Set<T>();
      for (const [i, v] of chosen.entries()) {
        if (seen.has(v)) {
          const label = labels?.[v];
          ctx.addIssue({
            code: 'custom',
            ...(at === 'item' ? { path: [i] } : {}),
            message: label
              ? `"${label.en}" is chosen twice: choose each at most once`
              : 'the same choice is made twice: choose each at most once',
            params: {
              code: 'VALIDATION_FAILED',
              ja: label
                ? `「${label.ja}」が重複して選ばれています（それぞれ 1 回まで）`
                : '同じ選択肢が重複して選ばれています（それぞれ 1 回まで）',
            },
            input: v,
          });
        }
        seen.add(v);
      }
    });
};

export const CivilBlockSchema = z.strictObject({
  /** How the request reaches the provider (absent only on requests stored before issue 15). */
  route: z.enum(CIVIL_ROUTES).optional(),
  /** The claimant (請求者): the victim whose rights were infringed. */
  claimant: text(1, 200),
  claimantAddress: text(1, 500).optional(),
  /** Before issue 15, counsel was free text; now the signing lawyer is the directory's. */
  counsel: text(1, 200).optional(),
  rights: unique(INFRINGED_RIGHTS).optional(),
  /** How the post infringes those rights, and why it is evident (権利侵害の明白性). */
  rightsInfringed: text(1, 5000),
  /** The legitimate reasons (正当な理由) the claimant needs the sender's identity for. */
  purposes: unique(DISCLOSURE_PURPOSES).optional(),
  /** The sender information sought, by the ordinance's categories. */
  senderInformation: unique(SENDER_INFORMATION).optional(),
  /** With the court-order route: the order presented. */
  courtOrder: CourtOrderSchema.optional(),
  /** Before issue 15: a court order's reference as free text. */
  courtOrderReference: text(1, 100).optional(),
});
export type CivilBlock = z.infer<typeof CivilBlockSchema>;

const FIELD_LABELS: Record<string, Bilingual> = {
  'civil.route': { ja: '開示の経路', en: 'the route' },
  'civil.rights': { ja: '侵害された権利', en: 'the rights infringed' },
  'civil.purposes': { ja: '開示を受けるべき正当な理由', en: 'the legitimate reason for disclosure' },
  'civil.senderInformation': { ja: '開示を求める発信者情報', en: 'the sender information sought' },
  'civil.courtOrder': { ja: '裁判所の命令（裁判所・事件番号・日付・主文）', en: "the court's order" },
};

/** The data categories the sender information sought belongs to. */
export function categoriesOfSenderInformation(items: readonly (typeof SENDER_INFORMATION)[number][]): DataCategory[] {
  return [...new Set(items.map((i) => SENDER_INFORMATION_CATEGORY[i]))];
}

/**
 * The rules of a civil filing: every field named (all the missing ones at once), the targets the posts (or
 * the communications that sent them, for an access provider), the data categories exactly those of the
 * sender information sought, and a court order made before now.
 */
export function checkCivilFiling(
  civil: CivilBlock,
  categories: readonly DataCategory[],
  now: Date,
  targets: readonly { type: TargetType }[],
): void {
  const missing: string[] = [];
  if (!civil.route) missing.push('civil.route');
  if (!civil.rights) missing.push('civil.rights');
  if (!civil.purposes) missing.push('civil.purposes');
  if (!civil.senderInformation) missing.push('civil.senderInformation');
  if (civil.route === 'court_order' && !civil.courtOrder) missing.push('civil.courtOrder');
  if (missing.length > 0) {
    throw new DomainError(
      'VALIDATION_FAILED',
      {
        ja: `発信者情報開示請求に必要な項目がありません: ${missing.map((f) => FIELD_LABELS[f]?.ja).join('、')}`,
        en: `a civil disclosure request needs: ${missing.map((f) => FIELD_LABELS[f]?.en).join(', ')}`,
      },
      { field: missing[0], missing },
    );
  }
  // The Act discloses who sent an infringing post: a phone number, an address or an account with no post
  // would make the request a lookup of whoever holds it.
  refuseTargetTypes(targets, ['url', 'ip'], {
    ja: '発信者情報開示請求の対象は、侵害情報の投稿（URL）とその送信の IP アドレスに限られます',
    en: 'a civil disclosure request names the infringing posts (URL) and the IP addresses that sent them only',
  });
  if (civil.route === 'lawyer_request' && civil.courtOrder) {
    throw new DomainError(
      'VALIDATION_FAILED',
      {
        ja: '裁判所の命令を提示する場合は、経路に「裁判所の命令の提示」を選んでください',
        en: 'to present a court order, choose the court-order route',
      },
      { field: 'civil.route', value: civil.route },
    );
  }
  const sought = categoriesOfSenderInformation(civil.senderInformation ?? []);
  const extra = categories.filter((c) => !sought.includes(c as 'subscriber' | 'access_log'));
  const lacking = sought.filter((c) => !categories.includes(c));
  if (extra.length > 0 || lacking.length > 0) {
    const names = (cs: readonly DataCategory[], l: Locale) =>
      cs.map((c) => DATA_CATEGORY_LABELS[c][l]).join(l === 'ja' ? '、' : ', ');
    throw new DomainError(
      'VALIDATION_FAILED',
      {
        ja:
          `データ種別は開示を求める発信者情報に合わせてください（${names(sought, 'ja')}）` +
          `${extra.length ? `。余分: ${names(extra, 'ja')}` : ''}` +
          `${lacking.length ? `。不足: ${names(lacking, 'ja')}` : ''}`,
        en:
          `the data categories must be those of the sender information sought ` +
          `(${names(sought, 'en')})${extra.length ? `; not sought: ${names(extra, 'en')}` : ''}` +
          `${lacking.length ? `; missing: ${names(lacking, 'en')}` : ''}`,
      },
      { field: 'categories', value: categories, expected: sought },
    );
  }
  const order = civil.courtOrder;
  if (order && Date.parse(parseInstant(order.orderedAt, 'civil.courtOrder.orderedAt').utc) > now.getTime()) {
    throw new DomainError(
      'VALIDATION_FAILED',
      {
        ja: `裁判所の命令の日付（${order.orderedAt}）が未来です`,
        en: `the court order's date (${order.orderedAt}) is in the future`,
      },
      { field: 'civil.courtOrder.orderedAt', value: order.orderedAt, now: now.toISOString() },
    );
  }
}

/**
 * What a civil request names fits the stage its provider answers (CIVIL_STAGE_OF_CATEGORY): an access
 * provider (the second stage) can look up its subscriber only from a connection — the IP address, the
 * source port where a carrier-grade NAT shares the address, and the instant with its offset the content
 * provider disclosed — so a lawyer's own request to it naming none is refused; a content provider (the first
 * stage) is asked about the infringing post, so a request to it names one. Refused naming `targets`.
 * Under a court's order the connection is not the claimant's to name: with a provision order (提供命令) the
 * content provider gives it to the access provider directly and the claimant never sees it (src/court/
 * provision.ts), so a request presenting an order against an access provider names the post, as the order does.
 */
export function checkCivilTargetsFor(
  provider: { providerCategory: ProviderCategory | null; nameJa: string; nameEn: string },
  civil: { route?: CivilRoute | undefined },
  targets: readonly { type: TargetType }[],
): void {
  const stage = CIVIL_STAGE_OF_CATEGORY[provider.providerCategory ?? 'other'];
  const types = targets.map((t) => t.type);
  if (stage === 'access' && civil.route === 'lawyer_request' && !types.includes('ip')) {
    throw new DomainError(
      'VALIDATION_FAILED',
      {
        ja:
          `経由プロバイダ（${provider.nameJa}）への発信者情報開示請求には、コンテンツプロバイダが開示した通信` +
          '（IPアドレス・接続元ポート番号・送信日時）を対象に少なくとも1つ指定してください。' +
          '投稿のURLだけでは契約者を調べられません',
        en:
          `a disclosure request to an access provider (${provider.nameEn}) names at least one connection the ` +
          'content provider disclosed (IP address, source port and time of sending) among its targets: ' +
          "from the post's URL alone it cannot look up its subscriber",
      },
      { field: 'targets', value: types, expected: 'ip' },
    );
  }
  if (stage === 'content' && !types.includes('url')) {
    throw new DomainError(
      'VALIDATION_FAILED',
      {
        ja:
          `コンテンツプロバイダ（${provider.nameJa}）への発信者情報開示請求には、` +
          '侵害情報の投稿（URL）を対象に指定してください',
        en:
          `a disclosure request to a content provider (${provider.nameEn}) ` +
          'names the infringing post (URL) among its targets',
      },
      { field: 'targets', value: types, expected: 'url' },
    );
  }
}

/** The labels of the sender information sought, for letters and screens. */
export function senderInformationLabels(civil: CivilBlock, locale: Locale): string[] {
  return (civil.senderInformation ?? []).map((i) => SENDER_INFORMATION_LABELS[i][locale]);
}

/**
 * What a request asks to disclose, for the subscriber's hearing: the ordinance's items a civil request names
 * (氏名又は名称, IPアドレス及び接続元ポート番号, …), or, for one that names none (stored before issue 15), its data
 * categories — only what the request holds.
 */
export function soughtItems(
  content: { kind: string; categories: readonly DataCategory[]; civil?: CivilBlock | undefined },
  locale: Locale,
): string[] {
  const civil = content.kind === 'civil_disclosure' ? content.civil : undefined;
  if (civil?.senderInformation) return senderInformationLabels(civil, locale);
  return content.categories.map((c) => DATA_CATEGORY_LABELS[c][locale]);
}
