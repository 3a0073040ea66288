// Two holder records of exactly the same range naming different holders, which their dates do not
// order (one undated, or the same day and the choice made by format): the registry data does
// not say who holds the range, and "whom to ask" must not name either as the one to ask.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SYSTEM_CALLER } from '../../src/domain/access.ts';
import { importRegistry } from '../../src/evidence/registry/registry-service.ts';
import { answerWhom } from '../../src/evidence/whom/whom-service.ts';
import { inTransaction, run } from '../../src/kernel/unit-of-work.ts';
import { scratchLocations, testDialects } from '../support/dialects.ts';
import { freshStore } from '../support/migration-store.ts';
import { jpnicRecord, rdapRecord } from '../support/registry-records.ts';

const scratch = scratchLocations('shokai-whom-conflict-');
const AT = '2026-11-20T12:00:00+09:00';

for (const dialect of testDialects()) {
  describe(`whom to ask: conflicting holder records (${dialect})`, () => {
    const ask = async (files: Array<{ name: string; content: string }>) => {
      const { store, ctx } = await freshStore(dialect, scratch);
      try {
        const bytes = files.map((f) => ({ name: f.name, content: Buffer.from(f.content) }));
        await run(ctx, importRegistry, SYSTEM_CALLER, { files: bytes });
        const [a] = await inTransaction(ctx, (uow) =>
          answerWhom(uow, [{ address: '126.33.10.200', port: null, at: AT }]),
        );
        return a!;
      } finally {
        await store.close();
      }
    };

    it('an undated record beside a dated one', async () => {
      const a = await ask([
        { name: 'old.json', content: rdapRecord('Old Holder K.K.', '2020-01-01T00:00:00Z') },
        { name: 'new.json', content: rdapRecord('New Holder K.K.', null) },
      ]);
      const r = a.reasons.find((x) => x.code === 'registry_conflict');
      assert.ok(r, a.reasons.map((x) => x.code).join(','));
      assert.match(r.message.ja, /New Holder K\.K\./);
      assert.match(r.message.en, /Old Holder K\.K\./);
      assert.match(a.summary.en, /who held the range at the instant/);
      assert.doesNotMatch(a.summary.en, /^Ask the registered holder/);
    });

    it('a stale WHOIS answer loses to a newer RDAP record: no conflict', async () => {
      const a = await ask([
        { name: 'whois.txt', content: jpnicRecord('Old Holder K.K.', '2019/04/01') },
        { name: 'rdap.json', content: rdapRecord('New Holder K.K.', '2024-06-01T00:00:00Z') },
      ]);
      assert.equal(a.registry?.holder?.name, 'New Holder K.K.');
      assert.ok(!a.reasons.some((x) => x.code === 'registry_conflict'));
    });

    it('a WHOIS answer of the same day wins by its format, and the conflict is said', async () => {
      const a = await ask([
        { name: 'whois.txt', content: jpnicRecord('Old Holder K.K.', '2024/06/01') },
        { name: 'rdap.json', content: rdapRecord('New Holder K.K.', '2024-06-01T00:00:00Z') },
      ]);
      assert.equal(a.registry?.holder?.name, 'Old Holder K.K.');
      assert.ok(
        a.reasons.some((x) => x.code === 'registry_conflict'),
        a.reasons.map((x) => x.code).join(','),
      );
    });

    it('a newer record that wins over an older one of the same format is no conflict', async () => {
      const a = await ask([
        { name: 'old.json', content: rdapRecord('Old Holder K.K.', '2020-01-01T00:00:00Z') },
        { name: 'new.json', content: rdapRecord('New Holder K.K.', '2024-06-01T00:00:00Z') },
      ]);
      assert.equal(a.registry?.holder?.name, 'New Holder K.K.');
      assert.ok(!a.reasons.some((x) => x.code === 'registry_conflict'));
      assert.match(a.summary.en, /^Ask the registered holder New Holder K\.K\./);
    });
  });
}
