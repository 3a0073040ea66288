// Emergencies as they happen (issue 15): a protection case without an offence or case number, the
// paperwork that must follow the answer (due, then done), a judge refusing an issue time in the future.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { testDialects } from '../support/dialects.ts';
import { answeredAfterCallBack } from '../support/emergencies.ts';
import { hubWithHooks } from '../support/exchange.ts';
import { issue, subscriberFound, suicideNotice } from '../support/flow.ts';
import type { ApiError, CaseDetail, RequestDetail } from '../support/replies.ts';

const post = { type: 'url', url: 'https://sakura-board.example/thread/6600#res-8' };

for (const dialect of testDialects()) {
  describe(`emergencies as they happen (${dialect})`, () => {
    const {
      hub,
      people: [sato, tanaka, board, judge],
      orgs,
    } = hubWithHooks(dialect, ['sato', 'tanaka', 'board.legal', 'judge']);

    const issued = (content: object, caseId?: string) => issue(sato, tanaka, content, caseId);

    test('a suicide notice is a protection case: no offence, no case number; the paperwork follows', async () => {
      const em = await issued(suicideNotice(orgs.board, [post], { categories: ['subscriber', 'access_log'] }));
      assert.equal(em.content?.offence, '');
      assert.equal(em.content?.caseReference, '');
      const cs = await sato.call<CaseDetail>('GET', `/v1/cases/${em.caseId}`);
      assert.equal(cs.body.reference, `保護 ${em.reference}`);
      const ans = await answeredAfterCallBack(board, em.id, '登録番号に折り返し確認', [
        subscriberFound({ name: '高橋 一郎' }),
      ]);
      assert.equal(ans.state, 'answered', JSON.stringify(ans));
      const due = ans.followUp;
      assert.equal(due?.kind, 'paperwork');
      assert.equal(due?.status, 'on_time');
      assert.equal(due?.doneBy, null);
      assert.equal(Date.parse(due?.dueAt ?? '') - Date.parse(ans.answeredAt ?? ''), 3 * 86400_000);

      // The inquiry that covers it, in the same case to the same provider: the follow-up is done.
      const paper = await issued(
        {
          kind: 'inquiry',
          providerOrganisationId: orgs.board,
          caseReference: cs.body.reference,
          offence: '（保護事案）',
          facts: '緊急照会で開示を受けた契約者情報の事後照会。',
          necessity: '緊急照会の事後手続として。',
          targets: [post],
          categories: ['access_log'],
        },
        em.caseId ?? undefined,
      );
      const after = await sato.call<RequestDetail>('GET', `/v1/requests/${em.id}`);
      assert.equal(after.body.followUp?.status, 'none');
      assert.equal(after.body.followUp?.doneBy?.reference, paper.reference);
    });

    test('an ordinary inquiry still needs its offence', async () => {
      const r = await sato.call<ApiError>('POST', '/v1/requests', {
        content: {
          kind: 'inquiry',
          providerOrganisationId: orgs.board,
          caseReference: 'x',
          facts: 'f',
          necessity: 'n',
          targets: [post],
          categories: ['access_log'],
        },
      });
      assert.equal(r.status, 400);
      assert.equal(r.body.error.details?.field, 'content.offence');
    });

    test('the judge cannot attest a warrant issued in the future', async () => {
      const now = hub.ctx.clock();
      const r = await judge.call<ApiError>('POST', '/v1/warrants/attest', {
        agencyOrganisationId: orgs.mpd,
        providerOrganisationId: orgs.board,
        warrantNumber: 'W-future',
        type: 'seizure',
        issuedAt: new Date(now.getTime() + 3600_000).toISOString(),
        validUntil: new Date(now.getTime() + 7 * 86400_000).toISOString(),
        targets: [post],
        categories: ['access_log'],
      });
      assert.equal(r.status, 400);
      assert.equal(r.body.error.details?.field, 'issuedAt');
    });
  });
}
