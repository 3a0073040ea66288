// The second stage of a civil disclosure (発信者情報開示): the content provider disclosed the connection that
// sent the post; the lawyer asks the access provider (the ISP) for its subscriber, naming that connection —
// address, source port and the instant with its offset — as an inquiry to an ISP names it. A request to an
// access provider naming only the post is refused; the chain from the first answer carries the connection.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { testDialects } from '../support/dialects.ts';
import { anOrder, fileOrderApplication, issueOrder, orderPath } from '../support/disclosure-order.ts';
import { hubWithHooks } from '../support/exchange.ts';
import {
  answer,
  civilDisclosure,
  civilToAccessProvider,
  courtOrderRoute,
  issue,
  submitApprove,
  subscriberFound,
} from '../support/flow.ts';
import type { ApiError, RequestDetail } from '../support/replies.ts';

const CONNECTION = { type: 'ip', address: '203.0.113.9', port: 50123, at: '2026-11-20T10:00:00+09:00' } as const;

for (const dialect of testDialects()) {
  describe(`civil disclosure to an access provider (${dialect})`, () => {
    const {
      hub,
      people: [lawyer, board, isp, judge],
      orgs,
    } = hubWithHooks(dialect, ['lawyer', 'board.legal', 'isp.legal', 'judge']);

    /** The second-stage request to the ISP over thread `n`'s post, naming `targets`: the subscriber's name, address. */
    const toIsp = (n: string, targets: unknown[]) => civilToAccessProvider(orgs.isp, n, targets);

    test('naming only the post, it is refused in both languages, naming the targets', async () => {
      const post = civilDisclosure(orgs.isp, '8801').targets[0];
      const r = await lawyer.call<ApiError>('POST', '/v1/requests', { content: toIsp('8801', [post]) });
      assert.equal(r.status, 400, JSON.stringify(r.body));
      assert.equal(r.body.error.details?.field, 'targets');
      assert.match(r.body.error.message.ja, /経由プロバイダ（日本ネットワーク通信株式会社）/);
      assert.match(r.body.error.message.ja, /IPアドレス・接続元ポート番号・送信日時/);
      assert.match(r.body.error.message.en, /access provider/);
      // A time without its offset is refused at its field, as in an inquiry.
      const noOffset = await lawyer.call<ApiError>('POST', '/v1/requests', {
        content: toIsp('8801', [post, { ...CONNECTION, at: '2026-11-20T10:00:00' }]),
      });
      assert.equal(noOffset.status, 400, JSON.stringify(noOffset.body));
      assert.match(JSON.stringify(noOffset.body.error.details), /targets\.1\.at/);
    });

    test('from the first answer: the ISP receives the address, port and time, linked to that answer', async () => {
      const orderedAt = new Date(hub.ctx.clock().getTime() - 86400_000).toISOString().replace('Z', '+00:00');
      const first = await issue(
        lawyer,
        lawyer,
        civilDisclosure(
          orgs.board,
          '8802',
          courtOrderRoute(orgs.court, { caseNumber: '令和8年(発チ)第10199号', orderedAt }),
        ),
      );
      const answered = await answer(board, first.id, [
        {
          ...subscriberFound({ email: 'poster@mail.example' }),
          accessLog: [{ at: CONNECTION.at, address: CONNECTION.address, port: CONNECTION.port, action: 'post' }],
        },
      ]);
      assert.equal(answered.state, 'answered');

      const post = civilDisclosure(orgs.board, '8802').targets[0];
      const identifier = { ...CONNECTION, toleranceSeconds: 0 };
      const second = await lawyer.call<RequestDetail>('POST', '/v1/requests', {
        caseId: first.caseId,
        content: toIsp('8802', [post, identifier]),
        follows: { source: 'answer', requestId: first.id, identifier },
      });
      assert.equal(second.status, 201, JSON.stringify(second.body));
      assert.deepEqual(
        second.body.chain.follows.map((h) => h.requestId),
        [first.id],
        'linked to the answer it follows',
      );
      const sent = await submitApprove(lawyer, lawyer, second.body.id);
      assert.equal(sent.state, 'received', JSON.stringify(sent));
      const seen = await isp.call<RequestDetail>('GET', `/v1/requests/${second.body.id}`);
      assert.equal(seen.status, 200, JSON.stringify(seen.body));
      assert.deepEqual(
        seen.body.content?.targets.find((t) => t.type === 'ip'),
        identifier,
        'the ISP reads the connection to look up',
      );
    });

    test("under a court's order against the ISP, the request names the post, not the connection", async () => {
      // With a provision order (提供命令) the content provider gives the connection to the ISP directly; the
      // claimant never sees it, so neither the application nor the order, nor the request it opens, names it.
      const filed = await fileOrderApplication(lawyer, orgs.court, orgs.isp, '8803');
      await new Promise((r) => setTimeout(r, 20));
      const order = await issueOrder(judge, filed.id, anOrder(hub.ctx.clock().toISOString()));
      const opened = await lawyer.call<{ requestId: string | null }>('POST', `${orderPath(order.id)}/request`, {});
      assert.equal(opened.status, 201, JSON.stringify(opened.body));
      const requestId = opened.body.requestId ?? assert.fail('a request');
      const drafted = await lawyer.call<RequestDetail>('GET', `/v1/requests/${requestId}`);
      assert.deepEqual(
        drafted.body.content?.targets.map((t) => t.type),
        ['url'],
      );
    });
  });
}
