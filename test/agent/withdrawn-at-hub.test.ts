// A request the provider's installation took in and holds awaiting review, withdrawn at the hub since —
// by the requesting office, or ended as withdrawn because the court order it rested on was set aside:
// the next pull asks the hub about it, records what the hub says beside it (nothing deleted, its state,
// findings and draft kept), and the list, the request's page and the command line say so in words; an
// answer, a decline or an edit is refused in words. A request still open at the hub is left untouched.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { findAgentRequest } from '../../src/agent/agent.repository.ts';
import { endedAtHub } from '../../src/agent/hub-ended.ts';
import { HUB_ENDED_CHECK_TEXTS, hubEndedCheckText, hubEndedWords } from '../../src/agent/hub-ended-texts.ts';
import { pullOnce } from '../../src/agent/pull.ts';
import { declineRequest, editDraft, editDraftFields, listForReview, viewForReview } from '../../src/agent/review.ts';
import { approve, prepareAll } from '../../src/agent/runner.ts';
import { isDomainError } from '../../src/domain/errors.ts';
import { run } from '../../src/kernel/unit-of-work.ts';
import { addLegalOfficer, agentPage } from '../support/agent.ts';
import { auditDetails } from '../support/audit.ts';
import { boardInstallationHooks } from '../support/board-installation.ts';
import { testDialects } from '../support/dialects.ts';
import { recordOutcome, suitFiled } from '../support/disclosure-order.ts';
import { transition } from '../support/flow.ts';
import type { RequestDetail } from '../support/replies.ts';

const NO_DATA = { outcome: 'full', items: [{ targetIndex: 0, result: 'no_data' }] };
const WHY = '当事者間で和解が成立したため、本件の開示請求を取り下げます。';

test('the hub’s view of a request: withdrawn by the office, set aside, closed, or still open', () => {
  const at = '2026-12-02T01:00:00.000Z';
  const view = (state: string, messages: unknown[], closedAt: string | null = null) => ({
    state,
    closedAt,
    updatedAt: '2026-12-02T03:00:00.000Z',
    messages,
  });
  const note = { side: 'agency', purpose: 'note', body: WHY, notice: null, createdAt: at };
  const setAside = {
    side: 'court',
    purpose: 'note',
    body: '',
    notice: { code: 'order_set_aside_withdrawn' },
    createdAt: '2026-12-02T02:00:00+09:00',
  };
  assert.deepEqual(endedAtHub(view('withdrawn', [note])), { state: 'withdrawn', reason: 'office', at, note: WHY });
  assert.deepEqual(endedAtHub(view('withdrawn', [setAside])), {
    state: 'withdrawn',
    reason: 'order_set_aside',
    at: '2026-12-01T17:00:00.000Z',
    note: null,
  });
  assert.deepEqual(endedAtHub(view('closed', [], '2026-12-02T04:00:00.000Z')), {
    state: 'closed',
    reason: null,
    at: '2026-12-02T04:00:00.000Z',
    note: null,
  });
  assert.equal(endedAtHub(view('under_review', [note])), undefined, 'still open');
  assert.equal(endedAtHub(view('answered', [])), undefined);
  assert.equal(endedAtHub({ state: 'withdrawn' }), undefined, 'not a view of a request');
  assert.equal(endedAtHub(view('withdrawn', [{ ...note, createdAt: '2026-12-02 10:00' }])), undefined, 'no zone');
});

for (const dialect of testDialects()) {
  describe(`a request withdrawn at the hub, on the provider's installation (${dialect})`, () => {
    const { lawyer, judge, board, agent, rt, orderAndRequest } = boardInstallationHooks(dialect);

    async function setAside(id: string): Promise<void> {
      const filedAt = new Date().toISOString();
      await suitFiled(judge, id, { filedAt, by: 'provider', caseNumber: 'ワ2' });
      const gone = await recordOutcome(judge, id, {
        outcome: 'set_aside',
        decidedAt: new Date().toISOString(),
        reason: '権利侵害の明白性が認められない。',
        ground: 'infringement_not_evident',
      });
      assert.equal(gone.status, 200, JSON.stringify(gone.body));
    }

    const row = async (id: string) => (await findAgentRequest(agent.ctx.store.db, id)) ?? assert.fail(id);
    const audited = (id: string) => auditDetails(agent.ctx.store.db, 'agent.ended_at_hub', id);
    const refusal = async (act: Promise<unknown>) => {
      const err = await act.then(
        () => assert.fail('not refused'),
        (e: unknown) => e,
      );
      assert.ok(isDomainError(err), String(err));
      assert.equal(err.code, 'ILLEGAL_TRANSITION');
      return err.messages;
    };

    test('the next pull marks the withdrawn and the set-aside; the list, page and answer say so', async () => {
      const byOffice = await orderAndRequest('9701');
      const onOrder = await orderAndRequest('9702');
      const open = await orderAndRequest('9703');
      const ids = [byOffice.requestId, onOrder.requestId, open.requestId];
      const first = await pullOnce(agent.ctx, agent.link(), agent.organisationId);
      for (const id of ids) assert.ok(first.stored.includes(id), JSON.stringify(first));
      assert.deepEqual(first.endedAtHub, []);
      await prepareAll(rt);
      const { code, legal } = await addLegalOfficer(agent, '法務 高橋');
      for (const id of ids) await run(agent.ctx, editDraft, legal, id, { answer: NO_DATA });
      const before = await row(byOffice.requestId);

      // At the hub: the office withdraws one, the court sets aside the order of another.
      await transition(lawyer, byOffice.requestId, { action: 'withdraw', reason: WHY });
      await setAside(onOrder.app.id);
      const atHub = await board.call<RequestDetail>('GET', `/v1/requests/${onOrder.requestId}`);
      assert.equal(atHub.body.state, 'withdrawn');

      const pulled = await pullOnce(agent.ctx, agent.link(), agent.organisationId);
      assert.deepEqual([...pulled.endedAtHub].sort(), [byOffice.requestId, onOrder.requestId].sort());
      assert.equal(pulled.directoryRefreshed, true, 'the pin was extended to check the set-aside');

      // Nothing lost: the state, the findings and the draft stay as they were; the hub's word beside them.
      const a = await row(byOffice.requestId);
      assert.equal(a.state, 'prepared');
      assert.equal(a.findings, before.findings);
      assert.equal(a.draft, before.draft);
      assert.equal(a.envelope, before.envelope);
      assert.equal(a.hub_state, 'withdrawn');
      assert.equal(a.hub_reason, 'office');
      assert.equal(a.hub_note, WHY);
      assert.equal(a.hub_check, 'unsigned', 'withdrawn without a passkey: the hub’s word');
      assert.ok(a.hub_state_at && a.hub_noted_at);
      const b = await row(onOrder.requestId);
      assert.equal(b.state, 'prepared');
      assert.equal(b.hub_reason, 'order_set_aside');
      assert.equal(b.hub_check, 'verified', 'the judge’s signed set-aside is in the pinned log');
      const c = await row(open.requestId);
      assert.equal(c.hub_state ?? null, null, 'a request still open stays untouched');

      // Audited once each, with the check; nothing for the open one; a second pull records nothing again.
      const [auditA] = await audited(byOffice.requestId);
      assert.equal(auditA?.reason, 'office');
      assert.equal(auditA?.check, 'unsigned');
      assert.equal((await audited(onOrder.requestId))[0]?.check, 'verified');
      assert.deepEqual(await audited(open.requestId), []);
      assert.deepEqual((await pullOnce(agent.ctx, agent.link(), agent.organisationId)).endedAtHub, []);
      assert.equal((await audited(byOffice.requestId)).length, 1);

      // The list says it in words (never a code), with the reason of the set-aside.
      const listed = await run(agent.ctx, listForReview, legal, {});
      const words = hubEndedWords('withdrawn', 'office');
      const setAsideWords = hubEndedWords('withdrawn', 'order_set_aside');
      assert.deepEqual(listed.find((r) => r.requestId === byOffice.requestId)?.hubEnded?.words, words);
      assert.deepEqual(listed.find((r) => r.requestId === onOrder.requestId)?.hubEnded?.words, setAsideWords);
      assert.equal(listed.find((r) => r.requestId === open.requestId)?.hubEnded, null);
      for (const lang of ['ja', 'en'] as const) {
        const html = await (await agentPage(rt, code, `/?lang=${lang}`)).text();
        assert.ok(html.includes(words[lang]), html);
        assert.ok(html.includes(setAsideWords[lang].replace(/'/g, '&#39;')), html);
        assert.ok(!html.includes('order_set_aside') && !html.includes('>withdrawn<'), 'no raw code');
        // The reviewer can still open it: the hub's word, the reason and the check, and no action.
        const page = await (await agentPage(rt, code, `/requests/${byOffice.requestId}?lang=${lang}`)).text();
        assert.match(page, /id="hub-ended"/);
        const unsigned = hubEndedCheckText('office', 'unsigned')[lang];
        assert.ok(page.includes(WHY) && page.includes(unsigned.replace(/'/g, '&#39;')));
        assert.ok(!page.includes('id="approve"') && !page.includes('/decline"') && !page.includes('id="attach"'));
        assert.match(page, /data-testid="draft"/, 'the draft is still shown');
        const other = await (await agentPage(rt, code, `/requests/${onOrder.requestId}?lang=${lang}`)).text();
        assert.ok(other.includes(HUB_ENDED_CHECK_TEXTS.verified[lang].replace(/'/g, '&#39;')), other);
      }
      const view = await run(agent.ctx, viewForReview, legal, byOffice.requestId, {});
      assert.equal(view.hubEnded?.note, WHY);

      // Answering, declining and editing are refused in words; nothing changes.
      const digest = view.draftDigest ?? assert.fail('a draft');
      const said = await refusal(approve(rt, legal, byOffice.requestId, digest));
      assert.ok(said.ja.includes(words.ja) && said.en.includes(words.en), JSON.stringify(said));
      await refusal(run(agent.ctx, declineRequest, legal, byOffice.requestId, { reason: 'no_data' }));
      await refusal(run(agent.ctx, editDraft, legal, byOffice.requestId, { answer: NO_DATA }));
      // The page's edit form says the request ended at the hub before it speaks of a draft changed since.
      const edited = await refusal(run(agent.ctx, editDraftFields, legal, byOffice.requestId, { digest: 'stale' }));
      assert.ok(edited.en.includes(words.en), JSON.stringify(edited));
      const form = new URLSearchParams({ digest });
      const posted = await agentPage(rt, code, `/requests/${byOffice.requestId}/approve?lang=en`, form);
      assert.equal(posted.status, 400);
      assert.ok((await posted.text()).includes(words.en));
      assert.equal((await row(byOffice.requestId)).state, 'prepared');

      // The open one is answered as before.
      const openView = await run(agent.ctx, viewForReview, legal, open.requestId, {});
      await approve(rt, legal, open.requestId, openView.draftDigest ?? assert.fail('a draft'));
      assert.equal((await row(open.requestId)).state, 'approved');
    });
  });
}
