// The whole exchange in a real browser, each person in a separate browser context:
// an investigator drafts, the unit head approves (signs), the provider's legal reviewer verifies and
// answers, and the investigator reads the unsealed answer.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { signedInWithPasskey } from './arrange.ts';
import { fillInquiry, openAnswer } from './steps.ts';
import { assertAccessible, enrolBrowser, jsErrors, requestIdOf, shot, signIn, uiHubHooks } from './support.ts';

const ui = uiHubHooks();

test('draft → approve → verify and answer → read the answer, in four browser contexts', async () => {
  // ---- The investigator (佐藤) drafts an inquiry to the board operator. ----
  const inv = await ui.desk();
  await inv.page.goto(`${ui.hub.url}/`);
  await inv.page.getByRole('heading', { name: 'ログイン' }).waitFor();
  await shot(inv.page, '01-sign-in-ja');
  await assertAccessible(inv.page, 'sign-in');
  await signIn(inv.page, ui.hub, 'sato');
  await inv.page.getByRole('heading', { name: /佐藤 巡査部長 さんの業務/ }).waitFor();
  await inv.page.locator('.urgent-banner').waitFor();
  // Each request number in the lists stays on one line (not "SHK-2026-" over "000004").
  for (const cell of await inv.page.locator('table.requests tbody th').all()) {
    // An inline link broken over two lines has two boxes.
    const lines = await cell.evaluate((el) => el.querySelector('a')?.getClientRects().length ?? 0);
    assert.equal(lines, 1, `${await cell.innerText()} is written on one line`);
  }
  await shot(inv.page, '02-home-investigator-ja');
  await assertAccessible(inv.page, 'investigator home');

  await inv.page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: '照会を起案' }).click();
  await inv.page.getByRole('heading', { name: '照会の起案' }).waitFor();
  // Several targets at once, pasted from a list; the instant without an offset is read in Asia/Tokyo.
  await fillInquiry(inv.page, {
    provider: 'さくら掲示板株式会社',
    caseReference: '令和8年 第2001号 脅迫被疑事件',
    offence: '脅迫（刑法222条）',
    facts: '掲示板に被害者を名指しして危害を加える旨の書き込みがなされた。',
    necessity: '発信者を特定し、被害者の安全を確保するため。',
    targets: '203.0.113.9:51234 2026-03-29 01:30:12\nhttps://sakura-board.example/thread/8812#res-60',
  });
  await inv.page.getByRole('heading', { name: '対象（2 件）' }).waitFor();
  assert.match(await inv.page.locator('#targets output.iso').first().innerText(), /2026-03-29T01:30:12\+09:00/);
  await inv.page.getByLabel('通信履歴（接続記録）').check();
  const policy = inv.page.locator('[data-testid="policy-result"]');
  await policy.getByText('この内容であれば事業者のポリシー上応じられます。').waitFor();
  // Asking for traffic data by inquiry: the policy check explains the refusal as one types.
  await inv.page.getByLabel(/その他の通信記録/).check();
  await policy.getByText('このままでは次の理由で拒否されます').waitFor();
  assert.match(await policy.innerText(), /令状が必要です/);
  // The refusal reads as its category in words and its reason; its code stays in an attribute.
  assert.match(
    await policy.locator('li[data-code="MATRIX_REFUSED"]').innerText(),
    /^その他の通信記録: その他の通信記録は通信の秘密の対象であり.*令状が必要です$/,
  );
  assert.doesNotMatch(await policy.innerText(), /MATRIX_REFUSED|traffic/);
  await shot(inv.page, '03-editor-policy-refusal-ja');
  await assertAccessible(inv.page, 'request editor');
  await inv.page.getByLabel(/その他の通信記録/).uncheck();
  await policy.getByText('この内容であれば事業者のポリシー上応じられます。').waitFor();
  await inv.page.getByRole('button', { name: '保存して決裁に回す' }).click();
  await inv.page.locator('.badge.state-awaiting_approval').waitFor();
  const id = requestIdOf(inv.page);
  const reference = (await inv.page.locator('#req-h').innerText()).trim();
  await shot(inv.page, '04-request-awaiting-approval-ja');
  // The case the reference opened: its title is that reference, said once under the heading.
  await inv.page.getByRole('link', { name: '事件へ' }).click();
  await inv.page.locator('#case-h').getByText('令和8年 第2001号 脅迫被疑事件').waitFor();
  assert.equal(await inv.page.locator('article .lead').count(), 0);

  // ---- The unit head (田中) sees exactly what is signed, then signs with his own passkey. ----
  // His device: Chromium's virtual authenticator (CDP WebAuthn domain) holding the passkey he
  // registered through the ceremony; the hub holds no private key of his.
  const head = await signedInWithPasskey(ui, 'tanaka');
  const approveGroup = head.page.locator('#group-approve');
  await approveGroup.getByRole('link', { name: reference }).click();
  await head.page.getByRole('link', { name: '決裁画面へ' }).first().click();
  await head.page.getByRole('heading', { name: `決裁：${reference}` }).waitFor();
  const canonical = await head.page.locator('[data-testid="canonical"]').innerText();
  assert.match(canonical, /203\.0\.113\.9/);
  assert.match(canonical, /2026-03-29T01:30:12\+09:00/);
  assert.match(await head.page.locator('[data-testid="digest"]').innerText(), /^[0-9a-f]{64}$/);
  // Beside the exact bytes (UTC, as signed), the same instants in the approver's zone with the era year.
  const instants = head.page.locator('[data-testid="signed-instants"]');
  const issued = instants.getByRole('row', { name: /発出の日時/ });
  const issuedSigned = await issued.locator('[data-testid="signed"]').innerText();
  assert.match(issuedSigned, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  assert.ok(canonical.includes(`"issuedAt":"${issuedSigned}"`), 'the signed bytes keep the UTC value');
  assert.match(
    await issued.locator('[data-testid="local"]').innerText(),
    /^令和\d+年（\d{4}年）\d+月\d+日 [\d:]{8} \+09:00$/,
  );
  const targetAt = instants.getByRole('row', { name: /対象 1 › 日時/ });
  assert.equal(await targetAt.locator('[data-testid="signed"]').innerText(), '2026-03-29T01:30:12+09:00');
  assert.equal(await targetAt.locator('[data-testid="local"]').innerText(), '令和8年（2026年）3月29日 01:30:12 +09:00');
  assert.match(await head.page.locator('main').innerText(), /Asia\/Tokyo、現在 UTC\+09:00/);
  await shot(head.page, '05-approval-ja');
  await assertAccessible(head.page, 'approval');
  const sign = head.page.getByRole('button', { name: '署名して発出する' });
  assert.equal(await sign.isDisabled(), true, 'signing needs the explicit confirmation');
  // The same page read from New York, in English: the viewer's own zone and offset, the bytes unchanged.
  const away = await ui.signedIn('tanaka', `/requests/${id}/approve`, { lang: 'en', timezoneId: 'America/New_York' });
  const awayRow = away.page
    .locator('[data-testid="signed-instants"]')
    .getByRole('row', { name: /Target 1 › Date and time/ });
  assert.equal(await awayRow.locator('[data-testid="local"]').innerText(), '28 March 2026 12:30:12 -04:00');
  assert.equal(await awayRow.locator('[data-testid="signed"]').innerText(), '2026-03-29T01:30:12+09:00');
  assert.match(await away.page.locator('main').innerText(), /America\/New_York, now UTC-0[45]:00/);
  assert.ok(
    (await away.page.locator('[data-testid="canonical"]').innerText()).includes('"at":"2026-03-29T01:30:12+09:00"'),
  );
  await away.context.close();
  await head.page.getByLabel('上記の内容を確認し、照会の必要性を認めます').check();
  await sign.click();
  await head.page.waitForURL(`**/requests/${id}`);
  await head.page.locator('.badge.state-received, .badge.state-issued').first().waitFor();
  const signed = await (await ui.hub.api('tanaka'))<{ envelope: { v: number } }>('GET', `/v1/requests/${id}/envelope`);
  assert.equal(signed.body.envelope.v, 2, 'the approval was signed by the passkey (envelope v2)');

  // ---- The provider's legal reviewer verifies the signatures, reviews and answers. ----
  // The legal officer's passkey, in this browser: it signs the answer here (issue 11).
  const prov = await signedInWithPasskey(ui, 'board.legal');
  await prov.page.locator('#group-incoming').getByRole('link', { name: reference }).waitFor();
  await shot(prov.page, '06-home-provider-inbox-ja');
  await assertAccessible(prov.page, 'provider home');
  await prov.page.locator('#group-incoming').getByRole('link', { name: reference }).click();
  const verification = prov.page.locator('[data-testid="verification"]');
  await verification.waitFor();
  assert.equal(await verification.getAttribute('data-ok'), 'true');
  for (const check of [
    'signature_approver',
    'signature_unit',
    'approver_authority',
    'key_validity',
    'revocation',
    'replay',
  ]) {
    assert.equal(await verification.locator(`[data-check="${check}"]`).getAttribute('data-status'), 'pass', check);
  }
  await prov.page.getByRole('button', { name: '審査を開始' }).click();
  await prov.page.locator('.badge.state-under_review').waitFor();
  const form = prov.page.locator('#answer-form');
  await form.getByLabel('登録された氏名').first().fill('山田 太郎');
  await form.getByLabel('登録されたメールアドレス').first().fill('yamada@mail.example');
  await form.getByRole('button', { name: '投稿の記録を追加' }).first().click();
  await form.getByLabel('日時', { exact: true }).first().fill('2026-03-29T01:30:12');
  await form.getByLabel('送信元IPアドレス', { exact: true }).first().fill('203.0.113.9');
  await form.getByLabel('結果').nth(1).selectOption('no_data');
  assert.equal(await form.locator('[data-testid="answer-outcome"]').innerText(), '一部回答');
  await shot(prov.page, '07-provider-request-answer-form-ja');
  await assertAccessible(prov.page, 'provider request page');
  // The provider sees exactly what will leave, then signs it.
  await form.getByRole('button', { name: '送信内容を確認する' }).click();
  const preview = prov.page.locator('[data-testid="answer-preview"]');
  await preview.waitFor();
  const leaving = await preview.innerText();
  assert.match(leaving, /山田 太郎/);
  assert.match(leaving, /該当データなし/);
  assert.match(await preview.locator('[data-testid="answer-digest"]').innerText(), /^[0-9a-f]{64}$/);
  assert.match(
    await prov.page.locator('[data-testid="answer-passkey-hint"]').innerText(),
    /ハブは回答の内容を見ません/,
  );
  await preview.getByRole('button', { name: '署名・封緘して回答する' }).click();
  await prov.page.locator('.badge.state-answered').waitFor();
  // What the hub stored is ciphertext sealed in the provider's browser, signed with the officer's passkey.
  const stored = await ui.hub.ctx.store.db
    .selectFrom('answers')
    .selectAll()
    .where('request_id', '=', id)
    .executeTakeFirstOrThrow();
  assert.equal(stored.sealed_by, 'provider');
  assert.ok(stored.signature_webauthn, 'the outer signature is a passkey assertion');
  assert.ok(!stored.sealed.includes('山田') && !(stored.sealed_for_provider ?? '').includes('山田'));
  // The provider keeps its own sealed record of what it disclosed, and reads it back on its own
  // enrolled device (this browser, enrolled by the legal officer's other device).
  await enrolBrowser(prov.page, ui.hub, 'board.legal');
  await prov.page.goto(`${ui.hub.url}/requests/${id}`);
  await prov.page.getByRole('button', { name: '自社の回答の控えを開く' }).click();
  assert.match(await prov.page.locator('[data-testid="answer-view"]').innerText(), /山田 太郎/);

  // The same page in English, with the verification badges.
  await prov.page.getByRole('button', { name: 'English' }).click();
  await prov.page.getByRole('heading', { name: 'Is it genuine?' }).waitFor();
  await shot(prov.page, '08-provider-request-verified-en');
  await assertAccessible(prov.page, 'provider request page (en)');

  // ---- The investigator reads the answer, opened in his browser (the unit head enrolled it). ----
  await inv.page.goto(`${ui.hub.url}/requests/${id}`);
  await inv.page.locator('.badge.state-answered').waitFor();
  // The hub knows only that the answer is sealed: said in words, never as the stored code.
  assert.match(await inv.page.getByTestId('answer-stored-outcome').innerText(), /^封緘済み/);
  // The signing key is named by its fingerprint as people read it, never in the colons of an IPv6 address.
  const sealedSection = await inv.page.locator('#answer').innerText();
  assert.match(sealedSection, /鍵 SHA-256 [0-9a-f]{4} [0-9a-f]{4}/);
  assert.doesNotMatch(sealedSection, /[0-9a-f]{4}:[0-9a-f]{4}/);
  // Before this browser holds the key, the answer does not open here (nor on the hub).
  await inv.page.getByRole('button', { name: /回答を開封して読む/ }).click();
  await inv.page.locator('[data-testid="answer-no-device"]').waitFor();
  await enrolBrowser(inv.page, ui.hub, 'tanaka');
  const text = await (await openAnswer(inv.page, ui.hub, id)).innerText();
  assert.match(text, /山田 太郎/);
  assert.match(text, /yamada@mail\.example/);
  assert.match(text, /事業者の署名は有効です/);
  assert.match(text, /法務担当者の認証器（パスキー）で署名/, "verified in this browser against the officer's passkey");
  assert.match(text, /該当データなし/);
  // Opened here, the answer's own outcome replaces "sealed".
  assert.match(await inv.page.getByTestId('answer-stored-outcome').innerText(), /^(全部回答|一部回答)$/);
  await shot(inv.page, '09-answer-unsealed-ja');
  await assertAccessible(inv.page, 'unsealed answer');

  // ---- The timeline lists every audit event of the request. ----
  await inv.page.getByRole('link', { name: '経過（監査記録）' }).click();
  const timeline = inv.page.locator('[data-testid="timeline"]');
  await timeline.waitFor();
  assert.ok(
    (await timeline.locator('li').count()) >= 5,
    'drafted, submitted, approved, received, reviewed, answered, read',
  );
  // The hub's own step (receipt and verification) is said in words, not as its internal actor id.
  const steps = await timeline.innerText();
  assert.match(steps, /操作者: システム · 監査ログの記録 #\d+/);
  assert.doesNotMatch(steps, /system/);
  await shot(inv.page, '10-timeline-ja');
  await assertAccessible(inv.page, 'timeline');

  for (const d of [inv, head, prov]) assert.deepEqual(jsErrors(d.page), []);
  await Promise.all([inv.context.close(), head.context.close(), prov.context.close()]);
});

test('withdrawing a request asks once more before it acts', async () => {
  const draft = ui.hub.demo.requests.find((r) => r.state === 'draft') ?? assert.fail('the demo has a draft');
  const inv = await ui.signedIn('sato', `/requests/${draft.id}`);
  await inv.page.locator('.badge.state-draft').waitFor();
  // A draft has no deadline: its badges say what it is, with no lone dash beside them.
  assert.equal((await inv.page.locator('.page-head .badges').innerText()).includes('—'), false);
  await inv.page.getByLabel('取下げの理由').fill('同一の書込みについて別の照会で対応するため');
  await inv.page.getByRole('button', { name: '照会を取り下げる' }).click();
  // The first press only says what follows; the request is still a draft.
  const step = inv.page.getByTestId('confirm-step');
  assert.match(await step.innerText(), /元に戻せません/);
  assert.equal(await inv.page.locator('.badge.state-draft').count(), 1);
  await step.getByRole('button', { name: '戻る' }).click();
  await inv.page.getByRole('button', { name: '照会を取り下げる' }).click();
  await inv.page.getByRole('button', { name: '確定：照会を取り下げる' }).click();
  await inv.page.locator('.badge.state-withdrawn').waitFor();
  assert.deepEqual(jsErrors(inv.page), []);
  await inv.context.close();
});
