// The parties heard before a disclosure order (当事者の陳述聴取), in a real browser: the judge's page of an
// application says the order cannot be issued until the provider is heard and offers no issuing; he records
// the provider heard in writing — shown in Japanese with Japan's time — and the issue form appears. The
// lawyer, in English and in London's zone, reads the same record in English with London's time.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fileBoardOrderCase } from './order-case.ts';
import { providerHeardOnPage } from './steps.ts';
import { assertAccessible, jsErrors, jstNowNotBefore, signIn, uiHubHooks } from './support.ts';

const ui = uiHubHooks();

test('provider not heard → no issuing; heard in writing → shown in each viewer’s words and zone', async () => {
  const { id, filedAt } = await fileBoardOrderCase(ui.hub, '083', 'https://sakura-board.example/thread/8301#res-2');
  const casePath = `/disclosure-orders/${id}`;
  const judge = await ui.deskWithPasskey('judge');
  const errors = jsErrors(judge.page);
  try {
    await signIn(judge.page, ui.hub, 'judge', casePath);
    const missing = judge.page.locator('[data-testid="order-hearing-missing"]');
    await missing.waitFor();
    assert.match(await missing.innerText(), /相手方（事業者）の陳述を聴いた記録がないため、まだ発令できません/);
    assert.equal(await judge.page.getByRole('form', { name: '発令する（パスキーで署名）' }).count(), 0);
    await assertAccessible(judge.page, 'application before the provider is heard');

    const heardAt = await jstNowNotBefore(filedAt);
    await providerHeardOnPage(judge.page, heardAt, '相手方から意見書の提出を受けた。');
    const record = await judge.page.locator('[data-testid="order-hearing"]').innerText();
    assert.match(record, /相手方（事業者）/);
    assert.match(record, /書面/);
    // Japan's time with its offset, as the judge typed it.
    assert.ok(record.includes(heardAt.slice(11, 19)), record);
    assert.match(record, /\+09:00/);
    assert.equal(await missing.count(), 0);
    // Signed with his passkey in the page: the hub's verdict on the signature, checked when the page was read.
    const sig = judge.page.locator('[data-testid="order-hearing-signature"]');
    assert.equal(await sig.getAttribute('data-state'), 'verified');
    assert.match(await sig.innerText(), /検証済み/);
    assert.match(record, /署名された内容のハッシュ（SHA-256）\s+[0-9a-f]{64}/);
    await judge.page.getByRole('form', { name: '発令する（パスキーで署名）' }).waitFor();
    await assertAccessible(judge.page, 'application with the provider heard');
    assert.deepEqual(errors, []);

    const law = await ui.signedIn('lawyer', casePath, { lang: 'en', timezoneId: 'Europe/London' });
    const seen = law.page.locator('[data-testid="order-hearing"]');
    await seen.waitFor();
    const text = await seen.innerText();
    assert.match(text, /The respondent \(provider\)/);
    assert.match(text, /In writing/);
    assert.match(text, /Recording judge’s signature\s+Verified by the hub/);
    const hhmmss = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/London',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    }).format(new Date(`${heardAt}+09:00`));
    assert.ok(text.includes(hhmmss), `${text} should show ${hhmmss} (London's time)`);
    assert.doesNotMatch(text, /\+09:00/);
    await law.context.close();
  } finally {
    await judge.context.close();
  }
});
