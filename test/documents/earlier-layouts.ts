// The documents earlier layouts printed, kept as they were printed (fixtures/layouts/<n>/): each layout's
// six golden documents as the commit of that layout rendered them (print-earlier-layout.ts, run in a
// worktree of that commit), the typesetter's breaks of an access-log row there (wrap.json), and the
// digest of each page as the verifier compares it (recorded.json). Layout 1's later printings without a
// number (printingsOf) are kept in <n>-<commit>/, with the documents they print differently. Today's
// release must render each to the same pages, or the documents printed with it stop verifying.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PDFDocument } from 'pdf-lib';
import { DOCUMENT_ATTACHMENT } from '../../src/documents/constants.ts';
import { documentFont } from '../../src/documents/font.ts';
import { type LayoutRules, layoutRules, printingsOf } from '../../src/documents/layouts.ts';
import { type DocumentData, DocumentDataSchema } from '../../src/documents/model.ts';
import { renderDocument } from '../../src/documents/render.ts';
import { attachmentsOf } from './attachments.ts';
import { pageDigests } from './golden.ts';

export const LAYOUTS_DIR = fileURLToPath(new URL('./fixtures/layouts/', import.meta.url));
export const RECORD_EARLIER_COMMAND = 'node test/documents/record-earlier-layout.ts';

export interface EarlierRecord {
  layout: number;
  /** The commit whose code printed the documents. */
  commit: string;
  /** SHA-256 of the font they were printed with. */
  font: string;
  documents: Record<string, { pages: string[] }>;
}

export interface WrapRecord {
  row: string;
  size: number;
  lines: Array<{ width: number; lines: string[] }>;
}

/** A kept printing: a layout (`1`), or a later printing of it without a number (`1-9c53c40`). */
export type PrintingKey = string;

/** The printing of `layout` that `commit` printed: the layout's own, or one printingsOf names. */
export function printingKeyOf(layout: number, commit: string): PrintingKey {
  const later = printingsOf(layout).find((p) => p.commit && commit.startsWith(p.commit));
  return later?.commit ? `${layout}-${later.commit}` : String(layout);
}

/** The rules today's code renders a kept printing with. */
export function rulesOfPrinting(key: PrintingKey): LayoutRules | undefined {
  const [layout, commit] = key.split('-');
  return commit ? printingsOf(Number(layout)).find((p) => p.commit === commit)?.rules : layoutRules(Number(layout));
}

export const layoutDir = (key: PrintingKey | number): string => join(LAYOUTS_DIR, String(key));

/** Every printing kept. */
export const keptPrintings = (): PrintingKey[] =>
  readdirSync(LAYOUTS_DIR)
    .filter((d) => existsSync(join(LAYOUTS_DIR, d, 'recorded.json')))
    .sort();

export function readEarlierRecord(key: PrintingKey | number): EarlierRecord | undefined {
  const file = join(layoutDir(key), 'recorded.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as EarlierRecord) : undefined;
}

export const readWrapRecord = (key: PrintingKey | number): WrapRecord =>
  JSON.parse(readFileSync(join(layoutDir(key), 'wrap.json'), 'utf8')) as WrapRecord;

/** The printed documents of a printing by name (the PDF's name without .pdf). */
export function printedDocuments(key: PrintingKey | number): Map<string, Uint8Array> {
  const out = new Map<string, Uint8Array>();
  for (const f of readdirSync(layoutDir(key)).sort()) {
    if (f.endsWith('.pdf')) out.set(f.slice(0, -4), new Uint8Array(readFileSync(join(layoutDir(key), f))));
  }
  return out;
}

/** The data a printed document carries. */
export async function embeddedData(pdf: Uint8Array): Promise<DocumentData> {
  const raw = attachmentsOf(await PDFDocument.load(pdf, { updateMetadata: false })).get(DOCUMENT_ATTACHMENT);
  if (!raw) throw new Error('the document carries no data');
  return DocumentDataSchema.parse(JSON.parse(Buffer.from(raw).toString('utf8')));
}

/**
 * What differs between the pages a layout printed (as recorded) and today's rendering of the same data,
 * as messages that say what to do; empty when today's release renders that layout as it printed.
 */
export async function earlierLayoutProblems(
  record: EarlierRecord,
  documents: Map<string, Uint8Array>,
  rules: LayoutRules,
): Promise<string[]> {
  const problems: string[] = [];
  const keep =
    `documents printed with layout ${record.layout} (commit ${record.commit.slice(0, 7)}) would no longer verify: ` +
    `keep that layout's pages as printed and make the change a rule of a new layout (src/documents/layouts.ts, ` +
    `and raise DOCUMENT_LAYOUT)`;
  for (const [name, was] of Object.entries(record.documents)) {
    const pdf = documents.get(name);
    if (!pdf) {
      problems.push(`layout ${record.layout}: ${name} is recorded but its printed document is gone`);
      continue;
    }
    const printed = await pageDigests(pdf);
    if (JSON.stringify(printed) !== JSON.stringify(was.pages)) {
      problems.push(`layout ${record.layout}: ${name}.pdf is not the document recorded (its pages' digests differ)`);
      continue;
    }
    const now = await pageDigests(await renderDocument(await embeddedData(pdf), documentFont(), rules));
    const page = now.findIndex((p, i) => p !== was.pages[i]);
    if (now.length !== was.pages.length || page >= 0) {
      const where =
        now.length !== was.pages.length
          ? `${now.length} pages, printed ${was.pages.length}`
          : `page ${page + 1} differs`;
      problems.push(`rendering of layout ${record.layout} changed: ${name}: ${where}; ${keep}`);
    }
  }
  return problems;
}
