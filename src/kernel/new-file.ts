import { closeSync, fchmodSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { DomainError } from '../domain/errors.ts';

// A new private file (mode 0600) a command writes — a key made here, a file opened here — created before
// the work that fills it: a path already there is never overwritten, and one that cannot be created is
// refused before anything is registered or read.

function createFile(path: string, field: string): number {
  try {
    return openSync(path, 'wx', 0o600);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') {
      throw new DomainError(
        'CONFLICT',
        { ja: `${path} は既にあります`, en: `${path} already exists` },
        { field, value: path },
      );
    }
    throw new DomainError(
      'VALIDATION_FAILED',
      {
        ja: `${path} を作れません（フォルダがないか、書き込めません）`,
        en: `cannot create ${path} (no such folder, or not writable)`,
      },
      { field, value: path, cause: code ?? (err as Error).message },
    );
  }
}

/**
 * Creates `path` (mode 0600; refused as `field` when it exists or cannot be created), then runs `produce`
 * and writes what `contentOf` makes of its result; when either fails the file is removed.
 */
export async function writeNewPrivateFile<T>(
  path: string,
  field: string,
  produce: () => Promise<T>,
  contentOf: (result: T) => string | Uint8Array,
): Promise<T> {
  const fd = createFile(path, field);
  let written = false;
  try {
    const result = await produce();
    writeFileSync(fd, contentOf(result));
    fchmodSync(fd, 0o600);
    written = true;
    return result;
  } finally {
    closeSync(fd);
    if (!written) rmSync(path, { force: true });
  }
}
