import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { declareNetworks } from '../../src/directory/networks.ts';
import { createOrganisation } from '../../src/directory/organisations.ts';
import { exportDirectory } from '../../src/directory/transparency.ts';
import { SYSTEM_CALLER } from '../../src/domain/access.ts';
import { checkExtends, type DirectoryExport, signDirectoryHead } from '../../src/domain/pinned-directory.ts';
import { declarationsInForce } from '../../src/domain/pinned-networks.ts';
import { run } from '../../src/kernel/unit-of-work.ts';
import { migrate, undoMigration } from '../../src/store/database.ts';
import { scratchLocations, testDialects } from '../support/dialects.ts';
import { storeWithUnit } from '../support/migration-store.ts';

// Migration 050: the directory log begins to carry the networks providers declare. The declarations
// held at the upgrade enter the log at the migration's instant, after everything an installation may
// have pinned (so an old pin is extended, not rewritten), each whole; a later declaration appends and
// supersedes it.
const scratch = scratchLocations('shokai-networks-log-');

for (const dialect of testDialects()) {
  describe(`the directory log carries declared networks after migration 050 (${dialect})`, () => {
    test('declarations held at the upgrade are logged then, after the old log; later ones append', async () => {
      const { store, ctx } = await storeWithUnit(dialect, scratch);
      try {
        const provider = async (nameEn: string) =>
          run(ctx, createOrganisation, SYSTEM_CALLER, { kind: 'provider', nameJa: nameEn, nameEn });
        const [isp, quiet] = [await provider('Old ISP'), await provider('Quiet Provider')];
        await run(ctx, declareNetworks, SYSTEM_CALLER, isp.id, {
          cidrs: ['203.0.113.0/24', '2001:db8:1000::/36'],
          asns: [64500],
          domains: ['Nihon-Net.example'],
        });
        // As a store before the change: the declared networks are only the current rows.
        // (054 adds the signature's columns to 050's table: taken back first, applied again after.)
        await undoMigration(store, '054-signed-network-declarations');
        await undoMigration(store, '050-networks-in-directory-log');
        const upgradeStart = new Date().toISOString();
        assert.deepEqual(await migrate(store), ['050-networks-in-directory-log', '054-signed-network-declarations']);

        const d = await run(ctx, exportDirectory, SYSTEM_CALLER);
        const logged = d.entries.filter((e) => e.type === 'networks');
        assert.equal(logged.length, 1, JSON.stringify(logged));
        const [n] = logged;
        assert.ok(n?.type === 'networks');
        assert.equal(n.organisationId, isp.id);
        assert.deepEqual(
          { cidrs: [...n.cidrs].sort(), asns: n.asns, domains: n.domains },
          { cidrs: ['2001:db8:1000::/36', '203.0.113.0/24'], asns: [64500], domains: ['nihon-net.example'] },
        );
        assert.ok(n.at >= upgradeStart, 'it enters the log at the upgrade');
        assert.equal(d.entries.at(-1), n, 'after every entry an old pin holds');
        assert.ok(!declarationsInForce(logged).has(quiet.id), 'a provider that declared nothing has no entry');

        // A pin of the log before the upgrade (the same entries without the declaration) is extended.
        const old = d.entries.slice(0, -1);
        const signer = ctx.auditSigner;
        const oldPin: DirectoryExport = {
          ...d,
          head: signDirectoryHead(signer.privateKey, signer.keyId, old, n.at),
          entries: old,
        };
        assert.equal(checkExtends(oldPin, d), null);

        // Withdrawn from now on: the log appends the new declaration, which supersedes the first.
        await run(ctx, declareNetworks, SYSTEM_CALLER, isp.id, { cidrs: [], asns: [], domains: [] });
        const later = await run(ctx, exportDirectory, SYSTEM_CALLER);
        assert.equal(checkExtends(d, later), null, 'only appended');
        const inForce = declarationsInForce(later.entries.filter((e) => e.type === 'networks')).get(isp.id);
        assert.deepEqual(inForce && [inForce.cidrs, inForce.asns, inForce.domains], [[], [], []]);
      } finally {
        await store.close();
      }
    });
  });
}
