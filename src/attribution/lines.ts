// Fast line reading: large chunks decoded once and split, instead of a stream per line.

import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync } from 'node:fs';
import { DomainError } from '../domain/errors.ts';
import { t } from './messages.ts';

/**
 * The longest line read (bytes, give or take one chunk): a file with a longer one is no log — a damaged
 * or binary file — and reading on would gather it whole, copying it again for every chunk.
 */
export const MAX_LINE_BYTES = 16 << 20;

/** The refusal of a file whose line `line` is longer than MAX_LINE_BYTES, in both languages. */
function lineTooLong(file: string, line: number): DomainError {
  const params = { file, line };
  return new DomainError(
    'VALIDATION_FAILED',
    { ja: t('line_too_long', params, 'ja'), en: t('line_too_long', params, 'en') },
    { field: 'file', value: file },
  );
}

/**
 * Reads a file's lines in large chunks. A line longer than MAX_LINE_BYTES is refused here, the one place,
 * as `lineTooLong` naming the file (as its caller named it) and the line: `nextChunk` counts the lines it
 * returns; a caller of `nextText`, which counts them itself, says how many it has read.
 */
export class LineReader {
  /** The file as its caller names it, in the refusal of a line too long. */
  private readonly name: string;
  private readonly fd: number;
  private readonly buf: Buffer;
  private carry: Buffer = Buffer.alloc(0);
  private eof = false;
  /** Bytes consumed so far (for progress). */
  bytesRead = 0;
  /** Number of the next line to be returned (1-based). */
  nextLine = 1;

  constructor(path: string, name = path, chunkSize = 4 << 20) {
    this.name = name;
    this.fd = openSync(path, 'r');
    this.buf = Buffer.allocUnsafe(chunkSize);
  }

  /** The next group of complete lines (without newline characters), or null at the end. */
  nextChunk(): string[] | null {
    const text = this.nextText(this.nextLine - 1);
    if (text === null) return null;
    const lines = text.split('\n');
    this.fix(lines);
    return lines;
  }

  /**
   * The next group of complete lines as one string, lines separated by '\n' (the last one without
   * its newline; CR not removed), or null at the end. Does not advance `nextLine`: the caller counts, and
   * gives `linesRead`, the lines it has taken so far, so that a line too long is refused by its number.
   */
  nextText(linesRead: number): string | null {
    while (!this.eof) {
      const n = readSync(this.fd, this.buf, 0, this.buf.length, null);
      this.bytesRead += n;
      if (n === 0) {
        this.eof = true;
        break;
      }
      const data =
        this.carry.length > 0 ? Buffer.concat([this.carry, this.buf.subarray(0, n)]) : this.buf.subarray(0, n);
      const last = data.lastIndexOf(10);
      if (last < 0) {
        if (data.length > MAX_LINE_BYTES) throw lineTooLong(this.name, linesRead + 1);
        this.carry = Buffer.from(data);
        continue;
      }
      const text = data.toString('utf8', 0, last);
      this.carry = Buffer.from(data.subarray(last + 1));
      return text;
    }
    if (this.carry.length > 0) {
      const text = this.carry.toString('utf8');
      this.carry = Buffer.alloc(0);
      return text;
    }
    return null;
  }

  private fix(lines: string[]): void {
    for (let i = 0; i < lines.length; i++) {
      const l = lines[i]!;
      if (l.length > 0 && l.charCodeAt(l.length - 1) === 13) lines[i] = l.slice(0, -1);
    }
    this.nextLine += lines.length;
  }

  close(): void {
    closeSync(this.fd);
  }
}

/** SHA-256 of a file's content (identifies a source file: re-ingesting it adds nothing twice). */
export function fileSha256(path: string): string {
  const h = createHash('sha256');
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.allocUnsafe(8 << 20);
    for (;;) {
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      h.update(buf.subarray(0, n));
    }
  } finally {
    closeSync(fd);
  }
  return h.digest('hex');
}

/** The lines of a file that are not blank, with their numbers; the file is closed when the loop ends. */
export function* numberedLines(file: string): Generator<{ line: number; text: string }> {
  const reader = new LineReader(file);
  try {
    for (let chunk = reader.nextChunk(); chunk !== null; chunk = reader.nextChunk()) {
      let line = reader.nextLine - chunk.length - 1;
      for (const text of chunk) {
        line++;
        if (text.trim() !== '') yield { line, text };
      }
    }
  } finally {
    reader.close();
  }
}
