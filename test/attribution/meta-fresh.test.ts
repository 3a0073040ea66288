import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { ingestFiles } from '../../src/attribution/ingest.ts';
import type { LogFormat } from '../../src/attribution/parsers/index.ts';
import { type AttributionQuery, Resolver } from '../../src/attribution/resolver.ts';
import { type AttributionRepository, attributionRepository } from '../../src/attribution/store/repositories.ts';
import { openStore } from '../../src/store/database.ts';
import { scratchLocations, testDialects } from '../support/dialects.ts';
import { said } from './answers.ts';
import { B, conntrackEvent, FLOW_PORT, FLOW_PUB, insideCsv } from './helpers.ts';

// The store's summary (attr_meta: the prefix lengths, NAT kinds, port span and covered window seen) as another
// process changes it. A lookup server keeps one repository per store for its life, while `shokai logs ingest`
// runs as a process of its own: the server must answer from what that ingest committed, not from the summary it
// read before (a /32 unseen, a NAT kind not yet logged: "none"). And an ingest on a connection that had read the
// summary before another connection's ingest must keep what that one wrote. Two stores on one database stand for
// the two processes (each its own connection or pool, its own repository).

const HEADER = 'type,start,end,address,port_low,port_high,inside_address,account';
const DAY = 'assign,2026-03-29T00:00:00+09:00,2026-03-30T00:00:00+09:00';
const PREFIX_24 = `${HEADER}\n${DAY},10.0.0.0/24,,,,alice\n`;
const HOST_32 = `${HEADER}\n${DAY},10.1.0.1,,,,bob\n`;
const NOON = '2026-03-29T12:00:00+09:00';

for (const dialect of testDialects()) {
  describe(`the summary another process changed (${dialect})`, () => {
    const scratch = scratchLocations('shokai-metafresh-');

    /** Two stores on one fresh database: `server` (a long-lived lookup) and `cli` (an ingest beside it). */
    async function twoProcesses() {
      const loc = await scratch.fresh(dialect);
      const server = await openStore(loc.location);
      const cli = await openStore(loc.location);
      let n = 0;
      const ingest = async (repo: AttributionRepository, text: string, format: LogFormat = 'generic-csv') => {
        const file = join(scratch.dir, `${loc.location.kind === 'postgres' ? loc.location.schema : 'f'}-${n++}`);
        writeFileSync(file, text);
        const r = await ingestFiles(repo, [file], { format });
        assert.deepEqual(r.errors, []);
      };
      /** The answer of a store opened now (a fresh process), to compare with. */
      const freshAnswer = async (q: AttributionQuery) => {
        const other = await openStore(loc.location);
        try {
          return said(await new Resolver(attributionRepository(other)).resolve(q));
        } finally {
          await other.close();
        }
      };
      return {
        server: attributionRepository(server),
        cli: attributionRepository(cli),
        ingest,
        freshAnswer,
        close: async () => {
          await server.close();
          await cli.close();
        },
      };
    }

    test('a lookup server answers for a prefix length another process ingested after its summary', async () => {
      const p = await twoProcesses();
      try {
        await p.ingest(p.cli, PREFIX_24);
        assert.equal((await new Resolver(p.server).resolve({ ip: '10.0.0.5', at: NOON })).verdict, 'unique');
        await p.ingest(p.cli, HOST_32);
        const q = { ip: '10.1.0.1', at: NOON };
        const fresh = await p.freshAnswer(q);
        assert.equal(fresh[0], 'unique');
        assert.deepEqual(said(await new Resolver(p.server).resolve(q)), fresh);
        assert.deepEqual(await p.server.assignPrefixLengths(4), [32, 24]);
      } finally {
        await p.close();
      }
    });

    test('a lookup server answers from the first NAT logs another process ingested after its summary', async () => {
      const p = await twoProcesses();
      try {
        const q = { ip: FLOW_PUB, port: FLOW_PORT, at: new Date((B + 300) * 1000).toISOString() };
        await p.ingest(p.cli, `${insideCsv('alice', 'carol')}\n`);
        assert.equal((await new Resolver(p.server).resolve(q)).verdict, 'none');
        assert.equal(await p.server.hasNatKind('session'), false);
        await p.ingest(p.cli, `${conntrackEvent('start', 0)}\n${conntrackEvent('end', 600)}\n`, 'conntrack');
        const fresh = await p.freshAnswer(q);
        assert.equal(fresh[0], 'unique');
        assert.deepEqual(said(await new Resolver(p.server).resolve(q)), fresh);
        assert.equal(await p.server.hasNatKind('session'), true);
        const cov = await p.server.coverage();
        assert.deepEqual([cov.natFrom, cov.natTo], [B, B + 600]);
      } finally {
        await p.close();
      }
    });

    test('an ingest keeps what another process ingested after it read the summary', async () => {
      const p = await twoProcesses();
      try {
        // the server process read the summary (empty), then ingests after the other process's /32
        assert.equal((await new Resolver(p.server).resolve({ ip: '10.0.0.5', at: NOON })).verdict, 'none');
        await p.ingest(p.cli, HOST_32);
        await p.ingest(p.server, PREFIX_24);
        for (const ip of ['10.0.0.5', '10.1.0.1']) {
          const fresh = await p.freshAnswer({ ip, at: NOON });
          assert.equal(fresh[0], 'unique', ip);
        }
        assert.deepEqual(await p.cli.assignPrefixLengths(4), [32, 24]);
      } finally {
        await p.close();
      }
    });
  });
}
