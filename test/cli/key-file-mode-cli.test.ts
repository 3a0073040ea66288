// Review finding L2: the agent refuses private key files group or others may read (test/agent/key-file-mode.test.ts),
// but the CLI read the same kind of keys without that check: `shokai provider networks declare` and `provider
// answer --key-file` (the installation key, which signs in the provider's name) and `shokai remote requests
// --key-file` (a machine key, which calls the hub as the provider's system). Refused now before anything is sent.
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { shokai } from '../support/cli.ts';

const skip = process.platform === 'win32';

describe('the CLI refuses a private key file group or others may read', { skip }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'shokai-cli-key-mode-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  // Nothing listens here: a refusal must come before any call.
  const url = 'http://127.0.0.1:9';

  test('provider networks declare and provider answer, with the installation key at 0644', async () => {
    const keyFile = join(dir, 'installation.key');
    const init = await shokai(['provider', 'key', 'init', '--organisation', 'org_x', '--key-file', keyFile]);
    assert.equal(init.status, 0, init.stderr);
    chmodSync(keyFile, 0o644);
    for (const args of [
      ['provider', 'networks', 'declare', '--url', url, '--key-file', keyFile, '--cidr', '198.51.100.0/24'],
      ['provider', 'answer', 'req_x', join(dir, 'answer.json'), '--url', url, '--key-file', keyFile],
    ]) {
      const r = await shokai(args, { SHOKAI_LANG: 'en' });
      assert.notEqual(r.status, 0, args.join(' '));
      assert.ok(r.stderr.includes(`is accessible by group or others; run: chmod 600 ${keyFile}`), r.stderr);
      const ja = await shokai(args, { SHOKAI_LANG: 'ja' });
      assert.ok(ja.stderr.includes(`グループや他の利用者も読み書きできます。chmod 600 ${keyFile}`), ja.stderr);
    }
  });

  test('remote requests, with the machine key at 0640', async () => {
    const keyFile = join(dir, 'machine.key');
    const gen = await shokai(['client', 'keygen', '--out', keyFile]);
    assert.equal(gen.status, 0, gen.stderr);
    chmodSync(keyFile, 0o640);
    const r = await shokai(['remote', 'requests', '--url', url, '--key-file', keyFile, '--key-id', 'key_x'], {
      SHOKAI_LANG: 'en',
    });
    assert.notEqual(r.status, 0);
    assert.ok(r.stderr.includes(`is accessible by group or others; run: chmod 600 ${keyFile}`), r.stderr);
  });
});
