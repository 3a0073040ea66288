import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ingestFiles } from '../../src/attribution/ingest.ts';
import { Resolver } from '../../src/attribution/resolver.ts';
import { attributionRepository } from '../../src/attribution/store/repositories.ts';
import { lookupAddresses } from '../../src/evidence/registry/lookup.ts';
import { loadRegistryTable } from '../../src/evidence/registry/registry-index.ts';
import { migrate, migrateDown, openStore, type Store } from '../../src/store/database.ts';
import { MIGRATIONS } from '../../src/store/migrations/index.ts';
import { tableExists } from '../../src/store/migrations/legacy.ts';
import { fixture } from '../attribution/helpers.ts';
import { scratchLocations, testDialects } from '../support/dialects.ts';
import { LEGACY_T0, makeLegacyStore } from '../support/legacy-stores.ts';

const ALL = MIGRATIONS.map((m) => m.name);
/** The migrations after 002-hardening: what a store at 002 still lacks. */
const AFTER_002 = ALL.slice(ALL.indexOf('002-hardening') + 1);
/** A table each migration creates, and the old version tables adoption drops. */
const MARKERS = ['organisations', 'used_warrants', 'attr_assign', 'registry_snapshot'];

const scratch = scratchLocations('shokai-migrations-');

async function fresh(dialect: 'sqlite' | 'postgres'): Promise<Store> {
  const loc = await scratch.fresh(dialect);
  return openStore(loc.location, { migrate: false });
}

async function tables(store: Store, names: string[]): Promise<Record<string, boolean>> {
  const out: Record<string, boolean> = {};
  for (const n of names) out[n] = await tableExists(store.db, store.dialect, n);
  return out;
}

for (const dialect of testDialects()) {
  describe(`migrations on ${dialect}`, () => {
    test('every migration runs up, down and up again', async () => {
      const store = await fresh(dialect);
      try {
        assert.deepEqual(await migrate(store), ALL);
        assert.deepEqual(await migrate(store), [], 'nothing left to apply');
        assert.deepEqual(await tables(store, MARKERS), Object.fromEntries(MARKERS.map((n) => [n, true])));
        // down to a named migration takes back only the newer ones
        assert.deepEqual(await migrateDown(store, '002-hardening'), [...AFTER_002].reverse());
        assert.deepEqual(await tables(store, ['used_warrants', 'attr_assign', 'registry_snapshot']), {
          used_warrants: true,
          attr_assign: false,
          registry_snapshot: false,
        });
        assert.deepEqual(await migrateDown(store), ['002-hardening', '001-initial']);
        assert.deepEqual(await tables(store, MARKERS), Object.fromEntries(MARKERS.map((n) => [n, false])));
        assert.deepEqual(await migrate(store), ALL);
        assert.deepEqual(await tables(store, MARKERS), Object.fromEntries(MARKERS.map((n) => [n, true])));
        // and the store works: the attribution repository over it ingests
        const s = await ingestFiles(attributionRepository(store), [fixture('juniper-pba.log')], {
          format: 'juniper-pba',
        });
        assert.equal(s.ingested, 10);
        await assert.rejects(migrateDown(store, '009-nothing'), /no migration named "009-nothing"/);
      } finally {
        await store.close();
      }
    });

    test('a store the attribution engine made on its own is adopted: every old row reads back', async () => {
      const loc = await scratch.fresh(dialect);
      await makeLegacyStore(loc.location, { attribution: true });
      const store = await openStore(loc.location, { migrate: false });
      try {
        assert.deepEqual(await migrate(store), ALL);
        assert.equal(await tableExists(store.db, dialect, 'attr_schema_version'), false, 'old version table dropped');
        const repo = attributionRepository(store);
        assert.deepEqual(await repo.stats(), {
          assigns: 1,
          natBlocks: 1,
          natSessions: 1,
          accounts: 1,
          subscribers: 1,
          files: 1,
        });
        assert.equal(await repo.fileName(1), '/var/log/old.log');
        assert.deepEqual(
          (await repo.natConfigs()).map((c) => c.name),
          ['det-old'],
        );
        const [holder] = await repo.subscribers('alice');
        assert.equal(holder?.name, '山田 花子');
        assert.equal(holder?.contractStart, null);
        // the whole chain over the old rows: public address and port → 10.0.0.1 → alice
        const at = new Date((LEGACY_T0 + 60) * 1000).toISOString();
        for (const port of [1100, 2000]) {
          const r = await new Resolver(repo).resolve({ ip: '203.0.113.9', port, at });
          assert.equal(r.verdict, 'unique', `port ${port}`);
          assert.equal(r.candidates[0]?.account, 'alice');
          assert.equal(r.candidates[0]?.insideAddress, '10.0.0.1');
          assert.equal(r.candidates[0]?.holder?.name, '山田 花子');
        }
        // and new rows go in after the old ones (the adopted id sequences go on)
        const s = await ingestFiles(repo, [fixture('juniper-pba.log')], { format: 'juniper-pba' });
        assert.equal(s.ingested, 10);
        assert.equal((await repo.stats()).files, 2);
      } finally {
        await store.close();
      }
    });

    test('a main store holding the old registry tables (version 2) is adopted with its rows', async () => {
      const loc = await scratch.fresh(dialect);
      await makeLegacyStore(loc.location, { mainTables: true, attribution: true, registryVersion: 2 });
      const store = await openStore(loc.location, { migrate: false });
      try {
        assert.deepEqual(await migrate(store), AFTER_002);
        assert.deepEqual(await tables(store, ['attr_schema_version', 'registry_schema_version']), {
          attr_schema_version: false,
          registry_schema_version: false,
        });
        const [r] = lookupAddresses(await loadRegistryTable(store), ['60.32.0.1']);
        assert.equal(r?.registry, 'apnic');
        assert.equal(r?.country, 'JP');
        assert.equal(r?.source[0]?.file, 'delegated-apnic-extended-latest');
        assert.equal((await attributionRepository(store).stats()).assigns, 1);
        // taken back and applied again, the tables are new and empty
        await migrateDown(store, '002-hardening');
        await migrate(store);
        assert.equal((await attributionRepository(store).stats()).assigns, 0);
      } finally {
        await store.close();
      }
    });
  });
}
