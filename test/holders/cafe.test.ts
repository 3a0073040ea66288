// An internet café's installation: the ordinance's records imported (a bad record refuses the file),
// terminal + period → member with the same verdicts, and records purged after three years (audited).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { generateKekSecret, kekFromSecret } from '../../src/crypto/key-wrap.ts';
import { SYSTEM_CALLER } from '../../src/domain/access.ts';
import { AnswerContentSchema, validateAnswerContent } from '../../src/domain/answer-content.ts';
import { DomainError } from '../../src/domain/errors.ts';
import { FindingSchema } from '../../src/domain/finding.ts';
import { RequestContentSchema } from '../../src/domain/request-content.ts';
import { importCafeRecords, lookupTerminal, purgeCafeRecords } from '../../src/holders/cafe-service.ts';
import { prepareFindings } from '../../src/holders/findings.ts';
import { type AppContext, createContext } from '../../src/kernel/context.ts';
import { run } from '../../src/kernel/unit-of-work.ts';
import { openStore, type Store } from '../../src/store/database.ts';
import { auditHeadSeq, auditSince } from '../support/audit.ts';
import { suiteLocation, testDialects } from '../support/dialects.ts';
import { cafeRecords } from '../support/flow.ts';

const ID_CHECKS = `member,document_kind,checked_at,name,address,birth_date
M001,drivers_licence,2026-03-01T10:00:00+09:00,鈴木 一郎,東京都新宿区1-2-3,1990-04-01
M002,my_number_card,2026-03-02T11:00:00+09:00,佐藤 花子,東京都豊島区4-5-6,1995-07-07
M003,passport,2023-01-10T09:00:00+09:00,田中 三郎,東京都中野区7-8-9,1980-01-01
`;
const USE = JSON.stringify([
  { terminal: 'B-12', member: 'M001', entered_at: '2026-03-29T00:10:00+09:00', exited_at: '2026-03-29T02:00:00+09:00' },
  { terminal: 'B-12', member: 'M002', entered_at: '2026-03-29T02:05:00+09:00', exited_at: '2026-03-29T04:00:00+09:00' },
  // the till recorded two members on one booth at once
  { terminal: 'B-14', member: 'M001', entered_at: '2026-03-29T10:00:00+09:00', exited_at: '2026-03-29T12:00:00+09:00' },
  { terminal: 'B-14', member: 'M002', entered_at: '2026-03-29T11:30:00+09:00', exited_at: '2026-03-29T13:00:00+09:00' },
  { terminal: 'B-01', member: 'M003', entered_at: '2023-01-10T09:05:00+09:00', exited_at: '2023-01-10T12:00:00+09:00' },
]);

const cafeRequest = (targets: unknown[]) =>
  RequestContentSchema.parse(cafeRecords('org_cafe', { caseReference: 'R8-003', targets }));

for (const dialect of testDialects()) {
  describe(`internet café records on ${dialect}`, () => {
    let store: Store;
    let ctx: AppContext;
    let now = new Date('2026-04-01T00:00:00Z');
    after(async () => store.close()); // before the store's location is dropped
    const { fresh } = suiteLocation(dialect, 'shokai-cafe-');
    before(async () => {
      store = await openStore((await fresh()).location);
      ctx = await createContext(store, kekFromSecret(generateKekSecret()), () => now);
    });

    test('bad records refuse the whole file, naming line, field and value', async () => {
      const bad = `${ID_CHECKS}M004,library_card,2026-03-02T11:00:00+09:00,,,\nM005,passport,2026-03-02 11:00,,,\n`;
      await assert.rejects(
        run(ctx, importCafeRecords, SYSTEM_CALLER, { kind: 'id-checks', file: { name: 'ids.csv', content: bad } }),
        (e) => {
          assert.ok(e instanceof DomainError);
          const problems = e.details?.problems as Array<{ line: number; field: string; value: unknown }>;
          assert.deepEqual(
            problems.map((p) => [p.line, p.field, p.value]),
            [
              [5, 'document_kind', 'library_card'],
              [6, 'checked_at', '2026-03-02 11:00'],
            ],
          );
          return true;
        },
      );
      const reversed = JSON.stringify([
        {
          terminal: 'B-1',
          member: 'M1',
          entered_at: '2026-03-29T02:00:00+09:00',
          exited_at: '2026-03-29T01:00:00+09:00',
        },
      ]);
      await assert.rejects(
        run(ctx, importCafeRecords, SYSTEM_CALLER, {
          kind: 'terminal-use',
          file: { name: 'use.json', content: reversed },
        }),
        (e) => e instanceof DomainError && /use\.json:1: exited_at/.test(e.messages.en),
      );
      const f = await run(ctx, lookupTerminal, SYSTEM_CALLER, {
        terminal: 'B-12',
        from: '2026-03-29T01:00:00+09:00',
        to: '2026-03-29T01:05:00+09:00',
      });
      assert.equal(f.verdict, 'none', 'nothing of the refused files was stored');
    });

    test('import, then terminal + period → member: unique, ambiguous, none', async () => {
      const seq = await auditHeadSeq(store.db);
      await run(ctx, importCafeRecords, SYSTEM_CALLER, {
        kind: 'id-checks',
        file: { name: 'ids.csv', content: ID_CHECKS },
      });
      const u = await run(ctx, importCafeRecords, SYSTEM_CALLER, {
        kind: 'terminal-use',
        file: { name: 'use.json', content: USE },
      });
      assert.equal(u.records, 5);
      const one = FindingSchema.parse(
        await run(ctx, lookupTerminal, SYSTEM_CALLER, {
          terminal: 'B-12',
          from: '2026-03-29T01:00:00+09:00',
          to: '2026-03-29T01:05:00+09:00',
        }),
      );
      assert.equal(one.verdict, 'unique');
      const c = one.candidates[0];
      assert.equal(c?.account, 'M001');
      assert.equal(c?.person?.name, '鈴木 一郎');
      assert.deepEqual(c?.idChecks, [{ documentKind: 'drivers_licence', checkedAt: '2026-03-01T10:00:00.000+09:00' }]);
      assert.deepEqual(c?.terminalUse, [
        { terminal: 'B-12', enteredAt: '2026-03-29T00:10:00.000+09:00', exitedAt: '2026-03-29T02:00:00.000+09:00' },
      ]);
      assert.deepEqual(
        c?.sources.map((x) => `${x.kind}:${x.file}:${x.line}`),
        ['terminal-use:use.json:1', 'id-check:ids.csv:2'],
      );
      assert.deepEqual(one.query.window, {
        from: '2026-03-29T01:00:00.000+09:00',
        to: '2026-03-29T01:05:00.000+09:00',
      });

      const span = await run(ctx, lookupTerminal, SYSTEM_CALLER, {
        terminal: 'B-12',
        from: '2026-03-29T01:30:00+09:00',
        to: '2026-03-29T03:00:00+09:00',
      });
      assert.equal(span.verdict, 'ambiguous');
      assert.deepEqual(
        span.candidates.map((x) => x.account),
        ['M001', 'M002'],
      );
      assert.deepEqual(
        span.resolveBy.map((h) => h.code),
        ['narrower_window'],
      );
      const overlap = await run(ctx, lookupTerminal, SYSTEM_CALLER, {
        terminal: 'B-14',
        from: '2026-03-29T11:40:00+09:00',
        to: '2026-03-29T11:45:00+09:00',
      });
      assert.equal(overlap.verdict, 'ambiguous', 'overlapping sessions of two members');
      assert.ok(overlap.reasons.some((r) => r.code === 'several_sessions'));
      const gap = await run(ctx, lookupTerminal, SYSTEM_CALLER, {
        terminal: 'B-12',
        from: '2026-03-29T02:01:00+09:00',
        to: '2026-03-29T02:04:00+09:00',
      });
      assert.deepEqual([gap.verdict, gap.reasons.map((r) => r.code)], ['none', ['no_session']]);
      const looked = (await auditSince(store.db, seq)).filter((e) => e.action === 'holders.cafe_looked_up');
      assert.equal(looked.length, 4);
      assert.ok(!JSON.stringify(looked).includes('M001') && !JSON.stringify(looked).includes('鈴木'));
    });

    test('prepareFindings answers terminal targets; the ambiguous one names no member', async () => {
      const rq = cafeRequest([
        { type: 'terminal', terminal: 'B-12', from: '2026-03-29T01:00:00+09:00', to: '2026-03-29T01:05:00+09:00' },
        { type: 'terminal', terminal: 'B-14', from: '2026-03-29T11:40:00+09:00', to: '2026-03-29T11:45:00+09:00' },
        { type: 'ip', address: '192.0.2.150', port: 40001, at: '2026-03-29T01:02:00+09:00' },
      ]);
      const p = await run(ctx, prepareFindings, SYSTEM_CALLER, { request: rq });
      // the café holds no address logs: its own address is left to a person, not answered "not our customer"
      const ip = p.targets.pop();
      assert.deepEqual([ip?.records, ip?.finding, ip?.item], [null, null, null]);
      assert.equal(p.answer?.outcome, 'partial');
      assert.deepEqual(
        p.targets.map((t) => [t.records, t.finding?.verdict, t.item?.result]),
        [
          ['cafe_records', 'unique', 'found'],
          ['cafe_records', 'ambiguous', 'found'],
        ],
      );
      assert.equal(p.targets[0]?.item?.subscriber?.name, '鈴木 一郎');
      assert.equal(p.targets[1]?.item?.subscriber, undefined);
      assert.ok(p.answer);
      validateAnswerContent(AnswerContentSchema.parse(p.answer), rq);
    });

    const beyondThreeYearsTitle =
      'beyond three years: none at lookup, and purged (audited); a member with later use keeps the ID check';
    test(beyondThreeYearsTitle, async () => {
      const old = await run(ctx, lookupTerminal, SYSTEM_CALLER, {
        terminal: 'B-01',
        from: '2023-01-10T10:00:00+09:00',
        to: '2023-01-10T10:05:00+09:00',
      });
      assert.deepEqual([old.verdict, old.reasons.map((r) => r.code)], ['none', ['outside_retention']]);

      const dry = await run(ctx, purgeCafeRecords, SYSTEM_CALLER, { dryRun: true });
      assert.deepEqual([dry.terminalUse, dry.idChecks, dry.cutoff], [1, 1, '2023-04-01T00:00:00.000Z']);
      const seq = await auditHeadSeq(store.db);
      const done = await run(ctx, purgeCafeRecords, SYSTEM_CALLER, {});
      assert.deepEqual([done.terminalUse, done.idChecks], [1, 1]);
      const [entry] = (await auditSince(store.db, seq)).filter((e) => e.action === 'holders.cafe_purged');
      assert.deepEqual([entry?.details.terminalUse, entry?.details.idChecks, entry?.details.dryRun], [1, 1, false]);
      assert.deepEqual((await run(ctx, purgeCafeRecords, SYSTEM_CALLER, {})).terminalUse, 0);

      // three years after the March 2026 services, they go too — not a day before
      now = new Date('2029-03-28T16:59:59Z'); // the first service ended 2026-03-28T17:00Z
      const early = await run(ctx, purgeCafeRecords, SYSTEM_CALLER, { dryRun: true });
      assert.deepEqual([early.terminalUse, early.idChecks], [0, 0]);
      now = new Date('2029-03-29T04:00:01Z'); // the last ended 2026-03-29T04:00Z
      const due = await run(ctx, purgeCafeRecords, SYSTEM_CALLER, {});
      assert.deepEqual([due.terminalUse, due.idChecks], [4, 2]);
      const gone = await run(ctx, lookupTerminal, SYSTEM_CALLER, {
        terminal: 'B-12',
        from: '2026-03-29T01:00:00+09:00',
        to: '2026-03-29T01:05:00+09:00',
      });
      assert.equal(gone.verdict, 'none');
    });

    test('a period with more sessions than are read is never one member’s', async () => {
      now = new Date('2026-04-01T00:00:00Z');
      // One regular's 1001 sessions on a booth, then another member's: the first 1001 read are all his.
      const at = (min: number) => new Date(Date.parse('2026-02-01T00:00:00Z') + min * 60_000).toISOString();
      const uses = Array.from({ length: 1001 }, (_, i) => ({
        terminal: 'Z-9',
        member: 'M010',
        entered_at: at(i * 10),
        exited_at: at(i * 10 + 5),
      }));
      uses.push({ terminal: 'Z-9', member: 'M011', entered_at: at(20_000), exited_at: at(20_005) });
      const file = { name: 'regular.json', content: JSON.stringify(uses) };
      await run(ctx, importCafeRecords, SYSTEM_CALLER, { kind: 'terminal-use', file });
      const f = await run(ctx, lookupTerminal, SYSTEM_CALLER, { terminal: 'Z-9', from: at(0), to: at(20_005) });
      assert.notEqual(f.verdict, 'unique', 'a member beyond the rows read may have used it');
      assert.ok(f.reasons.some((r) => r.code === 'too_many_sessions'));
      assert.ok(f.resolveBy.some((h) => h.code === 'narrower_window'));
    });

    test('a period past the newest record is never one member’s: a later session may not be in yet', async () => {
      now = new Date('2026-04-01T00:00:00Z');
      const use = 'terminal,member,entered_at,exited_at\nY-3,M020,2026-03-30T10:00+09:00,2026-03-30T11:00+09:00\n';
      await run(ctx, importCafeRecords, SYSTEM_CALLER, { kind: 'terminal-use', file: { name: 'y.csv', content: use } });
      const inside = { terminal: 'Y-3', from: '2026-03-30T10:30:00+09:00', to: '2026-03-30T10:50:00+09:00' };
      assert.equal((await run(ctx, lookupTerminal, SYSTEM_CALLER, inside)).verdict, 'unique');
      // The export holds the sessions that had ended when it was made: what came after is not in it yet.
      const past = await run(ctx, lookupTerminal, SYSTEM_CALLER, { ...inside, to: '2026-03-30T12:00:00+09:00' });
      assert.equal(past.verdict, 'ambiguous');
      assert.ok(past.reasons.some((r) => r.code === 'after_records'));
      const later = { terminal: 'Y-3', from: '2026-03-30T11:30:00+09:00', to: '2026-03-30T12:00:00+09:00' };
      const none = await run(ctx, lookupTerminal, SYSTEM_CALLER, later);
      assert.deepEqual([none.verdict, none.reasons.map((r) => r.code)], ['none', ['no_session', 'after_records']]);
    });
  });
}
