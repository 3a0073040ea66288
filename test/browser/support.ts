// Browser-test support: a real shokai server (API + built web UI) on 127.0.0.1 over a fresh SQLite
// store seeded with the demo through the service layer, and Debian's chromium driven by
// playwright-core (never a downloaded browser).

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { type Browser, type BrowserContext, chromium, type Page, type Request } from 'playwright-core';
import type { DemoResult } from '../../src/demo/seed.ts';
import { challengeOf, demoOrigin, type SoftCredential, softAssert } from '../../src/demo/soft-authenticator.ts';
import type { AppContext } from '../../src/kernel/context.ts';
import { type RunningServer, startServer } from '../../src/server/start.ts';
import { seededDemo } from '../support/demo-snapshot.ts';
import {
  type Client,
  call,
  enrolByDemoDevice,
  nextTotp,
  orgId,
  providerSide,
  type Reply,
} from '../support/exchange.ts';
import { answeredAbout, boardPost, inquiry, issue } from '../support/flow.ts';

const ROOT = join(import.meta.dirname, '..', '..');
export const SCREENSHOTS = join(ROOT, 'test-output', 'screenshots');
const CHROMIUM = process.env.SHOKAI_CHROMIUM ?? '/usr/bin/chromium';

/** Builds web/dist if it is missing (npm test builds it first; a lone `node --test` may not have). */
export function ensureWebBuilt(): void {
  if (existsSync(join(ROOT, 'web', 'dist', 'index.html'))) return;
  execFileSync(
    process.execPath,
    [
      join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'),
      'build',
      '--config',
      join(ROOT, 'web', 'vite.config.ts'),
      '--logLevel',
      'warn',
    ],
    { stdio: 'inherit', cwd: ROOT },
  );
}

export interface UiHub {
  url: string;
  ctx: AppContext;
  demo: DemoResult;
  /** A bearer-token API client for arranging and checking state outside the browser. */
  api(login: string): Promise<<T = unknown>(method: string, path: string, body?: unknown) => Promise<Reply<T>>>;
  /** The same person as a test hub's client (with their passkey), for the shared request flow. */
  client(login: string): Promise<Client>;
  /** An approval of `digest` by `login`, signed with their passkey (the demo's software authenticator). */
  approval(login: string, digest: string): { action: 'approve'; digest: string; assertion?: unknown };
  /** `login`'s assertion over `digest` made with their passkey (a judge's attestation), when they have one. */
  signed(login: string, digest: string): { assertion?: unknown };
  /** A TOTP code for a new sign-in (each time step is accepted once). */
  totp(login: string): Promise<string>;
  close(): Promise<void>;
}

export async function startUiHub(): Promise<UiHub> {
  ensureWebBuilt();
  const dir = mkdtempSync(join(tmpdir(), 'shokai-ui-'));
  const { store, ctx, demo } = await seededDemo(
    { kind: 'sqlite', path: join(dir, 'store.sqlite') },
    { deviceCustody: true },
  );
  const server: RunningServer = await startServer(ctx, { port: 0, host: '127.0.0.1', web: true });
  const secret = (login: string) => {
    const l = demo.logins.find((x) => x.login === login);
    if (!l) throw new Error(`no demo login ${login}`);
    return l;
  };
  const client = async (login: string): Promise<Client> => {
    const l = secret(login);
    const r = await call<{ token: string }>(server.url, 'POST', '/v1/auth/login', {
      login,
      password: l.password,
      totp: await nextTotp(l.totpSecret),
      returnToken: true,
    });
    if (r.status !== 200) throw new Error(`login ${login}: ${JSON.stringify(r.body)}`);
    const token = r.body.token;
    const raw = <T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
      call<T>(server.url, method, path, body, { authorization: `Bearer ${token}`, ...headers });
    const passkey = demo.authenticators?.[login];
    return {
      token,
      ...(passkey ? { passkey, origin: demoOrigin('localhost') } : {}),
      // A provider's staff answer from their own side: signed with their credential, sealed there.
      call: providerSide({ demo, ctx, url: server.url }, login, raw),
      rawCall: raw,
    };
  };
  return {
    // Reached by host name: WebAuthn scopes passkeys to an RP id (localhost here), never to an IP address.
    url: server.url.replace('127.0.0.1', 'localhost'),
    ctx,
    demo,
    totp: (login) => nextTotp(secret(login).totpSecret),
    api: async (login) => (await client(login)).call,
    client,
    approval(login, digest) {
      const passkey = demo.authenticators?.[login];
      return {
        action: 'approve',
        digest,
        ...(passkey ? { assertion: softAssert(passkey, challengeOf(digest), demoOrigin('localhost')) } : {}),
      };
    },
    signed(login, digest) {
      const passkey = demo.authenticators?.[login];
      return passkey ? { assertion: softAssert(passkey, challengeOf(digest), demoOrigin('localhost')) } : {};
    },
    async close() {
      await server.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Debian's chromium, headless; `extraArgs` for a test that needs the browser itself set otherwise (its language). */
export async function launchBrowser(extraArgs: readonly string[] = []): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-gpu',
      '--no-first-run',
      '--disable-component-update',
      '--disable-sync',
      ...extraArgs,
    ],
  });
}

export const LAPTOP = { width: 1280, height: 800 };
export const TABLET = { width: 820, height: 1180 };

/**
 * A fresh browser context (its own cookies): one person at one desk, in Tokyo with a Japanese browser
 * unless `timezoneId` / `browserLocale` say otherwise (`lang` is the app's language, not the browser's).
 */
export async function newDesk(
  browser: Browser,
  opts: {
    viewport?: { width: number; height: number };
    lang?: 'ja' | 'en';
    timezoneId?: string;
    browserLocale?: string;
    /** Keep the server's CSP in force (no axe-core then): what the page reports under it is seen. */
    enforceCsp?: boolean;
  } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  // bypassCSP only lets the test inject axe-core; the app itself runs under the server's CSP.
  const context = await browser.newContext({
    viewport: opts.viewport ?? LAPTOP,
    timezoneId: opts.timezoneId ?? 'Asia/Tokyo',
    locale: opts.browserLocale ?? 'ja-JP',
    bypassCSP: opts.enforceCsp !== true,
  });
  context.setDefaultTimeout(15_000);
  if (opts.lang) await context.addInitScript(`try { localStorage.setItem('shokai.locale', '${opts.lang}') } catch {}`);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  (page as Page & { jsErrors?: string[] }).jsErrors = errors;
  // The API calls in flight (not the event stream, which stays open), for apiSettled().
  const open = new Set<Request>();
  inFlight.set(page, open);
  page.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    if (path.startsWith('/v1/') && path !== '/v1/events') open.add(r);
  });
  page.on('requestfinished', (r) => open.delete(r));
  page.on('requestfailed', (r) => open.delete(r));
  return { context, page };
}

const inFlight = new WeakMap<Page, Set<Request>>();

/**
 * Resolves once no API call of the page is in flight: what a test does to the session next (clearing
 * its cookies, say) then cannot land between a screen's own calls and their answers.
 */
export async function apiSettled(page: Page): Promise<void> {
  const open = inFlight.get(page);
  if (!open) throw new Error('apiSettled: the page was not opened by newDesk');
  while (open.size > 0) await new Promise((resolve) => setTimeout(resolve, 20));
}

/** One person at one desk: a browser context (its own cookies) and its page. */
export type Desk = { context: BrowserContext; page: Page };
/** How a desk is opened: its window, the app's and the browser's language, its time zone (see newDesk). */
export type DeskOptions = Parameters<typeof newDesk>[1];

/** One test file's hub and browser, started before its tests and closed after them (uiHubHooks). */
export interface UiSuite {
  readonly hub: UiHub;
  readonly browser: Browser;
  /** A fresh desk (its own cookies) in this file's browser. */
  desk(opts?: DeskOptions): Promise<Desk>;
  /** A fresh desk with `login` signed in through the form, at `path`. */
  signedIn(login: string, path?: string, opts?: DeskOptions): Promise<Desk>;
  /** A fresh desk whose browser holds `login`'s passkey (see givePasskey), not yet signed in. */
  deskWithPasskey(login: string, opts?: DeskOptions): Promise<Desk>;
}

/**
 * Registers the file's `before` (start the hub, launch chromium) and `after` (close both) hooks, the
 * same in every browser test; `hub` and `browser` are there once the hooks have run.
 */
export function uiHubHooks(): UiSuite {
  let hub: UiHub | undefined;
  let browser: Browser | undefined;
  before(async () => {
    hub = await startUiHub();
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await hub?.close();
  });
  const suite: UiSuite = {
    get hub() {
      if (!hub) throw new Error('the hub starts in before(): use it inside a test');
      return hub;
    },
    get browser() {
      if (!browser) throw new Error('the browser starts in before(): use it inside a test');
      return browser;
    },
    desk: (opts) => newDesk(suite.browser, opts),
    async signedIn(login, path = '/', opts) {
      const desk = await newDesk(suite.browser, opts);
      await signIn(desk.page, suite.hub, login, path);
      return desk;
    },
    async deskWithPasskey(login, opts) {
      const desk = await newDesk(suite.browser, opts);
      await givePasskey(desk, suite.hub, login);
      return desk;
    },
  };
  return suite;
}

/** Signs in through the sign-in form (password and the current TOTP code). */
export async function signIn(page: Page, hub: UiHub, login: string, path = '/'): Promise<void> {
  await page.goto(hub.url + path);
  await submitSignIn(page, hub, login);
  await page.locator('[data-testid="who-name"]').waitFor();
}

/**
 * Fills the sign-in form on the page with `login`'s password and the current TOTP code (or `totp`, a
 * wrong one, say) and submits it; what follows is the caller's to wait for.
 */
export async function submitSignIn(page: Page, hub: UiHub, login: string, totp?: string): Promise<void> {
  const l = hub.demo.logins.find((x) => x.login === login);
  if (!l) throw new Error(`no demo login ${login}`);
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill(l.password);
  await page.locator('input[name="totp"]').fill(totp ?? (await hub.totp(login)));
  await page.locator('form button[type="submit"]').click();
}

/** The three people of an inquiry to the board, as test clients: sato drafts, tanaka approves, board.legal answers. */
export async function boardInquiryPeople(hub: UiHub): Promise<{ drafter: Client; head: Client; provider: Client }> {
  return {
    drafter: await hub.client('sato'),
    head: await hub.client('tanaka'),
    provider: await hub.client('board.legal'),
  };
}

/** An inquiry to the board for `caseReference` about a post of that name, issued through the API; its id. */
export async function issuedToBoard(hub: UiHub, caseReference: string): Promise<string> {
  const people = await boardInquiryPeople(hub);
  const board = await orgId(hub, 'Sakura Board K.K.');
  const content = inquiry(board, { caseReference, targets: [boardPost(caseReference)] });
  return (await issue(people.drafter, people.head, content)).id;
}

/** An inquiry to the board for `caseReference`, answered with the subscriber `name` through the API; its id. */
export async function answeredByBoard(hub: UiHub, caseReference: string, name: string): Promise<string> {
  const board = await orgId(hub, 'Sakura Board K.K.');
  return answeredAbout(await boardInquiryPeople(hub), board, { caseReference, name });
}

/**
 * Japan's wall time now, to the second, as the instant fields take it, and never before `notBefore`
 * (epoch ms): the field drops the milliseconds, so right after an event the truncated second can fall
 * before the event itself; then this waits for the next whole second.
 */
export async function jstNowNotBefore(notBefore: number): Promise<string> {
  const wait = Math.ceil(notBefore / 1000) * 1000 - Date.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  return jstWallTime(Date.now());
}

/** Japan's wall time at `ms` (epoch ms), to the second, as the instant fields take it. */
export function jstWallTime(ms: number): string {
  return new Date(ms + 9 * 3600_000).toISOString().slice(0, 19);
}

export async function shot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const file = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

const AXE = readFileSync(join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

/** Runs axe-core on the page; fails on any serious or critical violation (listed in the message). */
export async function assertAccessible(page: Page, what: string): Promise<void> {
  if (!(await page.evaluate(() => 'axe' in globalThis))) await page.addScriptTag({ content: AXE });
  const result = (await page.evaluate(async () => {
    const g = globalThis as unknown as {
      axe: { run: (ctx: unknown, opts: unknown) => Promise<unknown> };
      document: unknown;
    };
    return g.axe.run(g.document, {
      resultTypes: ['violations'],
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    });
  })) as { violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[] };
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(
    bad.map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help} — ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 5)
          .join(', ')}`,
    ),
    [],
    `accessibility violations on ${what}`,
  );
}

export function jsErrors(page: Page): string[] {
  return (page as Page & { jsErrors?: string[] }).jsErrors ?? [];
}

/** A POST `page` sent: its path and its JSON body. */
export type Posted = { path: string; body: unknown };

function postsWhere(page: Page, match: (path: string) => boolean): Posted[] {
  const posted: Posted[] = [];
  page.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    if (r.method() === 'POST' && match(path)) posted.push({ path, body: r.postDataJSON() });
  });
  return posted;
}

/** The POSTs `page` sends from now on to a path that starts with `prefix`, in the order sent. */
export const postsUnder = (page: Page, prefix: string): Posted[] => postsWhere(page, (p) => p.startsWith(prefix));

/** The POSTs `page` sends from now on to `path` itself, in the order sent. */
export const postsTo = (page: Page, path: string): Posted[] => postsWhere(page, (p) => p === path);

/**
 * Runs `steps` on the page of `desk`, then asserts the page threw no script error; the desk's window is
 * closed however the steps end.
 */
export async function onDesk(
  desk: Desk | Promise<Desk>,
  steps: (page: Page, context: BrowserContext) => Promise<void>,
): Promise<void> {
  const { context, page } = await desk;
  try {
    await steps(page, context);
    assert.deepEqual(jsErrors(page), []);
  } finally {
    await context.close();
  }
}

/** The request id in the page's URL (/requests/:id...). */
export function requestIdOf(page: Page): string {
  const m = /\/requests\/([^/?#]+)/.exec(new URL(page.url()).pathname);
  if (!m?.[1]) throw new Error(`no request id in ${page.url()}`);
  return decodeURIComponent(m[1]);
}

/**
 * An empty platform authenticator on this desk: Chromium's virtual authenticator (the CDP WebAuthn
 * domain), user verification on. `credentials()` lists the ids (base64url) of what it holds.
 */
export async function platformAuthenticator(context: BrowserContext, page: Page) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('WebAuthn.enable', { enableUI: false });
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  const credentials = async () =>
    (await cdp.send('WebAuthn.getCredentials', { authenticatorId })).credentials.map((c) =>
      Buffer.from(c.credentialId, 'base64').toString('base64url'),
    );
  return { cdp, authenticatorId, credentials };
}

/**
 * Gives this browser context the person's passkey: Chromium's virtual authenticator (the CDP WebAuthn
 * domain), loaded with the credential the demo registered for them through the ceremony, user
 * verification on. The browser then signs with it as with a platform authenticator.
 */
export async function addPasskey(context: BrowserContext, page: Page, credential: SoftCredential): Promise<void> {
  const { cdp, authenticatorId } = await platformAuthenticator(context, page);
  const b64 = (b64u: string) => Buffer.from(b64u, 'base64url').toString('base64');
  await cdp.send('WebAuthn.addCredential', {
    authenticatorId,
    credential: {
      credentialId: b64(credential.credentialId),
      isResidentCredential: false,
      rpId: credential.rpId,
      privateKey: b64(credential.privateKey),
      signCount: credential.signCount,
    },
  });
}

/** Gives `desk` the passkey the demo registered for `login` (see addPasskey). */
export async function givePasskey(desk: Desk, hub: UiHub, login: string): Promise<void> {
  const credential = hub.demo.authenticators?.[login] ?? assert.fail(`${login} has a passkey`);
  await addPasskey(desk.context, desk.page, credential);
}

/**
 * Registers this browser's device on the devices page (its key generated and kept in the browser,
 * non-extractable) and has `holder` — a member whose demo device holds the answer key — wrap the key
 * to it, as a colleague at another desk does after comparing the fingerprint. Returns the device id.
 */
export async function enrolBrowser(page: Page, hub: UiHub, holder: string): Promise<string> {
  await page.goto(`${hub.url}/devices`);
  await page.getByRole('button', { name: 'この端末を登録する' }).click();
  const mine = page.locator('[data-testid="this-device"]');
  await mine.waitFor();
  assert.equal(await mine.getAttribute('data-state'), 'pending');
  const id = (await mine.getAttribute('data-device-id')) ?? '';
  const publicKey = (await mine.getAttribute('data-public-key')) ?? '';
  await enrolByDemoDevice(hub, holder, { id, publicKey });
  await page.reload();
  await page.locator('[data-testid="this-device"][data-state="enrolled"]').waitFor();
  return id;
}

/**
 * Registers this browser's device (on `page`) on the devices page and has a colleague whose browser
 * already holds the answer keys (on `giver`) hand them over on their own devices page, as after comparing
 * the fingerprint; waits until it shows enrolled.
 */
export async function enrolFromBrowser(page: Page, giver: Page, hub: UiHub): Promise<void> {
  await page.goto(`${hub.url}/devices`);
  await page.getByRole('button', { name: 'この端末を登録する' }).click();
  const pending = page.locator('[data-testid="this-device"][data-state="pending"]');
  await pending.waitFor();
  const id = (await pending.getAttribute('data-device-id')) ?? '';
  await giver.goto(`${hub.url}/devices`);
  await giver
    .locator(`[data-testid="devices"] tr[data-device="${id}"]`)
    .getByRole('button', { name: '指紋を照合して鍵を渡す…' })
    .click();
  await giver.locator('[data-testid="enrol-compare"]').getByRole('button', { name: '一致した：鍵を渡す' }).click();
  await giver.locator(`[data-testid="devices"] tr[data-device="${id}"][data-state="enrolled"]`).waitFor();
}
