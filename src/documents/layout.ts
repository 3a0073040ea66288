import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, type PDFFont, type PDFPage, rgb } from 'pdf-lib';
import QRCode from 'qrcode';

/**
 * A small typesetter over pdf-lib for A4 documents in one Japanese font: headings, wrapped paragraphs,
 * numbered items, a footer on every page. Deterministic: the same calls give the same bytes (fixed
 * dates, pdf-lib's seeded resource names), which verification relies on.
 */
const A4: [number, number] = [595.28, 841.89];
const MARGIN = { left: 62, right: 62, top: 64, bottom: 92 };
const BLACK = rgb(0, 0, 0);
const NO_LINE_START = '、。，．）」』】〕〉》・：；？！ー'; // JIS X 4051 line-start prohibitions (the common ones)

/** The line breaking a layout asks of the typesetter (src/documents/layouts.ts). */
export interface TypesetterRules {
  /** Layout 2 on: a Latin word moves whole after a full-width space too. */
  breakAfterWideSpace: boolean;
  /** Layout 8 on: a printed instant (date, time and offset) is never broken over two lines. */
  instantsWhole?: boolean;
}

const TIME = String.raw`\d{2}:\d{2}:\d{2}(?:\.\d+)? [+-]\d{2}:\d{2}`;
/**
 * A printed instant, as documents write one: the date (era year beside the Western year, or in English), the time
 * to the second (or finer) and the offset — `令和8年（2026年）11月28日 10:00:00 +09:00`, `1 December 2026 10:00:03
 * +09:00` — or as a requester wrote it (指定値), `2026-12-01T01:00:03.704+00:00`. Read as one thing, so from layout
 * 8 it is never broken over two lines: a line it does not fit ends before it. A field's label after a full-width
 * space goes with it (`…　通信日時 令和8年…`), so the label does not end a line, or a page, without its instant —
 * when both fit a line; else the instant alone moves, and one too wide for a line breaks as any text.
 */
const INSTANT = new RegExp(
  String.raw`((?<=\u3000)[^\s\u3000]{1,8} )?(?:` +
    [
      String.raw`(?:[\u4e00-\u9fff]{2}(?:\d+|元)年（\d+年）|\d+年)\d{1,2}月\d{1,2}日 ${TIME}`,
      String.raw`\d{1,2} [A-Z][a-z]+ \d{4} ${TIME}`,
      String.raw`\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})`,
    ].join('|') +
    ')',
  'gu',
);

/** Where a printed instant is in a paragraph, in characters (code points): its label's start, its own, its end. */
interface InstantSpan {
  label: number;
  at: number;
  end: number;
}

function instantSpans(paragraph: string): InstantSpan[] {
  const count = (text: string): number => Array.from(text).length;
  return Array.from(paragraph.matchAll(INSTANT), (m) => {
    const label = count(paragraph.slice(0, m.index));
    const at = label + count(m[1] ?? '');
    return { label, at, end: label + count(m[0]) };
  });
}

export interface Block {
  text: string;
  size?: number;
  align?: 'left' | 'center' | 'right';
  /** Left indent in points (continuation lines keep it). */
  indent?: number;
  /** Space before, in points. */
  before?: number;
}

export class Typesetter {
  readonly doc: PDFDocument;
  readonly font: PDFFont;
  private page: PDFPage;
  private y: number;
  readonly pages: PDFPage[] = [];
  /** Whether a Latin word moves whole after a full-width space too (layout 2 on; layout 1: only after ' '). */
  private readonly breakAfterWideSpace: boolean;
  /** Whether a printed instant is kept on one line (layout 8 on). */
  private readonly instantsWhole: boolean;

  private constructor(doc: PDFDocument, font: PDFFont, rules: TypesetterRules) {
    this.doc = doc;
    this.font = font;
    this.breakAfterWideSpace = rules.breakAfterWideSpace;
    this.instantsWhole = rules.instantsWhole === true;
    this.page = this.newPage();
    this.y = A4[1] - MARGIN.top;
  }

  static async create(
    fontBytes: Uint8Array,
    meta: { title: string; at: Date },
    rules: TypesetterRules = { breakAfterWideSpace: true },
  ): Promise<Typesetter> {
    const doc = await PDFDocument.create({ updateMetadata: false });
    doc.registerFontkit(fontkit);
    const font = await doc.embedFont(fontBytes, { subset: true });
    doc.setTitle(meta.title);
    doc.setLanguage('ja-JP');
    doc.setCreator('shokai');
    doc.setProducer('shokai (pdf-lib)');
    doc.setCreationDate(meta.at);
    doc.setModificationDate(meta.at);
    return new Typesetter(doc, font, rules);
  }

  private newPage(): PDFPage {
    const page = this.doc.addPage(A4);
    this.pages.push(page);
    this.y = A4[1] - MARGIN.top;
    return page;
  }

  get width(): number {
    return A4[0] - MARGIN.left - MARGIN.right;
  }

  /**
   * Splits text into lines no wider than `width` (Japanese breaks anywhere; Latin prefers spaces, 　 too from
   * layout 2; from layout 8 a printed instant moves whole to the next line rather than break, see INSTANT).
   */
  wrap(text: string, size: number, width: number): string[] {
    const lines: string[] = [];
    for (const paragraph of text.split(/\r?\n/)) {
      const chars = Array.from(paragraph);
      const whole = this.instantsWhole ? instantSpans(paragraph) : [];
      let line = '';
      for (const [i, ch] of chars.entries()) {
        const next = line + ch;
        // Closing marks never start a line (禁則): they hang past the margin instead.
        if (this.font.widthOfTextAtSize(next, size) <= width || line === '' || NO_LINE_START.includes(ch)) {
          line = next;
          continue;
        }
        // A Latin word (an address, a URL) moves whole to the next line, after a space of either width.
        const wide = this.breakAfterWideSpace ? line.lastIndexOf('\u3000') : -1;
        const space = Math.max(line.lastIndexOf(' '), wide);
        const latin = ch !== ' ' && space > line.length - 24 && space > 0 && /[\x21-\x7e]$/.test(line);
        // Layout 8: where that break would split a printed instant, the instant moves whole to the next line.
        const start = i + 1 - Array.from(next).length;
        const at = latin ? start + Array.from(line.slice(0, space)).length : i;
        const from = this.instantBreak(chars, whole, { start, i, at }, size, width);
        if (from !== undefined) {
          lines.push(
            chars
              .slice(start, from)
              .join('')
              .replace(/[ \u3000]$/, ''),
          );
          line = chars.slice(from, i + 1).join('');
        } else if (latin) {
          lines.push(line.slice(0, space));
          line = line.slice(space + 1) + ch;
        } else {
          lines.push(line);
          line = ch === ' ' ? '' : ch;
        }
      }
      lines.push(line);
    }
    return lines;
  }

  /**
   * Where a line that overflows at character `i` ends instead of at `at`, where the break was going to be, when that
   * would split a printed instant (layout 8): before the instant's label, or else before the instant, whichever
   * first fits a line of its own and leaves more than spaces before it on the line. Undefined when the break
   * splits no instant.
   */
  private instantBreak(
    chars: readonly string[],
    spans: readonly InstantSpan[],
    line: { start: number; i: number; at: number },
    size: number,
    width: number,
  ): number | undefined {
    const span = spans.find((w) => w.label < line.at && line.at < w.end);
    if (!span) return undefined;
    return [span.label, span.at].find(
      (from) =>
        // What stays on the line is more than its indent: a line of spaces alone would print empty.
        chars.slice(line.start, from).join('').trim() !== '' &&
        from <= line.i &&
        this.font.widthOfTextAtSize(chars.slice(from, span.end).join(''), size) <= width,
    );
  }

  /** Writes a block, starting a new page when the bottom margin is reached. */
  block(b: Block): void {
    const size = b.size ?? 10.5;
    const leading = size * 1.6;
    const indent = b.indent ?? 0;
    this.y -= b.before ?? 0;
    for (const line of this.wrap(b.text, size, this.width - indent)) {
      if (this.y - leading < MARGIN.bottom) this.page = this.newPage();
      this.y -= leading;
      const w = this.font.widthOfTextAtSize(line, size);
      const x =
        b.align === 'center'
          ? MARGIN.left + (this.width - w) / 2
          : b.align === 'right'
            ? MARGIN.left + this.width - w
            : MARGIN.left + indent;
      this.page.drawText(line, { x, y: this.y, size, font: this.font, color: BLACK });
    }
  }

  /** The height blocks take when written (space before and each wrapped line), to keep them on one page. */
  heightOf(blocks: readonly Block[]): number {
    let height = 0;
    for (const b of blocks) {
      const size = b.size ?? 10.5;
      height += (b.before ?? 0) + this.wrap(b.text, size, this.width - (b.indent ?? 0)).length * size * 1.6;
    }
    return height;
  }

  /** Whether a line of text fits the text width less an indent. */
  fits(text: string, size: number, indent = 0): boolean {
    return this.font.widthOfTextAtSize(text, size) <= this.width - indent;
  }

  /** Starts a new page unless nothing is written on this one yet. */
  startPage(): void {
    if (this.y < A4[1] - MARGIN.top) this.page = this.newPage();
  }

  /** Starts a new page when what follows (its height) does not fit on this one's rest but would on a new one. */
  keepTogether(height: number): void {
    const page = A4[1] - MARGIN.top - MARGIN.bottom;
    if (this.y - height < MARGIN.bottom && height <= page) this.startPage();
  }

  /** A horizontal rule across the text width. */
  rule(before = 6): void {
    this.y -= before;
    if (this.y < MARGIN.bottom) this.page = this.newPage();
    this.page.drawLine({
      start: { x: MARGIN.left, y: this.y },
      end: { x: MARGIN.left + this.width, y: this.y },
      thickness: 0.5,
      color: BLACK,
    });
  }

  /**
   * The footer of every page: the document number, the verification code, the page number and a QR
   * code drawn as vector squares (no image, so nothing in it can differ between renderers).
   */
  footer(lines: string[], qr: string): void {
    const total = this.pages.length;
    const matrix = QRCode.create(qr, { errorCorrectionLevel: 'M' }).modules;
    const qrSize = 64;
    const cell = qrSize / matrix.size;
    this.pages.forEach((page, i) => {
      const size = 7.5;
      const x0 = MARGIN.left;
      let y = MARGIN.bottom - 18;
      page.drawLine({
        start: { x: x0, y: MARGIN.bottom - 8 },
        end: { x: x0 + this.width, y: MARGIN.bottom - 8 },
        thickness: 0.5,
        color: BLACK,
      });
      for (const line of [...lines, `${i + 1} / ${total}`]) {
        page.drawText(line, { x: x0, y, size, font: this.font, color: BLACK });
        y -= size * 1.5;
      }
      const qx = x0 + this.width - qrSize;
      const qy = 14;
      for (let r = 0; r < matrix.size; r++) {
        let c = 0;
        while (c < matrix.size) {
          if (!matrix.get(r, c)) {
            c++;
            continue;
          }
          const start = c;
          while (c < matrix.size && matrix.get(r, c)) c++;
          page.drawRectangle({
            x: qx + start * cell,
            y: qy + qrSize - (r + 1) * cell,
            width: (c - start) * cell,
            height: cell,
            color: BLACK,
          });
        }
      }
    });
  }
}
