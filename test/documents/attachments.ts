import assert from 'node:assert/strict';
import {
  decodePDFRawStream,
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFRawStream,
  PDFString,
} from 'pdf-lib';
import { DOCUMENT_ATTACHMENT, type DocumentData, DocumentDataSchema } from '../../src/documents/model.ts';

function specs(doc: PDFDocument): Array<{ name: string; spec: PDFDict }> {
  const list = doc.catalog
    .lookupMaybe(PDFName.of('Names'), PDFDict)
    ?.lookupMaybe(PDFName.of('EmbeddedFiles'), PDFDict)
    ?.lookupMaybe(PDFName.of('Names'), PDFArray);
  const out: Array<{ name: string; spec: PDFDict }> = [];
  for (let i = 0; list && i + 1 < list.size(); i += 2) {
    const n = list.lookup(i);
    const spec = list.lookupMaybe(i + 1, PDFDict);
    if ((n instanceof PDFHexString || n instanceof PDFString) && spec) out.push({ name: n.decodeText(), spec });
  }
  return out;
}

/** The attached files of a PDF (a test's own reader, independent of the verifier's). */
export function attachmentsOf(doc: PDFDocument): Map<string, Uint8Array> {
  const found = new Map<string, Uint8Array>();
  for (const { name, spec } of specs(doc)) {
    const stream = spec.lookupMaybe(PDFName.of('EF'), PDFDict)?.lookup(PDFName.of('F'));
    if (stream instanceof PDFRawStream) found.set(name, decodePDFRawStream(stream).decode());
  }
  return found;
}

/** Replaces an attached file's bytes, as someone editing the PDF would. */
export function replaceAttachment(doc: PDFDocument, name: string, bytes: Uint8Array): void {
  for (const s of specs(doc)) {
    if (s.name !== name) continue;
    const ef = s.spec.lookupMaybe(PDFName.of('EF'), PDFDict);
    if (!ef) continue;
    const stream = doc.context.flateStream(bytes, { Type: 'EmbeddedFile', Subtype: 'application#2Fjson' });
    ef.set(PDFName.of('F'), doc.context.register(stream));
  }
}

/** Re-embeds the document's data with `change` applied to its JSON, keeping everything else. */
export async function alterEmbedded(pdf: Uint8Array, change: (data: DocumentData) => void): Promise<Uint8Array> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const raw = attachmentsOf(doc).get(DOCUMENT_ATTACHMENT);
  assert.ok(raw, 'the document carries its data');
  const data = DocumentDataSchema.parse(JSON.parse(Buffer.from(raw).toString('utf8')));
  change(data);
  replaceAttachment(doc, DOCUMENT_ATTACHMENT, Buffer.from(JSON.stringify(data)));
  return doc.save({ useObjectStreams: false });
}
