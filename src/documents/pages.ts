import { createHash } from 'node:crypto';
import {
  decodePDFRawStream,
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFName,
  type PDFObject,
  PDFRawStream,
  PDFStream,
} from 'pdf-lib';
import type { Bilingual, DocumentCheck } from '../domain/vocabulary.ts';
import { layoutOf, printingName, printingsOf, unknownLayoutMessage } from './layouts.ts';
import type { DocumentData } from './model.ts';
import { renderDocument } from './render.ts';

// The pages check of a verification (verify.ts): the embedded data rendered again with the layout that
// printed it (each printing of it, printingsOf), and the pages compared part by part.

const b = (ja: string, en: string): Bilingual => ({ ja, en });

/** A stream's decoded bytes. */
export function decodeStream(obj: PDFObject | undefined): Uint8Array | undefined {
  if (obj instanceof PDFRawStream) return decodePDFRawStream(obj).decode();
  if (obj instanceof PDFStream) return obj.getContents();
  return undefined;
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
export function comparePages(given: PageParts[], expected: PageParts[]): Bilingual | null {
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
        `page ${n}: the embedded glyphs differ from this verifier's font: the font was altered, or this ` +
          `machine's font (SHOKAI_DOCUMENT_FONT) is another version`,
      );
  }
  return null;
}

/** Documents without a layout number are compared with the printings of 2026-12-01 14:45 UTC on (2cf1386). */
const UNNUMBERED_NOTE = b(
  '。様式番号のない文書は 2026年12月1日 23:45 +09:00 以降の版の印字と照合しています。それより前に印刷された文書は、発行元に再発行を求めてください',
  '. A document without a layout number is compared with the printing of releases from 1 December 2026 14:45 ' +
    '+00:00 on; one printed before then must be printed again by its issuer',
);

/**
 * The pages check: a layout this release renders is compared with each printing of it, and passes when one
 * gives the same pages; the difference reported is the one from the layout's own printing. A layout a
 * later release printed is not compared, and said so (never called altered).
 */
export async function pagesCheck(
  doc: PDFDocument,
  data: DocumentData,
  font: Uint8Array,
  code: string | null,
): Promise<{ check: DocumentCheck; result: 'pass' | 'fail'; message: Bilingual }> {
  const layout = layoutOf(data);
  const printings = printingsOf(layout);
  if (printings.length === 0) return { check: 'pages', result: 'fail', message: unknownLayoutMessage(layout) };
  let difference: Bilingual | null = null;
  for (const [i, printing] of printings.entries()) {
    const expected = await PDFDocument.load(await renderDocument(data, font, printing.rules), {
      updateMetadata: false,
    });
    const differs = comparePages(pageParts(doc), pageParts(expected));
    if (i === 0) difference = differs;
    if (differs) continue;
    const name = printingName(printing);
    const n = doc.getPageCount();
    return {
      check: 'pages',
      result: 'pass',
      message: pagesMatchWords(n, name, code),
    };
  }
  const d = difference as Bilingual;
  const message = data.layout === undefined ? b(d.ja + UNNUMBERED_NOTE.ja, d.en + UNNUMBERED_NOTE.en) : d;
  return { check: 'pages', result: 'fail', message };
}

/** That every page matches the signed data, in words: the one page of a one-page document, else all n. */
export function pagesMatchWords(n: number, name: Bilingual, code: string | null): Bilingual {
  return n === 1
    ? b(
        `1 ページの印字が署名済みデータと一致します（${name.ja}、検証コード ${code}）`,
        `the one page matches the signed data (${name.en}, verification code ${code})`,
      )
    : b(
        `全 ${n} ページの印字が署名済みデータと一致します（${name.ja}、検証コード ${code}）`,
        `all ${n} pages match the signed data (${name.en}, verification code ${code})`,
      );
}
