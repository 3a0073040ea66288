// A provision order (提供命令, art. 15(1)) carried out from the board's own post log: the communications
// recorded for the order's posts are offered with the log lines they came from, for a person to review;
// no post log, a post not in it, or a target that is no post is said in words. Each read is audited as a
// read of the post log, without the address. The lawyer reads none of it.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Schemas } from '#shokai/client';
import { claimAttributionData } from '../../src/attribution/attribution-service.ts';
import { SYSTEM_CALLER } from '../../src/domain/access.ts';
import { importPostLog } from '../../src/holders/board-service.ts';
import { run } from '../../src/kernel/unit-of-work.ts';
import { auditHeadSeq, auditSince } from '../support/audit.ts';
import { testDialects } from '../support/dialects.ts';
import { boardOrderHooks, receiveProvisionOrder } from '../support/provision.ts';
import type { ApiError } from '../support/replies.ts';

type Order = Schemas['AncillaryOrder'];
type FromLog = Schemas['PostLogCommunications'];

// Thread 961's post 2 is the order's post (`…/thread/961#res-2`): logged twice (two exports), once more
// in another thread; thread 962's post is not in the log.
const POSTS = `post_url,post_id,posted_at,source_address,source_port,account
https://sakura-board.example/thread/961,1,2026-11-20T09:00:00+09:00,198.51.100.9,40000,other
https://sakura-board.example/thread/961,2,2026-11-20T09:15:00+09:00,203.0.113.77,51515,anon-7
https://sakura-board.example/thread/963,2,2026-11-20T10:00:00+09:00,203.0.113.99,,anon-8
https://sakura-board.example/thread/961/2,,2026-11-20T09:15:00+09:00,203.0.113.77,51515,anon-7
`;

for (const dialect of testDialects()) {
  describe(`provision orders from the post log (${dialect})`, () => {
    const { hub, lawyer, board, orgs, provisionOrder } = boardOrderHooks(dialect);

    /** A provision order against the board for thread `96n`, issued and received by the board. */
    async function receivedOrder(n: number): Promise<Order> {
      const { path } = await provisionOrder(`96${n}`);
      // Before the board received it (the judge's signature checked), its post log is not read for it.
      assert.equal((await board.call<ApiError>('GET', `${path}/post-log`)).status, 409);
      return receiveProvisionOrder(board, path);
    }

    test('no post log of the board: said in words, nothing offered', async () => {
      const o = await receivedOrder(4);
      const r = await board.call<FromLog>('GET', `/v1/ancillary-orders/${o.id}/post-log`);
      assert.equal(r.status, 200, JSON.stringify(r.body));
      assert.equal(r.body.postLog, false);
      assert.deepEqual(r.body.posts, []);
      assert.match(r.body.why?.ja ?? '', /投稿記録がありません/);
      assert.match(r.body.why?.en ?? '', /no post log/);
    });

    test('the communications of the order’s post, with their lines; carried out from them', async () => {
      await run(hub.ctx, claimAttributionData, SYSTEM_CALLER, orgs.board);
      await run(hub.ctx, importPostLog, SYSTEM_CALLER, { file: { name: 'posts.csv', content: POSTS } });
      const o = await receivedOrder(1);
      const path = `/v1/ancillary-orders/${o.id}`;
      // The lawyer reads nothing of the board's records.
      assert.ok([403, 404].includes((await lawyer.call('GET', `${path}/post-log`)).status));

      const seq = await auditHeadSeq(hub.ctx.store.db);
      const r = await board.call<FromLog>('GET', `${path}/post-log`);
      assert.equal(r.status, 200, JSON.stringify(r.body));
      assert.equal(r.body.postLog, true);
      assert.equal(r.body.posts.length, 1);
      const post = r.body.posts[0];
      assert.equal(post?.why, null);
      assert.deepEqual(post?.communications, [
        {
          address: '203.0.113.77',
          port: 51515,
          at: '2026-11-20T09:15:00.000+09:00',
          post: { url: 'https://sakura-board.example/thread/961', postId: '2' },
          sources: [
            { file: 'posts.csv', line: 3 },
            { file: 'posts.csv', line: 5 },
          ],
        },
      ]);
      // Audited as a read of the post log: the post and the order, never the address or the account.
      const read = (await auditSince(hub.ctx.store.db, seq)).filter((e) => e.action === 'holders.posts_looked_up');
      assert.equal(read.length, 1);
      assert.equal(read[0]?.details.reference, o.reference);
      assert.equal(read[0]?.details.purpose, 'provision_order');
      assert.doesNotMatch(JSON.stringify(read), /203\.0\.113\.77|anon-7/);

      // The person carries it out with what the log gave: the access provider is named.
      const offered = post?.communications.map(({ address, port, at }) => ({ address, port, at })) ?? [];
      const provided = await board.call<Order>('POST', `${path}/provide`, { communications: offered });
      assert.equal(provided.status, 200, JSON.stringify(provided.body));
      assert.deepEqual(
        provided.body.provision?.accessProviders.map((a) => a.organisation.id),
        [orgs.isp],
      );
      // Carried out: the post log is no longer read for it.
      assert.equal((await board.call<ApiError>('GET', `${path}/post-log`)).status, 409);
    });

    test('a post not in the log is said in words, never guessed', async () => {
      const o = await receivedOrder(2);
      const r = await board.call<FromLog>('GET', `/v1/ancillary-orders/${o.id}/post-log`);
      assert.equal(r.status, 200, JSON.stringify(r.body));
      assert.equal(r.body.postLog, true);
      assert.deepEqual(r.body.posts[0]?.communications, []);
      assert.match(r.body.posts[0]?.why?.ja ?? '', /投稿記録にありません/);
      assert.match(r.body.posts[0]?.why?.en ?? '', /not in the post log/);
    });
  });
}
