import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, mock } from 'node:test';
import { findAgentRequest } from '../../src/agent/agent.repository.ts';
import type { HubRequestFacts } from '../../src/agent/call-back.ts';
import { connectHub, type HubLink } from '../../src/agent/hub.ts';
import { REVIEW_ZONE } from '../../src/agent/render.ts';
import { type AgentPolicy, type AgentRequestView, viewForReview } from '../../src/agent/review.ts';
import { addReviewer, reviewerByName } from '../../src/agent/reviewers.ts';
import { type AgentRuntime, approve, cycle, sendAll } from '../../src/agent/runner.ts';
import { type Fetch, type HubTransportOptions, spkiPin } from '../../src/agent/transport.ts';
import { agentPagesApp } from '../../src/agent/web.ts';
import { importSubscribers, ingestLogs } from '../../src/attribution/attribution-service.ts';
import { fileSha256 } from '../../src/attribution/lines.ts';
import { parseSubscriberHeader, parseSubscriberLine } from '../../src/attribution/subscribers.ts';
import { principalOfLogin } from '../../src/auth/auth-service.ts';
import { registerClient } from '../../src/auth/clients.ts';
import { printReview } from '../../src/cli/agent-review-print.ts';
import {
  type AnswerSigner,
  generateInstallationKey,
  importInstallationKey,
  installationKeyProof,
  installationKeySigner,
} from '../../src/client/answer-seal.ts';
import { generateKekSecret, kekFromSecret } from '../../src/crypto/key-wrap.ts';
import { generateSigningKeyPair } from '../../src/crypto/keys.ts';
import { registerInstallationKey } from '../../src/directory/installation-keys.ts';
import { exportDirectory, importDirectory } from '../../src/directory/transparency.ts';
import { createUser } from '../../src/directory/users.ts';
import { type Principal, SYSTEM_CALLER } from '../../src/domain/access.ts';
import { formatWallIso, zonedWall } from '../../src/domain/time.ts';
import type { ProviderCategory } from '../../src/domain/vocabulary.ts';
import { type AppContext, createContext } from '../../src/kernel/context.ts';
import { run } from '../../src/kernel/unit-of-work.ts';
import { type RunningServer, startServer } from '../../src/server/start.ts';
import { openStore } from '../../src/store/database.ts';
import { type Dialect, freshLocation } from './dialects.ts';
import { attestedWarrant, DEMO_ORGS, orgId, signInAll, startHub, type TestHub } from './exchange.ts';
import { draft, newCase, submitApprove, THREAT_POST, warranted } from './flow.ts';
import { confirmedByOperator } from './key-registrations.ts';
import { standIn } from './stand-in.ts';
import { storeText } from './store-text.ts';
import { createTestCa } from './tls.ts';

export { newCase } from './flow.ts';

/** A provider's own installation in a test: its own store (one dialect), its machine key at the hub. */
export interface TestAgent {
  ctx: AppContext;
  dir: string;
  storeUrl: string;
  organisationId: string;
  machineKey: { keyId: string; privateKey: string; publicKey: string };
  /** Pins the hub's directory as it is now (what `shokai directory import` does with an exported file). */
  pin(): Promise<void>;
  /** A link to the hub over the given transport (the hub's URL by default; loopback http allowed). */
  link(transport?: Partial<HubTransportOptions>, wrap?: (f: Fetch) => Fetch): HubLink;
  close(): Promise<void>;
}

/** The login of an administrator of the organisation at the hub, when it has one. */
async function adminLogin(hub: Pick<TestHub, 'ctx'>, organisationId: string): Promise<string | undefined> {
  const row = await hub.ctx.store.db
    .selectFrom('users')
    .select('login')
    .where('organisation_id', '=', organisationId)
    .where('roles', 'like', '%"admin"%')
    .executeTakeFirst();
  return row?.login;
}

/** The provider's administrator at the hub (one is made, `name`.admin, when it has none). */
async function providerAdmin(hub: Pick<TestHub, 'ctx'>, organisationId: string, name: string): Promise<Principal> {
  const existing = await adminLogin(hub, organisationId);
  const login = existing ?? `${name}.admin`;
  if (!existing) {
    await run(hub.ctx, createUser, SYSTEM_CALLER, {
      organisationId,
      login,
      displayName: `${name} admin`,
      roles: ['admin'],
    });
  }
  return principalOfLogin(hub.ctx.store.db, login);
}

/** Gives the provider an administrator at the hub (when it has none) and registers a machine client. */
export async function registerMachine(
  hub: Pick<TestHub, 'ctx'>,
  organisationId: string,
  name: string,
): Promise<{ keyId: string; privateKey: string; publicKey: string }> {
  const admin = await providerAdmin(hub, organisationId, name);
  const pair = generateSigningKeyPair();
  const reg = await run(hub.ctx, registerClient, admin, {
    name: `${name}-agent`,
    publicKey: pair.publicKey,
    roles: ['provider_intake', 'provider_legal'],
  });
  await confirmedByOperator(hub, reg.registration.id);
  return { keyId: reg.keyId, privateKey: pair.privateKey, publicKey: pair.publicKey };
}

/**
 * What the provider's administrator does with the registration.json `shokai agent init` wrote: registers
 * its machine client and its installation key at the hub. The key ids the hub gave.
 */
export async function registerAtHub(
  hub: Pick<TestHub, 'ctx'>,
  organisationId: string,
  registrationFile: string,
): Promise<{ machineKeyId: string; installationKeyId: string }> {
  const reg = JSON.parse(readFileSync(registrationFile, 'utf8')) as {
    machineClient: { body: unknown };
    installationKey: { body: unknown };
  };
  const admin = await providerAdmin(hub, organisationId, 'provider');
  const client = await run(hub.ctx, registerClient, admin, reg.machineClient.body);
  const key = await run(hub.ctx, registerInstallationKey, admin, organisationId, reg.installationKey.body);
  await confirmedByOperator(hub, client.registration.id);
  await confirmedByOperator(hub, key.id);
  return { machineKeyId: client.keyId, installationKeyId: key.keyId };
}

/** Starts a provider's installation in a test; `clock` when the test moves the hub's time (the same for both). */
export async function startAgent(
  hub: Pick<TestHub, 'ctx' | 'url'>,
  dialect: Dialect,
  providerNameEn: string,
  clock?: () => Date,
): Promise<TestAgent> {
  const dir = mkdtempSync(join(tmpdir(), 'shokai-agent-'));
  const loc = await freshLocation(dialect, dir);
  const store = await openStore(loc.location);
  const ctx = await createContext(store, kekFromSecret(generateKekSecret()), clock);
  const organisationId = await orgId(hub, providerNameEn);
  const machineKey = await registerMachine(hub, organisationId, providerNameEn.split(' ')[0]?.toLowerCase() ?? 'p');
  const links: HubLink[] = [];
  return {
    ctx,
    dir,
    storeUrl: loc.url,
    organisationId,
    machineKey,
    async pin() {
      const d = await run(hub.ctx, exportDirectory, SYSTEM_CALLER);
      await run(ctx, importDirectory, SYSTEM_CALLER, JSON.parse(JSON.stringify(d)));
    },
    link(transport = {}, wrap) {
      const l = connectHub({ url: hub.url, pins: [], allowLoopbackHttp: true, ...transport }, machineKey, {
        ...(clock ? { clock } : {}),
        ...(wrap ? { wrap } : {}),
      });
      links.push(l);
      return l;
    },
    async close() {
      for (const l of links) l.close();
      await store.close();
      await loc.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// ---- the carrier's own records (CGNAT port blocks and RADIUS), written as its systems would ----

const epoch = (iso: string) => Math.floor(Date.parse(iso) / 1000);
const pba = (type: 'ALLOC' | 'RELEASE', inside: string, low: number, high: number, pub: string, at: string) =>
  `<14>1 ${at} srx-cgn-1 RT_NAT - RT_SRC_NAT_PBA_${type} [junos@2636.1.1.1.2.129 internal-ip="${inside}" ` +
  `block-used="1" block-max-per-host="4" block-port-low="${low}" block-port-high="${high}" reflexive-ip="${pub}" ` +
  `nat-pool-name="cgn-pool" logical-system-id="0" epoch-time-64="${epoch(at).toString(16)}"]`;
const radius = (user: string, inside: string, at: string, status: 'Start' | 'Stop' = 'Start') =>
  [
    'Mon Nov 30 20:00:00 2026',
    `\tAcct-Status-Type = ${status}`,
    `\tUser-Name = "${user}"`,
    `\tAcct-Session-Id = "S-${user.toUpperCase()}-1"`,
    '\tNAS-IP-Address = 192.0.2.1',
    `\tFramed-IP-Address = ${inside}`,
    `\tTimestamp = ${epoch(at)}`,
    '',
  ].join('\n');

/** Who held 203.0.113.45 behind the carrier's CGNAT on 30 November 2026 (two port blocks, two lines). */
export const CARRIER_FACTS = {
  publicAddress: '203.0.113.45',
  suzuki: { account: 'nnc-suzuki', inside: '100.64.1.20', name: '鈴木 一郎', ports: [51200, 51455] },
  kato: { account: 'nnc-kato', inside: '100.64.1.21', name: '加藤 花子', ports: [51456, 51711] },
} as const;

/** Writes and ingests the carrier's logs into its own store, through the same use cases as `shokai logs`. */
export async function loadCarrierLogs(ctx: AppContext, dir: string): Promise<string[]> {
  const f = CARRIER_FACTS;
  const cgn = join(dir, 'cgn-pba.log');
  writeFileSync(
    cgn,
    `${[
      pba('ALLOC', f.suzuki.inside, f.suzuki.ports[0], f.suzuki.ports[1], f.publicAddress, '2026-11-30T12:00:00Z'),
      pba('ALLOC', f.kato.inside, f.kato.ports[0], f.kato.ports[1], f.publicAddress, '2026-11-30T12:00:05Z'),
      pba('RELEASE', f.suzuki.inside, f.suzuki.ports[0], f.suzuki.ports[1], f.publicAddress, '2026-11-30T22:00:00Z'),
      pba('RELEASE', f.kato.inside, f.kato.ports[0], f.kato.ports[1], f.publicAddress, '2026-11-30T22:00:05Z'),
    ].join('\n')}\n`,
  );
  const rad = join(dir, 'radius-detail');
  writeFileSync(
    rad,
    [
      radius(f.suzuki.account, f.suzuki.inside, '2026-11-30T11:00:00Z'),
      radius(f.kato.account, f.kato.inside, '2026-11-30T11:00:03Z'),
      radius(f.suzuki.account, f.suzuki.inside, '2026-11-30T23:00:00Z', 'Stop'),
      radius(f.kato.account, f.kato.inside, '2026-11-30T23:00:03Z', 'Stop'),
    ].join('\n'),
  );
  const subs = join(dir, 'subscribers.csv');
  writeFileSync(
    subs,
    [
      'account,name,name_kana,installation_address,billing_address,phone,email,contract_start,contract_end',
      `${f.suzuki.account},${f.suzuki.name},スズキ イチロウ,東京都新宿区西新宿2-8-1,` +
        `東京都新宿区西新宿2-8-1,03-1111-0001,suzuki@example.jp,2020-04-01,`,
      `${f.kato.account},${f.kato.name},カトウ ハナコ,東京都中野区1-2-3,埼玉県さいたま市4-5-6,03-1111-0002,kato@example.jp,2021-05-01,`,
      '',
    ].join('\n'),
  );
  await ingestLogs(ctx, SYSTEM_CALLER, { format: 'juniper-pba', files: [cgn] });
  await ingestLogs(ctx, SYSTEM_CALLER, { format: 'radius-detail', files: [rad] });
  const lines = readFileSync(subs, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '');
  const cols = parseSubscriberHeader(lines[0] ?? '');
  await run(ctx, importSubscribers, SYSTEM_CALLER, {
    source: { file: subs, sha256: fileSha256(subs) },
    subscribers: lines.slice(1).map((l) => parseSubscriberLine(cols, l)),
    skipped: 0,
  });
  return [cgn, rad, subs];
}

/** The provider's installation key: generated here, its public part registered at the hub by its admin. */
export async function installationKey(
  hub: Pick<TestHub, 'ctx'>,
  agent: Pick<TestAgent, 'organisationId'>,
): Promise<{ keyId: string; signer: AnswerSigner }> {
  const k = await generateInstallationKey();
  const priv = await importInstallationKey(k.pkcs8);
  const proof = await installationKeyProof(priv, agent.organisationId, k.publicKey);
  const login = (await adminLogin(hub, agent.organisationId)) ?? assert.fail('the provider has an administrator');
  const admin = await principalOfLogin(hub.ctx.store.db, login);
  const rec = await run(hub.ctx, registerInstallationKey, admin, agent.organisationId, {
    publicKey: k.publicKey,
    proof,
  });
  await confirmedByOperator(hub, rec.id);
  return { keyId: rec.keyId, signer: installationKeySigner(rec.keyId, priv, k.publicKey) };
}

/**
 * A provider's installation ready to take requests: started on its own store (`dialect`), the hub's
 * directory pinned and its installation key registered at the hub.
 */
export async function readyInstallation(
  hub: Pick<TestHub, 'ctx' | 'url'>,
  dialect: Dialect,
  providerNameEn: string,
  clock?: () => Date,
): Promise<{ agent: TestAgent; key: { keyId: string; signer: AnswerSigner } }> {
  const agent = await startAgent(hub, dialect, providerNameEn, clock);
  await agent.pin();
  return { agent, key: await installationKey(hub, agent) };
}

/** The carrier's installation ready to take requests (`readyInstallation`), its logs ingested. */
export async function readyCarrier(
  hub: Pick<TestHub, 'ctx' | 'url'>,
  dialect: Dialect,
): Promise<{ agent: TestAgent; key: { keyId: string; signer: AnswerSigner }; logFiles: string[] }> {
  const { agent, key } = await readyInstallation(hub, dialect, DEMO_ORGS.isp);
  return { agent, key, logFiles: await loadCarrierLogs(agent.ctx, agent.dir) };
}

/** A reviewer added to the installation by `name`: the code they sign in with and their principal. */
export async function addLegalOfficer(agent: TestAgent, name: string): Promise<{ code: string; legal: Principal }> {
  const { code } = await run(agent.ctx, addReviewer, SYSTEM_CALLER, name);
  return { code, legal: await run(agent.ctx, (uow) => reviewerByName(uow, name, agent.organisationId)) };
}

/**
 * A hub on `hubDialect` and beside it the carrier's installation on `carrierDialect`, ready to take
 * requests (`readyCarrier`), with its legal officer 法務 山口 (`code`, `legal`) and a case at the hub
 * (`caseReference`) to hang warrants on.
 */
export async function hubAndCarrier(hubDialect: Dialect, carrierDialect: Dialect, caseReference: string) {
  const hub = await startHub(hubDialect);
  const { agent, key } = await readyCarrier(hub, carrierDialect);
  const { code, legal } = await addLegalOfficer(agent, '法務 山口');
  return { hub, agent, signer: key.signer, code, legal, caseId: await newCase(hub, caseReference) };
}

/** A warrant's target: the carrier's public address at source `port` and time `at`, exact to the second. */
export function carrierTarget(port: number, at = '2026-11-30T23:42:17+09:00') {
  return { type: 'ip', address: CARRIER_FACTS.publicAddress, port, at, toleranceSeconds: 0 };
}

/**
 * The hub's provider endpoint over TLS with a certificate of a locally generated CA, and the transport
 * of an agent that pins that certificate (plain http refused).
 */
export async function startTlsEndpoint(
  hub: Pick<TestHub, 'ctx'>,
): Promise<{ server: RunningServer; transport: Partial<HubTransportOptions> }> {
  const ca = await createTestCa();
  const cert = await ca.issue('server', '127.0.0.1');
  const server = await startServer(hub.ctx, { port: 0, host: '127.0.0.1', web: false, tls: cert });
  return { server, transport: { url: server.url, pins: [spkiPin(cert.cert)], ca: ca.cert, allowLoopbackHttp: false } };
}

/** The runtime of an installation (its store, its policy, its installation key, its link to the hub). */
export function runtime(
  agent: TestAgent,
  signer: AnswerSigner,
  hub: HubLink | null,
  policy: AgentPolicy = { autoNone: false },
): AgentRuntime {
  return { ctx: agent.ctx, organisationId: agent.organisationId, policy, signer, hub };
}

/**
 * The agency's side of a test: a warrant to a provider for these targets, attested, issued and delivered.
 * `drafted` runs on the draft before it is submitted (the drafter attaches files there).
 */
export async function issueWarrant(
  hub: TestHub,
  providerId: string,
  caseId: string,
  targets: Array<Record<string, unknown>>,
  n: string,
  drafted?: (draftId: string) => Promise<void>,
): Promise<string> {
  const [sato, tanaka, judge] = await signInAll(hub, 'sato', 'tanaka', 'judge');
  const categories = ['subscriber', 'access_log'];
  const warrant = await attestedWarrant(hub, judge, {
    warrantNumber: `AGENT-W-${n}`,
    agencyOrganisationId: await orgId(hub, DEMO_ORGS.mpd),
    providerOrganisationId: providerId,
    courtOrganisationId: await orgId(hub, DEMO_ORGS.court),
    step: { targets, categories },
  });
  const d = await draft(
    sato,
    warranted(providerId, { caseReference: 'AGENT-1', ...THREAT_POST, targets, categories, warrant }),
    caseId,
  );
  await drafted?.(d.id);
  const issued = await submitApprove(sato, tanaka, d.id);
  assert.equal(issued.state, 'received', JSON.stringify(issued));
  return issued.id;
}

/** `issueWarrant` to the carrier (`agent`'s organisation) for its public address at source `port` and time `at`. */
export function warrantToCarrier(
  hub: TestHub,
  agent: Pick<TestAgent, 'organisationId'>,
  caseId: string,
  n: string,
  target: { port: number; at?: string },
  drafted?: (draftId: string) => Promise<void>,
): Promise<string> {
  return issueWarrant(hub, agent.organisationId, caseId, [carrierTarget(target.port, target.at)], n, drafted);
}

/** Everything an installation's store holds, as text (test/support/store-text.ts). */
export const everything = (t: AppContext): Promise<string> => storeText(t.store);

/** A page of the installation's review pages, signed in with a reviewer's `code` (a `body` is POSTed as a form). */
export async function agentPage(
  rt: AgentRuntime,
  code: string,
  path: string,
  body?: FormData | URLSearchParams,
  headers: Record<string, string> = {},
): Promise<Response> {
  const app = agentPagesApp(rt);
  const login = await app.request('/login', { method: 'POST', body: new URLSearchParams({ code }) });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  return app.request(path, body ? { method: 'POST', headers: { cookie, ...headers }, body } : { headers: { cookie } });
}

/**
 * One cycle of the installation takes `id` in and prepares it; `reviewer` approves the draft as prepared
 * and the answer goes to the hub, each step asserted: the view the reviewer approved.
 */
export async function approvedAndSent(rt: AgentRuntime, reviewer: Principal, id: string): Promise<AgentRequestView> {
  await cycle(rt);
  assert.equal((await findAgentRequest(rt.ctx.store.db, id))?.state, 'prepared');
  const view = await run(rt.ctx, viewForReview, reviewer, id, rt);
  assert.ok(view.draftDigest);
  await approve(rt, reviewer, id, view.draftDigest);
  assert.equal((await sendAll(rt, rt.hub ?? assert.fail('online'))).failed, 0);
  return view;
}

/** What `shokai agent review` prints of the view `v` in `lang` (SHOKAI_LANG), or its --json when `json`. */
export function printedReview(
  v: AgentRequestView,
  lang: 'ja' | 'en',
  json = false,
  hub: HubRequestFacts | null = null,
  providerCategory?: ProviderCategory,
): string {
  const was = process.env.SHOKAI_LANG;
  let text = '';
  const write = mock.method(process.stdout, 'write', (chunk: string | Uint8Array) => {
    text += String(chunk);
    return true;
  });
  process.env.SHOKAI_LANG = lang;
  try {
    printReview(v, { as: '法務', json, providerCategory }, hub);
  } finally {
    write.mock.restore();
    if (was === undefined) delete process.env.SHOKAI_LANG;
    else process.env.SHOKAI_LANG = was;
  }
  return text;
}

/** A provider's installation ready for a suite, with a legal officer of its review pages (boardDeskHooks). */
export interface ReviewDesk {
  agent: TestAgent;
  rt: AgentRuntime;
  /** The officer's access code for the pages. */
  code: string;
  legal: Principal;
  /** A page of the installation as the officer reads it (a form posted when `body` is given). */
  html(path: string, body?: URLSearchParams): Promise<{ status: number; text: string }>;
}

/**
 * The board's installation beside the suite's hub, pinned and registered, with the legal officer 法務 山口:
 * made in the suite's before() and closed after it; read its parts inside a test.
 */
export function boardDeskHooks(hub: Pick<TestHub, 'ctx' | 'url'>, dialect: Dialect, clock?: () => Date): ReviewDesk {
  let desk: ReviewDesk | undefined;
  before(async () => {
    const ready = await readyInstallation(hub, dialect, DEMO_ORGS.board, clock);
    const rt = runtime(ready.agent, ready.key.signer, ready.agent.link());
    const officer = await addLegalOfficer(ready.agent, '法務 山口');
    desk = {
      agent: ready.agent,
      rt,
      ...officer,
      async html(path, body) {
        const r = await agentPage(rt, officer.code, path, body);
        return { status: r.status, text: await r.text() };
      },
    };
  });
  after(() => desk?.agent.close());
  return standIn(() => desk ?? assert.fail('the installation is made in before(): use it inside a test'));
}

/** A call-back's time as a reviewer types it (the installation's zone, to the minute), and the instant it is. */
export function calledAtNow(at: Date = new Date()): { wall: string; iso: string } {
  const minute = new Date(Math.floor(at.getTime() / 60_000) * 60_000);
  return { wall: formatWallIso(zonedWall(minute, REVIEW_ZONE)).slice(0, 16), iso: minute.toISOString() };
}
