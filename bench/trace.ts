// npm run bench:trace [-- --rounds 3 --api-rounds 20 --out FILE --quick]
//
// The investigator's path from an answer to the next request approved, driven in Debian's chromium
// (playwright-core) against a real server (API + built web) over a fresh SQLite store seeded with the
// demo — both ways in the same run, interleaved round by round:
//   before — read the board's answer, open the request editor and type the next request by hand
//            (kind, carrier, case, offence, facts, necessity, address, port, instant, categories,
//            the court's warrant), submit; the unit head signs;
//   after  — read the board's answer, "draft the next request" on its access record, add the court's
//            warrant, create, submit; the unit head signs.
// Counted: the person's actions (clicks, selections, fields filled), the characters typed and the
// seconds from the opened answer to the approved request. The court's attestation is arranged before
// the clock starts (the judge's work, the same for both). Then, over the API, the trace's own drafting
// time: POST /v1/cases/{id}/trace/drafts against POST /v1/requests with the same content (baseline),
// and GET /v1/cases/{id}/trace. Writes bench/results/trace.json. Only 127.0.0.1.
import type { Locator, Page } from 'playwright-core';
import {
  addPasskey,
  enrolBrowser,
  launchBrowser,
  newDesk,
  signIn,
  startUiHub,
  type UiHub,
} from '../test/browser/support.ts';
import { round, Samples } from './lib/http.ts';
import { benchOptions, markdownTable, writeResults } from './lib/report.ts';

const args = benchOptions('trace', { rounds: '3', 'api-rounds': '20' });
const QUICK = args.quick;
const ROUNDS = QUICK ? 1 : Number(args.option('rounds'));
const API_ROUNDS = QUICK ? 5 : Number(args.option('api-rounds'));
if (!(ROUNDS >= 1 && ROUNDS <= 20 && API_ROUNDS >= 1 && API_ROUNDS <= 1000))
  throw new Error('bad --rounds/--api-rounds');

type Api = Awaited<ReturnType<UiHub['api']>>;

/** What a person does on the page: each action counted, each character typed counted. */
class Person {
  actions = 0;
  typed = 0;
  readonly page: Page;
  constructor(page: Page) {
    this.page = page;
  }
  async click(l: Locator): Promise<void> {
    this.actions++;
    await l.click();
  }
  async fill(l: Locator, text: string): Promise<void> {
    this.actions++;
    this.typed += text.length;
    await l.fill(text);
  }
  async select(l: Locator, value: string | { label: string }): Promise<void> {
    this.actions++;
    await l.selectOption(value);
  }
  async check(l: Locator): Promise<void> {
    this.actions++;
    await l.check();
  }
}

const jstWall = (ms: number) => new Date(ms + 9 * 3600_000).toISOString().slice(0, 19);

interface Ids {
  board: string;
  isp: string;
  court: string;
  mpd: string;
}

async function orgIds(hub: UiHub): Promise<Ids> {
  const rows = await hub.ctx.store.db.selectFrom('organisations').select(['id', 'name_en']).execute();
  const by = (n: string) => {
    const r = rows.find((x) => x.name_en === n);
    if (!r) throw new Error(`no organisation ${n}`);
    return r.id;
  };
  return {
    board: by('Sakura Board K.K.'),
    isp: by('Nihon Network Communications K.K.'),
    court: by('Tokyo District Court'),
    mpd: by('Tokyo Metropolitan Police Department'),
  };
}

const TEXT = {
  offence: '脅迫（刑法222条）',
  facts: '掲示板に被害者を名指しして危害を加える旨の書き込みがなされた。',
  necessity: '発信者を特定し、被害者の安全を確保するため。',
};

/** A case with an inquiry to the board, approved and answered with one access record. */
async function arrange(
  hub: UiHub,
  api: { sato: Api; tanaka: Api; board: Api; judge: Api },
  ids: Ids,
  n: number,
  record: { address: string; port: number; at: string },
) {
  const reference = `BENCH-TRACE-${n}`;
  const c = await api.sato<{ id: string }>('POST', '/v1/cases', { reference, title: '掲示板の脅迫' });
  const d = await api.sato<{ id: string; reference: string }>('POST', '/v1/requests', {
    caseId: c.body.id,
    content: {
      kind: 'inquiry',
      providerOrganisationId: ids.board,
      caseReference: reference,
      ...TEXT,
      targets: [{ type: 'url', url: `https://sakura-board.example/t/${n}`, postId: `p-${n}` }],
      categories: ['subscriber', 'access_log'],
    },
  });
  const id = d.body.id;
  await api.sato('POST', `/v1/requests/${id}/transitions`, { action: 'submit' });
  const preview = await api.tanaka<{ digest: string }>('GET', `/v1/requests/${id}/signing-preview`);
  const approved = await api.tanaka(
    'POST',
    `/v1/requests/${id}/transitions`,
    hub.approval('tanaka', preview.body.digest),
  );
  if (approved.status !== 200) throw new Error(`approve: ${JSON.stringify(approved.body)}`);
  await api.board('POST', `/v1/requests/${id}/transitions`, { action: 'start_review' });
  const a = await api.board('POST', `/v1/requests/${id}/transitions`, {
    action: 'answer',
    answer: {
      outcome: 'full',
      items: [{ targetIndex: 0, result: 'found', accessLog: [{ ...record, action: 'post' }] }],
    },
  });
  if (a.status !== 200) throw new Error(`answer: ${JSON.stringify(a.body)}`);
  // The court's warrant for exactly the next request's target (the judge's work, before the clock).
  const now = Date.now();
  const warrant = {
    warrantNumber: `BW-${n}`,
    type: 'seizure' as const,
    issuedWall: jstWall(now),
    untilWall: jstWall(now + 7 * 86400_000),
  };
  const attestation = {
    agencyOrganisationId: ids.mpd,
    providerOrganisationId: ids.isp,
    warrantNumber: warrant.warrantNumber,
    type: warrant.type,
    issuedAt: `${warrant.issuedWall}+09:00`,
    validUntil: `${warrant.untilWall}+09:00`,
    targets: [{ type: 'ip', ...record, toleranceSeconds: 0 }],
    categories: ['subscriber', 'access_log'],
  };
  const attPreview = await api.judge<{ digest: string }>('POST', '/v1/warrants/attestation-preview', attestation);
  if (attPreview.status !== 200) throw new Error(`attestation preview: ${JSON.stringify(attPreview.body)}`);
  const att = await api.judge<{ keyId: string; signature: string }>('POST', '/v1/warrants/attest', {
    ...attestation,
    ...hub.signed('judge', attPreview.body.digest),
  });
  if (att.status !== 200) throw new Error(`attest: ${JSON.stringify(att.body)}`);
  return { caseId: c.body.id, reference, requestId: id, warrant: { ...warrant, ...att.body } };
}

type Arranged = Awaited<ReturnType<typeof arrange>>;

async function fillWarrant(p: Person, scope: Locator, w: Arranged['warrant'], courtId: string): Promise<void> {
  await p.select(scope.getByLabel('発付裁判所 *'), courtId);
  await p.fill(scope.getByLabel('令状番号'), w.warrantNumber);
  const issued = scope.locator('fieldset.instant').filter({ hasText: '発付日時' });
  const until = scope.locator('fieldset.instant').filter({ hasText: '有効期間の末日' });
  await p.fill(issued.locator('input[type="datetime-local"]'), w.issuedWall);
  await p.fill(until.locator('input[type="datetime-local"]'), w.untilWall);
  await p.fill(scope.getByLabel('裁判所の鍵ID'), w.keyId);
  await p.fill(scope.getByLabel('裁判所の電子署名'), w.signature);
}

/** The investigator reads the answer: opens it (the same in both ways). */
async function openAnswer(p: Person, requestId: string, hubUrl: string): Promise<void> {
  await p.page.goto(`${hubUrl}/requests/${requestId}`);
  await p.click(p.page.getByRole('button', { name: /回答を開封して読む/ }));
  await p.page.locator('[data-testid="answer-view"]').waitFor();
}

async function before(
  inv: Person,
  a: Arranged,
  ids: Ids,
  record: { address: string; port: number; at: string },
): Promise<void> {
  const page = inv.page;
  // What the investigator reads off the answer and types again.
  const row = page.locator('table.log tbody tr').first();
  const address = ((await row.locator('td').nth(1).textContent()) ?? '').trim();
  const port = ((await row.locator('td').nth(2).textContent()) ?? '').trim();
  if (address !== record.address || port !== String(record.port)) throw new Error('the answer shows another record');
  await inv.click(page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: '照会を起案' }));
  await page.getByRole('heading', { name: '照会の起案' }).waitFor();
  await inv.select(page.getByLabel('照会の種別'), 'warrant');
  await inv.select(page.getByLabel('照会先の事業者 *'), ids.isp);
  await inv.select(page.getByLabel('事件', { exact: true }), a.caseId);
  await inv.fill(page.locator('input[name="offence"]'), TEXT.offence);
  await inv.fill(page.locator('textarea[name="facts"]'), TEXT.facts);
  await inv.fill(page.locator('textarea[name="necessity"]'), TEXT.necessity);
  const target = page.locator('#targets li.target-row').first();
  await inv.fill(target.getByLabel('IPアドレス'), address);
  await inv.fill(target.getByLabel('ポート番号'), port);
  await inv.fill(
    target.locator('fieldset.instant').filter({ hasText: '日時' }).locator('input[type="datetime-local"]'),
    record.at.slice(0, 19),
  );
  await inv.check(page.getByLabel('通信履歴（接続記録）'));
  await fillWarrant(inv, page.locator('main'), a.warrant, ids.court);
  await inv.click(page.getByRole('button', { name: '保存して決裁に回す' }));
  await page.locator('.badge.state-awaiting_approval').waitFor();
}

async function after(inv: Person, a: Arranged, ids: Ids, record: { address: string; port: number }): Promise<void> {
  const page = inv.page;
  await inv.click(page.getByRole('button', { name: `${record.address}:${record.port} について次の照会を起案` }));
  const proposal = page.locator('[data-testid="next-proposal"]');
  await proposal.waitFor();
  await fillWarrant(inv, proposal, a.warrant, ids.court);
  await inv.click(proposal.getByRole('button', { name: 'この内容で起案する' }));
  await page.locator('.badge.state-draft').waitFor();
  await inv.click(page.getByRole('button', { name: '決裁に回す' }));
  await page.locator('.badge.state-awaiting_approval').waitFor();
}

/** The unit head signs the request now awaiting approval (the same in both ways). */
async function approveIt(head: Person, requestId: string, hubUrl: string): Promise<void> {
  await head.page.goto(`${hubUrl}/requests/${requestId}/approve`);
  await head.check(head.page.getByLabel('上記の内容を確認し、照会の必要性を認めます'));
  await head.click(head.page.getByRole('button', { name: '署名して発出する' }));
  await head.page.locator('.badge.state-received, .badge.state-issued').first().waitFor();
}

function requestIdIn(url: string): string {
  const m = /\/requests\/([^/?#]+)/.exec(new URL(url).pathname);
  if (!m?.[1]) throw new Error(`no request id in ${url}`);
  return decodeURIComponent(m[1]);
}

interface PathRun {
  seconds: number;
  actions: number;
  typed: number;
}

async function main(): Promise<void> {
  const hub = await startUiHub();
  const browser = await launchBrowser();
  try {
    const ids = await orgIds(hub);
    const api = {
      sato: await hub.api('sato'),
      tanaka: await hub.api('tanaka'),
      board: await hub.api('board.legal'),
      judge: await hub.api('judge'),
    };
    // Everything the API approves is arranged first: the unit head's passkey then signs only in his
    // browser (one authenticator, one signature counter).
    const setups: Array<{
      way: 'before' | 'after';
      record: { address: string; port: number; at: string };
      a: Arranged;
    }> = [];
    let n = 0;
    for (let r = 0; r < ROUNDS; r++) {
      for (const way of ['before', 'after'] as const) {
        n++;
        const record = { address: '203.0.113.45', port: 50000 + n, at: '2026-11-30T23:42:17+09:00' };
        setups.push({ way, record, a: await arrange(hub, api, ids, n, record) });
      }
    }
    const forApi = await arrange(hub, api, ids, ++n, {
      address: '203.0.113.45',
      port: 60000,
      at: '2026-11-30T23:42:17+09:00',
    });
    const inv = await newDesk(browser);
    const head = await newDesk(browser);
    const passkey = hub.demo.authenticators?.tanaka;
    if (!passkey) throw new Error('tanaka has no passkey in the demo');
    await addPasskey(head.context, head.page, passkey);
    await signIn(inv.page, hub, 'sato');
    // Answers open on the member's own device: this browser is enrolled once (the unit head wraps the key).
    await enrolBrowser(inv.page, hub, 'tanaka');
    await signIn(head.page, hub, 'tanaka');
    const runs: Record<'before' | 'after', PathRun[]> = { before: [], after: [] };
    for (const [i, { way, record, a }] of setups.entries()) {
      {
        const r = Math.floor(i / 2);
        const p = new Person(inv.page);
        const h = new Person(head.page);
        await openAnswer(p, a.requestId, hub.url);
        const started = performance.now();
        if (way === 'before') await before(p, a, ids, record);
        else await after(p, a, ids, record);
        const next = requestIdIn(inv.page.url());
        await approveIt(h, next, hub.url);
        const seconds = (performance.now() - started) / 1000;
        const check = await api.sato<{ state: string; kind: string; provider: { id: string } | null }>(
          'GET',
          `/v1/requests/${next}`,
        );
        if (check.body.kind !== 'warrant' || check.body.provider?.id !== ids.isp || check.body.state !== 'received') {
          throw new Error(
            `${way}: the next request is not an approved warrant at the carrier: ${JSON.stringify(check.body)}`,
          );
        }
        runs[way].push({ seconds: round(seconds, 3), actions: p.actions + 1 + h.actions, typed: p.typed });
        process.stdout.write(`round ${r + 1} ${way}: ${round(seconds, 2)} s, ${p.actions + 1 + h.actions} actions\n`);
      }
    }
    await inv.context.close();
    await head.context.close();

    // The trace's drafting time over the API: draft-next against a typed draft of the same content.
    const drafts = new Samples();
    const typedDrafts = new Samples();
    const traces = new Samples();
    const built = new Samples();
    let sample: Record<string, unknown> | null = null;
    for (let i = 0; i < API_ROUNDS; i++) {
      const record = { address: '192.0.2.150', port: 40000 + i, at: '2026-11-29T21:05:00+09:00' };
      const t0 = performance.now();
      const d = await api.sato<{ request: { content: Record<string, unknown> } }>(
        'POST',
        `/v1/cases/${forApi.caseId}/trace/drafts`,
        { from: { source: 'answer', requestId: forApi.requestId, record } },
      );
      drafts.push(performance.now() - t0);
      if (d.status !== 201) throw new Error(`draft-next: ${JSON.stringify(d.body)}`);
      sample = d.body.request.content;
      const t1 = performance.now();
      const typed = await api.sato('POST', '/v1/requests', { caseId: forApi.caseId, content: sample });
      typedDrafts.push(performance.now() - t1);
      if (typed.status !== 201) throw new Error(`typed draft: ${JSON.stringify(typed.body)}`);
      const t2 = performance.now();
      const tr = await api.sato<{ builtInMs: number; nodes: unknown[] }>('GET', `/v1/cases/${forApi.caseId}/trace`);
      traces.push(performance.now() - t2);
      built.push(tr.body.builtInMs);
    }
    const med = (xs: PathRun[], f: (x: PathRun) => number) => {
      const s = xs.map(f).sort((x, y) => x - y);
      return s[Math.floor((s.length - 1) / 2)] ?? 0;
    };
    const summary = (xs: PathRun[]) => ({
      medianSeconds: med(xs, (x) => x.seconds),
      medianActions: med(xs, (x) => x.actions),
      medianTyped: med(xs, (x) => x.typed),
    });
    const b = summary(runs.before);
    const f = summary(runs.after);
    const pct = (s: Samples) => {
      const x = s.summary();
      return { p50: x.p50, p99: x.p99, mean: x.mean, n: x.count };
    };
    const result = {
      benchmark: 'trace',
      at: new Date().toISOString(),
      rounds: ROUNDS,
      path: {
        what: 'from the opened answer to the next request approved (a warrant at the carrier), browser-driven',
        before: { ...b, runs: runs.before },
        after: { ...f, runs: runs.after },
        ratio: {
          seconds: round(b.medianSeconds / f.medianSeconds, 2),
          actions: round(b.medianActions / f.medianActions, 2),
          typed: f.medianTyped === 0 ? null : round(b.medianTyped / f.medianTyped, 2),
        },
      },
      drafting: {
        what: 'HTTP time (ms) of one draft; the trace adds the holder lookup and the chain link',
        draftNext: pct(drafts),
        typedDraftBaseline: pct(typedDrafts),
        ratio: round(drafts.summary().p50 / typedDrafts.summary().p50, 2),
        traceRead: pct(traces),
        traceBuiltInMs: pct(built),
        traceNodesAtEnd: API_ROUNDS * 2 + 1,
      },
    };
    writeResults(args.out, result);
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n\n`);
    const rows: Array<[string, string, string, string]> = [
      ['seconds (median)', String(b.medianSeconds), String(f.medianSeconds), String(result.path.ratio.seconds)],
      ['actions (median)', String(b.medianActions), String(f.medianActions), String(result.path.ratio.actions)],
      ['characters typed (median)', String(b.medianTyped), String(f.medianTyped), String(result.path.ratio.typed)],
      [
        'one draft over HTTP, p50 ms',
        `${result.drafting.typedDraftBaseline.p50} (POST /v1/requests)`,
        `${result.drafting.draftNext.p50} (trace/drafts)`,
        String(result.drafting.ratio),
      ],
      [
        'GET trace, p50 ms (built in)',
        '',
        `${result.drafting.traceRead.p50} (${result.drafting.traceBuiltInMs.p50})`,
        '',
      ],
    ];
    const columns = ['answer → next request approved', 'before (typed)', 'after (draft-next)', 'ratio'];
    process.stdout.write(`${markdownTable(columns, rows)}\n`);
  } finally {
    await browser.close();
    await hub.close();
  }
}

await main();
