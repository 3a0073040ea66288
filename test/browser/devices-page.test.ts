// The devices page read as any other page: one top heading naming it (it had none: its title was a
// card's, the only page so), its parts under headings of their own, and in the list of devices a state
// and each word of a holder's name kept whole on a laptop screen (never 「登録済 / み」, 「巡査部 / 長」).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Locator } from 'playwright-core';
import { assertAccessible, onDesk, uiHubHooks } from './support.ts';

const ui = uiHubHooks();

/** How many lines each of the element's words (parted at its spaces) takes on screen: 1 each when kept whole. */
async function wordLines(cell: Locator): Promise<number[]> {
  return cell.evaluate((el) => {
    const text = el.firstChild;
    if (text?.nodeType !== 3) return [0];
    const words: string[] = (text.textContent ?? '').split(' ');
    let at = 0;
    return words.map((w) => {
      const range = el.ownerDocument.createRange();
      range.setStart(text, at);
      range.setEnd(text, at + w.length);
      at += w.length + 1;
      return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
    });
  });
}

test('the devices page has one top heading, its parts under it, states and titles kept whole', async () => {
  await onDesk(ui.signedIn('tanaka', '/devices'), async (page) => {
    await page.locator('[data-testid="devices"] tbody tr').first().waitFor();
    const h1 = page.locator('main h1');
    assert.deepEqual(await h1.allInnerTexts(), ['端末と回答鍵']);
    assert.deepEqual(await page.locator('main h2').allInnerTexts(), ['回答鍵', 'この端末（ブラウザ）', '登録端末']);
    for (const row of await page.locator('[data-testid="devices"] tbody tr').all()) {
      const cells = row.locator('td, th');
      for (const n of await wordLines(cells.nth(0))) assert.equal(n, 1, `holder: ${await cells.nth(0).innerText()}`);
      assert.deepEqual(await wordLines(cells.nth(4)), [1], `state: ${await cells.nth(4).innerText()}`);
    }
    await assertAccessible(page, 'devices page');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Devices and the answer key' }).waitFor();
  });
});
