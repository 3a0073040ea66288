// A table's column headers are read as words: in Japanese a line may break between any two characters,
// which cut the answer's record table's headers mid-word in its narrow column (送信元IPアド / レス,
// 送信元ポ / ート番号). A header now breaks only at a space or at its punctuation (操作 / （ログイン・ /
// 投稿等）), on a laptop (where the table fits its card) and on a phone (where it scrolls sideways).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { boardAnswerToTrace } from './arrange.ts';
import { openAnswer } from './steps.ts';
import { LAPTOP, uiHubHooks } from './support.ts';

const ui = uiHubHooks();
const PHONE = { width: 390, height: 844 };

interface HeaderLines {
  text: string;
  /** The header's text as written on each of its lines. */
  lines: string[];
}

/** Each column header of the tables in the opened answer, as the browser laid it out in lines. */
async function headerLines(page: Page): Promise<HeaderLines[]> {
  return (await page.evaluate(`(() => {
    const found = [];
    for (const th of document.querySelectorAll('[data-testid="answer-view"] table thead th')) {
      const lines = [];
      let top = null;
      const walker = document.createTreeWalker(th, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent ?? '';
        for (let i = 0; i < text.length; i += 1) {
          const range = document.createRange();
          range.setStart(node, i);
          range.setEnd(node, i + 1);
          const rect = [...range.getClientRects()].find((r) => r.width > 0);
          if (!rect) { if (lines.length > 0) lines[lines.length - 1] += text[i]; continue; }
          if (top === null || rect.top > top + rect.height / 2) { lines.push(''); top = rect.top; }
          lines[lines.length - 1] += text[i];
        }
      }
      found.push({ text: (th.textContent ?? '').trim(), lines: lines.filter((l) => l.trim()) });
    }
    return found;
  })()`)) as HeaderLines[];
}

/** The script a character is written in: a change of script is where one Japanese word may end. */
function script(c: string): string {
  if (/[\p{Script=Han}々]/u.test(c)) return 'kanji';
  if (/\p{Script=Hiragana}/u.test(c)) return 'hiragana';
  if (/[\p{Script=Katakana}ー]/u.test(c)) return 'katakana';
  if (/[A-Za-z0-9]/.test(c)) return 'latin';
  return 'other';
}

/**
 * Where a header may go on to the next line: after a space; after closing or separating punctuation
 * (）・、 and their Latin kin); before an opening bracket; between two words of different scripts
 * (送信元 / IPアドレス, 次の / 照会を / 起案), never before hiragana (a particle stays with its word).
 * Never inside a word: not 送信元IPアド / レス, not 送信元ポ / ート番号, not 照 / 会.
 */
function breakAllowed(before: string, after: string): boolean {
  const last = before.at(-1) ?? '';
  const next = after.at(0) ?? '';
  if (/\s/.test(last) || /[）・、,)/…]/.test(last) || /[（(]/.test(next)) return true;
  const [a, b] = [script(last), script(next)];
  return a !== b && a !== 'other' && b !== 'other' && b !== 'hiragana';
}

function splitWords(headers: HeaderLines[]): string[] {
  const split: string[] = [];
  for (const h of headers) {
    for (let n = 1; n < h.lines.length; n += 1) {
      const before = h.lines.slice(0, n).join('');
      const after = h.lines.slice(n).join('');
      if (!breakAllowed(before, after)) split.push(`${h.text}: ${h.lines.join(' / ')}`);
    }
  }
  return split;
}

/** How far the answer's tables reach beyond their cards, and the page beyond the window (0: they fit). */
async function overflow(page: Page): Promise<{ tables: number[]; page: number }> {
  return (await page.evaluate(`(() => ({
    tables: [...document.querySelectorAll('[data-testid="answer-view"] .table-wrap')].map(
      (w) => Math.max(0, Math.round(w.scrollWidth - w.clientWidth)),
    ),
    page: Math.max(0, document.documentElement.scrollWidth - innerWidth),
  }))()`)) as { tables: number[]; page: number };
}

test('the answer’s record table keeps its headers’ words whole, on a laptop and on a phone', async () => {
  const record = { address: '203.0.113.49', port: 52003, at: '2026-11-30T21:10:00+09:00' };
  const target = { type: 'url', url: 'https://sakura-board.example/t/2103', postId: 'p-2103' };
  const { inv, boardRequest } = await boardAnswerToTrace(ui, { reference: 'HEAD-21', target, record });
  const page = inv.page;
  try {
    await openAnswer(page, ui.hub, boardRequest.id);
    const seen: Record<string, HeaderLines[]> = {};
    for (const lang of ['ja', 'en'] as const) {
      for (const viewport of [LAPTOP, PHONE]) {
        await page.setViewportSize(viewport);
        await page.waitForTimeout(200);
        const headers = await headerLines(page);
        seen[`${lang} ${viewport.width}`] = headers;
        assert.equal(await page.evaluate('document.documentElement.lang'), lang);
        assert.ok(headers.length >= 4, `the record table shows its headers: ${JSON.stringify(headers)}`);
        assert.deepEqual(splitWords(headers), [], `${lang} ${viewport.width} px`);
        const o = await overflow(page);
        assert.equal(o.page, 0, `${lang} ${viewport.width} px: the page is no wider than the window`);
        if (viewport === LAPTOP)
          assert.ok(
            o.tables.every((x) => x === 0),
            `${lang}: the tables overflow ${o.tables}`,
          );
      }
      if (lang === 'ja') await page.getByRole('button', { name: 'English', exact: true }).click();
    }
    // The headers the walk found cut are among those measured.
    const ja = (seen['ja 390'] ?? []).map((h) => h.text);
    for (const head of ['送信元IPアドレス', '送信元ポート番号', '操作（ログイン・投稿等）']) {
      assert.ok(ja.includes(head), head);
    }
  } finally {
    await inv.context.close();
  }
});
