import type { AnswerItem } from '../domain/answer-content.ts';
import type { Finding, FindingCandidate } from '../domain/finding.ts';
import type { AnswerItemResult, DataCategory } from '../domain/vocabulary.ts';

// From a finding to the answer item a person starts from. Only what the request asked for goes in;
// an ambiguous or empty finding never becomes a subscriber or a record at the item's level.

/** The item's result for a finding: found for unique and ambiguous, else why nothing was found. */
export function resultOf(finding: Finding): AnswerItemResult {
  if (finding.verdict !== 'none') return 'found';
  const codes = new Set(finding.reasons.map((r) => r.code));
  if (codes.has('unknown_address')) return 'not_our_customer';
  if (codes.has('outside_retention')) return 'retention_expired';
  // before the oldest record: beyond retention, possibly — not when lines an ingest refused may hold it
  if (codes.has('before_records') && !codes.has('lines_refused')) return 'retention_expired';
  return 'no_data';
}

/** A candidate without what the request did not ask for. */
export function candidateFor(c: FindingCandidate, categories: ReadonlySet<DataCategory>): FindingCandidate {
  const { account, person, line, idChecks, insideAddress, posts, terminalUse, ...rest } = c;
  const who = categories.has('subscriber');
  const what = categories.has('access_log');
  return {
    ...(account !== undefined && (who || what) ? { account } : {}),
    ...(who && person !== undefined ? { person } : {}),
    ...(who && line !== undefined ? { line } : {}),
    ...(who && idChecks !== undefined ? { idChecks } : {}),
    ...(what && insideAddress !== undefined ? { insideAddress } : {}),
    ...(what && posts !== undefined ? { posts } : {}),
    ...(what && terminalUse !== undefined ? { terminalUse } : {}),
    ...rest,
    notes: who ? rest.notes : rest.notes.filter((n) => n.code !== 'line_not_person' && n.code !== 'addresses_differ'),
  };
}

/** The answer item for one target from its finding, with the data categories the request asked for. */
export function draftItem(targetIndex: number, finding: Finding, categories: readonly DataCategory[]): AnswerItem {
  const asked = new Set(categories);
  const f: Finding = { ...finding, candidates: finding.candidates.map((c) => candidateFor(c, asked)) };
  const item: AnswerItem = { targetIndex, result: resultOf(f), finding: f };
  const only = f.verdict === 'unique' ? f.candidates[0] : undefined;
  if (only === undefined) return item;
  if (asked.has('subscriber') && (only.person !== undefined || only.account !== undefined)) {
    const p = only.person ?? {};
    item.subscriber = {
      ...(only.account === undefined ? {} : { account: only.account }),
      ...(p.name === undefined ? {} : { name: p.name }),
      ...(p.nameKana === undefined ? {} : { nameKana: p.nameKana }),
      ...(p.installationAddress === undefined ? {} : { installationAddress: p.installationAddress }),
      ...(p.billingAddress === undefined ? {} : { billingAddress: p.billingAddress }),
      ...(p.phone === undefined ? {} : { phone: p.phone }),
      ...(p.email === undefined ? {} : { email: p.email }),
      ...(p.contractStart === undefined ? {} : { contractStart: p.contractStart }),
      ...(p.contractEnd === undefined ? {} : { contractEnd: p.contractEnd }),
    };
  }
  if (asked.has('access_log') && only.posts !== undefined) {
    const log = only.posts.flatMap((p) =>
      p.address === undefined
        ? []
        : [{ at: p.at, address: p.address, ...(p.port === undefined ? {} : { port: p.port }), action: 'post' }],
    );
    if (log.length > 0) item.accessLog = log;
  }
  return item;
}
