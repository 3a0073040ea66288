// What must hold whoever clicks: a forged request shows a failed verification badge; a user of
// another organisation cannot open a request by its URL; an expired session returns to sign-in
// with a notice; the language switch is visible and persisted.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Request } from 'playwright-core';
import type { EnvelopeReply } from '../support/replies.ts';
import {
  apiSettled,
  assertAccessible,
  type Desk,
  jsErrors,
  shot,
  signIn,
  submitSignIn,
  uiHubHooks,
} from './support.ts';

const ui = uiHubHooks();

const demoRequest = (match: (summary: string) => boolean) => {
  const r = ui.hub.demo.requests.find((x) => match(x.summary));
  if (!r) throw new Error('demo request missing');
  return r;
};

test('a forged envelope taken in at the provider shows a failed verification badge', async () => {
  // A genuine envelope addressed to the board, altered after signing (another request id, other facts).
  const sato = await ui.hub.api('sato');
  const emergency = demoRequest((s) => s.startsWith('emergency'));
  const got = await sato<EnvelopeReply>('GET', `/v1/requests/${emergency.id}/envelope`);
  assert.equal(got.status, 200, JSON.stringify(got.body));
  const genuine = got.body.envelope;
  const forged = {
    ...genuine,
    payload: {
      ...genuine.payload,
      envelopeId: `${genuine.payload.envelopeId}-forged`,
      content: { ...genuine.payload.content, facts: '改ざんされた被疑事実' },
    },
  };

  const { context, page } = await ui.signedIn('board.legal');
  await page.getByRole('link', { name: '受付（封筒の取込み）' }).click();
  await page.getByRole('heading', { name: '封筒の取込み' }).waitFor();
  await page.getByLabel('封筒（JSON） *').fill(JSON.stringify(forged, null, 2));
  await page.getByRole('button', { name: '取り込んで検証' }).click();
  const alert = page.getByRole('alert');
  await alert.waitFor();
  // Said in words; the stable code stays on the element (and in the collapsed details) for support.
  assert.equal(await alert.getAttribute('data-code'), 'SIGNATURE_INVALID');
  assert.match(await alert.innerText(), /署名/);
  assert.doesNotMatch(await alert.innerText(), /[A-Z]+_[A-Z_]+/);
  await shot(page, '11-intake-forged-refused-ja');
  await assertAccessible(page, 'intake');
  await page.getByRole('link', { name: '記録された照会を開く' }).click();
  const verification = page.locator('[data-testid="verification"]');
  await verification.waitFor();
  assert.equal(await verification.getAttribute('data-ok'), 'false');
  assert.equal(await verification.locator('[data-check="signature_approver"]').getAttribute('data-status'), 'fail');
  assert.match(await page.locator('[data-testid="verification-badge"]').innerText(), /検証失敗/);
  assert.match(await page.locator('[data-testid="decline-reason"]').innerText(), /不適式な要請/);
  await shot(page, '12-forged-request-failed-verification-ja');
  await assertAccessible(page, 'forged request page');
  assert.deepEqual(jsErrors(page), []);
  await context.close();
});

test('a user of another organisation cannot open a request by its URL', async () => {
  const answered = demoRequest((s) => s.startsWith('inquiry → answered'));
  // Another police force, and a provider the request was not addressed to.
  for (const login of ['osaka', 'isp.legal']) {
    const { context, page } = await ui.signedIn(login, `/requests/${answered.id}`);
    await page.getByRole('heading', { name: 'この照会は表示できません' }).waitFor();
    const alert = page.getByRole('alert');
    assert.equal(await alert.getAttribute('data-code'), 'NOT_FOUND');
    assert.doesNotMatch(await alert.innerText(), /NOT_FOUND/);
    // Said in words: the request's internal id (req_…) is no word a person reads.
    assert.match(await alert.innerText(), /この照会はありません（存在しないか、閲覧できる範囲にありません）/);
    assert.doesNotMatch(await page.locator('main').innerText(), /req_/);
    assert.doesNotMatch(await page.locator('main').innerText(), /脅迫|203\.0\.113/, 'nothing of the request leaks');
    // Nor its timeline or answer.
    await page.goto(`${ui.hub.url}/requests/${answered.id}/timeline`);
    await page.getByRole('alert').waitFor();
    assert.doesNotMatch(await page.getByRole('alert').innerText(), /req_/);
    assert.equal(await page.locator('[data-testid="timeline"]').count(), 0);
    if (login === 'osaka') await shot(page, '13-other-organisation-denied-ja');
    await context.close();
  }
  // The owner can.
  const { context, page } = await ui.signedIn('sato', `/requests/${answered.id}`);
  await page.locator('.badge.state-answered').waitFor();
  await context.close();
});

test('an expired session returns to sign-in with a notice, and back to the page after', async () => {
  const { context, page } = await ui.signedIn('sato');
  // The home has asked for all it shows: no call of its own can be the one that meets the expiry.
  await page.locator('.home .groups').waitFor();
  await apiSettled(page);
  await context.clearCookies(); // the server no longer knows this browser: as after expiry
  await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: '照会一覧' }).click();
  await page.getByText('セッションの有効期限が切れました。もう一度ログインしてください。').waitFor();
  await shot(page, '14-session-expired-ja');
  await submitSignIn(page, ui.hub, 'sato');
  await page.getByRole('heading', { name: '発出した照会' }).waitFor();
  assert.equal(new URL(page.url()).pathname, '/requests');
  // A wrong second factor is refused.
  await page.getByRole('button', { name: 'ログアウト' }).click();
  await page.getByText('ログアウトしました。').waitFor();
  await submitSignIn(page, ui.hub, 'sato', '000000');
  await page.getByRole('alert').waitFor();
  assert.equal(await page.locator('[data-testid="who-name"]').count(), 0);
  const wrongCode = await page.getByRole('alert').innerText();
  // A wrong password is told exactly as a wrong code is: the page does not say which factor failed.
  await page.locator('input[name="password"]').fill('not-the-password');
  await page.locator('input[name="totp"]').fill('000000');
  const answered = page.waitForResponse((r) => new URL(r.url()).pathname === '/v1/auth/login');
  await page.locator('form button[type="submit"]').click();
  assert.equal((await answered).status(), 401);
  await page.locator('form button[type="submit"]:not([disabled])').waitFor();
  await page.getByRole('alert').waitFor();
  assert.equal(await page.getByRole('alert').innerText(), wrongCode);
  assert.equal(await page.locator('[data-testid="who-name"]').count(), 0);
  await context.close();
});

test('a mistyped request address: a not-found page in words, the segment never taken for a request', async () => {
  const { context, page } = await ui.signedIn('sato', '/');
  const asked: string[] = [];
  page.on('request', (r) => {
    if (new URL(r.url()).pathname.startsWith('/v1/requests/')) asked.push(r.url());
  });
  for (const path of ['/requests/abc', '/requests/new/edit', '/requests/shokai-typo/approve', '/requests/x/timeline']) {
    await page.goto(`${ui.hub.url}${path}`);
    await page.getByRole('heading', { name: '照会が見つかりません' }).waitFor();
    const main = await page.locator('main').innerText();
    assert.doesNotMatch(main, /abc|new|shokai-typo|\bx\b|存在しません/, main);
    assert.equal(await page.getByRole('alert').count(), 0, 'no refusal: nothing was asked');
  }
  assert.deepEqual(asked, [], 'no segment of another shape is sent to the API');
  await assertAccessible(page, 'request not found');
  // The ways back: the requests, and home.
  await page.getByRole('link', { name: '照会の一覧へ' }).click();
  await page.waitForURL(`${ui.hub.url}/requests`);
  await context.close();
  const en = await ui.signedIn('tanaka', '/requests/abc', { lang: 'en' });
  await en.page.getByRole('heading', { name: 'Request not found' }).waitFor();
  assert.doesNotMatch(await en.page.locator('main').innerText(), /abc/);
  await en.page.locator('main').getByRole('link', { name: 'Home' }).waitFor();
  assert.deepEqual(jsErrors(en.page), []);
  await en.context.close();
});

test('a mistyped case, consultation, warrant or disclosure-order address: its own not-found page', async () => {
  const pages: { who: string; path: string; title: string; list: string; to: string }[] = [
    { who: 'sato', path: '/cases/abc', title: '事件が見つかりません', list: '事件の一覧へ', to: '/cases' },
    {
      who: 'sato',
      path: '/consultations/typo-1',
      title: '相談が見つかりません',
      list: '相談の一覧へ',
      to: '/consultations',
    },
    {
      who: 'sato',
      path: '/warrant-applications/typo-2',
      title: '令状の請求が見つかりません',
      list: '令状請求の一覧へ',
      to: '/warrant-applications',
    },
    {
      who: 'lawyer',
      path: '/disclosure-orders/typo-3',
      title: '開示命令の申立てが見つかりません',
      list: '開示命令の申立ての一覧へ',
      to: '/disclosure-orders',
    },
  ];
  // One desk a person (each sign-in of the same person takes a fresh TOTP step, which a third one waits
  // for); each address is opened by typing it, a whole new load of the page.
  const desks = new Map<string, Desk>();
  for (const p of pages) {
    const desk = desks.get(p.who) ?? (await ui.signedIn(p.who, '/'));
    desks.set(p.who, desk);
    const { page } = desk;
    const asked: string[] = [];
    const watch = (r: Request) => {
      const path = new URL(r.url()).pathname;
      if (path.startsWith('/v1/') && /abc|typo-/.test(path)) asked.push(r.url());
    };
    page.on('request', watch);
    await page.goto(`${ui.hub.url}${p.path}`);
    await page.getByRole('heading', { name: p.title }).waitFor();
    const main = await page.locator('main').innerText();
    assert.doesNotMatch(main, /abc|typo-|存在しません/, main);
    assert.equal(await page.getByRole('alert').count(), 0, 'no refusal: nothing was asked');
    assert.deepEqual(asked, [], `${p.path}: the segment is not sent to the API`);
    await page.getByRole('link', { name: p.list }).click();
    await page.waitForURL(`${ui.hub.url}${p.to}`);
    assert.deepEqual(jsErrors(page), []);
    page.off('request', watch);
  }
  for (const d of desks.values()) await d.context.close();
  // A case address for someone who works no cases (a provider's legal officer): the page is not theirs,
  // said as such, with no way to a list they cannot open and the way home to their own pages.
  const en = await ui.signedIn('board.legal', '/cases/abc', { lang: 'en' });
  await en.page.getByRole('heading', { name: 'This page is not open to your role' }).waitFor();
  assert.equal(await en.page.getByRole('heading', { name: 'Case not found' }).count(), 0);
  assert.equal(await en.page.getByRole('link', { name: 'Go to the cases' }).count(), 0);
  await en.page.locator('main').getByRole('link', { name: 'Home (the pages open to you)' }).waitFor();
  await en.context.close();
});

test('the language switch is visible on sign-in, applies everywhere and is remembered', async () => {
  const { context, page } = await ui.desk();
  await page.goto(`${ui.hub.url}/`);
  assert.equal(
    await page.evaluate(
      () =>
        (globalThis as unknown as { document: { documentElement: { lang: string } } }).document.documentElement.lang,
    ),
    'ja',
  );
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  await page.reload();
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  assert.equal(
    await page.evaluate(
      () =>
        (globalThis as unknown as { document: { documentElement: { lang: string } } }).document.documentElement.lang,
    ),
    'en',
  );
  await shot(page, '15-sign-in-en');
  await assertAccessible(page, 'sign-in (en)');
  await signIn(page, ui.hub, 'tanaka');
  await page.getByRole('heading', { name: /Work for 田中 課長/ }).waitFor();
  await page.getByRole('heading', { name: /Awaiting my approval/ }).waitFor();
  await shot(page, '16-home-unit-head-en');
  await assertAccessible(page, 'unit head home (en)');
  // Times carry the viewer's offset.
  assert.match(await page.locator('main time').first().innerText(), /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} \+09:00$/);
  await context.close();
});

test('keyboard only: sign in, skip to the content, reach a request', async () => {
  const { context, page } = await ui.desk();
  await page.goto(`${ui.hub.url}/`);
  await page.getByRole('heading', { name: 'ログイン' }).waitFor();
  const l = ui.hub.demo.logins.find((x) => x.login === 'sato');
  assert.ok(l);
  // Tab order on sign-in: 日本語, English, login, password, one-time code, submit.
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  assert.equal(
    await page.evaluate(() =>
      (
        globalThis as unknown as { document: { activeElement: { getAttribute: (n: string) => string | null } } }
      ).document.activeElement.getAttribute('name'),
    ),
    'login',
  );
  await page.keyboard.type('sato');
  await page.keyboard.press('Tab');
  await page.keyboard.type(l.password);
  await page.keyboard.press('Tab');
  await page.keyboard.type(await ui.hub.totp('sato'));
  await page.keyboard.press('Enter');
  await page.locator('[data-testid="who-name"]').waitFor();
  // The first Tab reaches the skip link, which moves focus to the main region.
  await page.keyboard.press('Tab');
  assert.match(
    await page.evaluate(
      () =>
        (globalThis as unknown as { document: { activeElement: { textContent: string | null } } }).document
          .activeElement.textContent ?? '',
    ),
    /本文へ移動/,
  );
  await page.keyboard.press('Enter');
  // From the content, the first request link opens with Enter.
  const firstLink = page.locator('main table.requests a').first();
  const href = await firstLink.getAttribute('href');
  await firstLink.focus();
  await page.keyboard.press('Enter');
  await page.waitForURL(`**${href}`);
  await page.locator('#req-h').waitFor();
  await context.close();
});
