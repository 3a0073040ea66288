import { canonicalJson } from '../crypto/canonical-json.ts';
import { type RequestContent, RequestContentSchema } from '../domain/request-content.ts';
import { shownFingerprint } from '../domain/shown-text.ts';
import { formatDateTime, parseIsoInstant } from '../domain/time.ts';
import { DOCUMENT_TYPE_LABELS, type DocumentType } from '../domain/vocabulary.ts';
import { answerBody, inquiryBody, mlatLetterBody, preservationBody, warrantSummaryBody } from './bodies.ts';
import { codeOfDigest, DOCUMENT_ATTACHMENT, qrTextOf, sha256HexOf } from './constants.ts';
import { courtName, NAME_UNKNOWN_NOTE, namesUnknown, orgName, providerName } from './issuer.ts';
import { type Block, Typesetter } from './layout.ts';
import { type LayoutRules, layoutOf, layoutRules } from './layouts.ts';
import { type DocumentData, personName } from './model.ts';
import { opinionBody } from './opinion.ts';
import { printedAlgorithm, signerRole } from './signer-words.ts';

/** The body each type of document prints between its letterhead and its signature block. */
const BODIES: Record<
  DocumentType,
  (ts: Typesetter, data: DocumentData, content: RequestContent, rules: LayoutRules) => void
> = {
  inquiry: inquiryBody,
  preservation: preservationBody,
  warrant_summary: warrantSummaryBody,
  opinion: opinionBody,
  mlat_letter: mlatLetterBody,
  answer: answerBody,
};

/** How to verify the paper, in words: no Markdown on paper (layout 5 on). */
const VERIFY_NOTE =
  'この文書は署名済みの要請データを埋め込んでいます。shokai の検証コマンド（shokai document verify ファイル名）' +
  'または shokai の検証ページで、印字と署名を照合できます。';
/** The same in English, which the MLAT letter prints too (layout 8 on). */
const VERIFY_NOTE_EN =
  "This document embeds the signed request data. The print can be checked against the signatures with shokai's " +
  "verification command (shokai document verify FILE) or shokai's verification page.";
/** Layouts 1 to 4 printed the command in Markdown backticks; kept so their documents still verify. */
const VERIFY_NOTE_BEFORE_5 =
  'この文書は署名済みの要請データを埋め込んでいます。`shokai document verify ファイル` または検証ページで、印字と署名を照合できます。';

/**
 * Layout 7: what the signatures do not cover, said in the signature block beside the names it lists — the names
 * (the directory's at printing) and an opinion letter's dates (the hearing's record).
 */
function unsignedNote(data: DocumentData): string {
  const hearing =
    data.type === 'opinion' ? '発出日と回答期限は事業者の意見照会の記録によるもので、いずれも署名の対象外です。' : '';
  return (
    '名称と氏名は、文書の作成時に shokai の鍵の一覧（ディレクトリ）にあったものを印字しており、署名の対象外です' +
    `（署名されているのは各署名者の識別子と鍵です）。${hearing}` +
    'shokai の検証ページは、これらを鍵の一覧と記録に照合します。'
  );
}

/** unsignedNote in English, for the MLAT letter (layout 8 on; it has no hearing's dates). */
const UNSIGNED_NOTE_EN =
  "The names are those in shokai's key directory when this document was made and are not signed (what is signed " +
  "is each signer's identifier and key). shokai's verification page compares them with the directory and records.";

const capitalised = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/** The signature block printed at the end: who signed with which key, and the signed payload's digest. */
function signatureBlock(
  ts: Typesetter,
  data: DocumentData,
  digests: { envelope: string; answer: string; duty: string },
  rules: LayoutRules,
): void {
  // Layout 8: the MLAT letter, read abroad, names signers and says how to verify in English too, after the Japanese.
  const english = rules.signaturesInEnglish && data.type === 'mlat_letter';
  const both = (ja: string, en: string): string => (english && en !== ja ? `${ja} / ${en}` : ja);
  const key = (fingerprint: string): string =>
    `${both('鍵', 'key')} ${rules.keysGrouped ? shownFingerprint(fingerprint) : fingerprint}`;
  const envelopeDigest = digests.envelope;
  // Layout 7 names each signer's algorithm (a passkey signs with ECDSA P-256); before, the heading said Ed25519.
  const algorithm = (k: Parameters<typeof printedAlgorithm>[0]): string =>
    rules.algorithmPerSigner ? `${printedAlgorithm(k)}　` : '';
  const blocks: Block[] = [
    {
      text: rules.algorithmPerSigner
        ? '電子署名 / Electronic signatures'
        : '電子署名（Ed25519） / Electronic signatures',
      size: 9,
      before: 4,
    },
  ];
  const line = (text: string): void => {
    blocks.push({ text, size: 8, indent: 12 });
  };
  // Layout 8: a key's fingerprint is compared by eye, so it is never broken: it moves whole to a line of its own.
  const signer = (head: string, fingerprint: string): void => {
    const whole = `${head}${key(fingerprint)}`;
    if (!rules.keysWhole || ts.fits(whole, 8, 12)) line(whole);
    else blocks.push({ text: head, size: 8, indent: 12 }, { text: key(fingerprint), size: 8, indent: 24 });
  };
  for (const s of data.signers) {
    const name = (locale: 'ja' | 'en'): string =>
      s.role === 'approver'
        ? personName(data.names.approver, locale)
        : s.role === 'unit'
          ? orgName(data.names.unit, 'unit', locale)
          : locale === 'en' && data.names.court
            ? data.names.court.en
            : courtName(data, rules, '');
    const role = signerRole(data, s.role, rules.counselSigns);
    // A person's name is one (the directory's): said once, after both roles.
    const who =
      name('ja') === name('en')
        ? `${both(role.ja, capitalised(role.en))} ${name('ja')}`
        : both(`${role.ja} ${name('ja')}`, `${capitalised(role.en)} ${name('en')}`);
    signer(`${who}　${algorithm(s)}`, s.fingerprint);
  }
  const duty = data.envelope.payload.dutyDesignation;
  if (duty) {
    // A duty approver signed (当直責任者): the head's designation is inside the signed request.
    const at = (iso: string) => formatDateTime(parseIsoInstant(iso), 'ja', data.zone);
    line(
      `決裁者は当直責任者（所属長の指定 ${at(duty.designation.validFrom)} 〜 ${at(duty.designation.validUntil)}、` +
        `指定の SHA-256: ${digests.duty}）`,
    );
    if (english) {
      const atEn = (iso: string) => formatDateTime(parseIsoInstant(iso), 'en', data.zone);
      line(
        `The approver is the duty approver (designated by the unit head from ${atEn(duty.designation.validFrom)} ` +
          `to ${atEn(duty.designation.validUntil)}; SHA-256 of the designation: ${digests.duty}).`,
      );
    }
  }
  // In both languages the label and the digest do not fit one line: the digest, compared by eye, has its own.
  if (english) {
    line('署名対象（要請本体）の SHA-256 / SHA-256 of the signed request:');
    blocks.push({ text: envelopeDigest, size: 8, indent: 24 });
  } else line(`署名対象（要請本体）の SHA-256: ${envelopeDigest}`);
  if (data.answer) {
    const answerer =
      `回答者 ${providerName(data, rules, 'ja')}${data.answer.webauthn ? '（法務担当者の認証器）' : ''}　` +
      algorithm(data.answer.signer);
    if (rules.keysWhole) {
      signer(answerer, data.answer.signer.fingerprint);
      line(`回答の SHA-256: ${digests.answer}`);
    } else line(`${answerer}${key(data.answer.signer.fingerprint)}　回答の SHA-256: ${digests.answer}`);
  }
  if (rules.unsignedNamesNoted) line(unsignedNote(data));
  if (rules.unsignedNamesNoted && english) line(UNSIGNED_NOTE_EN);
  if (namesUnknown(data, rules)) {
    line(NAME_UNKNOWN_NOTE.ja);
    // The 国際捜査共助要請書 is read in English too.
    if (data.type === 'mlat_letter') line(NAME_UNKNOWN_NOTE.en);
  }
  line(rules.contactPrinted ? VERIFY_NOTE : VERIFY_NOTE_BEFORE_5);
  if (english) line(VERIFY_NOTE_EN);
  // Layout 8: the block is kept on one page, the rule above it too.
  if (rules.signaturesTogether) ts.keepTogether(14 + ts.heightOf(blocks));
  ts.rule(14);
  for (const b of blocks) ts.block(b);
}

/**
 * Renders a document from its data with the layout its data names (src/documents/layouts.ts; none names
 * layout 1). Pure and deterministic: the same data and font give the same bytes, so `verifyDocument` can
 * re-render the embedded data and compare the pages. A layout this release does not know is refused;
 * `rules` name another printing of the data's layout (printingsOf).
 */
export async function renderDocument(
  data: DocumentData,
  font: Uint8Array,
  rules: LayoutRules | undefined = layoutRules(layoutOf(data)),
): Promise<Uint8Array> {
  if (!rules) throw new Error(`document layout ${layoutOf(data)} is not one this release renders`);
  const content = RequestContentSchema.parse(data.envelope.payload.content);
  const at = new Date(parseIsoInstant(data.envelope.payload.issuedAt).epochMs);
  const title = `${DOCUMENT_TYPE_LABELS[data.type].ja} ${data.serial}`;
  const ts = await Typesetter.create(font, { title, at }, rules);
  // The digests with WebCrypto (the same SHA-256 as everywhere): this also renders in the browser.
  const envelopeDigest = await sha256HexOf(canonicalJson(data.envelope.payload));
  const answerDigest = data.answer ? await sha256HexOf(canonicalJson(data.answer.signed)) : '';
  BODIES[data.type](ts, data, content, rules);
  const dutyDigest = data.envelope.payload.dutyDesignation
    ? await sha256HexOf(canonicalJson(data.envelope.payload.dutyDesignation.designation))
    : '';
  signatureBlock(ts, data, { envelope: envelopeDigest, answer: answerDigest, duty: dutyDigest }, rules);
  const code = codeOfDigest(await sha256HexOf(canonicalJson(data)));
  // Layout 8: the MLAT letter, read abroad, says its number and code in English too.
  const english = rules.footerInEnglish && data.type === 'mlat_letter';
  ts.footer(
    english
      ? [
          `Letter of request No. ${data.serial} / ${DOCUMENT_TYPE_LABELS[data.type].ja}　第 ${data.serial} 号`,
          `Verification code / 検証コード ${code}`,
        ]
      : [`${DOCUMENT_TYPE_LABELS[data.type].ja}　第 ${data.serial} 号`, `検証コード ${code}`],
    qrTextOf(data.serial, code, envelopeDigest),
  );
  await ts.doc.attach(new TextEncoder().encode(JSON.stringify(data)), DOCUMENT_ATTACHMENT, {
    mimeType: 'application/json',
    description: 'shokai: the signed request and keys this document was rendered from',
    creationDate: at,
    modificationDate: at,
  });
  return ts.doc.save({ useObjectStreams: false });
}
