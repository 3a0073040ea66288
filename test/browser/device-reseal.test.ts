// A compromised answer key, in real browsers: the head marks the unit's current key compromised on the
// devices page (a new key made in his browser), a browser enrolled afterwards cannot open the earlier
// answer, the head's browser — which still holds the old key — seals it again there, showing how many are
// left, and the later browser then opens it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { enrolledDesk, enrolledFromBrowser } from './arrange.ts';
import { answerKeyShown, tryOpenAnswer } from './steps.ts';
import { answeredByBoard, assertAccessible, jsErrors, shot, uiHubHooks } from './support.ts';

const ui = uiHubHooks();

const openAnswer = (page: Page, id: string) => tryOpenAnswer(page, ui.hub, id);

test('the head marks the key compromised, re-seals in his browser; a later browser opens the answer', async () => {
  const early = await answeredByBoard(ui.hub, '令和8年 第3101号', '高橋 三郎');
  const head = await enrolledDesk(ui, 'tanaka', 'tanaka');
  const before = await answerKeyShown(head.page);
  const panel = head.page.locator('[data-testid="custody-compromise"]');
  await panel.getByRole('button', { name: '現在の回答鍵を漏えいとして記録し、新しい鍵に替える' }).click();
  await panel.getByRole('button', { name: '漏えいとして記録する' }).click();
  const status = head.page.locator('[data-testid="reseal-status"]');
  await status.waitFor();
  const after = await answerKeyShown(head.page);
  assert.notEqual(after, before, 'a new answer key');
  const left = Number(await status.getAttribute('data-left'));
  assert.ok(left >= 1);
  assert.equal(Number(await status.getAttribute('data-here')), left, "the head's browser holds the old key");
  assert.match(await status.innerText(), /漏えいした鍵で封緘されたまま残っているもの/);
  await shot(head.page, 'custody-04-key-compromised-ja');
  await assertAccessible(head.page, 'devices page, a key compromised');

  // The head's new browser, enrolled now, is given only the new key.
  const laptop = await enrolledFromBrowser(ui, 'tanaka', head.page);
  assert.equal(await openAnswer(laptop.page, early), 'refused', 'sealed to the compromised key only');
  await laptop.page.goto(`${ui.hub.url}/devices`);
  const elsewhere = laptop.page.locator('[data-testid="reseal-status"]');
  await elsewhere.waitFor();
  assert.equal(await elsewhere.getAttribute('data-here'), '0');
  await laptop.page.getByText('この端末は漏えいした鍵を持っていません').waitFor();

  // The head's browser made the current key and keeps that record (read back after a reload): it shows
  // the key's fingerprint as made here, and seals to it on its own say (docs/security.md, step 6).
  await head.page.reload();
  await head.page.locator('[data-testid="reseal-target"][data-made-here="true"]').waitFor();
  const made = head.page.locator('[data-testid="custody-key"][data-made-here="true"]');
  assert.match(await made.innerText(), /この端末で作成/);
  assert.equal(
    await laptop.page.locator('[data-testid="custody-key"]').getAttribute('data-made-here'),
    'false',
    'the later browser made no key',
  );
  // The head's browser seals them again; the page says how many are done and left.
  await head.page.getByRole('button', { name: 'この端末で封緘し直す', exact: true }).click();
  await head.page.locator('[data-testid="reseal-progress"][data-left="0"]').waitFor();
  assert.match(
    await head.page.locator('[data-testid="reseal-progress"]').innerText(),
    new RegExp(`${left} 件、残り 0 件`),
  );
  await head.page.locator('[data-testid="reseal-status"][data-left="0"]').waitFor();
  await shot(head.page, 'custody-05-resealed-ja');

  assert.equal(await openAnswer(laptop.page, early), 'opened');
  assert.match(await laptop.page.locator('[data-testid="answer-view"]').innerText(), /高橋 三郎/);
  for (const d of [head, laptop]) assert.deepEqual(jsErrors(d.page), []);
});
