// The golden documents: a fixed set of document data (one of each type, taken once from the demo with a
// fixed clock, in fixtures/golden/inputs) rendered by today's code, and what their pages were when they
// were recorded (fixtures/golden/recorded.json) with the DOCUMENT_LAYOUT of then. A verifier re-renders
// a document's embedded data and compares the pages, so any change of what the pages hold must come with
// a raised DOCUMENT_LAYOUT: golden.test.ts fails when the pages changed and the layout did not, and
// `npm run documents:golden` (record-golden.ts) re-records — but only once the layout is raised.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PDFDocument } from 'pdf-lib';
import { DOCUMENT_LAYOUT } from '../../src/documents/constants.ts';
import { documentFont, documentFontPath } from '../../src/documents/font.ts';
import { DocumentDataSchema } from '../../src/documents/model.ts';
import { pageParts } from '../../src/documents/pages.ts';
import { renderDocument } from '../../src/documents/render.ts';

export const GOLDEN_DIR = fileURLToPath(new URL('./fixtures/golden/', import.meta.url));
const INPUTS = join(GOLDEN_DIR, 'inputs');
const RECORD = join(GOLDEN_DIR, 'recorded.json');
export const RECORD_COMMAND = 'npm run documents:golden';

/** One golden document as rendered: a digest per page and the text poppler reads from it. */
export interface RenderedGolden {
  pages: string[];
  text: string;
}

export interface GoldenRecord {
  layout: number;
  /** SHA-256 of the font the pages were rendered with. */
  font: string;
  documents: Record<string, { pages: string[] }>;
}

const sha = (bytes: Uint8Array | string): string => createHash('sha256').update(bytes).digest('hex');

/** The text with positions poppler reads from a PDF (pdftotext -bbox), for a difference a person can read. */
function textOf(pdf: Uint8Array): string {
  const dir = mkdtempSync(join(tmpdir(), 'shokai-golden-'));
  try {
    const file = join(dir, 'doc.pdf');
    writeFileSync(file, pdf);
    const r = spawnSync('pdftotext', ['-bbox', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`pdftotext: ${r.stderr}`);
    return r.stdout
      .split('\n')
      .filter((l) => l.includes('<word ') || l.includes('<page '))
      .map((l) => l.trim())
      .join('\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The golden inputs by name (the file's name without .json). */
export function goldenInputs(): Map<string, unknown> {
  const inputs = new Map<string, unknown>();
  for (const f of readdirSync(INPUTS).sort()) {
    if (f.endsWith('.json')) inputs.set(f.slice(0, -5), JSON.parse(readFileSync(join(INPUTS, f), 'utf8')));
  }
  return inputs;
}

/**
 * Renders one input as the service would today (with today's layout number in its data) and digests each
 * page as the verifier compares it: drawing operations, the fonts' text mapping, widths and glyphs, the rest.
 */
export async function renderGolden(input: unknown): Promise<{ pdf: Uint8Array; rendered: RenderedGolden }> {
  const data = DocumentDataSchema.parse(Object.assign({}, input, { layout: DOCUMENT_LAYOUT }));
  const pdf = await renderDocument(data, documentFont());
  return { pdf, rendered: { pages: await pageDigests(pdf), text: textOf(pdf) } };
}

/**
 * Each page's digest as the verifier compares it: drawing operations, the fonts' text mapping, widths and glyphs,
 * the rest.
 */
export async function pageDigests(pdf: Uint8Array): Promise<string[]> {
  return pageParts(await PDFDocument.load(pdf, { updateMetadata: false })).map((p) => sha(JSON.stringify(p)));
}

export async function renderAllGolden(): Promise<Map<string, RenderedGolden>> {
  const out = new Map<string, RenderedGolden>();
  for (const [name, input] of goldenInputs()) out.set(name, (await renderGolden(input)).rendered);
  return out;
}

export function readRecord(): GoldenRecord | undefined {
  try {
    return JSON.parse(readFileSync(RECORD, 'utf8')) as GoldenRecord;
  } catch {
    return undefined;
  }
}

export const textFile = (name: string): string => join(GOLDEN_DIR, `${name}.txt`);

function recordedText(name: string): string | undefined {
  try {
    return readFileSync(textFile(name), 'utf8').replace(/\n$/, '');
  } catch {
    return undefined;
  }
}

/** The first line where the recorded text and today's differ, for the failure message. */
function firstTextDifference(recorded: string | undefined, now: string): string {
  if (recorded === undefined) return '';
  const a = recorded.split('\n');
  const b = now.split('\n');
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] !== b[i])
      return `; first difference of the text, line ${i + 1}: recorded ${a[i] ?? '(none)'} / now ${b[i] ?? '(none)'}`;
  }
  return '; the text with its positions is the same, so the drawing, the fonts or the QR changed';
}

/** The font in use, as recorded. */
export const fontDigest = (): string => sha(documentFont());

/**
 * What differs between the record and today's rendering, as messages that say what to do; empty when
 * the record holds. `layout` is today's DOCUMENT_LAYOUT (a parameter so a test can show each message).
 */
export function goldenProblems(
  record: GoldenRecord | undefined,
  rendered: Map<string, RenderedGolden>,
  layout: number,
  font: string,
): string[] {
  if (!record) return [`no golden documents are recorded: record them with \`${RECORD_COMMAND}\``];
  if (record.layout !== layout) {
    return [
      `DOCUMENT_LAYOUT is ${layout} but the golden documents were recorded with layout ${record.layout}: ` +
        `re-record them with \`${RECORD_COMMAND}\``,
    ];
  }
  const raise =
    `raise DOCUMENT_LAYOUT (src/documents/constants.ts, now ${layout}) ` + `and re-record with \`${RECORD_COMMAND}\``;
  if (record.font !== font) {
    return [
      `the document font (${documentFontPath()}, sha256 ${font}) ` +
        `is not the one the golden documents were rendered with (sha256 ${record.font}): ` +
        `another font changes every printed page, so documents printed with one do not verify with the other; ` +
        `use the recorded font, or ${raise}`,
    ];
  }
  const problems: string[] = [];
  for (const [name, now] of rendered) {
    const was = record.documents[name];
    if (!was) {
      problems.push(`${name}: a golden input without a recorded rendering: record it with \`${RECORD_COMMAND}\``);
      continue;
    }
    if (was.pages.length !== now.pages.length) {
      problems.push(
        `rendering changed: ${raise}. ${name}: ${now.pages.length} pages, ` +
          `recorded ${was.pages.length}${firstTextDifference(recordedText(name), now.text)}`,
      );
      continue;
    }
    const page = now.pages.findIndex((p, i) => p !== was.pages[i]);
    if (page >= 0) {
      problems.push(
        `rendering changed: ${raise}. ` +
          `${name}: page ${page + 1} differs${firstTextDifference(recordedText(name), now.text)}`,
      );
    }
  }
  for (const name of Object.keys(record.documents)) {
    if (!rendered.has(name))
      problems.push(`${name}: recorded, but its input is gone: re-record with \`${RECORD_COMMAND}\``);
  }
  return problems;
}

/**
 * What `npm run documents:golden` does: refuse when the pages changed under the recorded layout number
 * (documents printed before would no longer verify as printed), nothing when they are the same, else write.
 */
export function recordDecision(
  record: GoldenRecord | undefined,
  problems: string[],
  layout: number,
): 'refuse' | 'unchanged' | 'write' {
  if (record && record.layout === layout && problems.length > 0) return 'refuse';
  return record && problems.length === 0 ? 'unchanged' : 'write';
}

/** Writes the record and the texts. */
export function writeRecord(rendered: Map<string, RenderedGolden>, layout: number, font: string): void {
  const record: GoldenRecord = { layout, font, documents: {} };
  for (const [name, r] of rendered) {
    record.documents[name] = { pages: r.pages };
    writeFileSync(textFile(name), `${r.text}\n`);
  }
  writeFileSync(RECORD, `${JSON.stringify(record, null, 2)}\n`);
}
