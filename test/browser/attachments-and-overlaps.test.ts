// Attachments and overlap notices in a real browser: the drafter attaches a screenshot to a draft (sealed
// in his browser), opens it again and removes one attached by mistake, and once approved the provider
// opens it in its own and checks it against the signed request; the provider seals an answer file in its
// browser and the investigator opens it in his; a unit head sees another force's pointer on the home page.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { sealBox } from '../../src/crypto/device-seal.ts';
import { sealedAttachmentAad } from '../../src/domain/attachments.ts';
import { DEMO_ORGS, orgId } from '../support/exchange.ts';
import { boardPost, draft, inquiry, issue, subscriberFound, transition } from '../support/flow.ts';
import { assertAccessible, boardInquiryPeople, enrolBrowser, jsErrors, shot, uiHubHooks } from './support.ts';

const ui = uiHubHooks();
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const dir = mkdtempSync(join(tmpdir(), 'shokai-att-'));
after(() => {
  rmSync(dir, { recursive: true, force: true });
});

const boardId = () => orgId(ui.hub, DEMO_ORGS.board);

/** An inquiry to the board naming `targets`, for case `caseReference` (the facts as `facts` says). */
const boardInquiry = async (caseReference: string, targets: unknown[], facts = '事実') =>
  inquiry(await boardId(), { caseReference, facts, necessity: '必要', targets });

test('the drafter attaches a screenshot to a draft, opens it again and removes one attached by mistake', async () => {
  const sato = await ui.hub.client('sato');
  const d = await draft(sato, await boardInquiry('ATT-UI-1', [boardPost('t/5#1')]));
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('ui-test')]);
  const file = join(dir, '投稿のスクリーンショット.png');
  writeFileSync(file, png);

  const { context, page } = await ui.signedIn('sato');
  // The unit's answer key is on its members' devices: this browser is enrolled by the head's device.
  await enrolBrowser(page, ui.hub, 'tanaka');
  await page.goto(`${ui.hub.url}/requests/${d.id}`);
  const section = page.locator('#attachments');
  await section.waitFor();
  // The file control speaks the page's language (an English browser's "Choose File / No file chosen"
  // is not shown): its button is the label of the input, the chosen file's name beside it.
  const chosen = section.locator('[data-testid="file-chosen"]');
  assert.equal(await chosen.innerText(), '選ばれていません');
  assert.equal(await section.locator('label.button', { hasText: 'ファイルを選ぶ' }).isVisible(), true);
  assert.ok(((await section.locator('input[type="file"]').boundingBox())?.width ?? 0) <= 1, 'the input is hidden');
  await section.getByLabel('ファイルを選ぶ').setInputFiles(file);
  assert.equal(await chosen.innerText(), '投稿のスクリーンショット.png');
  await section.getByRole('button', { name: '添付する' }).click();
  const open = section.getByRole('button', { name: '投稿のスクリーンショット.png', exact: true });
  await open.waitFor();
  assert.equal(await chosen.innerText(), '選ばれていません');
  assert.match(await section.innerText(), /照会書/);
  // Sealed to the unit's device-held key: the hub cannot open it; this browser's device does.
  const [download] = await Promise.all([page.waitForEvent('download'), open.click()]);
  assert.equal(download.suggestedFilename(), '投稿のスクリーンショット.png');
  const saved = join(dir, 'downloaded.png');
  await download.saveAs(saved);
  assert.deepEqual(readFileSync(saved), png);

  // A wrong file is refused with a message naming what is wrong, in Japanese.
  const bad = join(dir, 'fake.png');
  writeFileSync(bad, 'not a png');
  await section.locator('input[type="file"]').setInputFiles(bad);
  await section.getByRole('button', { name: '添付する' }).click();
  await section.getByText(/fake\.png の中身は image\/png ではありません/).waitFor();

  // The wrong screenshot attached by mistake is removed from the draft, after one more question.
  const wrong = join(dir, '別の投稿.png');
  writeFileSync(wrong, png);
  await section.locator('input[type="file"]').setInputFiles(wrong);
  await section.getByRole('button', { name: '添付する' }).click();
  await section.getByRole('button', { name: '別の投稿.png', exact: true }).waitFor();
  await section.getByRole('button', { name: '外す: 別の投稿.png' }).click();
  const ask = section.getByRole('alertdialog');
  await ask.getByText('「別の投稿.png」を下書きから外しますか？', { exact: false }).waitFor();
  await ask.getByRole('button', { name: '外す', exact: true }).click();
  await section.getByRole('button', { name: '別の投稿.png', exact: true }).waitFor({ state: 'detached' });
  await open.waitFor();
  assert.equal(await ask.count(), 0, 'the question is gone with the file');
  await shot(page, '40-attachments-ja');
  await assertAccessible(page, 'request page with attachments');
  assert.deepEqual(jsErrors(page), []);
  await context.close();

  // Sealed in the drafter's browser: the hub keeps ciphertext only, to keys it does not hold.
  const row = await ui.hub.ctx.store.db
    .selectFrom('attachments')
    .selectAll()
    .where('request_id', '=', d.id)
    .executeTakeFirstOrThrow();
  assert.equal(row.sealed_by, 'agency');
  assert.equal(JSON.stringify(row).includes('ui-test'), false);

  // ---- Approved and delivered: the provider opens it in its browser, checked against the signed request. ----
  const t = `/v1/requests/${d.id}/transitions`;
  await transition(sato, d.id, { action: 'submit' });
  const head = await ui.hub.api('tanaka');
  const preview = await head<{ digest: string; canonical: string }>('GET', `/v1/requests/${d.id}/signing-preview`);
  assert.ok(preview.body.canonical.includes(row.sha256), 'the approver signs the file’s SHA-256');
  assert.equal((await head('POST', t, ui.hub.approval('tanaka', preview.body.digest))).status, 200);
  const prov = await ui.signedIn('board.legal');
  // The provider's key is on its officers' devices: this browser is enrolled by the officer's device.
  await enrolBrowser(prov.page, ui.hub, 'board.legal');
  await prov.page.goto(`${ui.hub.url}/requests/${d.id}`);
  const theirs = prov.page.locator('#attachments');
  const openTheirs = theirs.getByRole('button', { name: '投稿のスクリーンショット.png' });
  await openTheirs.waitFor();
  const [got] = await Promise.all([prov.page.waitForEvent('download'), openTheirs.click()]);
  const received = join(dir, 'received.png');
  await got.saveAs(received);
  assert.deepEqual(readFileSync(received), png);
  // Whoever holds the store puts another picture, sealed to the provider's public key, in its place:
  // the browser refuses it against the SHA-256 the approver signed, and says so.
  const box = JSON.parse(row.sealed_for_provider ?? '{}') as { recipientKeyId: string };
  const key = await ui.hub.ctx.store.db
    .selectFrom('keys')
    .selectAll()
    .where('id', '=', box.recipientKeyId)
    .executeTakeFirstOrThrow();
  const forged = Buffer.concat([png.subarray(0, 8), Buffer.from('a different picture')]);
  const decl = { id: row.id, sha256: sha256(forged), mediaType: 'image/png', byteSize: forged.length };
  const sealed = await sealBox(key.public_key, key.id, forged, sealedAttachmentAad(d.id, decl));
  await ui.hub.ctx.store.db
    .updateTable('attachments')
    .set({ sealed_for_provider: JSON.stringify(sealed), sha256: decl.sha256, byte_size: decl.byteSize })
    .where('id', '=', row.id)
    .execute();
  await openTheirs.click();
  await theirs.getByText(/承認者が署名した照会書に記載されたファイル（SHA-256）と一致しない/).waitFor();
  assert.deepEqual(jsErrors(prov.page), []);
  await prov.context.close();
});

const sealedAnswerFileTitle =
  'the provider seals an answer file in its browser; the investigator opens it in his and it matches the signed answer';
test(sealedAnswerFileTitle, async () => {
  const people = await boardInquiryPeople(ui.hub);
  const { id } = await issue(people.drafter, people.head, await boardInquiry('ATT-UI-2', [boardPost('t/6#2')]));
  await transition(people.provider, id, { action: 'start_review' });

  // ---- The provider's legal officer attaches a log extract to the answer: sealed in this browser. ----
  const marker = 'BROWSER-SEALED-ANSWER-FILE-4471';
  const csv = Buffer.from(`time,ip,port\n2026-03-29T01:30:12+09:00,203.0.113.9,51234,${marker}\n`);
  const file = join(dir, '接続記録.csv');
  writeFileSync(file, csv);
  const prov = await ui.signedIn('board.legal');
  await prov.page.goto(`${ui.hub.url}/requests/${id}`);
  const section = prov.page.locator('#attachments');
  await section.waitFor();
  await section.getByLabel('添付先').selectOption({ label: '回答' });
  assert.match(await section.getByTestId('file-sealed-here').innerText(), /このブラウザで.*封緘/);
  await section.locator('input[type="file"]').setInputFiles(file);
  await section.getByRole('button', { name: '添付する' }).click();
  await section.getByRole('button', { name: '接続記録.csv' }).waitFor();
  // What the hub keeps is ciphertext sealed by the provider's side; it never saw the file.
  const row = await ui.hub.ctx.store.db
    .selectFrom('attachments')
    .selectAll()
    .where('request_id', '=', id)
    .executeTakeFirstOrThrow();
  assert.equal(row.sealed_by, 'provider');
  assert.equal(JSON.stringify(row).includes(marker), false);
  for (const text of [row.sealed_for_agency, row.sealed_for_provider]) {
    const ct = Buffer.from((JSON.parse(text ?? '{}') as { ct: string }).ct, 'base64url');
    assert.equal(ct.includes(marker), false, 'ciphertext only');
  }
  // The answer, signed and sealed on the provider's side, names the file's SHA-256.
  await transition(people.provider, id, {
    action: 'answer',
    answer: { outcome: 'full', items: [subscriberFound({ name: '山田 太郎' })] },
  });
  assert.deepEqual(jsErrors(prov.page), []);
  await prov.context.close();

  // ---- The investigator opens the file in his enrolled browser; it is checked against the signed answer. ----
  const { context, page } = await ui.signedIn('sato');
  await enrolBrowser(page, ui.hub, 'tanaka');
  await page.goto(`${ui.hub.url}/requests/${id}`);
  const files = page.locator('#attachments');
  const open = files.getByRole('button', { name: '接続記録.csv' });
  await open.waitFor();
  const [download] = await Promise.all([page.waitForEvent('download'), open.click()]);
  const saved = join(dir, 'answer-file.csv');
  await download.saveAs(saved);
  assert.deepEqual(readFileSync(saved), csv);
  await shot(page, '42-answer-file-opened-ja');
  assert.deepEqual(jsErrors(page), []);
  await context.close();
});

test("a unit head sees another force's pointer on the home page, nothing of its request", async () => {
  const issuedBy = async (drafter: string, head: string, facts: string) => {
    const targets = [{ type: 'email', address: 'overlap.ui@example.jp' }];
    const content = await boardInquiry(`OVL-UI-${drafter}`, targets, facts);
    return issue(await ui.hub.client(drafter), await ui.hub.client(head), content);
  };
  const mine = await issuedBy('sato', 'tanaka', '東京の事実');
  await issuedBy('osaka', 'osaka.head', '大阪の秘密の事実');

  const { context, page } = await ui.signedIn('tanaka');
  const notices = page.locator('#overlap-notices');
  // The panel shows itself while it loads: wait for the notice, not just the panel.
  await notices.getByText('大阪府警察').first().waitFor();
  const text = await notices.innerText();
  assert.match(text, /大阪府警察/);
  assert.match(text, new RegExp(mine.reference));
  assert.equal(text.includes('大阪の秘密の事実'), false);
  assert.equal(text.includes('overlap.ui'), false);
  await shot(page, '41-overlap-notices-ja');
  await assertAccessible(page, 'home with overlap notices');
  // In English the columns are narrower: the request's number still reads as one, on one line.
  await page.getByRole('button', { name: 'English' }).click();
  const own = notices.getByRole('link', { name: mine.reference });
  await notices.getByText('Osaka Prefectural Police').first().waitFor();
  const lines = await own.evaluate((el) => {
    const range = el.ownerDocument.createRange();
    range.selectNodeContents(el);
    return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
  });
  assert.equal(lines, 1, `${mine.reference} is written on one line`);
  await context.close();

  // Osaka's unit head reads whom to call: the Tokyo unit's number as dialled at home, E.164 beside it.
  const osaka = await ui.signedIn('osaka.head');
  const theirs = osaka.page.locator('#overlap-notices');
  await theirs.getByText('警視庁').first().waitFor();
  assert.match(await theirs.innerText(), /03-0000-0110（\+81300000110）/);
  await osaka.context.close();
});
