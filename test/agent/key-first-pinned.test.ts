// A key's age for the emergency call-back counts here from the later of its log entry's `at` (the hub's word)
// and the instant this installation first pinned that entry. The order rule (./pin-extension.test.ts) refuses an
// entry dated before the one before it, but after a quiet log a hub can date a key registered today back to the
// pinned head's last entry: such a key is still young here. Keys in the first pin (a person's, compared out of
// band) keep their own `at`. The instants are kept in the store, so a restart keeps them.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { findAgentRequest } from '../../src/agent/agent.repository.ts';
import { hubRequestFacts } from '../../src/agent/call-back.ts';
import { pinnedDirectory } from '../../src/agent/intake.ts';
import { ownCallBack, ownCallBackReason } from '../../src/agent/own-call-back.ts';
import { editDraft, viewForReview } from '../../src/agent/review.ts';
import { approve, cycle, sendAll } from '../../src/agent/runner.ts';
import { firstPinnedSpans } from '../../src/directory/first-pinned.ts';
import { exportDirectory, importDirectory } from '../../src/directory/transparency.ts';
import { SYSTEM_CALLER } from '../../src/domain/access.ts';
import { SignedEnvelopeSchema } from '../../src/domain/envelope.ts';
import { signDirectoryHead } from '../../src/domain/pinned-directory.ts';
import { keyAgedFrom } from '../../src/domain/pinned-times.ts';
import { createContext } from '../../src/kernel/context.ts';
import { inTransaction, run } from '../../src/kernel/unit-of-work.ts';
import { openStore } from '../../src/store/database.ts';
import {
  addLegalOfficer,
  agentPage,
  installationKey,
  printedReview,
  runtime,
  startAgent,
  type TestAgent,
} from '../support/agent.ts';
import { testDialects } from '../support/dialects.ts';
import { DEMO_ORGS, startHub, type TestHub } from '../support/exchange.ts';
import { boardPost, issue, suicideNotice } from '../support/flow.ts';

const DAY = 86_400_000;

for (const dialect of testDialects()) {
  describe(`a key appended to the pin ages from when it was first pinned here (${dialect})`, () => {
    let hub: TestHub;
    let offset = 0;
    const now = () => new Date(Date.now() + offset);
    /** Pinned the whole log at the start: the approver's key came with its first pin. */
    let early: TestAgent;
    /** Pinned the log as it stood before the approver's keys; they were appended to its pin later. */
    let late: TestAgent;
    let lateSigner: Awaited<ReturnType<typeof installationKey>>['signer'];
    let appendedFrom = 0;

    before(async () => {
      hub = await startHub(dialect, { clock: now });
      early = await startAgent(hub, dialect, DEMO_ORGS.board, now);
      await early.pin();
      late = await startAgent(hub, dialect, DEMO_ORGS.board, now);
      // The log as it was before tanaka's keys were registered, signed by the hub: a person pins it.
      const tanaka = await hub.ctx.store.db
        .selectFrom('users')
        .select('id')
        .where('login', '=', 'tanaka')
        .executeTakeFirstOrThrow();
      const d = await run(hub.ctx, exportDirectory, SYSTEM_CALLER);
      appendedFrom = d.entries.findIndex((e) => e.type === 'key' && e.ownerId === tanaka.id);
      assert.ok(appendedFrom > 0, 'tanaka has a key in the log');
      const entries = d.entries.slice(0, appendedFrom);
      const signer = hub.ctx.auditSigner;
      const prefix = { ...d, entries, head: signDirectoryHead(signer.privateKey, signer.keyId, entries, d.head.at) };
      await run(late.ctx, importDirectory, SYSTEM_CALLER, JSON.parse(JSON.stringify(prefix)));
      assert.deepEqual(await firstPinnedSpans(late.ctx.store.db), [], 'the first pin records no instant');
      await installationKey(hub, early);
      lateSigner = (await installationKey(hub, late)).signer;
    });
    after(async () => {
      await early?.close();
      await late?.close();
      await hub?.close();
    });

    test('a key dated back to the head after a quiet log: the emergency answer is held for the call-back', async () => {
      // Ten days with nothing in the log; then the pin is extended by the tanaka's keys, dated at the start.
      offset += 10 * DAY;
      const issued = await issue(
        await hub.as('sato'),
        await hub.as('tanaka'),
        suicideNotice(late.organisationId, [boardPost('t/90#1')]),
      );
      const id = issued.id;
      const rt = runtime(late, lateSigner, late.link());
      const pinnedAt = now();
      await cycle(rt);
      const row = (await findAgentRequest(late.ctx.store.db, id)) ?? assert.fail('taken in');
      const pinned = (await inTransaction(late.ctx, pinnedDirectory)) ?? assert.fail('pinned');
      const spans = await firstPinnedSpans(late.ctx.store.db);
      assert.equal(spans.length, 1, JSON.stringify(spans));
      const span = spans[0] ?? assert.fail('one span');
      assert.equal(span.from, appendedFrom);
      assert.equal(span.to, pinned.entries.length);
      assert.ok(Date.parse(span.at) >= pinnedAt.getTime(), 'first pinned by this cycle, on the clock here');
      const keyId = SignedEnvelopeSchema.parse(JSON.parse(row.envelope)).signatures.approver.keyId;
      const entry = pinned.entries.find((e) => e.type === 'key' && e.id === keyId) ?? assert.fail('pinned');
      // The log dates the key ten days back, no earlier than the entry before it: the order rule lets it in.
      assert.ok(Date.parse(entry.at) < now().getTime() - 9 * DAY, entry.at);
      assert.equal(ownCallBackReason(row, pinned, []), null, 'by the log’s own date the key is old');
      assert.deepEqual(keyAgedFrom(pinned.entries, keyId, spans), { from: span.at, at: entry.at, pinnedAt: span.at });

      const { code, legal } = await addLegalOfficer(late, '法務 山口');
      const digest = await run(late.ctx, editDraft, legal, id, {
        answer: { outcome: 'full', items: [{ targetIndex: 0, result: 'no_data' }] },
      });
      await approve(rt, legal, id, digest);
      assert.deepEqual(await sendAll(rt, rt.hub ?? assert.fail('online')), { sent: 0, failed: 0 });
      assert.equal((await findAgentRequest(late.ctx.store.db, id))?.state, 'approved', 'not sent');
      const view = await run(late.ctx, viewForReview, legal, id, {});
      const held = view.heldHere ?? assert.fail('held here for the call-back');
      // Pinned by the cycle that took the request in, after it was signed: said so, in both languages.
      assert.match(held.en, /first seen here after the request was signed/);
      assert.match(held.ja, /要請の署名より後にこの設置で初めて確認されました/);
      assert.doesNotMatch(held.en, /registered only/);
      assert.ok(held.ja.includes(`ハブのログは鍵の登録を ${entry.at} としていますが`), held.ja);
      assert.ok(held.ja.includes(`この設置が初めてその項目を固定したのは ${span.at} です`), held.ja);
      assert.ok(held.en.includes(`The hub's log dates the key's registration ${entry.at}`), held.en);
      assert.ok(held.en.includes(`this installation first pinned that entry at ${span.at}`), held.en);
      // Said where the age is explained: the review page and `shokai agent review`, both languages.
      const facts = await hubRequestFacts(late.ctx, rt.hub, id);
      for (const lang of ['ja', 'en'] as const) {
        const page = await (await agentPage(rt, code, `/requests/${id}?lang=${lang}`)).text();
        assert.ok(page.includes(span.at) && page.includes(entry.at), `the page says both instants (${lang})`);
        assert.match(page, lang === 'ja' ? /初めてその項目を固定した/ : /first pinned that entry at/);
        const printed = printedReview(view, lang, false, facts);
        assert.match(printed, lang === 'ja' ? /初めてその項目を固定した/ : /first pinned that entry at/);
      }

      // The installation that pinned the key with its first pin ages it from the log's own date: asks none.
      await cycle(runtime(early, lateSigner, early.link()));
      const earlyRow = (await findAgentRequest(early.ctx.store.db, id)) ?? assert.fail('taken in there too');
      assert.ok((await firstPinnedSpans(early.ctx.store.db)).length > 0, 'its pin was extended too');
      assert.equal(await inTransaction(early.ctx, (uow) => ownCallBack(uow, earlyRow)), null);

      // A restart keeps the instants: the store opened again holds the same, and the same hold.
      const store = await openStore(late.storeUrl);
      try {
        const again = await createContext(store, late.ctx.kek, now);
        assert.deepEqual(await firstPinnedSpans(store.db), spans);
        const own = await inTransaction(again, (uow) => ownCallBack(uow, row));
        assert.ok(own?.reason.en.includes(`first pinned that entry at ${span.at}`), JSON.stringify(own));
      } finally {
        await store.close();
      }
    });
  });
}
