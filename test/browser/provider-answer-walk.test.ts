// The provider's answer and the next request from it, click by click as people do, in Japanese: an
// inquiry reaches the board; its legal officer finds it in the inbox, reads it, starts the review and
// answers with the post's time (with its offset), source address and port, typed into the form, and
// signs it with her passkey; the investigator finds the answer on his home page, opens it, and from the
// access record it gives starts the next request at the carrier holding the address — with the warrant
// the court issued for it chosen from a list — and the draft and the case's trace carry the record. The
// application he made from the record says where it came from and leads back to the answer and the case; the
// request drafted from its warrant follows the answer in the case's trace.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { orgId } from '../support/exchange.ts';
import { inquiry, issue } from '../support/flow.ts';
import type { RequestDetail } from '../support/replies.ts';
import { boardAnswerToTrace, enrolledDesk, signedInWithPasskey } from './arrange.ts';
import { openAnswer, proposeNext } from './steps.ts';
import { assertAccessible, boardInquiryPeople, jsErrors, requestIdOf, shot, uiHubHooks } from './support.ts';

const ui = uiHubHooks();

/** The unit head sends the application `id` and the judge issues it as `warrantNumber`, through the API. */
async function courtIssues(id: string, warrantNumber: string): Promise<void> {
  const head = await ui.hub.api('tanaka');
  const judge = await ui.hub.api('judge');
  const preview = await head<{ digest: string }>('GET', `/v1/warrant-applications/${id}/send-preview`);
  const sent = await head('POST', `/v1/warrant-applications/${id}/send`, {
    digest: preview.body.digest,
    ...ui.hub.signed('tanaka', preview.body.digest),
  });
  assert.equal(sent.status, 200, JSON.stringify(sent.body));
  const now = Date.now();
  const decision = {
    warrantNumber,
    issuedAt: new Date(now).toISOString(),
    validUntil: new Date(now + 7 * 86400_000).toISOString(),
  };
  const att = await judge<{ digest: string }>('POST', `/v1/warrant-applications/${id}/attestation-preview`, decision);
  assert.equal(att.status, 200, JSON.stringify(att.body));
  const attested = await judge('POST', `/v1/warrant-applications/${id}/attest`, {
    ...decision,
    ...ui.hub.signed('judge', att.body.digest),
  });
  assert.equal(attested.status, 200, JSON.stringify(attested.body));
}

/**
 * From the next request's proposal: the court chosen, the warrant applied for, sent for the unit head's approval
 * (`check` first reads the application's page); the unit head sends it and the judge issues it as `warrantNumber`,
 * each with his passkey, through the API (their screens are walked in warrant-application).
 */
async function applyAndIssue(
  i: Page,
  proposal: Locator,
  warrantNumber: string,
  check: () => Promise<void> = async () => {},
): Promise<void> {
  await proposal.getByLabel('発付裁判所 *').selectOption({ label: '東京地方裁判所' });
  await proposal.getByRole('button', { name: 'この内容で令状を請求する' }).click();
  await i
    .getByRole('heading', { name: /令状請求/ })
    .first()
    .waitFor();
  await check();
  await i.getByRole('button', { name: '所属長の決裁に回す' }).click();
  await i.getByText('決裁待ち').first().waitFor();
  const applicationId = new URL(i.url()).pathname.split('/').pop() ?? '';
  await courtIssues(applicationId, warrantNumber);
}

const POST = { type: 'url', url: 'https://sakura-board.example/t/2101', postId: 'p-2101' } as const;
const RECORD = { address: '203.0.113.47', port: 52001, at: '2026-11-30T23:05:09+09:00' };

test('the board answers with the post’s access record; the investigator drafts the next request from it', async () => {
  // Arranged through the API: the case and the inquiry to the board, approved by the unit head.
  const people = await boardInquiryPeople(ui.hub);
  const kase = await people.drafter.call<{ id: string }>('POST', '/v1/cases', {
    reference: 'WALK-21',
    title: '掲示板の脅迫（手順の確認）',
  });
  assert.equal(kase.status, 201, JSON.stringify(kase.body));
  const content = inquiry(await orgId(ui.hub, 'Sakura Board K.K.'), {
    caseReference: 'WALK-21',
    facts: '掲示板に脅迫の書き込みがあった',
    necessity: '発信者を特定するため',
    targets: [POST],
    categories: ['subscriber', 'access_log'],
  });
  const boardRequest = await issue(people.drafter, people.head, content, kase.body.id);

  // ---- The board's legal officer, with her passkey, finds it in the inbox. ----
  const prov = await signedInWithPasskey(ui, 'board.legal');
  const inv = await enrolledDesk(ui, 'sato', 'tanaka');
  try {
    const p = prov.page;
    const inbox = p.getByRole('region', { name: /新着（未着手）/ });
    await inbox.getByRole('link', { name: boardRequest.reference }).click();
    await p.getByRole('heading', { name: boardRequest.reference, level: 1 }).waitFor();
    // She reads what is asked: the post and why.
    const main = p.getByRole('main');
    await main.getByText(POST.url).first().waitFor();
    assert.match(await main.innerText(), /発信者を特定するため/);
    await p.getByRole('button', { name: '審査を開始' }).click();
    const form = p.getByRole('form', { name: /回答/ });
    await form.getByRole('button', { name: '投稿の記録を追加' }).first().click();
    const when = form.getByRole('group', { name: '投稿 1 の日時' });
    await when.getByLabel('日時', { exact: true }).fill('2026-11-30T23:05:09');
    await when.getByLabel('タイムゾーン').selectOption({ label: 'Asia/Tokyo (UTC+09:00)' });
    await form.getByLabel('送信元IPアドレス').first().fill(RECORD.address);
    await form.getByLabel('送信元ポート番号').first().fill(String(RECORD.port));
    assert.match(await when.innerText(), /2026-11-30T23:05:09\+09:00/);
    await shot(p, 'walk21-01-provider-answer-form-ja');
    await assertAccessible(p, 'provider answer form');
    await form.getByRole('button', { name: '送信内容を確認する' }).click();
    const preview = p.getByRole('region', { name: /送信される内容/ });
    const leaving = await preview.innerText();
    assert.match(leaving, /203\.0\.113\.47/);
    assert.match(leaving, /52001/);
    assert.match(leaving, /23:05:09 \+09:00/);
    await preview.getByRole('button', { name: '署名・封緘して回答する' }).click();
    await p.getByText('回答済み').first().waitFor();

    // ---- The investigator finds the answer on his home page and opens it. ----
    const i = inv.page;
    await i.goto(`${ui.hub.url}/`);
    await i
      .getByRole('region', { name: /回答あり/ })
      .getByRole('link', { name: boardRequest.reference })
      .click();
    await i.getByRole('button', { name: /回答を開封して読む/ }).click();
    const next = i.getByRole('button', { name: `${RECORD.address}:${RECORD.port} について次の照会を起案` });
    await next.waitFor();
    // The record reads as she typed it: the time with its offset, the address and the port.
    const record = i.getByRole('row', { name: /203\.0\.113\.47/ });
    const said = await record.innerText();
    assert.match(said, /52001/);
    assert.match(said, /23:05:09/);
    assert.match(said, /\+09:00/);
    await shot(i, 'walk21-02-answer-opened-ja');
    await next.click();
    const proposal = i.getByRole('region', { name: '次の照会の案' });
    assert.match(await proposal.innerText(), /日本ネットワーク通信株式会社/);
    // A carrier's access records need a warrant: he applies to the court for exactly this step.
    await applyAndIssue(i, proposal, '令和8年(む)第2101号', async () => {
      assert.match(await i.getByRole('main').innerText(), /203\.0\.113\.47:52001/);
    });

    // The application's page says in words where it came from — the board's answer, the record, the case —
    // and leads back to the answer (before, he went home and opened the request again).
    await i.reload();
    const whence = i.getByRole('region', { name: 'この請求の元' });
    const whenceText = await whence.innerText();
    assert.match(whenceText, new RegExp(`${boardRequest.reference} への回答で判明した識別子から起案しました`));
    assert.match(whenceText, /203\.0\.113\.47:52001 @ 2026-11-30 23:05:09 \+09:00/);
    await whence.getByRole('link', { name: 'WALK-21 掲示板の脅迫（手順の確認）' }).waitFor();
    await shot(i, 'walk21-03a-application-origin-ja');
    await whence.getByRole('link', { name: boardRequest.reference }).click();
    // Back at the answer: the issued warrant is offered; choosing it fills the court's block.
    await i.getByRole('heading', { name: boardRequest.reference, level: 1 }).waitFor();
    await i.getByRole('button', { name: /回答を開封して読む/ }).click();
    await i.getByRole('button', { name: `${RECORD.address}:${RECORD.port} について次の照会を起案` }).click();
    await proposal.getByLabel('発付済みの令状（令状請求から）').selectOption({ index: 1 });
    assert.equal(await proposal.getByLabel('令状番号').inputValue(), '令和8年(む)第2101号');
    // The judge's signature goes with the chosen warrant: said in words, not shown as a key id and a
    // signature value in fields to copy or edit.
    await proposal.getByText('裁判所の電子署名：選んだ令状に裁判官が付した署名をそのまま添えます').waitFor();
    assert.equal(await proposal.getByLabel('裁判所の鍵ID').count(), 0);
    assert.equal(await proposal.getByLabel('裁判所の電子署名').count(), 0);
    await shot(i, 'walk21-03-next-proposal-ja');
    await proposal.getByRole('button', { name: 'この内容で起案する' }).click();
    await i.waitForURL((u) => /\/requests\/[^/]+$/.test(u.pathname) && !u.pathname.endsWith(boardRequest.id));
    const drafted = await people.drafter.call<RequestDetail>('GET', `/v1/requests/${requestIdOf(i)}`);
    const nextReference = drafted.body.reference;
    await i.getByRole('heading', { level: 1, name: nextReference }).waitFor();
    await i.getByText('起案中', { exact: true }).waitFor();
    assert.equal(drafted.body.state, 'draft');
    // The draft asks about the record as the board gave it — the address and port at that time, with
    // its offset — at the carrier, under the warrant, and names the answer it follows.
    const asked = i.getByRole('region', { name: '照会の内容' });
    const draftText = await asked.innerText();
    assert.match(draftText, /203\.0\.113\.47:52001 @ 2026-11-30 23:05:09 \+09:00/);
    assert.match(draftText, /令和8年\(む\)第2101号/);
    assert.match(await i.getByRole('region', { name: '概要' }).innerText(), /日本ネットワーク通信株式会社/);
    const follows = i.getByRole('region', { name: /追跡/ });
    await follows.getByRole('link', { name: boardRequest.reference }).waitFor();
    assert.match(await follows.innerText(), /203\.0\.113\.47:52001 @ 2026-11-30 23:05:09 \+09:00/);
    assert.deepEqual(drafted.body.content?.targets, [{ type: 'ip', ...RECORD, toleranceSeconds: 0 }]);
    assert.ok(drafted.body.content?.warrant?.attestation?.signature, 'the judge’s signature went with it');
    await shot(i, 'walk21-04-next-draft-ja');
    await assertAccessible(i, 'next request draft');

    // ---- The case's trace links the board's inquiry to the carrier's. ----
    await i.getByRole('link', { name: '事件へ' }).click();
    const trace = i.getByRole('region', { name: /追跡/ });
    const hops = trace.getByRole('listitem').filter({ has: i.getByRole('link', { name: boardRequest.reference }) });
    const first = await hops.first().innerText();
    assert.match(first, /回答で判明: IPアドレス 203\.0\.113\.47:52001 @ 2026-11-30 23:05:09 \+09:00/);
    assert.match(first, new RegExp(`次の照会: ${nextReference}`));
    await trace.getByRole('link', { name: nextReference }).first().waitFor();
    await shot(i, 'walk21-05-case-trace-ja');
    assert.deepEqual(jsErrors(p), []);
    assert.deepEqual(jsErrors(i), []);
  } finally {
    await prov.context.close();
    await inv.context.close();
  }
});

test('the application drafted from an answer leads back to it; the request from its warrant follows it', async () => {
  const record = { address: '203.0.113.48', port: 52002, at: '2026-11-30T22:10:00+09:00' };
  const target = { type: 'url', url: 'https://sakura-board.example/t/2102', postId: 'p-2102' };
  // Arranged through the API: the case, the board's inquiry, approved and answered with the access record.
  const { people, boardRequest, inv } = await boardAnswerToTrace(ui, { reference: 'WALK-21B', target, record });
  try {
    const i = inv.page;
    await openAnswer(i, ui.hub, boardRequest.id);
    const proposal = await proposeNext(i, record);
    await applyAndIssue(i, proposal, '令和8年(む)第2102号');
    await i.reload();

    // The way back to the case, and from there back to the application.
    const whence = i.getByRole('region', { name: 'この請求の元' });
    assert.match(await whence.innerText(), /203\.0\.113\.48:52002 @ 2026-11-30 22:10:00 \+09:00/);
    await whence.getByRole('link', { name: 'WALK-21B 掲示板の脅迫' }).click();
    await i.getByRole('heading', { level: 1, name: /WALK-21B/ }).waitFor();
    await i.goBack();

    // The request drafted from the issued warrant names the answer it follows.
    await i.getByRole('button', { name: '令状から要請を起案' }).click();
    await i.waitForURL((u) => /\/requests\/[^/]+$/.test(u.pathname) && !u.pathname.endsWith(boardRequest.id));
    const drafted = await people.drafter.call<RequestDetail>('GET', `/v1/requests/${requestIdOf(i)}`);
    const nextReference = drafted.body.reference;
    await i.getByRole('heading', { level: 1, name: nextReference }).waitFor();
    assert.match(await i.getByRole('region', { name: '照会の内容' }).innerText(), /令和8年\(む\)第2102号/);
    const follows = i.getByRole('region', { name: /追跡/ });
    await follows.getByRole('link', { name: boardRequest.reference }).waitFor();
    assert.match(await follows.innerText(), /203\.0\.113\.48:52002 @ 2026-11-30 22:10:00 \+09:00/);
    await shot(i, 'walk21-06-request-from-warrant-ja');

    // ---- The case's trace: the board's answer, then the request from the warrant. ----
    await i.getByRole('link', { name: '事件へ' }).click();
    const trace = i.getByRole('region', { name: /追跡/ });
    const hops = trace.getByRole('listitem').filter({ has: i.getByRole('link', { name: boardRequest.reference }) });
    const first = await hops.first().innerText();
    assert.match(first, /回答で判明: IPアドレス 203\.0\.113\.48:52002 @ 2026-11-30 22:10:00 \+09:00/);
    assert.match(first, new RegExp(`次の照会: ${nextReference}`));
    await shot(i, 'walk21-07-case-trace-from-warrant-ja');
    await assertAccessible(i, 'case trace after the request from the warrant');
    assert.deepEqual(jsErrors(i), []);
  } finally {
    await inv.context.close();
  }
});
