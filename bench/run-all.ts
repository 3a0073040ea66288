// `npm run bench`: every benchmark with an npm script (bench:NAME), in turn, each printing its own table
// with its baseline from the same run; then which JSON each wrote to bench/results/. Extra arguments
// (such as --quick) are passed to every benchmark. (bench/crypto.ts, a micro-benchmark of the crypto
// module without a baseline, is run by hand.)
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const benches = [
  'exchange',
  'attribution',
  'attribution-flows',
  'evidence',
  'whom',
  'trace',
  'live',
  'sign',
  'agent',
  'documents',
  'cli',
  'lookalike',
];
const extra = process.argv.slice(2);
const failed: string[] = [];
for (const b of benches) {
  process.stdout.write(`\n=== bench:${b} ===\n`);
  const r = spawnSync(process.execPath, [join(root, 'bench', `${b}.ts`), ...extra], { stdio: 'inherit', cwd: root });
  if (r.status !== 0) failed.push(b);
}
process.stdout.write('\n=== results (bench/results/*.json) ===\n');
for (const b of benches) {
  try {
    const stat = readFileSync(join(root, 'bench', 'results', `${b}.json`), 'utf8');
    process.stdout.write(`${b}: ${stat.length} bytes of results\n`);
  } catch {
    process.stdout.write(`${b}: no results\n`);
  }
}
if (failed.length > 0) {
  process.stdout.write(`failed: ${failed.join(', ')}\n`);
  process.exitCode = 1;
}
