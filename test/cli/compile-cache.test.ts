// The launcher keeps Node's compile cache (code that runs) in the installation's own folder, never in the
// temporary folder, where another user of the machine could have made the folder first and filled it.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { SHOKAI_BIN } from '../support/cli.ts';

const OWN = join(import.meta.dirname, '..', '..', 'node_modules', '.cache', 'node-compile-cache');

test("the compile cache is in the installation's folder, not the temporary folder", () => {
  const tmp = mkdtempSync(join(tmpdir(), 'shokai-tmp-'));
  try {
    const env: NodeJS.ProcessEnv = { ...process.env, TMPDIR: tmp, SHOKAI_LANG: 'en' };
    delete env.NODE_COMPILE_CACHE;
    const r = spawnSync(process.execPath, [SHOKAI_BIN, 'report', '--help'], { env, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(readdirSync(tmp), [], 'nothing is kept in the temporary folder');
    assert.ok(existsSync(OWN), `the cache is kept in ${OWN}`);
    assert.ok(
      readdirSync(OWN).some((d) => d.startsWith(`${process.version}-`)),
      "this Node's compiled modules are there",
    );
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});

// The README's promise for a machine whose own Node is older (Debian's 20): the launcher re-executes under
// the project's Node 24. It must not fail first on a name Node 20's `node:module` does not have.
test("started by the machine's older Node, the launcher runs the command under the project's Node", (t) => {
  const system = '/usr/bin/node';
  const older = existsSync(system) && spawnSync(system, ['-p', 'process.versions.node'], { encoding: 'utf8' });
  if (!older || Number(older.stdout.split('.')[0]) >= 24) {
    t.skip('no older system Node at /usr/bin/node on this machine');
    return;
  }
  const r = spawnSync(system, [SHOKAI_BIN, 'key', '--help'], {
    env: { ...process.env, SHOKAI_LANG: 'en' },
    encoding: 'utf8',
  });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /Usage: shokai key/);
});
