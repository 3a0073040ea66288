// Runs every test file with Node's test runner and prints, alone on the last line,
// "N passed, N failed, N skipped" — the line .ci/run and humans read.
import { spawn } from 'node:child_process';
import { glob } from 'node:fs/promises';

const patterns = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['test/**/*.test.ts'];
const files: string[] = [];
for (const p of patterns) for await (const f of glob(p)) files.push(f);
files.sort();

const child = spawn(process.execPath, ['--test', '--test-concurrency=2', '--test-reporter=spec', ...files], {
  stdio: ['ignore', 'pipe', 'inherit'],
  env: process.env,
});
let tail = '';
child.stdout.on('data', (chunk: Buffer) => {
  process.stdout.write(chunk);
  tail = (tail + chunk.toString('utf8')).slice(-4000);
});
child.on('close', (code) => {
  const count = (name: string): number => Number(new RegExp(`ℹ ${name} (\\d+)`).exec(tail)?.[1] ?? 0);
  const passed = count('pass');
  const failed = count('fail') + count('cancelled');
  const skipped = count('skipped') + count('todo');
  const ran = passed + failed > 0;
  process.stdout.write(`\n${passed} passed, ${ran ? failed : Math.max(failed, 1)} failed, ${skipped} skipped\n`);
  process.exit(code === 0 && ran ? 0 : 1);
});
