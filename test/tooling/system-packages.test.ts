import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  aptCommand,
  CHROMIUM,
  JAPANESE_FONTS,
  machineProbe,
  missingPackages,
} from '../../scripts/ensure-system-packages.ts';

const probe = (chromium: boolean, japaneseFont: boolean) => ({
  chromium: () => chromium,
  japaneseFont: () => japaneseFont,
});

test('npm test installs what a fresh Debian machine lacks: chromium and the Noto CJK fonts', () => {
  assert.deepEqual(
    missingPackages(probe(false, false)).map((p) => p.name),
    ['chromium', 'fonts-noto-cjk'],
  );
  assert.deepEqual(missingPackages(probe(true, false)), [JAPANESE_FONTS]);
  assert.deepEqual(missingPackages(probe(false, true)), [CHROMIUM]);
  assert.deepEqual(missingPackages(probe(true, true)), []);
});

test('apt-get runs as root directly, through sudo -n otherwise, and not at all without either', () => {
  assert.deepEqual(
    aptCommand(true, () => false),
    {
      cmd: 'env',
      args: ['DEBIAN_FRONTEND=noninteractive', 'apt-get'],
    },
  );
  assert.deepEqual(
    aptCommand(false, () => true),
    {
      cmd: 'sudo',
      args: ['-n', 'env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get'],
    },
  );
  assert.equal(
    aptCommand(false, () => false),
    null,
  );
});

test('after the script has run (npm test runs it first), this machine has both', () => {
  assert.deepEqual(missingPackages(machineProbe), []);
});
