// Do-not-notify (秘匿, issue 15): an agency marks a criminal request so that the provider neither
// hears nor notifies the subscriber; the refusal names the legal basis; the policy notice adapts.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { testDialects } from '../support/dialects.ts';
import { hubWithHooks } from '../support/exchange.ts';
import { issue } from '../support/flow.ts';
import type { ApiError, PolicyCheck, RequestDetail } from '../support/replies.ts';

const base = {
  caseReference: '令和8年 第5150号 詐欺',
  offence: '詐欺（刑法246条）',
  facts: '掲示板の書込みで誘い出して代金をだまし取った。',
  necessity: '書込み者を特定するため。',
  targets: [{ type: 'url', url: 'https://sakura-board.example/thread/5150#res-4' }],
  categories: ['access_log'],
};
const secret = {
  doNotNotify: true,
  basis: 'ccp_197_5',
  reason: '被疑者に捜査を察知されると、証拠の削除と逃亡のおそれがある。',
};

for (const dialect of testDialects()) {
  describe(`do-not-notify (${dialect})`, () => {
    const {
      hub,
      people: [sato, tanaka, board],
      orgs,
    } = hubWithHooks(dialect, ['sato', 'tanaka', 'board.legal']);

    const issued = async (content: object) => (await issue(sato, tanaka, content)).id;

    test('an emergency or a preservation request never offers a hearing of the subscriber', async () => {
      const ask = { ...base, targets: [{ type: 'ip', address: '203.0.113.9', at: '2026-11-20T01:30:12+09:00' }] };
      const id = await issued({
        kind: 'preservation',
        providerOrganisationId: orgs.isp,
        ...ask,
        preservation: { days: 30 },
      });
      const isp = await hub.as('isp.legal');
      assert.equal((await isp.call('POST', `/v1/requests/${id}/transitions`, { action: 'start_review' })).status, 200);
      const seen = await isp.call<RequestDetail>('GET', `/v1/requests/${id}`);
      assert.equal(seen.body.state, 'under_review');
      assert.ok(!seen.body.allowedActions.includes('start_opinion_hearing'), seen.body.allowedActions.join());
      const refused = await isp.call<ApiError>('POST', `/v1/requests/${id}/transitions`, {
        action: 'start_opinion_hearing',
      });
      assert.equal(refused.status, 409);
      assert.equal(refused.body.error.code, 'ILLEGAL_TRANSITION');
      assert.doesNotMatch(refused.body.error.message.en, /start_opinion_hearing/);
    });

    test('a marked inquiry: no hearing offered, a hearing refused with the basis, answered without one', async () => {
      const id = await issued({
        kind: 'inquiry',
        providerOrganisationId: orgs.board,
        ...base,
        confidentiality: secret,
      });
      await board.call('POST', `/v1/requests/${id}/transitions`, { action: 'start_review' });
      const seen = await board.call<RequestDetail>('GET', `/v1/requests/${id}`);
      assert.equal(seen.body.content?.confidentiality?.basis, 'ccp_197_5');
      assert.ok(!seen.body.allowedActions.includes('start_opinion_hearing'), seen.body.allowedActions.join());
      const refused = await board.call<ApiError>('POST', `/v1/requests/${id}/transitions`, {
        action: 'start_opinion_hearing',
        message: '意見照会書を送付します',
      });
      assert.equal(refused.status, 409);
      assert.equal(refused.body.error.code, 'DO_NOT_NOTIFY');
      assert.match(refused.body.error.message.ja, /刑事訴訟法第197条第5項/);
      assert.match(refused.body.error.message.en, /art\. 197\(5\)/);
      const still = await board.call<RequestDetail>('GET', `/v1/requests/${id}`);
      assert.equal(still.body.state, 'under_review', 'the refused hearing left nothing behind');
      const ans = await board.call<RequestDetail>('POST', `/v1/requests/${id}/transitions`, {
        action: 'answer',
        answer: {
          outcome: 'full',
          items: [
            {
              targetIndex: 0,
              result: 'found',
              accessLog: [{ at: '2026-11-30T21:04:00+09:00', address: '198.51.100.7' }],
            },
          ],
        },
      });
      assert.equal(ans.body.state, 'answered', JSON.stringify(ans.body));
    });

    test('an unmarked inquiry still offers the hearing', async () => {
      const id = await issued({ kind: 'inquiry', providerOrganisationId: orgs.board, ...base });
      await board.call('POST', `/v1/requests/${id}/transitions`, { action: 'start_review' });
      const seen = await board.call<RequestDetail>('GET', `/v1/requests/${id}`);
      assert.ok(seen.body.allowedActions.includes('start_opinion_hearing'));
    });

    test('the policy notice adapts; the basis must fit the kind; civil disclosure cannot be marked', async () => {
      const plain = await sato.call<PolicyCheck>('POST', '/v1/policy-check', {
        kind: 'inquiry',
        providerOrganisationId: orgs.isp,
        categories: ['subscriber'],
      });
      assert.deepEqual(
        plain.body.notices.map((n) => n.code),
        ['SUBSCRIBER_NOTIFIED_AFTER'],
      );
      const marked = await sato.call<PolicyCheck>('POST', '/v1/policy-check', {
        kind: 'inquiry',
        providerOrganisationId: orgs.isp,
        categories: ['subscriber'],
        doNotNotify: true,
      });
      assert.deepEqual(
        marked.body.notices.map((n) => n.code),
        ['SUBSCRIBER_NOT_NOTIFIED'],
      );
      const warrantish = await sato.call<ApiError>('POST', '/v1/requests', {
        content: {
          kind: 'emergency',
          providerOrganisationId: orgs.board,
          ...base,
          categories: ['subscriber', 'access_log'],
          emergency: { basis: 'threat_to_life', statement: '危害の予告' },
          confidentiality: secret,
        },
      });
      assert.equal(warrantish.status, 400);
      assert.equal(warrantish.body.error.details?.field, 'confidentiality.basis');
      const civil = await sato.call<ApiError>('POST', '/v1/requests', {
        content: {
          kind: 'civil_disclosure',
          providerOrganisationId: orgs.board,
          ...base,
          civil: { claimant: 'A', counsel: 'B', rightsInfringed: 'C' },
          confidentiality: secret,
        },
      });
      assert.equal(civil.status, 400);
      assert.equal(civil.body.error.code, 'UNKNOWN_FIELD');
    });
  });
}
