// The transparency report is one document for readers of both languages: each chart's labels are a
// `<switch>` (src/statistics/chart.ts), so a browser whose language is Japanese draws the Japanese label and
// any other the English — checked here in Debian's chromium, started once in Japanese and once in English.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { chartSvg, columns, horizontalBars } from '../../src/statistics/chart.ts';
import { launchBrowser } from './support.ts';

const page = `<html><body>${chartSvg(
  horizontalBars([{ key: 'inquiry', label: '捜査関係事項照会', labelEn: 'Inquiry', value: 3 }]),
  '種別 / By kind',
)}${chartSvg(columns([{ key: '2026-04', label: '4月', labelEn: 'Apr', value: 2 }]), '月別 / By month')}</body></html>`;

/** The labels the browser draws (a text the switch passes over has no box). */
async function drawn(args: string[]): Promise<string[]> {
  const browser = await launchBrowser(args);
  try {
    const tab = await browser.newPage();
    await tab.setContent(page);
    const out: string[] = [];
    for (const text of await tab.locator('switch text').all()) {
      const box = await text.boundingBox();
      if (box && box.width > 0) out.push((await text.textContent()) ?? '');
    }
    return out;
  } finally {
    await browser.close();
  }
}

describe('chart labels in the reader’s language', () => {
  test('a browser in Japanese draws the Japanese labels', async () => {
    assert.deepEqual(await drawn(['--lang=ja', '--accept-lang=ja']), ['捜査関係事項照会', '4月']);
  });

  test('a browser in English draws the English labels', async () => {
    assert.deepEqual(await drawn(['--lang=en-US', '--accept-lang=en-US']), ['Inquiry', 'Apr']);
  });
});
