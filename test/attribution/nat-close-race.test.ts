import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { ingestFiles } from '../../src/attribution/ingest.ts';
import type { LogFormat } from '../../src/attribution/parsers/index.ts';
import { Resolver } from '../../src/attribution/resolver.ts';
import { scratchLocations, testDialects } from '../support/dialects.ts';
import { said } from './answers.ts';
import { B, conntrackEvent, FLOW_PORT, FLOW_PUB, insideCsv } from './helpers.ts';
import { twoIngesters, until } from './pg-race.ts';

// Two ingests on PostgreSQL reading the same NAT end at once (rotated files that overlap): the first closes the
// flow's open row and has not committed when the second's close waits for that row. The second's close is one
// statement (store/same-start.ts natCloseSql) whose "applied already" check reads the snapshot the statement
// started with, the row still open; it must not store the end again as an unstarted row (which a later start of
// the flow would take). The stored rows and the answers must be those of the two files read one after the other.
// PostgreSQL only: SQLite's writers run one at a time. Since the series lock (postgres.repository.ts lockSeries)
// the second ingest waits at its batch's lock rather than at the row, so this holds the outcome; natCloseSql's
// re-run stays for a row a start file's last commit joins (docs/decisions.md, twenty-first session).

const PUB = FLOW_PUB;
const PORT = FLOW_PORT;

const conntrack = conntrackEvent;

const INSIDE = insideCsv('alice', 'carol');

/** A Juniper PBA line: `event` of the block 1024–1535 of PUB for 100.64.0.11, `offset` seconds after B. */
const pba = (event: 'ALLOC' | 'INTERIM' | 'RELEASE', offset: number) =>
  `<14>1 2026-03-29T01:00:00+09:00 srx RT_NAT - RT_SRC_NAT_PBA_${event} [junos@2636 internal-ip="100.64.0.11" ` +
  `block-port-low="1024" block-port-high="1535" reflexive-ip="${PUB}" epoch-time-64="${(B + offset).toString(16)}"]`;

/**
 * The files of one case: `start` read first; `first` and `second` at once (the first holds its commit); then
 * `after`. The rows of `table` and the answers for `port` at `asked` (offsets from B) are compared.
 */
interface Case {
  format: LogFormat;
  table: 'attr_nat_session' | 'attr_nat_block';
  port: number;
  files: { start: string[]; first: string[]; second: string[]; after: string[] };
  asked: number[];
  /** A copy of each row `start` stored, as stored before migration 079 (hold 0: the holding named no one). */
  unnamedCopy?: boolean;
}

/** A flow started, then its end in two files read at once (the second with another flow: not the same file). */
const END_IN_TWO_FILES = {
  start: [conntrack('start', 0)],
  first: [conntrack('end', 600)],
  second: [conntrack('end', 600), conntrack('start', 5000, '100.64.0.12', 6000, PORT + 1)],
};

const CASES: Record<string, Case> = {
  // a flow's end in two files (the second with another flow, so it is not the same file); then the flow's name
  // started again before the end, which takes an unstarted row of its flow if one is stored
  'a conntrack end': {
    format: 'conntrack',
    table: 'attr_nat_session',
    port: PORT,
    files: { ...END_IN_TWO_FILES, after: [conntrack('start', 300)] },
    asked: [300, 600, 601, 900, 3600],
  },
  // the same, beside each row a copy as stored before migration 079 (hold 0): the flow's own row is closed,
  // and the copy is not (it is another holding's)
  'a conntrack end beside rows stored before holdings were named': {
    format: 'conntrack',
    table: 'attr_nat_session',
    port: PORT,
    files: { ...END_IN_TWO_FILES, after: [] },
    asked: [300, 600, 601, 900],
    unnamedCopy: true,
  },
  // a port block's RELEASE, and an INTERIM before it read at once: the INTERIM was seen already
  'a PBA INTERIM': {
    format: 'juniper-pba',
    table: 'attr_nat_block',
    port: 1100,
    files: { start: [pba('ALLOC', 0)], first: [pba('RELEASE', 3600)], second: [pba('INTERIM', 1800)], after: [] },
    asked: [600, 1800, 2400, 3600, 4000],
  },
};

for (const dialect of testDialects().filter((d) => d === 'postgres')) {
  describe(`a NAT end read by two ingests at once (${dialect})`, () => {
    const scratch = scratchLocations('shokai-natrace-');

    /** The rows and answers after the case's files: `race` holds the first's commit until the second waits. */
    async function outcome(c: Case, race: boolean) {
      const { schema, r1, r2, watch, close } = await twoIngesters((await scratch.fresh(dialect)).location);
      const write = (name: string, text: string) => {
        const file = join(scratch.dir, `${schema}-${name}`);
        writeFileSync(file, text);
        return file;
      };
      const ingest = async (repo: typeof r1, name: keyof Case['files']) => {
        const r = await ingestFiles(repo, [write(name, `${c.files[name].join('\n')}\n`)], { format: c.format });
        assert.deepEqual(r.errors, []);
      };
      try {
        await ingestFiles(r1, [write('inside.csv', INSIDE)], { format: 'generic-csv' });
        await ingest(r1, 'start');
        if (c.unnamedCopy) {
          const cols = 'pub, plo, t0, inside, phi, t1, open, file, line, eline';
          await watch.query(
            `INSERT INTO "${schema}".${c.table} (${cols}, hold, unstarted) SELECT ${cols}, 0, unstarted
            FROM "${schema}".${c.table}`,
          );
        }
        if (race) {
          // the first ingest waits, after its close, for the file cover table this transaction locks; the
          // second's close then waits for the first's row; then the first commits
          const cover = `"${schema}".attr_file_cover`;
          await watch.query(`BEGIN; LOCK TABLE ${cover} IN EXCLUSIVE MODE`);
          const first = ingest(r1, 'first');
          let firstPid = 0;
          await until('the first ingest to wait after its close', async () => {
            const r = await watch.query<{ pid: number }>(
              `SELECT pid FROM pg_locks WHERE NOT granted AND relation = '${cover}'::regclass`,
            );
            firstPid = r.rows[0]?.pid ?? 0;
            return firstPid !== 0;
          });
          const second = ingest(r2, 'second');
          await until('the second ingest to wait for the first', async () => {
            const r = await watch.query('SELECT 1 FROM pg_stat_activity WHERE $1 = ANY (pg_blocking_pids(pid))', [
              firstPid,
            ]);
            return (r.rowCount ?? 0) > 0;
          });
          await watch.query('COMMIT');
          await Promise.all([first, second]);
        } else {
          await ingest(r1, 'first');
          await ingest(r2, 'second');
        }
        if (c.files.after.length > 0) await ingest(r2, 'after');
        const rows = await watch.query(
          `SELECT plo, t0 - ${B} AS t0, t1 - ${B} AS t1, open, hold <> 0 AS named, unstarted
          FROM "${schema}".${c.table} ORDER BY plo, t0, t1`,
        );
        const answers = [];
        for (const off of c.asked) {
          const at = new Date((B + off) * 1000).toISOString();
          answers.push([off, said(await new Resolver(r2).resolve({ ip: PUB, port: c.port, at }))]);
        }
        return { rows: rows.rows, answers };
      } finally {
        await close();
      }
    }

    /** A stored row (offsets from B); `named` a flow's (its name's holding), not a port block's. */
    const row = (plo: number, t0: number, t1: number, open: number, named = true) => ({
      plo,
      t0,
      t1,
      open,
      named,
      unstarted: 0,
    });
    /** The rows of each case read one after the other: the second file's record was applied already. */
    const SERIAL: Record<keyof typeof CASES, ReturnType<typeof row>[]> = {
      // the flow started again at 300 is open: it took no end
      'a conntrack end': [row(PORT, 0, 600, 0), row(PORT, 300, 300, 1), row(PORT + 1, 5000, 5000, 1)],
      'a conntrack end beside rows stored before holdings were named': [
        row(PORT, 0, 0, 1, false),
        row(PORT, 0, 600, 0),
        row(PORT + 1, 5000, 5000, 1),
      ],
      'a PBA INTERIM': [row(1024, 0, 3600, 0, false)],
    };

    for (const [name, c] of Object.entries(CASES)) {
      test(`${name}: the rows and answers of the files read one after the other`, async () => {
        const serial = await outcome(c, false);
        assert.deepEqual(serial.rows, SERIAL[name]);
        const raced = await outcome(c, true);
        assert.deepEqual(raced.rows, serial.rows);
        assert.deepEqual(raced.answers, serial.answers);
      });
    }
  });
}
