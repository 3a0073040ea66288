// A walk of the demo as the providers: the board's and the café's answer forms asked for a carrier's subscriber
// (契約者氏名, 設置場所住所, 契約開始日). Each form now asks what that kind of holder has: a board the post's time,
// source address and port and the account's registration; a café its member as registered (with the identity
// document checked) and the terminal's use; a carrier the subscriber, as before.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { orgId } from '../support/exchange.ts';
import { cafeRecords, threatPostInquiry, underReview } from '../support/flow.ts';
import { jsErrors, uiHubHooks } from './support.ts';

const ui = uiHubHooks();

const CARRIER_ONLY = ['契約者氏名', '設置場所住所', '請求先住所', '契約開始日', '契約終了日'];

/** The words the form asks by. */
async function labels(form: import('playwright-core').Locator): Promise<string[]> {
  // Labels, and the legends of the fields of an instant (its time and its zone).
  return [...(await form.locator('label').allInnerTexts()), ...(await form.locator('legend').allInnerTexts())];
}

test("a board's answer form asks for the post and the registration, not a subscriber's contract", async () => {
  const people = {
    drafter: await ui.hub.client('sato'),
    head: await ui.hub.client('tanaka'),
    provider: await ui.hub.client('board.legal'),
  };
  const content = threatPostInquiry(await orgId(ui.hub, 'Sakura Board K.K.'), 'AK-1');
  const id = await underReview(people, { ...content, categories: ['subscriber', 'access_log'] });
  const { page, context } = await ui.signedIn('board.legal', `/requests/${id}`);
  const form = page.locator('#answer-form');
  await form.getByLabel('登録されたメールアドレス').first().waitFor();
  await form.getByRole('button', { name: '投稿の記録を追加' }).first().click();
  const shown = (await labels(form)).join('\n');
  for (const asked of [
    'アカウント',
    '登録された氏名',
    '登録された電話番号',
    '投稿 1 の日時',
    '送信元IPアドレス',
    '送信元ポート番号',
  ]) {
    assert.ok(shown.includes(asked), `${asked} is asked:\n${shown}`);
  }
  for (const carrier of CARRIER_ONLY) assert.ok(!shown.includes(carrier), `${carrier} is not asked:\n${shown}`);
  assert.equal(await form.getByRole('button', { name: '接続記録を追加' }).count(), 0);

  // What it gives is shown as it was asked for — the account as registered, its posts — in the preview, which is
  // the view the requester reads the opened answer in: never as a line's subscriber (契約者氏名) and access records.
  await form.getByLabel('アカウント').first().fill('user-77812');
  await form.getByLabel('登録された氏名').first().fill('山田 太郎');
  await form.getByLabel('登録されたメールアドレス').first().fill('taro@example.jp');
  await form
    .getByRole('group', { name: '投稿 1 の日時' })
    .getByLabel('日時', { exact: true })
    .fill('2026-11-20T10:05:00');
  await form.getByLabel('送信元IPアドレス').first().fill('203.0.113.9');
  await form.getByRole('button', { name: '送信内容を確認する' }).click();
  const preview = page.locator('[data-testid="answer-preview"]');
  await preview.waitFor();
  const said = await preview.innerText();
  for (const given of ['登録された氏名', '山田 太郎', '登録されたメールアドレス', '投稿の記録', '送信元IPアドレス']) {
    assert.ok(said.includes(given), `${given} in the preview:\n${said}`);
  }
  for (const carrier of [...CARRIER_ONLY, '接続記録']) assert.ok(!said.includes(carrier), `${carrier}:\n${said}`);
  await page.getByRole('button', { name: 'English' }).click();
  await preview.getByText('Name as registered').waitFor();
  const saidEn = await preview.innerText();
  for (const given of ['E-mail as registered', 'Posts', 'Source IP address']) {
    assert.ok(saidEn.includes(given), `${given} in the preview:\n${saidEn}`);
  }
  assert.doesNotMatch(saidEn, /Access log|Contract|Installation address/);
  assert.deepEqual(jsErrors(page), []);
  await context.close();
});

test("a café's answer form asks for its member as registered and the terminal's use", async () => {
  const cafe = await ui.hub.client('cafe.staff');
  const people = { drafter: await ui.hub.client('sato'), head: await ui.hub.client('tanaka'), provider: cafe };
  const terminal = { type: 'terminal', terminal: 'A-12', from: '2026-11-20T10:00+09:00', to: '2026-11-20T12:00+09:00' };
  const cafeId = await orgId(ui.hub, 'Manga Cafe Shinjuku');
  const id = await underReview(people, cafeRecords(cafeId, { caseReference: 'AK-2', targets: [terminal] }));
  const { page, context } = await ui.signedIn('cafe.staff', `/requests/${id}`);
  const form = page.locator('#answer-form');
  await form.getByLabel('会員番号').waitFor();
  await form.getByRole('button', { name: '端末の利用記録を追加' }).click();
  const shown = (await labels(form)).join('\n');
  for (const asked of [
    '会員の氏名（登録のとおり）',
    '会員の住所（登録のとおり）',
    '確認した本人確認書類',
    '本人確認の日時',
    '端末',
    '利用 1 の開始（入店）',
    '利用 1 の終了（退店）',
  ]) {
    assert.ok(shown.includes(asked), `${asked} is asked:\n${shown}`);
  }
  for (const carrier of [...CARRIER_ONLY, 'IPアドレス']) {
    assert.ok(!shown.includes(carrier), `${carrier} is not asked:\n${shown}`);
  }

  // What it gives goes to the preview as the café's member and terminal use.
  await form.getByLabel('会員番号').fill('M-00042');
  await form.getByLabel('会員の氏名（登録のとおり）').fill('山田 花子');
  await form.getByLabel('確認した本人確認書類').selectOption({ label: '運転免許証' });
  await form.getByLabel('端末', { exact: true }).fill('A-12');
  await form
    .getByRole('group', { name: '利用 1 の開始（入店）' })
    .getByLabel('日時', { exact: true })
    .fill('2026-11-20T10:05:00');
  await form.getByRole('button', { name: '送信内容を確認する' }).click();
  const preview = page.locator('[data-testid="answer-preview"]');
  await preview.waitFor();
  const said = await preview.innerText();
  for (const given of ['M-00042', '山田 花子', '運転免許証', '端末の利用記録', 'A-12', '退店記録なし']) {
    assert.ok(said.includes(given), `${given} in the preview:\n${said}`);
  }
  assert.deepEqual(jsErrors(page), []);
  await context.close();
});

test("a carrier's answer form asks for the subscriber, as before", async () => {
  const warrant = ui.hub.demo.requests.find((r) => r.kind === 'warrant' && r.state === 'under_review');
  assert.ok(warrant, 'the demo has a warrant under review at the carrier');
  const { page, context } = await ui.signedIn('isp.legal', `/requests/${warrant.id}`);
  const form = page.locator('#answer-form');
  await form.getByLabel('契約者氏名').first().waitFor();
  await form.getByRole('button', { name: '接続記録を追加' }).first().click();
  const shown = (await labels(form)).join('\n');
  for (const asked of [...CARRIER_ONLY, 'IPアドレス']) assert.ok(shown.includes(asked), `${asked} is asked`);
  assert.ok(!shown.includes('会員番号') && !shown.includes('送信元IPアドレス'), shown);
  assert.deepEqual(jsErrors(page), []);
  await context.close();
});
