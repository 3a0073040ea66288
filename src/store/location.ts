import { resolve } from 'node:path';

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
  if (v === '') throw new Error('store location is empty: give a SQLite file path or a postgres:// URL');
  if (/^postgres(ql)?:\/\//i.test(v)) {
    const u = new URL(v);
    const schema = u.searchParams.get('schema') ?? undefined;
    u.searchParams.delete('schema');
    if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
      throw new Error(`store location: schema name "${schema}" is not a plain lower-case identifier`);
    }
    return schema === undefined
      ? { kind: 'postgres', url: u.toString() }
      : { kind: 'postgres', url: u.toString(), schema };
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(v)) {
    throw new Error(`store location "${v}": only postgres:// URLs or SQLite file paths are supported`);
  }
  return { kind: 'sqlite', path: v === ':memory:' ? v : resolve(v) };
}

/** A location printable in logs: the password of a PostgreSQL URL is never shown. */
export function describeStoreLocation(loc: StoreLocation): string {
  if (loc.kind === 'sqlite') return `sqlite:${loc.path}`;
  const u = new URL(loc.url);
  if (u.password) u.password = '***';
  return `${u.toString()}${loc.schema ? ` (schema ${loc.schema})` : ''}`;
}
