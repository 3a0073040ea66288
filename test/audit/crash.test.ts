// Crash test: the real server (`bin/shokai.js serve --demo`, as bench/exchange.ts starts it) on a fresh
// store, many concurrent writes through the API, killed with SIGKILL mid-load several times and
// restarted. Afterwards every acknowledged change is in the store, and the audit log verifies against
// the key pinned at the first start — with every receipt handed out before a kill still extended by it.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import type { Schemas } from '#shokai/client';
import { verifyStoreAudit } from '../../src/audit/audit-service.ts';
import { readAuditKeyPin } from '../../src/audit/key-pin.ts';
import { AuditReceiptSchema } from '../../src/audit/receipts.ts';
import { generateKekSecret } from '../../src/crypto/key-wrap.ts';
import type { SignedTreeHead } from '../../src/crypto/tree-head.ts';
import { challengeOf, demoOrigin, type SoftCredential, softAssert } from '../../src/demo/soft-authenticator.ts';
import { openStore } from '../../src/store/database.ts';
import { freshLocation, testDialects } from '../support/dialects.ts';
import { call, nextTotp } from '../support/exchange.ts';
import type { RequestDetail } from '../support/replies.ts';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'shokai.js');
const KILLS = 3;
const LOAD_MS = 1500;
const WORKERS = 8;

/** How far a request's cycle got; a store may hold a later state than acknowledged (a reply lost in the kill). */
const ORDER = ['draft', 'awaiting_approval', 'received', 'under_review', 'answered'];

interface Server {
  child: ChildProcess;
  url: string;
  output: string;
}

function startServer(env: NodeJS.ProcessEnv): Promise<Server> {
  const child = spawn(process.execPath, [BIN, 'serve', '--demo'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the server did not start within 60 s\n${output}`));
    }, 60_000);
    child.stderr?.on('data', (c: Buffer) => {
      output += c.toString();
    });
    const early = (code: number | null) => {
      clearTimeout(timer);
      reject(new Error(`the server exited (${code}) before it was ready\n${output}`));
    };
    child.once('exit', early);
    let ready = false;
    child.stdout?.on('data', (c: Buffer) => {
      output += c.toString();
      if (ready) return;
      const url = /is running: (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
      const done = output.includes('Current code for a login') || output.includes('demo data exists already');
      if (!url || !done) return;
      ready = true;
      clearTimeout(timer);
      // Only this listener: kill() waits on 'exit' too, and later output must not remove its listener.
      child.off('exit', early);
      resolve({ child, url, output });
    });
  });
}

function kill(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (server.child.exitCode !== null || server.child.signalCode !== null) return resolve();
    server.child.once('exit', () => resolve());
    server.child.kill('SIGKILL');
  });
}

type TransitionResult = Schemas['TransitionResult'];
type Organisations = { items: Array<{ id: string; nameEn: string }> };

for (const dialect of testDialects()) {
  describe(`killed under load, restarted (${dialect})`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'shokai-crash-'));
    let server: Server | undefined;
    let drop: () => Promise<void> = async () => undefined;
    after(async () => {
      if (server) await kill(server);
      await drop();
      rmSync(dir, { recursive: true, force: true });
    });

    test(`${KILLS} × SIGKILL mid-load: no acknowledged change lost, the audit log verifies`, {
      timeout: 600_000,
    }, async () => {
      const loc = await freshLocation(dialect, dir);
      drop = loc.drop;
      const env = {
        ...process.env,
        PORT: '0',
        HOST: '127.0.0.1',
        SHOKAI_DATA_DIR: dir,
        DATABASE_URL: loc.url,
        SHOKAI_MASTER_KEY: generateKekSecret(),
        SHOKAI_LANG: 'en',
        NODE_ENV: 'production',
      };
      const first = await startServer(env);
      server = first;
      const password = /shared password: ([^;]+);/.exec(first.output)?.[1] ?? '';
      const secrets = new Map<string, string>();
      for (const m of first.output.matchAll(/^ {2}(\S+)\s.*TOTP secret (\S+)$/gm)) secrets.set(m[1] ?? '', m[2] ?? '');
      const fingerprint = /audit key: (SHA-256 [0-9a-f ]+) \(first start: pinned now in /.exec(first.output)?.[1];
      assert.ok(fingerprint, `the first start pins and prints the audit key\n${first.output}`);

      // Sessions live in the store: one sign-in each serves every restart.
      const tokens = new Map<string, string>();
      const auth = (login: string): Record<string, string> => ({ authorization: `Bearer ${tokens.get(login) ?? ''}` });
      for (const login of ['sato', 'tanaka', 'board.legal']) {
        const secret = secrets.get(login) ?? '';
        const r = await call<{ token: string }>(first.url, 'POST', '/v1/auth/login', {
          login,
          password,
          totp: await nextTotp(secret),
          returnToken: true,
        });
        assert.equal(r.status, 200, JSON.stringify(r.body));
        tokens.set(login, r.body.token);
      }
      const kept = JSON.parse(readFileSync(join(dir, 'demo-authenticators.json'), 'utf8')) as {
        authenticators: Record<string, SoftCredential>;
      };
      const passkey =
        kept.authenticators.tanaka ?? assert.fail('the demo keeps the unit head passkey in demo-authenticators.json');
      const orgs = await call<Organisations>(first.url, 'GET', '/v1/organisations', undefined, auth('sato'));
      const boardId = orgs.body.items.find((o) => o.nameEn === 'Sakura Board K.K.')?.id ?? '';
      assert.ok(boardId);

      const acked = new Map<string, string>();
      const receipts: SignedTreeHead[] = [];
      let calls = 0;
      const ack = (id: string, state: string) => {
        if (ORDER.indexOf(state) > ORDER.indexOf(acked.get(id) ?? 'draft') || !acked.has(id)) acked.set(id, state);
      };

      async function cycle(url: string, n: number): Promise<void> {
        const key = `crash-${randomBytes(8).toString('hex')}`;
        const d = await call<RequestDetail>(
          url,
          'POST',
          '/v1/requests',
          {
            content: {
              kind: 'inquiry',
              providerOrganisationId: boardId,
              caseReference: `CRASH-${n}`,
              offence: '脅迫',
              facts: '掲示板への脅迫的な書き込み',
              necessity: '発信者の特定のため',
              targets: [{ type: 'url', url: `https://sakura-board.example/t/${n}#1` }],
              categories: ['subscriber'],
            },
          },
          { ...auth('sato'), 'idempotency-key': key },
        );
        calls++;
        if (d.status !== 201) return;
        const id = d.body.id;
        ack(id, 'draft');
        const move = async (login: string, body: unknown, state: string): Promise<boolean> => {
          const r = await call<TransitionResult>(url, 'POST', `/v1/requests/${id}/transitions`, body, auth(login));
          calls++;
          if (r.status !== 200) return false;
          assert.equal(r.body.state, state);
          ack(id, state);
          if (r.body.receipt) receipts.push(AuditReceiptSchema.parse(r.body.receipt).treeHead);
          return true;
        };
        if (!(await move('sato', { action: 'submit' }, 'awaiting_approval'))) return;
        const preview = await call<{ digest: string }>(
          url,
          'GET',
          `/v1/requests/${id}/signing-preview`,
          undefined,
          auth('tanaka'),
        );
        if (preview.status !== 200) return;
        // The unit head signs on "his device": the demo's software authenticator, kept outside the store.
        const assertion = softAssert(passkey, challengeOf(preview.body.digest), demoOrigin('localhost'));
        if (!(await move('tanaka', { action: 'approve', digest: preview.body.digest, assertion }, 'received'))) return;
        if (!(await move('board.legal', { action: 'start_review' }, 'under_review'))) return;
        const answer = {
          outcome: 'full',
          items: [{ targetIndex: 0, result: 'found', subscriber: { name: '山田 太郎' } }],
        };
        await move('board.legal', { action: 'answer', answer }, 'answered');
      }

      let n = 0;
      for (let round = 1; round <= KILLS; round++) {
        const url = server.url;
        let killed = false;
        const before = acked.size;
        const workers = Array.from({ length: WORKERS }, async () => {
          // Until the kill: calls in flight then fail, which is the point.
          while (!killed) await cycle(url, ++n).catch(() => undefined);
        });
        // At least LOAD_MS of load and WORKERS newly acknowledged requests, so a slow machine still
        // kills the server mid-load rather than before the load began.
        const started = Date.now();
        while (Date.now() - started < LOAD_MS || (acked.size - before < WORKERS && Date.now() - started < 90_000)) {
          await new Promise((r) => setTimeout(r, 50));
        }
        await kill(server);
        killed = true;
        await Promise.all(workers);
        server = await startServer(env);
        assert.match(server.output, new RegExp(`audit key: ${fingerprint} \\(pinned in `), 'the same pinned key');
      }
      await kill(server);

      assert.ok(acked.size >= WORKERS * KILLS, `load was driven: ${acked.size} requests, ${calls} calls`);
      assert.ok(receipts.length > 0, 'receipts were handed out');
      const store = await openStore(loc.location, { migrate: false });
      try {
        const rows = await store.db.selectFrom('requests').select(['id', 'state']).execute();
        const stored = new Map(rows.map((r) => [r.id, r.state]));
        const answered = new Set(
          (await store.db.selectFrom('answers').select('request_id').execute()).map((a) => a.request_id),
        );
        const lost: string[] = [];
        for (const [id, state] of acked) {
          const now = stored.get(id);
          if (now === undefined || ORDER.indexOf(now) < ORDER.indexOf(state)) lost.push(`${id}: ${state} → ${now}`);
          if (state === 'answered' && !answered.has(id)) lost.push(`${id}: answer row missing`);
        }
        assert.deepEqual(lost, [], 'zero acknowledged changes lost');
        const pin = readAuditKeyPin(undefined, join(dir, 'audit-key.pub'));
        assert.equal(pin.source, 'file');
        const v = await verifyStoreAudit(store.db, { trust: { keys: pin.keys }, knownHeads: receipts });
        assert.equal(v.ok, true, JSON.stringify(v.firstBad));
        assert.ok(v.treeHeads >= receipts.length);
      } finally {
        await store.close();
      }
    });
  });
}
