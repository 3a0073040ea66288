// The civil stage rule on held requests is judged by the category of the process that reads them, not by what
// the installation was opened with last: the long-lived process configured as an ISP keeps holding what an ISP
// cannot answer when a command opens the same store with another (or no) category, and the change of category
// is audited once however many openings notice it, two at once included. An answer approved before the
// category was set is sent as approved (docs/decisions.md).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { findAgentRequest } from '../../src/agent/agent.repository.ts';
import { recordOwnCategory } from '../../src/agent/own-category.ts';
import { editDraft, listForReview, viewForReview } from '../../src/agent/review.ts';
import { type AgentRuntime, approve, cycle, sendAll } from '../../src/agent/runner.ts';
import { SYSTEM_CALLER } from '../../src/domain/access.ts';
import type { ProviderCategory } from '../../src/domain/vocabulary.ts';
import { createContext } from '../../src/kernel/context.ts';
import { inTransaction, run } from '../../src/kernel/unit-of-work.ts';
import { openStore } from '../../src/store/database.ts';
import { addLegalOfficer, agentPage, readyInstallation, runtime, type TestAgent } from '../support/agent.ts';
import { auditDetails } from '../support/audit.ts';
import { testDialects } from '../support/dialects.ts';
import { DEMO_ORGS, startHub, type TestHub } from '../support/exchange.ts';
import { civilDisclosure, issue, transition } from '../support/flow.ts';

for (const dialect of testDialects()) {
  describe(`held requests are judged by the process's own category (${dialect})`, () => {
    let hub: TestHub;
    let agent: TestAgent;
    /** The process as agent.json once said nothing of the category, and the one configured as an ISP. */
    let unsaid: AgentRuntime;
    let asIsp: AgentRuntime;
    before(async () => {
      hub = await startHub(dialect);
      const ready = await readyInstallation(hub, dialect, DEMO_ORGS.board);
      agent = ready.agent;
      unsaid = runtime(agent, ready.key.signer, agent.link());
      asIsp = { ...unsaid, providerCategory: 'isp' };
    });
    after(async () => {
      await agent.close();
      await hub.close();
    });

    /** A lawyer's request naming a post alone (the hub takes it in: the board answers from a post). */
    const postOnly = async (n: string) => {
      const lawyer = await hub.as('lawyer');
      const content = {
        ...civilDisclosure(agent.organisationId, n, { senderInformation: ['name', 'address'] }),
        categories: ['subscriber'],
      };
      return (await issue(lawyer, lawyer, content)).id;
    };
    const opensWith = (category: ProviderCategory | undefined) =>
      inTransaction(agent.ctx, (uow) => recordOwnCategory(uow, SYSTEM_CALLER, agent.organisationId, category));
    const stateOf = async (id: string) => (await findAgentRequest(agent.ctx.store.db, id))?.state;

    test('an opening with no category lifts no hold, in the ISP process nor in its own command', async () => {
      const { code, legal } = await addLegalOfficer(agent, '法務 種別');
      const sentBefore = await postOnly('9401');
      const heldAfter = await postOnly('9402');
      // Taken in and prepared by the process before it was told its category.
      await cycle(unsaid);
      assert.equal(await stateOf(sentBefore), 'prepared');
      assert.equal(await stateOf(heldAfter), 'prepared');
      // Approved before the category was set: a person approved it; it is not held afterwards.
      const answer = { outcome: 'full', items: [{ targetIndex: 0, result: 'no_data' }] };
      await approve(unsaid, legal, sentBefore, await run(agent.ctx, editDraft, legal, sentBefore, { answer }));
      assert.equal(await stateOf(sentBefore), 'approved');

      // The long-lived process opens as an ISP; then a command opens the same store with a stale agent.json.
      await opensWith('isp');
      await opensWith(undefined);
      const listed = await run(agent.ctx, listForReview, SYSTEM_CALLER, asIsp);
      assert.equal(listed.find((r) => r.requestId === heldAfter)?.breaksContentRule, true, 'still held');
      assert.equal(listed.find((r) => r.requestId === sentBefore)?.breaksContentRule, false, 'approved: not held');
      const view = await run(agent.ctx, viewForReview, legal, heldAfter, asIsp);
      assert.ok(view.contentRule, 'its page says why');
      // The command's configuration says no category: it judges by the installation's, and lifts nothing.
      const byCommand = await run(agent.ctx, listForReview, SYSTEM_CALLER, {});
      assert.equal(byCommand.find((r) => r.requestId === heldAfter)?.breaksContentRule, true);
      const set = await auditDetails(agent.ctx.store.db, 'agent.category_set', agent.organisationId);
      assert.deepEqual(set, [{ from: null, to: 'isp' }], 'an opening saying none changes nothing');

      // Approving it is refused, in words, and audited: in the ISP process and in the stale command alike.
      const digest = await run(agent.ctx, editDraft, legal, heldAfter, { answer });
      const refusedInWords = (e: Error & { code?: string; messages?: { ja: string } }) =>
        e.code === 'ILLEGAL_TRANSITION' && /この要請には回答できません/.test(e.messages?.ja ?? '');
      await assert.rejects(approve(asIsp, legal, heldAfter, digest), refusedInWords);
      await assert.rejects(approve(unsaid, legal, heldAfter, digest), refusedInWords);
      assert.equal(await stateOf(heldAfter), 'prepared');
      const refused = await auditDetails(agent.ctx.store.db, 'agent.content_rule_refused', heldAfter);
      assert.deepEqual(refused, [
        { step: 'approve', reason: 'content_rule', field: 'targets' },
        { step: 'approve', reason: 'content_rule', field: 'targets' },
      ]);

      // The answer approved before is not held; its page says, for information only, that it breaks the rule now.
      const approvedView = await run(agent.ctx, viewForReview, legal, sentBefore, asIsp);
      assert.equal(approvedView.contentRule, null);
      const note = approvedView.approvedStageNote ?? assert.fail('said for information');
      assert.match(
        note.ja,
        /^参考: この回答は、この設置に事業者の種別が伝えられる前に承認されたもので、承認のとおり送信されます/,
      );
      assert.match(
        note.en,
        /^For information: this answer was approved before this installation was told its category/,
      );
      const asBoard = { providerCategory: 'board' } as const;
      assert.equal((await run(agent.ctx, viewForReview, legal, sentBefore, asBoard)).approvedStageNote, null);
      const page = await (await agentPage(asIsp, code, `/requests/${sentBefore}`)).text();
      assert.match(page, /<p role="note" id="approved-stage-note">参考: /);
      // The answer approved before is sent by the ISP process as approved.
      // (The board heard no one at the hub: it holds no contact details; it decided to disclose.)
      const board = await hub.as('board.legal');
      const impossible = { reason: 'no_contact_details', note: '投稿者の連絡先を保有していない。' };
      await transition(board, sentBefore, { action: 'start_review' });
      const heard = await board.call('POST', `/v1/requests/${sentBefore}/hearing/impossible`, impossible);
      assert.equal(heard.status, 200, JSON.stringify(heard.body));
      const decided = await board.call('POST', `/v1/requests/${sentBefore}/hearing/decision`, { decision: 'disclose' });
      assert.equal(decided.status, 200);
      assert.equal((await sendAll(asIsp, asIsp.hub ?? assert.fail('online'))).failed, 0);
      assert.equal(await stateOf(sentBefore), 'sent');
      assert.equal((await run(agent.ctx, viewForReview, legal, sentBefore, asIsp)).approvedStageNote, null, 'sent');
    });

    test('two openings at once with a new category audit the change once', async () => {
      const other = await openStore(agent.storeUrl, { migrate: false });
      try {
        const second = await createContext(other, agent.ctx.kek, agent.ctx.clock);
        const opening = (ctx: typeof agent.ctx) =>
          inTransaction(ctx, (uow) => recordOwnCategory(uow, SYSTEM_CALLER, agent.organisationId, 'board'));
        await Promise.all([opening(agent.ctx), opening(second), opening(agent.ctx), opening(second)]);
        const set = await auditDetails(agent.ctx.store.db, 'agent.category_set', agent.organisationId);
        assert.deepEqual(set.slice(-1), [{ from: 'isp', to: 'board' }]);
        assert.equal(set.filter((s) => (s as { to: unknown }).to === 'board').length, 1, 'audited once');
      } finally {
        await other.close();
      }
    });
  });
}
