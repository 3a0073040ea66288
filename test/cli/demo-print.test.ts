// What `npm start` prints of the demo, in Japanese (the default) and in English: roles, kinds and
// states in words of the chosen language, never their codes; organisations by their name in that
// language (a logins file kept without the English name prints the Japanese); and the README names
// every demo login.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { browserLine, browserUrl, printDemo } from '../../src/cli/demo.ts';
import { registeredSigner } from '../../src/cli/installation-key-file.ts';
import { generateKekSecret, kekFromSecret } from '../../src/crypto/key-wrap.ts';
import { publicKeyFromPrivate } from '../../src/crypto/keys.ts';
import { demoIspCommands, demoIspCommandsPath } from '../../src/demo/isp-records.ts';
import { demoInstallationKeyPath, readDemoLogins, writeDemoLogins } from '../../src/demo/logins-file.ts';
import { type DemoResult, seedDemo } from '../../src/demo/seed.ts';
import { REQUEST_KINDS, REQUEST_STATES, ROLES } from '../../src/domain/vocabulary.ts';
import { createContext } from '../../src/kernel/context.ts';
import { openStore, type Store } from '../../src/store/database.ts';

const ROOT = join(import.meta.dirname, '..', '..');

function inLanguage(lang: 'ja' | 'en', demo: DemoResult): string {
  const before = process.env.SHOKAI_LANG;
  process.env.SHOKAI_LANG = lang;
  const write = process.stdout.write;
  const printed: string[] = [];
  process.stdout.write = ((chunk: string) => {
    printed.push(chunk);
    return true;
  }) as typeof process.stdout.write;
  try {
    printDemo(demo, './data');
    return printed.join('');
  } finally {
    process.stdout.write = write;
    if (before === undefined) delete process.env.SHOKAI_LANG;
    else process.env.SHOKAI_LANG = before;
  }
}

/**
 * The codes among the printed cells (cells are two spaces or more apart; roles are listed with ", " or
 * "、"): the roles of each login line, the kind and the state of each request line.
 */
function rawCodes(text: string): string[] {
  const codes = new Set<string>([...ROLES, ...REQUEST_STATES, ...REQUEST_KINDS]);
  const found: string[] = [];
  for (const line of text.split('\n')) {
    const cells = line.trim().split(/ {2,}/);
    const shown = /^SHK-/.test(line.trim())
      ? cells.slice(1, 3)
      : / TOTP/.test(line)
        ? (cells[1] ?? '').split(/, |、/)
        : [];
    found.push(...shown.filter((c) => codes.has(c)));
  }
  return found;
}

describe('the demo as npm start prints it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'shokai-demo-print-'));
  let store: Store | undefined;
  let demo: DemoResult | undefined;
  before(async () => {
    store = await openStore({ kind: 'sqlite', path: join(dir, 'store.sqlite') });
    demo = await seedDemo(await createContext(store, kekFromSecret(generateKekSecret())));
  });
  after(async () => {
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const seeded = (): DemoResult => {
    if (!demo) throw new Error('the demo is seeded in before()');
    return demo;
  };

  test('in Japanese: roles, kinds, states and summaries in Japanese, no codes, no English label', () => {
    const text = inLanguage('ja', seeded());
    assert.deepEqual(rawCodes(text), []);
    assert.match(text, /^ {2}sato +捜査員 +警視庁 +TOTP の秘密鍵 \S+$/m);
    assert.match(text, /^ {2}board\.legal +法務担当、データ抽出担当 /m);
    assert.match(text, /^ {2}SHK-\d{4}-\d{6} +令状 +審査中 +令状（電磁的記録提供命令）→ ISP で審査中$/m);
    assert.doesNotMatch(text, /TOTP secret|under review|→ answered|hours left/);
  });

  test('in English: the same in English, the secret labelled as before', () => {
    const text = inLanguage('en', seeded());
    assert.deepEqual(rawCodes(text), []);
    assert.match(text, /^ {2}tanaka +Unit head \(approver\) +Tokyo Metropolitan Police Department +TOTP secret \S+$/m);
    assert.match(text, /^ {2}SHK-\d{4}-\d{6} +Emergency request +Received +emergency \(suicide notice\)/m);
    assert.doesNotMatch(text, /捜査員|審査中|警視庁/);
  });

  test('a logins file kept without the English names prints the Japanese ones in English', () => {
    const path = join(dir, 'demo-logins.json');
    writeDemoLogins(path, 'the-store', seeded());
    const kept = JSON.parse(readFileSync(path, 'utf8')) as { logins: Record<string, unknown>[] };
    for (const l of kept.logins) delete l.organisationEn;
    writeFileSync(path, JSON.stringify(kept));
    const read = readDemoLogins(path, 'the-store');
    assert.ok('demo' in read, JSON.stringify(read));
    const text = inLanguage('en', read.demo);
    assert.match(text, /^ {2}tanaka +Unit head \(approver\) +警視庁 +TOTP secret \S+$/m);
    // As kept now, the English name is read back.
    writeDemoLogins(path, 'the-store', seeded());
    const again = readDemoLogins(path, 'the-store');
    assert.ok('demo' in again);
    assert.match(inLanguage('en', again.demo), /^ {2}tanaka +Unit head \(approver\) +Tokyo Metropolitan Police/m);
  });

  test("each demo provider's installation key is a key file the provider commands read, registered", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shokai-demo-keys-'));
    try {
      const path = join(dir, 'demo-logins.json');
      writeDemoLogins(path, 'the-store', seeded());
      const keys = seeded().installationKeys ?? [];
      assert.deepEqual(keys.map((k) => k.name).sort(), ['board', 'cafe', 'hibari', 'isp']);
      for (const k of keys) {
        const file = demoInstallationKeyPath(path, k.name ?? '');
        assert.equal(statSync(file).mode & 0o777, 0o600);
        const { file: read, signer } = await registeredSigner(file);
        assert.equal(read.organisationId, k.organisationId);
        assert.equal(read.keyId, k.keyId);
        assert.equal(publicKeyFromPrivate(read.privateKey), k.publicKey);
        assert.ok(signer);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("the ISP's own records, loaded by the printed commands in its own installation, answer the trace", () => {
    const data = mkdtempSync(join(tmpdir(), 'shokai-demo-isp-'));
    try {
      writeDemoLogins(join(data, 'demo-logins.json'), 'the-store', seeded());
      const trace = seeded().ispTrace ?? assert.fail('the demo asks the ISP');
      assert.deepEqual([trace.address, trace.port, trace.toleranceSeconds], ['203.0.113.7', 40211, 1]);
      const commands = demoIspCommands(data, trace);
      assert.match(commands.at(-2) ?? '', / --tolerance 1s$/, "the warrant's own tolerance");
      // as printed, and as kept beside the records (a restarted demo points there)
      const printed = inLanguage('ja', seeded());
      assert.ok(printed.includes(`  ${demoIspCommands('./data', trace).at(-2)}`), 'printed on the first start');
      assert.match(
        printed,
        /^ {2}SHOKAI_DATA_DIR=data\/demo-isp npm run -s shokai -- logs lookup --store data\/demo-isp\//m,
      );
      assert.ok(readFileSync(demoIspCommandsPath(data), 'utf8').includes(commands.join('\n')));
      const prefix = `SHOKAI_DATA_DIR=${join(data, 'demo-isp')} npm run -s shokai -- `;
      const results = commands.map((c) => {
        assert.ok(c.startsWith(prefix), c);
        const args = c.slice(prefix.length).split(' ');
        if (args[1] === 'lookup') args.push('--json');
        const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'shokai.js'), ...args], {
          encoding: 'utf8',
          env: { ...process.env, SHOKAI_DATA_DIR: join(data, 'demo-isp'), SHOKAI_LANG: 'ja', DATABASE_URL: '' },
        });
        assert.equal(r.status, 0, `${c}\n${r.stderr}`);
        return r.stdout;
      });
      type Lookup = { verdict: string; candidates: { account: string }[] };
      const [withPort, withoutPort] = results.slice(-2).map((o) => JSON.parse(o) as Lookup | Lookup[]);
      const one = (l: Lookup | Lookup[] | undefined) => (Array.isArray(l) ? l[0] : l) ?? assert.fail('an answer');
      assert.equal(one(withPort).verdict, 'unique');
      assert.deepEqual(
        one(withPort).candidates.map((c) => c.account),
        ['nn-0042'],
      );
      assert.equal(one(withoutPort).verdict, 'ambiguous', 'without the port, both behind the address');
      assert.deepEqual(
        one(withoutPort)
          .candidates.map((c) => c.account)
          .sort(),
        ['nn-0042', 'nn-0077'],
      );
    } finally {
      rmSync(data, { recursive: true, force: true });
    }
  });

  test('the URL to open in a browser names the host passkeys are scoped to, not the loopback address', () => {
    assert.equal(browserUrl('http://127.0.0.1:8080', 'localhost'), 'http://localhost:8080');
    assert.equal(browserUrl('http://[::1]:8443', 'localhost'), 'http://localhost:8443');
    assert.equal(browserUrl('http://localhost:8080', 'localhost'), null, 'already the host name');
    assert.equal(browserUrl('http://127.0.0.1:8080', 'hub.example.jp'), null, 'another relying party: not guessed');
    const before = process.env.SHOKAI_LANG;
    process.env.SHOKAI_LANG = 'ja';
    try {
      assert.deepEqual(browserLine('http://127.0.0.1:8080', 'localhost'), [
        'ブラウザでは http://localhost:8080 を開いてください（パスキーは IP アドレスでは使えません）',
      ]);
    } finally {
      if (before === undefined) delete process.env.SHOKAI_LANG;
      else process.env.SHOKAI_LANG = before;
    }
  });

  test("the README's demo people are the demo's logins, each named once", () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    // Its sentence: "Demo roles: `sato` investigator … (hub oversight)." (logins hold dots, never ". ").
    const sentence = /^Demo roles: [\s\S]*?\.(?=\s)/m.exec(readme)?.[0] ?? '';
    const people = [...new Set([...sentence.matchAll(/`([a-z][a-z.]*)`/g)].map((m) => m[1] ?? ''))].sort();
    assert.deepEqual(
      people,
      seeded()
        .logins.map((l) => l.login)
        .sort(),
    );
  });
});
