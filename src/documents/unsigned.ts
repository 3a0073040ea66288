import type { AnswerHolder } from '../domain/answer-holder.ts';
import { replyDeadlineText } from '../domain/deadlines.ts';
import { RequestContentSchema } from '../domain/request-content.ts';
import { formatDateTime, parseIsoInstant } from '../domain/time.ts';
import type { Bilingual, DocumentType } from '../domain/vocabulary.ts';
import { NAME_UNKNOWN } from './issuer.ts';
import { layoutOf, layoutRules } from './layouts.ts';
import { type DocumentData, personName } from './model.ts';
import { signedByCounsel } from './signer-words.ts';

// What a document prints from its embedded data that no signature covers. The signatures cover the
// request's identifiers (the agency, unit, provider and court organisations, the approver), never the names
// printed beside them, nor the deadline and date of a hearing, nor the contact, nor whose record an answer gives
// (the words its fields are printed in): a forger who edits them in a
// genuine PDF's data and renders it again passes the signatures and the page check. The offline verifier
// lists each in words (src/documents/verify.ts); the hub compares them with its directory and records
// (src/documents/directory-check.ts).

/** A printed value outside the signatures. */
export type PrintedField =
  | 'agency'
  | 'unit'
  | 'provider'
  | 'approver'
  | 'court'
  | 'hearingDueAt'
  | 'hearingSentAt'
  | 'contactOfficer'
  | 'contactPhone'
  | 'answerHolder';

const b = (ja: string, en: string): Bilingual => ({ ja, en });

/** The field in words, as the verifier names it. */
export function fieldWords(field: PrintedField, data: DocumentData): Bilingual {
  switch (field) {
    case 'agency':
      return signedByCounsel(data)
        ? b('法律事務所の名称', "the law office's name")
        : b('発行機関の名称', "the issuing organisation's name");
    case 'unit':
      return b('所属の名称', "the unit's name");
    case 'provider':
      return b('事業者の名称', "the provider's name");
    case 'approver':
      return signedByCounsel(data)
        ? b('署名した弁護士の氏名', "the signing lawyer's name")
        : b('決裁者の氏名', "the approver's name");
    case 'court':
      return b('裁判所の名称', "the court's name");
    case 'hearingDueAt':
      return b('意見照会の回答期限', "the hearing's reply deadline");
    case 'hearingSentAt':
      return b('意見照会書の発出日', "the opinion letter's date of issue");
    case 'contactOfficer':
      return b('担当者の氏名', "the officer in charge's name");
    case 'contactPhone':
      return b('所属の電話番号', "the unit's call-back number");
    case 'answerHolder':
      return b(
        '回答が誰の記録か（項目の印字の言葉）',
        'whose record the answer gives (the words its fields are printed in)',
      );
  }
}

/** Whose record an answer gives, as the verifier and the hub's check name it. */
export const ANSWER_HOLDER_WORDS: Record<AnswerHolder, Bilingual> = {
  carrier: b('回線の契約者', "a line's subscriber"),
  board: b('掲示板・サイトの登録利用者', "a board's or a site's registered user"),
  cafe: b('インターネットカフェの会員', "an internet café's member"),
};

/**
 * An answer's holder (layout 9 on): not signed — the provider signs the answer's fields, not the words they are
 * printed in, which come from its category in the directory — so a forger who changes it changes 氏名・名称 into
 * 登録された氏名 and 接続記録 into 投稿の記録 and still verifies.
 */
function holderEntry(data: DocumentData, holder: AnswerHolder): Bilingual {
  const w = fieldWords('answerHolder', data);
  const v = quoted(ANSWER_HOLDER_WORDS[holder]);
  return b(
    `${w.ja}${v.ja}は署名の対象外です（事業者の区分による印字で、署名された回答には含まれません）`,
    `${w.en}${v.en} is not signed (it is the provider's category in the directory, not part of the signed answer)`,
  );
}

/** What is signed in place of the field: its identifier, in words. */
const SIGNED_INSTEAD: Record<'agency' | 'unit' | 'provider' | 'approver' | 'court', Bilingual> = {
  agency: b('機関の識別子', "the organisation's identifier"),
  unit: b('所属の識別子', "the unit's identifier"),
  provider: b('事業者の識別子', "the provider's identifier"),
  approver: b('署名者の識別子と鍵', "the signer's identifier and key"),
  court: b('裁判所の識別子と鍵', "the court's identifier and key"),
};

/** The printed contact (officer in charge, call-back number) comes from the embedded data, outside the signatures. */
export const UNSIGNED_CONTACT = b(
  '担当者と電話番号は署名の対象外です。埋め込みデータを書き換えても署名の検証は通るため、' +
    '電話番号は所属の公表されている番号で確認してください',
  'the officer in charge and the call-back number are not signed: they can be edited in the embedded ' +
    "data and still verify, so check the unit's number from a source you find yourself",
);

const CONTACT_PRINTED_ON: readonly DocumentType[] = ['inquiry', 'preservation', 'warrant_summary', 'mlat_letter'];

const quoted = (v: Bilingual): Bilingual => b(`「${v.ja}」`, ` "${v.en}"`);

/** Whether the document prints the issuing organisation's name (an opinion letter may name only the content's). */
function agencyPrinted(data: DocumentData): boolean {
  if (data.type !== 'opinion') return true;
  const content = RequestContentSchema.safeParse(data.envelope.payload.content);
  const civil = content.success && content.data.kind === 'civil_disclosure' ? content.data.civil : undefined;
  return !civil?.claimant || !civil.counsel;
}

/** A name the document prints beside a signed identifier, as the report shows it. */
function nameEntry(field: keyof typeof SIGNED_INSTEAD, data: DocumentData, value: Bilingual): Bilingual {
  const w = fieldWords(field, data);
  const v = quoted(value);
  return b(
    `${w.ja}${v.ja}は署名の対象外です（署名されているのは${SIGNED_INSTEAD[field].ja}だけです）`,
    `${w.en}${v.en} is not signed (only ${SIGNED_INSTEAD[field].en} is)`,
  );
}

/**
 * A name the directory did not hold when the document was printed (layout 7 on), as the report shows it: what
 * the page printed in its place, and that only the identifier is signed.
 */
function unknownEntry(field: keyof typeof NAME_UNKNOWN, data: DocumentData): Bilingual {
  const w = fieldWords(field, data);
  const printed = NAME_UNKNOWN[field];
  return b(
    `${w.ja}は、印刷時の鍵の一覧（ディレクトリ）に記録がなく「${printed.ja}」と印字されています` +
      `（署名されているのは${SIGNED_INSTEAD[field].ja}だけです）`,
    `${w.en} was not in the directory when the document was printed, so it is printed "${printed.en}" ` +
      `(only ${SIGNED_INSTEAD[field].en} is signed)`,
  );
}

/** A time the document prints from the hearing's record, not from anything signed. */
function hearingEntry(
  field: 'hearingDueAt' | 'hearingSentAt',
  data: DocumentData,
  iso: string,
  asDay: boolean,
): Bilingual {
  const w = fieldWords(field, data);
  const at = parseIsoInstant(iso);
  // Layout 9 prints the deadline as the day it ends: named here as printed.
  const shown = (l: 'ja' | 'en') =>
    asDay ? replyDeadlineText(new Date(at.utc), l, data.zone) : formatDateTime(at, l, data.zone);
  return b(
    `${w.ja}「${shown('ja')}」は署名の対象外です（事業者が意見照会を送った記録によるもので、要請の署名には含まれません）`,
    `${w.en} "${shown('en')}" is not signed (it is the provider's record of the ` +
      'hearing letter, not part of the signed request)',
  );
}

/**
 * Every value the document prints without a signature over it, each in words with the value printed: the
 * names beside the signed identifiers, the hearing's deadline and date, the contact.
 */
export function unsignedPrint(data: DocumentData): Bilingual[] {
  const out: Bilingual[] = [];
  const n = data.names;
  const rules = layoutRules(layoutOf(data));
  // A name the directory lacked: null from layout 7, printed in words (before, a provider's was left blank
  // and a court's id printed, neither listed here).
  const inWords = rules?.unknownNamesInWords === true;
  const name = (field: keyof typeof NAME_UNKNOWN, value: Bilingual | null, named: boolean): Bilingual[] =>
    value ? [nameEntry(field, data, value)] : inWords && named ? [unknownEntry(field, data)] : [];
  if (agencyPrinted(data)) out.push(...name('agency', n.agency, true));
  out.push(...name('unit', n.unit, true));
  const provider = data.envelope.payload.providerOrganisationId !== null;
  if (data.type !== 'mlat_letter') out.push(...name('provider', n.provider, provider));
  const approver = { ja: personName(n.approver, 'ja'), en: personName(n.approver, 'en') };
  out.push(nameEntry('approver', data, approver));
  out.push(
    ...name(
      'court',
      n.court,
      data.signers.some((s) => s.role === 'court'),
    ),
  );
  if (data.hearingSentAt) out.push(hearingEntry('hearingSentAt', data, data.hearingSentAt, false));
  const dueAsDay = rules?.opinionAsRequested === true;
  if (data.hearingDueAt) out.push(hearingEntry('hearingDueAt', data, data.hearingDueAt, dueAsDay));
  // The contact is printed on the requests the agency issues (layout 5 on), not on an answer or opinion letter.
  if (data.contact && CONTACT_PRINTED_ON.includes(data.type) && rules?.contactPrinted) out.push(UNSIGNED_CONTACT);
  // Whose record an answer gives: the words its fields are printed in (layout 9 on).
  if (data.answerHolder && rules?.holderWords) out.push(holderEntry(data, data.answerHolder));
  return out;
}
