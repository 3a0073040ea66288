// A field's words about what is wrong with it (own-validity.ts: a required field left empty, no choice made)
// follow the page's language: switched after they were said, they are said again in the new language — beside
// the field and in the browser's bubble — at once, not only once the field changes; and switched back, again.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Locator } from 'playwright-core';
import { boardAdminAtBoard } from './arrange.ts';
import { said, submitForm } from './form-validity.ts';
import { jsErrors, onDesk, uiHubHooks } from './support.ts';

const ui = uiHubHooks();

/** The words said beside a control (Field's `<id>-err`), by the control's id. */
const wordsBeside = async (control: Locator) => {
  const id = await control.getAttribute('id');
  assert.ok(id, 'the control has an id');
  return control.page().locator(`[id="${id}-err"]`);
};

test('a required field and a required choice say their problem again in the language switched to', async () => {
  const { context, page } = await ui.signedIn('sato', '/evidence/whom');
  try {
    await page.getByRole('heading', { level: 1, name: '照会先の確認（IP アドレス）' }).waitFor();
    const address = page.locator('input[name="address"]');
    await submitForm(address);
    const words = await wordsBeside(address);
    assert.equal(await said(address), '入力が必要です');
    await words.getByText('入力が必要です').waitFor();

    await page.getByRole('button', { name: 'English' }).click();
    await words.getByText('This field is required').waitFor({ timeout: 3000 });
    assert.equal(await said(address), 'This field is required', "the browser's bubble too");
    assert.equal(await address.getAttribute('aria-invalid'), 'true', 'still marked: the field is still empty');

    await page.getByRole('button', { name: '日本語' }).click();
    await words.getByText('入力が必要です').waitFor({ timeout: 3000 });
    assert.equal(await said(address), '入力が必要です');

    // Filled, the words go as before, in whichever language.
    await address.fill('203.0.113.45');
    assert.equal(await address.getAttribute('aria-invalid'), null);
    assert.equal(await said(address), '');
    assert.deepEqual(jsErrors(page), []);
  } finally {
    await context.close();
  }

  const { desk: admin } = await boardAdminAtBoard(ui);
  await onDesk(admin, async () => {
    const form = admin.page.getByRole('form', { name: '登録済みの人に役割を付与' });
    await form.getByRole('button', { name: '登録済みの人に役割を付与' }).click();
    const person = form.getByLabel('付与する人');
    assert.equal(await said(person), '一覧から選んでください');
    // Found by its id from here: its label is about to change language.
    const chosen = admin.page.locator(`select[id="${await person.getAttribute('id')}"]`);
    const words = await wordsBeside(chosen);
    await words.getByText('一覧から選んでください').waitFor();
    await admin.page.getByRole('button', { name: 'English' }).click();
    await words.getByText('Choose one from the list').waitFor({ timeout: 3000 });
    assert.equal(await said(chosen), 'Choose one from the list', "the browser's bubble too");
  });
});
