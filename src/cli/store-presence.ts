// Which store a command may make. Only the commands whose work is to create or prepare a store make one
// (`db migrate`, `demo`, and `serve`, which starts over bootstrap itself): any other command that names a
// SQLite file that is not there — a typo in --store, another SHOKAI_DATA_DIR — is refused, naming the path
// and how a store is made, before anything is written (no folder, no master key, no audit key pin, no
// empty store answering "nothing matches" as if it were the hub's). A PostgreSQL URL is left as it is:
// the server refuses a database it does not have.
import { existsSync } from 'node:fs';
import { DomainError } from '../domain/errors.ts';
import { shownInput } from '../domain/shown-text.ts';
import { parseStoreLocation } from '../store/location.ts';

/** Whether a command may create the store it opens: only the commands that create or prepare one. */
export interface StoreUse {
  create?: boolean;
}

/** Where the location came from, for the refusal: --store, DATABASE_URL or the data directory. */
function sourceOf(given: boolean): { ja: string; en: string } {
  if (given) return { ja: '--store', en: '--store' };
  if (process.env.DATABASE_URL) return { ja: '環境変数 DATABASE_URL', en: 'the environment variable DATABASE_URL' };
  return process.env.SHOKAI_DATA_DIR
    ? { ja: 'SHOKAI_DATA_DIR の既定のストア', en: 'the default store in SHOKAI_DATA_DIR' }
    : { ja: '既定のストア', en: 'the default store' };
}

/** A path as a shell takes it: as it is when plain, else in single quotes. */
function shellWord(path: string): string {
  return /^[\w@%+=:,./-]+$/.test(path) ? path : `'${path.replaceAll("'", `'\\''`)}'`;
}

/** The refusal of a store that is not there, or not a shokai store: the path, where it came from, how to make one. */
export function storeMissing(path: string, given: boolean, why: 'missing' | 'empty'): DomainError {
  const shown = shownInput(path);
  const command = `shokai db migrate --store ${shellWord(shown)}`;
  const from = sourceOf(given);
  const ja =
    why === 'missing'
      ? `ストア ${shown} がありません（${from.ja}）。パスを確かめてください。新しいストアは ${command} で作ります`
      : `${shown} は shokai のストアではありません（表がありません。${from.ja}）。ストアにするには ${command} を実行します`;
  const en =
    why === 'missing'
      ? `there is no store at ${shown} (${from.en}): check the path, or create a new store with ${command}`
      : `${shown} is not a shokai store (it holds none of its tables; ${from.en}): prepare it with ${command}`;
  return new DomainError('NOT_FOUND', { ja, en }, { store: path, reason: why });
}

/**
 * The SQLite file a command that does not create stores names, refused when it is not there. Returns the
 * file's path (null for PostgreSQL and `:memory:`), for the check that it holds a store once opened.
 */
export function refuseMissingStore(location: string, given: boolean): string | null {
  const loc = parseStoreLocation(location);
  if (loc.kind !== 'sqlite' || loc.path === ':memory:') return null;
  if (!existsSync(loc.path)) throw storeMissing(loc.path, given, 'missing');
  return loc.path;
}
