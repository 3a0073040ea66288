// A board's operator imports the post log in the installation's own pages (Chromium): signed in with
// the access code of a reviewer who has the records role, they open Records, upload a file with a bad
// line (refused next to the file control, the line, field and value named, nothing stored), then the
// right file (two rows taken), and read the history; the same page in English. Accessibility checked.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { addReviewer } from '../../src/agent/reviewers.ts';
import { startAgentPages } from '../../src/agent/web.ts';
import { SYSTEM_CALLER } from '../../src/domain/access.ts';
import { lookupPost } from '../../src/holders/board-service.ts';
import { run } from '../../src/kernel/unit-of-work.ts';
import { installationKey, runtime, startAgent } from '../support/agent.ts';
import { assertAccessible, jsErrors, shot, uiHubHooks } from './support.ts';

const ui = uiHubHooks();
const POSTS = `post_url,post_id,posted_at,source_address,source_port,account
https://sakura-board.example/t/42,p-1233,2026-11-30T23:40:02+09:00,198.51.100.20,40100,regular-1
https://sakura-board.example/t/42,p-1234,2026-11-30T23:42:17+09:00,203.0.113.45,51234,anon-77
`;
const BAD = POSTS.replace('203.0.113.45', '203.0.113.999');

/** Chooses `content` as the file posts.csv on the records page and imports it. */
async function importPosts(page: Page, content: string): Promise<void> {
  await page.getByLabel('ファイル（CSV または JSON）').setInputFiles({
    name: 'posts.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(content),
  });
  await page.getByRole('button', { name: '取り込む', exact: true }).click();
}

test("a board's operator imports the post log in the installation's pages", async () => {
  const agent = await startAgent({ ctx: ui.hub.ctx, url: ui.hub.url }, 'sqlite', 'Sakura Board K.K.');
  let pages: Awaited<ReturnType<typeof startAgentPages>> | undefined;
  try {
    const key = await installationKey(ui.hub, agent);
    const rt = runtime(agent, key.signer, null);
    const { code } = await run(agent.ctx, addReviewer, SYSTEM_CALLER, '運用 佐々木', { records: true });
    pages = await startAgentPages(rt, { host: '127.0.0.1', port: 0 });

    const desk = await ui.desk();
    const page = desk.page;
    const errors = jsErrors(page);
    await page.goto(`${pages.url}/login`);
    await page.getByLabel('アクセスコード').fill(code);
    await page.getByRole('button', { name: 'サインイン' }).click();
    await page.getByRole('link', { name: '記録の取込み' }).click();
    await page.getByRole('heading', { name: '記録の取込み', level: 1 }).waitFor();
    await assertAccessible(page, 'agent records page');

    // A bad line: refused next to the file control, naming line 3, the field and the value.
    await page.getByLabel('記録の種類').selectOption('posts');
    await importPosts(page, BAD);
    await page.locator('#err-file').waitFor();
    assert.match(await page.locator('#err-file').innerText(), /何も保存していません/);
    const problem = await page.locator('[data-testid="problems"] tbody tr').first().innerText();
    assert.match(problem, /^3\s+source_address\s+203\.0\.113\.999/);
    assert.equal(await page.getByLabel('ファイル（CSV または JSON）').getAttribute('aria-describedby'), 'err-file');
    assert.match(await page.locator('[data-testid="history"], main').last().innerText(), /履歴はありません/);
    await shot(page, 'agent-records-01-refused-ja');
    await assertAccessible(page, 'agent records page with a refused file');

    // The right file: two rows taken, in the history with its SHA-256 and the operator's name.
    await importPosts(page, POSTS);
    await page.locator('[data-testid="imported"]').waitFor();
    assert.equal(await page.getByTestId('taken').innerText(), '2');
    assert.equal(await page.getByTestId('present').innerText(), '0');
    const history = await page.locator('[data-testid="history"]').innerText();
    assert.match(history, /運用 佐々木/);
    assert.match(history, /[0-9a-f]{64}/);
    await shot(page, 'agent-records-02-imported-ja');
    await assertAccessible(page, 'agent records page after an import');

    await page.goto(`${pages.url}/records?lang=en`);
    await page.getByRole('heading', { name: 'Imports and purges' }).waitFor();
    assert.match(await page.locator('[data-testid="history"]').innerText(), /Bulletin board's post log/);
    await shot(page, 'agent-records-03-en');
    await assertAccessible(page, 'agent records page in English');
    assert.deepEqual(errors, []);

    // The post log now answers a post.
    const finding = await run(agent.ctx, lookupPost, SYSTEM_CALLER, {
      url: 'https://sakura-board.example/t/42',
      postId: 'p-1234',
    });
    assert.equal(finding.verdict, 'unique');
    assert.equal(finding.candidates[0]?.account, 'anon-77');
    await desk.context.close();
  } finally {
    await pages?.close();
    await agent.close();
  }
});
