import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodePDFRawStream, PDFDict, PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';

/** What poppler reads back from a PDF: the text (pdftotext -layout) and each page as a greyscale bitmap. */
export interface ReadBack {
  text: string;
  pages: Array<{ width: number; height: number; dark: number; pixels: Uint8Array }>;
  /** What poppler complained about on stderr (a broken embedded font shows here). */
  warnings: string;
}

/** Parses a binary PGM (P5) as pdftoppm -gray writes it. */
function parsePgm(bytes: Buffer): { width: number; height: number; pixels: Uint8Array } {
  const header = bytes.subarray(0, 64).toString('latin1');
  const m = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(header);
  assert.ok(m, 'pdftoppm wrote a PGM');
  const width = Number(m[1]);
  const height = Number(m[2]);
  return { width, height, pixels: bytes.subarray(m[0].length, m[0].length + width * height) };
}

export function readBack(pdf: Uint8Array): ReadBack {
  const dir = mkdtempSync(join(tmpdir(), 'shokai-doc-'));
  try {
    const file = join(dir, 'doc.pdf');
    writeFileSync(file, pdf);
    const text = spawnSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
    assert.equal(text.status, 0, `pdftotext: ${text.stderr}`);
    const ppm = spawnSync('pdftoppm', ['-r', '60', '-gray', file, join(dir, 'page')], { encoding: 'utf8' });
    assert.equal(ppm.status, 0, `pdftoppm: ${ppm.stderr}`);
    const pages = readdirSync(dir)
      .filter((f) => f.startsWith('page') && f.endsWith('.pgm'))
      .sort()
      .map((f) => {
        const pgm = parsePgm(readFileSync(join(dir, f)));
        let dark = 0;
        for (const v of pgm.pixels) if (v < 128) dark++;
        return { ...pgm, dark };
      });
    return { text: text.stdout, pages, warnings: `${text.stderr}${ppm.stderr}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The embedded font program of a PDF's first font (FontFile2), to check it has real glyphs. */
export async function embeddedFontProgram(pdf: Uint8Array): Promise<Uint8Array> {
  const doc = await PDFDocument.load(pdf);
  for (const [, obj] of doc.context.enumerateIndirectObjects()) {
    if (!(obj instanceof PDFDict) || !obj.has(PDFName.of('FontFile2'))) continue;
    const program = obj.lookup(PDFName.of('FontFile2'));
    if (program instanceof PDFRawStream) return decodePDFRawStream(program).decode();
  }
  throw new Error('no embedded TrueType font program');
}
