// PostgreSQL repository (a hub or a large ISP). Same tables and keys as SQLite; batches are written
// with unnest() arrays in one transaction each, on a client of the main store's own pool
// (Store.native); writes that belong to a unit of work go through its transaction.
import { sql } from 'kysely';
import type pg from 'pg';
import { ipv4FromInt32, ipv4ToInt32 } from '../../net/address.ts';
import type { Tx } from '../../store/database.ts';
import type { AssignRow, Batch, CloseOp, NatRow } from '../model.ts';
import type { NatConfig } from '../nat-config.ts';
import { batchCover } from '../nat-cover.ts';
import type { Subscriber } from '../subscribers.ts';
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
import { postgresReachStatement, type TouchedList, type TouchedSeries, touchedSeries } from './reach.queries.ts';
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
  type StoredSubscriber,
  storedContractStart,
  subscriberFromStored,
} from './rows.ts';
import {
  closeHolds,
  endUpdateSql,
  fileOpenNatSql,
  mergeSameKey,
  natCloseSql,
  natTakenKeysSql,
  storedHold,
  takeLaterNatSql,
  takeLaterRecordSql,
} from './same-start.ts';
import { coverInsertSql, postgresNatFileCovers, postgresNatSpan } from './span.queries.ts';
import type {
  AssignSeriesRow,
  AttributionStore,
  FileProgress,
  HolderWindow,
  NatKind,
  NatSeriesRow,
  RefusedFile,
} from './types.ts';

const SUBSCRIBER_CHUNK = 5000;

/** How many times a batch's transaction runs where PostgreSQL ends it as a deadlock's victim (commitBatch). */
const DEADLOCK_TRIES = 5;

/**
 * attr_meta's keys upserted so that the stored value only widens (meta.ts): the prefix lengths a union, kept
 * descending; the starts the least, the ends and the port span the greatest; the NAT kinds' '1' as written. On a
 * conflict PostgreSQL applies the SET to the row as last committed, so a batch committing beside this one keeps
 * its own widening.
 */
const META_MERGE_SQL = `INSERT INTO attr_meta (key, value)
  SELECT k, v FROM unnest($1::text[], $2::text[]) AS m(k, v) ORDER BY k
  ON CONFLICT (key) DO UPDATE SET value = CASE
    WHEN excluded.key IN ('plens4', 'plens6') THEN (SELECT string_agg(p::text, ',' ORDER BY p DESC) FROM (
      SELECT DISTINCT x::int AS p FROM unnest(string_to_array(attr_meta.value || ',' || excluded.value, ',')) AS x
      WHERE x <> '') AS u)
    WHEN excluded.key IN ('natFrom', 'assignFrom') THEN LEAST(attr_meta.value::int8, excluded.value::int8)::text
    WHEN excluded.key IN ('natTo', 'assignTo', 'span') THEN GREATEST(attr_meta.value::int8, excluded.value::int8)::text
    ELSE excluded.value END`;

/**
 * The advisory locks a batch's series are spread over: PostgreSQL's two-key form (its own key space, apart from
 * the owner locks' one key), class SERIES_LOCK_CLASS, one of SERIES_LOCK_BUCKETS keys. Few, so that a batch of a
 * million lines takes at most that many locks of the server's shared lock table (64 per connection by default);
 * two series of one bucket only make two batches wait for each other, never answer otherwise.
 */
const SERIES_LOCK_BUCKETS = 256;
const SERIES_LOCK_CLASS = 0x53484b41; // 'SHKA'

/** A 32-bit hash step and its finish (murmur3's fmix32): every bit of the input moves the low bits. */
const step = (h: number, v: number): number => Math.imul(h ^ v, 0x01000193);
function finish(h: number): number {
  let x = h ^ (h >>> 16);
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/**
 * The lock keys of the series a batch touched (an address or prefix; a public address and port) and of `more`
 * (public address and port), ascending.
 */
function seriesLockKeys(touched: TouchedSeries, more: Array<[number, number]> = []): number[] {
  const keys = new Set<number>();
  for (const [addr, plen] of touched.assign.list) {
    let h = 0x811c9dc5;
    for (const b of addr) h = step(h, b);
    keys.add(finish(step(h, plen)) % SERIES_LOCK_BUCKETS);
  }
  for (const kind of ['block', 'session'] as const) {
    for (const [pub, plo] of touched.nat[kind].list)
      keys.add(finish(step(step(0x811c9dc5, pub), plo)) % SERIES_LOCK_BUCKETS);
  }
  for (const [pub, plo] of more) keys.add(finish(step(step(0x811c9dc5, pub), plo)) % SERIES_LOCK_BUCKETS);
  return [...keys].sort((x, y) => x - y);
}

/** One statement may not touch a key twice: the directory's duplicates are merged first, the later row winning. */
function lastByKey<R>(rows: R[], key: (r: R) => string): R[] {
  const byKey = new Map<string, R>();
  for (const r of rows) byKey.set(key(r), r);
  return [...byKey.values()];
}

/** The rows as unnest()'s parameters: one array per column, each row's `columns` values written by `write`. */
function columnArrays<R>(rows: R[], columns: number, write: RowWriter<R>): unknown[][] {
  const out = Array.from({ length: columns }, () => new Array<unknown>(rows.length));
  const p = new Array<unknown>(columns);
  for (let i = 0; i < rows.length; i++) {
    write(p, 0, rows[i]!);
    for (let q = 0; q < columns; q++) out[q]![i] = p[q];
  }
  return out;
}

export class PostgresAttributionRepository extends CachingRepository implements AttributionStore {
  readonly dialect = 'postgres' as const;
  private readonly pool: pg.Pool;
  /** Summary reads begun, and the latest begun of those kept (readMetaShared). */
  private metaReads = 0;
  private metaKept = 0;

  /** `pool` is the main store's pool (the tables come from its migrations). */
  constructor(pool: pg.Pool) {
    super();
    this.pool = pool;
  }

  async beginFile(
    sha256: string,
    path: string,
    format: string,
    source: string | null,
    zone = '',
  ): Promise<FileProgress> {
    const r = await this.pool.query<StoredFile>(`SELECT ${FILE_COLUMNS} FROM attr_file WHERE sha256 = $1`, [sha256]);
    if (r.rows[0]) return fileProgressOf(r.rows[0]);
    const at = new Date().toISOString();
    const ins = await this.pool.query<StoredFile>(
      `INSERT INTO attr_file (sha256, path, format, resume_from, done, records, updated_at, source, skipped, zone,
       read_to) VALUES ($1,$2,$3,1,0,0,$4,$5,0,$6,0) ON CONFLICT (sha256) DO UPDATE SET path = attr_file.path
       RETURNING ${FILE_COLUMNS}`,
      [sha256, path, format, at, source, zone],
    );
    return fileProgressOf(ins.rows[0]!);
  }

  async forgetFile(fileId: number): Promise<void> {
    await this.pool.query('DELETE FROM attr_file WHERE id = $1 AND records = 0', [fileId]);
  }

  async readAgain(fileId: number, zone: string): Promise<void> {
    await this.pool.query(
      'UPDATE attr_file SET done = 0, resume_from = 1, zone = $1, skipped = 0, updated_at = $2 WHERE id = $3',
      [zone, new Date().toISOString(), fileId],
    );
  }

  async refusedFiles(): Promise<RefusedFile[]> {
    const r = await this.pool.query<{ path: string; lines: string }>(
      'SELECT path, skipped AS lines FROM attr_file WHERE skipped > 0 ORDER BY id',
    );
    return r.rows.map((x) => ({ path: x.path, lines: Number(x.lines) }));
  }

  private async accountIdsFor(c: pg.PoolClient, names: string[]): Promise<void> {
    // in one order for every batch: two batches inserting the same new names wait, never for each other
    const missing = [...new Set(names.filter((n) => !this.accountIds.has(n)))].sort();
    if (missing.length === 0) return;
    await c.query('INSERT INTO attr_account (name) SELECT unnest($1::text[]) ON CONFLICT (name) DO NOTHING', [missing]);
    const r = await c.query<{ id: number; name: string }>(
      'SELECT id, name FROM attr_account WHERE name = ANY($1::text[])',
      [missing],
    );
    for (const row of r.rows) this.accountIds.set(row.name, row.id);
  }

  /**
   * Returns how many of the rows were kept as one with a row of their key: merged here, or with a row stored
   * before (not inserted: RETURNING's xmax = 0 is true for a row inserted; a conflict that changes nothing
   * returns no row).
   */
  private async putAssigns(c: pg.PoolClient, file: number, rows: AssignRow[]): Promise<number> {
    if (rows.length === 0) return 0;
    // One statement may not touch a key twice: a key's rows are merged first, as the upsert merges them
    // (the latest end and any record's openness, whatever their order: same-start.ts).
    const list = mergeSameKey(
      rows,
      (a) => `${Buffer.from(a.addr).toString('hex')}/${a.plen}/${a.t0}/${a.account}/${storedHold(a)}`,
    );
    const r = await c.query<{ n: string }>(
      `WITH w AS (INSERT INTO attr_assign (addr, plen, t0, account, t1, open, file, line, eline, hold)
      SELECT * FROM unnest($1::bytea[], $2::int2[], $3::int8[], $4::int4[], $5::int8[], ` +
        `$6::int2[], $7::int4[], $8::int4[], $9::int4[], $10::int4[])
      ON CONFLICT (addr, plen, t0, account, hold) ${endUpdateSql('attr_assign', 'GREATEST')}
      RETURNING (xmax = 0) AS inserted) SELECT count(*) FILTER (WHERE inserted) AS n FROM w`,
      columnArrays(list, ASSIGN_COLUMNS, (p, k, a) => writeAssign(p, k, a, this.accountIds.get(a.account)!, file)),
    );
    return rows.length - Number(r.rows[0]!.n);
  }

  /** Returns how many of the rows were kept as one with a row of their key (as putAssigns). */
  private async putNats(c: pg.PoolClient, file: number, rows: NatRow[]): Promise<number> {
    let kept = 0;
    for (const kind of ['block', 'session'] as const) {
      const ofKind = rows.filter((n) => n.kind === kind);
      const list = mergeSameKey(ofKind, (n) => `${n.pub}/${n.plo}/${n.t0}/${n.inside}/${n.phi}/${storedHold(n)}`);
      if (list.length === 0) continue;
      const t = natTable(kind);
      const r = await c.query<{ n: string }>(
        `WITH w AS (INSERT INTO ${t} (pub, plo, t0, inside, phi, t1, open, file, line, eline, hold, unstarted)
        SELECT * FROM unnest($1::int4[], $2::int4[], $3::int8[], $4::int4[], $5::int4[], ` +
          `$6::int8[], $7::int2[], $8::int4[], $9::int4[], $10::int4[], $11::int4[], $12::int2[])
        ON CONFLICT (pub, plo, t0, inside, phi, hold) ${endUpdateSql(t, 'GREATEST')}
        RETURNING (xmax = 0) AS inserted) SELECT count(*) FILTER (WHERE inserted) AS n FROM w`,
        columnArrays(list, NAT_COLUMNS, (p, k, n) => writeNat(p, k, n, file)),
      );
      kept += ofKind.length - Number(r.rows[0]!.n);
    }
    return kept;
  }

  /**
   * One transaction; where PostgreSQL chose it as a deadlock's victim (40P01: two batches waiting on each other's
   * row locks), it is rolled back and run again, at most DEADLOCK_TRIES times in all.
   */
  async commitBatch(
    fileId: number,
    batch: Batch,
    resumeFrom: number,
    done: boolean,
    records: number,
    skipped = 0,
    readTo = resumeFrom - 1,
  ): Promise<number> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.commitOnce(fileId, batch, resumeFrom, done, records, skipped, readTo);
      } catch (err) {
        if (attempt >= DEADLOCK_TRIES || (err as { code?: unknown }).code !== '40P01') throw err;
        await new Promise((r) => setTimeout(r, attempt * 5));
      }
    }
  }

  private async commitOnce(
    fileId: number,
    batch: Batch,
    resumeFrom: number,
    done: boolean,
    records: number,
    skipped: number,
    readTo: number,
  ): Promise<number> {
    const c = await this.pool.connect();
    try {
      await c.query('BEGIN');
      const touched = touchedSeries(batch.assigns, batch.nats, batch.closes);
      await this.lockSeries(c, touched, done ? await this.fileOpenNatSeries(c, fileId) : []);
      const names = batch.assigns
        .map((a) => a.account)
        .concat(batch.closes.flatMap((x) => (x.target === 'assign' ? [x.account] : [])));
      await this.accountIdsFor(c, names);
      let keptAsOne = await this.putAssigns(c, fileId, batch.assigns);
      keptAsOne += await this.putNats(c, fileId, batch.nats);
      for (const x of batch.closes) keptAsOne += (await this.close(c, fileId, x)) ?? 0;
      await this.takeLaterRecords(c, batch.assigns);
      for (const kind of done ? (['block', 'session'] as const) : []) {
        await this.takeLaterNats(c, fileId, kind, touched);
      }
      await this.putReach(c, touched);
      await this.updateMeta(c, batch);
      const cover = batchCover(batch);
      if (cover.length > 0) {
        await c.query(coverInsertSql('postgres'), [fileId, cover.map((x) => x[0]), cover.map((x) => x[1])]);
      }
      await c.query(
        `UPDATE attr_file SET resume_from = $1, done = $2, records = records + $3, updated_at = $4,
         skipped = coalesce(skipped, 0) + $5, read_to = CASE WHEN read_to < $7 THEN $7 ELSE read_to END
         WHERE id = $6`,
        [resumeFrom, done ? 1 : 0, records, new Date().toISOString(), skipped, fileId, readTo],
      );
      await c.query('COMMIT');
      // read again by the next read here, with this batch (a read begun before is not kept)
      this.meta = null;
      this.metaKept = ++this.metaReads;
      return keptAsOne;
    } catch (err) {
      await c.query('ROLLBACK').catch(() => undefined);
      this.forgetCaches();
      throw err;
    } finally {
      c.release();
    }
  }

  /**
   * The series (public address, port low) of the NAT rows the file left open, of either kind: at the commit that
   * ends the file they take what a later row of their holding says (takeLaterNats), so that commit locks them
   * too, with the batch's own series.
   */
  private async fileOpenNatSeries(c: pg.PoolClient, fileId: number): Promise<Array<[number, number]>> {
    const out: Array<[number, number]> = [];
    for (const kind of ['block', 'session'] as const) {
      const r = await c.query<{ pub: number; plo: number }>(
        `SELECT DISTINCT pub, plo FROM ${natTable(kind)} WHERE file = $1 AND open = 1`,
        [fileId],
      );
      for (const x of r.rows) out.push([ipv4FromInt32(x.pub), x.plo]);
    }
    return out;
  }

  /**
   * Before anything else in a batch's transaction: the advisory locks of the series it touches (seriesLockKeys),
   * held to its commit. A start and its end share their series (an address or prefix; a public address and port
   * or block), so two ingests at once whose batches hold a start and its end run those batches one after the
   * other: the later one's statements see what the earlier committed, and the end closes the start or the start
   * takes the end (docs/decisions.md, twenty-first session). All at once, in ascending order: no two batches wait
   * for each other's locks.
   */
  private async lockSeries(c: pg.PoolClient, touched: TouchedSeries, more: Array<[number, number]>): Promise<void> {
    const keys = seriesLockKeys(touched, more);
    if (keys.length === 0) return;
    await c.query(
      'SELECT count(pg_advisory_xact_lock($1, k)) FROM (SELECT k FROM unnest($2::int4[]) AS k ORDER BY k) AS s',
      [SERIES_LOCK_CLASS, keys],
    );
  }

  /**
   * An end (or a sighting) read for a holding that started in an earlier file or batch: it closes (extends) the
   * open row of the holding it names (else one naming none, same-start.ts), is recognised where it was applied
   * already (a resumed run re-reads lines after its resume point, a row seen later), and is kept as what it
   * proves where the store has no start: then how many rows were kept as one, else null.
   */
  private async close(c: pg.PoolClient, fileId: number, x: CloseOp): Promise<number | null> {
    if (x.target !== 'assign') {
      if (await this.closeNat(c, x)) return null;
      return await this.putNats(c, fileId, [x.fallback]);
    }
    for (const hold of closeHolds(x)) {
      const key = [Buffer.from(x.addr), x.plen, this.accountIds.get(x.account)!, hold, x.at];
      // an end leaves a row seen last after it as it is (a holding's latest record decides); a sighting
      // extends the open row it names to its time
      const [set, seen] = x.fallback.open ? ['t1 = $5', 't1 < $5'] : ['t1 = GREATEST(t0, $5), open = 0', 't1 <= $5'];
      const r = await c.query(
        `UPDATE attr_assign SET ${set}, eline = $6
        WHERE addr = $1 AND plen = $2 AND account = $3 AND hold = $4 AND open = 1 AND ${seen}
          AND t0 = (SELECT max(t0) FROM attr_assign WHERE addr = $1 AND plen = $2 AND t0 <= $5)`,
        [...key, x.line],
      );
      if (r.rowCount) return null;
      const done = await c.query(
        `SELECT 1 FROM attr_assign WHERE addr = $1 AND plen = $2 AND account = $3 AND hold = $4 AND t1 >= $5
        AND t0 = (SELECT max(t0) FROM attr_assign WHERE addr = $1 AND plen = $2 AND account = $3 AND t0 <= $5)`,
        key,
      );
      if (done.rowCount) return null;
    }
    return await this.putAssigns(c, fileId, [x.fallback]);
  }

  /**
   * A NAT end (or sighting) read later, applied in one round trip (natCloseSql): whether it closed (extended) an
   * open row or was applied already. Else it is stored as what it proves (an end read before its start: one
   * round trip more), as the caller does. Where another transaction changed the row it would close while it
   * waited (`raced`: it changed nothing), it runs again and sees what that transaction committed.
   */
  private async closeNat(c: pg.PoolClient, x: CloseOp & { target: 'block' | 'session' }): Promise<boolean> {
    const holds = closeHolds(x);
    const sql = natCloseSql(natTable(x.target), x.fallback.open);
    const args = [ipv4ToInt32(x.pub), x.plo, ipv4ToInt32(x.inside), x.fallback.phi, holds[0]!, holds[1] ?? holds[0]!];
    for (;;) {
      const r = (await c.query<{ done: boolean; raced: boolean }>(sql, [...args, x.at, x.line])).rows[0]!;
      if (!r.raced) return r.done;
    }
  }

  /**
   * At the commit that ends a file: the open NAT rows of `kind` the file stored take what an unstarted row of
   * their holding, stored before, says (a port block's INTERIM or RELEASE, a flow's end, read in a file before the
   * allocation's or the flow's start), and those rows go (same-start.ts, fileOpenNatSql); their series are
   * `touched`.
   */
  private async takeLaterNats(c: pg.PoolClient, fileId: number, kind: NatKind, touched: TouchedSeries): Promise<void> {
    const t = natTable(kind);
    type Took = { pub: number; plo: number; t0: string; inside: number; phi: number; hold: number; taken: string };
    const r = await c.query<Took>(takeLaterNatSql(t, `(${fileOpenNatSql(t, '$1')}) AS k`, true), [fileId]);
    if (r.rows.length === 0) return;
    const took = r.rows;
    const keys =
      'unnest($1::int4[], $2::int4[], $3::int8[], $4::int4[], $5::int4[], $6::int4[]) ' +
      'AS k(pub, plo, t0, inside, phi, hold)';
    await c.query(natTakenKeysSql(t, keys), [
      took.map((k) => k.pub),
      took.map((k) => k.plo),
      took.map((k) => k.taken),
      took.map((k) => k.inside),
      took.map((k) => k.phi),
      took.map((k) => k.hold),
    ]);
    for (const k of took) touched.nat[kind].add(ipv4FromInt32(k.pub), k.plo, Number(k.t0), true);
  }

  /** The batch's open named rows take what a later record of their holding stored before says (same-start.ts). */
  private async takeLaterRecords(c: pg.PoolClient, rows: AssignRow[]): Promise<void> {
    const open = rows.filter((a) => a.open && storedHold(a) !== 0);
    if (open.length === 0) return;
    await c.query(
      takeLaterRecordSql(
        'unnest($1::bytea[], $2::int2[], $3::int8[], $4::int4[], $5::int4[]) AS k(addr, plen, t0, account, hold)',
      ),
      [
        open.map((a) => Buffer.from(a.addr)),
        open.map((a) => a.plen),
        open.map((a) => a.t0),
        open.map((a) => this.accountIds.get(a.account)!),
        open.map(storedHold),
      ],
    );
  }

  /** The reach of the series the batch touched (reach.ts), one statement a table. */
  private async putReach(c: pg.PoolClient, touched: TouchedSeries): Promise<void> {
    const columns = <S>({ list }: TouchedList<S>, s1: (v: S) => unknown): unknown[][] => [
      list.map((t) => s1(t[0])),
      list.map((t) => t[1]),
      list.map((t) => t[2]),
    ];
    if (touched.assign.list.length > 0) {
      await c.query(
        postgresReachStatement('attr_assign'),
        columns(touched.assign, (a) => Buffer.from(a)),
      );
    }
    for (const kind of ['block', 'session'] as const) {
      if (touched.nat[kind].list.length === 0) continue;
      await c.query(postgresReachStatement(natTable(kind)), columns(touched.nat[kind], ipv4ToInt32));
    }
  }

  /** The summary as last read (refreshSummary); dropped by this repository's own commits. */
  protected async loadMeta(): Promise<Meta> {
    return this.meta ?? (await this.readMetaShared());
  }

  /**
   * Read again (a few rows, one round trip a lookup): a lookup server sees what another process's ingest
   * committed since.
   */
  async refreshSummary(): Promise<void> {
    await this.readMetaShared();
  }

  /**
   * The summary read now, kept for the lookups after unless a read begun later was kept already (lookups at once
   * share the repository): what is kept was read after every lookup that waited for it had begun.
   */
  private async readMetaShared(): Promise<Meta> {
    const seq = ++this.metaReads;
    const m = await this.readMeta(this.pool);
    if (seq > this.metaKept) {
      this.meta = m;
      this.metaKept = seq;
    }
    return m;
  }

  private async readMeta(c: pg.Pool | pg.PoolClient): Promise<Meta> {
    const r = await c.query<{ key: string; value: string }>('SELECT key, value FROM attr_meta');
    const pairs = new Map(r.rows.map((x) => [x.key, x.value]));
    return metaFromPairs((k) => pairs.get(k));
  }

  /**
   * The batch folded into the summary, in one statement that only widens what is stored (META_MERGE_SQL): two
   * batches committing at once each keep what the other wrote. The keys in one order: their row locks too.
   */
  private async updateMeta(c: pg.PoolClient, batch: Batch): Promise<void> {
    const changed = foldBatch(await this.readMeta(c), batch).sort((x, y) => (x[0] < y[0] ? -1 : 1));
    if (changed.length === 0) return;
    await c.query(META_MERGE_SQL, [changed.map((x) => x[0]), changed.map((x) => x[1])]);
  }

  /**
   * Through the unit of work's transaction, so the rows commit with its audit entry; SUBSCRIBER_CHUNK per
   * statement.
   */
  async upsertSubscribers(tx: Tx, list: Subscriber[]): Promise<number> {
    const rows = lastByKey(list, (s) => `${storedContractStart(s)}/${s.account}`);
    for (let i = 0; i < rows.length; i += SUBSCRIBER_CHUNK) {
      const [account, start, end, name, kana, installation, billing, phone, email, lineUse] = columnArrays(
        rows.slice(i, i + SUBSCRIBER_CHUNK),
        SUBSCRIBER_COLUMNS,
        writeSubscriber,
      );
      await sql`INSERT INTO attr_subscriber (account, contract_start, contract_end, name, name_kana,
          installation_address, billing_address, phone, email, line_use)
        SELECT * FROM unnest(${account}::text[], ${start}::int8[], ${end}::int8[], ${name}::text[], ${kana}::text[],
          ${installation}::text[], ${billing}::text[], ${phone}::text[], ${email}::text[], ${lineUse}::text[])
        ON CONFLICT (account, contract_start) DO UPDATE SET
          contract_end = excluded.contract_end, name = excluded.name, name_kana = excluded.name_kana,
          installation_address = excluded.installation_address, billing_address = excluded.billing_address,
          phone = excluded.phone, email = excluded.email, line_use = excluded.line_use`.execute(tx);
    }
    return list.length;
  }

  async addNatConfigs(tx: Tx, list: NatConfig[]): Promise<number> {
    for (const cfg of list) {
      const body = JSON.stringify(cfg);
      await sql`INSERT INTO attr_nat_config (name, valid_from, body) VALUES (${cfg.name}, ${cfg.validFrom}, ${body})
        ON CONFLICT (name, valid_from) DO UPDATE SET body = excluded.body`.execute(tx);
    }
    return list.length;
  }

  async natConfigs(): Promise<NatConfig[]> {
    const r = await this.pool.query<{ body: string }>('SELECT body FROM attr_nat_config ORDER BY valid_from');
    return r.rows.map((x) => JSON.parse(x.body) as NatConfig);
  }

  async natPortLows(kind: NatKind, pub: number, lo: number, hi: number): Promise<number[]> {
    const t = natTable(kind);
    const r = await this.pool.query<{ plo: number }>(
      `WITH RECURSIVE s(plo) AS (
         (SELECT plo FROM ${t} WHERE pub = $1 AND plo <= $2 AND plo >= $3 ORDER BY plo DESC LIMIT 1)
         UNION ALL
         SELECT (SELECT n.plo FROM ${t} n WHERE n.pub = $1 AND n.plo < s.plo AND n.plo >= $3 ` +
        `ORDER BY n.plo DESC LIMIT 1) FROM s WHERE s.plo IS NOT NULL)
       SELECT plo FROM s WHERE plo IS NOT NULL`,
      [ipv4ToInt32(pub), hi, lo],
    );
    return r.rows.map((x) => x.plo);
  }

  async natSeries(kind: NatKind, pub: number, plo: number, before: number, limit: number): Promise<NatSeriesRow[]> {
    const r = await this.pool.query<StoredNat>({
      text: `SELECT plo, phi, inside, t0, t1, open, file, line, eline, reach FROM ${natTable(kind)}
       WHERE pub = $1 AND plo = $2 AND t0 <= $3 ORDER BY t0 DESC LIMIT $4`,
      values: [ipv4ToInt32(pub), plo, before, limit],
      rowMode: 'array',
    });
    return r.rows.map(natFromStored);
  }

  async natNear(
    kind: NatKind,
    pub: number,
    lo: number,
    hi: number,
    before: number,
    limit: number,
  ): Promise<NatSeriesRow[]> {
    const r = await this.pool.query<StoredNat>({
      text: `SELECT plo, phi, inside, t0, t1, open, file, line, eline, reach FROM ${natTable(kind)}
       WHERE pub = $1 AND plo <= $2 AND plo >= $3 AND t0 <= $4 ORDER BY plo DESC, t0 DESC LIMIT $5`,
      values: [ipv4ToInt32(pub), hi, lo, before, limit],
      rowMode: 'array',
    });
    return r.rows.map(natFromStored);
  }

  natSpan(pub: number): ReturnType<AttributionStore['natSpan']> {
    return postgresNatSpan(this.pool, pub);
  }

  natFileCovers(pub: number): ReturnType<AttributionStore['natFileCovers']> {
    return postgresNatFileCovers(this.pool, pub);
  }

  async hasNat(pub: number): Promise<boolean> {
    const r = await this.pool.query(
      'SELECT EXISTS (SELECT 1 FROM attr_nat_block WHERE pub = $1) ' +
        'OR EXISTS (SELECT 1 FROM attr_nat_session WHERE pub = $1) AS x',
      [ipv4ToInt32(pub)],
    );
    return r.rows[0]?.x === true;
  }

  async assignSeries(
    addr: Uint8Array,
    plen: number,
    before: number,
    limit: number,
    holderWindow?: HolderWindow,
  ): Promise<AssignSeriesRow[]> {
    if (holderWindow) {
      const r = await this.pool.query<StoredAssignHolder>({
        text:
          `SELECT c.name AS account, a.t0, a.t1, a.open, a.file, a.line, a.eline, a.reach, s.account, s.name,
           s.name_kana, s.installation_address, s.billing_address, s.phone, s.email, s.contract_start,
           s.contract_end, s.line_use
         FROM attr_assign a JOIN attr_account c ON c.id = a.account
         LEFT JOIN attr_subscriber s ON s.account = c.name AND s.contract_start <= $5 ` +
          `AND (s.contract_end IS NULL OR s.contract_end > $6)
         WHERE a.addr = $1 AND a.plen = $2 AND a.t0 <= $3 ORDER BY a.t0 DESC, a.account DESC, a.hold DESC LIMIT $4`,
        values: [Buffer.from(addr), plen, before, limit, holderWindow.a, holderWindow.b],
        rowMode: 'array',
      });
      return assignsWithHolders(r.rows);
    }
    const r = await this.pool.query<StoredAssign>({
      text:
        `SELECT c.name AS account, a.t0, a.t1, a.open, a.file, a.line, a.eline, a.reach ` +
        `FROM attr_assign a JOIN attr_account c ON c.id = a.account
       WHERE a.addr = $1 AND a.plen = $2 AND a.t0 <= $3 ORDER BY a.t0 DESC LIMIT $4`,
      values: [Buffer.from(addr), plen, before, limit],
      rowMode: 'array',
    });
    return r.rows.map(assignFromStored);
  }

  async hasAssign(addr: Uint8Array, plen: number): Promise<boolean> {
    const r = await this.pool.query('SELECT 1 FROM attr_assign WHERE addr = $1 AND plen = $2 LIMIT 1', [
      Buffer.from(addr),
      plen,
    ]);
    return r.rows.length > 0;
  }

  async subscribers(account: string): Promise<Subscriber[]> {
    const r = await this.pool.query<StoredSubscriber>({
      text: `SELECT account, name, name_kana, installation_address, billing_address, phone, email,
        contract_start, contract_end, line_use FROM attr_subscriber WHERE account = $1 ORDER BY contract_start`,
      values: [account],
      rowMode: 'array',
    });
    return r.rows.map(subscriberFromStored);
  }

  protected async readFileName(id: number): Promise<string | undefined> {
    const r = await this.pool.query<{ path: string }>('SELECT path FROM attr_file WHERE id = $1', [id]);
    return r.rows[0]?.path;
  }

  protected async countRows(table: AttrTable): Promise<number> {
    return (await this.pool.query<{ n: number }>(`SELECT count(*) AS n FROM ${table}`)).rows[0]!.n;
  }

  async sizeBytes(): Promise<number> {
    const r = await this.pool.query<{
      n: string | null;
    }>(
      `SELECT sum(pg_total_relation_size(c.oid)) AS n FROM pg_class c
      JOIN pg_namespace ns ON ns.oid = c.relnamespace WHERE c.relkind = 'r' ` +
        `AND c.relname LIKE 'attr\\_%' AND ns.nspname = current_schema()`,
    );
    return Number(r.rows[0]?.n ?? 0);
  }
}
