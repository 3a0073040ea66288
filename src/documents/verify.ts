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
import { payloadDigest } from '../domain/envelope.ts';
import type { Bilingual, DocumentCheck, DocumentType } from '../domain/vocabulary.ts';
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
interface PageParts {
  content: string;
  fontText: string;
  fontGlyphs: string;
  other: string;
}

function pageParts(doc: PDFDocument): PageParts[] {
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

function signaturesOf(data: DocumentData): DocumentCheckResult {
  const env = data.envelope;
  for (const [role, sig, purpose] of [
    ['approver', env.signatures.approver, SIGNATURE_PURPOSES.requestApproval],
    ['unit', env.signatures.unit, SIGNATURE_PURPOSES.requestUnit],
  ] as const) {
    const who = role === 'approver' ? b('決裁者', 'approver') : b('所属', 'unit');
    const signer = data.signers.find((s) => s.role === role);
    if (!signer || signer.keyId !== sig.keyId || keyFingerprint(signer.publicKey) !== signer.fingerprint) {
      return {
        check: 'signatures',
        result: 'fail',
        message: b(
          `${who.ja}の公開鍵が署名の鍵と一致しません`,
          `the ${who.en}'s public key does not match the key that signed`,
        ),
      };
    }
    if (!verifyCanonical(signer.publicKey, purpose, env.payload, sig.signature)) {
      return {
        check: 'signatures',
        result: 'fail',
        message: b(
          `${who.ja}の電子署名が照会本体と一致しません。埋め込まれたデータが書き換えられています`,
          `the ${who.en}'s signature does not verify over the request: the embedded data was altered`,
        ),
      };
    }
  }
  const fps = data.signers.map((s) => s.fingerprint).join(', ');
  return {
    check: 'signatures',
    result: 'pass',
    message: b(
      `決裁者と所属の電子署名は有効です（鍵 ${fps}。発行元の鍵であることは鍵の一覧と照合してください）`,
      `the approver's and the unit's signatures verify (keys ${fps}; compare them with the directory's keys of the issuing unit)`,
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
  const expected = await PDFDocument.load(await renderDocument(data, font), { updateMetadata: false });
  const difference = comparePages(pageParts(doc), pageParts(expected));
  report.checks.push(
    difference
      ? { check: 'pages', result: 'fail', message: difference }
      : {
          check: 'pages',
          result: 'pass',
          message: b(
            `全 ${doc.getPageCount()} ページの印字が署名済みデータと一致します（検証コード ${report.verificationCode}）`,
            `all ${doc.getPageCount()} pages match the signed data (verification code ${report.verificationCode})`,
          ),
        },
  );
  report.ok = difference === null;
  return report;
}
