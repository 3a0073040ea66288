import { phoneWords } from '../domain/shown-text.ts';
import type { LayoutRules } from './layouts.ts';
import { type DocumentData, personName } from './model.ts';

// Who issued a document and whom to call back, as the page prints them. The names of organisations and
// units (layout 7 on): as the directory held them when the document was printed, or in words where it held
// none — never a raw id, which means nothing to a reader of a legal document. What identifies such a signer
// for that reader is what the page already prints: the fingerprint of the key that signed (the unit's, the
// court's, the provider's answer key) beside it under 電子署名, which the pinned directory names, and the
// document number; the note printed with the signatures says so.

type Locale = 'ja' | 'en';
type Names = { ja: string; en: string } | null;

/** A name the directory did not hold when printing, in words, by what it names. */
export const NAME_UNKNOWN = {
  agency: { ja: '（機関名不明）', en: '(agency name unknown)' },
  unit: { ja: '（所属名不明）', en: '(unit name unknown)' },
  provider: { ja: '（事業者名不明）', en: '(provider name unknown)' },
  court: { ja: '（裁判所名不明）', en: '(court name unknown)' },
} as const;

/** Printed once with the signatures when a name is unknown: why, and how the signer is known instead. */
export const NAME_UNKNOWN_NOTE = {
  ja:
    '名称不明: 印刷時のディレクトリに、この機関・所属・裁判所・事業者の名称の記録がありませんでした。' +
    '署名した者は、上記の鍵の指紋で特定できます（照会はこの文書番号で）。',
  en:
    'Name unknown: the directory held no name for this agency, unit, court or provider when this was printed; ' +
    'who signed is identified by the fingerprint of their key above (refer to this document number).',
} as const;

/** An organisation's or unit's name: as the directory held it, or in words that it held none (（所属名不明）). */
export const orgName = (names: Names, what: keyof typeof NAME_UNKNOWN, locale: Locale): string =>
  names ? names[locale] : NAME_UNKNOWN[what][locale];

/** The issuing agency and its unit, as a letter names them. */
export const issuerName = (data: DocumentData, locale: Locale): string =>
  locale === 'ja'
    ? `${orgName(data.names.agency, 'agency', 'ja')}　${orgName(data.names.unit, 'unit', 'ja')}`
    : `${orgName(data.names.agency, 'agency', 'en')}, ${orgName(data.names.unit, 'unit', 'en')}`;

/** The issuing agency as an English sentence names it: "the Tokyo …", or "the requesting agency (name unknown)". */
export const theAgency = (data: DocumentData): string =>
  data.names.agency ? `the ${data.names.agency.en}` : 'the requesting agency (name unknown)';

/** The provider a request is addressed to: blank before layout 7 where the directory held no name. */
export function providerName(data: DocumentData, rules: LayoutRules, locale: Locale): string {
  if (data.names.provider) return data.names.provider[locale];
  return rules.unknownNamesInWords && data.envelope.payload.providerOrganisationId ? NAME_UNKNOWN.provider[locale] : '';
}

/** The court that attested a warrant; where the directory held none, `before`, what a layout before 7 printed. */
export const courtName = (data: DocumentData, rules: LayoutRules, before: string): string =>
  data.names.court?.ja ?? (rules.unknownNamesInWords ? NAME_UNKNOWN.court.ja : before);

/** Whether the page prints a name as unknown (layout 7 on), so the note goes with the signatures. */
export function namesUnknown(data: DocumentData, rules: LayoutRules): boolean {
  if (!rules.unknownNamesInWords) return false;
  const { names, envelope } = data;
  return (
    names.agency === null ||
    names.unit === null ||
    (names.provider === null && envelope.payload.providerOrganisationId !== null) ||
    (names.court === null && data.signers.some((s) => s.role === 'court'))
  );
}

/**
 * Layout 5: whom a provider asks for when it calls the issuing unit back to check the paper — the officer in
 * charge and the unit's call-back number as the directory held it, or in words that it holds none. The contact
 * is not signed (a forger can edit it in the embedded data and print again), so beside the number the page
 * says so and asks the reader to check the unit's number independently (layout 6 on).
 */
export function contactLine(data: DocumentData, rules: LayoutRules, locale: 'ja' | 'en'): string | undefined {
  const c = data.contact;
  if (!rules.contactPrinted || !c) return undefined;
  if (locale === 'en') {
    const phone = c.phone
      ? phoneWords(c.phone, 'en') + (rules.contactUnsignedNoted ? ` (${CONTACT_UNSIGNED.en})` : '')
      : 'none on record (call the unit on a number you find yourself)';
    return `Officer in charge: ${personName(c.officer, 'en')}; call-back telephone: ${phone}`;
  }
  const phone = c.phone
    ? phoneWords(c.phone, 'ja') + (rules.contactUnsignedNoted ? `（${CONTACT_UNSIGNED.ja}）` : '')
    : '登録なし（所属の公表されている番号で確認してください）';
  return `担当者　${personName(c.officer, 'ja')}　電話 ${phone}`;
}

/** Printed beside the call-back number: it is not signed, and where to find the one to call. */
export const CONTACT_UNSIGNED = {
  ja: '署名の対象外です。所属の公表されている番号で確認してください',
  en: "not signed; check the unit's number from a source you find yourself",
} as const;

/** The issuing agency's lines under the addressee: its name and unit, the approver, whom to call back. */
export const agencyIssuer = (data: DocumentData, rules: LayoutRules): string[] => {
  const contact = contactLine(data, rules, 'ja');
  return [
    issuerName(data, 'ja'),
    `所属長（決裁者）　${personName(data.names.approver, 'ja')}（電子署名）`,
    ...(contact ? [contact] : []),
  ];
};
