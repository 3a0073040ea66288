// Answers in device custody, in real browsers: the investigator's browser gets the unit's answer key
// from the head (after comparing the fingerprint) and opens an answer there; the head removes him from
// the unit in the head's own browser, which rotates the key; a new answer no longer opens in his
// browser, and still opens in the head's — and in the head's new browser enrolled after the rotation,
// which opens the answer sealed before it too.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { enrolledDesk, enrolledFromBrowser } from './arrange.ts';
import { answerKeyShown, tryOpenAnswer } from './steps.ts';
import { answeredByBoard, assertAccessible, jsErrors, shot, uiHubHooks } from './support.ts';

const ui = uiHubHooks();

/** An inquiry to the board answered with `name`, carried through the API as the three people would. */
const answered = (name: string) => answeredByBoard(ui.hub, '令和8年 第3001号', name);

const openAnswer = (page: Page, id: string) => tryOpenAnswer(page, ui.hub, id);

const removedFromUnitTitle =
  "an answer opens in the investigator's browser; once removed from the unit he cannot open new answers";
test(removedFromUnitTitle, async () => {
  const first = await answered('山田 太郎');
  const inv = await enrolledDesk(ui, 'sato', 'tanaka');
  await shot(inv.page, 'custody-01-devices-enrolled-ja');
  await assertAccessible(inv.page, 'devices page');
  assert.equal(await openAnswer(inv.page, first), 'opened');
  assert.match(await inv.page.locator('[data-testid="answer-view"]').innerText(), /山田 太郎/);
  assert.match(await inv.page.locator('[data-testid="answer-view"]').innerText(), /事業者の署名は有効です/);

  // The head, in his own browser (enrolled from his other device), removes sato: the key rotates.
  const head = await enrolledDesk(ui, 'tanaka', 'tanaka');
  const before = await answerKeyShown(head.page);
  const satoRows = head.page.locator('[data-testid="devices"] tr', { hasText: '佐藤' });
  assert.ok((await satoRows.count()) >= 2, "sato's demo device and his browser");
  await satoRows.first().getByRole('button', { name: 'この構成員を除外して鍵を更新する' }).click();
  await head.page.locator('[data-testid="devices"] tr[data-state="removed"]').first().waitFor();
  await head.page.getByText('完了しました。').waitFor();
  const afterKey = await answerKeyShown(head.page);
  assert.notEqual(afterKey, before, 'a new answer key');
  assert.equal(
    await head.page.locator('[data-testid="devices"] tr[data-state="enrolled"]', { hasText: '佐藤' }).count(),
    0,
  );
  await shot(head.page, 'custody-02-member-removed-ja');

  const fresh = await answered('鈴木 花子');
  assert.equal(await openAnswer(inv.page, fresh), 'refused', 'a removed member cannot open a new answer');
  assert.equal(await inv.page.locator('[data-testid="answer-view"]').count(), 0);
  await shot(inv.page, 'custody-03-removed-member-refused-ja');
  assert.equal(await openAnswer(head.page, fresh), 'opened');
  assert.match(await head.page.locator('[data-testid="answer-view"]').innerText(), /鈴木 花子/);

  // A device enrolled after the rotation gets the earlier keys too: the head's new browser, given the
  // keys from his first browser on the devices page, opens the answer sealed before the rotation.
  const laptop = await enrolledFromBrowser(ui, 'tanaka', head.page);
  assert.equal(await openAnswer(laptop.page, first), 'opened', 'an answer sealed before the rotation');
  assert.match(await laptop.page.locator('[data-testid="answer-view"]').innerText(), /山田 太郎/);
  assert.equal(await openAnswer(laptop.page, fresh), 'opened');
  for (const d of [inv, head, laptop]) assert.deepEqual(jsErrors(d.page), []);
});
