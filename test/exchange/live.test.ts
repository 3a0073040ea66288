// Live updates: the server-sent event stream tells each open screen, after commit, of the changes its
// user may see — and of nothing that rolled back.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { testDialects } from '../support/dialects.ts';
import { listen } from '../support/events.ts';
import { ANY_DIGEST, approve, hubHooks, orgId, signInAll } from '../support/exchange.ts';
import { boardPost, draft, inquiry, threatToLife, transition } from '../support/flow.ts';

async function until(check: () => boolean, ms: number): Promise<number> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > ms) throw new Error(`not told within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
  return Date.now() - start;
}

for (const dialect of testDialects()) {
  describe(`live updates (${dialect})`, () => {
    const hub = hubHooks(dialect);

    test('the provider is told of an emergency delivered to it within a second; others are not', async () => {
      const sato = await hub.as('sato');
      const tanaka = await hub.as('tanaka');
      const board = await listen(hub, await hub.as('board.legal'));
      const isp = await listen(hub, await hub.as('isp.legal'));
      const osaka = await listen(hub, await hub.as('osaka'));
      await Promise.all([board.ready, isp.ready, osaka.ready]);
      try {
        const boardId = await orgId(hub, 'Sakura Board K.K.');
        const d = await draft(sato, threatToLife(boardId, '緊急 live', boardPost('t/live#1')));
        await transition(sato, d.id, { action: 'submit' });
        // A refused approval rolls back: nobody is told of it.
        const wrong = await tanaka.call('POST', `/v1/requests/${d.id}/transitions`, {
          action: 'approve',
          digest: ANY_DIGEST,
        });
        assert.equal(wrong.status, 409);
        assert.equal((await approve(tanaka, d.id)).status, 200);
        // Told after the commit, on the open stream (how soon: `npm run bench:live`, not a timed assertion).
        await until(() => board.told.some((e) => e.data.requestId === d.id && e.data.state === 'received'), 15_000);
        const mine = board.told.filter((e) => e.data.requestId === d.id);
        assert.ok(
          mine.every((e) => e.data.state !== 'draft' && e.data.state !== 'awaiting_approval'),
          'no pre-delivery news',
        );
        assert.equal(mine.find((e) => e.data.state === 'received')?.data.kind, 'emergency');
        await new Promise((r) => setTimeout(r, 200));
        assert.ok(!isp.told.some((e) => e.data.requestId === d.id), 'another provider is not told');
        assert.ok(!osaka.told.some((e) => e.data.requestId === d.id), 'another agency is not told');
      } finally {
        board.close();
        isp.close();
        osaka.close();
      }
    });

    test('the unit head is told a request awaits approval; a rolled-back change tells no one', async () => {
      const sato = await hub.as('sato');
      const head = await listen(hub, await hub.as('tanaka'));
      await head.ready;
      try {
        const boardId = await orgId(hub, 'Sakura Board K.K.');
        const targets = [{ type: 'account', id: 'live-2' }];
        const content = inquiry(boardId, { caseReference: 'live-2', facts: '書き込み', necessity: '特定', targets });
        const d = await draft(sato, content);
        const bad = await sato.call('POST', '/v1/requests', { content: { ...content, categories: ['content'] } });
        assert.equal(bad.status, 422);
        await transition(sato, d.id, { action: 'submit' });
        await until(
          () => head.told.some((e) => e.data.requestId === d.id && e.data.state === 'awaiting_approval'),
          15_000,
        );
        assert.deepEqual(
          head.told.filter((e) => e.data.requestId === d.id).map((e) => e.data.state),
          ['draft', 'awaiting_approval'],
        );
        assert.equal(head.told.length, 2, 'nothing for the refused draft');
      } finally {
        head.close();
      }
    });

    test('a stream ends with its session: a user disabled or signed out is told nothing more', async () => {
      const [sato, osaka, admin, head] = await signInAll(hub, 'sato', 'osaka', 'mpd.admin', 'osaka.head');
      const disabled = await listen(hub, await hub.as('ito'));
      const signedOut = await listen(hub, head);
      await Promise.all([disabled.ready, signedOut.ready]);
      try {
        const users = await admin.call<{ items: Array<{ id: string; login: string }> }>('GET', '/v1/users');
        const ito = users.body.items.find((u) => u.login === 'ito');
        assert.ok(ito);
        assert.equal((await admin.call('POST', `/v1/users/${ito.id}/disable`)).status, 200);
        assert.equal((await head.call('POST', '/v1/auth/logout')).status, 200);
        const boardId = await orgId(hub, 'Sakura Board K.K.');
        const ask = (ref: string) => inquiry(boardId, { caseReference: ref, targets: [{ type: 'account', id: ref }] });
        // Before, both streams went on: the disabled investigator and the signed-out head were told of
        // every request their unit drafted.
        const mine = await draft(sato, ask('live-ended-1'));
        const theirs = await draft(osaka, ask('live-ended-2'));
        const ended = (s: { ended: Promise<void> }) =>
          Promise.race([s.ended.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 10_000))]);
        assert.deepEqual(await Promise.all([ended(disabled), ended(signedOut)]), [true, true], 'both streams ended');
        assert.ok(!disabled.told.some((e) => e.data.requestId === mine.id), 'the disabled user is told nothing');
        assert.ok(!signedOut.told.some((e) => e.data.requestId === theirs.id), 'the signed-out head is told nothing');
      } finally {
        disabled.close();
        signedOut.close();
      }
    });
  });
}
