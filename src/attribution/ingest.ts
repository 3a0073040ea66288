// Ingest: source file → parser → batches committed atomically with the file's resume point.
// A crash loses no committed batch and leaves no half batch; a re-run resumes, and a file whose
// content was fully ingested before is recognised by its SHA-256 and adds nothing.
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileSha256, LineReader } from './lines.ts';
import { Batch, ParseError } from './model.ts';
import { createParser, type LogFormat } from './parsers/index.ts';
import type { AttributionStore } from './store/types.ts';
import { TimeError } from './time.ts';

export interface IngestError {
  file: string;
  line: number;
  reason: string;
}

export interface IngestSummary {
  ingested: number;
  skipped: number;
  errors: IngestError[];
  /** Files recognised as already fully ingested. */
  alreadyIngested: string[];
}

export interface IngestOptions {
  format: LogFormat;
  zone?: string;
  strict?: boolean;
  /**
   * Lines per committed batch (default 1 000 000). Large batches matter for speed: sessions end in
   * time order but are stored in address order, so each commit rewrites pages all over the tables;
   * fewer, larger commits rewrite each page less often. Memory grows with the rows of one batch
   * (about 200 bytes each, at most one per line).
   */
  batchLines?: number;
  /** Called with (bytes done, bytes total) after each batch. */
  progress?: (done: number, total: number) => void;
  /** At most this many errors are kept in the summary (all are counted). */
  maxErrors?: number;
}

export class StrictStop extends Error {
  override name = 'StrictStop';
}

function isBadInput(err: unknown): err is Error {
  return err instanceof ParseError || err instanceof TimeError;
}

export async function ingestFiles(
  store: AttributionStore,
  files: string[],
  opts: IngestOptions,
): Promise<IngestSummary> {
  const summary: IngestSummary = { ingested: 0, skipped: 0, errors: [], alreadyIngested: [] };
  const batchLines = opts.batchLines ?? 1_000_000;
  const maxErrors = opts.maxErrors ?? 1000;
  const total = files.reduce((s, f) => s + statSync(f).size, 0);
  let doneBytes = 0;
  const addError = (file: string, line: number, reason: string): void => {
    summary.skipped++;
    if (summary.errors.length < maxErrors) summary.errors.push({ file, line, reason });
    if (opts.strict) throw new StrictStop(`${file}:${line}: ${reason}`);
  };
  for (const file of files) {
    const path = resolve(file);
    const size = statSync(path).size;
    const progress = await store.beginFile(fileSha256(path), path, opts.format);
    if (progress.done) {
      summary.alreadyIngested.push(file);
      doneBytes += size;
      opts.progress?.(doneBytes, total);
      continue;
    }
    const parser = createParser(opts.format, opts.zone === undefined ? {} : { zone: opts.zone });
    const reader = new LineReader(path);
    let batch = new Batch();
    let linesInBatch = 0;
    /** Number of the last line read (1-based). */
    let lineNo = 0;
    try {
      // Lines are found with indexOf in each chunk; a parser with `lineAt` reads them in place.
      for (let text = reader.nextText(); text !== null; text = reader.nextText()) {
        const len = text.length;
        for (let pos = 0; pos <= len; ) {
          let nl = text.indexOf('\n', pos);
          if (nl < 0) nl = len;
          let end = nl;
          if (end > pos && text.charCodeAt(end - 1) === 13) end--;
          const start = pos;
          pos = nl + 1;
          lineNo++;
          if (lineNo < progress.resumeFrom) continue;
          try {
            if (parser.lineAt) parser.lineAt(text, start, end, lineNo, batch);
            else parser.line(text.slice(start, end), lineNo, batch);
          } catch (err) {
            if (!isBadInput(err)) throw err;
            addError(file, err instanceof ParseError && err.line !== undefined ? err.line : lineNo, err.message);
            continue;
          }
          linesInBatch++;
          if (linesInBatch >= batchLines) {
            const resumeFrom = Math.min(parser.pendingFrom(), lineNo + 1);
            summary.ingested += batch.records;
            await store.commitBatch(progress.id, batch, resumeFrom, false, batch.records);
            batch = new Batch();
            linesInBatch = 0;
            opts.progress?.(doneBytes + reader.bytesRead, total);
          }
        }
      }
      try {
        parser.finish(batch);
      } catch (err) {
        if (!isBadInput(err)) throw err;
        addError(file, err instanceof ParseError && err.line !== undefined ? err.line : lineNo, err.message);
      }
      summary.ingested += batch.records;
      await store.commitBatch(progress.id, batch, lineNo + 1, true, batch.records);
    } finally {
      reader.close();
    }
    doneBytes += size;
    opts.progress?.(doneBytes, total);
  }
  return summary;
}
