// A post log row with a post ID and no URL names no thread. A board that numbers its posts per thread
// (its log holds rows with URLs) has a post 5 in every thread: such a row may be another thread's post,
// so a lookup resting on it is ambiguous and a provision order is not offered its communication. A log
// of ID-only rows alone cannot say either: its board may number posts per thread too (docs/decisions.md).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { findingLines as agentLines } from '../../src/agent/render.ts';
import { findingHtml } from '../../src/agent/web-pages.ts';
import { renderFinding } from '../../src/cli/holders.ts';
import { findingLines as documentLines } from '../../src/documents/finding-lines.ts';
import { SYSTEM_CALLER } from '../../src/domain/access.ts';
import { FindingSchema } from '../../src/domain/finding.ts';
import { lookupPost } from '../../src/holders/board-service.ts';
import { prepareFindings } from '../../src/holders/findings.ts';
import { postLogCommunications } from '../../src/holders/post-communications.ts';
import { run } from '../../src/kernel/unit-of-work.ts';
import { testDialects } from '../support/dialects.ts';
import { boardInquiry, postLogSuite } from './support.ts';

// Thread 100's post 5 is taro's; a row of post 5 without a URL is mallory's (some other thread's post 5,
// or thread 200's: the row does not say). Post 6 of thread 100 was exported once more without its URL,
// telling the same.
const PER_THREAD = `post_url,post_id,posted_at,source_address,source_port,account
https://bbs.example.jp/t/100,5,2026-03-29T01:30:12+09:00,203.0.113.7,40211,taro
,5,2026-03-29T04:00:00+09:00,198.51.100.66,50000,mallory
https://bbs.example.jp/t/100,6,2026-03-29T01:31:00+09:00,203.0.113.8,40212,jiro
,6,2026-03-29T01:31:00+09:00,203.0.113.8,40212,jiro
`;

// An export naming no thread at all: post IDs across the board, or per thread with the URL left out.
const GLOBAL_IDS = `post_id,posted_at,source_address,source_port,account
9001,2026-03-29T01:30:12+09:00,203.0.113.7,40211,taro
9002,2026-03-29T01:31:00+09:00,203.0.113.8,40212,jiro
9002,2026-03-29T01:32:00+09:00,203.0.113.9,40213,saburo
`;

const url = (path: string, postId: string) => ({ type: 'url' as const, url: `https://bbs.example.jp${path}`, postId });

for (const dialect of testDialects()) {
  describe(`a post log row naming no thread, on ${dialect}`, () => {
    const s = postLogSuite(dialect, 'shokai-board-threads-', { name: 'posts.csv', content: PER_THREAD });

    test('another thread asked by the same post ID: ambiguous, never the ID-only row’s poster', async () => {
      const f = FindingSchema.parse(
        await run(s.ctx, lookupPost, SYSTEM_CALLER, { url: 'https://bbs.example.jp/t/200', postId: '5' }),
      );
      assert.equal(f.verdict, 'ambiguous', 'the ID-only row may be any thread’s post 5');
      assert.deepEqual(
        f.candidates.map((c) => c.account),
        ['mallory'],
      );
      assert.deepEqual(
        f.reasons.map((r) => r.code),
        ['post_no_thread'],
      );
      assert.match(f.reasons[0]?.text.ja ?? '', /スレッド/);
      assert.match(f.reasons[0]?.text.en ?? '', /no thread/);
      assert.deepEqual(
        f.resolveBy.map((h) => h.code),
        ['check_thread'],
      );
      assert.match(f.resolveBy[0]?.text.ja ?? '', /手作業/);
      assert.match(f.resolveBy[0]?.text.en ?? '', /by hand/);
      assert.deepEqual(
        f.candidates[0]?.notes.map((n) => n.code),
        ['no_thread'],
      );
    });

    test('the thread that has a post 5 with its URL: the ID-only row still makes it ambiguous', async () => {
      const f = await run(s.ctx, lookupPost, SYSTEM_CALLER, { url: 'https://bbs.example.jp/t/100#5' });
      assert.equal(f.verdict, 'ambiguous');
      assert.deepEqual(
        f.candidates.map((c) => [c.account, c.notes.map((n) => n.code)]),
        [
          ['taro', []],
          ['mallory', ['no_thread']],
        ],
      );
      assert.deepEqual(
        f.reasons.map((r) => r.code),
        ['several_posts', 'post_no_thread'],
      );
      assert.deepEqual(
        f.resolveBy.map((h) => h.code),
        ['other_records', 'check_thread'],
      );
    });

    test('an ID-only row telling what the URL row tells is the same post: unique', async () => {
      const f = await run(s.ctx, lookupPost, SYSTEM_CALLER, { url: 'https://bbs.example.jp/t/100/6' });
      assert.equal(f.verdict, 'unique');
      assert.equal(f.candidates[0]?.account, 'jiro');
      assert.deepEqual(f.candidates[0]?.notes, []);
      assert.deepEqual(
        f.candidates[0]?.sources.map((x) => x.line),
        [4, 5],
      );
    });

    test('the provider’s review (command line, page) and the 回答書 say why, in both languages', async () => {
      const f = await run(s.ctx, lookupPost, SYSTEM_CALLER, { url: 'https://bbs.example.jp/t/200', postId: '5' });
      const words = {
        ja: [
          /スレッド（URL）を記載していない投稿記録が投稿IDだけで該当/,
          /この投稿記録はスレッド（URL）を記載していません/,
          /手作業で確かめます/,
        ],
        en: [
          /A post log row naming no thread \(URL\) matches/,
          /This post log row names no thread/,
          /checks it by hand/,
        ],
      };
      for (const lang of ['ja', 'en'] as const) {
        const cli = agentLines(f, lang).join('\n');
        const page = findingHtml(f, lang);
        for (const w of words[lang]) {
          assert.match(cli, w, `shokai agent show (${lang})`);
          assert.match(page, w, `the installation's review page (${lang})`);
        }
      }
      const printed = documentLines(f, String, { queryInWords: true, candidateSpans: true })
        .map((l) => l.text)
        .join('\n');
      for (const w of words.ja) assert.match(printed, w, 'the 回答書');
      assert.match(renderFinding(f, 'Asia/Tokyo'), words.ja[0] as RegExp, 'shokai board lookup');
    });

    test('the answer a person starts from names nobody for the other thread', async () => {
      const p = await run(s.ctx, prepareFindings, SYSTEM_CALLER, {
        request: boardInquiry('R8-050', [url('/t/200', '5')]),
      });
      assert.equal(p.targets[0]?.finding?.verdict, 'ambiguous');
      assert.equal(p.targets[0]?.item?.subscriber, undefined);
      assert.equal(p.targets[0]?.item?.accessLog, undefined);
    });

    test('a provision order is not offered the ID-only row’s communication as the post’s', async () => {
      const r = await run(
        s.ctx,
        postLogCommunications,
        SYSTEM_CALLER,
        [url('/t/200', '5'), url('/t/100', '5'), url('/t/100', '6')],
        { reference: 'R8-提供-1' },
      );
      const [other, own, same] = r.posts;
      assert.deepEqual(other?.communications, [], 'mallory’s row may be another thread’s post 5');
      assert.match(other?.why?.ja ?? '', /スレッド（URL）を記載していない記録が 1 件/);
      assert.match(other?.why?.en ?? '', /1 log row with this post ID names no thread/);
      assert.deepEqual(
        own?.communications.map((c) => c.address),
        ['203.0.113.7'],
      );
      assert.match(own?.why?.en ?? '', /names no thread/);
      // The same communication exported again without its URL adds nothing to withhold.
      assert.deepEqual(
        same?.communications.map((c) => [c.address, c.post.url]),
        [['203.0.113.8', 'https://bbs.example.jp/t/100']],
      );
      assert.equal(same?.why, null);
    });
  });

  describe(`a post log of post IDs alone, on ${dialect}`, () => {
    const s = postLogSuite(dialect, 'shokai-board-global-', { name: 'global.csv', content: GLOBAL_IDS });

    test('the ID found once is still ambiguous: the log cannot tell per-thread numbers from global ones', async () => {
      const f = await run(s.ctx, lookupPost, SYSTEM_CALLER, { url: 'https://site.example/p', postId: '9001' });
      assert.equal(f.verdict, 'ambiguous', 'post 9001 may be any thread’s');
      assert.deepEqual(
        [f.candidates.map((c) => c.account), f.candidates[0]?.notes.map((n) => n.code)],
        [['taro'], ['no_thread']],
      );
      assert.deepEqual(
        [f.reasons.map((r) => r.code), f.resolveBy.map((h) => h.code)],
        [['post_no_thread'], ['check_thread']],
      );
      const twice = await run(s.ctx, lookupPost, SYSTEM_CALLER, { url: 'https://site.example/p', postId: '9002' });
      assert.equal(twice.verdict, 'ambiguous', 'rows of one ID that disagree stay ambiguous');
      const r = await run(s.ctx, postLogCommunications, SYSTEM_CALLER, [url('/p', '9001')], { reference: 'R8-提供-2' });
      assert.deepEqual(
        r.posts[0]?.communications,
        [],
        'the communication is entered by hand once the thread is checked',
      );
      assert.match(r.posts[0]?.why?.en ?? '', /^1 log row with this post ID names no thread/);
    });
  });
}
