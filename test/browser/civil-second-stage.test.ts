// The second stage of a civil disclosure in a real browser: to an access provider (the ISP) the lawyer's
// form asks for the connection the content provider disclosed — IP address, source port, the time of
// sending in a zone — and refuses a request naming only the post; from the content provider's answer the
// lawyer drafts the request to the ISP with the disclosed connection carried as it was, linked to the answer.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { orgId } from '../support/exchange.ts';
import { answer, civilDisclosure, courtOrderRoute, issue, subscriberFound } from '../support/flow.ts';
import type { RequestDetail } from '../support/replies.ts';
import { fillCivilClaim, openAnswer, signAndSend } from './steps.ts';
import { assertAccessible, enrolBrowser, jsErrors, jstWallTime, shot, signIn, uiHubHooks } from './support.ts';

const ui = uiHubHooks();
// The first stage is issued through the API before the browser signs: the passkey's counter goes one way.
const ISP = '日本ネットワーク通信株式会社';

test("the second stage: from the first answer's connection, and to an ISP never without one", async () => {
  const [board, isp, court] = await Promise.all(
    ['Sakura Board K.K.', 'Nihon Network Communications K.K.', 'Tokyo District Court'].map((n) => orgId(ui.hub, n)),
  );
  const lawyer = await ui.hub.client('lawyer');
  const orderedAt = new Date(Date.now() - 2 * 86400_000).toISOString().replace('Z', '+00:00');
  const first = await issue(
    lawyer,
    lawyer,
    civilDisclosure(
      board as string,
      '7802',
      courtOrderRoute(court as string, { caseNumber: '令和8年(発チ)第10278号', orderedAt }),
    ),
  );
  const at = '2026-11-20T10:00:00+09:00';
  await answer(await ui.hub.client('board.legal'), first.id, [
    {
      ...subscriberFound({ email: 'poster@mail.example' }),
      accessLog: [{ at, address: '203.0.113.79', port: 50779, action: 'post' }],
    },
  ]);

  const law = await ui.deskWithPasskey('lawyer');
  await signIn(law.page, ui.hub, 'lawyer');
  await enrolBrowser(law.page, ui.hub, 'lawyer');
  await openAnswer(law.page, ui.hub, first.id);
  await law.page.getByRole('button', { name: '203.0.113.79:50779 について経由プロバイダへの開示請求を作成' }).click();
  await law.page
    .locator('[data-testid="civil-next"]')
    .getByRole('link', { name: '経由プロバイダへの開示請求を作成' })
    .click();
  await law.page.locator('[data-testid="civil-follows"]').getByText(first.reference).waitFor();
  // The claim is carried over; the connection is the one disclosed.
  assert.equal(await law.page.locator('input[name="claimant"]').inputValue(), '甲野 花子');
  await law.page.locator('select[name="provider"]').selectOption({ label: ISP });
  const connections = law.page.locator('[data-testid="civil-connections"]');
  assert.equal(await connections.getByLabel('IPアドレス *').inputValue(), '203.0.113.79');
  assert.equal(await connections.getByLabel('ポート番号').inputValue(), '50779');
  await law.page.getByRole('button', { name: '作成して署名に進む' }).click();
  await law.page.locator('[data-testid="canonical"]').waitFor();
  const id = await signAndSend(law.page);

  const mine = await lawyer.call<RequestDetail>('GET', `/v1/requests/${id}`);
  assert.deepEqual(
    mine.body.chain.follows.map((h) => h.requestId),
    [first.id],
    'linked to the answer',
  );
  const seen = await (await ui.hub.client('isp.legal')).call<RequestDetail>('GET', `/v1/requests/${id}`);
  assert.equal(seen.body.provider?.id, isp);
  const ip = seen.body.content?.targets.find((t) => t.type === 'ip');
  assert.ok(ip && ip.type === 'ip', JSON.stringify(seen.body.content?.targets));
  assert.deepEqual([ip.address, ip.port, Date.parse(ip.at)], ['203.0.113.79', 50779, Date.parse(at)]);

  // ---- A new request to the ISP, written by hand: the form asks for the connection. ----
  await law.page.goto(`${ui.hub.url}/civil/new`);
  await law.page.getByRole('heading', { name: '発信者情報開示請求の作成' }).waitFor();
  await fillCivilClaim(law.page, {
    provider: ISP,
    caseReference: '当事務所 2026-民-078 鈴木花子',
    claimant: '鈴木 花子',
    post: 'https://sakura-board.example/thread/7801#res-4',
    facts: '掲示板の開示により、投稿の送信に用いられた通信が判明した。',
    rightsInfringed: '虚偽の事実の摘示により社会的評価が低下した。',
    necessity: '発信者に損害賠償を請求するため、氏名と住所が必要である。',
  });
  await law.page.getByLabel('損害賠償請求権の行使').check();
  const rows = law.page.locator('[data-testid="civil-connections"]');
  await rows.waitFor();
  await law.page.getByText(/経由プロバイダへの請求です/).waitFor();

  // Only the post: the access provider could look nothing up — refused, nothing stored.
  await law.page.getByRole('button', { name: '作成して署名に進む' }).click();
  await law.page.getByText(/経由プロバイダ（日本ネットワーク通信株式会社）への発信者情報開示請求には/).waitFor();
  assert.match(new URL(law.page.url()).pathname, /\/civil\/new$/);

  // The connection: address, port and the time of sending in the form's zone (Asia/Tokyo).
  const sent = Date.now() - 86400_000;
  await rows.getByLabel('IPアドレス *').fill('203.0.113.78');
  await rows.getByLabel('ポート番号').fill('50778');
  await rows.locator('input.wall-time').fill(jstWallTime(sent).replace('T', ' '));
  await shot(law.page, '64-civil-access-provider-form-ja');
  await assertAccessible(law.page, 'civil form to an access provider');
  await law.page.getByRole('button', { name: '作成して署名に進む' }).click();
  await law.page.locator('[data-testid="canonical"]').waitFor();
  assert.match(await law.page.locator('[data-testid="canonical"]').innerText(), /203\.0\.113\.78/);
  const typed = await signAndSend(law.page);

  // The ISP reads the connection to look up, as it reads a warrant's.
  const ispApi = await ui.hub.api('isp.legal');
  const seen2 = await ispApi<RequestDetail>('GET', `/v1/requests/${typed}`);
  assert.equal(seen2.status, 200, JSON.stringify(seen2.body));
  const ip2 = seen2.body.content?.targets.find((t) => t.type === 'ip');
  assert.ok(ip2 && ip2.type === 'ip', JSON.stringify(seen2.body.content?.targets));
  assert.equal(ip2.address, '203.0.113.78');
  assert.equal(ip2.port, 50778);
  assert.match(ip2.at, /\+09:00$/, 'the time with its offset');
  assert.equal(Math.floor(Date.parse(ip2.at) / 1000), Math.floor(sent / 1000));
  assert.deepEqual(jsErrors(law.page), []);
  await law.context.close();
});
