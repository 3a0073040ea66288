// The demo's outgoing MLAT request read as its investigator, in Japanese and in English: the requested
// country and the language named in words (the codes `US` and `en` kept beside, never alone), the treaty's
// day of entry into force with the era year beside the Western year (never `2006-07-21`) and in the
// reader's brackets; its overview names the foreign authority as such (never "Provider"). On its case's
// chain the hop goes to the foreign authority (never `→ —`), and a hop's identifier says its kind once
// (never `アカウント アカウント`).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { assertAccessible, onDesk, uiHubHooks } from './support.ts';

const ui = uiHubHooks();

/** The text of the definition list's value under `term` on the request page. */
async function fact(page: Page, term: string): Promise<string> {
  const dt = page.locator('dl.facts dt', { hasText: term });
  assert.equal(await dt.count(), 1, term);
  return dt.locator('xpath=following-sibling::dd[1]').innerText();
}

test('an MLAT request names its country, language and treaty day in words, in either language', async () => {
  const mlat = ui.hub.demo.requests.find((r) => r.kind === 'mlat') ?? assert.fail('the demo has an MLAT request');
  await onDesk(ui.signedIn('sato', `/requests/${mlat.id}`), async (page) => {
    const route = page.locator('#mlat-route');
    await route.waitFor();
    assert.equal(await fact(page, '要請先の国'), 'アメリカ合衆国（US）');
    assert.equal(await fact(page, '言語'), '英語（en）');
    const treaty = await route.locator('p').first().innerText();
    assert.equal(treaty, '日米刑事共助条約（平成18年（2006年）7月21日発効）');
    await assertAccessible(page, 'MLAT request page');

    await page.getByRole('button', { name: 'English' }).click();
    await route.getByText(/in force since/).waitFor();
    assert.equal(await fact(page, 'Requested country'), 'United States (US)');
    assert.equal(await fact(page, 'Language'), 'English (en)');
    assert.match(await route.locator('p').first().innerText(), / \(in force since 21 July 2006\)$/);
    assert.doesNotMatch(await route.innerText(), /[（）]|2006-07-21/);
    // The overview names the foreign authority as what it is, not as a provider.
    const overview = page.locator('dl.facts.two-col');
    assert.equal(await overview.locator('dt').nth(1).innerText(), 'Foreign authority');
    assert.equal(await overview.locator('dt', { hasText: /^Provider$/ }).count(), 0);
  });
});

test('on the case’s chain the MLAT hop goes to the foreign authority; each identifier says its kind once', async () => {
  const mlat = ui.hub.demo.requests.find((r) => r.kind === 'mlat') ?? assert.fail('the demo has an MLAT request');
  await onDesk(ui.signedIn('sato', `/requests/${mlat.id}`), async (page) => {
    await page.getByRole('link', { name: '事件へ' }).click();
    const hops = page.locator('[data-testid="trace-hop"]');
    await hops.first().waitFor();
    const texts = await hops.allInnerTexts();
    const hop = texts.find((x) => x.includes(mlat.reference)) ?? assert.fail(`no hop of ${mlat.reference}`);
    assert.match(hop, /→ 外国当局/);
    for (const x of texts) {
      assert.doesNotMatch(x, /→ —/, x);
      assert.doesNotMatch(
        x,
        /照会の対象: (アカウント アカウント|メールアドレス メールアドレス|IPアドレス・ポート・日時)/,
        x,
      );
    }
    await assertAccessible(page, 'case page with its chain');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByText('Asks about:').first().waitFor();
    const en = await hops.allInnerTexts();
    assert.match(en.find((x) => x.includes(mlat.reference)) ?? '', /→ Foreign authority/);
    for (const x of en) assert.doesNotMatch(x, /Asks about: (Account Account|E-mail address E-mail address)/, x);
  });
});
