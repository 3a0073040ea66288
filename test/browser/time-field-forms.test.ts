// A form other than the request editor that holds a time field (here "whom to ask", an ActionForm)
// sends nothing while the field cannot read what was typed, and says which field and what was typed,
// in Japanese and English; once the time is read, the form asks with it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { jsErrors, uiHubHooks } from './support.ts';

const ui = uiHubHooks();

test('whom to ask holds its lookup while its time cannot be read, naming the field, in Japanese and English', async () => {
  const { context, page } = await ui.signedIn('sato', '/evidence/whom');
  const asked: unknown[] = [];
  page.on('request', (r) => {
    if (r.method() === 'POST' && new URL(r.url()).pathname === '/v1/evidence/whom') asked.push(r.postDataJSON());
  });
  try {
    await page.getByRole('heading', { level: 1, name: '照会先の確認（IP アドレス）' }).waitFor();
    await page.locator('input[name="address"]').fill('203.0.113.45');
    const at = page.locator('input.wall-time');
    await at.fill('2026/3/29 1:30');
    await page.getByRole('button', { name: '照会先を調べる', exact: true }).click();
    const headline = page.locator('[data-testid="error-headline"]');
    await headline.waitFor();
    assert.match(
      (await headline.textContent()) ?? '',
      /^日時（任意）: "2026\/3\/29 1:30" は日時として不正です（Asia\/Tokyo の日時は 2026-03-29 01:30:12/,
    );
    assert.equal(await at.getAttribute('aria-invalid'), 'true');
    assert.equal(await page.locator('input.wall-time:focus').count(), 1, 'the field concerned takes the focus');
    assert.deepEqual(asked, [], 'nothing asked without the time that was typed');
    assert.equal(await page.locator('[data-testid="whom-answer"]').count(), 0);

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Whom to ask (IP address)' }).waitFor();
    await page.getByRole('button', { name: 'Find whom to ask', exact: true }).click();
    await headline.filter({ hasText: /^Date and time \(optional\): "2026\/3\/29 1:30"/ }).waitFor();
    assert.deepEqual(asked, []);

    // Read, the time is asked with.
    await at.fill('2026-03-29 01:30:12');
    await page.getByRole('button', { name: 'Find whom to ask', exact: true }).click();
    await page.locator('[data-testid="whom-answer"]').waitFor();
    assert.equal(await headline.count(), 0, 'the held notice is gone');
    assert.deepEqual(asked, [{ address: '203.0.113.45', at: '2026-03-29T01:30:12+09:00' }]);
    assert.deepEqual(jsErrors(page), []);
  } finally {
    await context.close();
  }
});
