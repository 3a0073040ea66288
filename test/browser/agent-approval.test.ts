// The last steps of the chain in browsers: the carrier's own installation has pulled an attested warrant
// over pinned TLS and prepared it from its CGNAT and RADIUS logs; its legal officer signs in to the
// installation's review pages (Japanese by default), reads the verdict and the records it rests on, and
// approves; the answer — signed with the installation key, sealed — goes back; the investigator opens
// the subscriber in the hub's web interface, in his own browser. A log excerpt the officer attached in the
// pages goes with the answer, sealed by the installation; the investigator's browser opens it.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { addReviewer } from '../../src/agent/reviewers.ts';
import { sendAll } from '../../src/agent/runner.ts';
import { spkiPin } from '../../src/agent/transport.ts';
import { startAgentPages } from '../../src/agent/web.ts';
import { SYSTEM_CALLER } from '../../src/domain/access.ts';
import { run } from '../../src/kernel/unit-of-work.ts';
import { startServer } from '../../src/server/start.ts';
import { CARRIER_FACTS, installationKey, loadCarrierLogs, runtime, startAgent } from '../support/agent.ts';
import { orgIds, seizureWarrant } from '../support/exchange.ts';
import type { RequestDetail, WarrantAttestation } from '../support/replies.ts';
import { createTestCa } from '../support/tls.ts';
import { openAnswer } from './steps.ts';
import { assertAccessible, enrolBrowser, jsErrors, shot, uiHubHooks } from './support.ts';

const ui = uiHubHooks();
const EXCERPT = Buffer.from('time,address,port,inside\n2026-11-30T23:42:17+09:00,203.0.113.77,51234,cgn\n');
const RECORD = { address: CARRIER_FACTS.publicAddress, port: 51234, at: '2026-11-30T23:42:17+09:00' };

const legalOfficerApprovesTitle =
  "the carrier's legal officer approves in the installation's pages; the investigator opens the subscriber";
test(legalOfficerApprovesTitle, async () => {
  const hub = ui.hub;
  const { isp: ispId, court: courtId, mpd: mpdId } = await orgIds(hub);

  // The hub's provider endpoint over TLS (a locally generated CA), and the carrier's installation.
  const ca = await createTestCa();
  const cert = await ca.issue('server', '127.0.0.1');
  const tls = await startServer(hub.ctx, { port: 0, host: '127.0.0.1', web: false, tls: cert });
  const agent = await startAgent({ ctx: hub.ctx, url: tls.url }, 'sqlite', 'Nihon Network Communications K.K.');
  let pages: Awaited<ReturnType<typeof startAgentPages>> | undefined;
  let link: ReturnType<typeof agent.link> | undefined;
  try {
    await loadCarrierLogs(agent.ctx, agent.dir);
    await agent.pin();
    const key = await installationKey(hub, agent);
    link = agent.link({ url: tls.url, pins: [spkiPin(cert.cert)], ca: ca.cert, allowLoopbackHttp: false });
    const rt = runtime(agent, key.signer, link);
    const { code } = await run(agent.ctx, addReviewer, SYSTEM_CALLER, '法務 山口');
    const online = link;
    pages = await startAgentPages(rt, {
      host: '127.0.0.1',
      port: 0,
      kick: async () => {
        await sendAll(rt, online);
        return null;
      },
    });

    // The agency's side, arranged through the API: an attested warrant to the carrier, approved.
    const sato = await hub.api('sato');
    const tanaka = await hub.api('tanaka');
    const judge = await hub.api('judge');
    const c = await sato<{ id: string }>('POST', '/v1/cases', { reference: 'AGENT-UI', title: '掲示板の脅迫' });
    const w = seizureWarrant(new Date(), 'AGENT-UI-1');
    const attestation = {
      agencyOrganisationId: mpdId,
      providerOrganisationId: ispId,
      ...w,
      targets: [{ type: 'ip', ...RECORD, toleranceSeconds: 0 }],
      categories: ['subscriber', 'access_log'],
    };
    const preview = await judge<{ digest: string }>('POST', '/v1/warrants/attestation-preview', attestation);
    const att = await judge<WarrantAttestation>('POST', '/v1/warrants/attest', {
      ...attestation,
      ...hub.signed('judge', preview.body.digest),
    });
    assert.equal(att.status, 200, JSON.stringify(att.body));
    const d = await sato<RequestDetail>('POST', '/v1/requests', {
      caseId: c.body.id,
      content: {
        kind: 'warrant',
        providerOrganisationId: ispId,
        caseReference: 'AGENT-UI',
        offence: '脅迫',
        facts: '掲示板に脅迫の書き込みがあった',
        necessity: '発信者を特定するため',
        targets: attestation.targets,
        categories: attestation.categories,
        warrant: {
          ...w,
          courtOrganisationId: courtId,
          attestation: { keyId: att.body.keyId, signature: att.body.signature },
        },
      },
    });
    assert.equal(d.status, 201, JSON.stringify(d.body));
    const id = d.body.id;
    await sato('POST', `/v1/requests/${id}/transitions`, { action: 'submit' });
    const sp = await tanaka<{ digest: string }>('GET', `/v1/requests/${id}/signing-preview`);
    const ap = await tanaka<RequestDetail>(
      'POST',
      `/v1/requests/${id}/transitions`,
      hub.approval('tanaka', sp.body.digest),
    );
    assert.equal(ap.body.state, 'received', JSON.stringify(ap.body));

    // The carrier's installation pulls, verifies against its pinned directory and prepares.
    const { cycle } = await import('../../src/agent/runner.ts');
    const s = await cycle(rt);
    assert.ok(s.pulled?.stored.includes(id));

    // ---- The carrier's legal officer on the hub: the installation took it, so it is answered there. ----
    const atHub = await ui.signedIn('isp.legal', `/requests/${id}`);
    try {
      const taken = atHub.page.getByTestId('installation-taken');
      await taken.waitFor();
      const said = await taken.innerText();
      assert.match(said, /この要請は、当社の自社設置（nihon-agent）が取り込みました/, 'named as its machine client');
      assert.match(said, /\d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2})? \+09:00/, 'when, with its offset');
      assert.match(said, /ハブの画面では回答も見送りもできません/);
      // Neither an answer form nor a decline: the installation answers it.
      assert.equal(await atHub.page.locator('#answer-form').count(), 0, 'no second answer form');
      assert.equal(await atHub.page.getByRole('heading', { name: /回答の作成/ }).count(), 0);
      const actions = atHub.page.locator('section.actions');
      assert.equal(await actions.getByRole('button', { name: /回答を拒否/ }).count(), 0);
      // The verification the hub shows names whose signature on the warrant it checked.
      const attested = atHub.page.locator('[data-check="warrant_attestation"]');
      await attested.locator('summary').click();
      assert.match(
        await attested.innerText(),
        /東京地方裁判所（裁判官 山本）の電子署名は有効です（令状番号 AGENT-UI-1）/,
      );
      await shot(atHub.page, 'agent-00-taken-at-hub');
      await assertAccessible(atHub.page, 'request taken by the installation, at the hub');
    } finally {
      await atHub.context.close();
    }

    // ---- The legal officer, in the installation's own pages. ----
    const officer = await ui.desk();
    await officer.page.goto(`${pages.url}/requests/${id}`);
    await officer.page.waitForURL(/\/login$/);
    await officer.page.getByLabel('アクセスコード').fill('wrong');
    await officer.page.getByRole('button', { name: 'サインイン' }).click();
    await officer.page.getByRole('alert').waitFor();
    await officer.page.getByLabel('アクセスコード').fill(code);
    await officer.page.getByRole('button', { name: 'サインイン' }).click();
    await officer.page
      .getByRole('link', { name: /AGENT-UI|MPD|警視庁|[A-Z0-9-]{6,}/ })
      .first()
      .waitFor();
    await officer.page.goto(`${pages.url}/requests/${id}`);
    const verdict = officer.page.locator('[data-verdict]');
    await verdict.waitFor();
    assert.equal(await verdict.getAttribute('data-verdict'), 'unique');
    assert.equal(await verdict.innerText(), '一意に特定');
    const body = await officer.page.locator('main').innerText();
    assert.match(body, new RegExp(CARRIER_FACTS.suzuki.name));
    assert.match(body, /cgn-pba\.log:1/);
    assert.match(body, /radius-detail:1/);
    await shot(officer.page, 'agent-01-review-ja');
    await assertAccessible(officer.page, 'agent review page');
    // The per-field edit form: a refused edit comes back with its message next to the field, nothing
    // stored; then the officer withholds the phone number (unchecks it) and saves.
    await officer.page.getByLabel('この対象についての補足').fill('x'.repeat(5001));
    await officer.page.getByRole('button', { name: '編集した回答案を保存' }).click();
    const noteError = officer.page.locator('#err-0-note');
    await noteError.waitFor();
    assert.match(await noteError.innerText(), /^5000 文字以内で入力してください/);
    assert.equal(
      await officer.page.getByLabel('この対象についての補足').getAttribute('aria-describedby'),
      'err-0-note',
    );
    assert.equal(await officer.page.getByLabel('この対象についての補足').inputValue(), '');
    await assertAccessible(officer.page, 'agent edit form with an error');
    const phoneBox = officer.page.getByRole('checkbox', { name: /^電話番号: / });
    const phone = (
      (await phoneBox.getAttribute('aria-label')) ??
      (await officer.page.locator('label', { has: phoneBox }).innerText())
    )
      .replace(/^\s*電話番号: /, '')
      .trim();
    assert.ok(phone.length > 3, 'the phone number is shown next to its box');
    assert.match(await officer.page.locator('[data-testid="draft"]').innerText(), new RegExp(phone));
    await phoneBox.uncheck();
    await officer.page.getByRole('button', { name: '編集した回答案を保存' }).click();
    await officer.page.waitForURL(new RegExp(`/requests/${id}$`));
    await officer.page.getByRole('checkbox', { name: /^氏名/ }).waitFor();
    assert.doesNotMatch(await officer.page.locator('[data-testid="draft"]').innerText(), new RegExp(phone));
    assert.equal(await officer.page.getByRole('checkbox', { name: /^電話番号/ }).count(), 0);
    await shot(officer.page, 'agent-01b-edited-ja');
    // A file for the answer: a type not taken is refused next to the file control; a log excerpt is added.
    await officer.page.getByLabel('添付するファイル').setInputFiles({
      name: 'logs.zip',
      mimeType: 'application/zip',
      buffer: Buffer.from('PK\x03\x04 not a type the exchange takes'),
    });
    await officer.page.getByRole('button', { name: 'ファイルを添付する' }).click();
    const fileError = officer.page.locator('#err-file');
    await fileError.waitFor();
    assert.match(await fileError.innerText(), /application\/zip.*添付できません/);
    assert.equal(await officer.page.getByLabel('添付するファイル').getAttribute('aria-describedby'), 'err-file');
    await assertAccessible(officer.page, 'agent answer files with a refusal');
    await officer.page
      .getByLabel('添付するファイル')
      .setInputFiles({ name: 'nat-excerpt.csv', mimeType: 'text/csv', buffer: EXCERPT });
    await officer.page.getByRole('button', { name: 'ファイルを添付する' }).click();
    await officer.page.waitForURL(new RegExp(`/requests/${id}$`));
    await officer.page.locator('[data-testid="files"]').getByText('nat-excerpt.csv').waitFor();
    await shot(officer.page, 'agent-01c-file-ja');
    await officer.page.goto(`${pages.url}/requests/${id}?lang=en`);
    await officer.page.getByRole('checkbox', { name: /^Name: / }).waitFor();
    assert.equal(await officer.page.locator('[data-verdict]').innerText(), 'Unique');
    await shot(officer.page, 'agent-02-review-en');
    // The request itself is on the page before the answer: who asks, the check made here, the facts.
    await officer.page
      .locator('#verified')
      .getByText(/Verified by this installation/)
      .waitFor();
    assert.ok((await officer.page.locator('#agency').innerText()).trim().length > 0);
    // Approval signs only once the reviewer ticks that they read the request and checked the answer.
    await officer.page.getByRole('checkbox', { name: /I have read the request/ }).check();
    await officer.page.getByRole('button', { name: /Approve this answer/ }).click();
    await officer.page.locator('#state').filter({ hasText: 'Sent' }).waitFor();
    assert.deepEqual(jsErrors(officer.page), []);
    // The status page: counts and refusals, no personal data (it is served without sign-in).
    const status = await ui.desk();
    await status.page.goto(`${pages.url}/status`);
    const statusText = await status.page.locator('main').innerText();
    assert.match(statusText, /送付済み\s+1/);
    assert.doesNotMatch(statusText, new RegExp(`${CARRIER_FACTS.suzuki.name}|${CARRIER_FACTS.suzuki.account}`));
    await assertAccessible(status.page, 'agent status page');

    // ---- The investigator, in the hub's web interface, opens the subscriber. ----
    const inv = await ui.signedIn('sato');
    await enrolBrowser(inv.page, hub, 'tanaka');
    const text = await (await openAnswer(inv.page, hub, id)).innerText();
    assert.match(text, new RegExp(CARRIER_FACTS.suzuki.name));
    assert.match(text, /事業者の署名は有効です/);
    assert.doesNotMatch(text, new RegExp(phone), 'the withheld phone number is not in the answer');
    await shot(inv.page, 'agent-03-investigator-opens-ja');
    // The file, opened on his enrolled browser and checked against the SHA-256 the carrier signed.
    const open = inv.page.locator('#attachments').getByRole('button', { name: 'nat-excerpt.csv' });
    await open.waitFor();
    const [download] = await Promise.all([inv.page.waitForEvent('download'), open.click()]);
    const saved = join(mkdtempSync(join(tmpdir(), 'shokai-agent-file-')), 'excerpt.csv');
    await download.saveAs(saved);
    assert.deepEqual(readFileSync(saved), EXCERPT);
    assert.deepEqual(jsErrors(inv.page), []);
  } finally {
    await pages?.close();
    link?.close();
    await agent.close();
    await tls.close();
  }
});
