// Records kept as one holding with another's row: a record whose row's key (address or prefix, start, account
// and holding; public address, port range, start, inside address and holding) another record's row holds
// already — a lease exported with its renewal as a second line, a Start logged twice, two RADIUS sessions of one
// user on one address from one second with their ends logged, a NAT log repeating a block. The store keeps one
// row (same-start.ts); the ingest says how many records were so kept, so that a log repeating itself is seen.
//
// Counted where a row is written: in a batch, a row beyond the first of its key, and the first where the store
// held the key before (SQLite: one probe of the batch's distinct keys through json_each before the upsert;
// PostgreSQL: the upsert's RETURNING (xmax = 0), true for a row inserted, the rows merged in the batch before it
// counted apart); an end read later stored as what it proves (a CloseOp's fallback), where its key is held. The
// count is the same wherever batches end: a key's rows are counted once each, but the one that made it. An end
// read later that closes or extends an open row is not a record of another holding and is not counted. The
// lines a run reads again (a resumed run, a file read again with --zone) count nothing: ingest.ts commits them
// apart and leaves their count out, since what they give was stored before (attr_file.read_to, 080).
import { ipv4ToInt32 } from '../../net/address.ts';
import type { AssignRow, NatRow } from '../model.ts';
import { storedHold } from './same-start.ts';

/** A row's key as the store keys it (an account by its name: one name, one interned id). */
export function assignKey(a: AssignRow): string {
  const addr = Buffer.from(a.addr.buffer, a.addr.byteOffset, a.addr.length).toString('hex');
  return `${addr}/${a.plen}/${a.t0}/${a.account}/${storedHold(a)}`;
}

export function natKey(n: NatRow): string {
  return `${n.pub}/${n.plo}/${n.t0}/${n.inside}/${n.phi}/${storedHold(n)}`;
}

/** The first row of each key, and how many rows repeat a key before them in `rows`. */
export function firstOfKeys<R>(rows: R[], key: (r: R) => string): { firsts: R[]; repeats: number } {
  const seen = new Set<string>();
  const firsts: R[] = [];
  for (const r of rows) {
    const k = key(r);
    if (seen.has(k)) continue;
    seen.add(k);
    firsts.push(r);
  }
  return { firsts, repeats: rows.length - firsts.length };
}

/** SQLite: how many of the keys given (a JSON array of [addr hex, plen, t0, account, hold]) attr_assign holds. */
export const ASSIGN_KEYS_HELD = `SELECT count(*) FROM json_each(?) AS j WHERE EXISTS (SELECT 1 FROM attr_assign AS a
  WHERE a.addr = unhex(j.value ->> 0) AND a.plen = j.value ->> 1 AND a.t0 = j.value ->> 2
    AND a.account = j.value ->> 3 AND a.hold = j.value ->> 4)`;

/** SQLite: how many of the keys given (a JSON array of [pub, plo, t0, inside, phi, hold]) `table` holds. */
export function natKeysHeld(table: string): string {
  return `SELECT count(*) FROM json_each(?) AS j WHERE EXISTS (SELECT 1 FROM ${table} AS n
    WHERE n.pub = j.value ->> 0 AND n.plo = j.value ->> 1 AND n.t0 = j.value ->> 2 AND n.inside = j.value ->> 3
      AND n.phi = j.value ->> 4 AND n.hold = j.value ->> 5)`;
}

/** The JSON array of assignment keys ASSIGN_KEYS_HELD reads. */
export function assignKeysJson(rows: AssignRow[], account: (name: string) => number): string {
  return JSON.stringify(
    rows.map((a) => [
      Buffer.from(a.addr.buffer, a.addr.byteOffset, a.addr.length).toString('hex'),
      a.plen,
      a.t0,
      account(a.account),
      storedHold(a),
    ]),
  );
}

/** The JSON array of NAT keys natKeysHeld reads (addresses as stored: signed 32-bit). */
export function natKeysJson(rows: NatRow[]): string {
  return JSON.stringify(
    rows.map((n) => [ipv4ToInt32(n.pub), n.plo, n.t0, ipv4ToInt32(n.inside), n.phi, storedHold(n)]),
  );
}
