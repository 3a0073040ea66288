// The documents earlier layouts printed, kept as they were printed (fixtures/layouts/<n>/): each layout's
// six golden documents as the commit of that layout rendered them (print-earlier-layout.ts, run in a
// worktree of that commit), the typesetter's breaks of an access-log row there (wrap.json), and the
// digest of each page as the verifier compares it (recorded.json). Today's release must render each
// earlier layout to the same pages, or the documents it printed stop verifying.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PDFDocument } from 'pdf-lib';
import { DOCUMENT_ATTACHMENT } from '../../src/documents/constants.ts';
import { documentFont } from '../../src/documents/font.ts';
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

export const layoutDir = (layout: number): string => join(LAYOUTS_DIR, String(layout));

export function readEarlierRecord(layout: number): EarlierRecord | undefined {
  const file = join(layoutDir(layout), 'recorded.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as EarlierRecord) : undefined;
}

export const readWrapRecord = (layout: number): WrapRecord =>
  JSON.parse(readFileSync(join(layoutDir(layout), 'wrap.json'), 'utf8')) as WrapRecord;

/** The printed documents of a layout by name (the PDF's name without .pdf). */
export function printedDocuments(layout: number): Map<string, Uint8Array> {
  const out = new Map<string, Uint8Array>();
  for (const f of readdirSync(layoutDir(layout)).sort()) {
    if (f.endsWith('.pdf')) out.set(f.slice(0, -4), new Uint8Array(readFileSync(join(layoutDir(layout), f))));
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
): Promise<string[]> {
  const problems: string[] = [];
  const keep = `documents printed with layout ${record.layout} (commit ${record.commit.slice(0, 7)}) would no longer verify: keep that layout's pages as printed and make the change a rule of a new layout (src/documents/layouts.ts, and raise DOCUMENT_LAYOUT)`;
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
    const now = await pageDigests(await renderDocument(await embeddedData(pdf), documentFont()));
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
