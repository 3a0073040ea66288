import { createHash } from 'node:crypto';
import { readdirSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { repeatedKeyPath } from '../domain/json-keys.ts';
import type { Bilingual } from '../domain/vocabulary.ts';
import { findAgentRequest } from './agent.repository.ts';
import { END_NOT_TAKEN_IN, type EndIntake, isCarriedEnd, isCarriedEndFile, receiveCarriedEnd } from './carried-end.ts';
import { carriedFileOf, carriedRequestFiles, MAX_CARRIED_BYTES } from './carried-files.ts';
import { envelopesOf, type FileIntake, receiveEnvelopesOf } from './files.ts';
import { readMediumFile } from './medium-file.ts';
import { checkRequestFiles, type RequestFileState } from './request-files.ts';
import type { AgentRuntime } from './runner.ts';

// What `shokai agent receive` is given in file mode: a medium as `shokai request-file export` wrote it
// (its folder, or its files: `DIR/*`) — each request's envelope and its files sealed for the
// installation's device (REQUEST.FILE_ID.sealed). The folders given are read with the folders in them,
// since whoever copies a medium may sort its files into folders of their own; an envelope file given by
// itself brings the sealed files beside it. Envelopes are taken in
// (verified first); a sealed file is checked with the envelope its name claims, wherever on the medium
// either lies, or, for a request the installation took in from an earlier medium, with the verified
// envelope it stored then — unless two different files claim the same request file, when neither is; a
// sealed file of a request it does not hold is named, not opened; any other file
// is named and left alone: it is no envelope, so it is no refused envelope in the installation's records
// either. A file that is not what it should be stops nothing: each envelope is taken in on its own. What
// an operating system leaves on a medium by itself (.DS_Store, Thumbs.db, .Trashes/ …) is passed over
// quietly and only counted. A request's end at the hub (REQUEST.ended.json) is recorded for a request
// held here as the pull records it (carried-end.ts), after the envelopes on the medium are taken in.

/** How deep in the folders given a medium is read (a folder deeper is named, not read). */
export const MAX_FOLDER_DEPTH = 8;

/** Why a file given to `agent receive` was not taken in (nothing of it is recorded). */
export const NOT_TAKEN_IN = {
  not_envelope: {
    ja: 'エンベロープでも、shokai request-file export が書き出した添付ファイルでもありません。取り込みません',
    en: "neither a request's envelope nor a request file written by shokai request-file export: not taken in",
  },
  repeated_key: {
    ja: 'JSON の同じまとまりの中に同じ項目が2回あります（読み手によってどちらの値とも取れます）。取り込みません',
    en: 'the same key twice in one object of the JSON (readers could take either value): not taken in',
  },
  sealed_alone: {
    ja: '封緘された添付ファイルですが、この設置はその要請を受領しておらず、エンベロープもこの媒体から取り込まれていません。照合しません（エンベロープと一緒に持ち込んでください）',
    en:
      'a sealed request file of a request this installation does not hold, ' +
      'and its envelope was not taken in from this medium: not checked (carry it with its envelope)',
  },
  sealed_ambiguous: {
    ja: '同じ要請の同じ添付ファイルを名乗る、中身の異なるファイルがこの媒体に複数あります。どれも照合しません（shokai request-file export が書き出した一つだけを残してください）',
    en:
      'another file on this medium claims to be the same request file, with different content: ' +
      'none of them is checked (keep only the one shokai request-file export wrote)',
  },
  folder: {
    ja: `指定したフォルダから ${MAX_FOLDER_DEPTH} 階層より深いフォルダは読みません（そのフォルダを指定してください）`,
    en: `a folder more than ${MAX_FOLDER_DEPTH} levels inside the folder given: not read (give that folder)`,
  },
  unreadable: {
    ja: '読めません（ファイルがないか、読む権限がありません）',
    en: 'cannot be read (no such file, or not readable)',
  },
  ...END_NOT_TAKEN_IN,
} satisfies Record<string, Bilingual>;
export type NotTakenIn = keyof typeof NOT_TAKEN_IN;

/** The files a medium carries for a request taken in from an earlier medium (its envelope not on this one). */
export interface HeldIntake {
  requestId: string;
  /** How many of its files were carried (left unchecked without a device of the installation's own). */
  carried: number;
  /** The verdicts, as on the files carried with an envelope. */
  requestFiles: Array<{ fileId: string; state: RequestFileState }>;
}

/** Said of a request whose files came without its envelope, the installation holding it already. */
export const HELD_REQUEST: Bilingual = {
  ja: '以前の媒体で受領した要請です。保存済みの検証済みエンベロープで添付ファイルを照合します',
  en: 'a request taken in from an earlier medium: its files are checked against its stored, verified envelope',
};

export interface MediumIntake {
  /** Each file of envelopes, as taken in. */
  envelopes: FileIntake[];
  /** Each request held from an earlier medium whose files this one carries, in the order met. */
  held: HeldIntake[];
  /** Each request's end at the hub carried (REQUEST.ended.json) and taken in, in the order given. */
  ended: EndIntake[];
  /** The files given that were not taken in, in the order given, and why (the field, or the request, named). */
  notTaken: Array<{ file: string; reason: NotTakenIn; field?: string; requestId?: string }>;
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
  /** `beside`: not given, but lying beside an envelope file given by itself (named nowhere if unclaimed). */
  | { kind: 'sealed'; claim: ReturnType<typeof carriedFileOf>; beside?: true }
  | { kind: 'ended'; content: unknown }
  | { kind: 'not'; reason: NotTakenIn; field?: string }
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
  if (basename(file).endsWith('.sealed')) return { file, kind: 'sealed', claim: carriedFileOf(basename(file)) };
  if (!st.isFile() || st.size > MAX_ENVELOPE_FILE_BYTES) return { file, kind: 'not', reason: 'not_envelope' };
  // read as a regular file, not through a link, within the limit (./medium-file.ts)
  const bytes = readMediumFile(file, MAX_ENVELOPE_FILE_BYTES);
  if (!bytes) return { file, kind: 'not', reason: 'unreadable' };
  const text = bytes.toString('utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Not JSON: no envelope (nor a request's end, though it is named as one).
    return { file, kind: 'not', reason: isCarriedEndFile(file) ? 'ended_malformed' : 'not_envelope' };
  }
  // A key twice: the signature covers what JSON.parse kept; a person reading the file may see the other.
  const twice = repeatedKeyPath(text);
  if (twice) return { file, kind: 'not', reason: 'repeated_key', field: twice.join('.') };
  if (isCarriedEnd(file, parsed)) return { file, kind: 'ended', content: parsed };
  // A list whose items are not all envelope-shaped (a list of ids, say) holds no envelopes: taking
  // its items in would record each as a refused envelope.
  const envelopes = envelopesOf(parsed);
  if (envelopes?.every(isEnvelopeShaped)) return { file, kind: 'envelopes', envelopes };
  return { file, kind: 'not', reason: 'not_envelope' };
}

/**
 * The files given, a folder standing for the files in it and in its folders (to MAX_FOLDER_DEPTH); each
 * once, a folder reached twice (through a link) read once. What an operating system left there is
 * counted, not read.
 */
function itemsOf(paths: readonly string[]): { items: Item[]; passedOver: number } {
  const seen = new Set<string>();
  const folders = new Set<string>();
  const items: Item[] = [];
  let passedOver = 0;
  const visit = (path: string, depth: number): void => {
    const full = resolve(path);
    if (seen.has(full)) return;
    seen.add(full);
    if (isLeftBySystem(basename(full))) {
      passedOver++;
      return;
    }
    if (!statOf(path)?.isDirectory()) {
      items.push(itemOf(path));
      return;
    }
    if (depth > MAX_FOLDER_DEPTH) {
      items.push({ file: path, kind: 'not', reason: 'folder' });
      return;
    }
    let names: string[];
    let real: string;
    try {
      real = realpathSync(path);
      names = readdirSync(path).sort();
    } catch {
      items.push({ file: path, kind: 'not', reason: 'unreadable' });
      return;
    }
    if (folders.has(real)) return;
    folders.add(real);
    for (const name of names) visit(join(path, name), depth + 1);
  };
  for (const path of paths) visit(path, 0);
  // An envelope file given by itself brings the sealed files beside it, as export wrote them.
  for (const dir of new Set(items.filter((i) => i.kind === 'envelopes').map((i) => dirname(resolve(i.file))))) {
    if (folders.has(dir)) continue;
    let names: string[] = [];
    try {
      names = readdirSync(dir).sort();
    } catch {
      // Its folder cannot be listed: only the files given are on the medium.
    }
    for (const name of names) {
      const file = join(dir, name);
      if (seen.has(file) || isLeftBySystem(name) || !name.endsWith('.sealed')) continue;
      seen.add(file);
      items.push({ file, kind: 'sealed', claim: carriedFileOf(name), beside: true });
    }
  }
  return { items, passedOver };
}

const digestOf = (file: string): string | undefined => {
  const bytes = readMediumFile(file, MAX_CARRIED_BYTES);
  return bytes && createHash('sha256').update(bytes).digest('hex');
};

/**
 * The sealed files on the medium claiming one request file: all of them, and those given (not brought by
 * lying beside an envelope file given by itself); for each set, the one that is the request file if not
 * ambiguous (`sole`, `givenSole`).
 */
type Claim = { files: string[]; given: string[]; sole?: string; givenSole?: string };
/** What a medium holds as `receive` reads it, before anything is checked or stored: its items and sealed claims. */
export function readMedium(paths: readonly string[]): { items: number; passedOver: number; claims: number } {
  const { items, passedOver } = itemsOf(paths);
  return { items: items.length, passedOver, claims: sealedClaims(items).size };
}

type Claims = Map<string, Map<string, Claim>>;

/**
 * Which sealed file on the medium is each request file, by the request and file its name claims: the
 * one that claims it, or one of several with the same bytes (copies of one file); none when files that
 * differ claim it (ambiguous: which is the export's is not for the installation to guess). Worked out
 * once for the files given and for all of them, each file's bytes hashed at most once.
 */
function sealedClaims(items: readonly Item[]): Claims {
  const claims: Claims = new Map();
  for (const item of items) {
    if (item.kind !== 'sealed' || !item.claim) continue;
    const { requestId, fileId } = item.claim;
    const of = claims.get(requestId) ?? new Map<string, Claim>();
    claims.set(requestId, of);
    const c = of.get(fileId) ?? { files: [], given: [] };
    of.set(fileId, c);
    c.files.push(item.file);
    if (!item.beside) c.given.push(item.file);
  }
  const digests = new Map<string, string | undefined>();
  const digest = (file: string): string | undefined => {
    if (!digests.has(file)) digests.set(file, digestOf(file));
    return digests.get(file);
  };
  const soleAmong = (files: readonly string[]): string | undefined => {
    const seen = new Set(files.length === 1 ? ['one'] : files.map(digest));
    return seen.size === 1 && !seen.has(undefined) ? files[0] : undefined;
  };
  for (const of of claims.values()) {
    for (const c of of.values()) {
      c.sole = soleAmong(c.files);
      c.givenSole = soleAmong(c.given);
    }
  }
  return claims;
}

/** The sealed file that is the request file, if not ambiguous; `given`: among the files given only. */
const soleOf = (c: Claim | undefined, given: boolean): string | undefined => (given ? c?.givenSole : c?.sole);
const soleClaimant = (claims: Claims, claim: { requestId: string; fileId: string }, given: boolean) =>
  soleOf(claims.get(claim.requestId)?.get(claim.fileId), given);

/**
 * Where each sealed file claiming one of `requestId`'s files lies, for the one claim not ambiguous;
 * `given`: among the files given only.
 */
const pathsOf = (claims: Claims, requestId: string, given = false): Map<string, string> => {
  const paths = new Map<string, string>();
  for (const [fileId, c] of claims.get(requestId) ?? []) {
    const sole = soleOf(c, given);
    if (sole) paths.set(fileId, sole);
  }
  return paths;
};

/**
 * The requests the installation holds (their envelopes verified and stored from an earlier medium) that
 * sealed files given claim, their envelopes not taken in from this medium: each file is checked against
 * the stored envelope exactly as beside it (opened, verified or a mismatch, audited; one it does not name
 * unsigned).
 */
async function checkHeld(rt: AgentRuntime, claims: Claims, taken: ReadonlySet<string>): Promise<HeldIntake[]> {
  const held: HeldIntake[] = [];
  for (const [requestId, of] of claims) {
    if (![...of.values()].some((c) => c.given.length > 0)) continue;
    if (taken.has(requestId) || !(await findAgentRequest(rt.ctx.store.db, requestId))) continue;
    const carried = carriedRequestFiles(requestId, pathsOf(claims, requestId, true));
    const checked = await checkRequestFiles(rt.ctx, rt.device, requestId, carried);
    held.push({
      requestId,
      carried: carried.count,
      requestFiles: checked.map((f) => ({ fileId: f.id, state: f.state })),
    });
  }
  return held;
}

/** Takes in what a medium carries: its envelopes, and the request files claiming those taken in or held. */
export async function receiveMedium(rt: AgentRuntime, paths: readonly string[]): Promise<MediumIntake> {
  const { items, passedOver } = itemsOf(paths);
  const claims = sealedClaims(items);
  const envelopes: FileIntake[] = [];
  const taken = new Set<string>();
  for (const item of items) {
    if (item.kind !== 'envelopes') continue;
    const r = await receiveEnvelopesOf(rt, item.file, item.envelopes, (id) => pathsOf(claims, id));
    envelopes.push(r);
    for (const requestId of [...r.stored, ...r.already]) taken.add(requestId);
  }
  const held = await checkHeld(rt, claims, taken);
  const heldIds = new Set(held.map((h) => h.requestId));
  const notTaken: MediumIntake['notTaken'] = [];
  const ended: EndIntake[] = [];
  for (const item of items) {
    if (item.kind === 'not') {
      notTaken.push({ file: item.file, reason: item.reason, ...(item.field ? { field: item.field } : {}) });
    }
    if (item.kind === 'ended') {
      const r = await receiveCarriedEnd(rt.ctx, item.file, item.content);
      if ('reason' in r) notTaken.push({ file: item.file, ...r });
      else ended.push(r);
    }
    if (item.kind !== 'sealed') continue;
    const requestId = item.claim?.requestId ?? '';
    if (item.beside && !taken.has(requestId)) continue;
    if (!item.claim || !(taken.has(requestId) || heldIds.has(requestId))) {
      notTaken.push({ file: item.file, reason: 'sealed_alone' });
    } else if (!soleClaimant(claims, item.claim, !taken.has(requestId))) {
      notTaken.push({ file: item.file, reason: 'sealed_ambiguous' });
    }
  }
  return { envelopes, held, ended, notTaken, passedOver };
}
