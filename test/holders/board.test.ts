// A bulletin board's installation: its post log imported (CSV and JSON; one bad record refuses the
// file, nothing half-stored), and post targets answered from it with a verdict.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { SYSTEM_CALLER } from '../../src/domain/access.ts';
import { AnswerContentSchema, validateAnswerContent } from '../../src/domain/answer-content.ts';
import { DomainError } from '../../src/domain/errors.ts';
import { FindingSchema } from '../../src/domain/finding.ts';
import { importPostLog, lookupPost } from '../../src/holders/board-service.ts';
import { prepareFindings } from '../../src/holders/findings.ts';
import { postLogCommunications } from '../../src/holders/post-communications.ts';
import { run } from '../../src/kernel/unit-of-work.ts';
import { auditHeadSeq, auditSince } from '../support/audit.ts';
import { testDialects } from '../support/dialects.ts';
import { boardInquiry, postLogSuite } from './support.ts';

const CSV = `post_url,post_id,posted_at,source_address,source_port,account
https://bbs.example.jp/t/100,5,2026-03-29T01:30:12+09:00,203.0.113.7,40211,taro
https://bbs.example.jp/t/100,6,2026-03-29T01:31:00+09:00,2001:DB8::1,,
https://bbs.example.jp/t/200,7,2026-03-29T02:00:00+09:00,198.51.100.9,51000,hanako
https://bbs.example.jp/t/200,8,2026-03-29T02:05:00+09:00,198.51.100.10,51001,jiro
`;
const JSON_LOG = JSON.stringify({
  posts: [
    // the same post exported again with another address: the log contradicts itself
    {
      post_url: 'https://bbs.example.jp/t/100',
      post_id: '6',
      posted_at: '2026-03-28T16:31:00Z',
      source_address: '192.0.2.44',
      source_port: 1234,
    },
    { post_id: 'x-9', posted_at: '2026-03-29T03:00:00+09:00', source_address: '192.0.2.45', account: 'ken' },
  ],
});

for (const dialect of testDialects()) {
  describe(`bulletin board post log on ${dialect}`, () => {
    const s = postLogSuite(dialect, 'shokai-board-');

    test('a file with bad records is refused whole, naming line, field and value; nothing is stored', async () => {
      const bad = `${CSV}https://bbs.example.jp/t/300,9,2026-03-29 03:00:00,192.0.2.1,80,a
https://bbs.example.jp/t/300,10,2026-03-29T03:00:00+09:00,999.1.1.1,80,b
https://bbs.example.jp/t/300,11,2026-03-29T03:00:00+09:00,192.0.2.1,70000,c
,,2026-03-29T03:00:00+09:00,192.0.2.1,80,d
`;
      await assert.rejects(
        run(s.ctx, importPostLog, SYSTEM_CALLER, { file: { name: 'posts.csv', content: bad } }),
        (e) => {
          assert.ok(e instanceof DomainError && e.code === 'VALIDATION_FAILED');
          const problems = e.details?.problems as Array<{ line: number; field: string; value: unknown }>;
          assert.deepEqual(
            problems.map((p) => [p.line, p.field, p.value]),
            [
              [6, 'posted_at', '2026-03-29 03:00:00'],
              [7, 'source_address', '999.1.1.1'],
              [8, 'source_port', '70000'],
              [9, 'post_url', ''],
            ],
          );
          assert.match(e.messages.en, /posts\.csv:6: posted_at = "2026-03-29 03:00:00"/);
          assert.match(e.messages.ja, /何も取り込みませんでした/);
          return true;
        },
      );
      const f = await run(s.ctx, lookupPost, SYSTEM_CALLER, { url: 'https://bbs.example.jp/t/100', postId: '5' });
      assert.equal(f.verdict, 'none', 'the good lines of the refused file were not stored either');
      assert.equal(f.query.window, undefined);
    });

    test('CSV and JSON import; again is a no-op; audited', async () => {
      const seq = await auditHeadSeq(s.ctx.store.db);
      const a = await run(s.ctx, importPostLog, SYSTEM_CALLER, { file: { name: 'posts.csv', content: CSV } });
      assert.deepEqual([a.posts, a.alreadyImported], [4, false]);
      const again = await run(s.ctx, importPostLog, SYSTEM_CALLER, { file: { name: 'copy.csv', content: CSV } });
      assert.deepEqual([again.posts, again.alreadyImported], [4, true]);
      const b = await run(s.ctx, importPostLog, SYSTEM_CALLER, { file: { name: 'more.json', content: JSON_LOG } });
      assert.equal(b.posts, 2);
      const entries = (await auditSince(s.ctx.store.db, seq)).filter((e) => e.action === 'holders.posts_imported');
      assert.equal(entries.length, 3);
      await assert.rejects(
        run(s.ctx, importPostLog, SYSTEM_CALLER, {
          file: {
            name: 'x.json',
            content: JSON.stringify([{ post_id: '1', posted_at: '2026-03-29T03:00:00', source_address: '192.0.2.1' }]),
          },
        }),
        (e) => e instanceof DomainError && JSON.stringify(e.details).includes('"line":1,"field":"posted_at"'),
      );
    });

    test('post ID → time with its offset, address, port and account: unique', async () => {
      const seq = await auditHeadSeq(s.ctx.store.db);
      const f = FindingSchema.parse(
        await run(s.ctx, lookupPost, SYSTEM_CALLER, { url: 'https://BBS.example.jp/t/100', postId: '5' }),
      );
      assert.equal(f.verdict, 'unique');
      assert.equal(f.records, 'post_log');
      const c = f.candidates[0];
      assert.equal(c?.account, 'taro');
      assert.deepEqual(c?.posts, [
        {
          url: 'https://bbs.example.jp/t/100',
          postId: '5',
          at: '2026-03-29T01:30:12.000+09:00',
          address: '203.0.113.7',
          port: 40211,
          account: 'taro',
        },
      ]);
      assert.deepEqual(c?.sources, [{ kind: 'post', file: 'posts.csv', line: 2 }]);
      assert.ok(f.query.window);
      const [entry] = (await auditSince(s.ctx.store.db, seq)).filter((e) => e.action === 'holders.posts_looked_up');
      assert.equal(entry?.details.verdict, 'unique');
      assert.ok(!JSON.stringify(entry).includes('taro'), 'the audit never names the account');
    });

    const contradictingRecordsTitle =
      'contradicting records are ambiguous; a URL of several posts asks for the post ID; unknown is none';
    test(contradictingRecordsTitle, async () => {
      const twice = await run(s.ctx, lookupPost, SYSTEM_CALLER, { url: 'https://bbs.example.jp/t/100', postId: '6' });
      assert.equal(twice.verdict, 'ambiguous');
      assert.deepEqual(twice.candidates.map((c) => c.posts?.[0]?.address).sort(), ['192.0.2.44', '2001:db8::1']);
      assert.deepEqual(
        twice.resolveBy.map((h) => h.code),
        ['other_records'],
      );
      const thread = await run(s.ctx, lookupPost, SYSTEM_CALLER, { url: 'https://bbs.example.jp/t/200' });
      assert.equal(thread.verdict, 'ambiguous');
      assert.deepEqual(
        thread.resolveBy.map((h) => h.code),
        ['post_id'],
      );
      const byId = await run(s.ctx, lookupPost, SYSTEM_CALLER, { url: 'https://bbs.example.jp/x', postId: 'x-9' });
      // A record without a URL matches by its post ID, but may be another thread's post of that number
      // (test/holders/board-threads.test.ts).
      assert.equal(byId.verdict, 'ambiguous');
      assert.equal(byId.candidates[0]?.account, 'ken');
      assert.deepEqual(
        byId.resolveBy.map((h) => h.code),
        ['check_thread'],
      );
      const none = await run(s.ctx, lookupPost, SYSTEM_CALLER, { url: 'https://bbs.example.jp/t/999' });
      assert.equal(none.verdict, 'none');
      assert.deepEqual(
        none.reasons.map((r) => r.code),
        ['no_post'],
      );
    });

    test('a thread with more posts than a finding holds: ambiguous, saying it was cut, not an error', async () => {
      const lines = Array.from({ length: 1001 }, (_, i) => {
        const at = new Date(Date.parse('2026-04-01T00:00:00Z') + i * 1000).toISOString();
        return `https://bbs.example.jp/t/big,${i + 1},${at},192.0.2.${(i % 250) + 1},,poster${i}`;
      });
      const content = `post_url,post_id,posted_at,source_address,source_port,account\n${lines.join('\n')}\n`;
      await run(s.ctx, importPostLog, SYSTEM_CALLER, { file: { name: 'big.csv', content } });
      const f = await run(s.ctx, lookupPost, SYSTEM_CALLER, { url: 'https://bbs.example.jp/t/big' });
      FindingSchema.parse(f);
      assert.equal(f.verdict, 'ambiguous');
      assert.equal(f.candidates.length, 1000);
      assert.deepEqual(
        f.reasons.map((r) => r.code),
        ['too_many_posts', 'several_posts'],
      );
      assert.match(f.reasons[0]?.text.ja ?? '', /多すぎて/);
      assert.deepEqual(
        f.resolveBy.map((h) => h.code),
        ['post_id'],
      );
      // A provision order for that thread offers the first 1000 and says the rest were not read.
      const offered = await run(
        s.ctx,
        postLogCommunications,
        SYSTEM_CALLER,
        [{ type: 'url', url: 'https://bbs.example.jp/t/big' }],
        { reference: 'R-BIG' },
      );
      assert.equal(offered.posts[0]?.communications.length, 1000);
      assert.match(offered.posts[0]?.why?.ja ?? '', /最初の 1000 件/);
      assert.match(offered.posts[0]?.why?.en ?? '', /other communications may be missing/);
    });

    test('prepareFindings answers post targets from the log', async () => {
      const rq = boardInquiry('R8-002', [
        { type: 'url', url: 'https://bbs.example.jp/t/100', postId: '5' },
        { type: 'url', url: 'https://bbs.example.jp/t/200' },
        { type: 'url', url: 'https://bbs.example.jp/t/999' },
      ]);
      const p = await run(s.ctx, prepareFindings, SYSTEM_CALLER, { request: rq });
      assert.deepEqual(
        p.targets.map((t) => [t.records, t.finding?.verdict, t.item?.result]),
        [
          ['post_log', 'unique', 'found'],
          ['post_log', 'ambiguous', 'found'],
          ['post_log', 'none', 'no_data'],
        ],
      );
      assert.deepEqual(p.targets[0]?.item?.accessLog, [
        { at: '2026-03-29T01:30:12.000+09:00', address: '203.0.113.7', port: 40211, action: 'post' },
      ]);
      assert.equal(p.targets[0]?.item?.subscriber?.account, 'taro');
      assert.equal(p.targets[1]?.item?.accessLog, undefined, 'an ambiguous post gives no single record');
      assert.ok(p.answer);
      validateAnswerContent(AnswerContentSchema.parse(p.answer), rq);
    });
  });
}
