// A preservation extended by the unit head, read by the access provider in a real browser: the thread
// names the new end in the reader's language and zone (with its offset), then the reason as written —
// never both languages, never a raw UTC instant.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatDateTime } from '../../src/domain/time.ts';
import { orgId } from '../support/exchange.ts';
import { accessLogPreservation, answer, issue } from '../support/flow.ts';
import { assertAccessible, jsErrors, shot, uiHubHooks } from './support.ts';

const ui = uiHubHooks();
const REASON = '差押許可状を請求中のため';

test('an extension in the thread: the new end in the reader’s zone and language, the reason beside it', async () => {
  // Arranged through the API: a preservation issued, answered by the access provider, extended.
  const tanaka = await ui.hub.client('tanaka');
  const ispId = await orgId(ui.hub, 'Nihon Network Communications K.K.');
  const { id } = await issue(
    await ui.hub.client('sato'),
    tanaka,
    accessLogPreservation(ispId, '令和8年 第4301号', '203.0.113.143'),
  );
  const preservedUntil = new Date(Date.now() + 30 * 86400_000).toISOString();
  await answer(await ui.hub.client('isp.legal'), id, [{ targetIndex: 0, result: 'found', preservedUntil }]);
  const ext = await tanaka.call<{ preservationUntil: string }>('POST', `/v1/requests/${id}/transitions`, {
    action: 'extend_preservation',
    reason: REASON,
  });
  assert.equal(ext.status, 200, JSON.stringify(ext.body));
  const until = new Date(ext.body.preservationUntil);

  // In Tokyo, in Japanese: the era date and +09:00, the article, then the reason; no English.
  const ja = await ui.signedIn('isp.legal', `/requests/${id}`);
  const errors = jsErrors(ja.page);
  const thread = ja.page.locator('#thread');
  const jaNotice = `保全期間を${formatDateTime(until, 'ja', 'Asia/Tokyo')}まで延長します（刑事訴訟法第197条第4項）。`;
  await thread.getByText(jaNotice).waitFor();
  const jaText = await thread.innerText();
  assert.match(jaText, new RegExp(`理由: ${REASON}`));
  assert.doesNotMatch(jaText, /extended until|Reason:|\d{4}-\d\d-\d\dT/);
  assert.match(jaText, /保全期間の延長/, 'headed as an extension');
  assert.doesNotMatch(jaText, /取下げ/, 'not as a withdrawal');
  await shot(ja.page, '64-preservation-extended-ja');
  await assertAccessible(ja.page, 'a preservation extended, in the thread');
  assert.deepEqual(errors, []);
  await ja.context.close();

  // In New York, in English: the same instant in that zone with its offset; no Japanese but the reason.
  const en = await ui.signedIn('isp.legal', `/requests/${id}`, { lang: 'en', timezoneId: 'America/New_York' });
  const enThread = en.page.locator('#thread');
  const enNotice =
    `The preservation is extended until ${formatDateTime(until, 'en', 'America/New_York')} ` +
    `(Code of Criminal Procedure art. 197(4)).`;
  assert.match(enNotice, /[-+]0[45]:00 \(/, 'the viewer’s offset, not Japan’s');
  await enThread.getByText(enNotice).waitFor();
  const enText = await enThread.innerText();
  assert.match(enText, new RegExp(`Reason: ${REASON}`));
  assert.doesNotMatch(enText, /延長します|刑事訴訟法|\+09:00/);
  await en.context.close();
});
