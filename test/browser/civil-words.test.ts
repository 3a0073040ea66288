// A civil disclosure request in the lawyer's words, in a real browser: the form's refusals name its fields as
// the form labels them (開示を請求する事業者, 侵害情報の内容と経緯), never by the police inquiry's (照会先の事業者,
// 被疑事実の要旨, 照会の必要性); the signing page is counsel's signature, not a unit head's 決裁. In Japanese and English.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { fillCivilClaim } from './steps.ts';
import { onDesk, uiHubHooks } from './support.ts';

const ui = uiHubHooks();

/** Files the form as it is; returns the problems its notice lists. */
async function problemsOnFiling(page: Page, button: string): Promise<string[]> {
  await page.getByRole('button', { name: button }).click();
  const notice = page.locator('[data-testid="error-notice"]');
  await notice.locator('[data-testid="error-issues"] li').first().waitFor();
  return notice.locator('[data-testid="error-issues"] li').allTextContents();
}

test("the civil form's problems and its signing page speak the lawyer's words, not the inquiry's", async () => {
  await onDesk(ui.signedIn('lawyer', '/civil/new'), async (page) => {
    await page.getByRole('heading', { name: '発信者情報開示請求の作成' }).waitFor();
    const ja = await problemsOnFiling(page, '作成して署名に進む');
    assert.ok(
      ja.some((p) => p.startsWith('開示を請求する事業者（請求の相手方）: ')),
      ja.join('\n'),
    );
    assert.ok(
      ja.some((p) => p.startsWith('侵害情報の内容と経緯: ')),
      ja.join('\n'),
    );
    assert.ok(
      ja.some((p) => p.startsWith('正当な理由の説明: ')),
      ja.join('\n'),
    );
    assert.ok(
      ja.some((p) => p.startsWith('侵害情報の所在（URL）: ')),
      ja.join('\n'),
    );
    for (const p of ja) assert.doesNotMatch(p, /照会|被疑事実|発信者情報開示請求 ›|求めるデータの種類/, p);
    assert.equal(await page.getByLabel('開示を請求する事業者（請求の相手方）').count(), 1, 'the field so labelled');

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'New sender-information disclosure request' }).waitFor();
    const en = await problemsOnFiling(page, 'Write and go to signing');
    assert.ok(
      en.some((p) => p.startsWith('The provider asked to disclose: ')),
      en.join('\n'),
    );
    assert.ok(
      en.some((p) => p.startsWith('What the posts say, and how it came about: ')),
      en.join('\n'),
    );
    for (const p of en) assert.doesNotMatch(p, /Summary of the facts|Why the data is needed|^Provider:/, p);

    // Written in full, it goes to the lawyer's signature: counsel signs and files it, nobody approves it.
    await page.getByRole('button', { name: '日本語' }).click();
    await page.getByRole('heading', { name: '発信者情報開示請求の作成' }).waitFor();
    await fillCivilClaim(page, {
      provider: 'さくら掲示板株式会社',
      caseReference: '当事務所 2026-民-091 中村',
      claimant: '中村 一子',
      post: 'https://sakura-board.example/thread/9101#res-3',
      facts: '請求者の実名を挙げ、虚偽の不倫の事実を摘示する書込み。',
      rightsInfringed: '虚偽の事実の摘示により社会的評価が低下した。',
      necessity: '発信者に損害賠償を請求するため。',
    });
    await page.getByLabel('損害賠償請求権の行使').check();
    await page.getByRole('button', { name: '作成して署名に進む' }).click();
    await page.getByRole('heading', { name: /^代理人弁護士の署名：/ }).waitFor();
    await page.locator('[data-testid="canonical"]').waitFor();
    const main = page.locator('main');
    await main.getByRole('heading', { name: '代理人としての署名（電子署名）' }).waitFor();
    await main.getByLabel('上記の内容を確認し、請求者の代理人としてこの開示請求を行います').waitFor();
    await main.getByRole('button', { name: '署名して請求する' }).waitFor();
    assert.doesNotMatch(await main.innerText(), /決裁|照会の必要性|署名して発出する|照会の内容/);

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: /^Counsel's signature: / }).waitFor();
    await main.getByRole('button', { name: 'Sign and file' }).waitFor();
    const english = await main.innerText();
    assert.match(english, /file this disclosure request as the claimant's counsel/);
    assert.doesNotMatch(english, /Approv|the request is necessary|Sign and issue/);

    // Its history, too, says what was done in the lawyer's words.
    const id = /\/requests\/([^/]+)\/approve/.exec(page.url())?.[1] ?? assert.fail(page.url());
    await page.getByRole('button', { name: '日本語' }).click();
    await page.goto(`${ui.hub.url}/requests/${id}/timeline`);
    const timeline = page.locator('[data-testid="timeline"]');
    await timeline.getByText('弁護士の署名に回す（作成中 → 弁護士の署名待ち）').waitFor();
    assert.doesNotMatch(await timeline.innerText(), /決裁/);
  });
});
