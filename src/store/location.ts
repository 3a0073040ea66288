import { existsSync, realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { DomainError } from '../domain/errors.ts';
import { shownInput } from '../domain/shown-text.ts';

export type StoreDialect = 'sqlite' | 'postgres';

/** Where a store lives: an embedded SQLite file or a PostgreSQL server. */
export type StoreLocation = { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string; schema?: string };

/**
 * Parse a STORE / DATABASE_URL value: a `postgres://` or `postgresql://` URL selects PostgreSQL,
 * anything else is a SQLite file path (`:memory:` for a throw-away store).
 * A `?schema=NAME` parameter on a PostgreSQL URL selects a schema (used to isolate tests).
 */
export function parseStoreLocation(value: string): StoreLocation {
  const v = value.trim();
  if (v === '') {
    throw refused({
      ja: 'ストアの場所が空です。SQLite のファイルパスか postgres:// URL を指定してください',
      en: 'the store location is empty: give a SQLite file path or a postgres:// URL',
    });
  }
  if (/^postgres(ql)?:\/\//i.test(v)) {
    // The URL is never repeated: it may carry a password.
    const u = URL.parse(v);
    if (u === null) {
      throw refused({
        ja: 'ストアの場所の postgres:// URL を URL として読めません',
        en: 'the postgres:// URL of the store location is not a URL',
      });
    }
    const schema = u.searchParams.get('schema') ?? undefined;
    u.searchParams.delete('schema');
    if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
      const shown = shownInput(schema);
      throw refused({
        ja: `ストアの場所: スキーマ名「${shown}」は使えません（英小文字・数字・_ で 63 文字まで、数字で始めない名前）`,
        en: `store location: the schema name "${shown}" is not a plain lower-case identifier`,
      });
    }
    return schema === undefined
      ? { kind: 'postgres', url: u.toString() }
      : { kind: 'postgres', url: u.toString(), schema };
  }
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(v)?.[1];
  if (scheme !== undefined) {
    // Only the scheme is repeated: the rest may carry a password.
    throw refused({
      ja: `ストアの場所の「${scheme}://」は使えません。postgres:// URL か SQLite のファイルパスを指定してください`,
      en: `store location "${scheme}://…": only postgres:// URLs or SQLite file paths are supported`,
    });
  }
  return { kind: 'sqlite', path: v === ':memory:' ? v : resolve(v) };
}

/** A store location that cannot be used, in both languages. */
function refused(message: { ja: string; en: string }): DomainError {
  return new DomainError('VALIDATION_FAILED', message);
}

/** A location printable in logs: the password of a PostgreSQL URL is never shown. */
export function describeStoreLocation(loc: StoreLocation): string {
  if (loc.kind === 'sqlite') return `sqlite:${loc.path}`;
  const u = new URL(loc.url);
  if (u.password) u.password = '***';
  // The driver also takes a password as a parameter (`?password=…`, `sslpassword` for the client key).
  for (const name of ['password', 'sslpassword']) if (u.searchParams.has(name)) u.searchParams.set(name, '***');
  return `${u.toString()}${loc.schema ? ` (schema ${loc.schema})` : ''}`;
}

/**
 * Which store this is, for the audit key's pin file: a SQLite file by its absolute path, a PostgreSQL
 * database by host, port, database and schema (never the user or a password); none for `:memory:`.
 */
export function storeIdentity(loc: StoreLocation): string | undefined {
  if (loc.kind === 'sqlite') {
    if (loc.path === ':memory:') return undefined;
    const path = resolve(loc.path);
    // The file as it really is (a link to it names the same store); a file not made yet, by its path.
    return `sqlite:${existsSync(path) ? realpathSync(path) : path}`;
  }
  const u = new URL(loc.url);
  const db = u.pathname.replace(/^\//, '') || 'postgres';
  // A socket directory or a host given as a parameter (`?host=/run/postgresql`) names the server too.
  const host = u.searchParams.get('host') ?? (u.hostname || process.env.PGHOST || 'localhost');
  const port = u.searchParams.get('port') ?? (u.port || process.env.PGPORT || '5432');
  return `postgres://${host}:${port}/${db}${loc.schema ? `?schema=${loc.schema}` : ''}`;
}
