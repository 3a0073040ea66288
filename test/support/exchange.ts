import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { TOTP } from 'otpauth';
import { principalOfLogin } from '../../src/auth/auth-service.ts';
import {
  type AnswerKeys,
  answerReviewDigest,
  buildSealedAnswer,
  installationKeySigner,
  passkeySigner,
  prepareAnswer,
} from '../../src/client/answer-seal.ts';
import { ApiError, createApiClient } from '../../src/client/client.ts';
import { type OpenedOnDevice, openAnswerOnDevice } from '../../src/client/custody.ts';
import { enrolWithDemoDevice, importDemoDevice } from '../../src/demo/custody.ts';
import { demoInstallationSigner } from '../../src/demo/installation.ts';
import type { DemoResult } from '../../src/demo/seed.ts';
import {
  type CreationOptions,
  challengeOf,
  type SoftAssertion,
  type SoftCredential,
  softAssert,
  softRegister,
} from '../../src/demo/soft-authenticator.ts';
import { countersignGrant } from '../../src/directory/role-grants.ts';
import { SYSTEM_CALLER } from '../../src/domain/access.ts';
import type { AnswerContent } from '../../src/domain/answer-content.ts';
import { DomainError } from '../../src/domain/errors.ts';
import type { Role } from '../../src/domain/vocabulary.ts';
import type { AppContext } from '../../src/kernel/context.ts';
import { run } from '../../src/kernel/unit-of-work.ts';
import { type RunningServer, startServer } from '../../src/server/start.ts';
import { seededDemo } from './demo-snapshot.ts';
import { type Dialect, freshLocation } from './dialects.ts';
import { madeAndEnrolled } from './enrolment.ts';
import { signedInPage } from './provision-sign.ts';
import type { ApiError as ApiErrorBody, RequestDetail, WarrantAttestation } from './replies.ts';
import { standIn } from './stand-in.ts';

export { standIn } from './stand-in.ts';

/** A running shokai server over a fresh store of one dialect, seeded with the demo through the services. */
export interface TestHub {
  ctx: AppContext;
  server: RunningServer;
  demo: DemoResult;
  dir: string;
  url: string;
  storeUrl: string;
  masterKey: string;
  /** Signs in (password + TOTP) and returns a client bound to that session. */
  as(login: string): Promise<Client>;
  close(): Promise<void>;
}

/**
 * A reply: its status and its parsed JSON body (the text when it is not JSON). `T` is the shape the test
 * expects (see replies.ts); the test's own assertions are what check it.
 */
export interface Reply<T = unknown> {
  status: number;
  body: T;
}

export interface Client {
  token: string;
  /** The person's passkey (the demo's software authenticator), when they registered one. */
  passkey?: SoftCredential;
  /** The origin this person's browser would be on (the hub's URL on localhost, the RP id). */
  origin?: string;
  call<T = unknown>(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Reply<T>>;
  /** The same, without the provider's side sealing an answer (to send the hub exactly this body). */
  rawCall?<T = unknown>(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<Reply<T>>;
}

/** What answering from the provider's side needs of a hub: its demo's credentials, its clock, its address. */
export type ProviderSideHub = Pick<TestHub, 'demo' | 'url'> & { ctx: Pick<AppContext, 'clock'> };

type RawCall = <T = unknown>(m: string, p: string, b?: unknown, h?: Record<string, string>) => Promise<Reply<T>>;

/**
 * A person's calls as their side makes them: for a provider's legal or data staff, an answer given in
 * clear is signed with the provider's own credential (the person's passkey, or the provider's
 * installation key) and sealed on their side before it is sent (issue 11); a provision order carried
 * out is signed in the page with the person's passkey (provision-sign.ts).
 */
export function providerSide(hub: ProviderSideHub, login: string, raw: RawCall): RawCall {
  const passkey = hub.demo.authenticators?.[login];
  const origin = hub.url.replace('127.0.0.1', 'localhost');
  return async <T>(m: string, p: string, b?: unknown, h: Record<string, string> = {}) => {
    const sealed =
      (await signedInPage(raw, m, p, b, { passkey, origin })) ??
      (await sealOnProviderSide(hub, raw, p, b, { passkey, origin, clock: hub.ctx.clock }));
    return sealed && 'reply' in sealed ? (sealed.reply as Reply<T>) : raw<T>(m, p, sealed?.body ?? b, h);
  };
}

export function totpNow(secret: string, at = Date.now()): string {
  return new TOTP({ secret, algorithm: 'SHA1', digits: 6, period: 30 }).generate({ timestamp: at });
}

const usedSteps = new Map<string, number>();

/**
 * A code the server will accept for a new sign-in: each TOTP time step is accepted once and the server
 * accepts the steps either side of the current one, so the sign-ins of one person use the previous step
 * (only early in the current one, so that it is still accepted when the server reads it), the current
 * and the next; one more waits for time to move on — as a person with an authenticator app would.
 */
export async function nextTotp(secret: string, now: () => number = Date.now): Promise<string> {
  for (;;) {
    const at = now();
    const current = Math.floor(at / 30_000);
    const earliest = at - current * 30_000 < 15_000 ? current - 1 : current;
    const step = Math.max(earliest, (usedSteps.get(secret) ?? -Infinity) + 1);
    if (step <= current + 1) {
      usedSteps.set(secret, step);
      return totpNow(secret, step * 30_000);
    }
    await new Promise((r) => setTimeout(r, (current + 1) * 30_000 - now() + 20));
  }
}

export async function call<T = unknown>(
  url: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Reply<T>> {
  const res = await fetch(url + path, {
    method,
    headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: res.status, body: parsed as T };
}

/** How a test hub is started: its clock, whether the demo is seeded, its proxies, device custody. */
export interface HubOptions {
  clock?: () => Date;
  demo?: boolean;
  trustedProxies?: string[];
  deviceCustody?: boolean;
}

export async function startHub(dialect: Dialect, options: HubOptions = {}): Promise<TestHub> {
  const dir = mkdtempSync(join(tmpdir(), 'shokai-test-'));
  const loc = await freshLocation(dialect, dir);
  const { store, ctx, masterKey, demo } = await seededDemo(loc.location, {
    deviceCustody: options.deviceCustody ?? true,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.demo === false ? { demo: false } : {}),
  });
  const server = await startServer(ctx, {
    port: 0,
    host: '127.0.0.1',
    web: false,
    trustedProxies: options.trustedProxies ?? [],
  });
  // Sessions last 6 hours on the hub's clock; a test that moves the clock past that signs in afresh.
  const SESSION_MS = 6 * 3600_000;
  const sessions = new Map<string, { client: Client; at: number }>();
  const hub: TestHub = {
    ctx,
    server,
    demo,
    dir,
    url: server.url,
    storeUrl: loc.url,
    masterKey,
    async as(login) {
      // One session per person, as at a desk: signing in again within the same TOTP step is refused.
      const known = sessions.get(login);
      if (known && ctx.clock().getTime() - known.at < SESSION_MS) return known.client;
      const l = demo.logins.find((x) => x.login === login);
      if (!l) throw new Error(`no demo login ${login}`);
      const r = await call<{ token: string }>(server.url, 'POST', '/v1/auth/login', {
        login,
        password: l.password,
        totp: await nextTotp(l.totpSecret, () => ctx.clock().getTime()),
        returnToken: true,
      });
      if (r.status !== 200) throw new Error(`login ${login} failed: ${JSON.stringify(r.body)}`);
      const token = r.body.token;
      const passkey = demo.authenticators?.[login];
      const origin = server.url.replace('127.0.0.1', 'localhost');
      const raw = <T>(m: string, p: string, b?: unknown, h: Record<string, string> = {}) =>
        call<T>(server.url, m, p, b, { authorization: `Bearer ${token}`, ...h });
      const client: Client = {
        token,
        ...(passkey ? { passkey, origin } : {}),
        // A provider answers from its own side, as its browser or installation does (issue 11): an
        // answer given in clear is signed and sealed here with the provider's own credential.
        call: providerSide(hub, login, raw),
        rawCall: raw,
      };
      sessions.set(login, { client, at: ctx.clock().getTime() });
      return client;
    },
    async close() {
      await server.close();
      await store.close();
      await loc.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return hub;
}

/** Signs in a person a test made (not of the demo) with their password and TOTP secret: their client. */
export async function signInMade(
  hub: Pick<TestHub, 'ctx' | 'url'>,
  login: string,
  password: string,
  totpSecret: string,
): Promise<Client> {
  const r = await call<{ token: string }>(hub.url, 'POST', '/v1/auth/login', {
    login,
    password,
    totp: await nextTotp(totpSecret, () => hub.ctx.clock().getTime()),
    returnToken: true,
  });
  if (r.status !== 200) throw new Error(`login ${login} failed: ${JSON.stringify(r.body)}`);
  const token = r.body.token;
  return { token, call: (m, p, b, h = {}) => call(hub.url, m, p, b, { authorization: `Bearer ${token}`, ...h }) };
}

/**
 * The sign-in's raw answer to demo person `login`'s password and TOTP (taken on the clock `now`), for
 * tests that read its status, cookies or body themselves; `extra` (`returnToken`, say) joins the body.
 */
export async function postDemoLogin(
  hub: Pick<TestHub, 'demo' | 'url'>,
  login: string,
  now: () => number,
  extra: Record<string, unknown> = {},
): Promise<Response> {
  const l = hub.demo.logins.find((x) => x.login === login);
  if (!l) throw new Error(`no demo login ${login}`);
  return fetch(`${hub.url}/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login, password: l.password, totp: await nextTotp(l.totpSecret, now), ...extra }),
  });
}

/** The password of the people tests make with `madePerson`. */
export const MADE_PASSWORD = 'correct horse battery staple';

/**
 * A person a test makes at a demo organisation through the installation's operator, signed in: the grants
 * of their privileged roles (an auditor's, say) countersigned first by `countersigner`, a demo person of the
 * organisation who may (its administrator), as the demo's own are.
 */
export async function madePerson(
  hub: Pick<TestHub, 'ctx' | 'url'>,
  person: { organisation: string; login: string; displayName?: string; roles: Role[]; countersigner: string },
): Promise<Client> {
  const made = await madeAndEnrolled(
    hub.ctx,
    SYSTEM_CALLER,
    {
      organisationId: await orgId(hub, person.organisation),
      login: person.login,
      displayName: person.displayName ?? person.login,
      roles: person.roles,
    },
    MADE_PASSWORD,
  );
  const second = await principalOfLogin(hub.ctx.store.db, person.countersigner);
  for (const g of made.grants.filter((g) => g.state === 'pending')) await run(hub.ctx, countersignGrant, second, g.id);
  return signInMade(hub, person.login, MADE_PASSWORD, made.totpSecret);
}

/** A demo organisation's id by its English name (a test hub's or a browser test's). */
export async function orgId(hub: Pick<TestHub, 'ctx'>, nameEn: string): Promise<string> {
  const r = await hub.ctx.store.db
    .selectFrom('organisations')
    .select('id')
    .where('name_en', '=', nameEn)
    .executeTakeFirstOrThrow();
  return r.id;
}

/** Signs each demo person in (`hub.as`), in order: the clients in the same order. */
export async function signInAll<const L extends readonly string[]>(
  hub: TestHub,
  ...logins: L
): Promise<{ [K in keyof L]: Client }> {
  const clients: Client[] = [];
  for (const login of logins) clients.push(await hub.as(login));
  return clients as { [K in keyof L]: Client };
}

/** The demo organisations the tests address, by a short name. */
export const DEMO_ORGS = {
  board: 'Sakura Board K.K.',
  isp: 'Nihon Network Communications K.K.',
  court: 'Tokyo District Court',
  mpd: 'Tokyo Metropolitan Police Department',
  cafe: 'Manga Cafe Shinjuku',
  osaka: 'Osaka Prefectural Police',
} as const;

/** The ids of the demo organisations, by their short names. */
export async function orgIds(hub: Pick<TestHub, 'ctx'>): Promise<Record<keyof typeof DEMO_ORGS, string>> {
  const ids: Partial<Record<keyof typeof DEMO_ORGS, string>> = {};
  for (const [k, name] of Object.entries(DEMO_ORGS)) ids[k as keyof typeof DEMO_ORGS] = await orgId(hub, name);
  return ids as Record<keyof typeof DEMO_ORGS, string>;
}

/** A hub, the people signed in on it (in the order of their logins) and the demo organisations' ids. */
export interface HubWith<L extends readonly string[]> {
  hub: TestHub;
  people: { [K in keyof L]: Client };
  orgs: Record<keyof typeof DEMO_ORGS, string>;
}

/**
 * The usual start of an HTTP test: a hub of `dialect` (see `startHub`), the demo people `logins` signed in
 * on it (their clients in the same order) and the ids of the demo organisations.
 */
export async function hubWith<const L extends readonly string[]>(
  dialect: Dialect,
  logins: L,
  options: HubOptions = {},
): Promise<HubWith<L>> {
  const hub = await startHub(dialect, options);
  return { hub, people: await signInAll(hub, ...logins), orgs: await orgIds(hub) };
}

/**
 * A hub of `dialect` (see `startHub`) for the tests of one `describe`: started before them and closed
 * after them. Call it in the `describe`; what it returns stands for the hub once the hook has run.
 */
export function hubHooks(dialect: Dialect, options: HubOptions = {}): TestHub {
  let hub: TestHub | undefined;
  before(async () => {
    hub = await startHub(dialect, options);
  });
  after(async () => hub?.close());
  return standIn(() => hub ?? assert.fail('the hub starts in before(): use it inside a test'));
}

/**
 * `hubWith` for the tests of one `describe`: the hub started and the people signed in before them, the
 * hub closed after them. Call it in the `describe`; what it returns stands for the hub, each person and
 * the organisations' ids once the hook has run. `signInAgain` signs the same people in afresh (their
 * sessions of before expire when a test moves the hub's clock on past them).
 */
export function hubWithHooks<const L extends readonly string[]>(
  dialect: Dialect,
  logins: L,
  options: HubOptions = {},
): HubWith<L> & { signInAgain(): Promise<void> } {
  let made: HubWith<L> | undefined;
  before(async () => {
    made = await hubWith(dialect, logins, options);
  });
  after(async () => made?.hub.close());
  const current = () => made ?? assert.fail('the hub starts in before(): use it inside a test');
  return {
    hub: standIn(() => current().hub),
    people: logins.map((login, i) =>
      standIn(() => current().people[i] ?? assert.fail(`${login} is not signed in`)),
    ) as HubWith<L>['people'],
    orgs: standIn(() => current().orgs),
    async signInAgain() {
      const m = current();
      m.people = await signInAll(m.hub, ...logins);
    },
  };
}

/** Approves as a unit head does: read the signing preview, then approve exactly that digest. */
export async function approve<T = RequestDetail>(c: Client, id: string): Promise<Reply<T>> {
  // When the preview is refused, its reply is the answer (an error, as the caller then expects).
  const preview = await c.call<T & { digest: string }>('GET', `/v1/requests/${id}/signing-preview`);
  if (preview.status !== 200) return preview;
  return c.call<T>('POST', `/v1/requests/${id}/transitions`, approval(c, preview.body.digest));
}

/**
 * The body of an approval of `digest` by `c`: signed with their passkey on "their device" (the demo's
 * software authenticator) when they registered one, as the web interface does with the real one.
 */
export function approval(c: Client, digest: string): { action: 'approve'; digest: string; assertion?: SoftAssertion } {
  return {
    action: 'approve',
    digest,
    ...(c.passkey && c.origin ? { assertion: passkeyAssertion(c, digest) } : {}),
  };
}

/** `c`'s passkey assertion over `digest`, made on "their device" (the demo's software authenticator). */
export function passkeyAssertion(c: Client, digest: string): SoftAssertion {
  return softAssert(c.passkey ?? assert.fail('no passkey registered'), challengeOf(digest), c.origin ?? '');
}

/** What a court's signing preview shows: the digest to sign and the canonical text it is the digest of. */
export interface StepPreview {
  digest: string;
  canonical: string;
}

/**
 * A step `c` signs with their passkey, as on the court's screens: POST `body` to `previewPath`, then
 * POST it to `path` with `c`'s passkey assertion over the preview's digest (`reply`). A refused
 * preview is not signed: it is then the `reply` too.
 */
export async function previewAndSign<T>(
  c: Client,
  previewPath: string,
  path: string,
  body: Record<string, unknown>,
): Promise<{ preview: Reply<StepPreview>; reply: Reply<T> }> {
  // A refused preview's reply is the answer (an error, as the caller then expects).
  const preview = await c.call<T & StepPreview>('POST', previewPath, body);
  if (preview.status !== 200) return { preview, reply: preview };
  const reply = await c.call<T>('POST', path, { ...body, assertion: passkeyAssertion(c, preview.body.digest) });
  return { preview, reply };
}

/**
 * Attests a warrant as the judge does on the attestation screen: read the preview, then sign its digest
 * with his passkey (the demo's software authenticator). The hub signs for no court: without one the
 * attestation is refused.
 */
export async function attest<T = WarrantAttestation>(c: Client, body: Record<string, unknown>): Promise<Reply<T>> {
  const preview = await c.call<T & { digest: string }>('POST', '/v1/warrants/attestation-preview', body);
  if (preview.status !== 200) return preview;
  return c.call<T>('POST', '/v1/warrants/attest', {
    ...body,
    ...(c.passkey && c.origin ? { assertion: softAssert(c.passkey, challengeOf(preview.body.digest), c.origin) } : {}),
  });
}

/** A seizure warrant numbered `warrantNumber`, issued at `now` and valid for `validDays` (seven unless told). */
export function seizureWarrant(now: Date, warrantNumber: string, validDays = 7) {
  return {
    type: 'seizure' as const,
    warrantNumber,
    issuedAt: now.toISOString(),
    validUntil: new Date(now.getTime() + validDays * 86400_000).toISOString(),
  };
}

/**
 * The `warrant` of a request: a seizure warrant for the step's targets and categories, valid for
 * `validDays` (seven unless told) from the hub's now, attested by `judge` (asserted to succeed).
 */
export async function attestedWarrant(
  hub: TestHub,
  judge: Client,
  o: {
    warrantNumber: string;
    agencyOrganisationId: string;
    providerOrganisationId: string;
    courtOrganisationId: string;
    step: { targets: unknown[]; categories: unknown[] };
    validDays?: number;
  },
) {
  const w = seizureWarrant(hub.ctx.clock(), o.warrantNumber, o.validDays);
  const att = await attest(judge, {
    agencyOrganisationId: o.agencyOrganisationId,
    providerOrganisationId: o.providerOrganisationId,
    ...w,
    targets: o.step.targets,
    categories: o.step.categories,
  });
  if (att.status !== 200) throw new Error(`attestation refused: ${JSON.stringify(att.body)}`);
  return {
    ...w,
    courtOrganisationId: o.courtOrganisationId,
    attestation: { keyId: att.body.keyId, signature: att.body.signature },
  };
}

/**
 * The second person of the two-person rule: `confirmer` (an administrator or the key officer of the
 * same organisation) confirms the credential `registration` left pending. Returns the confirmation's reply.
 */
export async function confirmPasskey(
  hub: TestHub,
  registration: { confirmation?: { state: string; requestId: string | null } },
  confirmer: string,
): Promise<Reply<{ state: string }>> {
  const requestId = registration.confirmation?.requestId;
  if (!requestId) throw new Error('the registration is not pending a confirmation');
  const c = await hub.as(confirmer);
  return c.call<{ state: string }>('POST', `/v1/credential-requests/${requestId}/confirm`);
}

/** The hub's reply to a passkey's registration: the credential's id and fingerprint, and its confirmation. */
export interface PasskeyRegistration {
  id: string;
  fingerprint: string;
  confirmation: { state: string; requestId: string | null };
}

/**
 * `c` registers a new passkey made on "their device" (the demo's software authenticator) for `origin`, as
 * the web interface does: the options, then the response; both asserted to be taken. Returns the credential
 * made (`made`, to sign with) and the hub's reply (`reg`: pending a second person, or confirmed).
 */
export async function registerPasskey(c: Client, origin: string) {
  const opts = await c.call<CreationOptions>('POST', '/v1/credentials/registration-options');
  assert.equal(opts.status, 200, JSON.stringify(opts.body));
  const made = softRegister(opts.body, origin);
  const reg = await c.call<PasskeyRegistration>('POST', '/v1/credentials', { response: made.response });
  assert.equal(reg.status, 201, JSON.stringify(reg.body));
  return { made, reg: reg.body };
}

/**
 * Posts each bad body of `cases` to `path` as `c`: each is refused (4xx) with its code, the field it
 * names and a message in both languages; the list at `path` holds as many items afterwards as before.
 */
export async function assertRefusedNamingField(
  c: Client,
  path: string,
  cases: Array<[body: unknown, code: string, field: string]>,
): Promise<void> {
  const before = await c.call<{ items: unknown[] }>('GET', path);
  for (const [body, code, field] of cases) {
    const r = await c.call<ApiErrorBody>('POST', path, body);
    assert.equal(r.status >= 400 && r.status < 500, true, JSON.stringify(r.body));
    assert.equal(r.body.error.code, code, `${field}: ${JSON.stringify(r.body)}`);
    assert.equal(r.body.error.details?.field, field, JSON.stringify(r.body));
    assert.ok(r.body.error.message.ja && r.body.error.message.en, 'both languages');
  }
  const afterwards = await c.call<{ items: unknown[] }>('GET', path);
  assert.equal(afterwards.body.items.length, before.body.items.length);
}

/** A well-formed digest that matches nothing (for calls expected to be refused before it is checked). */
export const ANY_DIGEST = '0'.repeat(64);

/** The demo's own device (a machine's, kept in the demo file) of a login, when it has one. */
export function demoDevice(hub: { demo: DemoResult }, login: string) {
  return hub.demo.devices?.find((d) => d.login === login && d.kind === 'machine');
}

/**
 * `login`, whose demo device holds the unit's answer key, enrols `device` (registered, waiting: an
 * installation's or a browser's) by wrapping the key to it, as a person does on the devices page.
 */
export async function enrolByDemoDevice(
  hub: { ctx: AppContext; demo: DemoResult },
  login: string,
  device: { id: string; publicKey: string },
): Promise<void> {
  await enrolWithDemoDevice(hub.ctx, demoDevice(hub, login) ?? assert.fail(`no demo device of ${login}`), device);
}

/**
 * Opens an answer as the member's device does (answers are sealed to keys held on devices, not by the
 * hub): fetches the sealed answer for the demo device of `login` and opens it here, with the typed
 * client's code. The reply carries the opened answer, or the API's error and its status.
 */
export async function openOnDevice(
  hub: TestHub,
  login: string,
  requestId: string,
): Promise<Reply<OpenedOnDevice & { error?: { code: string } }>> {
  const device = demoDevice(hub, login);
  const c = await hub.as(login);
  const api = createApiClient({ baseUrl: hub.url, token: c.token });
  // A member without a device of their own: the hub refuses them whatever device they name.
  if (!device) return c.call('GET', `/v1/requests/${requestId}/sealed-answer?device=dev_none`);
  try {
    const body = await openAnswerOnDevice(api, await importDemoDevice(device), requestId);
    return { status: 200, body };
  } catch (e) {
    if (e instanceof ApiError) return { status: e.status, body: { error: { code: e.code } } as never };
    throw e;
  }
}

/**
 * The provider's side of answering, as its browser (its legal officer's passkey) or its installation
 * (its installation key) does it: for `{action: 'answer', answer}` on a request whose provider holds its
 * own credential, the answer is checked, signed and sealed here and sent as `{action: 'answer', sealed}`.
 * What the provider's side refuses (an answer that does not fit, a preview it did not review) comes back
 * as the hub's refusals did; a provider not yet migrated still answers in clear.
 */
async function sealOnProviderSide(
  hub: ProviderSideHub,
  raw: RawCall,
  path: string,
  body: unknown,
  who: { passkey: SoftCredential | undefined; origin: string; clock: () => Date },
): Promise<{ body: unknown } | { reply: Reply } | undefined> {
  const m = /^\/v1\/requests\/([^/?]+)\/transitions$/.exec(path);
  if (!m || typeof body !== 'object' || body === null) return undefined;
  const b = body as { action?: unknown; answer?: AnswerContent; digest?: string; sealed?: unknown };
  if (b.action !== 'answer' || b.answer === undefined || b.sealed !== undefined) return undefined;
  const keys = await raw<AnswerKeys>('GET', `/v1/requests/${m[1]}/answer-keys`);
  // Not the provider's to answer (the hub says why), or a provider without a credential of its own.
  if (keys.status !== 200) return undefined;
  const installation = hub.demo.installationKeys?.find(
    (k) => k.organisationId === keys.body.request.providerOrganisationId,
  );
  const signer =
    who.passkey && keys.body.signers.passkey
      ? passkeySigner(keys.body.signers.passkey.keyId, async (challenge) =>
          softAssert(who.passkey as SoftCredential, challenge, who.origin),
        )
      : installation && keys.body.signers.installationKey?.keyId === installation.keyId
        ? installationKeySigner(installation.keyId, await demoInstallationSigner(installation))
        : undefined;
  if (!signer) return undefined;
  let answer: AnswerContent;
  try {
    answer = prepareAnswer(b.answer, keys.body);
  } catch (e) {
    if (e instanceof DomainError) {
      return { reply: { status: 400, body: { error: { code: e.code, message: e.messages, details: e.details } } } };
    }
    throw e;
  }
  if (b.digest !== undefined && b.digest !== (await answerReviewDigest(keys.body.request, answer))) {
    const message = {
      ja: '確認した回答と送信しようとする回答が異なります',
      en: 'the answer is not the one you reviewed',
    };
    return { reply: { status: 409, body: { error: { code: 'CONFLICT', message, details: { field: 'digest' } } } } };
  }
  const sealed = await buildSealedAnswer({
    request: keys.body.request,
    answer,
    answeredAt: who.clock().toISOString(),
    unitKey: keys.body.unitKey,
    ownKey: keys.body.ownKey,
    signer,
  });
  return { body: { action: 'answer', sealed } };
}
