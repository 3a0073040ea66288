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
//
// A name that is one holding's and no other's (a RADIUS session: NAS and session id, Interval.oneHolding) is
// kept when the end is logged too, and the records of one named holding are that holding's history: the row
// holds what its latest record says — the latest end, open if that record left it open, closed if it was the
// Stop (a Stop and a sighting of one second: closed). A maximum again, over (end, closedness), so order-free.
// Without it a session whose Start was read in one file and whose Interim-Update and Stop were read in the next
// was two rows of one key (the Start's open and named, the next file's closed and nameless) and stayed possible
// for a day after its Stop; so was a file read while still written and then whole. Names two holdings may share
// (a conntrack or LSN flow's protocol and inside port: flows to two destinations) keep the union: one flow's
// end says nothing of the other's. A session met first in a file by an Interim-Update reaches the store as a
// sighting (model.ts sightingOf) or, with its Stop, as an end read later, applied to the row of the holding they
// name whatever second Acct-Session-Time gives its start; read the other way round, takeLaterRecordSql.
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

/**
 * The `hold` a row is stored under: its holding's name while its end is not logged, always where the name is one
 * holding's (`oneHolding`), and on an unstarted NAT row (a conntrack flow's or an LSN mapping's end read before
 * its start: the start's open row, stored later, takes it by that name, takeLaterNatSql); else 0.
 */
export function storedHold(r: Interval): number {
  return r.ident !== undefined && (r.open || r.oneHolding || isUnstarted(r)) ? holdOf(r.ident) : 0;
}

/**
 * The holds an end read later closes, in the order tried: the open row of the holding it names, then an open
 * row that names none (stored before 079, or from a log that names no holding). Once each.
 */
export function closeHolds(c: CloseOp): number[] {
  const named = c.fallback.ident === undefined ? 0 : holdOf(c.fallback.ident);
  return named === 0 ? [0] : [named, 0];
}

/**
 * An open named row stored after a later record of its holding was: a session's Start read after the file with
 * its Interim-Update and Stop, which the store kept from Timestamp − Acct-Session-Time, a second before the Start
 * (the clocks, a delay: a second off is common). Had the Start's file come first, that Stop would have closed
 * it; read the other way round, the open row takes what the other row of its holding says (its end, and closed
 * if it is), where that row is the latest start on the address before it, so no other holding came between
 * (the rule an end read later follows, mirrored). Only a later record decides, as in the upsert. `keys` is a
 * FROM item k(addr, plen, t0, account, hold): the open rows the batch wrote.
 */
export function takeLaterRecordSql(keys: string): string {
  return `UPDATE attr_assign AS o SET t1 = f.t1, open = f.open, eline = f.eline
    FROM ${keys} JOIN attr_assign AS f ON f.addr = k.addr AND f.plen = k.plen AND f.account = k.account
      AND f.hold = k.hold
      AND f.t0 = (SELECT max(n.t0) FROM attr_assign AS n WHERE n.addr = k.addr AND n.plen = k.plen AND n.t0 < k.t0)
    WHERE o.addr = k.addr AND o.plen = k.plen AND o.t0 = k.t0 AND o.account = k.account AND o.hold = k.hold
      AND o.open = 1 AND (f.t1 > o.t1 OR (f.t1 = o.t1 AND f.open < o.open))`;
}

/**
 * The row `kept` with record `x` of the same key joined in, or null where `x` changes nothing: one named
 * holding's (`oneHolding`) as its latest record says, else the union.
 */
function joined<R extends Interval>(kept: R, x: Interval, oneHolding: boolean): R | null {
  if (oneHolding) {
    // the latest record of one holding, a Stop before a sighting of its second
    const latest = x.t1 > kept.t1 || (x.t1 === kept.t1 && kept.open && !x.open);
    return latest ? { ...kept, t1: x.t1, open: x.open, eline: x.eline } : null;
  }
  const later = x.t1 > kept.t1;
  if (!later && (kept.open || !x.open)) return null;
  return { ...kept, t1: later ? x.t1 : kept.t1, open: kept.open || x.open, eline: later ? x.eline : kept.eline };
}

function isUnstarted(r: Interval): boolean {
  return 'unstarted' in r && r.unstarted === true;
}

/**
 * The conflict clause of an upsert into `table` under its primary key, as `joined` in SQL: `greatest` is the
 * dialect's two-argument maximum (SQLite `max`, PostgreSQL `GREATEST`). The right-hand sides read the row as
 * it was. Only attr_assign's names are one holding's each (RADIUS sessions; no other log names its rows); a
 * NAT row's name (conntrack, LSN) may stand for two flows, and its records keep the union.
 */
export function endUpdateSql(table: string, greatest: 'max' | 'GREATEST'): string {
  const t = table;
  if (table !== 'attr_assign') {
    // unstarted only while every record of the row is (080): a record with the start logged clears it
    const least = greatest === 'max' ? 'min' : 'LEAST';
    // an end read before its start, in another file, at the start's second: the end closes the start's row, as
    // it does read start first (within one file a start after an end is a new translation: open, as before)
    const ended = `${t}.unstarted = 1 AND ${t}.open = 0 AND excluded.unstarted = 0 AND excluded.file <> ${t}.file`;
    return `DO UPDATE SET t1 = ${greatest}(${t}.t1, excluded.t1),
      open = CASE WHEN ${ended} THEN 0 ELSE ${greatest}(${t}.open, excluded.open) END,
      eline = CASE WHEN excluded.t1 > ${t}.t1 THEN excluded.eline ELSE ${t}.eline END,
      unstarted = ${least}(${t}.unstarted, excluded.unstarted)
    WHERE excluded.t1 > ${t}.t1 OR excluded.open > ${t}.open OR excluded.unstarted < ${t}.unstarted`;
  }
  // the record read now is a named holding's latest: later, or closing it at the second it was last seen
  const latest = `(excluded.t1 > ${t}.t1 OR (${t}.hold <> 0 AND excluded.t1 = ${t}.t1 AND excluded.open < ${t}.open))`;
  return `DO UPDATE SET t1 = ${greatest}(${t}.t1, excluded.t1),
      open = CASE WHEN ${t}.hold = 0 THEN ${greatest}(${t}.open, excluded.open)
        WHEN ${latest} THEN excluded.open ELSE ${t}.open END,
      eline = CASE WHEN ${latest} THEN excluded.eline ELSE ${t}.eline END
    WHERE ${latest} OR (${t}.hold = 0 AND excluded.open > ${t}.open)`;
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
    if (kept === undefined) {
      byKey.set(k, r);
      continue;
    }
    const row = joined(kept, r, kept.oneHolding === true && storedHold(kept) !== 0) ?? kept;
    // a NAT row is unstarted while every record of it is (080)
    byKey.set(k, isUnstarted(row) && !isUnstarted(r) ? { ...row, unstarted: undefined } : row);
  }
  return [...byKey.values()];
}

/**
 * A port block's open row stored after a later record of its allocation was: the allocation read in a file after
 * the one with its INTERIM or RELEASE, which the store kept as an unstarted row (080) from that record's time.
 * Had the allocation's file come first, that record would have extended or ended its open row (the NAT close:
 * the open row of the same port range and inside address that is the latest start before it); read the other
 * way round, the open row takes what the unstarted row says, where that row is the next start on the block after
 * it, so no other allocation came between — its end and closedness if closed, its later sighting if open — and
 * the unstarted row goes (natTakenSql), so the store holds the same rows in either order. `keys` is a FROM item
 * k(pub, plo, t0, inside, phi, hold): the open rows a file stored, at its last commit (fileOpenNatSql). With
 * `returning` (PostgreSQL; SQLite's RETURNING cannot name the row beside the FROM item) it returns the keys of the
 * rows that took one, and the start of the row each took (`taken`: for natTakenKeysSql).
 */
export function takeLaterNatSql(table: string, keys: string, returning: boolean): string {
  const t = table;
  return `UPDATE ${t} AS o SET
      t1 = CASE WHEN f.open = 0 OR f.t1 > o.t1 THEN f.t1 ELSE o.t1 END,
      open = f.open,
      eline = CASE WHEN f.open = 0 OR f.t1 > o.t1 THEN f.eline ELSE o.eline END
    FROM ${keys} JOIN ${t} AS f ON f.pub = k.pub AND f.plo = k.plo AND f.inside = k.inside AND f.phi = k.phi
      AND f.hold = k.hold AND f.unstarted = 1 AND f.t0 = ${nextStart(t)}
    WHERE o.pub = k.pub AND o.plo = k.plo AND o.t0 = k.t0 AND o.inside = k.inside AND o.phi = k.phi
      AND o.hold = k.hold AND o.open = 1
    ${returning ? 'RETURNING o.pub, o.plo, o.t0, o.inside, o.phi, o.hold, f.t0 AS taken' : ''}`;
}

/**
 * The keys (pub, plo, t0, inside, phi, hold) of the open rows of `table` a file stored (`file`: its id as the
 * dialect's parameter), for takeLaterNatSql: run once, at the commit that ends the file, never per batch. A batch
 * sees only part of the file, so another translation of the port started between the open row and the unstarted
 * one may not be stored yet (the parser keeps it pending, or a later batch has it) and the join would cross it;
 * the file's last commit sees all it stored, and it is one transaction with the file being done, so a resumed
 * run (which re-reads lines and may reopen a row) never follows a join.
 */
export function fileOpenNatSql(table: string, file: string): string {
  return `SELECT pub, plo, t0, inside, phi, hold FROM ${table} WHERE file = ${file} AND open = 1`;
}

/** The unstarted rows the rows `keys` took what they say from (takeLaterNatSql, run before): gone. */
export function natTakenSql(table: string, keys: string): string {
  return `DELETE FROM ${table} WHERE unstarted = 1 AND (pub, plo, t0, inside, phi, hold) IN (
    SELECT k.pub, k.plo, ${nextStart(table)}, k.inside, k.phi, k.hold FROM ${keys})`;
}

/**
 * The unstarted rows taken (PostgreSQL), by their whole key as takeLaterNatSql returned it: `keys` a FROM item
 * k(pub, plo, t0, inside, phi, hold) with t0 the taken row's start. A join on the primary key; natTakenSql's
 * `IN (SELECT …)` was planned there as a hash join over a scan of the whole table, once each file.
 */
export function natTakenKeysSql(table: string, keys: string): string {
  return `DELETE FROM ${table} AS d USING ${keys}
    WHERE d.pub = k.pub AND d.plo = k.plo AND d.t0 = k.t0 AND d.inside = k.inside AND d.phi = k.phi
      AND d.hold = k.hold AND d.unstarted = 1`;
}

/**
 * A NAT end (`open` false) or sighting read later, in one statement (PostgreSQL: the repository's round trips
 * were five for an end read before its start): as the repository's loop over closeHolds ($5 the named hold, $6
 * the other, the same where there is one) — the open row of the holding it names, at the latest start on the port
 * at or before $7, is closed (extended) to $7; else, where that row already reaches $7, the end was applied; else
 * the same with the other hold. Each step runs only where the ones before did nothing, so what it changes is
 * what the loop changed. $1–$4: pub, plo, inside, phi; $8 the end's line. Returns `done`: false where the caller
 * must store the end as what it proves — unless `raced`.
 *
 * Every part reads the snapshot the statement started with. An UPDATE that waits for a row another transaction
 * changes (closes, extends) re-checks that row as committed and may then change nothing, while the "applied
 * already" checks still see the row as before: `raced` says an open row of the holding was there to close (o1,
 * o2) and was not closed. Then nothing was changed (the second holding's row is not tried), and the caller runs
 * the statement again, whose snapshot holds what the other transaction committed — as the loop's separate
 * statements did.
 */
export function natCloseSql(table: string, open: boolean): string {
  const t = table;
  const [set, seen] = open ? ['t1 = $7', 'AND t1 < $7'] : ['t1 = GREATEST(t0, $7), open = 0', ''];
  const latest = `t0 = (SELECT max(t0) FROM ${t} WHERE pub = $1 AND plo = $2 AND t0 <= $7)`;
  const row = (hold: string) => `pub = $1 AND plo = $2 AND inside = $3 AND phi = $4 AND hold = ${hold}`;
  const none = (...ctes: string[]) => ctes.map((x) => `AND NOT EXISTS (SELECT 1 FROM ${x})`).join(' ');
  return `WITH o1 AS (SELECT 1 FROM ${t} WHERE ${row('$5')} AND open = 1 ${seen} AND ${latest}),
    u1 AS (UPDATE ${t} SET ${set}, eline = $8 WHERE ${row('$5')} AND open = 1 ${seen} AND ${latest} RETURNING 1),
    d1 AS (SELECT 1 FROM ${t} WHERE ${row('$5')} AND t1 >= $7 AND ${latest}),
    o2 AS (SELECT 1 FROM ${t} WHERE ${row('$6')} AND open = 1 ${seen} AND ${latest} ${none('o1', 'd1')}),
    u2 AS (UPDATE ${t} SET ${set}, eline = $8 WHERE ${row('$6')} AND open = 1 ${seen} AND ${latest}
      ${none('o1', 'd1')} RETURNING 1),
    d2 AS (SELECT 1 FROM ${t} WHERE ${row('$6')} AND t1 >= $7 AND ${latest})
    SELECT EXISTS (SELECT 1 FROM u1) OR EXISTS (SELECT 1 FROM d1) OR EXISTS (SELECT 1 FROM u2)
      OR EXISTS (SELECT 1 FROM d2) AS done,
      (EXISTS (SELECT 1 FROM o1) AND NOT EXISTS (SELECT 1 FROM u1))
      OR (EXISTS (SELECT 1 FROM o2) AND NOT EXISTS (SELECT 1 FROM u2)) AS raced`;
}

/** The next start on k's block after k's. */
const nextStart = (t: string): string =>
  `(SELECT min(n.t0) FROM ${t} AS n WHERE n.pub = k.pub AND n.plo = k.plo AND n.t0 > k.t0)`;
