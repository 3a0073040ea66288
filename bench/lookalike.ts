// `npm run bench:lookalike`: the look-alike rule's comparison of a request's hosts with the domains providers
// declare in the directory, with the baseline in the same run. The baseline is the rule as it was first
// written: the map of every declared domain's skeleton made again for each target. The measure is the rule
// as it is: the map made once per check (knownLookalikeProblem). Both read the same non-ASCII hosts, none of
// them a look-alike, so each is compared through to the end; each run takes a fresh list (a copy with one
// name of its own), as each request reads the directory anew. Options: --targets (200), --declared
// (10,000), --runs (5); --quick: 50 targets, 2,000 domains, 3 runs. Not a test: no assertion on time. The third
// case reads URL hosts of 1,361 labels each (the second review's finding: once 30 s for 200 of them).
import { targetKnownLookalike } from '../src/domain/known-lookalikes.ts';
import { knownLookalikeProblem } from '../src/domain/targets.ts';
import { median } from './lib/cli.ts';
import { benchOptions, reportAgainstBaseline, runHead } from './lib/report.ts';

const options = benchOptions('lookalike', { targets: '200', declared: '10000', runs: '5' });
const whole = (name: 'targets' | 'declared' | 'runs', quick: number): number => {
  const n = options.quick ? quick : Number(options.option(name));
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name}: a whole number above 0 is needed, not ${n}`);
  return n;
};
const targetCount = whole('targets', 50);
const declaredCount = whole('declared', 2_000);
const runs = whole('runs', 3);

const declared = Array.from({ length: declaredCount }, (_, i) => `provider-${i}.example`);
const targets = Array.from({ length: targetCount }, (_, i) => ({ type: 'domain', name: `日本-${i}.example` }));

/** The baseline: each target compared with a map made for it alone (a list of its own, so none is reused). */
function perTarget(run: number): boolean {
  return targets.some((t, i) => targetKnownLookalike(t, [...declared, `run-${run}-${i}.example`]) !== null);
}

/** The rule as it is: one map for the request's every target. */
function perCheck(run: number): boolean {
  return knownLookalikeProblem(targets, [...declared, `run-${run}.example`]) !== undefined;
}

function timed(check: (run: number) => boolean): number[] {
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const start = process.hrtime.bigint();
    if (check(run)) throw new Error('a target was refused: the benchmark compares hosts that are no look-alike');
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return times;
}

/**
 * A host of many labels, each a dot look-alike and a letter (`ꮪꓸa.ꓸa.…com`): the rule compares only as many
 * trailing labels as a declared skeleton has, so its cost grows with the host's length, not with its square.
 */
const deep = Array.from({ length: targetCount }, () => ({
  type: 'url',
  url: `https://\uabaa${'\ua4f8a.'.repeat(1360)}com/`,
}));
function perCheckDeep(run: number): boolean {
  return knownLookalikeProblem(deep, [...declared, `run-${run}.example`]) !== undefined;
}

const cases = [
  { name: 'map per target (baseline: before)', check: perTarget },
  { name: 'map per check', check: perCheck },
  { name: 'map per check, hosts of 1,361 labels', check: perCheckDeep },
];
const measures = cases.map((c) => {
  const times = timed(c.check);
  return { name: c.name, ms: median(times), times };
});
const result = { ...runHead('lookalike', runs), targets: targetCount, declared: declaredCount, measures };
reportAgainstBaseline(
  options.out,
  result,
  [`${targetCount} non-ASCII hosts × ${declaredCount} declared domains`, 'median ms', 'ratio'],
  measures,
  1,
);
