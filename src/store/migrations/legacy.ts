import { type Kysely, sql } from 'kysely';
import { DomainError } from '../../domain/errors.ts';
import type { StoreDialect } from '../location.ts';

/**
 * Before these tables entered the migration list, the attribution engine and the registry created
 * them themselves and kept a version number in a table of their own (`attr_schema_version`,
 * `registry_schema_version`). A store made that way is adopted: its tables and rows stay, any table
 * a later version of that code would have added is created, and the version table is dropped.
 */

/** Whether a table exists in the store's own schema (PostgreSQL: the search path, as every query sees it). */
export async function tableExists<DB>(db: Kysely<DB>, dialect: StoreDialect, name: string): Promise<boolean> {
  if (dialect === 'postgres') {
    const r = await sql<{ found: boolean }>`SELECT to_regclass(${name}) IS NOT NULL AS found`.execute(db);
    return r.rows[0]?.found === true;
  }
  const r = await sql<{
    n: number;
  }>`SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = ${name}`.execute(db);
  return Number(r.rows[0]?.n ?? 0) > 0;
}

/**
 * The version recorded by the old code in `table` (a one-row table with a `version` column), or null
 * when there is no such table. Fails when the old code was newer than what this migration adopts.
 */
export async function legacyVersion<DB>(
  db: Kysely<DB>,
  dialect: StoreDialect,
  table: string,
  newestKnown: number,
): Promise<number | null> {
  if (!(await tableExists(db, dialect, table))) return null;
  const r = await sql<{ version: number }>`SELECT version FROM ${sql.table(table)}`.execute(db);
  const version = r.rows.reduce((max, row) => Math.max(max, Number(row.version)), 0);
  if (version > newestKnown) {
    throw new DomainError(
      'CONFLICT',
      {
        ja:
          `ストアの表 ${table} の版は ${version} で、この shokai が知る版（${newestKnown}）より新しいものです。` +
          'それを書いた新しい shokai を使ってください',
        en:
          `${table} says version ${version}, newer than this shokai knows (${newestKnown}): ` +
          'use the newer shokai that wrote it',
      },
      { table, version, newestKnown },
    );
  }
  return version;
}
