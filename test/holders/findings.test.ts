// The resolution core: a request's targets → findings from this installation's records, and the
// answer items a person starts from. Address targets go through the attribution engine; its verdicts
// are mapped, never re-decided, and an ambiguous finding never becomes one subscriber.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type Principal, SYSTEM_CALLER } from '../../src/domain/access.ts';
import { AnswerContentSchema, validateAnswerContent } from '../../src/domain/answer-content.ts';
import { DomainError } from '../../src/domain/errors.ts';
import { FindingSchema } from '../../src/domain/finding.ts';
import { RequestContentSchema } from '../../src/domain/request-content.ts';
import { prepareFindings } from '../../src/holders/findings.ts';
import { run } from '../../src/kernel/unit-of-work.ts';
import { populatedStoreHooks } from '../attribution/setup.ts';
import { auditHeadSeq, auditSince } from '../support/audit.ts';
import { testDialects } from '../support/dialects.ts';
import { civilToAccessProvider } from '../support/flow.ts';
import { inquiry } from './support.ts';

const agencyPerson: Principal = {
  kind: 'user',
  id: 'usr_inv',
  organisationId: 'org_agency',
  organisationKind: 'agency',
  unitId: null,
  roles: ['investigator'],
  displayName: 'investigator',
};

for (const dialect of testDialects()) {
  describe(`prepareFindings, address targets, on ${dialect}`, () => {
    const s = populatedStoreHooks(dialect);

    test('unique, ambiguous and none, each mapped with its window, sources and reasons', async () => {
      const request = inquiry([
        { type: 'ip', address: '203.0.113.7', port: 40211, at: '2026-03-29T01:30:12+09:00' },
        { type: 'ip', address: '203.0.113.7', at: '2026-03-29T01:30:12+09:00' },
        { type: 'ip', address: '203.0.113.7', port: 1000, at: '2026-03-29T01:30:12+09:00' },
        { type: 'ip', address: '198.18.0.1', at: '2026-03-29T01:30:12+09:00' },
      ]);
      const seq = await auditHeadSeq(s.ctx.store.db);
      const p = await run(s.ctx, prepareFindings, SYSTEM_CALLER, { request });
      assert.equal(p.targets.length, 4);
      for (const t of p.targets) FindingSchema.parse(t.finding);

      const [u, amb, port, unknown] = p.targets;
      assert.equal(u?.finding?.verdict, 'unique');
      assert.equal(u?.records, 'address_logs');
      assert.deepEqual(u?.finding?.query.window, {
        from: '2026-03-29T01:30:12.000+09:00',
        to: '2026-03-29T01:30:12.000+09:00',
      });
      const c = u?.finding?.candidates[0];
      assert.equal(c?.account, 'alice');
      assert.equal(c?.person?.name, '山田 花子');
      assert.equal(c?.line?.installationAddress, '東京都千代田区1-1-1, 101号');
      assert.ok(c?.notes.some((n) => n.code === 'line_not_person'));
      assert.deepEqual(c?.sources.map((x) => `${x.kind}:${x.file.split('/').pop()}:${x.line}`).sort(), [
        'assign:radius-detail.txt:10',
        'nat-block:juniper-pba.log:2',
      ]);
      assert.equal(u?.item?.result, 'found');
      assert.equal(u?.item?.subscriber?.name, '山田 花子');
      assert.equal(u?.item?.subscriber?.account, 'alice');

      // ambiguous: every candidate listed, no subscriber at the item's level, what would resolve it
      assert.equal(amb?.finding?.verdict, 'ambiguous');
      assert.deepEqual([...new Set(amb?.finding?.candidates.map((x) => x.account))].sort(), ['alice', 'carol']);
      assert.ok(amb?.finding?.reasons.some((r) => r.code === 'no_port_cgnat'));
      assert.deepEqual(
        amb?.finding?.resolveBy.map((h) => h.code),
        ['source_port'],
      );
      assert.equal(amb?.item?.result, 'found');
      assert.equal(amb?.item?.subscriber, undefined);
      assert.equal(amb?.item?.accessLog, undefined);

      assert.equal(port?.finding?.verdict, 'none');
      assert.deepEqual(port?.finding?.candidates, []);
      assert.equal(port?.item?.result, 'no_data');
      assert.ok(port?.finding?.reasons.some((r) => r.code === 'port_outside_blocks'));
      assert.equal(unknown?.item?.result, 'not_our_customer');
      assert.ok(unknown?.finding?.reasons.every((r) => r.text.ja.length > 0 && r.text.en.length > 0));

      // the draft answer is a valid answer to the request, and each lookup was audited
      assert.ok(p.answer);
      assert.equal(p.answer.outcome, 'full');
      validateAnswerContent(AnswerContentSchema.parse(p.answer), request);
      const entries = (await auditSince(s.ctx.store.db, seq)).filter((e) => e.action === 'attribution.looked_up');
      assert.equal(entries.length, 4);
      assert.ok(!JSON.stringify(entries).includes('山田'), 'the audit never names the subscriber');
    });

    test('a hand-over inside the tolerance is ambiguous and asks for a narrower window', async () => {
      const request = inquiry([
        { type: 'ip', address: '203.0.113.7', port: 40211, at: '2026-03-29T02:00:01+09:00', toleranceSeconds: 2 },
      ]);
      const p = await run(s.ctx, prepareFindings, SYSTEM_CALLER, { request });
      const f = p.targets[0]?.finding;
      assert.equal(f?.verdict, 'ambiguous');
      assert.deepEqual(
        f?.resolveBy.map((h) => h.code),
        ['narrower_window'],
      );
      assert.deepEqual(f?.query.window, { from: '2026-03-29T01:59:59.000+09:00', to: '2026-03-29T02:00:03.000+09:00' });
    });

    test('only what was asked goes in: without subscriber, no person, no line facts', async () => {
      const request = inquiry(
        [{ type: 'ip', address: '203.0.113.7', port: 40211, at: '2026-03-29T01:30:12+09:00' }],
        ['access_log'],
      );
      const p = await run(s.ctx, prepareFindings, SYSTEM_CALLER, { request });
      // the installation's own view keeps everything; what would leave is only what was asked
      assert.equal(p.targets[0]?.finding?.candidates[0]?.person?.name, '山田 花子');
      const c = p.targets[0]?.item?.finding?.candidates[0];
      assert.equal(c?.person, undefined);
      assert.equal(c?.line, undefined);
      assert.equal(p.targets[0]?.item?.subscriber, undefined);
      assert.equal(c?.insideAddress, '100.64.0.10');
    });

    test('targets not looked up here are left to a person; preservation prepares no item', async () => {
      const request = inquiry([
        { type: 'email', address: 'someone@example.jp' },
        { type: 'ip', address: '203.0.113.7', port: 40211, at: '2026-03-29T01:30:12+09:00' },
      ]);
      const p = await run(s.ctx, prepareFindings, SYSTEM_CALLER, { request });
      assert.equal(p.targets[0]?.finding, null);
      assert.equal(p.targets[0]?.item, null);
      assert.ok(p.targets[0]?.why?.ja);
      assert.equal(p.answer?.outcome, 'partial');
      assert.equal(p.answer?.items.length, 1);

      const preservation = RequestContentSchema.parse({ ...request, kind: 'preservation' });
      const q = await run(s.ctx, prepareFindings, SYSTEM_CALLER, { request: preservation });
      assert.equal(q.targets[1]?.finding?.verdict, 'unique');
      assert.equal(q.targets[1]?.item, null);
      assert.equal(q.answer, null);
    });

    test("a civil request's connection is looked up as an inquiry's: the subscriber found for it", async () => {
      const connection = { type: 'ip', address: '203.0.113.7', port: 40211, at: '2026-03-29T01:30:12+09:00' } as const;
      const post = { type: 'url', url: 'https://sakura-board.example/thread/77#res-3' } as const;
      const request = RequestContentSchema.parse(civilToAccessProvider('org_provider', '77', [post, connection]));
      const p = await run(s.ctx, prepareFindings, SYSTEM_CALLER, { request });
      const asInquiry = await run(s.ctx, prepareFindings, SYSTEM_CALLER, { request: inquiry([connection]) });
      assert.equal(p.targets[1]?.records, 'address_logs');
      assert.deepEqual(p.targets[1]?.finding?.verdict, asInquiry.targets[0]?.finding?.verdict);
      assert.equal(p.targets[1]?.item?.subscriber?.name, '山田 花子');
      assert.equal(p.answer?.outcome, 'partial');
    });

    test('an agency never prepares findings from a provider’s records', async () => {
      const request = inquiry([{ type: 'ip', address: '203.0.113.7', at: '2026-03-29T01:30:12+09:00' }]);
      await assert.rejects(
        run(s.ctx, prepareFindings, agencyPerson, { request }),
        (e) => e instanceof DomainError && e.code === 'FORBIDDEN',
      );
    });
  });
}
