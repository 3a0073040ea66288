// Saving a file someone else named (an attachment of a provider's answer): the name is theirs, the folder
// is ours. The file stays in the folder, is never hidden, never replaces a file already there, and a name
// the file system cannot take falls back to one of ours rather than stopping the save half-way.
import { writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';

/** The longest name kept, in UTF-8 bytes (file systems take 255; room is left for ` (2)`). */
const MAX_NAME_BYTES = 200;

/** The first `max` UTF-8 bytes of `text`, never cutting a character in two. */
function firstBytes(text: string, max: number): string {
  let out = '';
  for (const ch of text) {
    if (Buffer.byteLength(out + ch) > max) break;
    out += ch;
  }
  return out;
}

/**
 * The name a file offered as `offered` is saved under: its last part; control and format characters
 * (a right-to-left override that makes `fdp.exe` read as `exe.pdf`) replaced; not hidden; at most 200
 * bytes, keeping the extension.
 */
export function savedName(offered: string, fallback: string): string {
  const base = basename(offered.replaceAll('\\', '/')).replace(/[\p{Cc}\p{Cf}]/gu, '_');
  if (base === '' || /^\.+$/.test(base)) return fallback;
  const shown = base.startsWith('.') ? `_${base}` : base;
  if (Buffer.byteLength(shown) <= MAX_NAME_BYTES) return shown;
  const dot = shown.lastIndexOf('.');
  const ext = dot > 0 && Buffer.byteLength(shown.slice(dot)) <= 20 ? shown.slice(dot) : '';
  return firstBytes(shown.slice(0, ext ? dot : undefined), MAX_NAME_BYTES - Buffer.byteLength(ext)) + ext;
}

const code = (err: unknown): unknown => (err instanceof Error && 'code' in err ? err.code : undefined);

/** Writes under `name`, then `name (2).ext`, `name (3).ext`, … while a file of that name is there. */
function writeFirstFree(dir: string, name: string, bytes: Uint8Array): string {
  const dot = name.lastIndexOf('.');
  const [stem, ext] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
  for (let n = 1; ; n++) {
    const path = join(dir, n === 1 ? name : `${stem} (${n})${ext}`);
    try {
      writeFileSync(path, bytes, { mode: 0o600, flag: 'wx' });
      return path;
    } catch (err) {
      if (code(err) !== 'EEXIST' || n >= 1000) throw err;
    }
  }
}

/**
 * Writes `bytes` into `dir` under the offered name (mode 0600), numbered when the name is taken; when the
 * file system refuses the name itself (too long, not valid there), under `fallback`. The path written.
 */
export function writeNewFile(dir: string, offered: string, bytes: Uint8Array, fallback: string): string {
  // The fallback is built from an id in the same answer: it is a name from another party too.
  const ours = savedName(fallback, 'file');
  try {
    return writeFirstFree(dir, savedName(offered, ours), bytes);
  } catch (err) {
    if (!['ENAMETOOLONG', 'EINVAL', 'EILSEQ'].includes(String(code(err)))) throw err;
    return writeFirstFree(dir, ours, bytes);
  }
}
