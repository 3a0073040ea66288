import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createKey } from '../../src/directory/keys.ts';
import { createOrganisation } from '../../src/directory/organisations.ts';
import { SYSTEM_CALLER } from '../../src/domain/access.ts';
import { inTransaction, run } from '../../src/kernel/unit-of-work.ts';
import { migrate, undoMigration } from '../../src/store/database.ts';
import { scratchLocations, testDialects } from '../support/dialects.ts';
import { freshStore } from '../support/migration-store.ts';

// Migration 031 (issue 11): a store made before courts attested with their judges' passkeys holds each
// court's organisation key wrapped by the master key. The migration destroys those private parts and
// ends the keys; their public parts stay, so warrants attested with them before still verify.
const scratch = scratchLocations('shokai-court-keys-');

for (const dialect of testDialects()) {
  describe(`court keys leave the hub on migration (${dialect})`, () => {
    test("the court's hub-held private key is destroyed; a provider's is not touched", async () => {
      const { store, ctx } = await freshStore(dialect, scratch);
      try {
        const court = await run(ctx, createOrganisation, SYSTEM_CALLER, {
          kind: 'court',
          nameJa: '旧地方裁判所',
          nameEn: 'Old District Court',
        });
        const provider = await run(ctx, createOrganisation, SYSTEM_CALLER, {
          kind: 'provider',
          nameJa: '旧プロバイダ',
          nameEn: 'Old Provider',
          isTelecomCarrier: true,
        });
        const keysOf = (id: string) =>
          store.db
            .selectFrom('keys')
            .selectAll()
            .where('owner_id', '=', id)
            .where('owner_type', '=', 'organisation')
            .execute();
        assert.deepEqual(await keysOf(court.id), [], 'a new court gets no organisation key');
        // As the hub did before: a court key generated and wrapped by the master key.
        const old = await inTransaction(ctx, (uow) =>
          createKey(uow, SYSTEM_CALLER, {
            organisationId: court.id,
            ownerType: 'organisation',
            ownerId: court.id,
            purpose: 'signing',
          }),
        );
        const before = await keysOf(court.id);
        assert.notEqual(before[0]?.private_key_wrapped ?? null, null);
        const providerBefore = await keysOf(provider.id);

        await undoMigration(store, '031-court-keys-off-the-hub');
        assert.deepEqual(await migrate(store), ['031-court-keys-off-the-hub']);

        const [k] = await keysOf(court.id);
        assert.equal(k?.id, old.id);
        assert.equal(k?.private_key_wrapped, null, 'the private part is gone');
        assert.ok(k?.valid_to, 'the key has ended');
        assert.equal(k?.public_key, before[0]?.public_key, 'the public part stays for past attestations');
        assert.deepEqual(await keysOf(provider.id), providerBefore);
      } finally {
        await store.close();
      }
    });
  });
}
