// A hearing that cannot be held (意見照会不能), in a real browser: the board holds no contact details of
// the poster, so its legal officer records that the subscriber cannot be asked (a listed reason and a
// note) on the request page, then decides to disclose; the claimant's lawyer reads in the thread that no
// opinion could be heard and why — not the board's note.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { orgId } from '../support/exchange.ts';
import { civilDisclosure, underReview } from '../support/flow.ts';
import { assertAccessible, jsErrors, shot, uiHubHooks } from './support.ts';

const ui = uiHubHooks();

/** Arranged through the API: the lawyer's signed civil request about thread `n`, under the board's review. */
async function civilUnderReview(n: string): Promise<string> {
  const [lawyer, board] = [await ui.hub.client('lawyer'), await ui.hub.client('board.legal')];
  const boardId = await orgId(ui.hub, 'Sakura Board K.K.');
  return underReview({ drafter: lawyer, head: lawyer, provider: board }, civilDisclosure(boardId, n));
}

test('no contact details: the provider records it, decides; the lawyer sees why, not the note', async () => {
  const id = await civilUnderReview('7201');

  // The board's legal officer: the hearing panel offers the letter and "cannot be asked".
  const prov = await ui.signedIn('board.legal', `/requests/${id}`);
  const errors = jsErrors(prov.page);
  const panel = prov.page.locator('#hearing');
  await panel.getByText('意見照会ができない').click();
  // Without a letter sent, "returned undelivered" is not offered.
  assert.equal(await panel.getByLabel('照会書が宛先不明等で返送された').count(), 0);
  await panel.getByLabel('発信者の連絡先を保有していない').check();
  await panel.getByLabel(/経緯/).fill('当掲示板は投稿者の連絡先を保有していない（接続元IPアドレスのみ）。');
  await panel.getByRole('button', { name: '意見照会不能として記録する' }).click();
  const status = panel.locator('[data-testid="hearing-status"]');
  await status.getByText('意見照会不能').first().waitFor();
  assert.match(await panel.locator('[data-testid="hearing-impossible"]').innerText(), /連絡先を保有していない/);
  await shot(prov.page, '62-hearing-impossible-ja');
  await assertAccessible(prov.page, 'hearing recorded as impossible');
  // The decision then proceeds.
  await panel.getByLabel('開示する', { exact: true }).check();
  await panel.getByRole('button', { name: '判断を記録する' }).click();
  await status.getByText('判断済み').waitFor();
  assert.deepEqual(errors, []);
  await prov.context.close();

  // The lawyer reads that no opinion could be heard and why, not the board's note.
  const law = await ui.signedIn('lawyer', `/requests/${id}`);
  await law.page
    .getByText(/意見を聴くことができませんでした/)
    .first()
    .waitFor();
  const page = await law.page.locator('main').innerText();
  assert.match(page, /連絡先を保有していない/);
  assert.doesNotMatch(page, /接続元IPアドレスのみ/);
  // The thread's notices are in the reader's language only: Japanese here, English once switched.
  const thread = law.page.locator('#thread');
  assert.doesNotMatch(await thread.innerText(), /could not be asked|cannot be asked/);
  await law.page.getByRole('button', { name: 'English' }).click();
  await thread.getByText(/The subscriber's opinion could not be asked \(no contact details/).waitFor();
  const english = await thread.innerText();
  assert.match(english, /The subscriber cannot be asked \(no contact details of the subscriber are held\)\./);
  assert.doesNotMatch(english, /意見を聴くことができませんでした|意見照会ができません/);
  await law.context.close();
});

test('the letter came back: the request page still offers the 意見照会書 the letter was sent with', async () => {
  const id = await civilUnderReview('7202');
  const board = await ui.hub.api('board.legal');
  assert.equal((await board('POST', `/v1/requests/${id}/hearing`, { subscriberName: '田中 次郎' })).status, 201);
  const back = await board('POST', `/v1/requests/${id}/hearing/impossible`, {
    reason: 'returned_undelivered',
    note: '照会書が返送された。',
  });
  assert.equal(back.status, 200, JSON.stringify(back.body));

  for (const who of ['lawyer', 'board.legal']) {
    const { context, page } = await ui.signedIn(who, `/requests/${id}`);
    const link = page.getByTestId('document-opinion');
    await link.waitFor();
    assert.equal(await link.getAttribute('href'), `/v1/requests/${id}/documents/opinion`);
    assert.deepEqual(jsErrors(page), []);
    await context.close();
  }
});
