// Answers that carry verdicts, in the investigator's browser: the carrier's installation prepares the
// findings from its own logs (the attribution engine), a person sends them; the investigator sees the
// unique one as the subscriber and the ambiguous one as such — its candidates under a warning, with
// what would make it unique, never as a subscriber and never offered as the next request's target.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ingestFiles } from '../../src/attribution/ingest.ts';
import { attributionRepository } from '../../src/attribution/store/repositories.ts';
import { SYSTEM_CALLER } from '../../src/domain/access.ts';
import { RequestContentSchema } from '../../src/domain/request-content.ts';
import { prepareFindings } from '../../src/holders/findings.ts';
import { run } from '../../src/kernel/unit-of-work.ts';
import { fixture } from '../attribution/helpers.ts';
import { loadDirectoryFixtures } from '../attribution/setup.ts';
import { orgId } from '../support/exchange.ts';
import type { RequestDetail } from '../support/replies.ts';
import { openAnswer } from './steps.ts';
import { assertAccessible, enrolBrowser, jsErrors, shot, signIn, uiHubHooks } from './support.ts';

const ui = uiHubHooks();

test('an ambiguous finding is shown as ambiguous, with its candidates and what would resolve it', async () => {
  const hub = ui.hub;
  const repo = attributionRepository(hub.ctx.store);
  await ingestFiles(repo, [fixture('juniper-pba.log')], { format: 'juniper-pba' });
  await ingestFiles(repo, [fixture('radius-detail.txt')], { format: 'radius-detail' });
  await loadDirectoryFixtures(hub.ctx);
  const ispId = await orgId(hub, 'Nihon Network Communications K.K.');

  const sato = await hub.api('sato');
  const tanaka = await hub.api('tanaka');
  const isp = await hub.api('isp.legal');
  const c = await sato<{ id: string }>('POST', '/v1/cases', { reference: 'FINDING-UI', title: '掲示板の脅迫' });
  const content = {
    kind: 'inquiry',
    providerOrganisationId: ispId,
    caseReference: 'FINDING-UI',
    offence: '脅迫',
    facts: '掲示板に脅迫の書き込みがあった',
    necessity: '発信者を特定するため',
    targets: [
      { type: 'ip', address: '203.0.113.7', port: 40211, at: '2026-03-29T01:30:12+09:00' },
      { type: 'ip', address: '203.0.113.7', at: '2026-03-29T01:30:12+09:00' },
    ],
    categories: ['subscriber'],
  };
  const d = await sato<RequestDetail>('POST', '/v1/requests', { caseId: c.body.id, content });
  assert.equal(d.status, 201, JSON.stringify(d.body));
  const id = d.body.id;
  await sato('POST', `/v1/requests/${id}/transitions`, { action: 'submit' });
  const preview = await tanaka<{ digest: string }>('GET', `/v1/requests/${id}/signing-preview`);
  const approved = await tanaka('POST', `/v1/requests/${id}/transitions`, hub.approval('tanaka', preview.body.digest));
  assert.equal(approved.status, 200, JSON.stringify(approved.body));

  // The carrier's installation prepares the answer from its own logs; a person sends it.
  const prepared = await run(hub.ctx, prepareFindings, SYSTEM_CALLER, { request: RequestContentSchema.parse(content) });
  assert.deepEqual(
    prepared.targets.map((t) => t.finding?.verdict),
    ['unique', 'ambiguous'],
  );
  await isp('POST', `/v1/requests/${id}/transitions`, { action: 'start_review' });
  const answered = await isp('POST', `/v1/requests/${id}/transitions`, { action: 'answer', answer: prepared.answer });
  assert.equal(answered.status, 200, JSON.stringify(answered.body));

  // A second request of the case whose only target is ambiguous (no source port behind CGNAT).
  const onlyAmbiguous = { ...content, targets: [content.targets[1]] };
  const d2 = await sato<RequestDetail>('POST', '/v1/requests', { caseId: c.body.id, content: onlyAmbiguous });
  assert.equal(d2.status, 201, JSON.stringify(d2.body));
  const id2 = d2.body.id;
  await sato('POST', `/v1/requests/${id2}/transitions`, { action: 'submit' });
  const preview2 = await tanaka<{ digest: string }>('GET', `/v1/requests/${id2}/signing-preview`);
  const approved2 = await tanaka(
    'POST',
    `/v1/requests/${id2}/transitions`,
    hub.approval('tanaka', preview2.body.digest),
  );
  assert.equal(approved2.status, 200, JSON.stringify(approved2.body));
  const prepared2 = await run(hub.ctx, prepareFindings, SYSTEM_CALLER, {
    request: RequestContentSchema.parse(onlyAmbiguous),
  });
  await isp('POST', `/v1/requests/${id2}/transitions`, { action: 'start_review' });
  // A candidate's account as a log may hold it (the account holder chose it): a direction override inside.
  const [first] = prepared2.answer?.items[0]?.finding?.candidates ?? [];
  assert.ok(first?.account, 'the ambiguous finding has an account');
  first.account = `${first.account}\u202Etxt.exe`;
  const answered2 = await isp('POST', `/v1/requests/${id2}/transitions`, {
    action: 'answer',
    answer: prepared2.answer,
  });
  assert.equal(answered2.status, 200, JSON.stringify(answered2.body));

  const inv = await ui.desk();
  const head = await ui.deskWithPasskey('tanaka');
  try {
    await signIn(inv.page, hub, 'sato');
    await enrolBrowser(inv.page, hub, 'tanaka');
    await openAnswer(inv.page, hub, id);

    const items = inv.page.locator('section.answer-item');
    const unique = items.nth(0);
    const ambiguous = items.nth(1);
    assert.equal(await unique.locator('[data-testid="finding"]').getAttribute('data-verdict'), 'unique');
    assert.equal(await unique.locator('[data-testid="finding-verdict"]').innerText(), '一意に特定');
    assert.match(await unique.innerText(), /山田 花子/);
    // the contract by its first day, as a date with the era year (never the UTC instant of its midnight,
    // a day early), and the span the records confirm under its own label
    assert.match(await unique.innerText(), /契約開始日\s*令和2年（2020年）4月1日/);
    assert.doesNotMatch(await unique.innerText(), /2020-03-31|T15:00/);
    assert.match(await unique.locator('[data-testid="finding-candidate"]').innerText(), /記録で確認できる期間/);

    const f = ambiguous.locator('[data-testid="finding"]');
    assert.equal(await f.getAttribute('data-verdict'), 'ambiguous');
    assert.equal(await f.locator('[data-testid="finding-verdict"]').innerText(), '特定できず（複数の候補）');
    assert.match(await f.locator('[data-testid="finding-warning"]').innerText(), /一人の契約者を示していません/);
    assert.match(await f.locator('[data-testid="finding-resolve"]').innerText(), /接続元ポート番号/);
    const candidates = f.locator('[data-testid="finding-candidate"]');
    assert.ok((await candidates.count()) >= 2, 'every candidate is listed');
    assert.match(await candidates.nth(0).getAttribute('aria-label').then(String), /^候補 1$/);
    // Never as a subscriber: no "found" badge, no subscriber facts outside the candidates, no draft-next.
    assert.equal(await ambiguous.locator('.badge.result-found').count(), 0);
    assert.equal(await ambiguous.locator(':scope > dl.facts').count(), 0);
    assert.equal(await ambiguous.getByRole('button', { name: /次の照会を起案/ }).count(), 0);
    await shot(inv.page, 'findings-01-ambiguous-ja');
    await assertAccessible(inv.page, 'answer with findings');

    // The case's trace: the answer opened here names a subscriber (its unique item); the one not opened
    // is sealed — never drawn as a subscriber the hub cannot see.
    const hops = async () => {
      await inv.page.goto(`${hub.url}/cases/${c.body.id}`);
      const trace = inv.page.locator('[data-testid="case-trace"]');
      await trace.waitFor();
      const hop = (ref: string) => trace.locator('[data-testid="trace-hop"]').filter({ hasText: ref });
      return { first: hop(d.body.reference), second: hop(d2.body.reference) };
    };
    let h = await hops();
    assert.equal(await h.first.locator('[data-testid="trace-answer"]').getAttribute('data-reading'), 'subscriber');
    assert.match(await h.first.innerText(), /✓ 回答で契約者が開示されました/);
    assert.equal(await h.second.locator('[data-testid="trace-answer"]').getAttribute('data-reading'), 'sealed');
    assert.match(await h.second.innerText(), /封緘されています/);
    assert.doesNotMatch(await h.second.innerText(), /✓|契約者が開示されました/);

    // Opened on this device, the ambiguous answer is drawn as such: candidates, no subscriber; the
    // override in a candidate's account is shown as a mark where it stands, not acted on.
    const view2 = await openAnswer(inv.page, hub, id2);
    const mark = view2.locator('[data-testid="finding-candidate"] .hidden-char');
    assert.deepEqual(await mark.allInnerTexts(), ['⟨U+202E⟩']);
    assert.doesNotMatch(await view2.innerText(), /\u202E/);
    h = await hops();
    const reading = h.second.locator('[data-testid="trace-answer"]');
    assert.equal(await reading.getAttribute('data-reading'), 'ambiguous');
    assert.match(await reading.innerText(), /契約者は特定されていません/);
    assert.doesNotMatch(await h.second.innerText(), /✓|契約者が開示されました/);
    await shot(inv.page, 'findings-02-trace-ambiguous-ja');
    await assertAccessible(inv.page, 'trace with an ambiguous answer');
    assert.deepEqual(jsErrors(inv.page), []);
  } finally {
    await inv.context.close();
    await head.context.close();
  }
});
