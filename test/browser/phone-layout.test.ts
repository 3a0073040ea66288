// The screens at a phone's width (390 px), in Japanese and in English: no page wider than the window.
// A form's long choices (a select sized by its longest option), a chart, a table or a long pill once
// pushed the whole page sideways; a table now scrolls on its own, a pill takes two lines.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { apiSettled, uiHubHooks } from './support.ts';

const ui = uiHubHooks();
const PHONE = { width: 390, height: 844 };

const byReference = (reference: string): string => {
  const r = ui.hub.demo.requests.find((x) => x.reference === reference);
  if (!r) throw new Error(`demo request ${reference} missing`);
  return `/requests/${r.id}`;
};

/** The page's width beyond the window, and what sticks out of it first (none: it fits). */
async function widthProblem(page: Page): Promise<string | null> {
  return (await page.evaluate(`(() => {
    const d = document.documentElement;
    if (d.scrollWidth <= innerWidth) return null;
    const out = [...document.querySelectorAll('main *')].find((e) => {
      const r = e.getBoundingClientRect();
      return r.width > 0 && r.right > innerWidth + 1 && e.closest('.table-wrap') === null;
    });
    return d.scrollWidth + ' px wide: ' + (out ? out.tagName + ' ' + (out.textContent ?? '').slice(0, 40) : '?');
  })()`)) as string | null;
}

async function check(login: string, paths: string[]): Promise<string[]> {
  const found: string[] = [];
  const { context, page } = await ui.signedIn(login, '/', { viewport: PHONE });
  for (const lang of ['ja', 'en'] as const) {
    await page.evaluate(`localStorage.setItem('shokai.locale', '${lang}')`);
    for (const path of paths) {
      await page.goto(ui.hub.url + path);
      await page.locator('main h1').first().waitFor();
      await apiSettled(page);
      await page.waitForTimeout(300);
      const problem = await widthProblem(page);
      if (problem) found.push(`${login} ${lang} ${path}: ${problem}`);
    }
  }
  await context.close();
  return found;
}

test('the investigator’s screens fit a 390 px phone in both languages', async () => {
  const found = await check('sato', [
    '/requests/new',
    '/statistics',
    '/devices',
    byReference('SHK-2026-000006'),
    byReference('SHK-2026-000001'),
  ]);
  assert.deepEqual(found, []);
});
