// The attribution store's small summary table (attr_meta): which prefix lengths and NAT kinds occur,
// the widest port block and the time the logs cover. Both dialects keep it the same way: these pure
// functions read it from key/value pairs and fold an ingest batch into it, returning the changed keys.
import type { AssignRow, Batch, NatRow } from '../model.ts';
import type { Coverage } from './types.ts';

export type Meta = {
  plens4: number[];
  plens6: number[];
  span: number;
  cov: Coverage;
  block: boolean;
  session: boolean;
};

/** The summary from its stored key/value pairs (absent keys: nothing seen yet). */
export function metaFromPairs(get: (key: string) => string | undefined): Meta {
  const num = (k: string): number | null => {
    const v = get(k);
    return v === undefined ? null : Number(v);
  };
  const list = (k: string): number[] =>
    (get(k) ?? '')
      .split(',')
      .filter((x) => x !== '')
      .map(Number);
  return {
    plens4: list('plens4'),
    plens6: list('plens6'),
    span: num('span') ?? 0,
    block: get('block') === '1',
    session: get('session') === '1',
    cov: { natFrom: num('natFrom'), natTo: num('natTo'), assignFrom: num('assignFrom'), assignTo: num('assignTo') },
  };
}

/**
 * Folds a batch into `m` (in place) and returns the key/value pairs to store. Closed sessions count
 * with their fallback rows and their closing instant, so the covered window includes every close.
 */
export function foldBatch(m: Meta, batch: Batch): Array<[string, string]> {
  const changed = new Set<string>();
  const minMax = (k: 'natFrom' | 'assignFrom', kt: 'natTo' | 'assignTo', t0: number, t1: number): void => {
    const lo = m.cov[k];
    if (lo === null || t0 < lo) {
      m.cov[k] = t0;
      changed.add(k);
    }
    const hi = m.cov[kt];
    if (hi === null || t1 > hi) {
      m.cov[kt] = t1;
      changed.add(kt);
    }
  };
  const assign = (a: AssignRow): void => {
    const v4 = a.addr.length === 4;
    const list = v4 ? m.plens4 : m.plens6;
    if (!list.includes(a.plen)) {
      list.push(a.plen);
      list.sort((x, y) => y - x);
      changed.add(v4 ? 'plens4' : 'plens6');
    }
    minMax('assignFrom', 'assignTo', a.t0, a.t1);
  };
  const nat = (n: NatRow): void => {
    if (!m[n.kind]) {
      m[n.kind] = true;
      changed.add(n.kind);
    }
    if (n.phi - n.plo > m.span) {
      m.span = n.phi - n.plo;
      changed.add('span');
    }
    minMax('natFrom', 'natTo', n.t0, n.t1);
  };
  for (const a of batch.assigns) assign(a);
  for (const n of batch.nats) nat(n);
  for (const c of batch.closes) {
    if (c.target === 'assign') {
      assign(c.fallback);
      minMax('assignFrom', 'assignTo', c.at, c.at);
    } else {
      nat(c.fallback);
      minMax('natFrom', 'natTo', c.at, c.at);
    }
  }
  return [...changed].map((k): [string, string] => [k, metaValue(m, k)]);
}

function metaValue(m: Meta, k: string): string {
  if (k === 'plens4') return m.plens4.join(',');
  if (k === 'plens6') return m.plens6.join(',');
  if (k === 'span') return String(m.span);
  if (k === 'block' || k === 'session') return '1';
  return String(m.cov[k as keyof Coverage]);
}
