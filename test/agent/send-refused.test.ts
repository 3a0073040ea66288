// An emergency the hub will take only after the call-back to the issuing unit: the board's installation approves
// it, the send is refused by the hub (the head's key is four days old: old enough for the installation's own rule,
// test/agent/own-call-back.test.ts, not for the board's published threshold of a week), and the refusal is kept
// with its words and shown on the request's page, the list and the status page as needing a person (audited once,
// however many cycles retry). The review page says the call-back is needed and gives the unit's registered number
// in the domestic form before approval; the legal officer records the call-back from the installation (refused in
// words without the unit's confirmation), the hub keeps who, when and the outcome, and the next cycle sends the
// answer.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { findAgentRequest } from '../../src/agent/agent.repository.ts';

import { hubRequestFacts } from '../../src/agent/call-back.ts';
import { esc } from '../../src/agent/render.ts';
import { editDraft, listForReview, viewForReview } from '../../src/agent/review.ts';
import { approve, cycle, sendAll } from '../../src/agent/runner.ts';
import { publishPolicy, readPolicy } from '../../src/directory/policies.ts';
import { SYSTEM_CALLER } from '../../src/domain/access.ts';
import { domesticPhone } from '../../src/domain/shown-text.ts';
import { run } from '../../src/kernel/unit-of-work.ts';
import { agentPage, boardDeskHooks, calledAtNow, printedReview, runtime } from '../support/agent.ts';
import { auditDetails } from '../support/audit.ts';
import { testDialects } from '../support/dialects.ts';
import { hubWithHooks } from '../support/exchange.ts';
import { boardPost, issue, suicideNotice } from '../support/flow.ts';
import type { RequestDetail } from '../support/replies.ts';

test('a registered number in the domestic form, where its grouping is known', () => {
  assert.equal(domesticPhone('+81300000110'), '03-0000-0110');
  assert.equal(domesticPhone('+81612345678'), '06-1234-5678');
  assert.equal(domesticPhone('+819012345678'), '090-1234-5678');
  assert.equal(domesticPhone('+81120123456'), '0120-123-456');
  assert.equal(domesticPhone('+81451234567'), '0451234567', 'an area code of its own: the trunk 0, no grouping');
  assert.equal(domesticPhone('+442071234567'), '+442071234567', 'a foreign number as given');
});

for (const dialect of testDialects()) {
  describe(`an emergency refused until the call-back, on the board's installation (${dialect})`, () => {
    // The hub's demo keys are made at its start; the installation and the request come 100 hours later. The
    // board asks a call-back for keys younger than a week (its published policy): the hub's ask alone.
    let offset = 0;
    const now = () => new Date(Date.now() + offset);
    const hooks = hubWithHooks(dialect, ['sato', 'tanaka', 'board.legal'], { clock: now });
    const { hub, people, orgs } = hooks;
    const [sato, tanaka, board] = people;
    before(async () => {
      offset = 100 * 3_600_000;
      await hooks.signInAgain();
      const current = await run(hub.ctx, (uow) => readPolicy(uow, orgs.board));
      await run(hub.ctx, publishPolicy, SYSTEM_CALLER, orgs.board, {
        ...current.policy,
        emergencyCredentialMinAgeHours: 7 * 24,
      });
    });
    const desk = boardDeskHooks(hub, dialect, now);

    test('kept with the hub’s words, shown as needing action, recorded from here, then sent', async () => {
      const { agent, rt, code, legal, html } = desk;
      const issued = await issue(sato, tanaka, suicideNotice(orgs.board, [boardPost('t/9#2')]));
      assert.equal(issued.secondCheck?.required, true, 'the head’s credential is younger than the board’s week');
      assert.match(issued.secondCheck?.reason.en ?? '', /4d 4h/);
      const phone = issued.secondCheck?.callbackPhone ?? assert.fail('the unit has a registered number');
      const id = issued.id;
      const atHub = async () => (await board.call<RequestDetail>('GET', `/v1/requests/${id}`)).body;
      const untaken = await atHub();
      assert.equal(untaken.installation, null, 'no installation acted on it yet');
      assert.ok(untaken.allowedActions.includes('decline'), 'the hub offers the board its actions');
      await cycle(rt);
      assert.equal((await findAgentRequest(agent.ctx.store.db, id))?.state, 'prepared');
      // The hub's page for the board's legal officer: taken by the installation, no second answer form.
      const taken = await atHub();
      assert.match(taken.installation?.clientName ?? '', /agent/, 'the installation’s machine client');
      assert.ok(taken.installation?.takenAt);
      assert.ok(!taken.allowedActions.includes('answer') && !taken.allowedActions.includes('decline'));
      assert.ok(taken.allowedActions.includes('confirm_second_check'), 'the call-back may still be recorded there');

      // Before approval: the page says the call-back is needed, why, and the number to call.
      const before = await html(`/requests/${id}`);
      assert.match(before.text, /id="call-back" data-call-back="required"/);
      assert.ok(before.text.includes(domesticPhone(phone)), 'the domestic form');
      assert.notEqual(domesticPhone(phone), phone);
      assert.ok(before.text.includes('折り返し確認'));
      // The command line says the same before approval: needed, why, the number, and how to record it.
      const facts = await hubRequestFacts(rt.ctx, rt.hub ?? null, id);
      const printed = printedReview(await run(agent.ctx, viewForReview, legal, id, {}), 'ja', false, facts);
      assert.match(printed, /^照会元所属への折り返し確認:$/m);
      assert.ok(printed.includes(domesticPhone(phone)), printed);
      assert.ok(printed.includes(`shokai agent call-back ${id} --called-at`), printed);
      assert.match(printed, /回答案:\n {2}まだありません/);

      const digest = await run(agent.ctx, editDraft, legal, id, {
        answer: { outcome: 'full', items: [{ targetIndex: 0, result: 'no_data' }] },
      });
      await approve(rt, legal, id, digest);
      assert.deepEqual(await sendAll(rt, rt.hub ?? assert.fail('online')), { sent: 0, failed: 1 });
      assert.deepEqual(await sendAll(rt, rt.hub ?? assert.fail('online')), { sent: 0, failed: 1 }, 'retried');
      assert.equal(
        (await auditDetails(agent.ctx.store.db, 'agent.send_refused', id)).length,
        1,
        'the same refusal each cycle is audited once',
      );

      // Kept with the hub's words, in both languages, never its code.
      const view = await run(agent.ctx, viewForReview, legal, id, {});
      const refused = view.sendRefused ?? assert.fail('the refusal is kept');
      // The hub's refusal, not the installation's own hold (the key is old enough by the pin).
      assert.equal(refused.code, 'SECOND_CHECK_REQUIRED');
      assert.equal(view.heldHere, null);
      assert.doesNotMatch(refused.message.en, /recorded here/);
      assert.equal(view.attempts, 2, 'each refused send is an attempt');
      assert.deepEqual(await auditDetails(agent.ctx.store.db, 'agent.send_held', id), []);
      for (const lang of ['ja', 'en'] as const) {
        const page = await html(`/requests/${id}?lang=${lang}`);
        assert.match(page.text, /<section role="alert" id="send-refused">/);
        assert.ok(page.text.includes(esc(refused.message[lang])), `the hub's words (${lang})`);
        assert.ok(!page.text.includes('SECOND_CHECK_REQUIRED'), 'no code shown');
        const list = await html(`/?lang=${lang}`);
        assert.ok(list.text.includes(`data-send-refused="${id}"`), `the list says it (${lang})`);
        const status = await agentPage(rt, code, `/status?lang=${lang}`);
        const statusText = await status.text();
        assert.match(statusText, /id="send-refused"/);
        assert.ok(statusText.includes(`data-request="${id}"`), `the status page names it (${lang})`);
      }
      const listed = (await run(agent.ctx, listForReview, legal, {})).find((r) => r.requestId === id);
      assert.ok(listed?.sendRefused, 'the list (and shokai agent list) carries it');

      const call = calledAtNow(now());
      // The call-back, recorded from the installation: not without the unit's confirmation.
      const form = (o: Record<string, string>) => new URLSearchParams(o);
      const unconfirmed = await html(
        `/requests/${id}/call-back`,
        form({ calledAt: call.wall, outcome: '刑事課 当直 鈴木警部補が発出を確認' }),
      );
      assert.equal(unconfirmed.status, 400);
      assert.match(unconfirmed.text, /class="field-error" id="err-call-back"/);
      const future = await html(
        `/requests/${id}/call-back`,
        form({ calledAt: '2999-01-01T10:00', outcome: '確認', confirmed: 'yes' }),
      );
      assert.equal(future.status, 400, 'a call in the future');
      assert.match(future.text, /未来/);
      const early = await html(
        `/requests/${id}/call-back`,
        form({ calledAt: '2026-01-01T10:00', outcome: '確認', confirmed: 'yes' }),
      );
      assert.equal(early.status, 400, 'a call before the request was issued');
      assert.match(early.text, /架電日時（2026-01-01T10:00）が、要請の発出日時（.+）より前です/);
      const hubView = async () => (await board.call<RequestDetail>('GET', `/v1/requests/${id}`)).body;
      assert.equal((await hubView()).secondCheck?.confirmedAt, null, 'nothing recorded at the hub');

      // The hub not reached: said as such, never "the hub asks no call-back", and nothing recorded.
      const cut = runtime(
        agent,
        rt.signer,
        agent.link({}, () => () => Promise.reject(new TypeError('fetch failed'))),
      );
      const unread = await agentPage(
        cut,
        code,
        `/requests/${id}/call-back`,
        form({ calledAt: call.wall, outcome: '確認', confirmed: 'yes' }),
      );
      const unreadText = await unread.text();
      assert.equal(unread.status, 400);
      assert.match(
        unreadText,
        /id="err-call-back">ハブから要請 \S+ の折り返し確認の状況を読めないため、記録していません/,
      );
      assert.ok(!unreadText.includes('求めていません'), 'not read is not "none asked"');
      assert.equal((await hubView()).secondCheck?.confirmedAt, null, 'nothing recorded at the hub');
      assert.deepEqual(await auditDetails(agent.ctx.store.db, 'agent.callback_recorded', id), []);
      // A hub that answers with a refusal of its own is said in its words, not as unreachable.
      const refusing = runtime(
        agent,
        rt.signer,
        agent.link({}, () => () => {
          const body = {
            error: { code: 'NOT_FOUND', message: { ja: 'ハブの言葉: 要請はありません', en: 'no such request' } },
          };
          return Promise.resolve(
            new Response(JSON.stringify(body), { status: 404, headers: { 'content-type': 'application/json' } }),
          );
        }),
      );
      const hubWords = await (
        await agentPage(
          refusing,
          code,
          `/requests/${id}/call-back`,
          form({ calledAt: call.wall, outcome: '確認', confirmed: 'yes' }),
        )
      ).text();
      assert.match(hubWords, /id="err-call-back">ハブの言葉: 要請はありません</);

      const done = await html(
        `/requests/${id}/call-back`,
        form({ calledAt: call.wall, outcome: '刑事課 当直 鈴木警部補が発出を確認', confirmed: 'yes' }),
      );
      assert.equal(done.status, 303, done.text);
      const check = (await hubView()).secondCheck ?? assert.fail('kept at the hub');
      assert.ok(check.confirmedAt, 'recorded at the hub');
      assert.match(check.note ?? '', /法務 山口/, 'the reviewer who called');
      assert.ok((check.note ?? '').includes(`${call.wall.replace('T', ' ')}:00 +09:00`), 'when');
      assert.match(check.note ?? '', /鈴木警部補が発出を確認/, 'the outcome');
      const audited = await auditDetails(agent.ctx.store.db, 'agent.callback_recorded', id);
      assert.deepEqual(audited, [
        { calledAt: call.iso, outcome: '刑事課 当直 鈴木警部補が発出を確認', number: phone, dialled: null },
      ]);
      const again = await html(
        `/requests/${id}/call-back`,
        form({ calledAt: call.wall, outcome: '再度', confirmed: 'yes' }),
      );
      assert.equal(again.status, 400, 'recorded once');
      assert.match((await html(`/requests/${id}`)).text, /data-call-back="recorded"/);
      const recorded = printedReview(
        await run(agent.ctx, viewForReview, legal, id, {}),
        'en',
        false,
        await hubRequestFacts(rt.ctx, rt.hub ?? null, id),
      );
      assert.match(recorded, /^ {2}The call-back is recorded: .+$/m);
      assert.doesNotMatch(recorded, /shokai agent call-back/);

      // The next cycle sends it; nothing needs a person any more.
      assert.deepEqual(await sendAll(rt, rt.hub ?? assert.fail('online')), { sent: 1, failed: 0 });
      assert.equal((await hubView()).state, 'answered');
      assert.equal((await run(agent.ctx, viewForReview, legal, id, {})).sendRefused, null);
      assert.ok(!(await html('/')).text.includes('data-send-refused'));
      assert.ok(!(await (await agentPage(rt, code, '/status')).text()).includes('id="send-refused"'));
    });
  });
}
