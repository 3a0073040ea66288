import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { SYSTEM_CALLER } from '../domain/access.ts';
import type { AgentRefusal } from '../domain/agent-intake.ts';
import { MAX_ATTACHMENTS_PER_REQUEST } from '../domain/attachments.ts';
import { RECORD_ID_PATTERN } from '../domain/envelope.ts';
import { DomainError } from '../domain/errors.ts';
import { parseJsonOnce } from '../domain/json-keys.ts';
import { shownInput } from '../domain/shown-text.ts';
import type { Bilingual } from '../domain/vocabulary.ts';
import { logger } from '../kernel/logger.ts';
import { inTransaction } from '../kernel/unit-of-work.ts';
import { outbox } from './agent.repository.ts';
import { markUploaded, pendingUploads } from './answer-files.repository.ts';
import { carriedRequestFiles, MAX_CARRIED_BYTES } from './carried-files.ts';
import { heldHere } from './held-here.ts';
import { pinnedDirectory, receiveEnvelope } from './intake.ts';
import { readMediumFile } from './medium-file.ts';
import { checkRequestFiles, type RequestFileState } from './request-files.ts';
import type { AgentRuntime } from './runner.ts';
import { recordSend } from './send.ts';

// File mode, for an installation with no line to the hub (air-gapped): envelopes come in on files (as
// the hub serves them: GET /v1/requests/{id}/envelope, or the bare envelope), are verified against the
// pinned directory exactly as pulled ones are, and approved answers and declines go out as files that
// the hub takes in (`shokai answer-file import`). The answer in such a file is already signed and
// sealed: whoever carries it can read nothing; so are its files, each in a `.sealed` file beside it.
// A request's files come the same way, sealed beside its envelope (carried-files.ts).

export const ANSWER_FILE_FORMAT = 'shokai-answer/v1';
export const AnswerFileSchema = z.strictObject({
  format: z.literal(ANSWER_FILE_FORMAT),
  requestId: z.string().min(1).max(200),
  /** The body of the request's transition at the hub: a sealed answer or a decline. */
  transition: z.record(z.string(), z.unknown()),
  /**
   * The answer's files, each a sealed upload (as POST /v1/requests/{id}/attachments/sealed takes it)
   * in a file of its own beside this one, with the SHA-256 of that file.
   */
  attachments: z
    .array(
      z.strictObject({
        file: z.string().regex(/^[A-Za-z0-9_-][A-Za-z0-9_.-]{0,200}\.sealed$/),
        sha256: z.string().regex(/^[0-9a-f]{64}$/),
      }),
    )
    .max(MAX_ATTACHMENTS_PER_REQUEST)
    .optional(),
});
export type AnswerFile = z.infer<typeof AnswerFileSchema>;

function readJson(path: string): unknown {
  try {
    return parseJsonOnce(readFileSync(path, 'utf8'));
  } catch (err) {
    if (err instanceof DomainError) {
      const { ja, en } = err.messages;
      throw new DomainError(err.code, { ja: `${path}: ${ja}`, en: `${path}: ${en}` }, { ...err.details, file: path });
    }
    throw new DomainError(
      'VALIDATION_FAILED',
      { ja: `${path} を JSON として読めません`, en: `cannot read ${path} as JSON` },
      { field: 'file', value: path, cause: (err as Error).message },
    );
  }
}

/**
 * The envelopes a parsed file holds: a bare envelope, `{ envelope }`, `{ envelopes: [...] }` or an array;
 * undefined when it has none of these shapes (no envelope at all).
 */
export function envelopesOf(raw: unknown): unknown[] | undefined {
  if (Array.isArray(raw)) return raw;
  if (typeof raw !== 'object' || raw === null) return undefined;
  if ('envelopes' in raw && Array.isArray(raw.envelopes)) return raw.envelopes;
  if ('envelope' in raw) return [raw.envelope];
  return 'payload' in raw ? [raw] : undefined;
}

export interface FileIntake {
  file: string;
  stored: string[];
  already: string[];
  /** Each envelope refused: why (the reason's key) and, where the check names one, what in it (in words). */
  refused: Array<{ requestId: string | null; reason: AgentRefusal; detail?: Bilingual }>;
  /** The verdicts on the request files the medium carries for its envelopes (REQUEST.FILE_ID.sealed). */
  requestFiles: Array<{ requestId: string; fileId: string; state: RequestFileState }>;
  /** How many request files were carried for it (left unchecked without a device of the installation's own). */
  carried: number;
  /**
   * The head instant of the pin its envelopes were checked against (null: nothing pinned). No hub is
   * reached here: a key or a duty designation revoked after this instant is not seen.
   */
  pinnedAt: string | null;
}

/**
 * Takes in the envelopes read from `file`, each in its own transaction, and the request files the
 * medium carries for each (`carriedOf`: where each of a request's sealed files lies, by file id).
 */
export async function receiveEnvelopesOf(
  rt: AgentRuntime,
  file: string,
  envelopes: readonly unknown[],
  carriedOf: (requestId: string) => ReadonlyMap<string, string>,
): Promise<FileIntake> {
  const pinnedAt = (await inTransaction(rt.ctx, (uow) => pinnedDirectory(uow)))?.head.at ?? null;
  const r: FileIntake = { file, stored: [], already: [], refused: [], requestFiles: [], carried: 0, pinnedAt };
  for (const envelope of envelopes) {
    const o = await inTransaction(rt.ctx, (uow) =>
      receiveEnvelope(uow, SYSTEM_CALLER, rt, { envelope, source: 'file' }),
    );
    if (o.outcome === 'refused') {
      const { reason, detail } = o.verdict;
      r.refused.push({ requestId: o.requestId, reason, ...(detail ? { detail } : {}) });
      logger.warn('agent.refused', { requestId: o.requestId, reason: o.verdict.reason, source: 'file' });
      continue;
    }
    (o.outcome === 'stored' ? r.stored : r.already).push(o.requestId);
    // Its files, carried sealed for the installation's device: opened and checked as online.
    const carried = carriedRequestFiles(o.requestId, carriedOf(o.requestId));
    r.carried += carried.count;
    for (const f of await checkRequestFiles(rt.ctx, rt.device, o.requestId, carried)) {
      r.requestFiles.push({ requestId: o.requestId, fileId: f.id, state: f.state });
    }
  }
  return r;
}

/**
 * A request id as the start of a file name in the export directory: plain (the envelope's schema allows
 * nothing else; this refuses a row stored before it did), never a path that leaves the directory.
 */
function plainName(requestId: string): void {
  if (RECORD_ID_PATTERN.test(requestId)) return;
  throw new DomainError(
    'VALIDATION_FAILED',
    {
      ja: `照会 ${shownInput(requestId)} の ID はファイル名にできない文字を含むため、回答ファイルを書き出しません`,
      en: `request ${shownInput(requestId)}: its id holds characters a file name may not, so no answer file is written`,
    },
    { field: 'requestId', value: requestId },
  );
}

/** Writes every approved answer and decline not yet sent as a file in `dir`; they count as sent. */
export async function exportAnswers(rt: AgentRuntime, dir: string): Promise<string[]> {
  mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  for (const row of await outbox(rt.ctx.store.db, 500)) {
    plainName(row.request_id);
    // An emergency this installation asks a call-back for is not written until a reviewer records one here.
    // Its own hold (./held-here.ts): not written, no refusal of the hub's, no attempt counted.
    if (await inTransaction(rt.ctx, (uow) => heldHere(uow, row))) continue;
    const file = join(dir, `${row.request_id}.answer.json`);
    // The sealed files first, beside the answer file (a rerun after a crash overwrites them).
    const sealed = await pendingUploads(rt.ctx.store.db, row.request_id);
    const attachments = sealed.map((f) => {
      const name = `${row.request_id}.${f.id}.sealed`;
      writeFileSync(join(dir, name), f.sealed);
      return { file: name, sha256: createHash('sha256').update(f.sealed).digest('hex') };
    });
    const content: AnswerFile = {
      format: ANSWER_FILE_FORMAT,
      requestId: row.request_id,
      transition: z.record(z.string(), z.unknown()).parse(JSON.parse(row.submission ?? 'null')),
      ...(attachments.length > 0 ? { attachments } : {}),
    };
    writeFileSync(file, `${JSON.stringify(content, null, 2)}\n`, { flag: 'wx' });
    await inTransaction(rt.ctx, async (uow) => {
      for (const f of sealed) await markUploaded(uow.tx, f.id, uow.now.toISOString());
      await recordSend(uow, SYSTEM_CALLER, row.request_id, { result: 'sent', refusal: null }, 'file');
    });
    written.push(file);
  }
  return written;
}

/** Reads an answer file (the hub's side). */
export function readAnswerFile(path: string): AnswerFile {
  const parsed = AnswerFileSchema.safeParse(readJson(path));
  if (!parsed.success) {
    throw new DomainError(
      'VALIDATION_FAILED',
      {
        ja: `${path} は回答ファイル（${ANSWER_FILE_FORMAT}）ではありません`,
        en: `${path} is not an answer file (${ANSWER_FILE_FORMAT})`,
      },
      { field: 'file', value: path },
    );
  }
  return parsed.data;
}

/** The sealed uploads an answer file names (the hub's side), each checked against its SHA-256. */
export function sealedFilesOf(path: string, f: AnswerFile): Uint8Array[] {
  return (f.attachments ?? []).map((a, i) => {
    // a regular file, not through a link, within the limit: the medium is the provider's (./medium-file.ts)
    const read = readMediumFile(join(dirname(path), a.file), MAX_CARRIED_BYTES);
    if (!read) {
      throw new DomainError(
        'VALIDATION_FAILED',
        {
          ja: `回答ファイルが示す封緘済みファイル ${a.file} を読めません（ない、通常のファイルでない、または大きすぎます）`,
          en:
            `the sealed file ${a.file} the answer file names cannot be read ` +
            '(missing, not a regular file, or too large)',
        },
        { field: `attachments.${i}`, value: a.file },
      );
    }
    const bytes = new Uint8Array(read);
    if (createHash('sha256').update(bytes).digest('hex') !== a.sha256) {
      throw new DomainError(
        'VALIDATION_FAILED',
        {
          ja: `回答ファイルが示す封緘済みファイル ${a.file} が、書き出されたときのものと一致しません（SHA-256 が異なります）`,
          en: `the sealed file ${a.file} the answer file names is not the one written out (its SHA-256 differs)`,
        },
        { field: `attachments.${i}`, value: a.file },
      );
    }
    return bytes;
  });
}
