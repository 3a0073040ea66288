import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { Bilingual } from '../domain/vocabulary.ts';
import { carriedFileIdOf, isSealedFileName } from './carried-files.ts';
import { envelopesOf, type FileIntake, receiveEnvelopesOf } from './files.ts';
import type { AgentRuntime } from './runner.ts';

// What `shokai agent receive` is given in file mode: the files of a medium (`DIR/*`), or its folder,
// as `shokai request-file export` wrote them — each request's envelope and its files sealed for the
// installation's device beside it (REQUEST.FILE_ID.sealed). Envelopes are taken in (verified first);
// a sealed file is checked with the envelope beside it; any other file is named and left alone: it is
// no envelope, so it is no refused envelope in the installation's records either. A file that is not
// what it should be stops nothing: each envelope is taken in on its own. What an operating system leaves
// on a medium by itself (.DS_Store, Thumbs.db, .Trashes/ …) is passed over quietly and only counted.

/** Why a file given to `agent receive` was not taken in (nothing of it is recorded). */
export const NOT_TAKEN_IN = {
  not_envelope: {
    ja: 'エンベロープでも、shokai request-file export が書き出した添付ファイルでもありません。取り込みません',
    en: "neither a request's envelope nor a request file written by shokai request-file export: not taken in",
  },
  sealed_alone: {
    ja: '封緘された添付ファイルですが、その要請のエンベロープが同じフォルダから取り込まれていません。照合しません（エンベロープと同じフォルダに置いてください）',
    en: "a sealed request file, but its request's envelope was not taken in from the same folder: not checked (keep it beside its envelope)",
  },
  folder: {
    ja: '指定したフォルダの中のフォルダは読みません（ファイルか、それを収めたフォルダを指定してください）',
    en: 'a folder inside the folder given: not read (give the files, or the folder that holds them)',
  },
  unreadable: {
    ja: '読めません（ファイルがないか、読む権限がありません）',
    en: 'cannot be read (no such file, or not readable)',
  },
} satisfies Record<string, Bilingual>;
export type NotTakenIn = keyof typeof NOT_TAKEN_IN;

export interface MediumIntake {
  /** Each file of envelopes, as taken in. */
  envelopes: FileIntake[];
  /** The files given that were not taken in, in the order given, and why. */
  notTaken: Array<{ file: string; reason: NotTakenIn }>;
  /** How many files and folders an operating system left on the medium were passed over (not read). */
  passedOver: number;
}

/** Said once when files an operating system left on the medium were passed over (not an error). */
export const passedOverLine = (n: number): Bilingual => ({
  ja: `OS が媒体に残したファイル・フォルダ ${n} 件（.DS_Store、Thumbs.db など）は読み飛ばしました`,
  en: `passed over ${n} file(s) or folder(s) an operating system leaves on a medium (.DS_Store, Thumbs.db, …)`,
});

/**
 * Names an operating system gives what it leaves on a medium by itself: Finder's folder settings and
 * AppleDouble (`._NAME`) files, Spotlight's index, the trash and the event log of macOS; Windows'
 * thumbnail cache, folder settings, trash and volume information. Compared ignoring case (the media's
 * file systems do).
 */
const LEFT_BY_SYSTEM = new Set(
  [
    '.DS_Store',
    '.Spotlight-V100',
    '.Trashes',
    '.fseventsd',
    '.TemporaryItems',
    '.DocumentRevisions-V100',
    'Thumbs.db',
    'desktop.ini',
    'System Volume Information',
    '$RECYCLE.BIN',
  ].map((n) => n.toLowerCase()),
);
export const isLeftBySystem = (name: string): boolean =>
  name.startsWith('._') || LEFT_BY_SYSTEM.has(name.toLowerCase());

/** A file larger than this holds no envelopes (a medium may carry anything beside them). */
const MAX_ENVELOPE_FILE_BYTES = 64 * 1024 * 1024;

type Item = { file: string } & (
  | { kind: 'envelopes'; envelopes: unknown[] }
  | { kind: 'sealed' }
  | { kind: 'not'; reason: NotTakenIn }
);

const statOf = (path: string) => {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
};

/** An object with a payload: an envelope, signed truly or not (a forged one is refused, and recorded). */
const isEnvelopeShaped = (x: unknown): boolean => typeof x === 'object' && x !== null && 'payload' in x;

function itemOf(file: string): Item {
  const st = statOf(file);
  if (!st) return { file, kind: 'not', reason: 'unreadable' };
  if (st.isDirectory()) return { file, kind: 'not', reason: 'folder' };
  if (isSealedFileName(basename(file))) return { file, kind: 'sealed' };
  if (!st.isFile() || st.size > MAX_ENVELOPE_FILE_BYTES) return { file, kind: 'not', reason: 'not_envelope' };
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return { file, kind: 'not', reason: 'unreadable' };
  }
  try {
    // A list whose items are not all envelope-shaped (a list of ids, say) holds no envelopes: taking
    // its items in would record each as a refused envelope.
    const envelopes = envelopesOf(JSON.parse(text));
    if (envelopes?.every(isEnvelopeShaped)) return { file, kind: 'envelopes', envelopes };
  } catch {
    // Not JSON: no envelope.
  }
  return { file, kind: 'not', reason: 'not_envelope' };
}

/**
 * The files given, a folder standing for the files in it (not those in its folders); each once. What an
 * operating system left there is counted, not read.
 */
function itemsOf(paths: readonly string[]): { items: Item[]; passedOver: number } {
  const seen = new Set<string>();
  const items: Item[] = [];
  let passedOver = 0;
  const add = (file: string) => {
    if (seen.has(resolve(file))) return;
    seen.add(resolve(file));
    if (isLeftBySystem(basename(resolve(file)))) passedOver++;
    else items.push(itemOf(file));
  };
  for (const path of paths) {
    if (!statOf(path)?.isDirectory() || isLeftBySystem(basename(resolve(path)))) {
      add(path);
      continue;
    }
    let names: string[];
    try {
      names = readdirSync(path).sort();
    } catch {
      items.push({ file: path, kind: 'not', reason: 'unreadable' });
      continue;
    }
    for (const name of names) add(join(path, name));
  }
  return { items, passedOver };
}

/** Takes in what a medium carries: its envelopes, and the request files beside those taken in. */
export async function receiveMedium(rt: AgentRuntime, paths: readonly string[]): Promise<MediumIntake> {
  const { items, passedOver } = itemsOf(paths);
  const envelopes: FileIntake[] = [];
  const taken: Array<{ dir: string; requestId: string }> = [];
  for (const item of items) {
    if (item.kind !== 'envelopes') continue;
    const r = await receiveEnvelopesOf(rt, item.file, item.envelopes);
    envelopes.push(r);
    for (const requestId of [...r.stored, ...r.already]) taken.push({ dir: resolve(dirname(item.file)), requestId });
  }
  const notTaken: MediumIntake['notTaken'] = [];
  for (const item of items) {
    if (item.kind === 'not') notTaken.push({ file: item.file, reason: item.reason });
    if (item.kind !== 'sealed') continue;
    const dir = resolve(dirname(item.file));
    const name = basename(item.file);
    if (!taken.some((t) => t.dir === dir && carriedFileIdOf(name, t.requestId))) {
      notTaken.push({ file: item.file, reason: 'sealed_alone' });
    }
  }
  return { envelopes, notTaken, passedOver };
}
