// A warrant applied for, attested and sent without copying anything by hand (issue 15 item 5): the
// investigator drafts the application in his browser, the unit head sends it signed with his passkey in
// his, the judge finds it in his inbox and issues it with his own passkey in his browser (a future issue
// time is refused first), the investigator drafts the request from the warrant with one button, and
// the unit head approves it; the provider verifies the judge's attestation.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { orgId } from '../support/exchange.ts';
import type { RequestDetail } from '../support/replies.ts';
import { boardAnswerToTrace } from './arrange.ts';
import { approveOnPage, draftFromProposal, openAnswer, proposeNext, submitForApproval } from './steps.ts';
import {
  assertAccessible,
  jsErrors,
  jstNowNotBefore,
  jstWallTime,
  requestIdOf,
  shot,
  signIn,
  uiHubHooks,
} from './support.ts';

const ui = uiHubHooks();

const stateOf = (page: Page, state: string) =>
  page.locator(`[data-testid="wapp-state"][data-state="${state}"]`).waitFor();

// The software authenticators the API calls sign with report no counter, while Chromium's virtual
// authenticator counts up: the test signing through the API runs first.
test("from an answer's record: apply for the warrant the trace proposes, then draft with the issued one", async () => {
  const RECORD = { address: '203.0.113.46', port: 51235, at: '2026-11-30T22:10:05+09:00' };
  const judge = await ui.hub.api('judge');
  const isp = await ui.hub.api('isp.legal');
  const courtId = await orgId(ui.hub, 'Tokyo District Court');
  // Arranged: the board's inquiry, approved and answered through the API with the post's access record,
  // and the investigator's browser, enrolled.
  const { people, boardRequest, inv } = await boardAnswerToTrace(ui, {
    reference: 'WAPP-TRACE',
    target: { type: 'url', url: 'https://sakura-board.example/t/77', postId: 'p-7701' },
    record: RECORD,
  });
  const { drafter: sato, head: tanaka } = people;
  try {
    const proposalFor = async () => {
      await openAnswer(inv.page, ui.hub, boardRequest.id);
      const proposal = await proposeNext(inv.page, RECORD);
      assert.match(await proposal.locator('[data-testid="next-kind"]').innerText(), /令状/);
      return proposal;
    };
    // 1. No warrant yet: the investigator applies for exactly what the trace proposes.
    let proposal = await proposalFor();
    await proposal.getByLabel('発付裁判所 *').selectOption(courtId);
    await proposal.locator('[data-testid="apply-warrant"]').click();
    await inv.page.waitForURL(/\/warrant-applications\/wapp_/);
    const applicationId = new URL(inv.page.url()).pathname.split('/').pop() ?? '';
    await inv.page.locator('[data-testid="wapp-state"][data-state="draft"]').waitFor();
    assert.match(await inv.page.locator('article').innerText(), /203\.0\.113\.46:51235/);
    await inv.page.getByRole('button', { name: '所属長の決裁に回す' }).click();
    await inv.page.locator('[data-testid="wapp-state"][data-state="awaiting_approval"]').waitFor();

    // 2. The unit head sends it and the judge issues it, each with his passkey (their browsers are
    //    walked in the test above; here through the API with the same authenticators).
    const sendPreview = await tanaka.call<{ digest: string }>(
      'GET',
      `/v1/warrant-applications/${applicationId}/send-preview`,
    );
    const sent = await tanaka.call('POST', `/v1/warrant-applications/${applicationId}/send`, {
      digest: sendPreview.body.digest,
      ...ui.hub.signed('tanaka', sendPreview.body.digest),
    });
    assert.equal(sent.status, 200, JSON.stringify(sent.body));
    const now = Date.now();
    const decision = {
      warrantNumber: '令和8年(む)第4001号',
      issuedAt: new Date(now).toISOString(),
      validUntil: new Date(now + 7 * 86400_000).toISOString(),
    };
    const attPreview = await judge<{ digest: string }>(
      'POST',
      `/v1/warrant-applications/${applicationId}/attestation-preview`,
      decision,
    );
    assert.equal(attPreview.status, 200, JSON.stringify(attPreview.body));
    const attested = await judge('POST', `/v1/warrant-applications/${applicationId}/attest`, {
      ...decision,
      ...ui.hub.signed('judge', attPreview.body.digest),
    });
    assert.equal(attested.status, 200, JSON.stringify(attested.body));

    // 3. Back at the answer: the issued warrant is offered; choosing it fills the court's block.
    proposal = await proposalFor();
    const issued = proposal.locator('[data-testid="issued-warrant"]');
    await issued.waitFor();
    await issued.selectOption({ index: 1 });
    assert.equal(await proposal.getByLabel('令状番号').inputValue(), '令和8年(む)第4001号');
    await shot(inv.page, 'warrant-03-draft-next-issued-ja');
    const requestId = await draftFromProposal(inv.page, proposal, boardRequest);
    // Still a draft, the request is already the application's: its page leads to it and offers no second one.
    await inv.page.goto(`${ui.hub.url}/warrant-applications/${applicationId}`);
    await inv.page.locator('[data-testid="wapp-state"][data-state="attested"]').waitFor();
    const toRequest = inv.page.getByRole('link', { name: 'この令状による要請を開く' });
    assert.equal(await toRequest.getAttribute('href'), `/requests/${requestId}`);
    assert.equal(await inv.page.getByRole('button', { name: '令状から要請を起案' }).count(), 0);
    const p2 = await tanaka.call<{ digest: string }>('GET', `/v1/requests/${requestId}/signing-preview`);
    const ok = await tanaka.call(
      'POST',
      `/v1/requests/${requestId}/transitions`,
      ui.hub.approval('tanaka', p2.body.digest),
    );
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
    const seen = await isp<RequestDetail>('GET', `/v1/requests/${requestId}`);
    assert.equal(seen.body.verification?.checks.find((x) => x.name === 'warrant_attestation')?.status, 'pass');
    // The application now shows the request its warrant was used by, and offers no second one.
    const app = await sato.call<{ requestId: string | null; actions: string[] }>(
      'GET',
      `/v1/warrant-applications/${applicationId}`,
    );
    assert.equal(app.body.requestId, requestId);
    assert.deepEqual(app.body.actions, []);
    assert.deepEqual(jsErrors(inv.page), []);
  } finally {
    await inv.context.close();
  }
});

const warrantFlowTitle =
  'applied for → sent with the head’s passkey → attested with the judge’s → request pre-filled and sent';
test(warrantFlowTitle, async () => {
  const courtId = await orgId(ui.hub, 'Tokyo District Court');
  const ispId = await orgId(ui.hub, 'Nihon Network Communications K.K.');
  const inv = await ui.desk();
  // Each signer's own device: the passkey registered through the demo's ceremony, in Chromium's
  // virtual authenticator. The investigator has none.
  const head = await ui.deskWithPasskey('tanaka');
  const judge = await ui.deskWithPasskey('judge');
  try {
    // 1. The investigator applies.
    await signIn(inv.page, ui.hub, 'sato', '/warrant-applications/new');
    const form = inv.page.getByRole('form', { name: '令状請求を起案' });
    await form.getByLabel('請求先の裁判所 *').selectOption(courtId);
    await form.getByLabel('照会先の事業者 *').selectOption(ispId);
    await form.getByLabel('事件番号').fill('令和8年 第3001号 脅迫被疑事件');
    await form.getByLabel('罪名').fill('脅迫（刑法222条）');
    await form
      .getByLabel('被疑事実の要旨')
      .fill('被疑者は、令和8年11月29日午前10時頃、掲示板に被害者の生命に危害を加える旨を書き込んだものである。');
    await form.getByLabel('差押え等を必要とする理由').fill('書き込みの発信者を特定するため。');
    await form.getByLabel('対象の一覧（1行に1件）').fill('203.0.113.77:40001 2026-11-29 10:00:05');
    await form.getByLabel('接続記録', { exact: false }).first().check();
    // The period of the records sought: the judge attests it, and the provider reads it with the warrant.
    await form
      .locator('fieldset.instant')
      .filter({ hasText: '記録の期間（始期・任意）' })
      .locator('input.wall-time')
      .fill('2026-11-29T09:00:00');
    await form
      .locator('fieldset.instant')
      .filter({ hasText: '記録の期間（終期・任意）' })
      .locator('input.wall-time')
      .fill('2026-11-29T11:00:00');
    await inv.page.locator('[data-testid="wapp-targets"] li').first().waitFor();
    await assertAccessible(inv.page, 'warrant application form');
    await form.getByRole('button', { name: '起案を保存' }).click();
    await inv.page.waitForURL(/\/warrant-applications\/wapp_/);
    const appUrl = new URL(inv.page.url()).pathname;
    await stateOf(inv.page, 'draft');
    await inv.page.getByRole('button', { name: '所属長の決裁に回す' }).click();
    await stateOf(inv.page, 'awaiting_approval');

    // 2. The unit head approves and sends it, signing with his passkey.
    await signIn(head.page, ui.hub, 'tanaka', appUrl);
    await head.page.getByRole('button', { name: '決裁して裁判所へ送付（パスキーで署名）' }).click();
    await stateOf(head.page, 'sent');
    const sentBy = Date.now();

    // 3. The judge finds it in his inbox and issues it with his own passkey.
    await signIn(judge.page, ui.hub, 'judge', '/warrant-applications');
    const inbox = judge.page.locator('[data-testid="warrant-applications"]');
    await inbox.waitFor();
    await shot(judge.page, 'warrant-01-inbox-ja');
    await assertAccessible(judge.page, "judge's inbox");
    await inbox
      .getByRole('row', { name: /令和8年 第3001号|WA-/ })
      .first()
      .waitFor();
    await judge.page.goto(ui.hub.url + appUrl);
    await stateOf(judge.page, 'sent');
    assert.match(await judge.page.locator('article').innerText(), /生命に危害を加える旨/);
    const attest = judge.page.getByRole('form', { name: '発付する（パスキーで電子署名）' });
    await attest.getByLabel('令状番号').fill('令和8年(む)第3001号');
    const issued = attest.locator('fieldset.instant').filter({ hasText: '発付日時' });
    const until = attest.locator('fieldset.instant').filter({ hasText: '有効期間の末日' });
    // An issue time in the future is refused before anything is signed.
    await issued.locator('input.wall-time').fill(jstWallTime(Date.now() + 2 * 3600_000));
    await until.locator('input.wall-time').fill(jstWallTime(Date.now() + 7 * 86400_000));
    await attest.getByRole('button', { name: '発付する（パスキーで電子署名）' }).click();
    await judge.page.locator('.notice-error, [role="alert"]').filter({ hasText: /未来/ }).first().waitFor();
    // The warrant may not predate its receipt at the court: a whole second after it (the field takes seconds).
    await issued.locator('input.wall-time').fill(await jstNowNotBefore(sentBy));
    await attest.getByRole('button', { name: '発付する（パスキーで電子署名）' }).click();
    await stateOf(judge.page, 'attested');
    await judge.page.locator('[data-testid="wapp-warrant"]').getByText('令和8年(む)第3001号').waitFor();
    await shot(judge.page, 'warrant-02-issued-ja');

    // 4. The investigator drafts the request from the warrant: one button, nothing typed.
    await inv.page.reload();
    await stateOf(inv.page, 'attested');
    await inv.page.getByRole('button', { name: '令状から要請を起案' }).click();
    await inv.page.waitForURL(/\/requests\/[^/]+$/);
    await inv.page.locator('.badge.state-draft').waitFor();
    const requestId = requestIdOf(inv.page);
    assert.match(await inv.page.locator('main').innerText(), /令和8年\(む\)第3001号/);
    assert.match(await inv.page.locator('[data-testid="warrant-records-period"]').innerText(), /2026/);
    await submitForApproval(inv.page);

    // 5. The unit head approves the request as usual; the provider verifies the judge's attestation.
    await head.page.goto(`${ui.hub.url}/requests/${requestId}/approve`);
    await approveOnPage(head.page, requestId);

    const sato = await ui.hub.api('sato');
    const r = await sato<RequestDetail>('GET', `/v1/requests/${requestId}`);
    const c = r.body.content;
    assert.equal(c?.kind, 'warrant');
    if (c?.kind !== 'warrant') return;
    assert.equal(c.warrant?.courtOrganisationId, courtId);
    assert.equal(c.warrant?.warrantNumber, '令和8年(む)第3001号');
    assert.match(c.warrant?.attestation.signature ?? '', /^wa1\./);
    assert.deepEqual(c.targets, [
      { type: 'ip', address: '203.0.113.77', port: 40001, at: '2026-11-29T10:00:05+09:00', toleranceSeconds: 0 },
    ]);
    assert.deepEqual(c.categories, ['subscriber', 'access_log']);
    const isp = await ui.hub.api('isp.legal');
    const seen = await isp<RequestDetail>('GET', `/v1/requests/${requestId}`);
    assert.equal(seen.body.verification?.checks.find((x) => x.name === 'warrant_attestation')?.status, 'pass');
    for (const d of [inv, head, judge]) assert.deepEqual(jsErrors(d.page), []);
  } finally {
    await inv.context.close();
    await head.context.close();
    await judge.context.close();
  }
});
