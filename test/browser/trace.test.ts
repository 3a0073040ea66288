// From the board's answer to an approved request at the right holder without typing the address, port
// or time: the investigator opens the answer, takes "draft the next request" on its access record,
// adds the court's warrant (a carrier's access logs need one), submits; the unit head signs; the case
// page shows the chain from the post to the carrier.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SYSTEM_CALLER } from '../../src/domain/access.ts';
import { importRegistry } from '../../src/evidence/registry/registry-service.ts';
import { run } from '../../src/kernel/unit-of-work.ts';
import { orgId } from '../support/exchange.ts';
import { draft, inquiry, THREAT_POST_TARGET } from '../support/flow.ts';
import type { RequestDetail, WarrantAttestation } from '../support/replies.ts';
import { boardAnswerToTrace } from './arrange.ts';
import { approveOnPage, draftFromProposal, openAnswer, proposeNext } from './steps.ts';
import { assertAccessible, jsErrors, jstWallTime, requestIdOf, shot, signIn, uiHubHooks } from './support.ts';

const ui = uiHubHooks();

const RECORD = { address: '203.0.113.45', port: 51234, at: '2026-11-30T23:42:17+09:00' };

test('board answer → draft-next → warrant → approved at the carrier; the case page shows the chain', async () => {
  const judge = await ui.hub.api('judge');
  const ispId = await orgId(ui.hub, 'Nihon Network Communications K.K.');
  const courtId = await orgId(ui.hub, 'Tokyo District Court');
  const mpdId = await orgId(ui.hub, 'Tokyo Metropolitan Police Department');
  // Arranged through the API: the case, the inquiry to the board, approved, answered. Answers open on
  // the member's own device: the investigator's browser is enrolled (the unit head wraps the key).
  const { people, boardRequest, inv } = await boardAnswerToTrace(ui, {
    reference: 'TRACE-UI',
    target: THREAT_POST_TARGET,
    record: RECORD,
  });
  const sato = people.drafter;

  // The unit head's own device: the passkey he registered, in Chromium's virtual authenticator.
  const head = await ui.deskWithPasskey('tanaka');
  try {
    await openAnswer(inv.page, ui.hub, boardRequest.id);
    // The board's record says what was done as a code (`post`): the investigator reads it in words.
    // The action in the record's row reads on one line, beside the actions panel of a laptop screen.
    const next = inv.page.getByRole('button', { name: `${RECORD.address}:${RECORD.port} について次の照会を起案` });
    const lines = await next.evaluate((el) => {
      const range = el.ownerDocument.createRange();
      range.selectNodeContents(el);
      return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
    });
    assert.equal(lines, 1, '次の照会を起案 is written on one line');
    const cells = await inv.page.locator('[data-testid="answer-view"] table.log td').allInnerTexts();
    assert.ok(cells.includes('投稿') && !cells.includes('post'), cells.join(' | '));
    const proposal = await proposeNext(inv.page, RECORD);
    assert.equal(await proposal.locator('[data-testid="next-holder"]').innerText(), '日本ネットワーク通信株式会社');
    assert.match(await proposal.locator('[data-testid="next-kind"]').innerText(), /令状/);
    assert.match(await proposal.innerText(), /203\.0\.113\.45:51234/);
    await shot(inv.page, 'trace-01-proposal-ja');
    await assertAccessible(inv.page, 'draft-next proposal');

    // The court's warrant: the investigator enters what the court issued (not the address, port or time).
    await proposal.getByLabel('発付裁判所 *').selectOption(courtId);
    await proposal.getByLabel('令状番号').fill('UI-W-1');
    const issued = proposal.locator('fieldset.instant').filter({ hasText: '発付日時' });
    const until = proposal.locator('fieldset.instant').filter({ hasText: '有効期間の末日' });
    const now = Date.now();
    // Issued now: the judge's passkey (registered when the demo was seeded) is valid from before then.
    await issued.locator('input.wall-time').fill(jstWallTime(now));
    await until.locator('input.wall-time').fill(jstWallTime(now + 7 * 86400_000));
    const sent = async (f: typeof issued) => ((await f.locator('output.iso').innerText()).split(': ')[1] ?? '').trim();
    const issuedAt = await sent(issued);
    const validUntil = await sent(until);
    assert.match(issuedAt, /\+09:00$/);
    const attestation = {
      agencyOrganisationId: mpdId,
      providerOrganisationId: ispId,
      warrantNumber: 'UI-W-1',
      type: 'seizure',
      issuedAt,
      validUntil,
      targets: [{ type: 'ip', ...RECORD, toleranceSeconds: 0 }],
      categories: ['subscriber', 'access_log'],
    };
    const preview = await judge<{ digest: string }>('POST', '/v1/warrants/attestation-preview', attestation);
    assert.equal(preview.status, 200, JSON.stringify(preview.body));
    const att = await judge<WarrantAttestation>('POST', '/v1/warrants/attest', {
      ...attestation,
      ...ui.hub.signed('judge', preview.body.digest),
    });
    assert.equal(att.status, 200, JSON.stringify(att.body));
    await proposal.getByLabel('裁判所の鍵ID').fill(att.body.keyId);
    await proposal.getByLabel('裁判所の電子署名').fill(att.body.signature);
    const warrantId = await draftFromProposal(inv.page, proposal, boardRequest);

    // The unit head signs as usual.
    await signIn(head.page, ui.hub, 'tanaka', `/requests/${warrantId}/approve`);
    await approveOnPage(head.page, warrantId);

    const issuedReq = await sato.call<RequestDetail>('GET', `/v1/requests/${warrantId}`);
    assert.equal(issuedReq.body.kind, 'warrant');
    assert.equal(issuedReq.body.provider?.id, ispId, 'the right holder');
    assert.deepEqual(issuedReq.body.content?.targets, [{ type: 'ip', ...RECORD, toleranceSeconds: 0 }]);

    // The case page shows the chain: the post, the board's inquiry, the address it revealed, the warrant.
    await inv.page.goto(`${ui.hub.url}/cases/${boardRequest.caseId}`);
    const trace = inv.page.locator('[data-testid="case-trace"]');
    await trace.waitFor();
    const text = await trace.innerText();
    assert.match(text, new RegExp(boardRequest.reference));
    assert.match(text, new RegExp(issuedReq.body.reference));
    assert.match(text, /回答で判明/);
    assert.match(text, /203\.0\.113\.45/);
    assert.equal(await trace.locator('[data-testid="trace-hop"]').count(), 2);
    // How long the server took to build it is for the benchmark (the API's builtInMs), not the investigator.
    assert.doesNotMatch(text, /ミリ秒/);
    await shot(inv.page, 'trace-02-case-chain-ja');
    await assertAccessible(inv.page, 'case trace');
    assert.deepEqual(jsErrors(inv.page), []);
    assert.deepEqual(jsErrors(head.page), []);
  } finally {
    await inv.context.close();
    await head.context.close();
  }
});

test('an analysed e-mail relayed abroad → draft-next in the case → an MLAT draft', async () => {
  await run(ui.hub.ctx, importRegistry, SYSTEM_CALLER, {
    files: [
      {
        name: 'delegated-arin-test.txt',
        content: new TextEncoder().encode(
          '2|arin|20261124|1|19700101|20261124|-0500\narin|*|ipv4|*|1|summary\n' +
            'arin|US|ipv4|23.0.0.0|65536|20100101|allocated\n',
        ),
      },
    ],
  });
  const sato = await ui.hub.client('sato');
  const c = await sato.call<{ id: string }>('POST', '/v1/cases', { reference: 'TRACE-MAIL', title: '脅迫メール' });
  const targets = [{ type: 'email', address: 'anon@example-us.test' }];
  const content = inquiry(await orgId(ui.hub, 'Sakura Board K.K.'), {
    caseReference: 'TRACE-MAIL',
    facts: '脅迫メールが届いた',
    necessity: '発信者を特定するため',
    targets,
  });
  await draft(sato, content, c.body.id);
  const inv = await ui.desk();
  try {
    await signIn(inv.page, ui.hub, 'sato', '/evidence/mail');
    await inv.page
      .getByLabel('メール（ヘッダを含む全文）')
      .fill(
        [
          'Received: from relay.example-us.test (relay.example-us.test [23.0.0.10])',
          '\tby mx.example.jp (Postfix) with ESMTPS id 4AbCdE',
          '\tfor <victim@example.jp>; Mon, 30 Nov 2026 23:50:03 +0900 (JST)',
          'From: anon <anon@example-us.test>',
          'Date: Mon, 30 Nov 2026 14:50:01 +0000',
          '',
          'body',
        ].join('\n'),
      );
    await inv.page.getByRole('button', { name: '解析する' }).click();
    assert.equal(await inv.page.locator('[data-testid="mail-origin"]').textContent(), '23.0.0.10');
    const next = inv.page.locator('[data-testid="mail-next"]');
    await next.getByLabel('事件').selectOption(c.body.id);
    await next.getByRole('button', { name: '次の照会を起案' }).click();
    const proposal = next.locator('[data-testid="next-proposal"]');
    await proposal.waitFor();
    assert.match(await proposal.locator('[data-testid="next-kind"]').innerText(), /国際捜査共助/);
    assert.match(await proposal.innerText(), /保全/);
    await shot(inv.page, 'trace-03-mail-mlat-ja');
    await assertAccessible(inv.page, 'mail draft-next');
    await proposal.getByRole('button', { name: 'この内容で起案する' }).click();
    await inv.page.locator('.badge.state-draft').waitFor();
    const mlat = await sato.call<RequestDetail>('GET', `/v1/requests/${requestIdOf(inv.page)}`);
    assert.equal(mlat.body.kind, 'mlat');
    assert.equal(mlat.body.chain.follows[0]?.source, 'mail');
    assert.deepEqual(jsErrors(inv.page), []);
  } finally {
    await inv.context.close();
  }
});
