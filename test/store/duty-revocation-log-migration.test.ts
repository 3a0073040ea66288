import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { exportDirectory } from '../../src/directory/transparency.ts';
import { SYSTEM_CALLER } from '../../src/domain/access.ts';
import { type DutyDesignation, designationDigest } from '../../src/domain/duty.ts';
import { checkExtends, signDirectoryHead } from '../../src/domain/pinned-directory.ts';
import { run } from '../../src/kernel/unit-of-work.ts';
import { migrate, undoMigration } from '../../src/store/database.ts';
import { scratchLocations, testDialects } from '../support/dialects.ts';
import { storeWithUnit } from '../support/migration-store.ts';

// Migration 042: the directory log begins to carry the revocations of duty designations. A revocation
// made before the upgrade enters the log at the migration's instant, after everything a provider may have
// pinned (so an old pin is extended, not rewritten), with the instant the head made it.
const scratch = scratchLocations('shokai-duty-log-');

const MIGRATION = '042-request-files-and-duty-revocations';

for (const dialect of testDialects()) {
  describe(`the directory log carries duty revocations after migration 042 (${dialect})`, () => {
    test('a revocation made before the upgrade is logged at the upgrade, with its real instant', async () => {
      const { store, ctx, police, unit } = await storeWithUnit(dialect, scratch);
      try {
        const d: DutyDesignation = {
          agencyOrganisationId: police.id,
          unitId: unit.id,
          designeeUserId: 'usr_duty',
          designatedBy: 'usr_head',
          designatedAt: '2026-11-01T00:00:00.000Z',
          validFrom: '2026-11-01T00:00:00.000Z',
          validUntil: '2026-11-08T00:00:00.000Z',
          kinds: ['emergency'],
          reason: '出張',
        };
        const revokedAt = '2026-11-02T00:00:00.000Z';
        await undoMigration(store, MIGRATION);
        // As a store before the change: a designation the head revoked long ago.
        await store.db
          .insertInto('duty_designations')
          .values({
            id: `duty_${designationDigest(d).slice(0, 24)}`,
            agency_organisation_id: police.id,
            unit_id: unit.id,
            designee_user_id: d.designeeUserId,
            designated_by: d.designatedBy,
            valid_from: d.validFrom,
            valid_until: d.validUntil,
            kinds: JSON.stringify(d.kinds),
            reason: d.reason,
            signed: JSON.stringify({ v: 1, designation: d, signature: { keyId: 'key_head', signature: 'sig' } }),
            created_at: d.designatedAt,
            revoked_at: revokedAt,
            revoked_by: 'usr_head',
            revoke_reason: '帰庁',
          })
          .execute();
        const upgradeStart = new Date().toISOString();
        assert.deepEqual(await migrate(store), [MIGRATION]);

        const next = await run(ctx, exportDirectory, SYSTEM_CALLER);
        const r = next.entries.at(-1);
        assert.ok(r?.type === 'duty.revoked', JSON.stringify(r));
        assert.equal(r.digest, designationDigest(d));
        assert.equal(r.revokedAt, revokedAt, 'the revocation keeps its real instant');
        assert.equal(r.revokedBy, 'usr_head');
        assert.ok(r.at >= upgradeStart, 'and enters the log at the upgrade, after every entry an old pin holds');
        // What a provider pinned before the upgrade (the same log without it) is extended, not rewritten.
        const entries = next.entries.filter((e) => e.type !== 'duty.revoked');
        const s = ctx.auditSigner;
        const old = { ...next, entries, head: signDirectoryHead(s.privateKey, s.keyId, entries, upgradeStart) };
        assert.equal(checkExtends(old, next), null);
      } finally {
        await store.close();
      }
    });
  });
}
