// The installation's private key files are refused when group or others may read or write them, as the master
// key file is: another account on the provider's machine reading installation.key signs answers in the
// provider's name, reading machine.key calls the hub as the installation, reading the TLS client key passes its
// mutual TLS. `agent init` writes them 0600; a copy restored or moved with the umask's 0644 is not used.
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { AgentConfigSchema, readKeyFile, transportOptions } from '../../src/agent/config.ts';
import { generateSigningKeyPair } from '../../src/crypto/keys.ts';
import { refusal } from '../support/refusals.ts';

const dir = mkdtempSync(join(tmpdir(), 'shokai-key-mode-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const skip = process.platform === 'win32';

test('a key file readable by others is refused, naming the file and what to run (ja/en)', { skip }, () => {
  const path = join(dir, 'installation.key');
  const pair = generateSigningKeyPair();
  writeFileSync(path, JSON.stringify({ keyId: 'key_1', privateKey: pair.privateKey, publicKey: pair.publicKey }));
  for (const mode of [0o644, 0o640, 0o604, 0o660]) {
    chmodSync(path, mode);
    const e = refusal(() => readKeyFile(path, 'installationKeyFile'));
    assert.equal(e.code, 'VALIDATION_FAILED');
    assert.equal(
      e.messages.en,
      `installationKeyFile: ${path} is accessible by group or others; run: chmod 600 ${path}`,
    );
    assert.match(e.messages.ja, /グループや他の利用者も読み書きできます。chmod 600 /);
    assert.deepEqual(e.details, { field: 'installationKeyFile', value: path });
  }
  chmodSync(path, 0o600);
  assert.equal(readKeyFile(path, 'installationKeyFile').keyId, 'key_1');
  chmodSync(path, 0o400);
  assert.equal(readKeyFile(path, 'installationKeyFile').keyId, 'key_1');
});

test('the TLS client key readable by others is refused; the certificate may be', { skip }, () => {
  const cert = join(dir, 'client.pem');
  const key = join(dir, 'client-key.pem');
  writeFileSync(cert, '-----BEGIN CERTIFICATE-----\n');
  writeFileSync(key, '-----BEGIN PRIVATE KEY-----\n');
  chmodSync(cert, 0o644);
  chmodSync(key, 0o644);
  const config = AgentConfigSchema.parse({
    organisationId: 'org_x',
    hub: { url: 'https://hub.example.jp:8443', pins: [], clientCertFile: cert, clientKeyFile: key },
    machineKeyFile: join(dir, 'machine.key'),
    installationKeyFile: join(dir, 'installation.key'),
    store: join(dir, 'agent.sqlite'),
  });
  const e = refusal(() => transportOptions(config));
  assert.equal(e.messages.en, `hub.clientKeyFile: ${key} is accessible by group or others; run: chmod 600 ${key}`);
  chmodSync(key, 0o600);
  assert.equal(transportOptions(config).clientCert?.key, '-----BEGIN PRIVATE KEY-----\n');
});
