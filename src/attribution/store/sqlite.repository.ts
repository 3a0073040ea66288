// SQLite repository: WITHOUT ROWID tables whose primary keys are the lookup indexes, so a chained
// lookup is a handful of B-tree probes; integers are compact (IPv4 shifted to 4 bytes). It runs raw
// better-sqlite3 statements on the main store's own connection (Store.native): prepared once, no
// query builder on the hot paths. Inside a unit of work they belong to its transaction.
import type { Database, Statement } from 'better-sqlite3';
import { ipv4FromInt32, ipv4ToInt32 } from '../../net/address.ts';
import type { Tx } from '../../store/database.ts';
import type { AssignRow, Batch, CloseOp, NatRow } from '../model.ts';
import type { NatConfig } from '../nat-config.ts';
import { batchCover, type NatFileCover } from '../nat-cover.ts';
import type { Subscriber } from '../subscribers.ts';
import { countInserts, type InsertCount } from './kept-as-one.ts';
import { foldBatch, type Meta, metaFromPairs } from './meta.ts';
import {
  ASSIGN_COLUMNS,
  NAT_COLUMNS,
  type RowWriter,
  SUBSCRIBER_COLUMNS,
  writeAssign,
  writeNat,
  writeSubscriber,
} from './params.ts';
import { SqliteReach, type TouchedSeries, touchedSeries } from './reach.queries.ts';
import {
  type AttrTable,
  assignFromStored,
  assignsWithHolders,
  CachingRepository,
  FILE_COLUMNS,
  fileProgressOf,
  natFromStored,
  natTable,
  type StoredAssign,
  type StoredAssignHolder,
  type StoredFile,
  type StoredNat,
  type StoredSpan,
  type StoredSubscriber,
  subscriberFromStored,
} from './rows.ts';
import {
  closeHolds,
  endUpdateSql,
  fileOpenNatSql,
  natTakenSql,
  storedHold,
  takeLaterNatSql,
  takeLaterRecordSql,
} from './same-start.ts';
import {
  coverInsertSql,
  natChainCoverSql,
  natFileCoverSql,
  natFileCovers,
  natFilesSql,
  natSpanSql,
  type StoredChainCover,
  type StoredCover,
  type StoredNatFile,
  type StoredNatSpan,
  spanOf,
} from './span.queries.ts';
import type {
  AssignSeriesRow,
  AttributionStore,
  FileProgress,
  HolderWindow,
  NatKind,
  NatSeriesRow,
  NatSpan,
  RefusedFile,
} from './types.ts';

/** One open NAT row's key as takeLaterNatSql's FROM item. */
const NAT_KEY = '(SELECT ? AS pub, ? AS plo, ? AS t0, ? AS inside, ? AS phi, ? AS hold) AS k';

/** Rows per multi-row upsert statement (fewer calls into SQLite per stored row). */
const MULTI = 64;

/** Order of attr_assign keys (addr bytes, plen, t0), for IPv6 rows (and huge batches). */
function assignOrder(x: AssignRow, y: AssignRow): number {
  const a = x.addr;
  const b = y.addr;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length || x.plen - y.plen || x.t0 - y.t0;
}

const IDX_BITS = 2 ** 20;

/** An IPv4 host assignment as the in-memory index loads it. */
type HostAssignV4 = [addr: Buffer, account: number, ...span: StoredSpan];

/**
 * Rows in an order that keeps B-tree inserts local: IPv4 rows by address, then IPv6 rows by key.
 * Rows with the same key may come in any order (the upsert keeps the latest end of them, same-start.ts);
 * both sorts are stable. IPv4 rows are sorted as numbers (address · 2^20 + position) in a typed
 * array: a comparator over 100 000 rows costs more than the inserts.
 */
function sortAssigns(rows: AssignRow[]): AssignRow[] {
  if (rows.length < 2) return rows;
  if (rows.length >= IDX_BITS) return rows.slice().sort(assignOrder);
  const keys = new Float64Array(rows.length);
  const v6: AssignRow[] = [];
  let n = 0;
  for (let i = 0; i < rows.length; i++) {
    const b = rows[i]!.addr;
    if (b.length === 4)
      keys[n++] = ((b[0]! << 24) >>> 0) * IDX_BITS + ((b[1]! << 16) | (b[2]! << 8) | b[3]!) * IDX_BITS + i;
    else v6.push(rows[i]!);
  }
  const sorted = keys.subarray(0, n).sort();
  const out = new Array<AssignRow>(rows.length);
  for (let i = 0; i < n; i++) out[i] = rows[sorted[i]! % IDX_BITS]!;
  if (v6.length > 0) {
    v6.sort(assignOrder);
    for (let i = 0; i < v6.length; i++) out[n + i] = v6[i]!;
  }
  return out;
}

/**
 * NAT rows by (public address, port_low), rows with the same pair in the order produced (stable):
 * pairs are ranked among the batch's distinct pairs, and rank · 2^20 + position sorted as numbers.
 */
function sortNats(rows: NatRow[]): NatRow[] {
  const n = rows.length;
  if (n < 2) return rows;
  if (n >= IDX_BITS) return rows.slice().sort((x, y) => x.pub - y.pub || x.plo - y.plo);
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) keys[i] = rows[i]!.pub * 65536 + rows[i]!.plo;
  const uniq = keys.slice().sort();
  let u = 0;
  for (let i = 0; i < n; i++) if (u === 0 || uniq[i] !== uniq[u - 1]) uniq[u++] = uniq[i]!;
  const order = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const k = keys[i]!;
    let lo = 0;
    let hi = u - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (uniq[mid]! < k) lo = mid + 1;
      else hi = mid;
    }
    order[i] = lo * IDX_BITS + i;
  }
  order.sort();
  const out = new Array<NatRow>(n);
  for (let i = 0; i < n; i++) out[i] = rows[order[i]! % IDX_BITS]!;
  return out;
}

export class SqliteAttributionRepository extends CachingRepository implements AttributionStore {
  readonly dialect = 'sqlite' as const;
  readonly db: Database;
  private readonly s: Record<string, Statement>;
  private readonly reach: Record<'assign' | NatKind, SqliteReach>;
  private readonly assignParams: unknown[] = new Array<unknown>(MULTI * ASSIGN_COLUMNS);
  private readonly natParams: unknown[] = new Array<unknown>(MULTI * NAT_COLUMNS);
  private readonly assignParam: unknown[] = new Array<unknown>(ASSIGN_COLUMNS);
  private readonly natParam: unknown[] = new Array<unknown>(NAT_COLUMNS);
  private readonly subscriberParam: unknown[] = new Array<unknown>(SUBSCRIBER_COLUMNS);
  /** Rows the connection's inserts into the interval tables made (kept-as-one.ts). */
  private readonly inserts: InsertCount;
  /** The connection's data_version when the cached summary was read (loadMeta). */
  private metaVersion = -1;

  /** `db` is the main store's connection (its pragmas are set by openStore; the tables by its migrations). */
  constructor(db: Database) {
    super();
    this.db = db;
    this.inserts = countInserts(db);
    // Multi-row upserts (MULTI rows per statement): SQLite applies the rows of one statement in order,
    // each conflicting with those before it exactly as separate statements would.
    const values = (cols: number, rows: number): string =>
      Array.from({ length: rows }, () => `(${'?,'.repeat(cols - 1)}?)`).join(',');
    // A second record of a row's key: the row keeps the latest end and any record's openness (same-start.ts).
    const assignUpsert = (rows: number): string =>
      `INSERT INTO attr_assign (addr, plen, t0, account, t1, open, file, line, eline, hold) ` +
      `VALUES ${values(ASSIGN_COLUMNS, rows)}
        ON CONFLICT (addr, plen, t0, account, hold) ${endUpdateSql('attr_assign', 'max')}`;
    const natUpsert = (t: string, rows: number): string =>
      `INSERT INTO ${t} (pub, plo, t0, inside, phi, t1, open, file, line, eline, hold, unstarted) ` +
      `VALUES ${values(NAT_COLUMNS, rows)}
      ON CONFLICT (pub, plo, t0, inside, phi, hold) ${endUpdateSql(t, 'max')}`;
    // An end closes the open row of its own port range (phi, migration 077) and holding (hold, 079), never
    // another's.
    const natClose = (t: string): string => `UPDATE ${t} SET t1 = max(t0, ?), open = 0, eline = ?
      WHERE pub = ? AND plo = ? AND inside = ? AND phi = ? AND hold = ? AND open = 1
        AND t0 = (SELECT max(t0) FROM ${t} WHERE pub = ? AND plo = ? AND t0 <= ?)`;
    // A sighting (an INTERIM read later) extends the open row it would close to its time.
    const natSeen = (t: string): string => `UPDATE ${t} SET t1 = ?, eline = ?
      WHERE pub = ? AND plo = ? AND inside = ? AND phi = ? AND hold = ? AND open = 1
        AND t0 = (SELECT max(t0) FROM ${t} WHERE pub = ? AND plo = ? AND t0 <= ?) AND t1 < ?`;
    // An end already applied (a resumed run re-reads lines after its resume point) is not stored twice.
    const natClosed = (t: string): string => `SELECT 1 FROM ${t}
        WHERE pub = ? AND plo = ? AND inside = ? AND phi = ? AND hold = ? AND t1 >= ?
        AND t0 = (SELECT max(t0) FROM ${t} WHERE pub = ? AND plo = ? AND t0 <= ?)`;
    const natSeries = (t: string): string => `SELECT plo, phi, inside, t0, t1, open, file, line, eline, reach FROM ${t}
      WHERE pub = ? AND plo = ? AND t0 <= ? ORDER BY t0 DESC LIMIT ?`;
    const natNear = (t: string): string => `SELECT plo, phi, inside, t0, t1, open, file, line, eline, reach FROM ${t}
      WHERE pub = ? AND plo <= ? AND plo >= ? AND t0 <= ? ORDER BY plo DESC, t0 DESC LIMIT ?`;
    const natLows = (t: string): string =>
      `SELECT plo FROM ${t} WHERE pub = ? AND plo <= ? AND plo >= ? ORDER BY plo DESC LIMIT 1`;
    this.reach = {
      assign: new SqliteReach(db, 'attr_assign'),
      block: new SqliteReach(db, 'attr_nat_block'),
      session: new SqliteReach(db, 'attr_nat_session'),
    };
    this.s = {
      accountGet: this.db.prepare('SELECT id FROM attr_account WHERE name = ?'),
      accountIns: this.db.prepare('INSERT INTO attr_account (name) VALUES (?)'),
      assignUpsert: this.db.prepare(assignUpsert(1)),
      assignUpsertMany: this.db.prepare(assignUpsert(MULTI)),
      // an end leaves a row seen last after it as it is: a holding's latest record decides (same-start.ts)
      assignClose: this.db.prepare(`UPDATE attr_assign SET t1 = max(t0, ?), open = 0, eline = ?
        WHERE addr = ? AND plen = ? AND account = ? AND hold = ? AND open = 1 AND t1 <= ?
          AND t0 = (SELECT max(t0) FROM attr_assign WHERE addr = ? AND plen = ? AND t0 <= ?)`),
      // a sighting read later: the open row it names was still held then
      assignSeen: this.db.prepare(`UPDATE attr_assign SET t1 = ?, eline = ?
        WHERE addr = ? AND plen = ? AND account = ? AND hold = ? AND open = 1 AND t1 < ?
          AND t0 = (SELECT max(t0) FROM attr_assign WHERE addr = ? AND plen = ? AND t0 <= ?)`),
      assignLater: this.db.prepare(
        takeLaterRecordSql('(SELECT ? AS addr, ? AS plen, ? AS t0, ? AS account, ? AS hold) AS k'),
      ),
      blockUpsert: this.db.prepare(natUpsert('attr_nat_block', 1)),
      sessionUpsert: this.db.prepare(natUpsert('attr_nat_session', 1)),
      blockUpsertMany: this.db.prepare(natUpsert('attr_nat_block', MULTI)),
      sessionUpsertMany: this.db.prepare(natUpsert('attr_nat_session', MULTI)),
      blockClosed: this.db.prepare(natClosed('attr_nat_block')),
      sessionClosed: this.db.prepare(natClosed('attr_nat_session')),
      assignClosed: this.db.prepare(`SELECT 1 FROM attr_assign
          WHERE addr = ? AND plen = ? AND account = ? AND hold = ? AND t1 >= ?
          AND t0 = (SELECT max(t0) FROM attr_assign WHERE addr = ? AND plen = ? AND account = ? AND t0 <= ?)`),
      blockClose: this.db.prepare(natClose('attr_nat_block')),
      blockSeen: this.db.prepare(natSeen('attr_nat_block')),
      sessionSeen: this.db.prepare(natSeen('attr_nat_session')),
      blockLater: this.db.prepare(takeLaterNatSql('attr_nat_block', NAT_KEY, false)),
      blockTaken: this.db.prepare(natTakenSql('attr_nat_block', NAT_KEY)),
      sessionLater: this.db.prepare(takeLaterNatSql('attr_nat_session', NAT_KEY, false)),
      sessionTaken: this.db.prepare(natTakenSql('attr_nat_session', NAT_KEY)),
      blockOpen: this.db.prepare(fileOpenNatSql('attr_nat_block', '?')).raw(true),
      sessionOpen: this.db.prepare(fileOpenNatSql('attr_nat_session', '?')).raw(true),
      sessionClose: this.db.prepare(natClose('attr_nat_session')),
      blockSeries: this.db.prepare(natSeries('attr_nat_block')).raw(true),
      sessionSeries: this.db.prepare(natSeries('attr_nat_session')).raw(true),
      blockNear: this.db.prepare(natNear('attr_nat_block')).raw(true),
      sessionNear: this.db.prepare(natNear('attr_nat_session')).raw(true),
      blockLows: this.db.prepare(natLows('attr_nat_block')).pluck(true),
      sessionLows: this.db.prepare(natLows('attr_nat_session')).pluck(true),
      blockSpan: this.db.prepare(natSpanSql('attr_nat_block', '?')).raw(true),
      sessionSpan: this.db.prepare(natSpanSql('attr_nat_session', '?')).raw(true),
      natFiles: this.db.prepare(natFilesSql('?')).raw(true),
      natFileCover: this.db.prepare(natFileCoverSql('?')).raw(true),
      natChainCover: this.db.prepare(natChainCoverSql('?')).raw(true),
      coverIns: this.db.prepare(coverInsertSql('sqlite')),
      blockHas: this.db.prepare('SELECT 1 FROM attr_nat_block WHERE pub = ? LIMIT 1'),
      sessionHas: this.db.prepare('SELECT 1 FROM attr_nat_session WHERE pub = ? LIMIT 1'),
      assignSeries: this.db
        .prepare(`SELECT c.name AS account, a.t0, a.t1, a.open, a.file, a.line, a.eline, a.reach
        FROM attr_assign a JOIN attr_account c ON c.id = a.account
        WHERE a.addr = ? AND a.plen = ? AND a.t0 <= ? ORDER BY a.t0 DESC LIMIT ?`)
        .raw(true),
      assignSeriesHolder: this.db
        .prepare(
          `SELECT c.name AS account, a.t0, a.t1, a.open, a.file, a.line, a.eline, a.reach, s.account,
          s.name, s.name_kana, s.installation_address, s.billing_address, s.phone, s.email, ` +
            `s.contract_start, s.contract_end,
          s.line_use
        FROM attr_assign a JOIN attr_account c ON c.id = a.account
        LEFT JOIN attr_subscriber s ON s.account = c.name AND s.contract_start <= ? ` +
            `AND (s.contract_end IS NULL OR s.contract_end > ?)
        WHERE a.addr = ? AND a.plen = ? AND a.t0 <= ? ORDER BY a.t0 DESC, a.account DESC, a.hold DESC LIMIT ?`,
        )
        .raw(true),
      assignHas: this.db.prepare('SELECT 1 FROM attr_assign WHERE addr = ? AND plen = ? LIMIT 1'),
      fileGet: this.db.prepare(`SELECT ${FILE_COLUMNS} FROM attr_file WHERE sha256 = ?`),
      fileForget: this.db.prepare('DELETE FROM attr_file WHERE id = ? AND records = 0'),
      fileIns: this.db.prepare(
        `INSERT INTO attr_file (sha256, path, format, resume_from, done, records, updated_at, source, skipped, zone,
         read_to) VALUES (?,?,?,1,0,0,?,?,0,?,0)`,
      ),
      fileUpd: this.db.prepare(
        `UPDATE attr_file SET resume_from = ?, done = ?, records = records + ?, updated_at = ?,
         skipped = coalesce(skipped, 0) + ?, read_to = CASE WHEN read_to < ? THEN ? ELSE read_to END WHERE id = ?`,
      ),
      fileAgain: this.db.prepare(
        'UPDATE attr_file SET done = 0, resume_from = 1, zone = ?, skipped = 0, updated_at = ? WHERE id = ?',
      ),
      fileRefused: this.db.prepare('SELECT path, skipped AS lines FROM attr_file WHERE skipped > 0 ORDER BY id'),
      fileName: this.db.prepare('SELECT path FROM attr_file WHERE id = ?'),
      metaAll: this.db.prepare('SELECT key, value FROM attr_meta'),
      // changes when another connection commits (a CLI ingest beside a lookup server): the summary is read again
      dataVersion: this.db.prepare('PRAGMA data_version').pluck(),
      metaSet: this.db.prepare(
        'INSERT INTO attr_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      ),
      subUpsert: this.db.prepare(
        `INSERT INTO attr_subscriber (account, contract_start, contract_end, name, name_kana, ` +
          `installation_address,
        billing_address, phone, email, line_use) VALUES (?,?,?,?,?,?,?,?,?,?) ` +
          `ON CONFLICT (account, contract_start) DO UPDATE SET
        contract_end = excluded.contract_end, name = excluded.name, name_kana = excluded.name_kana,
        installation_address = excluded.installation_address, billing_address = excluded.billing_address,
        phone = excluded.phone, email = excluded.email, line_use = excluded.line_use`,
      ),
      subGet: this.db
        .prepare(`SELECT account, name, name_kana, installation_address, billing_address, phone, email,
        contract_start, contract_end, line_use FROM attr_subscriber WHERE account = ? ORDER BY contract_start`)
        .raw(true),
      cfgUpsert: this.db.prepare(
        'INSERT INTO attr_nat_config (name, valid_from, body) VALUES (?,?,?) ' +
          'ON CONFLICT (name, valid_from) DO UPDATE SET body = excluded.body',
      ),
      cfgAll: this.db.prepare('SELECT body FROM attr_nat_config ORDER BY valid_from'),
    };
  }

  private accountId(name: string): number {
    let id = this.accountIds.get(name);
    if (id !== undefined) return id;
    const r = this.s.accountGet!.get(name) as { id: number } | undefined;
    id = r ? r.id : Number(this.s.accountIns!.run(name).lastInsertRowid);
    this.accountIds.set(name, id);
    return id;
  }

  async beginFile(
    sha256: string,
    path: string,
    format: string,
    source: string | null,
    zone = '',
  ): Promise<FileProgress> {
    const r = this.s.fileGet!.get(sha256) as StoredFile | undefined;
    if (r) return fileProgressOf(r);
    const at = new Date().toISOString();
    const id = Number(this.s.fileIns!.run(sha256, path, format, at, source, zone).lastInsertRowid);
    const fresh = {
      id,
      resume_from: 1,
      done: 0,
      records: 0,
      format,
      updated_at: at,
      source,
      skipped: 0,
      zone,
      read_to: 0,
    };
    return fileProgressOf(fresh);
  }

  async forgetFile(fileId: number): Promise<void> {
    this.s.fileForget!.run(fileId);
  }

  async readAgain(fileId: number, zone: string): Promise<void> {
    this.s.fileAgain!.run(zone, new Date().toISOString(), fileId);
  }

  async refusedFiles(): Promise<RefusedFile[]> {
    return this.s.fileRefused!.all() as RefusedFile[];
  }

  async commitBatch(
    fileId: number,
    batch: Batch,
    resumeFrom: number,
    done: boolean,
    records: number,
    skipped = 0,
    readTo = resumeFrom - 1,
  ): Promise<number> {
    // rows written, less those inserted: the rows kept as one with a row of their key
    let written = batch.assigns.length + batch.nats.length;
    const insertedBefore = this.inserts.begin();
    const tx = this.db.transaction(() => {
      // Key order keeps B-tree inserts local; rows with the same key end as one row whatever their order.
      const assigns = sortAssigns(batch.assigns);
      this.putAssigns(fileId, assigns);
      const nats = sortNats(batch.nats);
      for (const kind of ['block', 'session'] as const) {
        const rows = nats.filter((n) => n.kind === kind);
        this.putNats(fileId, rows, kind === 'block' ? this.s.blockUpsertMany! : this.s.sessionUpsertMany!);
      }
      for (const c of batch.closes) if (this.close(fileId, c) !== null) written++;
      for (const a of assigns) {
        const hold = a.open ? storedHold(a) : 0;
        if (hold !== 0) this.s.assignLater!.run(a.addr, a.plen, a.t0, this.accountId(a.account), hold);
      }
      const touched = touchedSeries(assigns, nats, batch.closes);
      if (done) this.takeLaterNats(fileId, touched);
      this.putReach(touched);
      this.updateMeta(batch);
      for (const [from, to] of batchCover(batch)) this.s.coverIns!.run(fileId, from, to);
      const at = new Date().toISOString();
      this.s.fileUpd!.run(resumeFrom, done ? 1 : 0, records, at, skipped, readTo, readTo, fileId);
    });
    try {
      tx.immediate();
    } catch (err) {
      // the cached account ids and coverage may name rows that rolled back
      this.forgetCaches();
      throw err;
    }
    return written - (this.inserts.n - insertedBefore);
  }

  /**
   * An end (or a sighting) read for a holding that started in an earlier file or batch: it closes (extends) the
   * open row of the holding it names (else one naming none, same-start.ts), is recognised where it was applied
   * already (a resumed run re-reads lines after its resume point, a row seen later), and is kept as what it
   * proves where the store has no start.
   */
  private close(fileId: number, c: CloseOp): AssignRow | NatRow | null {
    for (const hold of closeHolds(c)) {
      if (c.target === 'assign') {
        const { addr, plen, at } = c;
        const acc = this.accountId(c.account);
        const st = c.fallback.open ? this.s.assignSeen! : this.s.assignClose!;
        if (st.run(at, c.line, addr, plen, acc, hold, at, addr, plen, at).changes > 0) return null;
        if (this.s.assignClosed!.get(addr, plen, acc, hold, at, addr, plen, acc, at) !== undefined) return null;
      } else {
        const pk = ipv4ToInt32(c.pub);
        const key = [pk, c.plo, ipv4ToInt32(c.inside), c.fallback.phi, hold];
        const block = c.target === 'block';
        if (c.fallback.open) {
          const st = block ? this.s.blockSeen! : this.s.sessionSeen!;
          if (st.run(c.at, c.line, ...key, pk, c.plo, c.at, c.at).changes > 0) return null;
        } else {
          const st = block ? this.s.blockClose! : this.s.sessionClose!;
          if (st.run(c.at, c.line, ...key, pk, c.plo, c.at).changes > 0) return null;
        }
        const closed = block ? this.s.blockClosed! : this.s.sessionClosed!;
        if (closed.get(...key, c.at, pk, c.plo, c.at) !== undefined) return null;
      }
    }
    if (c.target === 'assign') this.putAssign(fileId, c.fallback);
    else this.putNat(fileId, c.fallback);
    return c.fallback;
  }

  /**
   * At the commit that ends a file: the open NAT rows the file stored take what an unstarted row of their holding,
   * stored before, says (a port block's INTERIM or RELEASE, a flow's end, read in a file before the allocation's
   * or the flow's start), and that row goes (same-start.ts, fileOpenNatSql); their series are `touched`.
   */
  private takeLaterNats(fileId: number, touched: TouchedSeries): void {
    for (const kind of ['block', 'session'] as const) {
      const [open, later, taken] =
        kind === 'block'
          ? [this.s.blockOpen!, this.s.blockLater!, this.s.blockTaken!]
          : [this.s.sessionOpen!, this.s.sessionLater!, this.s.sessionTaken!];
      for (const key of open.all(fileId) as number[][]) {
        if (later.run(...key).changes === 0) continue;
        taken.run(...key);
        touched.nat[kind].add(ipv4FromInt32(key[0]!), key[1]!, key[2]!, true);
      }
    }
  }

  /** The reach of the series the batch touched (reach.queries.ts). */
  private putReach(touched: TouchedSeries): void {
    this.reach.assign.update(touched.assign, (addr) => {
      const b = Buffer.from(addr.buffer, addr.byteOffset, addr.length);
      return [b, b.toString('hex')];
    });
    for (const kind of ['block', 'session'] as const) {
      this.reach[kind].update(touched.nat[kind], (pub) => {
        const pk = ipv4ToInt32(pub);
        return [pk, pk];
      });
    }
  }

  private putAssign(file: number, a: AssignRow): void {
    writeAssign(this.assignParam, 0, a, this.accountId(a.account), file);
    this.s.assignUpsert!.run(this.assignParam);
  }

  private putAssigns(file: number, rows: AssignRow[]): void {
    this.putRows(
      rows,
      ASSIGN_COLUMNS,
      this.assignParams,
      this.s.assignUpsertMany!,
      (p, k, a) => writeAssign(p, k, a, this.accountId(a.account), file),
      (a) => this.putAssign(file, a),
    );
  }

  /** Rows of one kind: `many` is that kind's multi-row upsert. */
  private putNats(file: number, rows: NatRow[], many: Statement): void {
    this.putRows(
      rows,
      NAT_COLUMNS,
      this.natParams,
      many,
      (p, k, n) => writeNat(p, k, n, file),
      (n) => this.putNat(file, n),
    );
  }

  private putNat(file: number, n: NatRow): void {
    writeNat(this.natParam, 0, n, file);
    (n.kind === 'block' ? this.s.blockUpsert! : this.s.sessionUpsert!).run(this.natParam);
  }

  /**
   * Rows through a multi-row upsert, MULTI rows a call (each row's `columns` values written into `p`
   * by `write`, at the row's offset); the rest one by one through `one`.
   */
  private putRows<R>(
    rows: R[],
    columns: number,
    p: unknown[],
    many: Statement,
    write: RowWriter<R>,
    one: (row: R) => void,
  ): void {
    let i = 0;
    for (; i + MULTI <= rows.length; i += MULTI) {
      for (let j = 0; j < MULTI; j++) write(p, j * columns, rows[i + j]!);
      many.run(p);
    }
    for (; i < rows.length; i++) one(rows[i]!);
  }

  /** The summary as last read (refreshSummary); dropped by this connection's own batches. */
  protected loadMeta(): Meta {
    if (!this.meta) {
      this.metaVersion = this.s.dataVersion!.get() as number;
      this.meta = this.readMeta();
    }
    return this.meta;
  }

  /**
   * Read again where the connection's data_version says another connection committed since it was read (another
   * process's ingest): one pragma a lookup.
   */
  async refreshSummary(): Promise<void> {
    if (this.meta && this.s.dataVersion!.get() === this.metaVersion) return;
    this.meta = null;
    this.loadMeta();
  }

  private readMeta(): Meta {
    const pairs = new Map(
      (this.s.metaAll!.all() as Array<{ key: string; value: string }>).map((x) => [x.key, x.value]),
    );
    return metaFromPairs((k) => pairs.get(k));
  }

  /**
   * Inside the batch's write transaction (BEGIN IMMEDIATE: no other connection writes until it commits), folded
   * into the summary read there, never into the cached one: another process's batches committed before are kept.
   */
  private updateMeta(batch: Batch): void {
    this.meta = null;
    for (const [k, v] of foldBatch(this.readMeta(), batch)) this.s.metaSet!.run(k, v);
  }

  /** Same connection as the unit of work: the rows commit (or roll back) with its transaction. */
  async upsertSubscribers(_tx: Tx, list: Subscriber[]): Promise<number> {
    this.requireTransaction();
    const tx = this.db.transaction(() => {
      for (const s of list) {
        writeSubscriber(this.subscriberParam, 0, s);
        this.s.subUpsert!.run(this.subscriberParam);
      }
    });
    tx();
    return list.length;
  }

  async addNatConfigs(_tx: Tx, list: NatConfig[]): Promise<number> {
    this.requireTransaction();
    const tx = this.db.transaction(() => {
      for (const c of list) this.s.cfgUpsert!.run(c.name, c.validFrom, JSON.stringify(c));
    });
    tx();
    return list.length;
  }

  private requireTransaction(): void {
    if (!this.db.inTransaction) throw new Error('attribution writes of this kind run inside a unit of work');
  }

  async natConfigs(): Promise<NatConfig[]> {
    return (this.s.cfgAll!.all() as Array<{ body: string }>).map((r) => JSON.parse(r.body) as NatConfig);
  }

  async natPortLows(kind: NatKind, pub: number, lo: number, hi: number): Promise<number[]> {
    const st = kind === 'block' ? this.s.blockLows! : this.s.sessionLows!;
    const pk = ipv4ToInt32(pub);
    const out: number[] = [];
    let cur = hi;
    while (cur >= lo) {
      const plo = st.get(pk, cur, lo) as number | undefined;
      if (plo === undefined) break;
      out.push(plo);
      cur = plo - 1;
    }
    return out;
  }

  async natSeries(kind: NatKind, pub: number, plo: number, before: number, limit: number): Promise<NatSeriesRow[]> {
    const st = kind === 'block' ? this.s.blockSeries! : this.s.sessionSeries!;
    return (st.all(ipv4ToInt32(pub), plo, before, limit) as StoredNat[]).map(natFromStored);
  }

  async natNear(
    kind: NatKind,
    pub: number,
    lo: number,
    hi: number,
    before: number,
    limit: number,
  ): Promise<NatSeriesRow[]> {
    const st = kind === 'block' ? this.s.blockNear! : this.s.sessionNear!;
    return (st.all(ipv4ToInt32(pub), hi, lo, before, limit) as StoredNat[]).map(natFromStored);
  }

  async natSpan(pub: number): Promise<NatSpan | null> {
    const pk = ipv4ToInt32(pub);
    const spans = [this.s.blockSpan!, this.s.sessionSpan!].map((st) => st.get(pk) as StoredNatSpan);
    return spanOf(spans);
  }

  async natFileCovers(pub: number): Promise<NatFileCover[]> {
    const pk = ipv4ToInt32(pub);
    return natFileCovers(
      this.s.natFiles!.all(pk, pk) as StoredNatFile[],
      this.s.natFileCover!.all(pk, pk) as StoredCover[],
      this.s.natChainCover!.all(pk, pk) as StoredChainCover[],
    );
  }

  async hasNat(pub: number): Promise<boolean> {
    const pk = ipv4ToInt32(pub);
    return this.s.blockHas!.get(pk) !== undefined || this.s.sessionHas!.get(pk) !== undefined;
  }

  async assignSeries(
    addr: Uint8Array,
    plen: number,
    before: number,
    limit: number,
    holderWindow?: HolderWindow,
  ): Promise<AssignSeriesRow[]> {
    if (!holderWindow)
      return (this.s.assignSeries!.all(addr, plen, before, limit) as StoredAssign[]).map(assignFromStored);
    const { a, b } = holderWindow;
    return assignsWithHolders(this.s.assignSeriesHolder!.all(a, b, addr, plen, before, limit) as StoredAssignHolder[]);
  }

  async hasAssign(addr: Uint8Array, plen: number): Promise<boolean> {
    return this.s.assignHas!.get(addr, plen) !== undefined;
  }

  async subscribers(account: string): Promise<Subscriber[]> {
    return (this.s.subGet!.all(account) as StoredSubscriber[]).map(subscriberFromStored);
  }

  protected readFileName(id: number): string | undefined {
    return (this.s.fileName!.get(id) as { path: string } | undefined)?.path;
  }

  async sizeBytes(): Promise<number> {
    try {
      const r = this.db
        .prepare(`SELECT sum(pgsize) AS n FROM dbstat WHERE name LIKE 'attr_%' OR name LIKE 'sqlite_autoindex_attr_%'`)
        .get() as { n: number | null };
      return r.n ?? 0;
    } catch {
      const pc = this.db.pragma('page_count', { simple: true }) as number;
      const ps = this.db.pragma('page_size', { simple: true }) as number;
      return pc * ps;
    }
  }

  // Full scans in key order, for the in-memory index (memory-index.ts).

  /** Rows of a table (optionally only IPv4 host assignments: to size the in-memory index's columns). */
  countRows(table: AttrTable, hostV4Only = false): number {
    const where = hostV4Only ? 'WHERE plen = 32 AND length(addr) = 4' : '';
    return this.db.prepare(`SELECT count(*) FROM ${table} ${where}`).pluck(true).get() as number;
  }

  /** pub, plo, phi, inside, t0, t1, open, file, line, eline, reach — ordered by the primary key. */
  scanNat(kind: NatKind): Iterable<[pub: number, ...row: StoredNat]> {
    return this.db
      .prepare(
        `SELECT pub, plo, phi, inside, t0, t1, open, file, line, eline, reach FROM ${natTable(kind)} ` +
          'ORDER BY pub, plo, t0, inside, phi, hold',
      )
      .raw(true)
      .iterate() as Iterable<[pub: number, ...row: StoredNat]>;
  }

  /** IPv4 host assignments (addr, account, t0, t1, open, file, line, eline, reach) ordered by the primary key. */
  scanHostAssignsV4(): Iterable<HostAssignV4> {
    return this.db
      .prepare(
        `SELECT addr, account, t0, t1, open, file, line, eline, reach FROM attr_assign ` +
          `WHERE plen = 32 AND length(addr) = 4
      ORDER BY addr, plen, t0, account, hold`,
      )
      .raw(true)
      .iterate() as Iterable<HostAssignV4>;
  }

  /** Every interned account as [id, name]. */
  scanAccounts(): Iterable<[number, string]> {
    return this.db.prepare('SELECT id, name FROM attr_account').raw(true).iterate() as Iterable<[number, string]>;
  }

  /** Every account that has directory entries. */
  subscriberAccounts(): string[] {
    return this.db.prepare('SELECT DISTINCT account FROM attr_subscriber').pluck(true).all() as string[];
  }
}
