import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  aptCommand,
  CHROMIUM,
  DOCUMENT_FONT,
  JAPANESE_FONTS,
  machineProbe,
  missingPackages,
  POPPLER,
} from '../../scripts/ensure-system-packages.ts';

const probe = (chromium: boolean, japaneseFont: boolean, documentFont = true, poppler = true) => ({
  chromium: () => chromium,
  japaneseFont: () => japaneseFont,
  documentFont: () => documentFont,
  poppler: () => poppler,
});

test('npm test installs what a fresh Debian machine lacks: chromium, the fonts and poppler', () => {
  assert.deepEqual(
    missingPackages(probe(false, false, false, false)).map((p) => p.name),
    ['chromium', 'fonts-noto-cjk', 'fonts-ipaexfont-mincho', 'poppler-utils'],
  );
  assert.deepEqual(missingPackages(probe(true, false)), [JAPANESE_FONTS]);
  assert.deepEqual(missingPackages(probe(false, true)), [CHROMIUM]);
  assert.deepEqual(missingPackages(probe(true, true, false)), [DOCUMENT_FONT]);
  assert.deepEqual(missingPackages(probe(true, true, true, false)), [POPPLER]);
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

test('after the script has run (npm test runs it first), this machine has them all', () => {
  assert.deepEqual(missingPackages(machineProbe), []);
});
