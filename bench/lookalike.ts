// The look-alike rule's comparison with the directory's domains: node bench/lookalike.ts [targets] [declared]
// Times one request's check (knownLookalikeProblem) of `targets` non-ASCII hosts (200) against `declared`
// domains (10,000); prints milliseconds, median of 5 runs. Not a test (no assertions on time).

import { knownLookalikeProblem } from '../src/domain/targets.ts';

const targetCount = Number(process.argv[2] ?? 200);
const declaredCount = Number(process.argv[3] ?? 10_000);
const declared = Array.from({ length: declaredCount }, (_, i) => `provider-${i}.example`);
// Hosts outside ASCII that are no declared domain's look-alike: each is compared through to the end.
const targets = Array.from({ length: targetCount }, (_, i) => ({ type: 'domain', name: `日本-${i}.example` }));

const runs: number[] = [];
for (let run = 0; run < 5; run++) {
  // A fresh list each run (a copy), as each request reads the directory anew.
  const list = [...declared, `run-${run}.example`];
  const start = process.hrtime.bigint();
  const problem = knownLookalikeProblem(targets, list);
  runs.push(Number(process.hrtime.bigint() - start) / 1e6);
  if (problem) throw new Error('a target was refused');
}
runs.sort((a, b) => a - b);
console.log(
  `${targetCount} non-ASCII targets × ${declaredCount.toLocaleString('en-US')} declared domains: ` +
    `median ${runs[2]?.toFixed(1)} ms (runs: ${runs.map((r) => r.toFixed(1)).join(', ')})`,
);
