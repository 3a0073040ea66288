// The installation's configuration and its key files, when they are not JSON, are refused naming the
// file and where the text stopped being JSON, in both languages, never in the parser's English.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { loadAgentConfig, readKeyFile } from '../../src/agent/config.ts';
import { refusal } from '../support/refusals.ts';

const dir = mkdtempSync(join(tmpdir(), 'shokai-config-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('a configuration that is not JSON is refused with the line and column', () => {
  const config = join(dir, 'agent.json');
  writeFileSync(config, '{\n  "store": "agent.db",\n  hub: 1\n}\n');
  const e = refusal(() => loadAgentConfig(config));
  assert.equal(e.code, 'VALIDATION_FAILED');
  assert.equal(e.messages.ja, `${config} は JSON ではありません（3 行目 3 文字目）`);
  assert.equal(e.messages.en, `${config} is not JSON (line 3, column 3)`);
  assert.deepEqual(e.details, { field: 'config', value: config });
});

test('a key file that is not JSON names its field; an empty one is said to be empty', () => {
  const key = join(dir, 'key.json');
  writeFileSync(key, '');
  const e = refusal(() => readKeyFile(key, 'signingKeyFile'));
  assert.equal(e.messages.en, `signingKeyFile: ${key} is empty`);
  assert.match(e.messages.ja, /signingKeyFile: .*key\.json は空です/);
  assert.deepEqual(e.details, { field: 'signingKeyFile', value: key });
  writeFileSync(key, '{"keyId": x}');
  const broken = refusal(() => readKeyFile(key, 'signingKeyFile'));
  assert.doesNotMatch(broken.messages.en, /Unexpected|position/);
  assert.match(broken.messages.en, /is not JSON \((unexpected "x"|line 1, column \d+)\)/);
});
