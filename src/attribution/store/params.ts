// What both repositories bind when they write a row, whatever the SQL dialect: the row's values in its
// table's insert column order, encoded as stored (IPv4 as a signed 32-bit integer, flags as 0/1, an
// unknown contract start as NO_START). Each writer puts one row's values into a parameter array from
// an offset: SQLite binds the array (one row, or MULTI rows of a multi-row upsert), PostgreSQL turns
// the rows into unnest()'s column arrays. The statements themselves stay in each dialect's repository.
import { ipv4ToInt32 } from '../../net/address.ts';
import type { AssignRow, Interval, NatRow } from '../model.ts';
import type { Subscriber } from '../subscribers.ts';
import { storedContractStart } from './rows.ts';
import { storedHold } from './same-start.ts';

/** Writes one row's values into `p` from index `k`. */
export type RowWriter<R> = (p: unknown[], k: number, row: R) => void;

/**
 * What every row's insert columns end in, after its key's first columns: the interval's end, whether it is
 * still open, its source, and the holding it names while open (t1, open, file, line, eline, hold; 079).
 */
function writeSpanEnd(p: unknown[], k: number, r: Interval, file: number): void {
  p[k] = r.t1;
  p[k + 1] = r.open ? 1 : 0;
  p[k + 2] = file;
  p[k + 3] = r.line;
  p[k + 4] = r.eline;
  p[k + 5] = storedHold(r);
}

/** attr_assign's insert columns: addr, plen, t0, account, t1, open, file, line, eline, hold. */
export const ASSIGN_COLUMNS = 10;

/** An assignment's values; `account` is its account's interned id. */
export function writeAssign(p: unknown[], k: number, a: AssignRow, account: number, file: number): void {
  p[k] = a.addr;
  p[k + 1] = a.plen;
  p[k + 2] = a.t0;
  p[k + 3] = account;
  writeSpanEnd(p, k + 4, a, file);
}

/**
 * attr_nat_block's and attr_nat_session's insert columns: pub, plo, t0, inside, phi, t1, open, file, line,
 * eline, hold, unstarted (080).
 */
export const NAT_COLUMNS = 12;

export function writeNat(p: unknown[], k: number, n: NatRow, file: number): void {
  p[k] = ipv4ToInt32(n.pub);
  p[k + 1] = n.plo;
  p[k + 2] = n.t0;
  p[k + 3] = ipv4ToInt32(n.inside);
  p[k + 4] = n.phi;
  writeSpanEnd(p, k + 5, n, file);
  p[k + 11] = n.unstarted ? 1 : 0;
}

/**
 * attr_subscriber's insert columns: account, contract_start, contract_end, name, name_kana,
 * installation_address, billing_address, phone, email, line_use.
 */
export const SUBSCRIBER_COLUMNS = 10;

export function writeSubscriber(p: unknown[], k: number, s: Subscriber): void {
  p[k] = s.account;
  p[k + 1] = storedContractStart(s);
  p[k + 2] = s.contractEnd;
  p[k + 3] = s.name;
  p[k + 4] = s.nameKana;
  p[k + 5] = s.installationAddress;
  p[k + 6] = s.billingAddress;
  p[k + 7] = s.phone;
  p[k + 8] = s.email;
  p[k + 9] = s.lineUse;
}
