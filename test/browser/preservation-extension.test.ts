// A preservation extended by the unit head, read by the access provider in a real browser: the thread
// names the new end in the reader's language and zone (with its offset), then the reason as written —
// never both languages, never a raw UTC instant.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatDateTime } from '../../src/domain/time.ts';
import { assertAccessible, jsErrors, shot, uiHubHooks } from './support.ts';

const ui = uiHubHooks();
const REASON = '差押許可状を請求中のため';

test('an extension in the thread: the new end in the reader’s zone and language, the reason beside it', async () => {
  // Arranged through the API: a preservation issued, answered by the access provider, extended.
  const sato = await ui.hub.api('sato');
  const tanaka = await ui.hub.api('tanaka');
  const isp = await ui.hub.api('isp.legal');
  const orgs = await isp<{ items: Array<{ id: string; nameEn: string }> }>('GET', '/v1/organisations');
  const ispId =
    orgs.body.items.find((o) => o.nameEn === 'Nihon Network Communications K.K.')?.id ?? assert.fail('the ISP');
  const d = await sato<{ id: string }>('POST', '/v1/requests', {
    content: {
      kind: 'preservation',
      providerOrganisationId: ispId,
      caseReference: '令和8年 第4301号',
      offence: '脅迫',
      facts: '脅迫の書込み。',
      necessity: '接続記録の消去を防ぐため。',
      targets: [{ type: 'ip', address: '203.0.113.143', at: '2026-11-20T01:30:12+09:00' }],
      categories: ['access_log'],
      preservation: { days: 30 },
    },
  });
  assert.equal(d.status, 201, JSON.stringify(d.body));
  const id = d.body.id;
  assert.equal((await sato('POST', `/v1/requests/${id}/transitions`, { action: 'submit' })).status, 200);
  const preview = await tanaka<{ digest: string }>('GET', `/v1/requests/${id}/signing-preview`);
  const approved = await tanaka(
    'POST',
    `/v1/requests/${id}/transitions`,
    ui.hub.approval('tanaka', preview.body.digest),
  );
  assert.equal(approved.status, 200, JSON.stringify(approved.body));
  await isp('POST', `/v1/requests/${id}/transitions`, { action: 'start_review' });
  const preservedUntil = new Date(Date.now() + 30 * 86400_000).toISOString();
  const answered = await isp('POST', `/v1/requests/${id}/transitions`, {
    action: 'answer',
    answer: { outcome: 'full', items: [{ targetIndex: 0, result: 'found', preservedUntil }] },
  });
  assert.equal(answered.status, 200, JSON.stringify(answered.body));
  const ext = await tanaka<{ preservationUntil: string }>('POST', `/v1/requests/${id}/transitions`, {
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
  const enNotice = `The preservation is extended until ${formatDateTime(until, 'en', 'America/New_York')} (Code of Criminal Procedure art. 197(4)).`;
  assert.match(enNotice, /[-+]0[45]:00 \(/, 'the viewer’s offset, not Japan’s');
  await enThread.getByText(enNotice).waitFor();
  const enText = await enThread.innerText();
  assert.match(enText, new RegExp(`Reason: ${REASON}`));
  assert.doesNotMatch(enText, /延長します|刑事訴訟法|\+09:00/);
  await en.context.close();
});
