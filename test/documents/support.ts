import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodePDFRawStream, PDFDict, PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';

/** The text with all white space taken out (poppler breaks lines where the layout does). */
export const flat = (text: string): string => text.replace(/\s+/g, '');

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

/**
 * One HTTP call on a connection of its own (no keep-alive pool): these tests do seconds of CPU work
 * (rendering, verifying) in the process that also serves the hub, and a pooled connection reused just
 * as the server's keep-alive timer closes it fails with ECONNRESET.
 */
export function httpCall(
  base: string,
  token: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; type: string; bytes: Buffer }> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const req = request(
      new URL(path, base),
      {
        method,
        agent: false,
        headers: {
          authorization: `Bearer ${token}`,
          ...(payload ? { 'content-type': 'application/json', 'content-length': String(payload.length) } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            type: res.headers['content-type'] ?? '',
            bytes: Buffer.concat(chunks),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** The document `type` of the request `requestId`, as the holder of `token` fetches it from the hub at `base`. */
export const documentOf = (base: string, token: string, requestId: string, type: string) =>
  httpCall(base, token, 'GET', `/v1/requests/${requestId}/documents/${type}`);
