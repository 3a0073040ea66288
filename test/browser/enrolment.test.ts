// A new person's first day, in the browser: the administrator adds them and reads a one-time enrolment code
// (no password field, no TOTP secret); the person, not signed in, follows the sign-in page's link, chooses
// their own password with the code and reads their second-factor setting (a QR code and its text), then
// signs in with it. The administrator then issues a new code, which first asks again: it ends what the
// person holds. The reset of a unit head waits for a second person: the key officer completes it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { nextTotp } from '../support/exchange.ts';
import { assertAccessible, shot, uiHubHooks } from './support.ts';

const ui = uiHubHooks();
const CODE = /([A-Z2-7]{4}-){4}[A-Z2-7]{4}/;

test('an administrator hands over a code; the person chooses their password and signs in', async () => {
  const admin = await ui.signedIn('mpd.admin', '/admin');
  await admin.page
    .getByRole('link', { name: /警視庁/ })
    .first()
    .click();
  const form = admin.page.getByRole('form', { name: '利用者の登録' });
  assert.equal(await form.getByLabel('パスワード').count(), 0, 'the administrator sets no password');
  await form.getByLabel('ログインID').fill('new.inv');
  await form.getByLabel('表示名').fill('新任 捜査員');
  await form.getByLabel('所属', { exact: true }).selectOption({ label: 'サイバー犯罪対策課 第一係' });
  await form.getByLabel('捜査員').check();
  await form.getByRole('button', { name: /登録/ }).click();
  const notice = form.getByRole('status');
  await notice.getByText(/登録コード：/).waitFor();
  const said = await notice.innerText();
  assert.doesNotMatch(said, /二要素認証の設定値/, 'no second-factor secret for the administrator');
  assert.match(said, /有効期限 \d{4}-\d\d-\d\d \d\d:\d\d:\d\d \+09:00/);
  const code = CODE.exec(said)?.[0] ?? assert.fail(`no code in: ${said}`);
  const row = admin.page.getByRole('row', { name: /new\.inv/ });
  await row.getByText(/本人の登録待ち（期限/).waitFor();

  // The person, on a browser of their own, from the sign-in page.
  const person = await ui.desk();
  await person.page.goto(ui.hub.url);
  await person.page.getByRole('link', { name: /初めての方/ }).click();
  const enrol = person.page.getByRole('form', { name: '初めての登録' });
  await enrol.waitFor();
  await assertAccessible(person.page, 'the enrolment form');
  // In English too, every word of it.
  await person.page.getByRole('button', { name: 'English' }).click();
  const english = person.page.getByRole('form', { name: 'Enrol' });
  await english.getByLabel('Enrolment code').waitFor();
  await english.getByText('20 letters and digits (the hyphens may be left out)').waitFor();
  await person.page.getByRole('link', { name: 'Back to sign-in' }).waitFor();
  assert.equal(await person.page.locator('html').getAttribute('lang'), 'en');
  await person.page.getByRole('button', { name: '日本語' }).click();
  await enrol.getByLabel('ログインID').fill('new.inv');
  await enrol.getByLabel('登録コード').fill(code.toLowerCase());
  await enrol.getByLabel('新しいパスワード（12 文字以上）').fill('my own passphrase 2026');
  await enrol.getByLabel('新しいパスワード（確認のためもう一度）').fill('my own passphrase 2062');
  await enrol.getByRole('button', { name: '登録する' }).click();
  await person.page
    .getByTestId('error-notice')
    .getByText(/2 つのパスワードが一致しません/)
    .waitFor();
  await enrol.getByLabel('新しいパスワード（確認のためもう一度）').fill('my own passphrase 2026');
  await enrol.getByRole('button', { name: '登録する' }).click();
  await person.page
    .getByRole('status')
    .getByText(/登録しました/)
    .waitFor();
  const qr = person.page.getByRole('img', { name: /認証アプリに読み取らせる QR コード（new\.inv/ });
  await qr.waitFor();
  assert.match((await qr.getAttribute('src')) ?? '', /^data:image\/png;base64,/);
  const secret = (await person.page.getByTestId('totp-secret').innerText()).replace(/\s+/g, '');
  assert.match(secret, /^[A-Z2-7]{32}$/);
  await shot(person.page, '64-enrolled-ja');
  await assertAccessible(person.page, 'the enrolled page');

  await person.page.getByRole('link', { name: 'ログイン画面へ進む' }).click();
  await person.page.locator('input[name="login"]').fill('new.inv');
  await person.page.locator('input[name="password"]').fill('my own passphrase 2026');
  await person.page.locator('input[name="totp"]').fill(await nextTotp(secret));
  await person.page.locator('form button[type="submit"]').click();
  await person.page.locator('[data-testid="who-name"]').getByText('新任 捜査員').waitFor();

  // A new code for an enrolled person asks first, then ends what they held.
  await admin.page.reload();
  const enrolledRow = admin.page.getByRole('row', { name: /new\.inv/ });
  await enrolledRow.getByText('有効').waitFor();
  await enrolledRow.getByRole('button', { name: 'new.inv に登録コードを発行し直す' }).click();
  await enrolledRow.getByText(/パスワードと二要素認証を使えなくして/).waitFor();
  await enrolledRow
    .getByRole('button', { name: /new\.inv に登録コードを発行し直す/ })
    .first()
    .click();
  const again = admin.page.getByRole('status').getByText(/new\.inv の新しい登録コード：/);
  await again.waitFor();
  const second = CODE.exec(await again.innerText())?.[0];
  assert.ok(second && second !== code, 'a new code');
  await person.page.reload();
  await person.page.getByRole('form', { name: 'ログイン' }).waitFor();

  // A unit head's reset: the administrator only asks; the key officer completes it and receives the code.
  const headRow = admin.page.getByRole('row', { name: /tanaka/ });
  await headRow.getByRole('button', { name: 'tanaka に登録コードを発行し直す' }).click();
  await headRow
    .getByRole('button', { name: /tanaka に登録コードを発行し直す/ })
    .first()
    .click();
  await admin.page
    .getByRole('status')
    .getByText(/tanaka のやり直しを依頼しました。特権のある役割/)
    .waitFor();
  await headRow.getByText('やり直しの二人目待ち').waitFor();
  const mine = admin.page.locator('[data-testid="pending-resets"] li', { hasText: 'tanaka' });
  await mine.getByText('自分の依頼・自分自身のやり直しは完了できません').waitFor();

  const keys = await ui.signedIn('mpd.keys', '/admin');
  await keys.page
    .getByRole('link', { name: /警視庁/ })
    .first()
    .click();
  const waiting = keys.page.locator('[data-testid="pending-resets"] li', { hasText: 'tanaka' });
  await waiting.getByText(/依頼: mpd\.admin/).waitFor();
  await shot(keys.page, '65-reset-second-person-ja');
  await assertAccessible(keys.page, 'resets awaiting a second person');
  await waiting.getByRole('button', { name: 'tanaka のやり直しを完了する' }).click();
  const handed = keys.page.getByRole('status').getByText(/tanaka の新しい登録コード：/);
  await handed.waitFor();
  assert.match(await handed.innerText(), CODE);
});
