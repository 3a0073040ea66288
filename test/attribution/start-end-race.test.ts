import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { ingestFiles } from '../../src/attribution/ingest.ts';
import { fileSha256 } from '../../src/attribution/lines.ts';
import type { LogFormat } from '../../src/attribution/parsers/index.ts';
import { Resolver } from '../../src/attribution/resolver.ts';
import { scratchLocations, testDialects } from '../support/dialects.ts';
import { said } from './answers.ts';
import { B, conntrackEvent as conntrack, FLOW_PORT, FLOW_PUB } from './helpers.ts';
import { twoIngesters, until, waiterOf } from './pg-race.ts';
import { radius } from './radius-fixtures.ts';

// Two ingests on PostgreSQL at once, one reading a holding's start (a conntrack flow's [NEW], a port block's
// ALLOC, a RADIUS Start) and the other its end read in another file. Each transaction saw only what the other had
// committed: the end's close found no start and was kept as an unstarted end (or a closed row of its own), the
// start file's last commit found no such end to take, and the holding stayed open beside its end — possible after
// the end. Now the batches that touch one series take its advisory lock (postgres.repository.ts lockSeries), so the
// rows and the answers are those of the files read one after the other. PostgreSQL only: SQLite's writers run one
// at a time.

const NAS = '192.0.2.2';

const INSIDE = [
  'type,start,end,address,port_low,port_high,inside_address,account',
  'assign,2026-03-29T00:00:00+09:00,2026-03-30T00:00:00+09:00,100.64.0.11,,,,alice',
  // bob's account stored before (else the first ingest's new account row makes the other's wait for its commit)
  'assign,2026-03-28T00:00:00+09:00,2026-03-28T01:00:00+09:00,100.64.0.13,,,,bob',
].join('\n');

/** A Juniper PBA line: `event` of the block 1024–1535 of FLOW_PUB for 100.64.0.11, `offset` seconds after B. */
const pba = (event: 'ALLOC' | 'RELEASE', offset: number) =>
  `<14>1 2026-03-29T01:00:00+09:00 srx RT_NAT - RT_SRC_NAT_PBA_${event} [junos@2636 internal-ip="100.64.0.11" ` +
  `block-port-low="1024" block-port-high="1535" reflexive-ip="${FLOW_PUB}" ` +
  `epoch-time-64="${(B + offset).toString(16)}"]`;

/** `held`: the file whose ingest holds its commit until the other's has run as far as it can. */
interface Case {
  format: LogFormat;
  table: 'attr_nat_session' | 'attr_nat_block' | 'attr_assign';
  start: readonly string[];
  end: readonly string[];
  held: 'start' | 'end';
  /** The question's address and port; the instants asked (offsets from B). */
  ip: string;
  port?: number;
  asked: readonly number[];
  /** The rows of the files read one after the other (offsets from B): the holding closed at its end. */
  serial: ReadonlyArray<{ t0: number; t1: number; open: number; unstarted: number }>;
}

const flow = { t0: 0, t1: 600, open: 0, unstarted: 0 };
const CONNTRACK = {
  format: 'conntrack',
  table: 'attr_nat_session',
  start: [conntrack('start', 0)],
  end: [conntrack('end', 600)],
  ip: FLOW_PUB,
  port: FLOW_PORT,
  asked: [300, 600, 601, 900],
  serial: [flow],
} as const;
const PBA = {
  format: 'juniper-pba',
  table: 'attr_nat_block',
  start: [pba('ALLOC', 0)],
  end: [pba('RELEASE', 3600)],
  ip: FLOW_PUB,
  port: 1100,
  asked: [600, 3600, 3601, 4000],
  serial: [{ t0: 0, t1: 3600, open: 0, unstarted: 0 }],
} as const;
const RADIUS = {
  format: 'radius-detail',
  table: 'attr_assign',
  start: [radius(B, 'Start', 'bob', 'B1', NAS)],
  // its Acct-Session-Time a second long (the NAS's and the server's clocks): the Stop alone names another start,
  // so it is a close of the session's holding, not a record of the Start's key
  end: [radius(B + 3000, 'Stop', 'bob', 'B1', NAS, 3001)],
  ip: '100.64.9.9',
  asked: [600, 3000, 3001, 7200],
  serial: [{ t0: 0, t1: 3000, open: 0, unstarted: 0 }],
} as const;

const CASES: Record<string, Case> = {
  'a conntrack flow, the start file held': { ...CONNTRACK, held: 'start' },
  'a conntrack flow, the end file held': { ...CONNTRACK, held: 'end' },
  'a PBA port block, the ALLOC file held': { ...PBA, held: 'start' },
  'a PBA port block, the RELEASE file held': { ...PBA, held: 'end' },
  'a RADIUS session, the Start file held': { ...RADIUS, held: 'start' },
  // read Stop first, its row stays beside the Start's, which takes its end (same-start.ts takeLaterRecordSql)
  'a RADIUS session, the Stop file held': {
    ...RADIUS,
    held: 'end',
    serial: [
      { t0: -1, t1: 3000, open: 0, unstarted: 0 },
      { t0: 0, t1: 3000, open: 0, unstarted: 0 },
    ],
  },
};

for (const dialect of testDialects().filter((d) => d === 'postgres')) {
  describe(`a start file and its end file read by two ingests at once (${dialect})`, () => {
    const scratch = scratchLocations('shokai-startend-');

    /** The rows and answers after the case's two files: `race` runs them at once, the held one's commit last. */
    async function outcome(c: Case, race: boolean) {
      const { schema, r1, r2, watch, watchPid, holdFile, close } = await twoIngesters(
        (await scratch.fresh(dialect)).location,
      );
      const file = (name: 'start' | 'end') => {
        const path = join(scratch.dir, `${schema}-${name}`);
        writeFileSync(path, `${c[name].join('\n')}\n`);
        return path;
      };
      const ingest = async (repo: typeof r1, path: string) => {
        const r = await ingestFiles(repo, [path], { format: c.format });
        assert.deepEqual(r.errors, []);
      };
      const other = c.held === 'start' ? 'end' : 'start';
      try {
        const inside = join(scratch.dir, `${schema}-inside.csv`);
        writeFileSync(inside, INSIDE);
        await ingestFiles(r1, [inside], { format: 'generic-csv' });
        const heldPath = file(c.held);
        const otherPath = file(other);
        if (race) {
          // the held file registered first, so that its row can be locked: its ingest then waits at its batch's
          // last statement (the file's resume point), after every close and join of the batch
          const begun = await r1.beginFile(fileSha256(heldPath), heldPath, c.format, null, '');
          await holdFile(begun.id);
          const first = ingest(r1, heldPath);
          let firstPid = 0;
          await until('the held ingest to wait at its commit', async () => {
            firstPid = await waiterOf(watch, watchPid);
            return firstPid !== 0;
          });
          // the other runs until it waits (for the held one: its series' lock) or, where nothing makes it
          // wait, to its end
          let settled = false;
          const second = ingest(r2, otherPath).finally(() => {
            settled = true;
          });
          await until('the other ingest to wait or end', async () => {
            if (settled) return true;
            const r = await watch.query(
              'SELECT 1 FROM pg_stat_activity WHERE pid <> $1 AND cardinality(pg_blocking_pids(pid)) > 0',
              [firstPid],
            );
            return (r.rowCount ?? 0) > 0;
          });
          await watch.query('COMMIT');
          await Promise.all([first, second]);
        } else {
          await ingest(r1, heldPath);
          await ingest(r2, otherPath);
        }
        // the inside addresses' rows are not the holding raced
        const alice = `addr <> '\\x6440000b' AND addr <> '\\x6440000d'`;
        const unstarted = c.table === 'attr_assign' ? '0' : 'unstarted';
        const rows = await watch.query(
          `SELECT t0 - ${B} AS t0, t1 - ${B} AS t1, open, ${unstarted} AS unstarted
          FROM "${schema}".${c.table} WHERE ${c.table === 'attr_assign' ? alice : 'true'}
          ORDER BY t0, t1`,
        );
        const answers = [];
        for (const off of c.asked) {
          const at = new Date((B + off) * 1000).toISOString();
          const q = c.port === undefined ? { ip: c.ip, at } : { ip: c.ip, port: c.port, at };
          answers.push([off, said(await new Resolver(r2).resolve(q))]);
        }
        return { rows: rows.rows.map((r) => ({ ...r, t0: Number(r.t0), t1: Number(r.t1) })), answers };
      } finally {
        await close();
      }
    }

    for (const [name, c] of Object.entries(CASES)) {
      test(`${name}: the rows and answers of the files read one after the other`, async () => {
        const serial = await outcome(c, false);
        assert.deepEqual(serial.rows, c.serial);
        const raced = await outcome(c, true);
        assert.deepEqual(raced.rows, serial.rows);
        assert.deepEqual(raced.answers, serial.answers);
      });
    }
  });
}
