// A registry change just after the instant asked about, written at another offset than UTC (ARIN writes
// `-05:00`): cut to the day written, a change at 20:00 −05:00 on 28 February (01:00 UTC on 1 March) read
// as "28 February" and was not seen as after an instant at 00:30 UTC on 1 March, and "whom to ask"
// named today's holder as the one to ask.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SYSTEM_CALLER } from '../../src/domain/access.ts';
import { importRegistry } from '../../src/evidence/registry/registry-service.ts';
import { answerWhom } from '../../src/evidence/whom/whom-service.ts';
import { inTransaction, run } from '../../src/kernel/unit-of-work.ts';
import { scratchLocations, testDialects } from '../support/dialects.ts';
import { freshStore } from '../support/migration-store.ts';
import { jpnicRecord, rdapRecord } from '../support/registry-records.ts';

const scratch = scratchLocations('shokai-whom-instant-');

/** ARIN's record: it names its WHOIS server. */
const rdap = (holder: string, date: string): string => rdapRecord(holder, date, { port43: 'whois.arin.net' });

for (const dialect of testDialects()) {
  describe(`whom to ask: a registry change just after the instant (${dialect})`, () => {
    const ask = async (files: Array<{ name: string; content: string }>, at: string, storedDay?: string) => {
      const { store, ctx } = await freshStore(dialect, scratch);
      try {
        const bytes = files.map((f) => ({ name: f.name, content: Buffer.from(f.content) }));
        await run(ctx, importRegistry, SYSTEM_CALLER, { files: bytes });
        if (storedDay !== undefined) {
          // as an import before instants were kept stored it: the day as written, read from the rows
          await inTransaction(ctx, async (uow) => {
            await uow.tx.updateTable('registry_ranges').set({ record_date: storedDay }).execute();
            await uow.tx.deleteFrom('registry_snapshot').execute();
          });
        }
        const [a] = await inTransaction(ctx, (uow) => answerWhom(uow, [{ address: '126.33.10.200', port: null, at }]));
        return a!;
      } finally {
        await store.close();
      }
    };

    it('a change at 20:00 −05:00 the day before is after an instant at 00:30 UTC', async () => {
      const a = await ask(
        [{ name: 'arin.json', content: rdap('New Holder K.K.', '2026-02-28T20:00:00-05:00') }],
        '2026-03-01T09:30:00+09:00',
      );
      assert.equal(a.registry?.source[0]?.recordDate, '2026-03-01T01:00:00.000Z');
      const r = a.reasons.find((x) => x.code === 'registry_changed_after');
      assert.ok(r, a.reasons.map((x) => x.code).join(','));
      assert.match(r.message.en, /at 2026-03-01 10:00:00 \+09:00, after the instant/);
      assert.doesNotMatch(a.summary.en, /^Ask the registered holder/);
      assert.match(a.summary.en, /who held the range at the instant/);
      assert.match(a.summary.ja, /当時の保有者/);
    });

    it('a record stored before instants were kept (the day written) is read as a day, in doubt', async () => {
      const a = await ask(
        [{ name: 'arin.json', content: rdap('New Holder K.K.', '2026-02-28T20:00:00-05:00') }],
        '2026-03-01T09:30:00+09:00',
        '2026-02-28',
      );
      assert.equal(a.registry?.source[0]?.recordDate, '2026-02-28');
      const r = a.reasons.find((x) => x.code === 'registry_changed_after');
      assert.ok(r, a.reasons.map((x) => x.code).join(','));
      assert.match(r.message.en, /on 2026-02-28, a day without a time that may be after the instant/);
      assert.doesNotMatch(a.summary.en, /^Ask the registered holder/);
    });

    it('the same change an hour before the instant names the holder', async () => {
      const a = await ask(
        [{ name: 'arin.json', content: rdap('New Holder K.K.', '2026-02-28T20:00:00-05:00') }],
        '2026-03-01T11:00:00+09:00',
      );
      assert.ok(!a.reasons.some((x) => x.code === 'registry_changed_after'));
      assert.match(a.summary.en, /^Ask the registered holder New Holder K\.K\./);
    });

    it('an RDAP record later on the same Japanese day as the WHOIS answer chosen by format is a rival', async () => {
      // 23:00 −05:00 on 28 February is 13:00 JST on 1 March: the dates do not put it before the
      // WHOIS record of 1 March (JST), which won by its format alone
      const a = await ask(
        [
          { name: 'whois.txt', content: jpnicRecord('Old Holder K.K.', '2026/03/01') },
          { name: 'arin.json', content: rdap('New Holder K.K.', '2026-02-28T23:00:00-05:00') },
        ],
        '2026-11-20T12:00:00+09:00',
      );
      assert.equal(a.registry?.holder?.name, 'Old Holder K.K.');
      assert.ok(
        a.reasons.some((x) => x.code === 'registry_conflict'),
        a.reasons.map((x) => x.code).join(','),
      );
      assert.doesNotMatch(a.summary.en, /^Ask the registered holder/);
    });

    it('an RDAP record a day before the WHOIS record in every zone is no rival', async () => {
      const a = await ask(
        [
          { name: 'whois.txt', content: jpnicRecord('Old Holder K.K.', '2026/03/01') },
          { name: 'arin.json', content: rdap('New Holder K.K.', '2026-02-27T08:00:00-05:00') },
        ],
        '2026-11-20T12:00:00+09:00',
      );
      assert.ok(!a.reasons.some((x) => x.code === 'registry_conflict'));
      assert.match(a.summary.en, /^Ask the registered holder Old Holder K\.K\./);
    });
  });
}
