// Ingest: source file → parser → batches committed atomically with the file's resume point.
// A crash loses no committed batch and leaves no half batch; a re-run resumes, and a file whose
// content was fully ingested before is recognised by its SHA-256 and adds nothing. A file of which no
// line could be stored (every line refused: a wrong --format, a missing --zone) is not kept as
// ingested, so the run with corrected options reads it. A file some of whose lines were refused for want
// of a zone is read again when a run gives one (its lines stored before read the same: see readAgain).
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileSha256, LineReader } from './lines.ts';
import type { LogSource } from './log-source.ts';
import { Batch, ParseError } from './model.ts';
import { createParser, type LogFormat } from './parsers/index.ts';
import type { AttributionStore, FileProgress } from './store/types.ts';
import { TimeError } from './time.ts';

/** A line skipped: `reason` in English (what JSON consumers read), `reasonJa` in Japanese. */
export interface IngestError {
  file: string;
  line: number;
  reason: string;
  reasonJa: string;
}

/** One source file of a run: what the audit entry of the run records about it. */
export interface IngestedFile {
  file: string;
  sha256: string;
  /** Records stored from it in this run (0 when it was ingested before). */
  records: number;
  /**
   * Of its records read for the first time in this run, those kept as one holding with another record's row of
   * the same key (store/kept-as-one.ts); lines read again (a resumed run, --zone) count none.
   */
  keptAsOne: number;
  skipped: number;
  alreadyIngested: boolean;
  /** Read again from its first line with --zone: an earlier run without one refused some of its lines. */
  readAgain?: true;
}

/** A file ingested before some of whose lines its runs refused: what a run that did not read them again says. */
export interface RefusedBefore {
  file: string;
  /** Lines refused when it was read. */
  lines: number;
  /** The --zone it was read with ('' none; null not recorded). */
  zone: string | null;
}

export interface IngestSummary {
  ingested: number;
  /** Records that shared the key of another record's row and were kept as one holding with it (IngestedFile). */
  keptAsOne: number;
  skipped: number;
  errors: IngestError[];
  /** Files recognised as already fully ingested. */
  alreadyIngested: string[];
  /** For each of those, the format it was read with and when (ISO-8601 UTC). */
  earlierRuns: EarlierRun[];
  /** Files of which no line was stored (every line refused), left unmarked so that a corrected run reads them. */
  nothingStored: string[];
  /**
   * Files ingested before with lines refused then, which this run did not read again (the same options
   * would refuse them again): each with how many and the zone it was read with.
   */
  refusedBefore: RefusedBefore[];
  /** Files read again with --zone because a run without one had refused some of their lines (`zone`: the new one). */
  readAgain: RefusedBefore[];
  /** Every file the run registered, in order (filled as it goes: complete up to where a run stopped). */
  files: IngestedFile[];
}

export interface EarlierRun {
  file: string;
  format: string;
  at: string;
}

/** A run asked to go on with a file that an unfinished run began reading in another format. */
export class FormatMismatch extends Error {
  override name = 'FormatMismatch';
  readonly file: string;
  readonly begunAs: string;
  constructor(file: string, begunAs: string, askedAs: string) {
    super(`${file}: begun as ${begunAs}, not ${askedAs}`);
    this.file = file;
    this.begunAs = begunAs;
  }
}

/**
 * A run declaring a source other than the one a file was registered with by an earlier run (`begunFrom`
 * null: registered without one). A source is declared when a file is first read and never changed after.
 */
export class SourceMismatch extends Error {
  override name = 'SourceMismatch';
  readonly file: string;
  readonly begunFrom: string | null;
  constructor(file: string, begunFrom: string | null, askedFrom: string) {
    super(`${file}: registered from ${begunFrom ?? 'no declared source'}, not ${askedFrom}`);
    this.file = file;
    this.begunFrom = begunFrom;
  }
}

/**
 * A run with another --zone than the one a file was read with, where reading it again could give lines
 * already stored other times: a file partly read with a zone (a resumed run must keep it), or a file
 * read with a zone (or before the zone was recorded) some of whose lines were refused. `begunWith`: the
 * zone it was read with ('' none, null not recorded); `refused`: the lines refused then (null: not a done file).
 */
export class ZoneMismatch extends Error {
  override name = 'ZoneMismatch';
  readonly file: string;
  readonly begunWith: string | null;
  readonly refused: number | null;
  constructor(file: string, begunWith: string | null, askedWith: string, refused: number | null) {
    super(`${file}: read with --zone ${begunWith ?? '(not recorded)'}, not ${askedWith || '(none)'}`);
    this.file = file;
    this.begunWith = begunWith;
    this.refused = refused;
  }
}

export function emptyIngestSummary(): IngestSummary {
  return {
    ingested: 0,
    keptAsOne: 0,
    skipped: 0,
    errors: [],
    alreadyIngested: [],
    earlierRuns: [],
    nothingStored: [],
    refusedBefore: [],
    readAgain: [],
    files: [],
  };
}

export interface IngestOptions {
  format: LogFormat;
  /**
   * The source the files came from, as the analyst declares it (the NAT box or collector): files of one
   * source and format are chained as one rotated log after a CGNAT address's NAT span (./nat-cover.ts).
   */
  source?: LogSource;
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

/** A --strict run stopped at its first bad line: `message` names it in English, `ja` in Japanese. */
export class StrictStop extends Error {
  override name = 'StrictStop';
  readonly error: IngestError;
  readonly ja: string;
  constructor(error: IngestError) {
    super(`${error.file}:${error.line}: ${error.reason}`);
    this.error = error;
    this.ja = `${error.file}:${error.line}: ${error.reasonJa}`;
  }
}

function isBadInput(err: unknown): err is ParseError | TimeError {
  return err instanceof ParseError || err instanceof TimeError;
}

/**
 * Ingest files into the store, each batch committed in a transaction of its own. `summary` is filled
 * as the run goes, so a caller still has what was committed when the run stops with an error.
 */
export async function ingestFiles(
  store: AttributionStore,
  files: string[],
  opts: IngestOptions,
  summary: IngestSummary = emptyIngestSummary(),
): Promise<IngestSummary> {
  const batchLines = opts.batchLines ?? 1_000_000;
  const maxErrors = opts.maxErrors ?? 1000;
  const total = files.reduce((s, f) => s + statSync(f).size, 0);
  let doneBytes = 0;
  let current: IngestedFile | null = null;
  /** Lines refused since the file's last committed batch (each batch adds its own to the file's count). */
  let refusedSince = 0;
  const addError = (file: string, err: ParseError | TimeError, lineNo: number): void => {
    const line = err instanceof ParseError && err.line !== undefined ? err.line : lineNo;
    const error: IngestError = { file, line, reason: err.en, reasonJa: err.ja };
    summary.skipped++;
    refusedSince++;
    if (current) current.skipped++;
    if (summary.errors.length < maxErrors) summary.errors.push(error);
    if (opts.strict) throw new StrictStop(error);
  };
  for (const file of files) {
    const path = resolve(file);
    const size = statSync(path).size;
    const sha256 = fileSha256(path);
    const source = opts.source ?? null;
    const zone = opts.zone ?? '';
    let progress = await store.beginFile(sha256, path, opts.format, source, zone);
    if (
      !progress.done &&
      !progress.stored &&
      (progress.zone !== zone || (source !== null && progress.source !== source))
    ) {
      // registered by a run that stored nothing of it: registered again, as this run reads it
      await store.forgetFile(progress.id);
      progress = await store.beginFile(sha256, path, opts.format, source, zone);
    }
    if (source !== null && progress.source !== source) throw new SourceMismatch(file, progress.source, source);
    if (!progress.done && progress.stored && progress.format !== opts.format) {
      throw new FormatMismatch(file, progress.format, opts.format);
    }
    if (!progress.done && progress.stored && progress.zone !== null && progress.zone !== zone) {
      throw new ZoneMismatch(file, progress.zone, zone, null);
    }
    const again = progress.done && (await readAgain(store, file, progress, zone));
    current = { file: path, sha256, records: 0, keptAsOne: 0, skipped: 0, alreadyIngested: progress.done && !again };
    if (again) {
      current.readAgain = true;
      summary.readAgain.push({ file, lines: progress.skipped ?? 0, zone });
      progress = { ...progress, done: false, resumeFrom: 1 };
    }
    summary.files.push(current);
    if (progress.done) {
      summary.alreadyIngested.push(file);
      summary.earlierRuns.push({ file, format: progress.format, at: progress.updatedAt });
      if (progress.skipped) summary.refusedBefore.push({ file, lines: progress.skipped, zone: progress.zone });
      doneBytes += size;
      opts.progress?.(doneBytes, total);
      continue;
    }
    refusedSince = 0;
    // The last line an earlier run read: what lines up to it give was stored then (a run going on with the file
    // reads again from the records pending at its last commit; --zone reads it all again). They are committed
    // apart, and their rows kept as one are not counted. Not recorded (a file registered before 080): none.
    const readBefore = again || progress.readTo === null ? Infinity : progress.readTo;
    const commit = async (resumeFrom: number, done: boolean, read: number, from: number): Promise<void> => {
      const kept = await store.commitBatch(progress.id, batch, resumeFrom, done, batch.records, refusedSince, read);
      refusedSince = 0;
      summary.ingested += batch.records;
      current!.records += batch.records;
      if (from > readBefore) {
        summary.keptAsOne += kept;
        current!.keptAsOne += kept;
      }
    };
    const parser = createParser(opts.format, opts.zone === undefined ? {} : { zone: opts.zone });
    // A line too long to be a log's is refused by the reader, named by this file and its number.
    const reader = new LineReader(path, file);
    let batch = new Batch();
    let linesInBatch = 0;
    /** Number of the last line read (1-based), and the first line of the batch being read. */
    let lineNo = 0;
    let batchFrom = progress.resumeFrom;
    try {
      // Lines are found with indexOf in each chunk; a parser with `lineAt` reads them in place.
      for (let text = reader.nextText(lineNo); text !== null; text = reader.nextText(lineNo)) {
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
            linesInBatch++;
          } catch (err) {
            if (!isBadInput(err)) throw err;
            addError(file, err, lineNo);
          }
          // the lines read again end a batch of their own (counted apart: see readBefore)
          if (linesInBatch >= batchLines || lineNo === readBefore) {
            await commit(Math.min(parser.pendingFrom(), lineNo + 1), false, lineNo, batchFrom);
            batch = new Batch();
            batchFrom = lineNo + 1;
            linesInBatch = 0;
            opts.progress?.(doneBytes + reader.bytesRead, total);
          }
        }
      }
      try {
        parser.finish(batch);
      } catch (err) {
        if (!isBadInput(err)) throw err;
        addError(file, err, lineNo);
      }
      if (!again && progress.resumeFrom === 1 && current.records === 0 && batch.records === 0 && current.skipped > 0) {
        // Every line was refused: nothing of this file is stored, so it is not ingested either.
        await store.forgetFile(progress.id);
        summary.nothingStored.push(file);
      } else await commit(lineNo + 1, true, lineNo, batchFrom);
    } finally {
      reader.close();
    }
    doneBytes += size;
    opts.progress?.(doneBytes, total);
  }
  return summary;
}

/**
 * Whether a done file is read again with `zone`: only when its runs refused lines and it was read without
 * a zone (every line it stored carried its own offset, so those read the same with any zone, and what a
 * zone changes are the lines refused for want of one: they are read now). The same zone as before reads
 * nothing new (it says what was refused); another zone than a recorded one, or any zone over a file
 * whose zone was not recorded, could read stored lines twice at other times: refused.
 */
async function readAgain(store: AttributionStore, file: string, p: FileProgress, zone: string): Promise<boolean> {
  if (!p.skipped || zone === p.zone || zone === '') return false;
  if (p.zone !== '') throw new ZoneMismatch(file, p.zone, zone, p.skipped);
  await store.readAgain(p.id, zone);
  return true;
}
