// Two records of one stored row: the same key (address or prefix, start and account; public address, port
// range, start and inside address) read twice, with different ends. A lease exported with its renewal as a
// second line, two RADIUS sessions of one user on one address starting in the same second, a NAT log
// repeating a block with a later release, the same line re-read by a resumed run. The row keeps what the
// records together prove: a holding from the start to the latest end among them — the union of intervals
// sharing their start is exactly that, so no record's end is lost and none is invented — and open (an end
// not logged: possible beyond its last sighting) if any of them is open, since that holding may have gone
// on after every logged end. Both are maxima, so the row is the same in whatever order the records come
// (within a batch, across batches and files, re-read): the verdict never depends on line order, and the
// same records again add nothing. Both repositories apply it in their upserts (endUpdateSql), PostgreSQL
// also where it merges one batch's rows of a key (mergeSameKey). The end's line (eline) is the one of the
// record with the latest end (the first such record kept); the start's line and file stay the first's.
//
// One row cannot count the holdings it stands for, though: two RADIUS sessions of one user on one address
// from one second, both still open at a file's end, were one open row, and the first end read in a later
// file closed it while the other session went on. So a holding whose end is not logged keeps the log's own
// name for it in the key (`hold`, migration 079: a hash of Interval.ident, the session's NAS and id, a
// flow's protocol and inside port) and an end read later closes the open row of the holding it names. A
// record with its end logged needs none (hold 0): records of one key with logged ends are their union,
// whatever holdings they were, and nothing can end them further. Rows stored before 079, and logs that
// name no holding (a CSV line, a port block), have hold 0: an end closes such an open row as before.
import type { CloseOp, Interval } from '../model.ts';

/**
 * A holding's name as the key keeps it: FNV-1a of `ident` as a signed 32-bit integer, never 0 (0: none).
 * Only rows of one address, start and account (one public port, start and inside address) are told apart
 * by it, so a collision (two sessions of one user from one second hashing alike) is as rare as it is
 * harmless: those two are one row, as before 079.
 */
export function holdOf(ident: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < ident.length; i++) h = Math.imul(h ^ ident.charCodeAt(i), 0x01000193);
  return h | 0 || 1;
}

/** The `hold` a row is stored under: its holding's name while its end is not logged, else 0. */
export function storedHold(r: Interval): number {
  return r.open && r.ident !== undefined ? holdOf(r.ident) : 0;
}

/**
 * The holds an end read later closes, in the order tried: the open row of the holding it names, then an open
 * row that names none (stored before 079, or from a log that names no holding). Once each.
 */
export function closeHolds(c: CloseOp): number[] {
  const named = c.fallback.ident === undefined ? 0 : holdOf(c.fallback.ident);
  return named === 0 ? [0] : [named, 0];
}

/** The row `kept` with record `x` of the same key joined in, or null where `x` changes nothing. */
function joined<R extends Interval>(kept: R, x: Interval): R | null {
  const later = x.t1 > kept.t1;
  if (!later && (kept.open || !x.open)) return null;
  return { ...kept, t1: later ? x.t1 : kept.t1, open: kept.open || x.open, eline: later ? x.eline : kept.eline };
}

/**
 * The conflict clause of an upsert into `table` under its primary key, as `joined` in SQL: `greatest` is the
 * dialect's two-argument maximum (SQLite `max`, PostgreSQL `GREATEST`).
 */
export function endUpdateSql(table: string, greatest: 'max' | 'GREATEST'): string {
  return `DO UPDATE SET t1 = ${greatest}(${table}.t1, excluded.t1), open = ${greatest}(${table}.open, excluded.open),
      eline = CASE WHEN excluded.t1 > ${table}.t1 THEN excluded.eline ELSE ${table}.eline END
    WHERE excluded.t1 > ${table}.t1 OR excluded.open > ${table}.open`;
}

/**
 * One row a key (one statement may not touch a key twice), each as the upsert leaves it given the rows in
 * order. The rows given are not changed.
 */
export function mergeSameKey<R extends Interval>(rows: R[], key: (r: R) => string): R[] {
  const byKey = new Map<string, R>();
  for (const r of rows) {
    const k = key(r);
    const kept = byKey.get(k);
    if (kept === undefined) byKey.set(k, r);
    else byKey.set(k, joined(kept, r) ?? kept);
  }
  return [...byKey.values()];
}
