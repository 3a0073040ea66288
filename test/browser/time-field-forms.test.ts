// Forms other than the request editor that hold a time field ("whom to ask", an ActionForm; the
// provider's answer, a CheckedForm of its own; the judge's attestation of an application and the
// warrant attestation page; the MLAT route's step and the judge's objection record, whose buttons wait
// for their time) send nothing while the field cannot read what was typed, say which field and what was
// typed, and focus it; once the time is read, the form goes on with it, sending the time as typed. The
// warrant forms' pasted target lists report a line they cannot read the same way (at the end).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { orgId } from '../support/exchange.ts';
import { boardPost, inquiry, issue } from '../support/flow.ts';
import { fileBoardOrderCase } from './order-case.ts';
import { providerHeardOnPage } from './steps.ts';
import {
  addPasskey,
  boardInquiryPeople,
  type Desk,
  jsErrors,
  jstNowNotBefore,
  jstWallTime,
  onDesk,
  postsTo,
  postsUnder,
  signIn,
  uiHubHooks,
} from './support.ts';

const ui = uiHubHooks();

const UNREAD = '2026/3/29 1:30';

/** After a submit: the form's notice names `field` and what was typed, the field is marked and has the focus. */
async function assertHeld(page: Page | Locator, at: Locator, field: string): Promise<void> {
  const headline = page.locator('[data-testid="error-headline"]');
  await headline.waitFor();
  const said = (await headline.textContent()) ?? '';
  assert.ok(said.startsWith(`${field}: "${UNREAD}" は日時として不正です`), said);
  assert.match(said, /（Asia\/Tokyo の日時は 2026-03-29 01:30:12/);
  assert.equal(await at.getAttribute('aria-invalid'), 'true');
  assert.equal(await at.evaluate((el) => el.matches(':focus')), true, 'the field concerned takes the focus');
}

const whomHoldsLookupTitle =
  'whom to ask holds its lookup while its time cannot be read, naming the field, in Japanese and English';
test(whomHoldsLookupTitle, async () => {
  await onDesk(ui.signedIn('sato', '/evidence/whom'), async (page) => {
    const asked = postsTo(page, '/v1/evidence/whom');
    await page.getByRole('heading', { level: 1, name: '照会先の確認（IP アドレス）' }).waitFor();
    await page.locator('input[name="address"]').fill('203.0.113.45');
    const at = page.locator('input.wall-time');
    await at.fill(UNREAD);
    await page.getByRole('button', { name: '照会先を調べる', exact: true }).click();
    await assertHeld(page, at, '日時（任意）');
    assert.deepEqual(asked, [], 'nothing asked without the time that was typed');
    assert.equal(await page.locator('[data-testid="whom-answer"]').count(), 0);

    const headline = page.locator('[data-testid="error-headline"]');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Whom to ask (IP address)' }).waitFor();
    await page.getByRole('button', { name: 'Find whom to ask', exact: true }).click();
    await headline.filter({ hasText: /^Date and time \(optional\): "2026\/3\/29 1:30"/ }).waitFor();
    assert.deepEqual(asked, []);

    // Read, the time is asked with.
    await at.fill('2026-03-29 01:30:12');
    await page.getByRole('button', { name: 'Find whom to ask', exact: true }).click();
    await page.locator('[data-testid="whom-answer"]').waitFor();
    assert.equal(await headline.count(), 0, 'the held notice is gone');
    const body = { address: '203.0.113.45', at: '2026-03-29T01:30:12+09:00' };
    assert.deepEqual(asked, [{ path: '/v1/evidence/whom', body }]);
  });
});

test("the provider's answer holds while an access-log row's time cannot be read, naming the row's field", async () => {
  const people = await boardInquiryPeople(ui.hub);
  const board = await orgId(ui.hub, 'Sakura Board K.K.');
  const reference = '令和8年 第8181号';
  const content = inquiry(board, {
    caseReference: reference,
    targets: [boardPost('thread/8181#res-1')],
    categories: ['subscriber', 'access_log'],
  });
  const { id } = await issue(people.drafter, people.head, content);
  await onDesk(ui.signedIn('board.legal', `/requests/${id}`), async (page) => {
    const sent: string[] = [];
    page.on('request', (r) => {
      if (r.method() !== 'GET' && new URL(r.url()).pathname.startsWith(`/v1/requests/${id}`)) sent.push(r.url());
    });
    await page.getByRole('button', { name: '審査を開始' }).click();
    await page.locator('.badge.state-under_review').waitFor();
    sent.length = 0;
    const form = page.locator('#answer-form');
    await form.getByLabel('登録された氏名').fill('山田 太郎');
    await form.getByRole('button', { name: '投稿の記録を追加' }).click();
    const at = form.locator('input.wall-time').first();
    await at.fill(UNREAD);
    await form.getByLabel('送信元IPアドレス', { exact: true }).fill('203.0.113.9');
    await form.getByRole('button', { name: '送信内容を確認する' }).click();
    await assertHeld(page, at, '投稿 1 の日時');
    assert.equal(await page.locator('[data-testid="answer-preview"]').count(), 0, 'nothing to sign without the row');
    assert.deepEqual(sent, [], 'nothing sent');

    // Read, the row goes with the answer to be reviewed.
    await at.fill('2026-03-29 01:30:12');
    await form.getByRole('button', { name: '送信内容を確認する' }).click();
    const preview = page.locator('[data-testid="answer-preview"]');
    await preview.waitFor();
    assert.match(await preview.innerText(), /203\.0\.113\.9/);
    assert.equal(await page.locator('[data-testid="error-headline"]').count(), 0, 'the held notice is gone');
  });
});

const attributionLookupTitle =
  'the attribution lookup, whose button waits for its time, is not held silent by a time it cannot read';
test(attributionLookupTitle, async () => {
  await onDesk(ui.signedIn('isp.operator', '/attribution'), async (page) => {
    const asked = postsUnder(page, '/v1/attribution');
    await page.getByRole('heading', { level: 1, name: 'ログによる利用者の特定' }).waitFor();
    await page.locator('input[name="address"]').fill('203.0.113.7');
    const button = page.getByRole('button', { name: '調べる', exact: true });
    assert.equal(await button.isDisabled(), true, 'without a time the lookup still waits for one');
    const at = page.locator('input.wall-time');
    await at.fill(UNREAD);
    await button.click();
    await assertHeld(page, at, '日時');
    assert.deepEqual(asked, [], 'nothing asked');

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('button', { name: 'Look up', exact: true }).click();
    await page
      .locator('[data-testid="error-headline"]')
      .filter({ hasText: /^Date and time: "2026\/3\/29 1:30" is not/ })
      .waitFor();
    assert.deepEqual(asked, []);
  });
});

test('the duty designation counts both ends it cannot read in its notice, instead of a silent button', async () => {
  await onDesk(ui.signedIn('tanaka', '/duty'), async (page) => {
    const sent = postsUnder(page, '/v1/duty');
    await page.getByRole('heading', { name: '当直責任者の指定' }).waitFor();
    await page.getByLabel('当直責任者 *').selectOption({ label: '伊藤 警部補' });
    await page.getByLabel('理由 *').fill('所属長出張のため');
    const from = page.locator('fieldset').filter({ hasText: '開始' }).locator('input.wall-time');
    const until = page.locator('fieldset').filter({ hasText: '終了' }).locator('input.wall-time');
    const button = page.getByRole('button', { name: '認証器で署名して指定する' });
    assert.equal(await button.isDisabled(), true, 'without its times the designation still waits for them');
    await from.fill(UNREAD);
    await until.fill('2026-13-01 00:00:00');
    await button.click();
    const headline = page.locator('[data-testid="error-headline"]');
    await headline.filter({ hasText: '入力に 2 件の問題があります' }).waitFor();
    const issues = await page.locator('[data-testid="error-issues"] li').allTextContents();
    assert.equal(issues.length, 2, issues.join('\n'));
    assert.ok(issues[0]?.startsWith(`開始: "${UNREAD}" は日時として不正です`), issues[0]);
    assert.ok(issues[1]?.startsWith('終了: "2026-13-01 00:00:00"'), issues[1]);
    for (const field of [from, until]) assert.equal(await field.getAttribute('aria-invalid'), 'true');
    assert.equal(await from.evaluate((el) => el.matches(':focus')), true, 'the first field concerned has the focus');
    assert.deepEqual(sent, [], 'nothing sent');
  });
});

/** The POSTs a page makes under `prefix`, with their bodies. */

let judgeDesks = 0;
/**
 * A desk whose browser holds the judge's passkey, its signature counter ahead of every judge's desk before
 * it in this file: the hub refuses a counter that does not grow, and each desk's authenticator starts anew.
 */
async function judgeDesk(): Promise<Desk> {
  judgeDesks += 1;
  const desk = await ui.desk();
  const credential = ui.hub.demo.authenticators?.judge ?? assert.fail('the judge has a passkey');
  await addPasskey(desk.context, desk.page, { ...credential, signCount: credential.signCount + 1000 * judgeDesks });
  return desk;
}

/** An instant field of `form` by its legend. */
const timeIn = (form: Locator, legend: string) =>
  form.locator('fieldset.instant').filter({ hasText: legend }).locator('input.wall-time');

/**
 * At `judge`'s desk: signs in to the warrant attestation page and fills in the warrant `number`, from the
 * MPD to the carrier; the form.
 */
async function attestationForm(judge: Desk, number: string): Promise<Locator> {
  await signIn(judge.page, ui.hub, 'judge', '/warrants/attest');
  const form = judge.page.getByRole('form', { name: '令状の電子署名' });
  await form.getByLabel('令状番号 *').fill(number);
  await form.getByLabel('照会元 *').selectOption({ label: '警視庁' });
  await form.getByLabel('照会先の事業者 *').selectOption({ label: '日本ネットワーク通信株式会社' });
  return form;
}

/** On the attestation page: in English, Sign is pressed again and held, the notice saying `said`; the form. */
async function heldInEnglish(page: Page, said: string | RegExp): Promise<Locator> {
  await page.getByRole('button', { name: 'English' }).click();
  const en = page.getByRole('form', { name: 'Attest a warrant' });
  await en.getByRole('button', { name: 'Sign', exact: true }).click();
  await en.locator('[data-testid="error-headline"]').filter({ hasText: said }).waitFor();
  return en;
}

const attestTitle =
  "the judge's attestation of an application holds while its times are unread, then issues as typed " +
  "(the validity ending on a date alone: that day's end)";
test(attestTitle, async () => {
  const judgeApi = await ui.hub.api('judge');
  const list = await judgeApi<{ items: Array<{ id: string; state: string }> }>('GET', '/v1/warrant-applications');
  const app = list.body.items.find((a) => a.state === 'sent') ?? assert.fail('the demo has an application sent');
  const judge = await judgeDesk();
  const posted = postsUnder(judge.page, `/v1/warrant-applications/${app.id}`);
  try {
    await signIn(judge.page, ui.hub, 'judge', `/warrant-applications/${app.id}`);
    const attest = judge.page.getByRole('form', { name: '発付する（パスキーで電子署名）' });
    await attest.getByLabel('令状番号').fill('令和8年(む)第7001号');
    const issued = timeIn(attest, '発付日時');
    const until = timeIn(attest, '有効期間の末日');
    await issued.fill(UNREAD);
    await until.fill('2026-13-01 00:00:00');
    await attest.getByRole('button', { name: '発付する（パスキーで電子署名）' }).click();
    const headline = attest.locator('[data-testid="error-headline"]');
    await headline.filter({ hasText: '入力に 2 件の問題があります' }).waitFor();
    const issues = await attest.locator('[data-testid="error-issues"] li').allTextContents();
    assert.equal(issues.length, 2, issues.join('\n'));
    assert.ok(issues[0]?.startsWith(`発付日時: "${UNREAD}" は日時として不正です`), issues[0]);
    assert.ok(issues[1]?.startsWith('有効期間の末日: "2026-13-01 00:00:00" は日時として不正です'), issues[1]);
    assert.doesNotMatch(issues.join(' '), /""|issuedAt|validUntil|Invalid/, "nothing in the API's words");
    for (const field of [issued, until]) {
      assert.equal(await field.getAttribute('aria-invalid'), 'true');
      assert.match((await field.getAttribute('aria-describedby')) ?? '', /\S+ \S+/, 'the problem tied to the field');
    }
    assert.equal(await issued.evaluate((el) => el.matches(':focus')), true, 'the first field concerned has the focus');
    assert.equal(posted.length, 0, 'nothing previewed, nothing signed');

    await judge.page.getByRole('button', { name: 'English' }).click();
    const en = judge.page.getByRole('form', { name: 'Issue (sign with passkey)' });
    await en.getByRole('button', { name: 'Issue (sign with passkey)' }).click();
    await en.locator('[data-testid="error-headline"]').filter({ hasText: '2 problems in the form' }).waitFor();
    const enIssues = await en.locator('[data-testid="error-issues"] li').allTextContents();
    assert.ok(enIssues[0]?.startsWith(`Issued at: "${UNREAD}" is not a valid instant`), enIssues[0]);
    assert.equal(posted.length, 0);

    // Read, the times are sent as typed, with Japan's offset, and the warrant is issued.
    await judge.page.getByRole('button', { name: '日本語' }).click();
    const issuedWall = await jstNowNotBefore(Date.now());
    // the validity's end as a judge writes it, a date alone: the end of that day
    const untilDay = jstWallTime(Date.now() + 7 * 86400_000).slice(0, 10);
    await issued.fill(issuedWall);
    await until.fill(untilDay);
    await attest
      .getByText(/23:59:59 \+09:00/)
      .first()
      .waitFor();
    await attest.getByRole('button', { name: '発付する（パスキーで電子署名）' }).click();
    await judge.page.locator('[data-testid="wapp-state"][data-state="attested"]').waitFor();
    assert.equal(await headline.count(), 0, 'the held notice is gone');
    const attested = posted.find((p) => p.path.endsWith('/attest'));
    assert.deepEqual(
      { ...(attested?.body as object), assertion: undefined },
      {
        warrantNumber: '令和8年(む)第7001号',
        issuedAt: `${issuedWall}+09:00`,
        validUntil: `${untilDay}T23:59:59+09:00`,
        assertion: undefined,
      },
    );
    assert.deepEqual(jsErrors(judge.page), []);
  } finally {
    await judge.context.close();
  }
});

test('the warrant attestation page holds while its issue time is unread; read, it signs the time typed', async () => {
  const judge = await judgeDesk();
  const posted = postsUnder(judge.page, '/v1/warrants/');
  try {
    const form = await attestationForm(judge, '令和8年(む)第7002号');
    await form.getByLabel('対象の一覧（1行に1件）').fill('203.0.113.7:40211 2026-03-29 01:30:12');
    const issued = timeIn(form, '発付日時');
    const until = timeIn(form, '有効期間の末日');
    const untilWall = jstWallTime(Date.now() + 7 * 86400_000);
    await issued.fill(UNREAD);
    await until.fill(untilWall);
    await form.getByRole('button', { name: '署名する', exact: true }).click();
    await assertHeld(form, issued, '発付日時');
    assert.equal(await until.getAttribute('aria-invalid'), null, 'only the field concerned is marked');
    assert.equal(posted.length, 0, 'nothing previewed, nothing signed');
    assert.equal(await judge.page.locator('[data-testid="attest-signature"]').count(), 0);

    const en = await heldInEnglish(judge.page, /^Issued at: "2026\/3\/29 1:30" is not a valid instant/);
    assert.equal(posted.length, 0);

    const issuedWall = jstWallTime(Date.now() - 60_000);
    await timeIn(en, 'Issued at').fill(issuedWall);
    await en.getByRole('button', { name: 'Sign', exact: true }).click();
    await judge.page.locator('[data-testid="attest-signature"]').waitFor();
    assert.equal(await en.locator('[data-testid="error-headline"]').count(), 0, 'the held notice is gone');
    const attested = posted.find((p) => p.path === '/v1/warrants/attest')?.body as Record<string, unknown>;
    assert.equal(attested?.issuedAt, `${issuedWall}+09:00`);
    assert.equal(attested?.validUntil, `${untilWall}+09:00`);
    assert.deepEqual(jsErrors(judge.page), []);
  } finally {
    await judge.context.close();
  }
});

test("the MLAT route's step, whose button waits for its time, holds one it cannot read and says so", async () => {
  const mlat = ui.hub.demo.requests.find((r) => r.kind === 'mlat') ?? assert.fail('the demo has an MLAT request');
  await onDesk(ui.signedIn('sato', `/requests/${mlat.id}`), async (page) => {
    const posted = postsUnder(page, `/v1/requests/${mlat.id}/mlat`);
    const panel = page.locator('#mlat-route');
    const button = panel.getByRole('button', { name: '経過を記録する' });
    await button.waitFor();
    assert.equal(await button.isDisabled(), true, 'without a time the step still waits for one');
    const at = panel.locator('input.wall-time');
    await at.fill(UNREAD);
    await panel.getByLabel('相手方の文書番号').fill('警察庁丁国第7003号');
    await button.click();
    await assertHeld(panel, at, '日時');
    assert.equal(posted.length, 0, 'nothing recorded');

    await page.getByRole('button', { name: 'English' }).click();
    await panel.getByRole('button', { name: 'Record the step' }).click();
    await panel
      .locator('[data-testid="error-headline"]')
      .filter({ hasText: /^When: "2026\/3\/29 1:30" is not a valid instant/ })
      .waitFor();
    assert.equal(posted.length, 0);

    const wall = await jstNowNotBefore(Date.now());
    await at.fill(wall);
    await panel.getByRole('button', { name: 'Record the step' }).click();
    await panel.locator('table tbody tr', { hasText: '警察庁丁国第7003号' }).waitFor();
    assert.equal(await panel.locator('[data-testid="error-headline"]').count(), 0, 'the held notice is gone');
    assert.equal((posted[0]?.body as { at?: string } | undefined)?.at, `${wall}+09:00`);
  });
});

test("the judge's objection record, whose button waits for its time, holds one unread and says so", async () => {
  const { id, filedAt } = await fileBoardOrderCase(ui.hub, '704', 'https://sakura-board.example/thread/7004#res-1');
  const judge = await judgeDesk();
  const posted = postsUnder(judge.page, `/v1/disclosure-order-applications/${id}/objection`);
  try {
    await signIn(judge.page, ui.hub, 'judge', `/disclosure-orders/${id}`);
    const orderedAt = await jstNowNotBefore(filedAt);
    await providerHeardOnPage(judge.page, orderedAt, '相手方から意見書の提出を受けた。');
    const order = judge.page.getByRole('form', { name: '発令する（パスキーで署名）' });
    await order.getByLabel('事件番号').fill('令和8年(発チ)第7004号');
    await order.locator('input.wall-time').fill(orderedAt);
    await order.getByLabel('命令の主文').fill('相手方は申立人に対し別紙発信者情報目録記載の各情報を開示せよ。');
    await order.getByRole('button', { name: '発令する（パスキーで署名）' }).click();
    await judge.page.locator('[data-testid="standing-label"]').filter({ hasText: '未確定' }).waitFor();
    const issuedAt = Date.now();

    const objection = judge.page.getByRole('form', { name: '異議の訴えの提起を記録する' });
    const button = objection.getByRole('button', { name: '異議の訴えの提起を記録する' });
    assert.equal(await button.isDisabled(), true, 'without a time the record still waits for one');
    const at = objection.locator('input.wall-time');
    await at.fill(UNREAD);
    await objection.getByLabel('異議の訴えの事件番号').fill('令和8年(ワ)第7004号');
    await button.click();
    await assertHeld(objection, at, '異議の訴えの提起');
    assert.equal(posted.length, 0, 'nothing previewed, nothing signed');

    const wall = await jstNowNotBefore(issuedAt);
    await at.fill(wall);
    await button.click();
    await judge.page.locator('[data-testid="standing-label"]').filter({ hasText: '係属中' }).waitFor();
    const recorded = posted.find((p) => p.path.endsWith('/objection'))?.body as { filedAt?: string } | undefined;
    assert.equal(recorded?.filedAt, `${wall}+09:00`);
    assert.deepEqual(jsErrors(judge.page), []);
  } finally {
    await judge.context.close();
  }
});

// A pasted target list is held as a time is: a line it cannot read is never left out of what is signed
// or sent. The form names each such line (its number and text, in the parser's words), marks the list,
// focuses it and posts nothing; fixed, every line pasted is sent.

const UNREAD_WHY = 'は対象として読み取れません（1行に対象1件。日時を書けるのは IP アドレスと端末だけです）';

const warrantAttestationTitle =
  'the warrant attestation page signs no target list with a line it cannot read; fixed, it signs them all';
test(warrantAttestationTitle, async () => {
  const judge = await judgeDesk();
  const posted = postsUnder(judge.page, '/v1/warrants/');
  try {
    const form = await attestationForm(judge, '令和8年(む)第7005号');
    await timeIn(form, '発付日時').fill(jstWallTime(Date.now() - 60_000));
    await timeIn(form, '有効期間の末日').fill(jstWallTime(Date.now() + 7 * 86400_000));
    const list = form.getByLabel('対象の一覧（1行に1件）');
    // A post's URL carries no time: the second line is not read (a URL target with its time dropped).
    const unread = 'https://example.jp/post/1 2026-03-29 01:30';
    await list.fill(['203.0.113.7:40211 2026-03-29 01:30:12', unread, 'user@example.jp'].join('\n'));
    await form.getByRole('button', { name: '署名する', exact: true }).click();
    const headline = form.locator('[data-testid="error-headline"]');
    await headline.waitFor();
    assert.equal(await headline.textContent(), `対象 2 行目: "${unread}" ${UNREAD_WHY}`);
    assert.equal(await list.getAttribute('aria-invalid'), 'true');
    const described = (await list.getAttribute('aria-describedby')) ?? '';
    const ids = described.split(' ').filter(Boolean);
    const under = (await Promise.all(ids.map((i) => form.locator(`[id="${i}"]`).textContent()))).join(' ');
    assert.ok(under.includes(`2 行目 "${unread}"`), `the line is named under the field: ${under}`);
    assert.equal(await list.evaluate((el) => el.matches(':focus')), true, 'the list takes the focus');
    assert.equal(posted.length, 0, 'nothing previewed, nothing signed, no passkey asked for');
    assert.equal(await judge.page.locator('[data-testid="attest-signature"]').count(), 0);

    const en = await heldInEnglish(
      judge.page,
      `Target line 2: "${unread}" could not be read as a target (one target a line;`,
    );
    assert.equal(posted.length, 0);

    // Fixed, every target pasted is signed, as read.
    const enList = en.getByLabel('Targets, one per line');
    await enList.fill(
      ['203.0.113.7:40211 2026-03-29 01:30:12', 'https://example.jp/post/1', 'user@example.jp'].join('\n'),
    );
    await en.getByRole('button', { name: 'Sign', exact: true }).click();
    await judge.page.locator('[data-testid="attest-signature"]').waitFor();
    assert.equal(await en.locator('[data-testid="error-headline"]').count(), 0, 'the held notice is gone');
    assert.equal(await enList.getAttribute('aria-invalid'), null);
    const attested = posted.find((p) => p.path === '/v1/warrants/attest')?.body as { targets?: unknown };
    assert.deepEqual(attested?.targets, [
      { type: 'ip', address: '203.0.113.7', port: 40211, at: '2026-03-29T01:30:12+09:00' },
      { type: 'url', url: 'https://example.jp/post/1' },
      { type: 'email', address: 'user@example.jp' },
    ]);
    assert.deepEqual(jsErrors(judge.page), []);
  } finally {
    await judge.context.close();
  }
});

test('the warrant application form sends no target list with lines it cannot read, counting each', async () => {
  await onDesk(ui.signedIn('sato', '/warrant-applications/new'), async (page) => {
    const posted = postsUnder(page, '/v1/warrant-applications');
    const form = page.getByRole('form', { name: '令状請求を起案' });
    await form.getByLabel('請求先の裁判所 *').selectOption({ label: '東京地方裁判所' });
    await form.getByLabel('照会先の事業者 *').selectOption({ label: '日本ネットワーク通信株式会社' });
    await form.getByLabel('事件番号').fill('令和8年 第7006号 脅迫被疑事件');
    await form.getByLabel('罪名').fill('脅迫（刑法222条）');
    await form
      .getByLabel('被疑事実の要旨')
      .fill('被疑者は、掲示板に被害者の生命に危害を加える旨を書き込んだものである。');
    await form.getByLabel('差押え等を必要とする理由').fill('書き込みの発信者を特定するため。');
    const list = form.getByLabel('対象の一覧（1行に1件）');
    // Line 2 is a comment; line 3 an address whose time is cut short; line 5 no target at all.
    const lines = ['203.0.113.77:40001 2026-11-29 10:00:05', '# 掲示板の管理者から', '203.0.113.78 2026/11/29'];
    await list.fill([...lines, 'user@example.jp', '掲示板の書込み'].join('\n'));
    await form.getByRole('button', { name: '起案を保存' }).click();
    await form.locator('[data-testid="error-headline"]').filter({ hasText: '入力に 2 件の問題があります' }).waitFor();
    const issues = await form.locator('[data-testid="error-issues"] li').allTextContents();
    assert.deepEqual(issues, [
      `対象 3 行目: "203.0.113.78 2026/11/29" ${UNREAD_WHY}`,
      `対象 5 行目: "掲示板の書込み" ${UNREAD_WHY}`,
    ]);
    assert.equal(await list.getAttribute('aria-invalid'), 'true');
    assert.match((await list.getAttribute('aria-describedby')) ?? '', /\S+ \S+/, 'the lines tied to the field');
    assert.match(
      await form.locator('.field-error').innerText(),
      /3 行目 "203\.0\.113\.78 2026\/11\/29"、5 行目 "掲示板の書込み"/,
    );
    assert.equal(await list.evaluate((el) => el.matches(':focus')), true, 'the list takes the focus');
    assert.equal(posted.length, 0, 'nothing drafted');

    await page.getByRole('button', { name: 'English' }).click();
    const en = page.getByRole('form', { name: 'Draft a warrant application' });
    await en.getByRole('button', { name: 'Save the draft' }).click();
    await en.locator('[data-testid="error-headline"]').filter({ hasText: '2 problems in the form' }).waitFor();
    const enIssues = await en.locator('[data-testid="error-issues"] li').allTextContents();
    assert.ok(enIssues[0]?.startsWith('Target line 3: "203.0.113.78 2026/11/29" could not be read as a target'));
    assert.ok(enIssues[1]?.startsWith('Target line 5: "掲示板の書込み" could not be read as a target'));
    assert.equal(posted.length, 0);

    // Fixed, every target goes with the draft.
    const fixed = [...lines.slice(0, 2), '203.0.113.78 2026-11-29 10:00:06', 'user@example.jp', 'example.jp'];
    await en.getByLabel('Targets, one per line').fill(fixed.join('\n'));
    await en.getByRole('button', { name: 'Save the draft' }).click();
    await page.waitForURL(/\/warrant-applications\/wapp_/);
    const drafted = posted.find((p) => p.path === '/v1/warrant-applications')?.body as { targets?: unknown };
    assert.deepEqual(drafted?.targets, [
      { type: 'ip', address: '203.0.113.77', port: 40001, at: '2026-11-29T10:00:05+09:00' },
      { type: 'ip', address: '203.0.113.78', at: '2026-11-29T10:00:06+09:00' },
      { type: 'email', address: 'user@example.jp' },
      { type: 'domain', name: 'example.jp' },
    ]);
  });
});
