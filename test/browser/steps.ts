// Steps of a request's walk that several browser tests take in the same way, on the same screens: each
// clicks, fills and waits as a person does and leaves what the test checks about the result to the test.
import type { Locator, Page } from 'playwright-core';
import { requestIdOf, type UiHub } from './support.ts';

const CONFIRM = '上記の内容を確認し、照会の必要性を認めます';
/** A civil disclosure's lawyer signs as counsel: no 決裁, no 照会の必要性. */
const CIVIL_CONFIRM = '上記の内容を確認し、請求者の代理人としてこの開示請求を行います';

/** On a request's page: withdraws it for `reason`, through the confirm step, and waits until it is withdrawn. */
export async function withdrawOnPage(page: Page, reason: string): Promise<void> {
  await page.getByLabel('取下げの理由').fill(reason);
  await page.getByRole('button', { name: '照会を取り下げる' }).click();
  await page.getByRole('button', { name: '確定：照会を取り下げる' }).click();
  await page.locator('.badge.state-withdrawn').waitFor();
}

/** On a draft's page: submits it for the unit head's approval and waits until it awaits it. */
export async function submitForApproval(page: Page): Promise<void> {
  await page.getByRole('button', { name: '決裁に回す' }).click();
  await page.locator('.badge.state-awaiting_approval').waitFor();
}

/**
 * On the approval page of `requestId`: the unit head confirms and signs with his passkey, and is taken
 * back to that request, received or issued.
 */
export async function approveOnPage(page: Page, requestId: string): Promise<void> {
  await page.getByLabel(CONFIRM).check();
  await page.getByRole('button', { name: '署名して発出する' }).click();
  await page.waitForURL(`**/requests/${requestId}`);
  await page.locator('.badge.state-received, .badge.state-issued').first().waitFor();
}

/**
 * On a civil request's signing page: the lawyer confirms and signs with their passkey; the request is
 * received by the provider. Returns its id.
 */
export async function signAndSend(page: Page): Promise<string> {
  await page.getByLabel(CIVIL_CONFIRM).check();
  await page.getByRole('button', { name: '署名して請求する' }).click();
  await page.locator('.badge.state-received').waitFor();
  return requestIdOf(page);
}

/** Opens the answer to `requestId` on this (enrolled) browser; returns it once it shows. */
export async function openAnswer(page: Page, hub: UiHub, requestId: string): Promise<Locator> {
  await page.goto(`${hub.url}/requests/${requestId}`);
  await page.locator('.badge.state-answered').waitFor();
  await page.getByRole('button', { name: /回答を開封して読む/ }).click();
  const view = page.locator('[data-testid="answer-view"]');
  await view.waitFor();
  return view;
}

/**
 * Tries to open the answer to `requestId` on this browser: `opened` where the answer shows, `refused`
 * where the page says this device holds no key for it.
 */
export async function tryOpenAnswer(page: Page, hub: UiHub, requestId: string): Promise<'opened' | 'refused'> {
  await page.goto(`${hub.url}/requests/${requestId}`);
  await page.locator('.badge.state-answered').waitFor();
  await page.getByRole('button', { name: /回答を開封して読む/ }).click();
  const view = page.locator('[data-testid="answer-view"], [data-testid="answer-no-device"]').first();
  await view.waitFor();
  return (await view.getAttribute('data-testid')) === 'answer-view' ? 'opened' : 'refused';
}

/** On the devices page: the fingerprint of the unit's current answer key. */
export async function answerKeyShown(page: Page): Promise<string> {
  return page.locator('[data-testid="custody-key"] code').innerText();
}

/** In the opened answer: "draft the next request" on the access record `record`; returns the proposal. */
export async function proposeNext(page: Page, record: { address: string; port: number }): Promise<Locator> {
  await page.getByRole('button', { name: `${record.address}:${record.port} について次の照会を起案` }).click();
  const proposal = page.locator('[data-testid="next-proposal"]');
  await proposal.waitFor();
  return proposal;
}

/**
 * Drafts the request the proposal describes, checks the draft names the request it follows (`from`),
 * and submits it for approval. Returns the new request's id.
 */
export async function draftFromProposal(
  page: Page,
  proposal: Locator,
  from: { id: string; reference: string },
): Promise<string> {
  await proposal.getByRole('button', { name: 'この内容で起案する' }).click();
  await page.waitForURL((u) => /\/requests\/[^/]+$/.test(u.pathname) && !u.pathname.endsWith(from.id));
  await page.locator('.badge.state-draft').waitFor();
  const id = requestIdOf(page);
  await page.locator('[data-testid="chain-follows"]').getByText(from.reference).waitFor();
  await submitForApproval(page);
  return id;
}

/**
 * On a civil request at the provider: starts the review and sends the hearing letter to the subscriber.
 * Returns the letter, and the link and one-time code it gives the subscriber, once the request awaits
 * their opinion.
 */
export async function sendHearingLetter(
  page: Page,
  subscriber: { name: string; address?: string },
): Promise<{ letter: Locator; link: string; code: string }> {
  await page.getByRole('button', { name: '審査を開始' }).click();
  await page.locator('.badge.state-under_review').waitFor();
  await page.locator('input[name="subscriberName"]').fill(subscriber.name);
  if (subscriber.address) await page.locator('input[name="subscriberAddress"]').fill(subscriber.address);
  await page.getByRole('button', { name: '意見照会書を作成して送付する' }).click();
  const letter = page.locator('[data-testid="hearing-letter"]');
  await letter.waitFor();
  const link = (await page.locator('[data-testid="hearing-link"]').innerText()).trim();
  const code = (await page.locator('[data-testid="hearing-code"]').innerText()).trim();
  await page.locator('.badge.state-awaiting_opinion').waitFor();
  return { letter, link, code };
}

/** The provider reloads the request page; returns the hearing's status panel once it shows. */
export async function reloadedHearingStatus(page: Page): Promise<Locator> {
  await page.reload();
  const status = page.locator('[data-testid="hearing-status"]');
  await status.waitFor();
  return status;
}

/** In the request editor: the request to `provider`, for the case, its offence, facts and necessity. */
export async function fillInquiryCase(
  page: Page,
  i: { provider: string; caseReference: string; offence: string; facts: string; necessity: string },
): Promise<void> {
  await page.getByLabel('照会先の事業者 *').selectOption({ label: i.provider });
  await page.locator('input[name="caseReference"]').fill(i.caseReference);
  await page.locator('input[name="offence"]').fill(i.offence);
  await page.locator('textarea[name="facts"]').fill(i.facts);
  await page.locator('textarea[name="necessity"]').fill(i.necessity);
}

/**
 * In the request editor: an inquiry to `provider` for the case, its offence, facts and necessity, and its
 * targets pasted as a list (one a line) and added. The categories and the rest are the caller's.
 */
export async function fillInquiry(
  page: Page,
  i: { provider: string; caseReference: string; offence: string; facts: string; necessity: string; targets: string },
): Promise<void> {
  await fillInquiryCase(page, i);
  await page.getByText('一覧から貼り付けて複数追加').click();
  await page.locator('textarea[name="paste"]').fill(i.targets);
  await page.getByRole('button', { name: '一覧を追加' }).click();
}

/**
 * In the civil disclosure form: a claim against `provider` over one post for the right of honour, asking
 * for the sender's name and address. The route, the purpose and what follows are the caller's.
 */
export async function fillCivilClaim(
  page: Page,
  c: {
    provider: string;
    caseReference: string;
    claimant: string;
    post: string;
    facts: string;
    rightsInfringed: string;
    necessity: string;
  },
): Promise<void> {
  await page.locator('select[name="provider"]').selectOption({ label: c.provider });
  await page.locator('input[name="caseReference"]').fill(c.caseReference);
  await page.locator('input[name="claimant"]').fill(c.claimant);
  await page.locator('textarea[name="posts"]').fill(c.post);
  await page.locator('textarea[name="facts"]').fill(c.facts);
  await page.getByLabel('名誉権').check();
  await page.locator('textarea[name="rightsInfringed"]').fill(c.rightsInfringed);
  await page.locator('textarea[name="necessity"]').fill(c.necessity);
  await page.getByLabel(/発信者その他侵害情報の送信に係る者の氏名又は名称/).check();
  await page.getByLabel(/発信者等の住所/).check();
}

/**
 * On an organisation's people page: grants `role` to `person` (as the form's lists name them) through the
 * form for people already registered; returns the form's status once it shows.
 */
export async function grantRoleOnPage(page: Page, person: string, role: string): Promise<Locator> {
  const form = page.getByRole('form', { name: '登録済みの人に役割を付与' });
  await form.getByLabel('付与する人').selectOption({ label: person });
  await form.getByLabel('役割').selectOption({ label: role });
  await form.getByRole('button', { name: '登録済みの人に役割を付与' }).click();
  const status = form.getByRole('status');
  await status.waitFor();
  return status;
}

/**
 * On a disclosure-order application's page, as its judge: records that the provider was heard in writing at
 * `wallTime` (Japan's wall time, as the instant fields take it) with `note`, signed with his passkey (the
 * page's virtual authenticator), and waits until the page shows it.
 */
export async function providerHeardOnPage(page: Page, wallTime: string, note: string): Promise<void> {
  const form = page.getByRole('form', { name: '陳述聴取を記録する（パスキーで署名）' });
  await form.locator('select').first().selectOption({ label: '相手方（事業者）' });
  await form
    .locator('fieldset.instant')
    .filter({ hasText: '陳述を聴いた日時' })
    .locator('input.wall-time')
    .fill(wallTime);
  await form.getByLabel('要旨').fill(note);
  await form.getByRole('button', { name: '陳述聴取を記録する（パスキーで署名）' }).click();
  await page.locator('[data-testid="order-hearing"]').filter({ hasText: note }).waitFor();
}
