// A carried medium is untrusted. A reviewer showed `shokai agent receive` blocked for ever on a named pipe
// named like a sealed file (two files claiming one request file are compared by their bytes), and run out of
// memory on a link to /dev/zero. A file of a medium is now read only as a regular file, not through a link,
// never past its limit: such files are passed over as unreadable and the intake goes on.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { receiveMedium } from '../../src/agent/medium.ts';
import { readMediumFile } from '../../src/agent/medium-file.ts';
import type { AgentRuntime } from '../../src/agent/runner.ts';
import { runtime } from '../support/agent.ts';
import { hubAndCarrierHooks } from '../support/carrier-hooks.ts';

const fifo = (path: string) => execFileSync('mkfifo', [path]);
const MEDIUM = new URL('../../src/agent/medium.ts', import.meta.url).href;

test('a medium file is read only as a regular file, not through a link, within its limit', () => {
  const dir = mkdtempSync(join(tmpdir(), 'shokai-medium-'));
  writeFileSync(join(dir, 'plain.sealed'), '{"a":1}');
  assert.equal(readMediumFile(join(dir, 'plain.sealed'), 100)?.toString('utf8'), '{"a":1}');
  assert.equal(readMediumFile(join(dir, 'plain.sealed'), 3), undefined, 'larger than its limit');
  fifo(join(dir, 'pipe.sealed'));
  assert.equal(readMediumFile(join(dir, 'pipe.sealed'), 100), undefined, 'a named pipe: not waited on');
  symlinkSync('/dev/zero', join(dir, 'zero.sealed'));
  assert.equal(readMediumFile(join(dir, 'zero.sealed'), 100), undefined, 'a link: not followed');
  symlinkSync(join(dir, 'plain.sealed'), join(dir, 'link.sealed'));
  assert.equal(readMediumFile(join(dir, 'link.sealed'), 100), undefined, 'a link to a regular file: not followed');
  assert.equal(readMediumFile(join(dir, 'missing.sealed'), 100), undefined);
});

describe('shokai agent receive over a hostile medium', () => {
  const carrier = hubAndCarrierHooks('sqlite', 'sqlite', 'FIFO');
  let rt: AgentRuntime;
  before(() => {
    rt = runtime(carrier.agent, carrier.signer, null);
  });

  test('a pipe and a link to /dev/zero claiming one request file: passed over, the intake ends', async () => {
    const medium = mkdtempSync(join(tmpdir(), 'shokai-medium-'));
    for (const d of ['a', 'b', 'c']) mkdirSync(join(medium, d));
    fifo(join(medium, 'a', 'req_x.f1.sealed'));
    symlinkSync('/dev/zero', join(medium, 'b', 'req_x.f1.sealed'));
    writeFileSync(join(medium, 'c', 'req_x.f1.sealed'), '{}');
    // Read first in a process of its own, with a time limit: were the pipe waited on, this fails, not hangs.
    const read1 = `m.readMedium([${JSON.stringify(medium)}])`;
    const code = `import(${JSON.stringify(MEDIUM)}).then((m) => console.log(JSON.stringify(${read1})))`;
    const read = spawnSync(process.execPath, ['-e', code], { encoding: 'utf8', timeout: 30_000 });
    assert.equal(read.signal, null, 'the medium is read to its end, not waited on');
    assert.equal(read.status, 0, read.stderr);
    assert.deepEqual(JSON.parse(read.stdout), { items: 3, passedOver: 0, claims: 1 });
    const r = await receiveMedium(rt, [medium]);
    assert.deepEqual(r.envelopes, [], 'no envelope on it: nothing stored, nothing refused');
  });
});
