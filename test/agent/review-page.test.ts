// The installation's review page of an emergency, as the provider's legal officer reads it before approving:
// the request itself (the agency and unit as the pinned directory names them, the drafter and approver as
// the hub names them, the check made here, the kind, facts, basis and four conditions, the deadline and the
// time left), only the decline reasons that fit an emergency, and an approval that signs only once the
// reviewer ticked that they read the request and checked the answer.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { findAgentRequest } from '../../src/agent/agent.repository.ts';
import { editDraft } from '../../src/agent/review.ts';
import { cycle } from '../../src/agent/runner.ts';
import { run } from '../../src/kernel/unit-of-work.ts';
import { boardDeskHooks } from '../support/agent.ts';
import { testDialects } from '../support/dialects.ts';
import { hubWithHooks } from '../support/exchange.ts';
import { boardPost, inquiry, issue, suicideNotice } from '../support/flow.ts';

for (const dialect of testDialects()) {
  describe(`the review page of an emergency, on the board's installation (${dialect})`, () => {
    const { hub, people, orgs } = hubWithHooks(dialect, ['sato', 'tanaka']);
    const [sato, tanaka] = people;
    const desk = boardDeskHooks(hub, dialect);
    const stateOf = async (id: string) => (await findAgentRequest(desk.agent.ctx.store.db, id))?.state;

    test('the request before the answer; reasons for its kind; approval after the box', async () => {
      const { agent, rt, legal, html } = desk;
      const issued = await issue(sato, tanaka, suicideNotice(orgs.board, [boardPost('t/7#1')]));
      const id = issued.id;
      await cycle(rt);
      assert.equal(await stateOf(id), 'prepared');

      const ja = (await html(`/requests/${id}`)).text;
      const en = (await html(`/requests/${id}?lang=en`)).text;
      assert.match(ja, /<section id="request-facts">/);
      assert.match(ja, /id="agency">[^<]*警視庁/, 'the agency as the pinned directory names it');
      assert.match(ja, /id="unit">[^<]+</, 'the unit');
      assert.ok(ja.includes(issued.approvedBy?.displayName ?? assert.fail('approved')), 'the approver (per the hub)');
      assert.ok(ja.includes(issued.draftedBy.displayName), 'the drafter');
      assert.match(ja, /id="verified">この設置が受領時に、固定済みのハブのディレクトリに照らして検証しました/);
      assert.match(en, /id="verified">Verified by this installation on receipt against the hub/);
      assert.match(ja, /id="basis">自殺予告/);
      assert.equal([...ja.matchAll(/data-condition="\w+" data-met="true"/g)].length, 4, 'the four conditions');
      assert.match(ja, /id="facts"><span[^>]*>掲示板に今夜命を絶つとの書込み。/);
      assert.match(ja, /id="time-left">残り /, 'the deadline and the time left');
      assert.match(en, /id="time-left">time left: /);
      // Stamps to the second (the received, signed and deadline times are stored with milliseconds).
      for (const page of [ja, en, (await html('/')).text]) {
        assert.doesNotMatch(page, /\d{2}:\d{2}:\d{2}\.\d{3} [+-]\d{2}:\d{2}/, 'no milliseconds');
        assert.match(page, /\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} \+09:00/);
      }

      // Only the reasons that fit an emergency are offered, and the others are refused in words.
      const offered = [...ja.matchAll(/<option value="(\w+)"/g)].map((m) => m[1]);
      assert.ok(offered.includes('no_data'));
      for (const r of ['needs_warrant', 'infringement_not_evident', 'no_legitimate_reason']) {
        assert.ok(!offered.includes(r), `${r} is not offered for an emergency`);
      }
      const wrong = await html(`/requests/${id}/decline`, new URLSearchParams({ reason: 'needs_warrant' }));
      assert.equal(wrong.status, 400);
      assert.match(wrong.text, /「令状が必要」は緊急要請の要請を見送る理由になりません|見送る理由になりません/);
      assert.equal(await stateOf(id), 'prepared', 'nothing declined');

      // The approval: a box to tick, refused without it (nothing signed), signed with it.
      const digest = await run(agent.ctx, editDraft, legal, id, {
        answer: { outcome: 'full', items: [{ targetIndex: 0, result: 'no_data' }] },
      });
      const drafted = (await html(`/requests/${id}`)).text;
      assert.match(drafted, /<input type="checkbox" id="reviewed" name="reviewed" value="yes" required>/);
      const blind = await html(`/requests/${id}/approve`, new URLSearchParams({ digest }));
      assert.equal(blind.status, 400);
      assert.match(
        blind.text,
        /id="err-reviewed">要請の内容を読み、回答案を確認したことにチェックしてから承認してください/,
      );
      assert.equal(await stateOf(id), 'prepared', 'nothing signed');
      const read = await html(`/requests/${id}/approve`, new URLSearchParams({ digest, reviewed: 'yes' }));
      assert.equal(read.status, 303, read.text);
      assert.equal(await stateOf(id), 'approved');
    });

    test('a direction override in the facts is shown as a mark where it stands, not acted on', async () => {
      const { rt, html } = desk;
      const facts = '投稿には「送金先は\u202Eabc.exe\u202C」とある。';
      const issued = await issue(
        sato,
        tanaka,
        inquiry(orgs.board, { caseReference: 'REVIEW-HIDDEN-1', targets: [boardPost('t/8#2')], facts }),
      );
      await cycle(rt);
      const ja = (await html(`/requests/${issued.id}`)).text;
      const shown = /id="facts"><span[^>]*>(.*?)<\/span><\/dd>/.exec(ja)?.[1] ?? assert.fail('the facts are shown');
      assert.equal(
        shown.replace(/<span class="hidden-char" title="[^"]*">(⟨U\+[0-9A-F]+⟩)<\/span>/g, '$1'),
        '投稿には「送金先は⟨U+202E⟩abc.exe⟨U+202C⟩」とある。',
      );
      assert.ok(!ja.includes('\u202E'), 'the override itself is not in the page');
    });
  });
}
