// npm run bench:exchange [-- --seconds 20 --concurrency 16 --store sqlite|postgres --floor-seconds 5 --warmup 2
//   --prof DIR --out FILE --quick]
//
// Starts the real `shokai serve --demo` in a child process over a fresh store (a temp SQLite file, or
// a fresh PostgreSQL schema that is dropped afterwards), logs in the investigator (sato), the unit head
// (tanaka) and the provider's legal desk (board.legal) with password + TOTP, then N concurrent workers
// each loop for a bounded time: create draft (Idempotency-Key) → submit → approve (the unit head's
// passkey assertion over the signing preview's digest, made by the demo's software authenticator as the
// tests do; the hub verifies it, signs and delivers) → start_review → answer (issue 11: the provider's
// side fetches the answer keys, signs with its legal officer's passkey and seals to the unit and to
// itself, then the hub checks the sealed answer blind). The client-side steps (assertion, signing and
// sealing) are timed apart from the calls. Every state-changing call is counted and timed. The floor is
// GET /healthz on the same server through the same client for a bounded time. At the end the server is
// stopped and the store is checked directly: every acknowledged create exactly once (by id and by
// idempotency key), every acknowledged answer with exactly one sealed answer row, the audit chain verified.
// Writes bench/results/exchange.json. Only 127.0.0.1; everything stops by itself.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { TOTP } from 'otpauth';
import { verifyStoreAudit } from '../src/audit/audit-service.ts';
import { readAuditKeyPin } from '../src/audit/key-pin.ts';
import {
  type AnswerKeys,
  buildSealedAnswer,
  passkeySigner,
  prepareAnswer,
  type SealedAnswerSubmission,
} from '../src/client/answer-seal.ts';
import { generateKekSecret } from '../src/crypto/key-wrap.ts';
import { demoAuthenticatorsPath, demoLoginsPath } from '../src/demo/logins-file.ts';
import {
  challengeOf,
  demoOrigin,
  type SoftCredential,
  SoftCredentialSchema,
  softAssert,
} from '../src/demo/soft-authenticator.ts';
import type { AnswerContent } from '../src/domain/answer-content.ts';
import { openStore } from '../src/store/database.ts';
import { cpuSecondsOf, JsonClient, type Reply, round, Samples, stringField } from './lib/http.ts';
import { dropSchema } from './lib/postgres.ts';
import { benchOptions, writeResults } from './lib/report.ts';

const ROOT = join(import.meta.dirname, '..');
const PG_BASE = process.env.SHOKAI_BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

const args = benchOptions('exchange', {
  seconds: '20',
  concurrency: '16',
  store: 'sqlite',
  'floor-seconds': '5',
  warmup: '2',
  'max-cycles': '1000000',
  prof: null,
});
const PROF = args.option('prof');
const OUT = args.out;
const QUICK = args.quick;
const SECONDS = QUICK ? 5 : Number(args.option('seconds'));
const CONCURRENCY = Number(args.option('concurrency'));
const FLOOR_SECONDS = QUICK ? 2 : Number(args.option('floor-seconds'));
const WARMUP_SECONDS = Number(args.option('warmup'));
const MAX_CYCLES = Number(args.option('max-cycles'));
const STORE = args.option('store');
if (STORE !== 'sqlite' && STORE !== 'postgres') throw new Error('--store sqlite|postgres');
if (
  !(
    SECONDS > 0 &&
    SECONDS <= 600 &&
    CONCURRENCY >= 1 &&
    CONCURRENCY <= 512 &&
    FLOOR_SECONDS >= 0 &&
    FLOOR_SECONDS <= 120
  )
)
  throw new Error('bounds: 0 < seconds ≤ 600, 1 ≤ concurrency ≤ 512, floor-seconds ≤ 120');

const log = (s: string) => process.stderr.write(`${s}\n`);
const CLIENT_NOTES: Record<string, string> = {
  approval_assertion:
    "the unit head's passkey assertion over the digest (software authenticator, in the load generator)",
  answer_sign_seal:
    "the provider's side: check the answer, two passkey assertions (answer, box), two ECDH-P256 boxes (unit, provider)",
};
const TARGET = { callsPerSecond: 2000, p99Ms: 50 };

// ---------- the server, in its own process ----------
interface Hub {
  child: ChildProcess;
  url: string;
  secrets: Map<string, string>;
  password: string;
}

async function startHub(dir: string, databaseUrl: string): Promise<Hub> {
  const nodeArgs = PROF ? ['--cpu-prof', `--cpu-prof-dir=${PROF}`] : [];
  const child = spawn(process.execPath, [...nodeArgs, join(ROOT, 'bin', 'shokai.js'), 'serve', '--demo'], {
    cwd: dir,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      SHOKAI_DATA_DIR: dir,
      DATABASE_URL: databaseUrl,
      SHOKAI_MASTER_KEY: generateKekSecret(),
      SHOKAI_LANG: 'en',
      NODE_ENV: 'production',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the server did not start within 120 s\n${out}\n${err}`));
    }, 120_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited (${code}) before it was ready\n${out}\n${err}`));
    });
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      // printDemo: the URL, then the logins with their TOTP secrets, then a line about codes.
      if (!out.includes('Current code for a login')) return;
      const url = /is running: (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
      const password = /shared password: ([^;]+);/.exec(out)?.[1];
      const secrets = new Map<string, string>();
      for (const m of out.matchAll(/^ {2}(\S+)\s.*TOTP secret (\S+)$/gm)) secrets.set(m[1]!, m[2]!);
      if (!url || !password) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      child.stdout!.removeAllListeners('data');
      child.stdout!.resume();
      resolve({ child, url, secrets, password });
    });
  });
}

async function stopHub(hub: Hub): Promise<void> {
  if (hub.child.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    const t = setTimeout(() => hub.child.kill('SIGKILL'), 20_000);
    hub.child.once('exit', () => {
      clearTimeout(t);
      resolve();
    });
    hub.child.kill('SIGTERM');
  });
}

// ---------- sessions ----------
interface Session {
  login: string;
  userId: string;
  organisationId: string;
  headers: Record<string, string>;
}

async function signIn(client: JsonClient, hub: Hub, login: string): Promise<Session> {
  const secret = hub.secrets.get(login);
  if (!secret) throw new Error(`no demo login ${login} in the server's output`);
  const totp = new TOTP({ secret, algorithm: 'SHA1', digits: 6, period: 30 }).generate();
  const r = await client.call<{ token: string }>('POST', '/v1/auth/login', {
    login,
    password: hub.password,
    totp,
    returnToken: true,
  });
  if (r.status !== 200) throw new Error(`login ${login}: ${r.status} ${JSON.stringify(r.body)}`);
  const headers = { authorization: `Bearer ${r.body.token}` };
  const me = await client.call<{ user: { id: string; organisationId: string } }>('GET', '/v1/me', undefined, headers);
  if (me.status !== 200) throw new Error(`/v1/me for ${login}: ${me.status}`);
  return { login, userId: me.body.user.id, organisationId: me.body.user.organisationId, headers };
}

// ---------- the load ----------
const TYPES = ['create', 'submit', 'approve', 'start_review', 'answer'] as const;
type CallType = (typeof TYPES)[number] | 'create_replay' | 'preview' | 'answer_keys' | 'healthz';
/** Work on the client's side (the person's device, the provider's browser), timed apart from the calls. */
const CLIENT_STEPS = ['approval_assertion', 'answer_sign_seal'] as const;
type ClientStep = (typeof CLIENT_STEPS)[number];

interface Acked {
  creates: { id: string; key: string }[];
  answered: string[];
  replays: number;
  replayMismatches: number;
}

interface Failure {
  type: CallType;
  status: number;
  body: unknown;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'shokai-bench-'));
  const schema = `bench_${randomBytes(5).toString('hex')}`;
  const databaseUrl = STORE === 'sqlite' ? join(dir, 'shokai.sqlite') : `${PG_BASE}?schema=${schema}`;
  if (PROF) mkdirSync(PROF, { recursive: true });
  log(
    `store: ${STORE === 'sqlite' ? databaseUrl : `${PG_BASE} schema ${schema}`}; ` +
      `seeding the demo and starting the server…`,
  );
  let hub: Hub | undefined;
  try {
    hub = await startHub(dir, databaseUrl);
    const http = new JsonClient(hub.url, CONCURRENCY);
    log(
      `server ${hub.url} (pid ${hub.child.pid}); ${CONCURRENCY} workers, ` +
        `${SECONDS} s (+${WARMUP_SECONDS} s warm-up), floor ${FLOOR_SECONDS} s`,
    );
    const [sato, tanaka, board] = (await Promise.all(
      ['sato', 'tanaka', 'board.legal'].map((l) => signIn(http, hub!, l)),
    )) as [Session, Session, Session];

    // A request the demo's policies allow: an inquiry for subscriber data to a non-carrier provider.
    const content = (w: number, n: number) => ({
      kind: 'inquiry',
      providerOrganisationId: board.organisationId,
      caseReference: `BENCH-${w}`,
      offence: '脅迫',
      facts: `掲示板への脅迫的な書き込み（負荷試験 ${w}-${n}）`,
      necessity: '発信者の特定のため',
      targets: [{ type: 'url', url: `https://sakura-board.example/t/${w}#${n}` }],
      categories: ['subscriber'],
    });
    const answer: AnswerContent = {
      outcome: 'full',
      items: [{ targetIndex: 0, result: 'found', subscriber: { name: '山田 太郎', email: 'taro@example.jp' } }],
    };
    // The people's own devices (DEMO ONLY): the software authenticators the demo registered for them,
    // kept in the demo's file beside the logins — never in the hub's store.
    const devices = JSON.parse(readFileSync(demoAuthenticatorsPath(demoLoginsPath(dir)), 'utf8')) as {
      authenticators: Record<string, unknown>;
    };
    const keyOf = (login: string): SoftCredential => {
      const k = SoftCredentialSchema.optional().parse(devices.authenticators[login]);
      if (!k) throw new Error(`no demo passkey for ${login} in ${dir}`);
      return k;
    };
    const tanakaKey = keyOf('tanaka');
    const boardKey = keyOf('board.legal');
    const origin = demoOrigin(tanakaKey.rpId);

    const samples = new Map<CallType, Samples>();
    for (const t of [...TYPES, 'create_replay', 'preview', 'answer_keys', 'healthz'] as CallType[])
      samples.set(t, new Samples());
    const client = new Map<ClientStep, Samples>(CLIENT_STEPS.map((t) => [t, new Samples()]));
    const clientTimed = async <T>(step: ClientStep, f: () => T | Promise<T>): Promise<T> => {
      const t0 = performance.now();
      const out = await f();
      if (recording) client.get(step)!.push(performance.now() - t0);
      return out;
    };
    const acked: Acked = { creates: [], answered: [], replays: 0, replayMismatches: 0 };
    const failures: Failure[] = [];
    let failureCount = 0;
    let recording = false;
    let cycles = 0;

    const timed = async <T = unknown>(
      type: CallType,
      method: string,
      path: string,
      s: Session,
      body?: unknown,
      extra: Record<string, string> = {},
    ) => {
      const t0 = performance.now();
      const r = await http.call<T>(method, path, body, { ...s.headers, ...extra });
      const ms = performance.now() - t0;
      if (recording) samples.get(type)!.push(ms);
      return r;
    };
    const expect = (type: CallType, r: Reply, status: number, state?: string): boolean => {
      if (r.status === status && (!state || stringField(r.body, 'state') === state)) return true;
      failureCount++;
      if (failures.length < 20) failures.push({ type, status: r.status, body: r.body });
      return false;
    };

    // Floor: the same server, the same client and concurrency, a trivial endpoint.
    const floor = async (seconds: number) => {
      const until = performance.now() + seconds * 1000;
      let n = 0;
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (performance.now() < until) {
            const t0 = performance.now();
            const r = await http.call('GET', '/healthz');
            if (recording) samples.get('healthz')!.push(performance.now() - t0);
            if (r.status !== 200) expect('healthz', r, 200);
            n++;
          }
        }),
      );
      return n;
    };
    await floor(Math.min(1, FLOOR_SECONDS)); // warm the sockets and the JIT
    recording = true;
    const f0 = performance.now();
    const floorCpu0 = await cpuSecondsOf(hub.child.pid!);
    const floorCalls = FLOOR_SECONDS > 0 ? await floor(FLOOR_SECONDS) : 0;
    const floorCpu1 = await cpuSecondsOf(hub.child.pid!);
    const floorSeconds = (performance.now() - f0) / 1000;
    recording = false;
    const load0 = loadavg()[0]!;

    const worker = async (w: number, until: () => number) => {
      for (let n = 0; performance.now() < until() && cycles < MAX_CYCLES; n++) {
        cycles++;
        const key = `bench-${w}-${n}-${randomBytes(4).toString('hex')}`;
        const body = { content: content(w, n) };
        const d = await timed<{ id: string }>('create', 'POST', '/v1/requests', sato, body, { 'idempotency-key': key });
        if (!expect('create', d, 201, 'draft')) continue;
        const id = d.body.id;
        acked.creates.push({ id, key });
        if (n % 20 === 7) {
          // The same create again with the same key: the same request, nothing new stored.
          const again = await timed('create_replay', 'POST', '/v1/requests', sato, body, { 'idempotency-key': key });
          acked.replays++;
          if (again.status !== 201 || stringField(again.body, 'id') !== id) acked.replayMismatches++;
        }
        const path = `/v1/requests/${id}/transitions`;
        if (
          !expect('submit', await timed('submit', 'POST', path, sato, { action: 'submit' }), 200, 'awaiting_approval')
        )
          continue;
        // The unit head reads exactly what will be signed, then approves that digest with his passkey.
        const preview = await timed<{ digest: string }>('preview', 'GET', `/v1/requests/${id}/signing-preview`, tanaka);
        if (!expect('preview', preview, 200)) continue;
        const digest = preview.body.digest;
        const assertion = await clientTimed('approval_assertion', () =>
          softAssert(tanakaKey, challengeOf(digest), origin),
        );
        if (
          !expect(
            'approve',
            await timed('approve', 'POST', path, tanaka, { action: 'approve', digest, assertion }),
            200,
            'received',
          )
        )
          continue;
        if (
          !expect(
            'start_review',
            await timed('start_review', 'POST', path, board, { action: 'start_review' }),
            200,
            'under_review',
          )
        )
          continue;
        // The provider's side: the keys to seal to, then sign (passkey) and seal there; the hub sees ciphertext.
        const keys = await timed<AnswerKeys>('answer_keys', 'GET', `/v1/requests/${id}/answer-keys`, board);
        if (!expect('answer_keys', keys, 200)) continue;
        const sealed: SealedAnswerSubmission = await clientTimed('answer_sign_seal', () =>
          buildSealedAnswer({
            request: keys.body.request,
            answer: prepareAnswer(answer, keys.body),
            answeredAt: new Date().toISOString(),
            unitKey: keys.body.unitKey,
            ownKey: keys.body.ownKey,
            signer: passkeySigner(keys.body.signers.passkey?.keyId ?? '', async (challenge) =>
              softAssert(boardKey, challenge, origin),
            ),
          }),
        );
        const a = await timed('answer', 'POST', path, board, { action: 'answer', sealed });
        if (expect('answer', a, 200, 'answered')) acked.answered.push(id);
      }
    };

    const warmEnd = performance.now() + WARMUP_SECONDS * 1000;
    let measureStart = 0;
    let measureEnd = Infinity;
    const runEnd = warmEnd + SECONDS * 1000;
    let cpuServerStart: number | null = null;
    let cpuClientStart = process.cpuUsage();
    const switcher = setTimeout(async () => {
      recording = true;
      measureStart = performance.now();
      cpuServerStart = await cpuSecondsOf(hub!.child.pid!);
      cpuClientStart = process.cpuUsage();
    }, WARMUP_SECONDS * 1000);
    const stopper = setTimeout(
      () => {
        recording = false;
        measureEnd = performance.now();
      },
      WARMUP_SECONDS * 1000 + SECONDS * 1000,
    );
    await Promise.all(Array.from({ length: CONCURRENCY }, (_, w) => worker(w, () => runEnd)));
    clearTimeout(switcher);
    clearTimeout(stopper);
    if (measureEnd === Infinity) measureEnd = performance.now();
    recording = false;
    const measured = (measureEnd - measureStart) / 1000;
    const cpuServer1 = await cpuSecondsOf(hub.child.pid!);
    const load1 = loadavg()[0]!;
    const cpuClient = process.cpuUsage(cpuClientStart);
    http.close();

    log('load finished; stopping the server and checking the store…');
    await stopHub(hub);

    // ---------- verification in the store itself ----------
    const store = await openStore(databaseUrl, { migrate: false });
    let verification: Record<string, unknown>;
    try {
      const db = store.db;
      const ids = acked.creates.map((c) => c.id);
      const chunk = <T>(xs: T[], n = 500) =>
        Array.from({ length: Math.ceil(xs.length / n) }, (_, i) => xs.slice(i * n, i * n + n));
      let createdFound = 0;
      const idemById = new Map<string, number>();
      const drafted = new Map<string, number>();
      for (const part of chunk(ids)) {
        createdFound += (await db.selectFrom('requests').select('id').where('id', 'in', part).execute()).length;
        for (const r of await db
          .selectFrom('audit_entries')
          .select('subject_id')
          .where('action', '=', 'request.drafted')
          .where('subject_id', 'in', part)
          .execute())
          drafted.set(r.subject_id!, (drafted.get(r.subject_id!) ?? 0) + 1);
      }
      const keys = acked.creates.map((c) => `${sato.userId}:${c.key}`);
      const expectId = new Map(acked.creates.map((c) => [`${sato.userId}:${c.key}`, c.id]));
      let idemOk = 0;
      for (const part of chunk(keys)) {
        for (const r of await db
          .selectFrom('idempotency_keys')
          .select(['key', 'response'])
          .where('key', 'in', part)
          .execute()) {
          if (expectId.get(r.key) === r.response) idemOk++;
          idemById.set(r.response, (idemById.get(r.response) ?? 0) + 1);
        }
      }
      // Rows drafted by the bench user beyond the demo's: with no failed call, exactly the acknowledged ones.
      const benchRows = Number(
        (
          await db
            .selectFrom('requests')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('content', 'like', '%負荷試験%')
            .executeTakeFirstOrThrow()
        ).n,
      );
      const answerCounts = new Map<string, number>();
      const answeredState = new Map<string, string>();
      for (const part of chunk(acked.answered)) {
        for (const r of await db.selectFrom('answers').select('request_id').where('request_id', 'in', part).execute())
          answerCounts.set(r.request_id, (answerCounts.get(r.request_id) ?? 0) + 1);
        for (const r of await db.selectFrom('requests').select(['id', 'state']).where('id', 'in', part).execute())
          answeredState.set(r.id, r.state);
      }
      const answersExactlyOnce = acked.answered.filter(
        (id) => answerCounts.get(id) === 1 && answeredState.get(id) === 'answered',
      ).length;
      const lostCreates = ids.length - createdFound;
      const duplicateCreates = ids.filter((id) => (drafted.get(id) ?? 0) !== 1 || (idemById.get(id) ?? 0) !== 1).length;
      const t0 = performance.now();
      // Against the audit key the server pinned at its first start, as `shokai audit verify` does.
      const pin = readAuditKeyPin(undefined, join(dir, 'audit-key.pub'));
      const audit = await verifyStoreAudit(store.db, { trust: { keys: pin.keys } });
      verification = {
        acknowledgedCreates: ids.length,
        createsFound: createdFound,
        createsByIdempotencyKey: idemOk,
        lostCreates,
        duplicateCreates,
        benchRowsInStore: benchRows,
        unacknowledgedRows: benchRows - ids.length,
        idempotentReplays: acked.replays,
        idempotentReplayMismatches: acked.replayMismatches,
        acknowledgedAnswers: acked.answered.length,
        answersExactlyOnce,
        lostAnswers: acked.answered.length - answersExactlyOnce,
        audit: {
          ok: audit.ok,
          entries: audit.entries,
          checkpoints: audit.checkpoints,
          verifySeconds: round((performance.now() - t0) / 1000),
          ...(audit.ok ? {} : { firstBad: audit.firstBad }),
        },
      };
    } finally {
      await store.close();
    }

    // ---------- report ----------
    const serverCpu = cpuServerStart !== null && cpuServer1 !== null ? cpuServer1 - cpuServerStart : null;
    const per: Record<string, unknown> = {};
    let stateChanging = 0;
    const all = new Samples();
    for (const t of TYPES) {
      const s = samples.get(t)!;
      stateChanging += s.count;
      all.merge(s);
      per[t] = { ...s.summary(), perSecond: round(s.count / measured, 1) };
    }
    per.create_replay = {
      ...samples.get('create_replay')!.summary(),
      perSecond: round(samples.get('create_replay')!.count / measured, 1),
      note: 'same Idempotency-Key again; not counted as a state change',
    };
    per.preview = {
      ...samples.get('preview')!.summary(),
      perSecond: round(samples.get('preview')!.count / measured, 1),
      note: 'signing preview read before each approval (audited); not counted as a state change',
    };
    per.answer_keys = {
      ...samples.get('answer_keys')!.summary(),
      perSecond: round(samples.get('answer_keys')!.count / measured, 1),
      note: "the keys the provider's side seals to, read before each answer; not counted as a state change",
    };
    const clientSide = Object.fromEntries(
      CLIENT_STEPS.map((t) => [t, { ...client.get(t)!.summary(), note: CLIENT_NOTES[t] }]),
    );
    const overall = { ...all.summary(), perSecond: round(stateChanging / measured, 1) };
    const floorRate = floorSeconds > 0 ? floorCalls / floorSeconds : 0;
    const v = verification as {
      lostCreates: number;
      duplicateCreates: number;
      lostAnswers: number;
      idempotentReplayMismatches: number;
      audit: { ok: boolean };
    };
    const lost = v.lostCreates + v.lostAnswers;
    const result = {
      benchmark: 'exchange',
      at: new Date().toISOString(),
      machine: {
        cpus: cpus().length,
        cpuModel: cpus()[0]?.model ?? '',
        memoryGiB: round(totalmem() / 2 ** 30, 1),
        node: process.version,
      },
      settings: {
        store: STORE,
        seconds: SECONDS,
        warmupSeconds: WARMUP_SECONDS,
        concurrency: CONCURRENCY,
        floorSeconds: FLOOR_SECONDS,
        flow:
          'create(Idempotency-Key) → submit → approve(passkey assertion, +deliver) → start_review → ' +
          'answer(sealed on the provider side, passkey-signed); inquiry, subscriber data, Sakura Board',
      },
      measuredSeconds: round(measured),
      cycles: { started: cycles, answered: acked.answered.length },
      stateChangingCalls: { total: stateChanging, ...overall },
      perCall: per,
      clientSide,
      floor: {
        endpoint: 'GET /healthz',
        calls: floorCalls,
        perSecond: round(floorRate, 1),
        ...samples.get('healthz')!.summary(),
      },
      ratioFloorToStateChanging: overall.perSecond > 0 ? round(floorRate / overall.perSecond, 1) : null,
      cpu: {
        // CPU time is the robust figure on a shared machine: calls/s follow whatever CPU the server gets.
        serverSecondsPerSecond: serverCpu !== null ? round(serverCpu / measured) : null,
        serverMsPerStateChangingCall:
          serverCpu !== null && stateChanging > 0 ? round((1000 * serverCpu) / stateChanging, 3) : null,
        serverMsPerFloorCall:
          floorCpu0 !== null && floorCpu1 !== null && floorCalls > 0
            ? round((1000 * (floorCpu1 - floorCpu0)) / floorCalls, 3)
            : null,
        clientSecondsPerSecond: round((cpuClient.user + cpuClient.system) / 1e6 / measured),
        loadAverage1m: { beforeRun: round(load0), afterRun: round(load1) },
      },
      failures: { count: failureCount, first: failures },
      verification,
      target: {
        ...TARGET,
        met:
          overall.perSecond >= TARGET.callsPerSecond &&
          overall.p99 <= TARGET.p99Ms &&
          lost === 0 &&
          v.duplicateCreates === 0 &&
          v.audit.ok &&
          failureCount === 0,
      },
    };
    writeResults(OUT, result);

    const row = (name: string, n: number, rate: number, s: { p50: number; p99: number; max: number }) =>
      `${name.padEnd(28)} ${String(n).padStart(8)} ${rate.toFixed(1).padStart(10)} ` +
      `${s.p50.toFixed(2).padStart(8)} ${s.p99.toFixed(2).padStart(8)} ${s.max.toFixed(2).padStart(9)}`;
    const lines = [
      '',
      `shokai exchange benchmark — ${STORE}, ${CONCURRENCY} workers, ${round(measured, 1)} s measured, ` +
        `${cpus().length} CPUs, Node ${process.version}`,
      `${'call'.padEnd(28)} ${'calls'.padStart(8)} ${'calls/s'.padStart(10)} ${'p50 ms'.padStart(8)} ` +
        `${'p99 ms'.padStart(8)} ${'max ms'.padStart(9)}`,
      ...TYPES.map((t) => row(t, samples.get(t)!.count, samples.get(t)!.count / measured, samples.get(t)!.summary())),
      row('ALL state-changing', stateChanging, overall.perSecond, overall),
      row(
        '(create replay)',
        samples.get('create_replay')!.count,
        samples.get('create_replay')!.count / measured,
        samples.get('create_replay')!.summary(),
      ),
      row(
        '(signing preview)',
        samples.get('preview')!.count,
        samples.get('preview')!.count / measured,
        samples.get('preview')!.summary(),
      ),
      row(
        '(answer keys)',
        samples.get('answer_keys')!.count,
        samples.get('answer_keys')!.count / measured,
        samples.get('answer_keys')!.summary(),
      ),
      ...CLIENT_STEPS.map((t) =>
        row(`client: ${t}`, client.get(t)!.count, client.get(t)!.count / measured, client.get(t)!.summary()),
      ),
      row('floor GET /healthz', floorCalls, floorRate, samples.get('healthz')!.summary()),
      `floor / state-changing ratio: ${result.ratioFloorToStateChanging}×`,
      `server CPU ${result.cpu.serverSecondsPerSecond} s/s = ${result.cpu.serverMsPerStateChangingCall} ms per ` +
        `state-changing call (floor ${result.cpu.serverMsPerFloorCall} ms per call); ` +
        `load generator ${result.cpu.clientSecondsPerSecond} s/s; ` +
        `1-min load average ${round(load0)} → ${round(load1)} on ${cpus().length} CPUs`,
      `failed calls: ${failureCount}   acknowledged creates ${acked.creates.length}, ` +
        `answers ${acked.answered.length}; lost ${lost}, duplicated ${v.duplicateCreates}, ` +
        `idempotent replays ${acked.replays} (mismatched ${v.idempotentReplayMismatches}); ` +
        `audit ${v.audit.ok ? 'ok' : 'FAILED'} (${(verification.audit as { entries: number }).entries} entries)`,
      `target ≥ ${TARGET.callsPerSecond} calls/s, p99 ≤ ${TARGET.p99Ms} ms, zero lost: ` +
        `${result.target.met ? 'MET' : 'NOT MET'}`,
      `→ ${OUT}`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
    if (failures.length) log(`first failures: ${JSON.stringify(failures.slice(0, 3))}`);
    if (lost > 0 || v.duplicateCreates > 0 || !v.audit.ok || v.idempotentReplayMismatches > 0) process.exitCode = 2;
  } finally {
    if (hub) await stopHub(hub);
    if (STORE === 'postgres') await dropSchema(PG_BASE, schema);
    if (!PROF) rmSync(dir, { recursive: true, force: true });
  }
}

await main();
