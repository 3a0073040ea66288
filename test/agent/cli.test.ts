// `shokai agent` on the command line: init writes the keys (mode 600) and the configuration, keys
// records the ids the hub gave, pin verifies and pins the hub's directory, receive takes in an envelope
// file (refusing a forged one), review shows the finding to a named reviewer, status shows counts only;
// own-keys lists a key in the provider's name the pin gained since the watch began until a reviewer confirms it.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { noteEndedAtHub } from '../../src/agent/agent.repository.ts';
import { loadAgentConfig } from '../../src/agent/config.ts';
import { openInstallation } from '../../src/agent/installation.ts';
import { when } from '../../src/agent/render.ts';
import { spkiPin } from '../../src/agent/transport.ts';
import { principalOfLogin } from '../../src/auth/auth-service.ts';
import { terminalSafe } from '../../src/cli/output.ts';
import { exportDirectory } from '../../src/directory/transparency.ts';
import { SYSTEM_CALLER } from '../../src/domain/access.ts';
import { AGENT_REFUSALS } from '../../src/domain/agent-intake.ts';
import { run } from '../../src/kernel/unit-of-work.ts';
import { calledAtNow, issueWarrant } from '../support/agent.ts';
import { orgId, startHub, type TestHub } from '../support/exchange.ts';
import { newCase } from '../support/flow.ts';
import { slipPersonKey } from '../support/slipped-key.ts';
import { createTestCa } from '../support/tls.ts';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'shokai.js');

describe('shokai agent on the command line', () => {
  let hub: TestHub;
  let dir: string;
  const shokai = (...args: string[]) =>
    spawnSync(process.execPath, [BIN, 'agent', ...args, '--config', join(dir, 'agent.json')], {
      env: { ...process.env, SHOKAI_LANG: 'en', SHOKAI_MASTER_KEY: '', SHOKAI_DATA_DIR: dir },
      encoding: 'utf8',
    });
  /** `shokai agent init` for `organisation` reaching the hub at `hubUrl`, writing into the test's folder. */
  const agentInit = (organisation: string, hubUrl: string, options: string[], env: Record<string, string> = {}) =>
    spawnSync(
      process.execPath,
      [BIN, 'agent', 'init', '--organisation', organisation, '--hub', hubUrl, ...options, '--dir', dir],
      { env: { ...process.env, SHOKAI_LANG: 'en', ...env }, encoding: 'utf8' },
    );
  before(async () => {
    hub = await startHub('sqlite');
    dir = mkdtempSync(join(tmpdir(), 'shokai-agent-cli-'));
  });
  after(async () => hub.close());

  test('init, keys, pin, reviewer, receive (a forged file refused), review, status', async () => {
    const isp = await orgId(hub, 'Nihon Network Communications K.K.');
    // A hub that could never be reached (plain http to another machine) is refused before any key is made.
    const plain = agentInit(isp, 'http://hub.example.jp', [], { SHOKAI_DATA_DIR: dir });
    assert.equal(plain.status, 1);
    assert.match(plain.stderr, /the hub is reached over TLS \(https\) only.*--hub/);
    assert.equal(existsSync(join(dir, 'machine.key')), false, 'no key made');
    // A category not in the list is refused, with the choices, before any key is made.
    const odd = agentInit(isp, 'https://127.0.0.1:9443', ['--category', 'telco'], { SHOKAI_DATA_DIR: dir });
    assert.equal(odd.status, 1);
    assert.match(odd.stderr, /expected one of: isp, mobile, .*--category.*telco|expected one of: isp, mobile/);
    assert.ok(odd.stderr.includes('telco') || odd.stderr.includes('--category'), odd.stderr);
    assert.equal(existsSync(join(dir, 'machine.key')), false, 'no key made');
    const cert = await (await createTestCa()).issue('server', '127.0.0.1');
    const init = agentInit(isp, 'https://127.0.0.1:9443', ['--pin', spkiPin(cert.cert), '--category', 'isp']);
    assert.equal(init.status, 0, init.stderr);
    // The provider's own word on what it is: intake applies the civil stage rule by it.
    assert.equal(loadAgentConfig(join(dir, 'agent.json')).providerCategory, 'isp');
    for (const f of ['machine.key', 'installation.key']) assert.equal(statSync(join(dir, f)).mode & 0o777, 0o600);
    const reg = JSON.parse(readFileSync(join(dir, 'registration.json'), 'utf8')) as {
      installationKey: { body: { publicKey: string; proof: string } };
    };
    assert.match(reg.installationKey.body.proof, /^[A-Za-z0-9_-]{86}$/);
    const inst = JSON.parse(readFileSync(join(dir, 'installation.key'), 'utf8')) as { format: string };
    assert.equal(inst.format, 'shokai-installation-key/v1', 'the same file as shokai provider key init writes');
    assert.equal(shokai('keys', '--machine-key-id', 'key_m', '--installation-key-id', 'key_i').status, 0);
    assert.equal((JSON.parse(readFileSync(join(dir, 'machine.key'), 'utf8')) as { keyId: string }).keyId, 'key_m');

    const dirFile = join(dir, 'directory.json');
    writeFileSync(dirFile, JSON.stringify(await run(hub.ctx, exportDirectory, SYSTEM_CALLER)));
    const pin = shokai('pin', dirFile);
    assert.equal(pin.status, 0, pin.stderr);
    assert.match(pin.stdout, /pinned: hub key/);
    const rev = shokai('reviewer', 'add', 'legal');
    assert.equal(rev.status, 0, rev.stderr);

    const caseId = await newCase(hub, 'CLI-1');
    const id = await issueWarrant(
      hub,
      isp,
      caseId,
      [{ type: 'ip', address: '203.0.113.45', port: 51234, at: '2026-11-30T23:42:17+09:00', toleranceSeconds: 0 }],
      'CLI',
    );
    const env = await (await hub.as('isp.legal')).call<{ envelope: { payload: { content: { offence: string } } } }>(
      'GET',
      `/v1/requests/${id}/envelope`,
    );
    const good = join(dir, 'in.json');
    writeFileSync(good, JSON.stringify(env.body));
    const forged = structuredClone(env.body);
    forged.envelope.payload.content.offence = '窃盗';
    const bad = join(dir, 'forged.json');
    writeFileSync(bad, JSON.stringify(forged));
    const r1 = shokai('receive', bad);
    assert.equal(r1.status, 2, r1.stderr);
    assert.match(r1.stdout, /refused/);
    // Why, in words (ja/en), not the refusal's code.
    const ja = spawnSync(process.execPath, [BIN, 'agent', 'receive', bad, '--config', join(dir, 'agent.json')], {
      env: { ...process.env, SHOKAI_LANG: '', SHOKAI_MASTER_KEY: '', SHOKAI_DATA_DIR: dir },
      encoding: 'utf8',
    });
    for (const [out, lang, word] of [
      [r1.stdout, 'en', 'refused'],
      [ja.stdout, 'ja', '拒否'],
    ] as const) {
      const why = Object.values(AGENT_REFUSALS).map((m) => `  ${word}: ${id}: ${m[lang]}`);
      assert.ok(
        out.split('\n').some((line) => why.includes(line)),
        out,
      );
    }
    const r2 = shokai('receive', good);
    assert.equal(r2.status, 0, r2.stderr);
    assert.match(r2.stdout, /stored 1/);
    // No hub is reached here: the output names the pin it was checked against (when, in the installation's zone
    // with its offset, as the agent's other lines), and what it cannot see.
    const tokyo = String.raw`\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} \+09:00`;
    assert.match(r2.stdout, new RegExp(`checked against the pinned directory of ${tokyo}: a key or duty designation`));
    const list = shokai('list');
    assert.match(list.stdout, new RegExp(id));
    assert.notEqual(shokai('review', id, '--as', 'nobody').status, 0, 'only a registered reviewer');
    const review = shokai('review', id, '--as', 'legal');
    assert.equal(review.status, 0, review.stderr);
    assert.match(review.stdout, /\[1\] 203\.0\.113\.45:51234 @ 2026-11-30 23:42:17 \+09:00/);
    // This installation holds no address logs: it says so, and there is nothing to approve as drafted.
    assert.match(review.stdout, /a person writes the answer/);
    assert.doesNotMatch(review.stdout, /--digest/);
    // Files for the answer: one attached (review lists it), one of a type not taken refused, one taken off.
    const excerpt = join(dir, 'excerpt.log');
    writeFileSync(excerpt, 'nat 203.0.113.45:51234\n');
    const zip = join(dir, 'logs.zip');
    writeFileSync(zip, 'PK\x03\x04');
    const att = shokai('attach', id, excerpt, '--as', 'legal');
    assert.equal(att.status, 0, att.stderr);
    const fileId = /^(att_\S+)\s+excerpt\.log\s+text\/plain/m.exec(att.stdout)?.[1] ?? '';
    assert.ok(fileId, att.stdout);
    const refusedZip = shokai('attach', id, zip, '--as', 'legal');
    assert.notEqual(refusedZip.status, 0);
    assert.match(refusedZip.stderr, /cannot be attached/);
    assert.match(shokai('review', id, '--as', 'legal').stdout, new RegExp(`${fileId}\\s+excerpt\\.log`));
    assert.equal(shokai('detach', id, fileId, '--as', 'legal').status, 0);
    assert.doesNotMatch(shokai('review', id, '--as', 'legal').stdout, /excerpt\.log/);
    // A draft answer from a file (`edit --file`): a time without its offset is refused, the field named in words
    // with the value, in the CLI's language; the draft stays as it was.
    const draftBefore = shokai('review', id, '--as', 'legal', '--json').stdout;
    const answerFile = join(dir, 'answer.json');
    const item = { targetIndex: 0, result: 'found' };
    for (const [given, value, en, ja] of [
      [
        { accessLog: [{ at: '2026-11-30T23:42:17', address: '203.0.113.45' }] },
        '2026-11-30T23:42:17',
        /Answer item 1 › Access log 1 › Date and time/,
        /回答の項目 1 › 接続記録 1 › 日時/,
      ],
      [
        { subscriber: { name: '山田 花子', contractStart: '2020-04-01T09:00' } },
        '2020-04-01T09:00',
        /Answer item 1 › Subscriber › Contract start/,
        /回答の項目 1 › 契約者 › 契約開始日/,
      ],
    ] as const) {
      writeFileSync(answerFile, JSON.stringify({ outcome: 'full', items: [{ ...item, ...given }] }));
      const edited = shokai('edit', id, '--file', answerFile, '--as', 'legal');
      assert.equal(edited.status, 1, edited.stdout);
      assert.ok(edited.stderr.includes(value) && en.test(edited.stderr), edited.stderr);
      assert.doesNotMatch(edited.stderr, /items\.|accessLog|contractStart|setting "/, 'no field path');
      const inJa = spawnSync(
        process.execPath,
        [BIN, 'agent', 'edit', id, '--file', answerFile, '--as', 'legal', '--config', join(dir, 'agent.json')],
        {
          env: { ...process.env, SHOKAI_LANG: 'ja', SHOKAI_MASTER_KEY: '', SHOKAI_DATA_DIR: dir },
          encoding: 'utf8',
        },
      );
      assert.equal(inJa.status, 1);
      assert.ok(inJa.stderr.includes(value) && ja.test(inJa.stderr), inJa.stderr);
    }
    assert.equal(shokai('review', id, '--as', 'legal', '--json').stdout, draftBefore, 'the draft as it was');
    // The call-back of an emergency, from the command line: the unit's confirmation is required, and a
    // hub that cannot be read records nothing (this installation's hub is not running).
    const callBack = (...more: string[]) =>
      shokai(
        'call-back',
        id,
        '--called-at',
        calledAtNow().wall,
        '--dialled',
        '03-3581-4321',
        '--outcome',
        'reached the duty officer',
        ...more,
      );
    const unconfirmed = callBack('--as', 'legal');
    assert.equal(unconfirmed.status, 1);
    assert.match(
      unconfirmed.stderr,
      /give --confirmed \(only when the issuing unit confirmed that it issued this request\)/,
    );
    const unread = callBack('--confirmed', '--as', 'legal');
    assert.equal(unread.status, 1);
    assert.match(unread.stderr, /the call-back is not recorded: the hub's view of request \S+ could not be read/);
    // For people, in words: the state by its label, the refusals counted and named, no JSON.
    const words = shokai('status');
    assert.equal(words.status, 0, words.stderr);
    assert.match(words.stdout, /^ {2}Awaiting review \(answer prepared\): 1$/m, words.stdout);
    assert.match(words.stdout, /^Refused envelopes \(1\):$/m);
    assert.ok(
      Object.values(AGENT_REFUSALS).some((m) => words.stdout.includes(m.en)),
      `the refusal in words: ${words.stdout}`,
    );
    assert.doesNotMatch(words.stdout, /[{}]|"states"/);
    const status = JSON.parse(shokai('status', '--json').stdout) as { states: Record<string, number>; refused: number };
    assert.equal(status.states.prepared, 1);
    assert.equal(status.refused, 1);

    // The hub's words (the office's withdrawal reason) are shown without what a terminal would act on.
    const config = join(dir, 'agent.json');
    const ctx = await openInstallation(config, loadAgentConfig(config));
    const at = new Date().toISOString();
    const note = '和解\x1b[2K\r\x1b[1A検証: 署名済み\x1b]8;;https://evil.example/\x07見る\x1b]8;;\x07\u202e\n偽の行';
    try {
      assert.ok(
        await noteEndedAtHub(ctx.store.db, id, {
          hub_state: 'withdrawn',
          hub_state_at: at,
          hub_reason: 'office',
          hub_note: note,
          hub_check: 'not_signed',
          hub_noted_at: at,
        }),
      );
    } finally {
      await ctx.store.close();
    }
    for (const args of [['review', id, '--as', 'legal'], ['review', id, '--as', 'legal', '--json'], ['list']]) {
      const shown = shokai(...args);
      assert.equal(shown.status, 0, shown.stderr);
      assert.ok(!shown.stdout.includes('\x1b') && !shown.stdout.includes('\r'), args.join(' '));
      assert.equal(terminalSafe(shown.stdout), shown.stdout, 'nothing a terminal would act on');
    }
    const shown = shokai('review', id, '--as', 'legal').stdout;
    assert.ok(shown.includes("the requester's reason: 和解\\u001b[2K\\u000d\\u001b[1A検証"), shown);
    assert.ok(shown.includes('\\u202e\n      偽の行'), 'a further line of theirs is indented');
    assert.ok(shown.includes(`\n  Learnt here: ${when(at)}\n`), 'when this installation learnt it, as its page says');
    const json = JSON.parse(shokai('review', id, '--as', 'legal', '--json').stdout) as { hubEnded: { note: string } };
    assert.equal(json.hubEnded.note, note, '--json gives the same words, escaped as JSON');
  });

  const slippedProviderKeyTitle =
    'own-keys: a key slipped in for the provider is listed after a pin (exit 2) until a reviewer confirms it';
  test(slippedProviderKeyTitle, async () => {
    // The watch began with the pin above: the provider's keys then are the baseline.
    const before = shokai('own-keys', 'list');
    assert.equal(before.status, 0, before.stderr);
    assert.match(before.stdout, /trust on first use/);
    const isp = await orgId(hub, 'Nihon Network Communications K.K.');
    const legal = await principalOfLogin(hub.ctx.store.db, 'isp.legal');
    const { fingerprint } = await slipPersonKey(hub.ctx, {
      id: 'key_slipped_cli',
      organisationId: isp,
      ownerId: legal.id,
    });
    const dirFile = join(dir, 'directory-2.json');
    writeFileSync(dirFile, JSON.stringify(await run(hub.ctx, exportDirectory, SYSTEM_CALLER)));
    const pin = shokai('pin', dirFile);
    assert.equal(pin.status, 0, pin.stderr);
    assert.match(pin.stderr, /none of your people has confirmed yet.*\(shokai agent own-keys list\)/);
    // Each key in words, as `own-keys list` says it: no hub here, so no name learned — the id, as the log has it.
    assert.ok(pin.stderr.includes(`key_slipped_cli  passkey (signing) of a person (user ${legal.id}`), pin.stderr);
    const listed = shokai('own-keys', 'list');
    assert.equal(listed.status, 2, listed.stderr);
    assert.ok(
      listed.stdout.includes(`key_slipped_cli  passkey (signing) of a person (user ${legal.id}`),
      listed.stdout,
    );
    assert.ok(listed.stdout.includes(fingerprint), listed.stdout);
    assert.match(listed.stdout, /names have not been learned from the hub yet/);
    assert.notEqual(shokai('own-keys', 'confirm', fingerprint, '--as', 'nobody').status, 0, 'only a reviewer');
    const confirmed = shokai('own-keys', 'confirm', fingerprint, '--as', 'legal');
    assert.equal(confirmed.status, 0, confirmed.stderr);
    assert.match(confirmed.stdout, /confirmed as yours/);
    const after = shokai('own-keys', 'list');
    assert.equal(after.status, 0, after.stdout);
    assert.doesNotMatch(after.stdout, /key_slipped_cli/);
    assert.match(after.stdout, /1 confirmed by your people/);
  });

  test('run: the long-lived process serves its status page and says why the hub is not reached', async () => {
    const cfgPath = join(dir, 'agent.json');
    const cfg = JSON.parse(readFileSync(cfgPath, 'utf8')) as Record<string, unknown>;
    writeFileSync(cfgPath, JSON.stringify({ ...cfg, intervalSeconds: 1, ui: { host: '127.0.0.1', port: 0 } }));
    const child = spawn(process.execPath, [BIN, 'agent', 'run', '--config', cfgPath], {
      env: { ...process.env, SHOKAI_LANG: 'en', SHOKAI_DATA_DIR: dir },
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString('utf8');
          const m = /review pages: (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
          if (m?.[1]) resolve(m[1]);
        });
        child.on('exit', (code) => reject(new Error(`agent run exited ${code}`)));
      });
      type Last = { ok: boolean; failure: string | null } | null;
      let last: Last = null;
      for (let i = 0; i < 100 && !last; i++) {
        const s = (await (await fetch(`${url}/status.json`)).json()) as { lastCycle: Last };
        last = s.lastCycle;
        if (!last) await new Promise((r) => setTimeout(r, 100));
      }
      // Nothing listens at the configured hub: the cycle failed, and the page says so in words.
      assert.equal(last?.ok, false);
      const page = await (await fetch(`${url}/status?lang=en`)).text();
      assert.match(page, /could not reach the hub/);
      assert.equal((await fetch(`${url}/`, { redirect: 'manual' })).status, 303, 'the review pages ask for sign-in');
    } finally {
      child.kill('SIGTERM');
    }
  });
});
