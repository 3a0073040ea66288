// Civil disclosure through its real actors, in a real browser (issue 15): the claimant's lawyer files a
// disclosure request and signs it on their own passkey → the provider sends the hearing letter → the
// subscriber replies through the link with the one-time code → the provider decides and discloses →
// the lawyer sees the decision and opens the answer sealed to the law office.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fillCivilClaim, reloadedHearingStatus, sendHearingLetter, signAndSend } from './steps.ts';
import { assertAccessible, enrolBrowser, givePasskey, jsErrors, shot, signIn, uiHubHooks } from './support.ts';

const ui = uiHubHooks();

test('lawyer files → hearing letter → subscriber replies by the link → provider decides → lawyer sees it', async () => {
  // ---- The lawyer writes the request at the law office. ----
  const law = await ui.deskWithPasskey('lawyer');
  await signIn(law.page, ui.hub, 'lawyer');
  await law.page
    .getByRole('navigation', { name: 'メインメニュー' })
    .getByRole('link', { name: '開示請求の作成' })
    .click();
  await law.page.getByRole('heading', { name: '発信者情報開示請求の作成' }).waitFor();
  await fillCivilClaim(law.page, {
    provider: 'さくら掲示板株式会社',
    caseReference: '当事務所 2026-民-077 鈴木花子',
    claimant: '鈴木 花子',
    post: 'https://sakura-board.example/thread/7701#res-12',
    facts: '掲示板で請求者の実名を挙げ、勤務先で横領したとの虚偽の書込みがされた。',
    rightsInfringed: '虚偽の事実の摘示により社会的評価が低下した。公益目的も真実性もうかがわれない。',
    necessity: '発信者に損害賠償を請求するため、氏名と住所が必要である。',
  });
  // The legitimate reason is left out: the server names what is missing, nothing is stored.
  await law.page.getByRole('button', { name: '作成して署名に進む' }).click();
  await law.page.getByText(/必要な項目がありません: 開示を受けるべき正当な理由/).waitFor();
  await law.page.getByLabel('損害賠償請求権の行使').check();
  await shot(law.page, '60-civil-request-form-ja');
  await assertAccessible(law.page, 'civil disclosure form');
  await law.page.getByRole('button', { name: '作成して署名に進む' }).click();

  // ---- The lawyer signs what will be sent, on their own passkey. ----
  await law.page.locator('[data-testid="canonical"]').waitFor();
  assert.match(await law.page.locator('[data-testid="canonical"]').innerText(), /鈴木 花子/);
  const id = await signAndSend(law.page);
  const signed = await (await ui.hub.api('lawyer'))<{ envelope: { v: number } }>('GET', `/v1/requests/${id}/envelope`);
  assert.equal(signed.body.envelope.v, 2, "signed on the lawyer's passkey (envelope v2)");

  // ---- The provider: the request is in its inbox, signed by a lawyer; it sends the hearing letter. ----
  const prov = await ui.signedIn('board.legal', `/requests/${id}`);
  // The legal officer's passkey, in this browser: it signs the answer here (issue 11).
  await givePasskey(prov, ui.hub, 'board.legal');
  const verification = prov.page.locator('[data-testid="verification"]');
  await verification.waitFor();
  assert.equal(await verification.locator('[data-check="approver_authority"]').getAttribute('data-status'), 'pass');
  assert.match((await verification.locator(`[data-check="approver_authority"]`).textContent()) ?? '', /弁護士/);
  assert.match(await prov.page.locator('[data-testid="civil-view"]').innerText(), /損害賠償請求権の行使/);
  const { letter, link, code } = await sendHearingLetter(prov.page, { name: '山田 太郎' });
  assert.match(await letter.innerText(), /名誉権/);

  // ---- The subscriber replies through the link with the letter's one-time code. ----
  const sub = await ui.desk();
  await sub.page.goto(link);
  await sub.page.getByRole('heading', { name: '意見照会へのご回答' }).waitFor();
  await sub.page.locator('input[name="code"]').fill(code);
  await sub.page.getByLabel('開示に同意する').check();
  await sub.page.getByRole('button', { name: '回答を送信する' }).click();
  await sub.page.locator('[data-testid="reply-thanks"]').waitFor();

  // ---- The provider decides to disclose, and answers (signed, sealed to the law office). ----
  const status = await reloadedHearingStatus(prov.page);
  assert.equal(await status.getAttribute('data-status'), 'replied');
  await prov.page.getByLabel('開示する', { exact: true }).check();
  await prov.page.getByRole('button', { name: '判断を記録する' }).click();
  await prov.page.locator('.badge.state-under_review').waitFor();
  const form = prov.page.locator('#answer-form');
  await form.getByLabel('登録された氏名').first().fill('山田 太郎');
  await form.getByLabel('登録された電話番号').first().fill('090-0000-0000');
  await form.getByRole('button', { name: '送信内容を確認する' }).click();
  await prov.page
    .locator('[data-testid="answer-preview"]')
    .getByRole('button', { name: '署名・封緘して回答する' })
    .click();
  await prov.page.locator('.badge.state-answered').waitFor();
  await shot(prov.page, '61-civil-provider-answered-ja');

  // ---- The lawyer sees the decision, the subscriber's consent (not their words), and the answer. ----
  await law.page.goto(`${ui.hub.url}/`);
  // The office's earlier answered requests are in the group too: wait for this one's row.
  await law.page.locator(`#group-answered tr[data-request-id="${id}"]`).waitFor();
  await enrolBrowser(law.page, ui.hub, 'lawyer');
  await law.page.goto(`${ui.hub.url}/requests/${id}`);
  await law.page.locator('.badge.state-answered').waitFor();
  assert.match(await law.page.locator('main').innerText(), /発信者は開示に同意しました/);
  await law.page.getByRole('button', { name: /回答を開封して読む/ }).click();
  const view = law.page.locator('[data-testid="answer-view"]');
  await view.waitFor();
  assert.match(await view.innerText(), /山田 太郎/);
  await shot(law.page, '62-civil-lawyer-answer-ja');
  await assertAccessible(law.page, 'lawyer reads the answer');

  // The form in English.
  await law.page.getByRole('button', { name: 'English' }).click();
  await law.page.goto(`${ui.hub.url}/civil/new`);
  await law.page.getByRole('heading', { name: 'New sender-information disclosure request' }).waitFor();
  await shot(law.page, '63-civil-request-form-en');

  for (const d of [law, prov, sub]) assert.deepEqual(jsErrors(d.page), []);
  await Promise.all([law.context.close(), prov.context.close(), sub.context.close()]);
});
