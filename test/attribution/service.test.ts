// The attribution use cases: who may look up and import (the one permission table), and what the
// audit log records of each — the question and the verdict, never the subscriber's identity.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import {
  claimAttributionData,
  importNatConfigs,
  importSubscribers,
  ingestLogs,
  lookupAddress,
} from '../../src/attribution/attribution-service.ts';
import { StrictStop } from '../../src/attribution/ingest.ts';
import { fileSha256 } from '../../src/attribution/lines.ts';
import { Resolver } from '../../src/attribution/resolver.ts';
import { type Principal, SYSTEM_CALLER } from '../../src/domain/access.ts';
import { DomainError } from '../../src/domain/errors.ts';
import { run } from '../../src/kernel/unit-of-work.ts';
import { auditHeadSeq, auditSince } from '../support/audit.ts';
import { freshLocation, testDialects } from '../support/dialects.ts';
import { person } from '../support/principals.ts';
import { fixture } from './helpers.ts';
import { loadSubscribers, openAttribution, populatedStoreHooks } from './setup.ts';

const operator = person(['provider_operator']);
const legal = person(['provider_legal']);
const intake = person(['provider_intake']);
const providerAdmin = person(['admin']);
const investigator = person(['investigator'], 'agency');

/** A generic CSV of n assignments (distinct addresses from 192.0.2.<first>). */
function generic(n: number, first = 10): string {
  const lines = ['type,start,end,address,port_low,port_high,inside_address,account'];
  for (let i = 0; i < n; i++)
    lines.push(`assign,2026-03-29T00:0${i}:00+09:00,2026-03-29T00:5${i}:00+09:00,192.0.2.${first + i},,,,u${i}`);
  return `${lines.join('\n')}\n`;
}

const forbidden = (e: unknown) => e instanceof DomainError && e.code === 'FORBIDDEN';
const QUERY = { ip: '203.0.113.7', port: 40211, at: '2026-03-29T01:30:12+09:00' };

for (const dialect of testDialects()) {
  test(`a lookup where nothing was loaded yet says so, not that the records are another's (${dialect})`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shokai-attr-empty-'));
    const loc = await freshLocation(dialect, dir);
    const empty = await openAttribution(loc.location);
    try {
      const head = await auditHeadSeq(empty.ctx.store.db);
      await assert.rejects(
        run(empty.ctx, lookupAddress, operator, QUERY),
        (e: unknown) =>
          e instanceof DomainError &&
          e.code === 'NOT_FOUND' &&
          /まだどの組織のものとも決まっていない/.test(e.messages.ja) &&
          !/他の事業者/.test(e.messages.ja) &&
          /belong to no organisation yet/.test(e.messages.en) &&
          // Said in words: whom to ask, for what; no command line, no placeholder for an id.
          /運用者に.*あなたの組織の記録を取り込むか、記録の持ち主をあなたの組織と定める/.test(e.messages.ja) &&
          /ask the installation's operator to load your organisation's records or to name/.test(e.messages.en) &&
          !/`|shokai logs|組織ID|ORGANISATION-ID/.test(`${e.messages.ja} ${e.messages.en}`),
      );
      assert.deepEqual(await auditSince(empty.ctx.store.db, head), [], 'nothing audited');
    } finally {
      await empty.close();
      await loc.drop();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  describe(`attribution use cases on ${dialect}`, () => {
    const s = populatedStoreHooks(dialect);

    test('a lookup is audited with the question, the verdict and the count, not the holder', async () => {
      const head = await auditHeadSeq(s.ctx.store.db);
      const r = await run(s.ctx, lookupAddress, operator, QUERY);
      assert.equal(r.verdict, 'unique');
      assert.equal(r.candidates[0]?.holder?.name, '山田 花子');
      const [entry, ...more] = await auditSince(s.ctx.store.db, head);
      assert.equal(more.length, 0, 'one entry per lookup');
      assert.equal(entry?.action, 'attribution.looked_up');
      assert.equal(entry?.actorId, operator.id);
      assert.equal(entry?.subjectId, '203.0.113.7');
      assert.deepEqual(entry?.details, {
        ip: '203.0.113.7',
        port: 40211,
        at: '2026-03-28T16:30:12.000Z',
        tolerance: 0,
        staleAfter: 86400,
        verdict: 'unique',
        candidates: 1,
      });
      const text = JSON.stringify(entry);
      for (const secret of ['山田', 'alice', 'ヤマダ']) assert.ok(!text.includes(secret), secret);
      // legal may look up too; the local operator is audited as the system
      await run(s.ctx, lookupAddress, legal, QUERY);
      await run(s.ctx, lookupAddress, SYSTEM_CALLER, QUERY);
      const after = await auditSince(s.ctx.store.db, head);
      assert.deepEqual(
        after.map((e) => [e.action, e.actorType]),
        [
          ['attribution.looked_up', 'user'],
          ['attribution.looked_up', 'user'],
          ['attribution.looked_up', 'system'],
        ],
      );
      // the assumption for holdings without an end record is recorded with the lookup it shaped
      const head2 = await auditHeadSeq(s.ctx.store.db);
      await run(s.ctx, lookupAddress, operator, QUERY, {
        resolver: new Resolver(s.repo, { staleAfterSeconds: 600 }),
      });
      assert.equal((await auditSince(s.ctx.store.db, head2))[0]?.details.staleAfter, 600);
    });

    const lookupsRefusedTitle =
      'lookups are refused to intake staff, a provider administrator and the agency; nothing is audited';
    test(lookupsRefusedTitle, async () => {
      const head = await auditHeadSeq(s.ctx.store.db);
      for (const who of [intake, providerAdmin, investigator]) {
        await assert.rejects(run(s.ctx, lookupAddress, who, QUERY), forbidden, who.displayName);
      }
      assert.deepEqual(await auditSince(s.ctx.store.db, head), []);
    });

    test("another provider's people get nothing from the records, whatever their roles", async () => {
      // a hub shared by several providers: the records belong to org_provider
      const other: Principal = { ...operator, id: 'usr_other_operator', organisationId: 'org_other_provider' };
      const head = await auditHeadSeq(s.ctx.store.db);
      await assert.rejects(run(s.ctx, lookupAddress, other, QUERY), forbidden);
      const file = fixture('subscribers.csv');
      const input = {
        source: { file, sha256: fileSha256(file) },
        subscribers: loadSubscribers(file).map((x) => ({ ...x, name: 'overwritten' })),
        skipped: 0,
      };
      await assert.rejects(run(s.ctx, importSubscribers, { ...other, roles: ['admin'] }, input), forbidden);
      assert.equal((await s.repo.subscribers('alice'))[0]?.name.includes('overwritten'), false);
      await assert.rejects(
        ingestLogs(s.ctx, other, { files: [fixture('kea4.csv')], format: 'kea4' }),
        forbidden,
        'an ingest run is refused before it reads a line',
      );
      // nor can they take the records over, and the owner cannot be renamed
      await assert.rejects(
        run(s.ctx, claimAttributionData, other, 'org_other_provider'),
        (e: unknown) => e instanceof DomainError && e.code === 'NOT_FOUND',
      );
      await assert.rejects(run(s.ctx, claimAttributionData, other, 'org_provider'), forbidden);
      assert.deepEqual(await auditSince(s.ctx.store.db, head), [], 'nothing audited, nothing changed');
      // the owner's own people still get their answer
      assert.equal((await run(s.ctx, lookupAddress, operator, QUERY)).verdict, 'unique');
    });

    test('imports need attribution.import; a refused one stores nothing', async () => {
      const file = fixture('subscribers.csv');
      const input = {
        source: { file, sha256: fileSha256(file) },
        subscribers: loadSubscribers(file).map((x) => ({ ...x, name: `${x.name} (new)` })),
        skipped: 1,
      };
      await assert.rejects(run(s.ctx, importSubscribers, legal, input), forbidden);
      const [holder] = await s.repo.subscribers('alice');
      assert.equal(holder?.name, '山田 花子', 'unchanged');
      const head = await auditHeadSeq(s.ctx.store.db);
      assert.equal(await run(s.ctx, importSubscribers, providerAdmin, input), 6);
      assert.equal((await s.repo.subscribers('alice'))[0]?.name, '山田 花子 (new)');
      const [entry] = await auditSince(s.ctx.store.db, head);
      assert.equal(entry?.action, 'attribution.subscribers_imported');
      assert.deepEqual(entry?.details, { file, sha256: input.source.sha256, entries: 6, skipped: 1 });
      const nat = fixture('nat-config.json');
      await assert.rejects(
        run(s.ctx, importNatConfigs, investigator, { source: { file: nat, sha256: fileSha256(nat) }, configs: [] }),
        forbidden,
      );
    });

    test('an ingest run is one audit entry with its files, hashes and counts, however many batches', async () => {
      await assert.rejects(
        ingestLogs(s.ctx, legal, { files: [fixture('kea4.csv')], format: 'kea4' }),
        forbidden,
        'legal does not feed logs in',
      );
      const head = await auditHeadSeq(s.ctx.store.db);
      const fresh = join(s.dir, 'more.csv');
      writeFileSync(fresh, generic(6));
      const again = fixture('netscaler-lsn.log');
      const summary = await ingestLogs(s.ctx, operator, { files: [fresh], format: 'generic-csv', batchLines: 2 });
      assert.equal(summary.ingested, 6);
      await ingestLogs(s.ctx, operator, { files: [again], format: 'netscaler-lsn' });
      const entries = await auditSince(s.ctx.store.db, head);
      assert.deepEqual(
        entries.map((e) => e.details),
        [
          {
            format: 'generic-csv',
            files: [
              { file: fresh, sha256: fileSha256(fresh), records: 6, keptAsOne: 0, skipped: 0, alreadyIngested: false },
            ],
            ingested: 6,
            keptAsOne: 0,
            skipped: 0,
          },
          {
            format: 'netscaler-lsn',
            files: [
              { file: again, sha256: fileSha256(again), records: 0, keptAsOne: 0, skipped: 0, alreadyIngested: true },
            ],
            ingested: 0,
            keptAsOne: 0,
            skipped: 0,
          },
        ],
      );
      assert.deepEqual(
        entries.map((e) => [e.action, e.actorId]),
        [
          ['attribution.ingested', operator.id],
          ['attribution.ingested', operator.id],
        ],
      );
      rmSync(fresh);
    });

    test('a file with a line longer than any log line stops its run, named, without reading it whole', async () => {
      const huge = join(s.dir, 'huge.csv');
      writeFileSync(huge, `${generic(1, 200)}${'x'.repeat(40 << 20)}`);
      const head = await auditHeadSeq(s.ctx.store.db);
      const started = Date.now();
      await assert.rejects(
        ingestLogs(s.ctx, SYSTEM_CALLER, { files: [huge], format: 'generic-csv' }),
        (e: unknown) =>
          e instanceof DomainError &&
          e.code === 'VALIDATION_FAILED' &&
          /huge\.csv:3: .*16 MiB/.test(e.message) &&
          /huge\.csv:3: .*16 MiB/.test(e.messages.ja),
      );
      assert.ok(Date.now() - started < 20_000, 'refused without reading the line whole');
      const [entry] = await auditSince(s.ctx.store.db, head);
      assert.match(String(entry?.details.stopped), /huge\.csv:3/);
      rmSync(huge);
    });

    test('a run stopped by --strict is audited with what it committed and why it stopped', async () => {
      const bad = join(s.dir, 'strict.csv');
      writeFileSync(bad, `${generic(6, 100)}assign,not-a-time,,192.0.2.99,,,,bad\n`);
      const head = await auditHeadSeq(s.ctx.store.db);
      await assert.rejects(
        ingestLogs(s.ctx, SYSTEM_CALLER, { files: [bad], format: 'generic-csv', strict: true, batchLines: 3 }),
        StrictStop,
      );
      const [entry] = await auditSince(s.ctx.store.db, head);
      assert.equal(entry?.action, 'attribution.ingested');
      assert.equal(entry?.actorType, 'system');
      const files = entry?.details.files as Array<{ records: number; skipped: number }>;
      // lines 1–3 (the header and two rows) and 4–6 committed; line 7 was in the batch the stop discarded
      assert.equal(files[0]?.records, 5);
      assert.equal(files[0]?.skipped, 1);
      assert.match(String(entry?.details.stopped), /strict\.csv:8: /);
      rmSync(bad);
    });
  });
}
