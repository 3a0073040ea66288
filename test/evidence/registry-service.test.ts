// The registry use cases: imports and lookups are checked against the permission table and each
// leaves one audit entry; an import with a file that cannot be read stores nothing.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { SYSTEM_CALLER } from '../../src/domain/access.ts';
import { DomainError } from '../../src/domain/errors.ts';
import { EvidenceInputError } from '../../src/evidence/messages.ts';
import { importRegistry, lookupRegistry } from '../../src/evidence/registry/registry-service.ts';
import { run } from '../../src/kernel/unit-of-work.ts';
import { auditHeadSeq, auditSince } from '../support/audit.ts';
import { scratchLocations, testDialects } from '../support/dialects.ts';
import { freshStore } from '../support/migration-store.ts';
import { person } from '../support/principals.ts';
import { fixturePath, REGISTRY_FIXTURES } from './helpers.ts';

const scratch = scratchLocations('shokai-registry-service-');

const forbidden = (e: unknown) => e instanceof DomainError && e.code === 'FORBIDDEN';
const files = REGISTRY_FIXTURES.map((name) => ({ name, content: readFileSync(fixturePath(name)) }));

for (const dialect of testDialects()) {
  describe(`registry use cases (${dialect})`, () => {
    it('imports and lookups are permitted by role and audited once each', async () => {
      const { store, ctx } = await freshStore(dialect, scratch);
      try {
        await assert.rejects(
          run(ctx, importRegistry, person(['investigator'], 'agency'), { files }),
          forbidden,
          'an investigator does not import',
        );
        // Shared by every organisation's lookups: a police force's or a provider's administrator could
        // otherwise point everyone's "whom to ask" elsewhere.
        for (const kind of ['agency', 'provider'] as const) {
          await assert.rejects(
            run(ctx, importRegistry, person(['admin'], kind), { files }),
            forbidden,
            `an administrator of an ${kind} does not import`,
          );
        }
        const head = await auditHeadSeq(store.db);
        const summaries = await run(ctx, importRegistry, person(['admin'], 'oversight'), { files });
        assert.deepEqual(
          summaries.map((x) => x.format),
          ['delegated', 'delegated', 'rdap', 'jpnic'],
        );
        const [imported, ...none] = await auditSince(store.db, head);
        assert.equal(none.length, 0, 'one entry for the whole import');
        assert.equal(imported?.action, 'registry.imported');
        const audited = imported?.details.files as Array<{ file: string; sha256: string; ranges: number }>;
        assert.deepEqual(
          audited.map((f) => [f.file, f.sha256, f.ranges]),
          summaries.map((x) => [x.file, x.sha256, x.ranges]),
        );

        await assert.rejects(
          run(ctx, lookupRegistry, person(['judge'], 'court'), { addresses: ['60.32.128.5'] }),
          forbidden,
        );
        for (const who of [
          person(['investigator'], 'agency'),
          person(['provider_intake'], 'provider'),
          SYSTEM_CALLER,
        ]) {
          const before = await auditHeadSeq(store.db);
          const [r] = await run(ctx, lookupRegistry, who, { addresses: ['60.32.128.5'] });
          assert.equal(r?.holder?.name, 'Example Customer K.K.');
          const [entry, ...more] = await auditSince(store.db, before);
          assert.equal(more.length, 0);
          assert.equal(entry?.action, 'registry.looked_up');
          assert.equal(entry?.subjectId, '60.32.128.5');
          assert.deepEqual(entry?.details, { addresses: ['60.32.128.5'], count: 1 });
        }
        // the first lookup built the index from the rows and saved it once its unit of work committed
        const snapshots = await store.db.selectFrom('registry_snapshot').select('byte_size').execute();
        assert.equal(snapshots.length, 1);
      } finally {
        await store.close();
      }
    });

    it('an import with a file that cannot be read stores nothing and audits nothing', async () => {
      const { store, ctx } = await freshStore(dialect, scratch);
      try {
        const head = await auditHeadSeq(store.db);
        const bad = { name: 'exim.eml', content: readFileSync(fixturePath('exim.eml')) };
        await assert.rejects(
          run(ctx, importRegistry, SYSTEM_CALLER, { files: [...files, bad] }),
          (e: unknown) => e instanceof EvidenceInputError && e.code === 'REGISTRY_FORMAT_UNKNOWN',
        );
        assert.equal((await store.db.selectFrom('registry_sources').select('id').execute()).length, 0);
        assert.deepEqual(await auditSince(store.db, head), []);
      } finally {
        await store.close();
      }
    });

    it('a file read as nothing, or older statistics of a registry, is refused and the stored data kept', async () => {
      const { store, ctx } = await freshStore(dialect, scratch);
      try {
        await run(ctx, importRegistry, SYSTEM_CALLER, { files });
        const sources = async () =>
          (await store.db.selectFrom('registry_sources').select(['file_name', 'data_date']).execute())
            .map((r) => `${r.file_name}@${r.data_date}`)
            .sort();
        const kept = await sources();
        const head = await auditHeadSeq(store.db);
        const jpnic = files.find((f) => f.name.includes('jpnic'));
        assert.ok(jpnic);
        await assert.rejects(
          run(ctx, importRegistry, SYSTEM_CALLER, { files: [jpnic], format: 'rdap' }),
          (e: unknown) =>
            e instanceof EvidenceInputError &&
            e.code === 'REGISTRY_NOTHING_READ' &&
            e.ja.startsWith(`${jpnic.name}: rdap として読めるアドレス範囲も AS 番号もありません`),
        );
        const apnic = readFileSync(fixturePath('delegated-apnic-extended.txt'), 'utf8');
        const older = apnic.replace(
          '2.3|apnic|20261124|12|19830613|20261123|+1000',
          '2.3|apnic|20191231|12|19830613|20191231|+1000',
        );
        assert.notEqual(older, apnic);
        await assert.rejects(
          run(ctx, importRegistry, SYSTEM_CALLER, { files: [{ name: 'old-apnic.txt', content: Buffer.from(older) }] }),
          (e: unknown) =>
            e instanceof EvidenceInputError &&
            e.code === 'REGISTRY_OLDER_STATISTICS' &&
            new RegExp(
              "old-apnic\\.txt: apnic's statistics of 2019-12-31 are older than those stored " +
                '\\(2026-11-2\\d, from delegated-apnic-extended\\.txt\\)',
            ).test(e.message),
        );
        assert.deepEqual(await sources(), kept);
        assert.deepEqual(await auditSince(store.db, head), []);
      } finally {
        await store.close();
      }
    });
  });
}
