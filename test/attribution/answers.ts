import assert from 'node:assert/strict';
import { type AttributionQuery, type Resolution, Resolver } from '../../src/attribution/resolver.ts';
import { MemoryIndexedStore } from '../../src/attribution/store/memory-index.ts';
import { SqliteAttributionRepository } from '../../src/attribution/store/sqlite.repository.ts';
import type { AttributionStore } from '../../src/attribution/store/types.ts';

// A lookup's answer reduced to what the tests compare: the verdict, the accounts and the reasons in English
// (or each candidate's spans and notes, `said`). On SQLite the in-memory index is asked too and must answer
// the same.

export interface Answer {
  verdict: string;
  accounts: string[];
  reasons: string[];
}

async function answer(store: AttributionStore, q: AttributionQuery): Promise<Answer> {
  const r = await new Resolver(store).resolve(q);
  return {
    verdict: r.verdict,
    accounts: r.candidates.map((c) => c.account ?? '').sort(),
    // no directory is loaded: every account's no_subscriber is left out
    reasons: r.reasons.filter((x) => x.code !== 'no_subscriber').map((x) => `${x.code}: ${x.text.en}`),
  };
}

/** The repository's answer, the in-memory index's checked against it on SQLite. */
export async function askBoth(repo: AttributionStore, q: AttributionQuery): Promise<Answer> {
  const fromRepo = await answer(repo, q);
  if (repo instanceof SqliteAttributionRepository) {
    const snapshot = await MemoryIndexedStore.load(repo);
    assert.deepEqual(await answer(snapshot, q), fromRepo, 'the in-memory index answers as the repository');
  }
  return fromRepo;
}

/** The reason `cgnat_other_times` of an address recorded as a CGNAT public address over `span`. */
export const otherTimes = (ip: string, span: string): string =>
  `cgnat_other_times: ${ip} is recorded as a carrier-grade NAT public address ` +
  `${span}; the window lies more than a day outside that, so its direct holders are listed, but the ` +
  'records cannot show that no one else used it through the NAT then (a port block held since before ' +
  'the NAT logs begin, NAT logs not loaded): no single holder is named';

/** The reason `cgnat_log_ends`: the NAT log `file` that recorded the address last falls silent after `until`. */
export const logEnds = (ip: string, file: string, until: string): string =>
  `cgnat_log_ends: the NAT log that recorded the last translation of ${ip} (${file}) does not show the time ` +
  `to the end of the window: it falls silent for over an hour, or ends, after ${until}`;

/** The verdict, the accounts, and each candidate's spans and notes: what the store must say. */
export function said(r: Resolution): [string, string[], string[]] {
  const spans = r.candidates.map(
    (c) => `${c.account} ${c.from}..${c.to} possible ${c.possibleTo} ${c.notes.map((n) => n.code).join()}`,
  );
  return [r.verdict, r.candidates.map((c) => c.account ?? '').sort(), spans.sort()];
}

/** `said` of the repository's answer, the in-memory index's checked against it on SQLite (spans and notes too). */
export async function saidBoth(repo: AttributionStore, q: AttributionQuery): Promise<ReturnType<typeof said>> {
  const fromRepo = said(await new Resolver(repo).resolve(q));
  if (repo instanceof SqliteAttributionRepository) {
    const snapshot = await MemoryIndexedStore.load(repo);
    assert.deepEqual(said(await new Resolver(snapshot).resolve(q)), fromRepo, 'the in-memory index answers alike');
  }
  return fromRepo;
}
