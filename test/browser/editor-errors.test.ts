// The request editor's refusals in a browser: a save with several problems counts them once in the
// headline and lists each once, with the fields concerned marked invalid and their messages tied to
// them; an empty field is said to be required; a time its field cannot read holds the save and says
// what was typed in the field's own format (never `""`, never the API's format); a time typed with its
// offset is read; nothing raw is shown; an address that is not an Internet source is warned of, and the
// policy check then reads as allowed with warnings, not as an unqualified OK; the fields of a kind's
// block (a warrant's, an emergency's conditions) and the secrecy reason are marked as the basic ones are.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { fillInquiryCase } from './steps.ts';
import { assertAccessible, onDesk, postsTo, shot, uiHubHooks } from './support.ts';

const ui = uiHubHooks();
const NIHON_NETWORK = '日本ネットワーク通信株式会社 (電気通信事業者)';

/** The text of the element(s) an input's aria-describedby names. */
async function describedText(page: Page, selector: string): Promise<string> {
  const ids = ((await page.locator(selector).getAttribute('aria-describedby')) ?? '').split(/\s+/).filter(Boolean);
  const texts = await Promise.all(ids.map((id) => page.locator(`[id="${id}"]`).textContent()));
  return texts.join(' ');
}

test('an empty save: the problems counted, each listed once, the fields marked; in Japanese and English', async () => {
  await onDesk(ui.signedIn('sato', '/requests/new'), async (page) => {
    await page.getByRole('heading', { name: '照会の起案' }).waitFor();
    await page.getByRole('button', { name: '下書き保存' }).click();
    const notice = page.locator('[data-testid="error-notice"]');
    await notice.waitFor();
    const headline = (await notice.locator('[data-testid="error-headline"]').textContent()) ?? '';
    assert.match(headline, /^入力に \d+ 件の問題があります$/);
    const items = await notice.locator('[data-testid="error-issues"] li').allTextContents();
    assert.equal(Number(/\d+/.exec(headline)?.[0]), items.length, 'the headline counts the list');
    assert.equal(new Set(items).size, items.length, 'each problem once');
    assert.ok(items.includes('事件番号: 入力が必要です'), items.join('\n'));
    assert.ok(items.includes('対象 1 › IPアドレス: 入力が必要です'), 'the form’s label, the required words');
    assert.ok(items.includes('対象 1 › 日時: 入力が必要です'), items.join('\n'));
    const all = (await notice.textContent()) ?? '';
    assert.doesNotMatch(all, /""|2026-03-01T10:00:00|VALIDATION_FAILED|\{|content\./, 'nothing raw');
    assert.equal(await notice.locator('details').count(), 0, 'no raw details to open');
    // The first field marked takes the focus (the buttons are far below the list).
    const provider = page.getByLabel('照会先の事業者 *');
    assert.equal(await provider.getAttribute('aria-invalid'), 'true');
    assert.equal(await provider.evaluate((el) => el.matches(':focus')), true, 'the first marked has the focus');
    for (const input of ['input[name="caseReference"]', 'textarea[name="facts"]', 'input.wall-time >> nth=1']) {
      assert.equal(await page.locator(input).getAttribute('aria-invalid'), 'true', input);
      assert.match(await describedText(page, input), /入力が必要です/, input);
    }
    const ip = page.getByLabel('IPアドレス *');
    assert.equal(await ip.getAttribute('aria-invalid'), 'true');
    // Typing anew clears the mark of that field only.
    await page.locator('input[name="caseReference"]').fill('令和8年 第77号');
    assert.equal(await page.locator('input[name="caseReference"]').getAttribute('aria-invalid'), null);
    assert.equal(await page.locator('input[name="offence"]').getAttribute('aria-invalid'), 'true');
    await assertAccessible(page, 'editor with its problems marked');
    await shot(page, 'editor-problems-ja');

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Draft a request' }).waitFor();
    await page.getByRole('group', { name: 'Date and time *' }).waitFor();
    await page.getByRole('button', { name: 'Save draft' }).click();
    await notice
      .locator('[data-testid="error-headline"]')
      .filter({ hasText: /^\d+ problems in the form$/ })
      .waitFor();
    const en = await notice.locator('[data-testid="error-issues"] li').allTextContents();
    assert.ok(en.includes('Target 1 › IP address: This field is required'), en.join('\n'));
    assert.ok(en.includes('Target 1 › Date and time: This field is required'), en.join('\n'));
  });
});

const unreadableTimeTitle =
  'a time its field cannot read holds the save; one typed with its offset is read; a private address is warned of';
test(unreadableTimeTitle, async () => {
  await onDesk(ui.signedIn('sato', '/requests/new'), async (page) => {
    const posted = postsTo(page, '/v1/requests');
    await page.getByRole('heading', { name: '照会の起案' }).waitFor();
    await fillInquiryCase(page, {
      provider: NIHON_NETWORK,
      caseReference: '令和8年 第99号',
      offence: '脅迫',
      facts: '掲示板への脅迫の書込み',
      necessity: '書込み者の特定のため',
    });
    await page.getByLabel('IPアドレス *').fill('10.0.0.1');
    const at = page.locator('input.wall-time').nth(1);
    await at.fill('2026/3/29 1:30');
    assert.equal(await at.getAttribute('aria-invalid'), 'true', 'marked as typed');
    await page.getByRole('button', { name: '下書き保存' }).click();
    const headline = page.locator('[data-testid="error-headline"]');
    await headline.waitFor();
    const said = (await headline.textContent()) ?? '';
    assert.match(
      said,
      /^対象 1 › 日時: "2026\/3\/29 1:30" は日時として不正です（Asia\/Tokyo の日時は 2026-03-29 01:30:12/,
    );
    assert.doesNotMatch(said, /""|2026-03-01T10:00:00/);
    assert.equal(await page.locator('input.wall-time:focus').count(), 1, 'the time concerned takes the focus');
    assert.equal(await at.evaluate((el) => el.matches(':focus')), true);
    assert.deepEqual(posted, [], 'nothing sent');

    // An explicit offset is not ambiguous: read as typed, and the request is saved.
    await at.fill('2026-03-29 01:30:12+09:00');
    await page.getByText('入力された時差のとおりに読みました').waitFor();
    assert.equal(await at.getAttribute('aria-invalid'), null);
    const warning = page.locator('[data-testid="policy-address-warnings"]');
    await warning.waitFor();
    assert.match(
      (await warning.textContent()) ?? '',
      /対象 1: 10\.0\.0\.1 はプライベートアドレスで.*契約者の特定には使えません/,
    );
    await page.locator('[data-testid="addressee-not-internet"]').waitFor();
    // Allowed by the policy, but not with a check mark beside the warning.
    const policy = page.locator('[data-testid="policy-result"]');
    await policy.filter({ hasText: 'ポリシー上は応じられますが、下の注意を確認してください' }).waitFor();
    assert.doesNotMatch((await policy.textContent()) ?? '', /✓/);
    await assertAccessible(page, 'editor warning of a private address');
    await shot(page, 'editor-private-address-ja');
    await page.getByRole('button', { name: 'English' }).click();
    await warning
      .filter({ hasText: /Target 1: 10\.0\.0\.1 is a private address: it is not an Internet source/ })
      .waitFor();
    await page.getByLabel('IP address *').fill('100.64.3.4');
    await warning.filter({ hasText: /only to the ISP that runs that CGNAT.*public address and port/ }).waitFor();
    await policy.filter({ hasText: 'Allowed by the policy, but see the warnings below' }).waitFor();
    assert.doesNotMatch((await policy.textContent()) ?? '', /✓/);
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.waitForURL(/\/requests\/req_[^/]+$/);
    assert.equal(posted.length, 1);
    await page.getByText('2026-03-29 01:30:12 +09:00').first().waitFor();
  });
});

test("a warrant's refused fields are marked as the basic ones are", async () => {
  await onDesk(ui.signedIn('sato', '/requests/new'), async (page) => {
    await page.getByRole('heading', { name: '照会の起案' }).waitFor();
    await page.getByLabel('照会の種別').selectOption({ label: '令状' });
    await page.getByLabel('令状番号 *').waitFor();
    await page.getByRole('button', { name: '下書き保存' }).click();
    const items = page.locator('[data-testid="error-issues"] li');
    await items.first().waitFor();
    const listed = await items.allTextContents();
    assert.ok(listed.includes('令状 › 令状番号: 入力が必要です'), listed.join('\n'));
    // the court's key and signature, which the form asks for, are in the list as well (named by their labels)
    assert.ok(listed.includes('令状 › 裁判所の鍵ID: 入力が必要です'), listed.join('\n'));
    assert.ok(
      listed.some((l) => l.startsWith('令状 › 裁判所の電子署名: ')),
      listed.join('\n'),
    );
    for (const name of ['令状番号 *', '裁判所の鍵ID *']) {
      const input = page.getByLabel(name);
      assert.equal(await input.getAttribute('aria-invalid'), 'true', name);
      const id = await input.getAttribute('id');
      assert.match(await describedText(page, `[id="${id}"]`), /入力が必要です/, name);
    }
    const issued = page.getByRole('group', { name: '発付日時 *' }).locator('input.wall-time');
    assert.equal(await issued.getAttribute('aria-invalid'), 'true', 'the issue time');
    assert.match(await describedText(page, `[id="${await issued.getAttribute('id')}"]`), /入力が必要です/);
    // Typing anew clears that field's mark only.
    await page.getByLabel('令状番号 *').fill('令和8年(む)第12号');
    assert.equal(await page.getByLabel('令状番号 *').getAttribute('aria-invalid'), null);
    assert.equal(await page.getByLabel('裁判所の鍵ID *').getAttribute('aria-invalid'), 'true');
    await assertAccessible(page, 'editor with the warrant block marked');
  });
});

const emergencyRefusedTitle =
  "an emergency's conditions not affirmed and an empty secrecy reason are marked and focused when refused";
test(emergencyRefusedTitle, async () => {
  await onDesk(ui.signedIn('sato', '/requests/new'), async (page) => {
    await page.getByRole('heading', { name: '照会の起案' }).waitFor();
    await page.getByLabel('照会の種別').selectOption({ label: '緊急照会' });
    await fillInquiryCase(page, {
      provider: NIHON_NETWORK,
      caseReference: '令和8年 第4040号',
      offence: '自殺予告',
      facts: '掲示板への自殺予告の書込み',
      necessity: '書込み者の保護のため',
    });
    await page.getByLabel('IPアドレス *').fill('203.0.113.45');
    await page.locator('input.wall-time').nth(1).fill('2026-03-29 01:30:12');
    await page.getByLabel('緊急性の説明 *').fill('今夜実行すると書かれている');
    const condition = (c: string) => page.locator(`input[name="condition-${c}"]`);
    await condition('imminent').check();
    await condition('intentExpressed').check();
    await page.locator('input[name="doNotNotify"]').check();
    const reason = page.locator('textarea[name="secrecyReason"]');

    // The reason left empty: the API's refusal marks it, ties its message to it and focuses it.
    await page.getByRole('button', { name: '下書き保存' }).click();
    await page.locator('[data-testid="error-notice"]').waitFor();
    await page.locator('textarea[name="secrecyReason"][aria-invalid="true"]').waitFor();
    assert.match(await describedText(page, 'textarea[name="secrecyReason"]'), /入力が必要です/);
    assert.equal(await reason.evaluate((el) => el.matches(':focus')), true, 'the reason takes the focus');
    assert.doesNotMatch((await page.locator('[data-testid="error-notice"]').textContent()) ?? '', /confidentiality/);

    // Given, the save is refused for the two conditions not affirmed: each is marked and tied to the message.
    await reason.fill('発信者に知られると証拠隠滅のおそれがある');
    assert.equal(await reason.getAttribute('aria-invalid'), null, 'typed anew, the mark is gone');
    await page.getByRole('button', { name: '下書き保存' }).click();
    await page.locator('[data-testid="error-notice"]').filter({ hasText: '4要件' }).waitFor();
    const missing = ['realistic', 'notJokeOrFiction'];
    await condition('realistic').and(page.locator('[aria-invalid="true"]')).waitFor();
    for (const c of missing) {
      assert.equal(await condition(c).getAttribute('aria-invalid'), 'true', c);
      assert.match(await describedText(page, `input[name="condition-${c}"]`), /4要件.*現実的.*冗談/, c);
    }
    for (const c of ['imminent', 'intentExpressed'])
      assert.equal(await condition(c).getAttribute('aria-invalid'), null, `${c} was affirmed`);
    assert.equal(await reason.getAttribute('aria-invalid'), null);
    assert.equal(await condition('realistic').evaluate((el) => el.matches(':focus')), true, 'the first is focused');
    await assertAccessible(page, 'editor with the emergency conditions marked');

    // In English, the conditions are said in words, not by their keys.
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Draft a request' }).waitFor();
    const said = await describedText(page, 'input[name="condition-notJokeOrFiction"]');
    assert.match(said, /all four conditions.*realistically likely.*joke or fiction/);
    assert.doesNotMatch(said, /notJokeOrFiction|realistic \(/);
    // Affirmed, a condition's mark is gone.
    await condition('realistic').check();
    assert.equal(await condition('realistic').getAttribute('aria-invalid'), null);
    assert.equal(await condition('notJokeOrFiction').getAttribute('aria-invalid'), 'true');
  });
});

test("the MLAT block's text fields carry what they hold to the save and are marked where refused", async () => {
  await onDesk(ui.signedIn('sato', '/requests/new'), async (page) => {
    await page.getByRole('heading', { name: '照会の起案' }).waitFor();
    await page.getByLabel('照会の種別').selectOption({ label: '国際捜査共助要請' });
    const country = page.getByLabel('要請先の国（ISO 2文字） *');
    const authority = page.locator('input[name="foreignAuthority"]');
    await country.fill('USA');
    await page.locator('input[name="foreignProvider"]').fill('Example Social, Inc.');
    await page.getByRole('button', { name: '下書き保存' }).click();
    await page.locator('[data-testid="error-notice"]').waitFor();
    // Each refused field of the block is marked at its own input, with its own message tied to it.
    await authority.and(page.locator('[aria-invalid="true"]')).waitFor();
    assert.match(await describedText(page, 'input[name="foreignAuthority"]'), /入力が必要です/);
    assert.equal(await country.getAttribute('aria-invalid'), 'true', 'three letters are not a country code');
    assert.equal(await page.locator('input[name="foreignProvider"]').getAttribute('aria-invalid'), null);
    assert.equal(await page.locator('input[name="foreignProvider"]').inputValue(), 'Example Social, Inc.');
    // Typing anew clears that field's mark only, and the value typed is what the field holds.
    await authority.fill('U.S. Department of Justice, Office of International Affairs');
    assert.equal(await authority.getAttribute('aria-invalid'), null);
    assert.equal(await country.getAttribute('aria-invalid'), 'true');
    assert.equal(await authority.inputValue(), 'U.S. Department of Justice, Office of International Affairs');
    await assertAccessible(page, 'editor with the MLAT block marked');
  });
});
