// The main screens at a laptop's width (1280 px, and 1024 px for the lists), in Japanese and in
// English: no page wider than the window, no list scrolling sideways or cutting its pills, no column
// squeezed to a word or a character a line; and no console error under the server's own CSP.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { apiSettled, LAPTOP, submitSignIn, uiHubHooks } from './support.ts';

const ui = uiHubHooks();

const byReference = (reference: string): string => {
  const r = ui.hub.demo.requests.find((x) => x.reference === reference);
  if (!r) throw new Error(`demo request ${reference} missing`);
  return `/requests/${r.id}`;
};

/** What is wrong with the page's width, as lines naming the place (none: it fits). */
async function layoutProblems(page: Page): Promise<string[]> {
  return (await page.evaluate(
    `(() => {
    const problems = [];
    const d = document.documentElement;
    if (d.scrollWidth > innerWidth) ` +
      `problems.push('page ' + d.scrollWidth + ' px wide in a ' + innerWidth + ' px window');
    for (const w of document.querySelectorAll('main .table-wrap')) {
      if (w.scrollWidth > w.clientWidth + 1) {
        const caption = w.querySelector('caption')?.textContent ?? '';
        problems.push('table "' + caption + '" scrolls sideways (' + w.scrollWidth + ' > ' + w.clientWidth + ')');
      }
    }
    for (const b of document.querySelectorAll('main .badge')) {
      const wrap = b.closest('.table-wrap');
      const cut = b.scrollWidth > b.clientWidth + 1 ||
        (wrap && b.getBoundingClientRect().right > wrap.getBoundingClientRect().right + 1);
      if (cut) problems.push('pill cut: ' + b.textContent);
    }
    // A pill broken inside a word: a line of it starts where the pill offers no break (after a space, a
    // <wbr> at a word's end, or a mark such as ・ or ）, or before （): a Japanese pill left to break
    // between any two characters (照|会) fails, down to the one character a line of a narrow column.
    const breakAfter = /[\\s・、。，,／/）)」】:：-]/;
    for (const b of document.querySelectorAll('main .badge')) {
      const text = b.textContent ?? '';
      const walker = document.createTreeWalker(b, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
      let top = null;
      let prev = '';
      let lines = 1;
      let broken = '';
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        if (n.nodeName === 'WBR') prev = ' ';
        if (n.nodeType !== Node.TEXT_NODE) continue;
        for (let i = 0; i < n.data.length; i++) {
          const ch = n.data[i];
          if (/\\s/.test(ch)) { prev = ch; continue; }
          const range = document.createRange();
          range.setStart(n, i);
          range.setEnd(n, i + 1);
          const r = range.getBoundingClientRect();
          if (r.height === 0) continue;
          if (top !== null && r.top > top + r.height / 2) {
            lines++;
            if (!broken && prev && !breakAfter.test(prev) && !/[（(「【]/.test(ch)) broken = prev + '|' + ch;
          }
          top = r.top;
          prev = ch;
        }
      }
      if (broken) problems.push('pill broken inside a word (' + lines + ' lines, at ' + broken + '): ' + text.trim());
    }
    // A cell, term, value or item of some length squeezed narrower than ten characters, three lines or more.
    for (const e of document.querySelectorAll('main td, main th, main dt, main dd, main li')) {
      const text = e.innerText.trim();
      if (text.length < 8) continue;
      const r = e.getBoundingClientRect();
      const style = getComputedStyle(e);
      const em = parseFloat(style.fontSize);
      const line = style.lineHeight === 'normal' ? 1.6 * em : parseFloat(style.lineHeight);
      const inner = r.width - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      // The height of the text itself, not of the row a taller neighbour stretched.
      const range = document.createRange();
      range.selectNodeContents(e);
      if (r.width > 0 && inner < 10 * em && range.getBoundingClientRect().height / line >= 3) {
        problems.push('squeezed to ' + Math.round(inner) + ' px: ' + text.slice(0, 50).replace(/\\s+/g, ' '));
      }
    }
    return problems;
  })()`,
  )) as string[];
}

async function visit(page: Page, path: string): Promise<void> {
  await page.goto(ui.hub.url + path);
  await page.locator('main h1, main h2').first().waitFor();
  await apiSettled(page);
  // Live deadlines and late lists settle after the first answers.
  await page.waitForTimeout(300);
}

/**
 * `login`'s screens at each width and in both languages, on one desk: one sign-in (a person's next
 * sign-in waits for a fresh TOTP step), the window resized and the language chosen as the switch stores
 * it, each page loaded anew.
 */
async function check(login: string, screens: Array<[width: number, paths: string[]]>): Promise<string[]> {
  const found: string[] = [];
  const { context, page } = await ui.signedIn(login, '/');
  for (const [width, paths] of screens) {
    await page.setViewportSize({ width, height: LAPTOP.height });
    for (const lang of ['ja', 'en'] as const) {
      await page.evaluate(`localStorage.setItem('shokai.locale', '${lang}')`);
      for (const path of paths) {
        await visit(page, path);
        const shown = await page.evaluate('document.documentElement.lang');
        assert.equal(shown, lang, `${path} is shown in ${lang}`);
        for (const p of await layoutProblems(page)) found.push(`${login} ${lang} ${width} ${path}: ${p}`);
      }
    }
  }
  await context.close();
  return found;
}

test('the investigator’s screens fit 1280 px (the lists 1024 px) in both languages', async () => {
  const emergency = byReference('SHK-2026-000004');
  const found = await check('sato', [
    [1280, ['/', '/requests', '/search', byReference('SHK-2026-000001'), emergency, '/requests/new', '/statistics']],
    [1024, ['/', '/search']],
  ]);
  assert.deepEqual(found, []);
});

test('the provider’s screens fit 1280 px (the lists 1024 px) in both languages', async () => {
  const emergency = byReference('SHK-2026-000004');
  const found = await check('board.legal', [
    [1280, ['/', '/requests', '/search', emergency, '/court-orders', '/admin']],
    [1024, ['/', emergency]],
  ]);
  assert.deepEqual(found, []);
});

test('Japanese at 1024 px: no page wider than the window, no pill broken inside a word', async () => {
  const emergency = byReference('SHK-2026-000004');
  const inJapanese = async (login: string, paths: string[]) => {
    const found: string[] = [];
    const { context, page } = await ui.signedIn(login, '/', {
      lang: 'ja',
      viewport: { width: 1024, height: LAPTOP.height },
    });
    for (const path of paths) {
      await visit(page, path);
      for (const p of await layoutProblems(page)) found.push(`${login} ja 1024 ${path}: ${p}`);
    }
    await context.close();
    return found;
  };
  const found = [
    ...(await inJapanese('sato', [
      '/',
      '/requests',
      '/search',
      byReference('SHK-2026-000001'),
      emergency,
      '/requests/new',
      '/statistics',
    ])),
    ...(await inJapanese('board.legal', ['/', '/requests', '/search', emergency, '/court-orders', '/admin'])),
  ];
  assert.deepEqual(found, []);
});

test('no console error or warning under the server’s CSP, signed out or in', async () => {
  const { context, page } = await ui.desk({ enforceCsp: true });
  const said: string[] = [];
  page.on('console', (m) => {
    // Signed out, the browser itself logs the 401 of the session probe: an answer, not a fault.
    if (/^Failed to load resource: .* 401 /.test(m.text())) return;
    if (m.type() === 'error' || m.type() === 'warning') said.push(`${m.type()} ${page.url()}: ${m.text()}`);
  });
  await page.goto(`${ui.hub.url}/`);
  await submitSignIn(page, ui.hub, 'sato');
  await page.locator('[data-testid="who-name"]').waitFor();
  await visit(page, byReference('SHK-2026-000001'));
  await visit(page, '/search');
  assert.deepEqual(said, []);
  await context.close();
});
