// A PostgreSQL store is named in the audit pin file by its server, not by the host name it was reached
// under: a wipe of it is refused whether the next start says `localhost` or `127.0.0.1`.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import pg from 'pg';
import { generateKekSecret } from '../../src/crypto/key-wrap.ts';
import { bootstrap } from '../../src/kernel/bootstrap.ts';
import { loadConfig } from '../../src/kernel/config.ts';
import { parseStoreLocation, storeIdentity } from '../../src/store/location.ts';
import { scratchLocations, testDialects } from '../support/dialects.ts';

/** The same database under the other loopback name. */
function otherHost(url: string): string {
  const u = new URL(url);
  u.hostname = u.hostname === 'localhost' ? '127.0.0.1' : 'localhost';
  return u.toString();
}

for (const dialect of testDialects().filter((d) => d === 'postgres')) {
  describe(`the audit key pin of a store on ${dialect}`, () => {
    const scratch = scratchLocations('shokai-pin-pg-');
    const masterKey = generateKekSecret();
    const config = loadConfig({ SHOKAI_DATA_DIR: scratch.dir, SHOKAI_MASTER_KEY: masterKey });
    const pinFile = join(scratch.dir, 'audit-key.pub');
    const start = async (url: string) => {
      const ctx = await bootstrap(config, { databaseUrl: url });
      await ctx.store.close();
      return ctx;
    };
    const wipe = async (schema: string) => {
      const c = new pg.Client({ connectionString: process.env.SHOKAI_TEST_POSTGRES_URL });
      await c.connect();
      try {
        await c.query(`DROP SCHEMA "${schema}" CASCADE`);
      } finally {
        await c.end();
      }
    };

    test('one database under two host names is one store: its wipe is refused under either', async () => {
      const loc = await scratch.fresh(dialect);
      const schema = loc.location.kind === 'postgres' ? (loc.location.schema ?? '') : '';
      await start(loc.url);
      const pins = readFileSync(pinFile, 'utf8');
      assert.match(pins, new RegExp(`# store postgres-cluster:\\d+/[^?\\n]+\\?schema=${schema}\\n`));
      assert.equal((await start(otherHost(loc.url))).auditPinSource, 'file');
      assert.equal(readFileSync(pinFile, 'utf8'), pins, 'the other host name adds no second name');
      await wipe(schema);
      await assert.rejects(start(otherHost(loc.url)), /wiped or made again/);
      assert.equal(readFileSync(pinFile, 'utf8'), pins);
    });

    test('a pin file that named the store by its address still knows it, and learns its server name', async () => {
      const loc = await scratch.fresh(dialect);
      const schema = loc.location.kind === 'postgres' ? (loc.location.schema ?? '') : '';
      await start(loc.url);
      const addressed = storeIdentity(parseStoreLocation(loc.url)) ?? '';
      // As written before today: the store named by the address it was reached at.
      const old = readFileSync(pinFile, 'utf8').replace(
        new RegExp(`# store postgres-cluster:[^\\n]*schema=${schema}\\n`),
        `# store ${addressed}\n`,
      );
      writeFileSync(pinFile, old);
      assert.equal((await start(loc.url)).auditPinSource, 'file');
      assert.match(readFileSync(pinFile, 'utf8'), new RegExp(`# store postgres-cluster:[^\\n]*schema=${schema}\\n`));
      await wipe(schema);
      await assert.rejects(start(otherHost(loc.url)), /wiped or made again/);
    });
  });
}
