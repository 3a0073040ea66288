// A newcomer's walk: the answer form took 契約開始日 "2026/13/01" and signed it; a log entry with an address but
// no time was left out without a word; and the problems it did find named 接続記録 › アドレス, not the field as
// labelled (IPアドレス) nor which target. Now every problem of the form is listed at once, before anything is
// signed, each named as the form labels it: the target, the log entry's row, the field.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { orgId } from '../support/exchange.ts';
import { threatPostInquiry, underReview } from '../support/flow.ts';
import { jsErrors, uiHubHooks } from './support.ts';

const ui = uiHubHooks();

test('the answer form lists every problem at once, named as its fields are labelled', async () => {
  // A carrier's form (a subscriber's contract, access records): a board's asks for its posts instead.
  const warrant = ui.hub.demo.requests.find((r) => r.kind === 'warrant' && r.state === 'under_review');
  assert.ok(warrant, 'the demo has a warrant under review at the carrier');
  const { page, context } = await ui.signedIn('isp.legal', `/requests/${warrant.id}`);
  const form = page.locator('#answer-form');
  await form.getByLabel('契約者氏名').first().fill('山田 太郎');
  await form.getByLabel('契約開始日').first().fill('2026/13/01');
  await form.getByLabel('契約終了日').first().fill('そのうち');
  await form.getByRole('button', { name: '接続記録を追加' }).first().click();
  await form.getByRole('button', { name: '接続記録を追加' }).first().click();
  // row 1 left blank (not sent, not a problem); row 2 an address without its time
  await form.getByLabel('IPアドレス', { exact: true }).nth(1).fill('203.0.113.9');
  await form.getByRole('button', { name: '送信内容を確認する' }).click();
  const items = page.locator('[data-testid="error-issues"] li');
  await items.first().waitFor();
  const listed = await items.allTextContents();
  assert.deepEqual(
    listed.sort(),
    [
      '対象 1 › 契約開始日: 「2026/13/01」は日付として読めません（例: 2026-01-15。時刻を含めるときは +09:00 などのオフセットを付けます）',
      '対象 1 › 契約終了日: 「そのうち」は日付として読めません（例: 2026-01-15。時刻を含めるときは +09:00 などのオフセットを付けます）',
      '対象 1 › 接続記録 2 › 日時: 入力が必要です',
    ].sort(),
  );
  assert.equal(await page.locator('[data-testid="answer-preview"]').count(), 0, 'nothing goes to the preview');

  // mended but for an address that is none: the refusal names the target, the row and the field as labelled
  await form.getByLabel('契約開始日').first().fill('2020-01-01');
  await form.getByLabel('契約終了日').first().fill('');
  await form.getByLabel('日時', { exact: true }).nth(1).fill('2026-03-29T01:30:12');
  await form.getByLabel('IPアドレス', { exact: true }).nth(1).fill('999.1.1.1');
  await form.getByRole('button', { name: '送信内容を確認する' }).click();
  await page
    .getByText(/対象 1 › 接続記録 2 › IPアドレス: .*999\.1\.1\.1/)
    .first()
    .waitFor();
  assert.deepEqual(jsErrors(page), []);
  await context.close();
});

test('"found" with nothing entered is said, not signed as an answer that says nothing', async () => {
  const people = {
    drafter: await ui.hub.client('sato'),
    head: await ui.hub.client('tanaka'),
    provider: await ui.hub.client('board.legal'),
  };
  const id = await underReview(people, threatPostInquiry(await orgId(ui.hub, 'Sakura Board K.K.'), 'AF-2'));
  const { page, context } = await ui.signedIn('board.legal', `/requests/${id}`);
  const form = page.locator('#answer-form');
  // the result left at 該当あり, a post's row added and left blank, nothing else
  await form.getByRole('button', { name: '投稿の記録を追加' }).first().click();
  await form.getByRole('button', { name: '送信内容を確認する' }).click();
  await page
    .getByText(
      '対象 1: 結果が「該当あり」ですが、回答する情報が入力されていません（情報を入力するか、結果を変えてください）',
    )
    .waitFor();
  assert.equal(await page.locator('[data-testid="answer-preview"]').count(), 0, 'nothing goes to the preview');
  // with the account given, it goes on to the preview
  await form.getByLabel('アカウント').first().fill('user-77812');
  await form.getByRole('button', { name: '送信内容を確認する' }).click();
  await page.locator('[data-testid="answer-preview"]').waitFor();
  assert.deepEqual(jsErrors(page), []);
  await context.close();
});
