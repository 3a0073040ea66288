// Saving a file someone else named (an attachment of a provider's answer): the name is theirs, the folder
// is ours. The file stays in the folder, is never hidden, and never replaces a file already there.
import { writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';

/** The name a file offered as `offered` is saved under: its last part, without control characters or a leading dot. */
export function savedName(offered: string, fallback: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is replaced
  const base = basename(offered.replaceAll('\\', '/')).replace(/[\u0000-\u001f\u007f]/g, '_');
  if (base === '' || /^\.+$/.test(base)) return fallback;
  return base.startsWith('.') ? `_${base}` : base;
}

const exists = (err: unknown): boolean => err instanceof Error && 'code' in err && err.code === 'EEXIST';

/**
 * Writes `bytes` into `dir` under the offered name (mode 0600); when a file of that name is there already
 * — two attachments of one name, or an earlier save — under `name (2).ext`, `name (3).ext`, …. The path.
 */
export function writeNewFile(dir: string, offered: string, bytes: Uint8Array, fallback: string): string {
  const name = savedName(offered, fallback);
  const dot = name.lastIndexOf('.');
  const [stem, ext] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
  for (let n = 1; ; n++) {
    const path = join(dir, n === 1 ? name : `${stem} (${n})${ext}`);
    try {
      writeFileSync(path, bytes, { mode: 0o600, flag: 'wx' });
      return path;
    } catch (err) {
      if (!exists(err) || n >= 1000) throw err;
    }
  }
}
