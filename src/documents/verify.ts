import { createHash } from 'node:crypto';
import {
  decodePDFRawStream,
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  type PDFObject,
  PDFRawStream,
  PDFStream,
  PDFString,
} from 'pdf-lib';
import { keyFingerprint } from '../crypto/keys.ts';
import { SIGNATURE_PURPOSES, verifyCanonical } from '../crypto/signatures.ts';
import { credentialFingerprint, verifyWebAuthnAssertion } from '../crypto/webauthn.ts';
import { ANSWER_PURPOSE, answerSigningInput } from '../domain/answer-signing.ts';
import { approvalDigest, payloadDigest } from '../domain/envelope.ts';
import { RequestContentSchema } from '../domain/request-content.ts';
import type { Bilingual, DocumentCheck, DocumentType } from '../domain/vocabulary.ts';
import { courtSignatureVerifies } from './court-signature.ts';
import { layoutOf, printingName, printingsOf, unknownLayoutMessage } from './layouts.ts';
import {
  DOCUMENT_ATTACHMENT,
  type DocumentData,
  DocumentDataSchema,
  type DocumentSigner,
  verificationCode,
} from './model.ts';
import { renderDocument } from './render.ts';

/**
 * Verifies a document offline, from the PDF alone (and the font it is rendered with):
 *  1. embedded — the PDF carries the data it was rendered from, in the expected shape;
 *  2. signatures — the approver's and the unit's Ed25519 signatures over the signed request verify
 *     with the embedded public keys, whose fingerprints are printed on the document;
 *  3. pages — the data re-rendered gives the same pages: drawing operations, the fonts' text
 *     mapping, widths and glyph programs, and nothing added (annotations, images, extra pages).
 * Whether the keys are the issuing unit's and its head's is a question for the directory: the report
 * names the fingerprints to compare with it.
 */

export interface DocumentCheckResult {
  check: DocumentCheck;
  result: 'pass' | 'fail' | 'skipped';
  message: Bilingual;
}

export interface DocumentVerification {
  ok: boolean;
  type: DocumentType | null;
  serial: string | null;
  reference: string | null;
  verificationCode: string | null;
  envelopeDigest: string | null;
  signers: DocumentSigner[];
  checks: DocumentCheckResult[];
}

const b = (ja: string, en: string): Bilingual => ({ ja, en });

function decodeStream(obj: PDFObject | undefined): Uint8Array | undefined {
  if (obj instanceof PDFRawStream) return decodePDFRawStream(obj).decode();
  if (obj instanceof PDFStream) return obj.getContents();
  return undefined;
}

const textOf = (o: PDFObject | undefined): string | undefined =>
  o instanceof PDFHexString || o instanceof PDFString ? o.decodeText() : undefined;

/** The attached files of a PDF by name (the EmbeddedFiles name tree, with its Kids). */
function attachments(doc: PDFDocument): Map<string, Uint8Array> {
  const found = new Map<string, Uint8Array>();
  const names = doc.catalog.lookupMaybe(PDFName.of('Names'), PDFDict);
  const root = names?.lookupMaybe(PDFName.of('EmbeddedFiles'), PDFDict);
  const walk = (node: PDFDict | undefined, depth: number): void => {
    if (!node || depth > 8) return;
    const list = node.lookupMaybe(PDFName.of('Names'), PDFArray);
    for (let i = 0; list && i + 1 < list.size(); i += 2) {
      const name = textOf(list.lookup(i));
      const spec = list.lookup(i + 1);
      if (name === undefined || !(spec instanceof PDFDict)) continue;
      const ef = spec.lookupMaybe(PDFName.of('EF'), PDFDict);
      const bytes = decodeStream(ef?.lookup(PDFName.of('F')));
      if (bytes) found.set(name, bytes);
    }
    const kids = node.lookupMaybe(PDFName.of('Kids'), PDFArray);
    for (let i = 0; kids && i < kids.size(); i++) walk(kids.lookupMaybe(i, PDFDict), depth + 1);
  };
  walk(root, 0);
  return found;
}

const sha = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** What a page shows, in parts that can be compared: drawing, fonts (text mapping, widths, glyphs), the rest. */
export interface PageParts {
  content: string;
  fontText: string;
  fontGlyphs: string;
  other: string;
}

export function pageParts(doc: PDFDocument): PageParts[] {
  return doc.getPages().map((page) => {
    const node = page.node;
    const contents = node.Contents();
    const streams = contents instanceof PDFArray ? contents.asArray().map((r) => doc.context.lookup(r)) : [contents];
    const content = sha(Buffer.concat(streams.map((s) => decodeStream(s) ?? new Uint8Array())));
    const resources = node.Resources();
    const fonts = resources?.lookupMaybe(PDFName.of('Font'), PDFDict);
    const fontText: string[] = [];
    const fontGlyphs: string[] = [];
    for (const [key, ref] of fonts?.entries() ?? []) {
      const font = doc.context.lookup(ref);
      if (!(font instanceof PDFDict)) continue;
      const toUnicode = decodeStream(font.lookup(PDFName.of('ToUnicode')));
      const descendant = font.lookupMaybe(PDFName.of('DescendantFonts'), PDFArray)?.lookupMaybe(0, PDFDict);
      const widths = descendant?.lookup(PDFName.of('W'))?.toString() ?? '';
      fontText.push(`${key.toString()}:${toUnicode ? sha(toUnicode) : '-'}:${sha(Buffer.from(widths))}`);
      const descriptor = descendant?.lookupMaybe(PDFName.of('FontDescriptor'), PDFDict);
      const program = decodeStream(descriptor?.lookup(PDFName.of('FontFile2')));
      fontGlyphs.push(`${key.toString()}:${program ? sha(program) : '-'}`);
    }
    const other = [
      `box:${node.MediaBox().toString()}`,
      `resources:${resources ? resources.keys().map(String).sort().join(',') : ''}`,
      `xobjects:${resources?.lookupMaybe(PDFName.of('XObject'), PDFDict)?.keys().length ?? 0}`,
      `annotations:${node.Annots()?.size() ?? 0}`,
    ].join(';');
    return { content, fontText: fontText.join(','), fontGlyphs: fontGlyphs.join(','), other };
  });
}

/** Why the pages differ, first difference first; null when they are the same. */
function comparePages(given: PageParts[], expected: PageParts[]): Bilingual | null {
  if (given.length !== expected.length) {
    return b(
      `ページ数が署名済みデータから作る文書と違います（${given.length} ページ、正しくは ${expected.length} ページ）`,
      `the document has ${given.length} pages; the signed data renders ${expected.length}`,
    );
  }
  for (let i = 0; i < given.length; i++) {
    const g = given[i] as PageParts;
    const e = expected[i] as PageParts;
    const n = i + 1;
    if (g.content !== e.content)
      return b(
        `${n} ページ目の印字（文字・配置）が署名済みデータと一致しません。文書が書き換えられています`,
        `page ${n}: the printed text or layout differs from the signed data; the document was altered`,
      );
    if (g.fontText !== e.fontText)
      return b(
        `${n} ページ目のフォントの文字対応（ToUnicode・文字幅）が一致しません。文書が書き換えられています`,
        `page ${n}: the fonts' character mapping or widths differ; the document was altered`,
      );
    if (g.other !== e.other)
      return b(
        `${n} ページ目に署名済みデータにない要素（注釈・画像など）が加えられています`,
        `page ${n}: something the signed data does not render was added (annotations, images, …)`,
      );
    if (g.fontGlyphs !== e.fontGlyphs)
      return b(
        `${n} ページ目のフォントの字形が、検証に使うフォントと違います。文書のフォントが書き換えられたか、この環境のフォント（SHOKAI_DOCUMENT_FONT）が別の版です`,
        `page ${n}: the embedded glyphs differ from this verifier's font: the font was altered, or this machine's font (SHOKAI_DOCUMENT_FONT) is another version`,
      );
  }
  return null;
}

/** A warrant's document also carries the court's key: its attestation must verify over the warrant. */
function courtAttestation(data: DocumentData): DocumentCheckResult | null {
  const content = RequestContentSchema.safeParse(data.envelope.payload.content);
  const court = data.signers.find((s) => s.role === 'court');
  if (!content.success || content.data.kind !== 'warrant') {
    return court
      ? fail(b('令状でない要請に裁判所の鍵が付いています', 'a court key is attached to a request that is no warrant'))
      : null;
  }
  const ok =
    court !== undefined && courtSignatureVerifies(court, content.data, data.envelope.payload.agencyOrganisationId);
  return ok
    ? null
    : fail(
        b(
          '裁判所の電子署名が令状の内容と一致しません。埋め込まれたデータが書き換えられています',
          "the court's signature does not verify over the warrant: the embedded data was altered",
        ),
      );
}

/** The 回答書 carries the provider's signed answer: it must verify and answer this very request. */
function answerSignature(data: DocumentData): DocumentCheckResult | null {
  const a = data.answer;
  if (!a) return data.type === 'answer' ? fail(b('回答のデータがありません', 'the answer is missing')) : null;
  // A legal officer's passkey (an assertion over the SHA-256 of the signed text), or an Ed25519 key.
  let fingerprint = '';
  try {
    fingerprint = a.webauthn ? credentialFingerprint(a.signer.publicKey) : keyFingerprint(a.signer.publicKey);
  } catch {} // not a key of that kind: fails below
  const p = data.envelope.payload;
  const signatureOk = a.webauthn
    ? verifyWebAuthnAssertion(
        a.signer.publicKey,
        a.signer.rpId ?? '',
        createHash('sha256').update(answerSigningInput(ANSWER_PURPOSE, a.signed)).digest('hex'),
        { ...a.webauthn, signature: a.signature },
      ) === null
    : verifyCanonical(a.signer.publicKey, SIGNATURE_PURPOSES.answer, a.signed, a.signature);
  const ok =
    fingerprint === a.signer.fingerprint &&
    a.signed.requestId === p.requestId &&
    a.signed.providerOrganisationId === p.providerOrganisationId &&
    signatureOk;
  return ok
    ? null
    : fail(
        b(
          '事業者の電子署名が回答の内容と一致しません。埋め込まれたデータが書き換えられています',
          "the provider's signature does not verify over the answer: the embedded data was altered",
        ),
      );
}

const fail = (message: Bilingual): DocumentCheckResult => ({ check: 'signatures', result: 'fail', message });

/** Why one of the request's two signatures does not verify with the embedded key, or null. */
function signatureProblem(data: DocumentData, role: 'approver' | 'unit'): 'key' | 'signature' | null {
  const env = data.envelope;
  const signer = data.signers.find((s) => s.role === role);
  if (!signer) return 'key';
  if (role === 'approver' && env.v === 2) {
    // The approver signed on their own device (WebAuthn) the digest they reviewed.
    const sig = env.signatures.approver;
    if (signer.keyId !== sig.keyId || !signer.rpId || credentialFingerprint(signer.publicKey) !== signer.fingerprint)
      return 'key';
    return verifyWebAuthnAssertion(signer.publicKey, signer.rpId, approvalDigest(env.payload), sig) === null
      ? null
      : 'signature';
  }
  const sig = role === 'approver' && env.v === 1 ? env.signatures.approver : env.signatures.unit;
  const purpose = role === 'approver' ? SIGNATURE_PURPOSES.requestApproval : SIGNATURE_PURPOSES.requestUnit;
  let fingerprint: string;
  try {
    fingerprint = keyFingerprint(signer.publicKey);
  } catch {
    return 'key';
  }
  if (signer.keyId !== sig.keyId || fingerprint !== signer.fingerprint) return 'key';
  return verifyCanonical(signer.publicKey, purpose, env.payload, sig.signature) ? null : 'signature';
}

function signaturesOf(data: DocumentData): DocumentCheckResult {
  for (const role of ['approver', 'unit'] as const) {
    const who = role === 'approver' ? b('決裁者', 'approver') : b('所属', 'unit');
    const problem = signatureProblem(data, role);
    if (problem === 'key')
      return fail(
        b(`${who.ja}の公開鍵が署名の鍵と一致しません`, `the ${who.en}'s public key does not match the key that signed`),
      );
    if (problem === 'signature')
      return fail(
        b(
          `${who.ja}の電子署名が要請本体と一致しません。埋め込まれたデータが書き換えられています`,
          `the ${who.en}'s signature does not verify over the request: the embedded data was altered`,
        ),
      );
  }
  const court = courtAttestation(data);
  if (court) return court;
  const answer = answerSignature(data);
  if (answer) return answer;
  const fps = data.signers.map((s) => s.fingerprint).join(', ');
  return {
    check: 'signatures',
    result: 'pass',
    message: b(
      `${data.signers.length === 3 ? '決裁者・所属・裁判所' : '決裁者と所属'}の電子署名は有効です（鍵 ${fps}。発行元の鍵であることは鍵の一覧と照合してください）`,
      `the ${data.signers.length === 3 ? "approver's, the unit's and the court's" : "approver's and the unit's"} signatures verify (keys ${fps}; compare them with the directory's keys of the signers)`,
    ),
  };
}

export async function verifyDocument(bytes: Uint8Array, font: Uint8Array): Promise<DocumentVerification> {
  const report: DocumentVerification = {
    ok: false,
    type: null,
    serial: null,
    reference: null,
    verificationCode: null,
    envelopeDigest: null,
    signers: [],
    checks: [],
  };
  const skip = (...checks: DocumentCheck[]) => {
    for (const check of checks)
      report.checks.push({
        check,
        result: 'skipped',
        message: b('前の検査が失敗したため未実施', 'not run: an earlier check failed'),
      });
  };
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(bytes, { updateMetadata: false, throwOnInvalidObject: true });
  } catch {
    report.checks.push({
      check: 'embedded',
      result: 'fail',
      message: b('PDF として読めません', 'the file is not a readable PDF'),
    });
    skip('signatures', 'pages');
    return report;
  }
  const attached = attachments(doc).get(DOCUMENT_ATTACHMENT);
  let data: DocumentData | undefined;
  if (attached) {
    try {
      const parsed = DocumentDataSchema.safeParse(
        JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(attached)),
      );
      if (parsed.success) data = parsed.data;
    } catch {
      // not UTF-8 JSON: reported below
    }
  }
  if (!data) {
    report.checks.push({
      check: 'embedded',
      result: 'fail',
      message: attached
        ? b(
            `埋め込みデータ ${DOCUMENT_ATTACHMENT} の形式が不正です`,
            `the embedded ${DOCUMENT_ATTACHMENT} is malformed`,
          )
        : b(
            `shokai の文書ではありません（埋め込みデータ ${DOCUMENT_ATTACHMENT} がありません）`,
            `not a shokai document (no embedded ${DOCUMENT_ATTACHMENT})`,
          ),
    });
    skip('signatures', 'pages');
    return report;
  }
  report.type = data.type;
  report.serial = data.serial;
  report.reference = data.envelope.payload.reference;
  report.verificationCode = verificationCode(data);
  report.envelopeDigest = payloadDigest(data.envelope.payload);
  report.signers = data.signers;
  report.checks.push({
    check: 'embedded',
    result: 'pass',
    message: b(
      `文書番号 ${data.serial} の署名済みデータがあります`,
      `carries the signed data of document ${data.serial}`,
    ),
  });
  const signatures = signaturesOf(data);
  report.checks.push(signatures);
  if (signatures.result === 'fail') {
    skip('pages');
    return report;
  }
  // Rendered with the document's own layout (each printing of it); a later release's is not called altered.
  const printings = printingsOf(layoutOf(data));
  if (printings.length === 0) {
    report.checks.push({ check: 'pages', result: 'fail', message: unknownLayoutMessage(layoutOf(data)) });
    return report;
  }
  let difference: Bilingual | null = null;
  for (const [i, printing] of printings.entries()) {
    const expected = await PDFDocument.load(await renderDocument(data, font, printing.rules), {
      updateMetadata: false,
    });
    const differs = comparePages(pageParts(doc), pageParts(expected));
    // The difference reported is the one from the layout's own printing.
    if (i === 0) difference = differs;
    if (differs) continue;
    const name = printingName(printing);
    const n = doc.getPageCount();
    const code = report.verificationCode;
    report.checks.push({
      check: 'pages',
      result: 'pass',
      message: b(
        `全 ${n} ページの印字が署名済みデータと一致します（${name.ja}、検証コード ${code}）`,
        `all ${n} pages match the signed data (${name.en}, verification code ${code})`,
      ),
    });
    report.ok = true;
    return report;
  }
  report.checks.push({ check: 'pages', result: 'fail', message: difference as Bilingual });
  return report;
}
