import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import type { z } from 'zod';
import { requirePrivateFile } from '../agent/config.ts';
import { b64uToBytes } from '../crypto/device-seal.ts';
import { DomainError } from '../domain/errors.ts';
import { notJson, parseJsonOnce } from '../domain/json-keys.ts';
import { shownInput } from '../domain/shown-text.ts';
import { parseOrThrow } from '../domain/validation.ts';
import type { Bilingual } from '../domain/vocabulary.ts';

/** What a file is, in a refusal that names it. */
const A_FILE = { ja: 'ファイル', en: 'file' };

/**
 * A file the person named that the file system refused to read, as what it is (`what`: a key file, …);
 * the CLI says why in words (no such file, a directory, no permission), never Node's English.
 */
export class FileRefused extends Error {
  readonly path: string;
  readonly reason: string | undefined;
  readonly what: Bilingual;

  constructor(path: string, cause: unknown, what: Bilingual = A_FILE) {
    super(`cannot read the ${what.en} ${path}`, { cause });
    this.name = 'FileRefused';
    this.path = path;
    const code = cause instanceof Error && 'code' in cause ? cause.code : undefined;
    this.reason = typeof code === 'string' ? code : undefined;
    this.what = what;
  }
}

/** What the file system's refusals say, in words; the error's own text is Node's, in English. */
const FILE_SYSTEM_WORDS: Readonly<Record<string, Bilingual>> = {
  ENOENT: { ja: '{what} {path} がありません', en: 'there is no {what} {path}' },
  EISDIR: { ja: '{path} はディレクトリです。{what}を指定してください', en: '{path} is a directory: name a {what}' },
  ENOTDIR: { ja: '{path} の途中にディレクトリでないものがあります', en: 'a part of {path} is not a directory' },
  EACCES: {
    ja: '{what} {path} を読み書きする権限がありません',
    en: 'no permission to read or write the {what} {path}',
  },
  EPERM: { ja: '{what} {path} を読み書きする権限がありません', en: 'no permission to read or write the {what} {path}' },
  ELOOP: { ja: '{path} のシンボリックリンクが循環しています', en: 'the symbolic links of {path} go round in a loop' },
  ENAMETOOLONG: { ja: '{path} は長すぎるパスです', en: '{path} is too long a path' },
  EMFILE: { ja: '開いているファイルが多すぎて {path} を開けません', en: 'too many open files to open {path}' },
};

/** The words of a file the file system refused, for a reason it gives no words for. */
const FILE_UNREADABLE_WORDS = { ja: '{what} {path} を読めません', en: 'cannot read the {what} {path}' };

/** What the CLI says of a file it could not read: a stable code for programs, the words, the path and why. */
export interface FileRefusal {
  code: 'FILE_UNREADABLE';
  message: Bilingual;
  details: { path: string; reason?: string };
}

/** A refusal of the file system naming its path (a file not there, a directory, no permission), or null. */
export function fileSystemParts(err: unknown): FileRefusal | null {
  let refused: { path: string; reason: string | undefined; what: Bilingual };
  if (err instanceof FileRefused) refused = err;
  else if (err instanceof Error && 'code' in err && typeof err.code === 'string' && FILE_SYSTEM_WORDS[err.code]) {
    if (!('path' in err) || typeof err.path !== 'string') return null;
    refused = { path: err.path, reason: err.code, what: A_FILE };
  } else return null;
  const words = (refused.reason && FILE_SYSTEM_WORDS[refused.reason]) || FILE_UNREADABLE_WORDS;
  const shown = shownInput(refused.path);
  const fill = (text: string, locale: 'ja' | 'en') =>
    text.replace('{path}', shown).replace('{what}', refused.what[locale]);
  return {
    code: 'FILE_UNREADABLE',
    message: { ja: fill(words.ja, 'ja'), en: fill(words.en, 'en') },
    details: { path: refused.path, ...(refused.reason ? { reason: refused.reason } : {}) },
  };
}

/**
 * A file the person named (as what it is: `what`), its bytes or, with `utf8`, its text; one that cannot be
 * read is refused as FileRefused.
 */
export function readNamedFile(path: string): Buffer;
export function readNamedFile(path: string, encoding: 'utf8', what?: Bilingual): string;
export function readNamedFile(path: string, encoding?: 'utf8', what: Bilingual = A_FILE): Buffer | string {
  try {
    return encoding ? readFileSync(path, encoding) : readFileSync(path);
  } catch (err) {
    throw new FileRefused(path, err, what);
  }
}

/** What a file the person named is, in a refusal that names it. */
const FILE_KINDS = {
  json: A_FILE,
  keyFile: { ja: '鍵ファイル', en: 'key file' },
} as const;

/**
 * The JSON in a file the person named; one that cannot be read or is not JSON is refused naming the
 * file (`keyFile` names it as a key file) and saying why in words, never in Node's English.
 */
export function readJsonFile(path: string, kind: 'json' | 'keyFile' = 'json'): unknown {
  const text = readNamedFile(path, 'utf8', FILE_KINDS[kind]);
  const shown = shownInput(path);
  const subject = { ja: `${FILE_KINDS[kind].ja} ${shown}`, en: `the ${FILE_KINDS[kind].en} ${shown}` };
  const details = { field: kind === 'keyFile' ? 'keyFile' : 'file', value: path };
  try {
    // A key twice in one object is refused: JSON.parse keeps the last value, a person reading the file may
    // see the first (src/domain/json-keys.ts).
    return parseJsonOnce(text);
  } catch (err) {
    if (err instanceof DomainError) {
      const { ja, en } = err.messages;
      throw new DomainError(
        err.code,
        { ja: `${subject.ja}: ${ja}`, en: `${subject.en}: ${en}` },
        { ...details, ...(err.details?.field ? { at: err.details.field } : {}) },
        { cause: err },
      );
    }
    throw new DomainError('VALIDATION_FAILED', notJson(subject, text, err), details, { cause: err });
  }
}

/**
 * A key file read and checked against its schema: one that cannot be read, or does not fit, is refused as keyFile;
 * so is one group or others may read or write (a private key: the installation key signs in the provider's name, a
 * machine key calls the hub as its system), as the agent refuses its own (src/agent/config.ts).
 */
export function readKeyFileAs<S extends z.ZodType>(schema: S, path: string): z.output<S> {
  const file = parseOrThrow(schema, readJsonFile(path, 'keyFile'), 'keyFile');
  requirePrivateFile(path, 'keyFile');
  return file;
}

/**
 * Writes a key file (indented JSON) readable by its owner only (mode 0600). A new one never replaces
 * a file already there; `update` rewrites the person's own key file (a key id the hub returned).
 */
export function writeKeyFile(path: string, value: unknown, mode: 'new' | 'update' = 'new'): void {
  writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600, flag: mode === 'new' ? 'wx' : 'w' });
  chmodSync(path, 0o600);
}

/** The private key of a key file, from its base64url; refused naming the file when it is not base64url. */
export function privateKeyBytes(path: string, privateKey: string): Uint8Array {
  const bytes = b64uToBytes(privateKey);
  if (bytes) return bytes;
  const shown = shownInput(path);
  throw new DomainError(
    'VALIDATION_FAILED',
    {
      ja: `鍵ファイル ${shown} の秘密鍵が base64url で書かれていません`,
      en: `the private key in the key file ${shown} is not base64url`,
    },
    { field: 'keyFile', value: path },
  );
}
