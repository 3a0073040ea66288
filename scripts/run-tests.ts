// Runs every test file with Node's test runner and prints, alone on the last line,
// "N passed, N failed, N skipped" — the line .ci/run and humans read.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { glob } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const patterns = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['test/**/*.test.ts'];
const files: string[] = [];
for (const p of patterns) for await (const f of glob(p)) files.push(f);
files.sort();

// Two test files at a time by default (the CI machine has two cores); SHOKAI_TEST_CONCURRENCY overrides.
const concurrency = Number(process.env.SHOKAI_TEST_CONCURRENCY ?? 2);
if (!Number.isInteger(concurrency) || concurrency < 1) {
  process.stderr.write(
    `SHOKAI_TEST_CONCURRENCY must be a whole number of 1 or more, not "${process.env.SHOKAI_TEST_CONCURRENCY}"\n`,
  );
  process.exit(2);
}
// The demo seeded once for the run's SQLite hubs and copied for the others (test/support/demo-snapshot.ts),
// in a folder of this run's own, removed when the run ends.
const snapshots = mkdtempSync(join(tmpdir(), 'shokai-test-snapshots-'));
const child = spawn(
  process.execPath,
  ['--test', `--test-concurrency=${concurrency}`, '--test-reporter=spec', ...files],
  {
    stdio: ['ignore', 'pipe', 'inherit'],
    // Every test file runs in a process of its own and loads much of the tree: Node's compile cache (the
    // folder the CLI uses too, in the installation's own folder) keeps the compiled modules between them.
    // The tests' PostgreSQL stores are thrown away after each file: their commits need not wait for the
    // disk (synchronous_commit=off loses nothing unless the server itself crashes, and changes no result),
    // which takes some 7 ms from each of the thousands of commits. A PGOPTIONS already set is kept.
    env: {
      NODE_COMPILE_CACHE: join(root, 'node_modules', '.cache', 'node-compile-cache'),
      PGOPTIONS: '-c synchronous_commit=off',
      ...process.env,
      SHOKAI_TEST_SNAPSHOTS: snapshots,
    },
  },
);

// The runner prints its counts ("ℹ pass 12") and then, when something failed, the failures again:
// read the counts from whole lines wherever they appear.
const counts: Record<string, number> = {};
let partial = '';
child.stdout.on('data', (chunk: Buffer) => {
  process.stdout.write(chunk);
  const lines = (partial + chunk.toString('utf8')).split('\n');
  partial = lines.pop() ?? '';
  for (const line of lines) {
    const m = /^ℹ (tests|pass|fail|cancelled|skipped|todo) (\d+)\s*$/.exec(line);
    if (m) counts[m[1] as string] = Number(m[2]);
  }
});
child.on('close', (code) => {
  rmSync(snapshots, { recursive: true, force: true });
  const n = (k: string): number => counts[k] ?? 0;
  const passed = n('pass');
  const failed = n('fail') + n('cancelled');
  const skipped = n('skipped') + n('todo');
  const ran = passed + failed > 0;
  process.stdout.write(`\n${passed} passed, ${ran ? failed : Math.max(failed, 1)} failed, ${skipped} skipped\n`);
  process.exit(code === 0 && ran ? 0 : 1);
});
