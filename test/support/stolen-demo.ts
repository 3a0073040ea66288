// What a hub's operator holds after a full demo run from the command line: a copy of the database file
// with its WAL, the master key and the logs — and not the demo's own file of its people's devices and
// passkeys, which stays in the demo's folder.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import Database from 'better-sqlite3';
import { kekFromSecret } from '../../src/crypto/key-wrap.ts';
import { SHOKAI_BIN } from './cli.ts';

export interface StolenDemo {
  /** What the demo wrote to stdout and stderr at debug level. */
  readonly logs: string;
  /** The demo's own file of its people's devices and passkeys, and the store it was written for. */
  demoFile(): [file: string, store: string];
  /** The master key the operator took. */
  kek(): ReturnType<typeof kekFromSecret>;
  /** The taken database file and its WAL, as bytes. */
  storeBytes(): Buffer;
  /** The rows of `query` over the taken database file. */
  read<T>(query: string): T[];
}

/**
 * Registers the file's `before` (run the demo, take the store and the master key) and `after` (remove
 * both folders) hooks; what was taken is there once the hooks have run.
 */
export function stolenDemoHooks(): StolenDemo {
  let dir = '';
  let stolen = '';
  let logs = '';
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'shokai-demo-'));
    const r = spawnSync(process.execPath, [SHOKAI_BIN, 'demo', '--json'], {
      env: { ...process.env, SHOKAI_LANG: 'en', SHOKAI_DATA_DIR: dir, SHOKAI_LOG_LEVEL: 'debug' },
      encoding: 'utf8',
    });
    assert.equal(r.status, 0, r.stderr);
    logs = r.stdout + r.stderr;
    stolen = mkdtempSync(join(tmpdir(), 'shokai-stolen-'));
    for (const f of readdirSync(dir).filter((f) => f.startsWith('shokai.sqlite') || f === 'master.key')) {
      cpSync(join(dir, f), join(stolen, f));
    }
  });
  after(() => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(stolen, { recursive: true, force: true });
  });
  return {
    get logs() {
      return logs;
    },
    demoFile: () => [join(dir, 'demo-logins.json'), `sqlite:${join(dir, 'shokai.sqlite')}`],
    kek: () => kekFromSecret(readFileSync(join(stolen, 'master.key'), 'utf8').trim()),
    storeBytes: () =>
      Buffer.concat(
        readdirSync(stolen)
          .filter((f) => f.startsWith('shokai.sqlite'))
          .map((f) => readFileSync(join(stolen, f))),
      ),
    read<T>(query: string): T[] {
      const db = new Database(join(stolen, 'shokai.sqlite'), { readonly: true });
      try {
        return db.prepare(query).all() as T[];
      } finally {
        db.close();
      }
    },
  };
}
