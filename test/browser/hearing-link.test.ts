// The subscriber's hearing in a real browser (issue 15): the provider sends the hearing letter, the
// subscriber replies through the link with the letter's code (no sign-in), the provider decides.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { orgId } from '../support/exchange.ts';
import { defamationClaim, issue } from '../support/flow.ts';
import { reloadedHearingStatus, sendHearingLetter } from './steps.ts';
import { assertAccessible, jsErrors, shot, uiHubHooks } from './support.ts';

const ui = uiHubHooks();

test('hearing letter → the subscriber replies through the link → the provider decides', async () => {
  // The claimant's lawyer files the request and signs it on their own passkey (issue 15).
  const lawyer = await ui.hub.client('lawyer');
  const { id } = await issue(lawyer, lawyer, defamationClaim(await orgId(ui.hub, 'Sakura Board K.K.'), '7301'));

  // The provider's legal reviewer writes and sends the hearing letter.
  const prov = await ui.signedIn('board.legal', `/requests/${id}`);
  const { letter, link, code } = await sendHearingLetter(prov.page, {
    name: '田中 次郎',
    address: '東京都新宿区西新宿2-8-1',
  });
  assert.match(await letter.innerText(), /意見照会書/);
  assert.match(code, /^\d{4}-\d{4}$/);
  await shot(prov.page, '47-hearing-letter-sent-ja');
  await assertAccessible(prov.page, 'hearing letter sent');

  // The subscriber opens the link in their own browser, with no account: the code stands for sign-in.
  const sub = await ui.desk();
  await sub.page.goto(link);
  await sub.page.getByRole('heading', { name: '意見照会へのご回答' }).waitFor();
  await sub.page.getByText('さくら掲示板株式会社').waitFor();
  await sub.page.locator('input[name="code"]').fill('1111-1111');
  await sub.page.getByLabel('開示に同意しない').check();
  await sub.page
    .locator('textarea[name="reasons"]')
    .fill('書込みは事実に基づく論評で、名誉を傷つけるものではありません。');
  await sub.page.getByRole('button', { name: '回答を送信する' }).click();
  await sub.page.getByText('回答コードが違います').waitFor();
  await sub.page.locator('input[name="code"]').fill(code);
  await shot(sub.page, '48-hearing-reply-ja');
  await assertAccessible(sub.page, 'hearing reply page');
  await sub.page.getByRole('button', { name: '回答を送信する' }).click();
  await sub.page.locator('[data-testid="reply-thanks"]').waitFor();

  // The provider sees the objection with its reasons and decides: withheld, the request declined.
  const status = await reloadedHearingStatus(prov.page);
  assert.equal(await status.getAttribute('data-status'), 'replied');
  assert.match(await status.innerText(), /開示に同意しない/);
  assert.match(await status.innerText(), /論評/);
  await prov.page.getByLabel('開示しない').check();
  // a text-direction override in the note is shown as a mark where it stands, as every written text is
  await prov.page.locator('textarea[name="decisionNote"]').fill('権利侵害が\u202E明白とはいえない。');
  await prov.page.getByRole('button', { name: '判断を記録する' }).click();
  await prov.page.locator('.badge.state-declined').waitFor();
  const decided = (await reloadedHearingStatus(prov.page)).locator('.hidden-char');
  await decided.first().waitFor();
  assert.deepEqual(await decided.allInnerTexts(), ['⟨U+202E⟩']);
  await shot(prov.page, '49-hearing-decided-ja');
  for (const x of [prov, sub]) assert.deepEqual(jsErrors(x.page), []);
  await Promise.all([prov.context.close(), sub.context.close()]);
});

test('reasons asked for an objection and left empty stop asking once the subscriber consents', async () => {
  const lawyer = await ui.hub.client('lawyer');
  const { id } = await issue(lawyer, lawyer, defamationClaim(await orgId(ui.hub, 'Sakura Board K.K.'), '7302'));
  const prov = await ui.signedIn('board.legal', `/requests/${id}`);
  const { link, code } = await sendHearingLetter(prov.page, { name: '山田 花子', address: '東京都港区芝公園4-2-8' });
  const sub = await ui.desk();
  await sub.page.goto(link);
  await sub.page.locator('input[name="code"]').fill(code);
  await sub.page.getByLabel('開示に同意しない').check();
  await sub.page.getByRole('button', { name: '回答を送信する' }).click();
  const reasons = sub.page.locator('textarea[name="reasons"]');
  await sub.page.getByText('入力が必要です').waitFor();
  // Consenting, the reasons are no longer asked for: the form goes, not held back by the words about them.
  await sub.page.getByLabel('開示に同意する', { exact: true }).check();
  assert.equal(
    await reasons.evaluate((el: object) => ('validationMessage' in el ? String(el.validationMessage) : '?')),
    '',
  );
  await sub.page.getByRole('button', { name: '回答を送信する' }).click();
  await sub.page.locator('[data-testid="reply-thanks"]').waitFor();
  assert.deepEqual(jsErrors(sub.page), []);
  await Promise.all([prov.context.close(), sub.context.close()]);
});
