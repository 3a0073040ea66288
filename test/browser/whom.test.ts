// The "whom to ask" screen in a browser: reached from the navigation, a pasted answer line fills the
// address, port and instant, and the answer names the carrier that declared the address and why.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { claimAttributionData } from '../../src/attribution/attribution-service.ts';
import { ingestFiles } from '../../src/attribution/ingest.ts';
import { attributionRepository } from '../../src/attribution/store/repositories.ts';
import { SYSTEM_CALLER } from '../../src/domain/access.ts';
import { importDomainRegistrations } from '../../src/evidence/domains/domain-service.ts';
import { run } from '../../src/kernel/unit-of-work.ts';
import { fixture } from '../attribution/helpers.ts';
import { loadDirectoryFixtures, SOURCES } from '../attribution/setup.ts';
import { fixturePath } from '../evidence/helpers.ts';
import { startDnsStub } from '../support/dns-stub.ts';
import { orgId } from '../support/exchange.ts';
import { assertAccessible, jsErrors, onDesk, shot, signIn, uiHubHooks } from './support.ts';

const ui = uiHubHooks();

test('an investigator pastes an answer line and is told which carrier to ask, in Japanese and English', async () => {
  await onDesk(ui.desk(), async (page) => {
    await signIn(page, ui.hub, 'sato');
    await page.getByRole('link', { name: '照会先の確認' }).click();
    await page.getByRole('heading', { level: 1, name: '照会先の確認（IP アドレス）' }).waitFor();
    await page.getByLabel('アドレス・ポート・日時の行').fill('203.0.113.45:51234 2026-11-30T23:42:17+09:00');
    await page.getByRole('button', { name: '読み込む' }).click();
    assert.equal(await page.locator('input[name="address"]').inputValue(), '203.0.113.45');
    assert.equal(await page.locator('input[name="port"]').inputValue(), '51234');
    await page.getByRole('button', { name: '照会先を調べる', exact: true }).click();
    await page.locator('[data-testid="whom-answer"]').waitFor();
    assert.equal(await page.locator('[data-testid="whom-verdict"]').textContent(), '国内');
    const holder = (await page.locator('[data-testid="whom-holder"]').textContent()) ?? '';
    assert.match(holder, /日本ネットワーク通信株式会社/);
    assert.match(holder, /203\.0\.113\.0\/24/);
    const reasons = (await page.locator('[data-testid="whom-reasons"]').textContent()) ?? '';
    assert.match(reasons, /届け出ています/);
    assert.doesNotMatch(reasons, /ポート番号がなければ/, 'the port was given');
    await assertAccessible(page, 'whom to ask');
    await shot(page, 'whom-ja');

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Whom to ask (IP address)' }).waitFor();
    assert.match((await page.locator('[data-testid="whom-summary"]').textContent()) ?? '', /Ask Nihon Network/);

    await page.locator('input[name="address"]').fill('203.0.113.999');
    await page.getByRole('button', { name: 'Find whom to ask', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'address' }).waitFor();
  });
});

const editorNamesHolderTitle =
  'the request editor names the holder of an address target and warns when the chosen carrier does not hold it';
test(editorNamesHolderTitle, async () => {
  await onDesk(ui.desk(), async (page) => {
    await signIn(page, ui.hub, 'sato', '/requests/new');
    await page.getByRole('heading', { name: '照会の起案' }).waitFor();
    await page.getByLabel('照会の種別').selectOption('warrant');
    await page.getByLabel('照会先の事業者 *').selectOption({ label: '日本ネットワーク通信株式会社 (電気通信事業者)' });
    await page.getByLabel('契約者情報').check();
    // The board's address given to the carrier: the row warns, the policy check refuses.
    await page.getByLabel('IPアドレス *').first().fill('198.51.100.7');
    const warning = page.locator('[data-testid="addressee-warning"]');
    await warning.waitFor();
    assert.match((await warning.textContent()) ?? '', /保有していません.*さくら掲示板株式会社/);
    const policy = page.locator('[data-testid="policy-result"]');
    await policy.getByText('このままでは次の理由で拒否されます').waitFor();
    assert.match(
      (await page.locator('[data-testid="policy-addressees"]').textContent()) ?? '',
      /照会先をさくら掲示板株式会社にしてください/,
    );
    await assertAccessible(page, 'request editor with an addressee warning');
    await shot(page, 'whom-editor-warning-ja');
    // The suggested holder, one click: the warning goes away.
    await page.getByRole('button', { name: 'さくら掲示板株式会社 を照会先にする' }).click();
    await warning.waitFor({ state: 'detached' });
    assert.equal(
      await page.getByLabel('照会先の事業者 *').locator('option:checked').textContent(),
      'さくら掲示板株式会社',
    );
    assert.equal(await page.locator('[data-testid="addressee-holder"]').textContent(), 'さくら掲示板株式会社');
  });
});

test("the carrier's operator looks up who held an address and port from its own logs", async () => {
  const ispId = await orgId(ui.hub, 'Nihon Network Communications K.K.');
  await run(ui.hub.ctx, claimAttributionData, SYSTEM_CALLER, ispId);
  const repo = attributionRepository(ui.hub.ctx.store);
  for (const s of SOURCES)
    await ingestFiles(repo, [fixture(s.file)], { format: s.format, ...(s.zone ? { zone: s.zone } : {}) });
  await loadDirectoryFixtures(ui.hub.ctx);
  await onDesk(ui.desk(), async (page) => {
    await signIn(page, ui.hub, 'isp.operator');
    await page.getByRole('link', { name: '利用者の特定（ログ）' }).click();
    await page.getByRole('heading', { level: 1, name: 'ログによる利用者の特定' }).waitFor();
    await page.locator('input[name="address"]').fill('203.0.113.7');
    await page.locator('input[name="port"]').fill('40211');
    await page.locator('input.wall-time').fill('2026-03-29T01:30:12');
    await page.getByRole('button', { name: '調べる' }).click();
    await page.locator('[data-testid="attr-result"]').waitFor();
    assert.equal(await page.locator('[data-testid="attr-verdict"]').textContent(), '一人に特定');
    const table = (await page.locator('[data-testid="attr-candidates"]').textContent()) ?? '';
    assert.match(table, /山田 花子/);
    assert.match(table, /\.log:\d+|\.txt:\d+|\.csv:\d+/);
    await assertAccessible(page, 'attribution lookup');
    await shot(page, 'attribution-lookup-ja');
  });
});

test('a site whose operator is unknown: registrar, registrant and hosting provider on the same screen', async () => {
  const name = 'rdap-domain-board.json';
  await run(ui.hub.ctx, importDomainRegistrations, SYSTEM_CALLER, {
    files: [{ name, content: readFileSync(fixturePath(name), 'utf8') }],
  });
  const dns = await startDnsStub({ 'www.sakura-board.example': ['198.51.100.21'] });
  const saved = process.env.SHOKAI_DNS_RESOLVER;
  process.env.SHOKAI_DNS_RESOLVER = dns.address;
  const { context, page } = await ui.desk();
  try {
    await signIn(page, ui.hub, 'sato', '/evidence/whom');
    await page.getByLabel('URL またはドメイン名 *').fill('https://www.sakura-board.example/thread/8812');
    await page.getByRole('button', { name: 'サイトの照会先を調べる' }).click();
    const summary = page.locator('[data-testid="whom-domain-summary"]');
    await summary.waitFor();
    assert.match(
      (await summary.textContent()) ?? '',
      /ホスティング事業者 さくら掲示板株式会社.*Example Registrar K\.K\./,
    );
    assert.match((await page.locator('[data-testid="whom-domain-hosting"]').textContent()) ?? '', /198\.51\.100\.21/);
    // the registry's dates in the viewer's zone with its offset, not as the file wrote them
    const main = (await page.locator('main').innerText()).replace(/\n/g, ' ');
    const shown = main.slice(main.indexOf('ドメイン登録情報'));
    assert.doesNotMatch(shown, /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
    assert.match(shown, /有効期限 令和9年（2027年）4月1日 09:00:00 \+09:00/);
    await assertAccessible(page, 'whom to ask about a site');
    await shot(page, 'whom-domain-ja');
    assert.deepEqual(jsErrors(page), []);
  } finally {
    if (saved === undefined) delete process.env.SHOKAI_DNS_RESOLVER;
    else process.env.SHOKAI_DNS_RESOLVER = saved;
    await dns.close();
    await context.close();
  }
});

test("an analysed e-mail's origin opens whom-to-ask with the address and the time filled in", async () => {
  const { context, page } = await ui.desk();
  try {
    await signIn(page, ui.hub, 'sato', '/evidence/mail');
    await page.getByLabel('メール（ヘッダを含む全文） *').fill(readFileSync(fixturePath('postfix.eml'), 'utf8'));
    await page.getByRole('button', { name: '解析する' }).click();
    const origin = (await page.locator('[data-testid="mail-origin"]').textContent()) ?? '';
    assert.match(origin, /^\d+\.\d+\.\d+\.\d+$/);
    await page.locator('[data-testid="mail-whom"]').click();
    await page.getByRole('heading', { level: 1, name: '照会先の確認（IP アドレス）' }).waitFor();
    assert.equal(await page.locator('input[name="address"]').inputValue(), origin);
    await page.getByText(/送信される値: 2026-11-25T10:15:30\+09:00/).waitFor();
    assert.deepEqual(jsErrors(page), []);
  } finally {
    await context.close();
  }
});

test('an origin behind an internal hop: the call-out beside it, and its port carried to whom-to-ask', async () => {
  await onDesk(ui.desk(), async (page) => {
    await signIn(page, ui.hub, 'sato', '/evidence/mail');
    const headers =
      'Received: from x (unknown [172.17.0.1]) by mx.recv.example.jp (Postfix) with ESMTP id A1; ' +
      'Wed, 25 Nov 2026 12:00:05 +0900\nReceived: from pc.example.jp ([126.33.10.200]:51514 helo=pc) ' +
      'by relay.example.jp with esmtp id B2; Wed, 25 Nov 2026 12:00:01 +0900\n' +
      'From: a@example.jp\nDate: Wed, 25 Nov 2026 12:00:00 +0900\n\nbody\n';
    await page.getByLabel('メール（ヘッダを含む全文） *').fill(headers);
    await page.getByRole('button', { name: '解析する' }).click();
    await page.locator('[data-testid="mail-origin"]').waitFor();
    assert.equal(await page.locator('[data-testid="mail-origin-port"]').textContent(), ' 送信元ポート 51514');
    assert.match(
      (await page.locator('[data-testid="mail-trust-internal"]').textContent()) ?? '',
      /^発信元を使う前に確認してください: .*172\.17\.0\.1/,
    );
    await page.locator('[data-testid="mail-whom"]').click();
    await page.getByRole('heading', { level: 1, name: '照会先の確認（IP アドレス）' }).waitFor();
    assert.equal(await page.locator('input[name="address"]').inputValue(), '126.33.10.200');
    assert.equal(await page.locator('input[name="port"]').inputValue(), '51514');
  });
});

const berlinBrowserTitle =
  'an English browser in Berlin: dates typed as the screen says, read in the viewer zone with its offset';
test(berlinBrowserTitle, async () => {
  // The browser's own locale is English; the screen is Japanese. A browser date picker would show
  // mm/dd/yyyy; the fields take year-month-day as text and say back what they read, in Japanese.
  await onDesk(
    ui.signedIn('sato', '/evidence/whom', {
      browserLocale: 'en-US',
      timezoneId: 'Europe/Berlin',
    }),
    async (page) => {
      const field = page.locator('fieldset.instant').first();
      const input = field.locator('input.wall-time');
      assert.equal(await input.getAttribute('type'), 'text');
      assert.equal(await input.getAttribute('placeholder'), '年-月-日 時:分:秒');
      // The viewer's zone, named with its offset, is the one chosen.
      const zone = field.getByLabel('タイムゾーン');
      assert.equal(await zone.inputValue(), 'Europe/Berlin');
      assert.match(await zone.locator('option:checked').innerText(), /^Europe\/Berlin \(UTC\+0[12]:00\)$/);
      assert.match(
        await field.locator('[data-testid="instant-reading"]').innerText(),
        /Europe\/Berlin（UTC\+0[12]:00）の時刻として読みます/,
      );
      // Half an hour before the clocks go forward there: +01:00, sent with the offset.
      await input.fill('2026-03-29 01:30:12');
      assert.equal(
        await field.locator('[data-testid="instant-reading"]').innerText(),
        'Europe/Berlin の時刻として読みました: 令和8年（2026年）3月29日 01:30:12 +01:00',
      );
      assert.equal(await field.locator('output.iso').innerText(), '送信される値: 2026-03-29T01:30:12+01:00');
      // A time the clocks skip there is said so, and nothing is sent.
      await input.fill('2026-03-29 02:30');
      assert.match(await field.locator('output.iso').innerText(), /夏時間/);
      await assertAccessible(page, 'instant input (en-US browser)');
      // The statistics' days: typed year-month-day, in Japan time as the periods are.
      await page.goto(`${ui.hub.url}/statistics`);
      const from = page.getByLabel('開始日（日本時間）');
      assert.equal(await from.getAttribute('type'), 'text');
      assert.match(await from.inputValue(), /^\d{4}-01-01$/);
      await from.fill('01/02/2026');
      await page.getByText('年-月-日（2026-03-29）の形で入力してください').waitFor();
      await from.fill('2026-01-02');
      assert.equal(await page.getByText('年-月-日（2026-03-29）の形で入力してください').count(), 0);
    },
  );
});
