import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { loadRegistryTable, lookupAddresses, parseRegistryFile } from '../../src/evidence/index.ts';
import { type ImportSummary, importParsed } from '../../src/evidence/registry/registry.repository.ts';
import { loadRegistryTableWithReport, refreshRegistrySnapshot } from '../../src/evidence/registry/registry-index.ts';
import type { ParsedRegistryFile } from '../../src/evidence/registry/types.ts';
import { migrate, openStore, type Store } from '../../src/store/database.ts';
import { tableExists } from '../../src/store/migrations/legacy.ts';
import { scratchLocations, testDialects } from '../support/dialects.ts';
import { makeLegacyStore } from '../support/legacy-stores.ts';
import { fixturePath, fixtureTable, REGISTRY_FIXTURES } from './helpers.ts';

const scratch = scratchLocations('shokai-registry-');

/** One file stored in a transaction of its own (the repository level, below the audited use case). */
function store1(
  store: Store,
  name: string,
  content: string | Uint8Array,
  parsed: ParsedRegistryFile,
  now = new Date(),
): Promise<ImportSummary> {
  return store.transaction((tx) => importParsed(tx, store.dialect, name, content, parsed, now));
}

const PROBES = [
  '60.32.128.5',
  '60.40.1.1',
  '61.113.4.100',
  '61.112.0.1',
  '2400:4050:a0c1:1::25',
  '2400:4050:1::1',
  '1.0.2.3',
  '185.12.64.3',
  '2a01:4f8:1::1',
  '8.8.8.8',
];

for (const dialect of testDialects()) {
  describe(`registry store (${dialect})`, () => {
    it('imports all three kinds, keeps provenance, and answers as the in-memory table does', async () => {
      const loc = await scratch.fresh(dialect);
      const store = await openStore(loc.url);
      try {
        for (const name of REGISTRY_FIXTURES) {
          const content = readFileSync(fixturePath(name));
          const s = await store1(
            store,
            name,
            content,
            parseRegistryFile(content.toString('utf8')),
            new Date('2026-11-25T03:00:00Z'),
          );
          assert.ok(s.ranges > 0, name);
          assert.match(s.sha256, /^[0-9a-f]{64}$/);
        }
        const table = await loadRegistryTable(store);
        const stored = lookupAddresses(table, PROBES);
        const memory = lookupAddresses(fixtureTable(), PROBES);
        const strip = (rs: typeof stored) =>
          rs.map((r) => ({
            ...r,
            source: r.source.map((s) => ({
              file: s.file,
              format: s.format,
              dataDate: s.dataDate,
              recordDate: s.recordDate,
            })),
          }));
        assert.deepEqual(strip(stored), strip(memory));
        assert.equal(stored[0]!.source[0]!.importedAt, '2026-11-25T03:00:00.000Z');
        assert.equal(stored[0]!.source[0]!.file, 'rdap-ocn.json');
      } finally {
        await store.close();
      }
    });

    it('saves the built index as a snapshot, loads it next time, and every import invalidates it', async () => {
      const loc = await scratch.fresh(dialect);
      const store = await openStore(loc.url);
      const snapshots = async (): Promise<number> =>
        Number(
          (
            await store.db
              .selectFrom('registry_snapshot')
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        );
      const importFixture = async (name: string): Promise<void> => {
        const content = readFileSync(fixturePath(name));
        await store1(
          store,
          name,
          content,
          parseRegistryFile(content.toString('utf8')),
          new Date('2026-11-25T03:00:00Z'),
        );
      };
      try {
        for (const name of REGISTRY_FIXTURES.slice(0, 3)) await importFixture(name);
        assert.equal(await snapshots(), 0);
        const first = await loadRegistryTableWithReport(store);
        assert.equal(first.from, 'rows');
        assert.ok(first.snapshotBytes !== null && first.snapshotBytes > 100);
        assert.equal(await snapshots(), 1);
        const second = await loadRegistryTableWithReport(store);
        assert.equal(second.from, 'snapshot');
        assert.equal(second.snapshotBytes, first.snapshotBytes);
        assert.deepStrictEqual(lookupAddresses(second.table, PROBES), lookupAddresses(first.table, PROBES));
        assert.deepStrictEqual(second.table.records, first.table.records);
        // an import deletes the snapshot in its transaction; the next load rebuilds with the new data
        await importFixture('jpnic-e.txt');
        assert.equal(await snapshots(), 0);
        const third = await loadRegistryTableWithReport(store);
        assert.equal(third.from, 'rows');
        assert.equal(lookupAddresses(third.table, ['61.113.4.100'])[0]!.holder?.name, 'Manga Kissa Example K.K.');
        assert.equal(lookupAddresses(second.table, ['61.113.4.100'])[0]!.holder, null);
        const fourth = await loadRegistryTableWithReport(store);
        assert.equal(fourth.from, 'snapshot');
        assert.deepStrictEqual(lookupAddresses(fourth.table, PROBES), lookupAddresses(third.table, PROBES));
        // a snapshot whose sources no longer match (a source row changed behind its back) is not used
        await store.db
          .updateTable('registry_sources')
          .set({ imported_at: '2026-11-25T04:00:00.000Z' })
          .where('file_name', '=', 'jpnic-e.txt')
          .execute();
        const stale = await loadRegistryTableWithReport(store);
        assert.equal(stale.from, 'rows');
        assert.match(stale.note ?? '', /no snapshot for the stored sources/);
        // a damaged snapshot is rebuilt and replaced, not misread
        const row = await store.db.selectFrom('registry_snapshot').select('data').executeTakeFirstOrThrow();
        const bad = Buffer.from(row.data);
        bad[bad.length - 5] = bad[bad.length - 5]! ^ 0xff;
        await store.db.updateTable('registry_snapshot').set({ data: bad }).execute();
        const damaged = await loadRegistryTableWithReport(store);
        assert.equal(damaged.from, 'rows');
        assert.match(damaged.note ?? '', /unreadable/);
        assert.equal((await loadRegistryTableWithReport(store)).from, 'snapshot');
        // snapshot: false always rebuilds and saves nothing
        await store.db.deleteFrom('registry_snapshot').execute();
        const off = await loadRegistryTableWithReport(store, { snapshot: false });
        assert.equal(off.from, 'rows');
        assert.equal(off.snapshotBytes, null);
        assert.equal(await snapshots(), 0);
        assert.ok((await refreshRegistrySnapshot(store))! > 0);
        assert.equal((await loadRegistryTableWithReport(store)).from, 'snapshot');
      } finally {
        await store.close();
      }
    });

    const schemaVersion1Title =
      'a store made by the registry code at its schema version 1 is adopted and gains the snapshot table';
    it(schemaVersion1Title, async () => {
      const loc = await scratch.fresh(dialect);
      await makeLegacyStore(loc.location, { registryVersion: 1 });
      const again = await openStore(loc.url);
      try {
        const content = readFileSync(fixturePath('rdap-ocn.json'));
        await store1(again, 'rdap-ocn.json', content, parseRegistryFile(content.toString('utf8')));
        assert.equal((await loadRegistryTableWithReport(again)).from, 'rows');
        assert.equal((await loadRegistryTableWithReport(again)).from, 'snapshot');
        assert.equal(await tableExists(again.db, dialect, 'registry_schema_version'), false, 'version table dropped');
      } finally {
        await again.close();
      }
    });

    it('re-importing the same file or a newer delegated file of the same registry replaces the old data', async () => {
      const loc = await scratch.fresh(dialect);
      const store = await openStore(loc.url);
      try {
        const name = 'delegated-apnic-extended.txt';
        const content = readFileSync(fixturePath(name));
        await store1(store, name, content, parseRegistryFile(content.toString('utf8')));
        const again = await store1(store, name, content, parseRegistryFile(content.toString('utf8')));
        assert.equal(again.replacedSources, 1);
        const newer = '2|apnic|20261201|1|19830613|20261130|+1000\napnic|KR|ipv4|60.32.0.0|256|20261130|allocated|X\n';
        const s = await store1(store, 'apnic-new.txt', newer, parseRegistryFile(newer));
        assert.equal(s.replacedSources, 1);
        const [r, gone] = lookupAddresses(await loadRegistryTable(store), ['60.32.0.1', '61.112.0.1']);
        assert.equal(r!.country, 'KR');
        assert.equal(gone!.registry, null);
        const count = await store.db
          .selectFrom('registry_ranges')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow();
        assert.equal(Number(count.n), 1);
      } finally {
        await store.close();
      }
      // the store re-opens with every migration applied, nothing to migrate again
      const reopened = await openStore(loc.url, { migrate: false });
      try {
        assert.deepEqual(await migrate(reopened), []);
        const results = lookupAddresses(await loadRegistryTable(reopened), ['60.32.0.1']);
        assert.equal(results[0]!.country, 'KR');
      } finally {
        await reopened.close();
      }
    });
  });
}
