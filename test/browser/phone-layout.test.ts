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

/**
 * The references a table shows on the page (SHK-2026-000004, WA-2026-000001), each with the number of
 * lines it is written on: a reference is read and said as one, never broken at its hyphens.
 */
async function referenceLines(page: Page): Promise<{ text: string; lines: number }[]> {
  return (await page.evaluate(`(() => {
    const found = [];
    for (const cell of document.querySelectorAll('main table td, main table th')) {
      for (const el of cell.querySelectorAll('a, button, span')) {
        const text = (el.textContent ?? '').trim();
        if (!/^[A-Z]+-\\d{4}-\\d+$/.test(text) || el.children.length > 0) continue;
        const range = document.createRange();
        range.selectNodeContents(el);
        const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
        found.push({ text, lines });
      }
    }
    return found;
  })()`)) as { text: string; lines: number }[];
}

test('a reference in a table is written on one line at a phone’s width and on a laptop', async () => {
  const broken: string[] = [];
  let seen = 0;
  for (const [login, paths] of [
    ['sato', ['/', '/requests', '/warrant-applications', '/cases', '/consultations', '/audit-log']],
    ['judge', ['/', '/warrant-applications', '/disclosure-orders']],
  ] as const) {
    for (const viewport of [PHONE, { width: 1280, height: 800 }]) {
      const { context, page } = await ui.signedIn(login, '/', { viewport });
      for (const path of paths) {
        await page.goto(ui.hub.url + path);
        await page.locator('main h1').first().waitFor();
        await apiSettled(page);
        await page.waitForTimeout(200);
        for (const r of await referenceLines(page)) {
          seen += 1;
          if (r.lines !== 1) broken.push(`${login} ${viewport.width} px ${path}: ${r.text} on ${r.lines} lines`);
        }
      }
      await context.close();
    }
  }
  assert.ok(seen > 0, 'the tables show references');
  assert.deepEqual(broken, []);
});
