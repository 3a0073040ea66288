// A post written into its URL (`…/t/100#5`, `…/t/100/5`) is the post `5` of `…/t/100`: one canonical
// form (`canonicalPost`) at import, at lookup, and for rows stored before (migration 034). On SQLite
// and PostgreSQL.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { SYSTEM_CALLER } from '../../src/domain/access.ts';
import { canonicalPost } from '../../src/domain/post-target.ts';
import { lookupPost } from '../../src/holders/board-service.ts';
import { prepareFindings } from '../../src/holders/findings.ts';
import { run } from '../../src/kernel/unit-of-work.ts';
import { migrate, migrateDown } from '../../src/store/database.ts';
import { MIGRATIONS } from '../../src/store/migrations/index.ts';
import { testDialects } from '../support/dialects.ts';
import { boardInquiry, postLogSuite } from './support.ts';

test('canonicalPost: the post number in the fragment or the path is the post ID', () => {
  const c = (url: string, postId?: string) => canonicalPost(url, postId);
  const thread = 'https://board.example/t/100';
  assert.deepEqual(c('https://board.example/t/100#5'), { url: thread, postId: '5' });
  assert.deepEqual(c('https://board.example/t/100/5'), { url: thread, postId: '5' });
  assert.deepEqual(c('https://board.example/t/100/5/'), { url: thread, postId: '5' });
  assert.deepEqual(c('HTTPS://Board.Example:443/t/100/', '5'), { url: thread, postId: '5' });
  assert.deepEqual(c('https://board.example/t/100#p5'), { url: thread, postId: '5' });
  assert.deepEqual(c('https://board.example/t/100#post-5', '5'), { url: thread, postId: '5' });
  assert.deepEqual(c('https://board.example/t/100#p-5', 'p-5'), { url: thread, postId: 'p-5' });
  assert.deepEqual(c('https://board.example/t/100/5#reply'), { url: thread, postId: '5' });
  // a fragment that is no post number is dropped; so is one the given post ID contradicts
  assert.deepEqual(c('https://board.example/t/100#comments'), { url: thread, postId: null });
  assert.deepEqual(c('https://board.example/t/100#5', '7'), { url: thread, postId: '7' });
  // a path whose last segment the given post ID contradicts is kept whole
  assert.deepEqual(c('https://board.example/t/100/5', '7'), { url: 'https://board.example/t/100/5', postId: '7' });
  // one number alone is a thread, not a post; the query is kept
  assert.deepEqual(c('https://board.example/t/100'), { url: thread, postId: null });
  assert.deepEqual(c('https://board.example/read?t=100#5'), { url: 'https://board.example/read?t=100', postId: '5' });
  assert.deepEqual(c('https://board.example'), { url: 'https://board.example/', postId: null });
  assert.equal(c('ftp://board.example/t/100'), null);
  assert.equal(c('not a url'), null);
});

const CSV = `post_url,post_id,posted_at,source_address,source_port,account
https://board.example/t/100,5,2026-03-29T01:30:12+09:00,203.0.113.7,40211,taro
https://board.example/t/100,6,2026-03-29T01:31:00+09:00,198.51.100.6,50000,hanako
https://board.example/t/200/7,,2026-03-29T02:00:00+09:00,198.51.100.9,51000,jiro
https://board.example/t/300#9,,2026-03-29T02:10:00+09:00,198.51.100.10,51001,ken
`;

for (const dialect of testDialects()) {
  describe(`post targets with the post in the URL on ${dialect}`, () => {
    const s = postLogSuite(dialect, 'shokai-post-target-', { name: 'posts.csv', content: CSV });

    const who = async (url: string, postId?: string) => {
      const f = await run(s.ctx, lookupPost, SYSTEM_CALLER, { url, ...(postId === undefined ? {} : { postId }) });
      return { verdict: f.verdict, accounts: f.candidates.map((c) => c.account), asked: f.query.asReceived };
    };

    test('a URL with the post in the fragment or the path finds the row of the thread and post ID', async () => {
      for (const url of [
        'https://board.example/t/100#5',
        'https://board.example/t/100/5',
        'https://board.example/t/100/5/',
        'https://BOARD.example/t/100#p5',
      ]) {
        const r = await who(url);
        assert.equal(r.verdict, 'unique', url);
        assert.deepEqual(r.accounts, ['taro'], url);
        assert.equal(r.asked, url, 'the question is shown as it was received');
      }
      assert.deepEqual((await who('https://board.example/t/100', '5')).accounts, ['taro']);
      // the thread alone names two posts: ambiguous, asking for the post ID
      const thread = await run(s.ctx, lookupPost, SYSTEM_CALLER, { url: 'https://board.example/t/100#comments' });
      assert.equal(thread.verdict, 'ambiguous');
      assert.deepEqual(
        thread.resolveBy.map((h) => h.code),
        ['post_id'],
      );
    });

    test('rows whose export wrote the post into the URL are found by the thread and post ID', async () => {
      assert.deepEqual((await who('https://board.example/t/200', '7')).accounts, ['jiro']);
      assert.deepEqual((await who('https://board.example/t/200#7')).accounts, ['jiro']);
      assert.deepEqual((await who('https://board.example/t/300', '9')).accounts, ['ken']);
      assert.deepEqual((await who('https://board.example/t/300/9')).accounts, ['ken']);
      assert.equal((await who('https://board.example/t/300', '8')).verdict, 'none');
    });

    test('prepareFindings answers a request whose URL target carries the post number', async () => {
      const rq = boardInquiry('R8-003', [{ type: 'url', url: 'https://board.example/t/100#6' }]);
      const p = await run(s.ctx, prepareFindings, SYSTEM_CALLER, { request: rq });
      assert.equal(p.targets[0]?.finding?.verdict, 'unique');
      assert.equal(p.targets[0]?.item?.subscriber?.account, 'hanako');
    });

    test('migration 034 puts rows stored before in the canonical form', async () => {
      const db = s.ctx.store.db;
      await db
        .insertInto('board_posts')
        .values({
          id: 'old:1',
          post_url: 'https://board.example/t/400#3',
          post_id: null,
          posted_at: '2026-03-28T17:00:00.000Z',
          posted_offset: 540,
          source_address: '192.0.2.77',
          source_port: null,
          account: 'old-timer',
          file_name: 'old.csv',
          sha256: 'd'.repeat(64),
          line: 2,
          imported_at: '2026-03-29T00:00:00.000Z',
        })
        .execute();
      assert.equal((await who('https://board.example/t/400', '3')).verdict, 'none', 'before the migration');
      const names = MIGRATIONS.map((m) => m.name);
      const previous = names[names.indexOf('034-line-use-and-post-targets') - 1] ?? '';
      await migrateDown(s.ctx.store, previous);
      await migrate(s.ctx.store);
      assert.deepEqual((await who('https://board.example/t/400', '3')).accounts, ['old-timer']);
      assert.deepEqual((await who('https://board.example/t/400#3')).accounts, ['old-timer']);
    });
  });
}
