import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import pg from 'pg';
import type { StoreLocation } from '../../src/store/location.ts';

/**
 * Storage tests run once per dialect. SQLite always; PostgreSQL when SHOKAI_TEST_POSTGRES_URL is
 * set (.ci/run sets it). When it is set and the server cannot be reached, the tests FAIL — they are
 * never skipped silently. SHOKAI_TEST_DIALECTS=sqlite or =postgres narrows the list.
 */
export type Dialect = 'sqlite' | 'postgres';

export function testDialects(): Dialect[] {
  const wanted = (process.env.SHOKAI_TEST_DIALECTS ?? 'sqlite,postgres').split(',').map((s) => s.trim());
  const out: Dialect[] = [];
  if (wanted.includes('sqlite')) out.push('sqlite');
  if (wanted.includes('postgres') && process.env.SHOKAI_TEST_POSTGRES_URL) out.push('postgres');
  return out;
}

/** A fresh, empty store location for one test: a temp SQLite file or a new PostgreSQL schema. */
export async function freshLocation(
  dialect: Dialect,
  dir: string,
): Promise<{ location: StoreLocation; url: string; drop: () => Promise<void> }> {
  if (dialect === 'sqlite') {
    const path = `${dir}/store-${randomBytes(6).toString('hex')}.sqlite`;
    return { location: { kind: 'sqlite', path }, url: path, drop: async () => undefined };
  }
  const base = process.env.SHOKAI_TEST_POSTGRES_URL;
  if (!base) throw new Error('SHOKAI_TEST_POSTGRES_URL is not set');
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const u = new URL(base);
  u.searchParams.set('schema', schema);
  return {
    location: { kind: 'postgres', url: base, schema },
    url: u.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      try {
        await c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      } finally {
        await c.end();
      }
    },
  };
}

/**
 * A test file's (or a `describe`'s) own temp directory named from `prefix`, and fresh store locations
 * in it, as many as its tests ask for (`fresh(dialect)`). It registers an `after` hook where it is
 * called: then each location is dropped and the directory removed.
 */
export function scratchLocations(prefix: string) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const drops: Array<() => Promise<void>> = [];
  after(async () => {
    for (const drop of drops) await drop();
    rmSync(dir, { recursive: true, force: true });
  });
  return {
    dir,
    async fresh(dialect: Dialect) {
      const loc = await freshLocation(dialect, dir);
      drops.push(loc.drop);
      return loc;
    },
  };
}

/** What `scratchLocations` gives. */
export type ScratchLocations = ReturnType<typeof scratchLocations>;

/**
 * A suite's own temp directory (named from `prefix`) and a fresh store location in it for its test
 * (`fresh()`), all dropped after the suite (see `scratchLocations`). Call it in a `describe`.
 * `freshForCli()` adds the environment the command line opens that store with, its master key kept in
 * the suite's directory.
 */
export function suiteLocation(dialect: Dialect, prefix: string) {
  const scratch = scratchLocations(prefix);
  const fresh = () => scratch.fresh(dialect);
  return {
    dir: scratch.dir,
    fresh,
    async freshForCli() {
      const loc = await fresh();
      return { ...loc, env: { DATABASE_URL: loc.url, SHOKAI_DATA_DIR: join(scratch.dir, 'data') } };
    },
  };
}

/** The other dialect under test than `d` (for a second installation on its own store), or `d` when alone. */
export function otherDialect(d: Dialect): Dialect {
  return testDialects().find((x) => x !== d) ?? d;
}
