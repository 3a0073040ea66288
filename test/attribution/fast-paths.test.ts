// The ingest fast paths must produce exactly what the plain paths produce: RadiusDetailParser.lineAt
// (reads a line in place in its chunk) against line(); ingest's in-chunk line splitting (CRLF, no
// final newline, blank lines) against a file split by hand; the SQLite store's sorted multi-row
// upserts against row-at-a-time order (same stored rows, whatever the batch size).

import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { ingestFiles } from '../../src/attribution/ingest.ts';
import { Batch, ParseError } from '../../src/attribution/model.ts';
import { createParser, type LogFormat } from '../../src/attribution/parsers/index.ts';
import { TimeError } from '../../src/attribution/time.ts';
import { B, fixture } from './helpers.ts';
import { openAttribution } from './setup.ts';

/** Run one parser over a text, line by line (`inPlace`: through lineAt on the whole text). */
function run(format: LogFormat, text: string, inPlace: boolean): string {
  const parser = createParser(format, { zone: 'Asia/Tokyo' });
  const batch = new Batch();
  const errors: string[] = [];
  let lineNo = 0;
  for (let pos = 0; pos <= text.length; ) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0) nl = text.length;
    const start = pos;
    pos = nl + 1;
    lineNo++;
    try {
      if (inPlace) {
        assert.ok(parser.lineAt, `${format} has lineAt`);
        parser.lineAt(text, start, nl, lineNo, batch);
      } else parser.line(text.slice(start, nl), lineNo, batch);
    } catch (err) {
      if (!(err instanceof ParseError || err instanceof TimeError)) throw err;
      errors.push(`${err instanceof ParseError && err.line !== undefined ? err.line : lineNo}: ${err.message}`);
    }
  }
  try {
    parser.finish(batch);
  } catch (err) {
    if (!(err instanceof ParseError)) throw err;
    errors.push(`end: ${err.message}`);
  }
  const ser = (x: unknown): string =>
    JSON.stringify(x, (_k, v: unknown) => (v instanceof Uint8Array ? Array.from(v).join('.') : v));
  return [
    ...batch.assigns.map(ser),
    ...batch.nats.map(ser),
    ...batch.closes.map(ser),
    `records ${batch.records}`,
    ...errors,
  ].join('\n');
}

/** A RADIUS detail text with odd but legal shapes and some bad records, generated deterministically. */
function radiusText(n: number): string {
  let seed = 7;
  const rnd = (k: number): number => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return (seed >>> 8) % k;
  };
  const out: string[] = [];
  const statuses = ['Start', 'Interim-Update', 'Stop', 'Alive', 'Accounting-On', 'Bogus'];
  for (let i = 0; i < n; i++) {
    const s = rnd(40);
    out.push(s === 0 ? 'not a header' : 'Sun Mar 29 01:00:00 2026');
    const attrs = [
      `Acct-Status-Type = ${statuses[rnd(10) < 8 ? rnd(3) : rnd(6)]}`,
      `User-Name = "${rnd(20) === 0 ? '' : `u${rnd(50)}`}"`,
      `Acct-Session-Id = "S${rnd(60)}"`,
      rnd(3) === 0 ? `Acct-Unique-Session-Id = ${rnd(60)}` : `NAS-Identifier = nas${rnd(2)}`,
      `NAS-IP-Address = 192.0.2.${rnd(2)}`,
      rnd(30) === 0 ? 'Framed-IP-Address = 100.64.0.300' : `Framed-IP-Address = 100.64.${rnd(2)}.${rnd(40)}`,
      rnd(4) === 0 ? `Delegated-IPv6-Prefix = 2001:db8:${rnd(9)}00::/56` : `Acct-Input-Octets = ${rnd(99999)}`,
      `Acct-Session-Time = ${rnd(10) === 0 ? 'x' : rnd(5000)}`,
      rnd(25) === 0
        ? `Event-Timestamp = "Mar 29 2026 01:${String(rnd(60)).padStart(2, '0')}:00 JST"`
        : `Timestamp = ${rnd(30) === 0 ? '17x' : B + rnd(9000)}`,
      'Calling-Station-Id = "a = b"',
    ];
    for (const a of attrs) {
      const shape = rnd(30);
      out.push(
        shape === 0
          ? `  ${a}`
          : shape === 1
            ? `\t${a} `
            : shape === 2
              ? `\t${a.replace(' = ', '=')}`
              : shape === 3
                ? `\t ${a}`
                : `\t${a}`,
      );
    }
    const end = rnd(12);
    out.push(end === 0 ? '\t' : end === 1 ? '   ' : '');
    if (end === 2) out.push('\tUser-Name = "orphan"');
  }
  return out.join('\n');
}

test('radius-detail lineAt reads exactly what line() reads: the fixture and 3 000 generated records', () => {
  const texts = [readFileSync(fixture('radius-detail.txt'), 'utf8'), radiusText(3000)];
  for (const text of texts) {
    const plain = run('radius-detail', text, false);
    assert.ok(plain.split('\n').length >= 8);
    assert.equal(run('radius-detail', text, true), plain);
  }
});

/** A Juniper PBA log with other syslog lines, odd shapes and bad lines, generated deterministically. */
function pbaText(n: number): string {
  let seed = 11;
  const rnd = (k: number): number => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return (seed >>> 8) % k;
  };
  const events = ['ALLOC', 'INTERIM', 'RELEASE', 'ALLOC:', 'RELEASE[x', 'ALLOCATE', 'FOO'];
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const r = rnd(40);
    if (r === 0) {
      out.push('<14>1 2026-03-29T01:00:00Z fw sshd - - accepted password');
      continue;
    }
    if (r === 1) {
      out.push('');
      continue;
    }
    const plo = 1024 + rnd(6) * 256;
    const fields = [
      `internal-ip="${rnd(30) === 0 ? '100.64.0.256' : `100.64.0.${rnd(9)}`}"`,
      `block-port-low="${rnd(40) === 0 ? '7x' : plo}"`,
      `block-port-high="${rnd(40) === 0 ? plo - 1 : rnd(60) === 0 ? 65536 : plo + 255}"`,
      `reflexive-ip="198.51.100.${rnd(2)}"`,
      `epoch-time-64="${
        rnd(30) === 0 ? 'zz' : rnd(10) === 0 ? `0x${(B + i).toString(16).toUpperCase()}` : (B + i).toString(16)
      }"`,
    ];
    if (rnd(40) === 0) fields.splice(rnd(5), 1);
    if (rnd(8) === 0) fields.reverse();
    const ev = events[rnd(10) < 9 ? rnd(3) : 3 + rnd(4)];
    let line =
      `<14>1 2026-03-29T01:00:00Z cgn-1 RT_NAT - RT_SRC_NAT_PBA_${ev} ` +
      `[junos@2636.1.1.1.2.129 ${fields.join(' ')}]`;
    // cut short: unterminated value or missing field
    if (rnd(50) === 0) line = line.slice(0, line.length - 1 - rnd(20));
    out.push(line);
  }
  return out.join('\n');
}

const readInPlaceTitle =
  'juniper-pba read in place in a chunk reads exactly what it reads line by line: ' +
  'the fixture and 5 000 generated lines';
test(readInPlaceTitle, () => {
  for (const text of [readFileSync(fixture('juniper-pba.log'), 'utf8'), pbaText(5000)]) {
    const plain = run('juniper-pba', text, false);
    assert.ok(plain.split('\n').length >= 5);
    assert.equal(run('juniper-pba', text, true), plain);
  }
  // a file of lines that are not for us is read in linear time (the event is searched for once)
  const other = '<14>1 2026-03-29T01:00:00Z fw sshd - - accepted password\n'.repeat(200_000);
  const t0 = performance.now();
  assert.equal(run('juniper-pba', other, true), 'records 0');
  assert.ok(performance.now() - t0 < 5000);
});

const chunkLinesTitle =
  'ingest splits chunks into the same lines as split("\\n") with CRs removed: CRLF, no final newline, blank lines';
test(chunkLinesTitle, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'shokai-fast-'));
  try {
    const text = radiusText(400).replace(/\s+$/, ''); // ends without a newline
    const results: string[] = [];
    for (const [name, body] of [
      ['lf', `${text}\n`],
      ['crlf', `${text.split('\n').join('\r\n')}\r\n`],
      ['nofinal', text],
    ] as const) {
      const path = join(dir, `${name}.detail`);
      writeFileSync(path, body);
      const seen: string[] = [];
      const store = {
        dialect: 'sqlite' as const,
        beginFile: async () => ({ id: 1, resumeFrom: 1, done: false, stored: false, source: null, zone: 'Asia/Tokyo' }),
        commitBatch: async (_f: number, b: Batch, resumeFrom: number, done: boolean) => {
          seen.push(`${b.assigns.length} ${b.closes.length} ${b.records} ${resumeFrom} ${done}`);
        },
      };
      // small batches: commits (and resume points) fall inside chunks
      const s = await ingestFiles(store as never, [path], {
        format: 'radius-detail',
        zone: 'Asia/Tokyo',
        batchLines: 97,
      });
      results.push(
        `${seen.join('|')} ${s.ingested} ${s.skipped} ${JSON.stringify(s.errors.map((e) => [e.line, e.reason]))}`,
      );
    }
    assert.ok(results[0]!.includes('"'));
    assert.equal(results[1], results[0]);
    assert.equal(results[2], results[0]);
    assert.equal(
      run('radius-detail', text, false)
        .split('\n')
        .filter((l) => /^\d+: /.test(l)).length,
      JSON.parse(results[0]!.slice(results[0]!.indexOf('[['))).length,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('SQLite: sorted multi-row upserts store the same rows whatever the batch size', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'shokai-fast-'));
  try {
    const pba: string[] = [];
    for (let i = 0; i < 700; i++) {
      const k = (i * 37) % 500; // blocks reused: several intervals per (public address, port_low)
      const plo = 1024 + (k % 252) * 256;
      const line = (ev: string, t: number): string =>
        `RT_NAT - RT_SRC_NAT_PBA_${ev} [internal-ip="100.64.${k % 7}.${i % 200}" block-port-low="${plo}" ` +
        `block-port-high="${plo + 255}" reflexive-ip="198.51.100.${Math.floor(k / 252)}" ` +
        `epoch-time-64="${t.toString(16)}"]`;
      pba.push(line('ALLOC', B + i * 10));
      if (i % 3 === 0) pba.push(line('INTERIM', B + i * 10 + 5));
      if (i % 4 !== 0) pba.push(line('RELEASE', B + i * 10 + 7));
    }
    const path = join(dir, 'pba.log');
    writeFileSync(path, `${pba.join('\n')}\n`);
    const rad = join(dir, 'r.detail');
    writeFileSync(rad, `${radiusText(1500)}\n`);
    const dump = async (batchLines: number, withRadius: boolean): Promise<string> => {
      const opened = await openAttribution({ kind: 'sqlite', path: join(dir, `s${batchLines}-${withRadius}.sqlite`) });
      const { native } = opened.ctx.store;
      assert.ok(native.dialect === 'sqlite');
      const store = opened.repo;
      try {
        await ingestFiles(store, [path], { format: 'juniper-pba', batchLines });
        if (withRadius) await ingestFiles(store, [rad], { format: 'radius-detail', zone: 'Asia/Tokyo', batchLines });
        const rows = (sql: string): unknown[] => native.sqlite.prepare(sql).raw(true).all();
        return JSON.stringify([
          rows('SELECT * FROM attr_nat_block ORDER BY pub, plo, t0, inside'),
          rows(
            'SELECT hex(addr), plen, t0, c.name, t1, open, file, line, eline ' +
              'FROM attr_assign a JOIN attr_account c ON c.id = a.account ORDER BY 1, 2, 3, 4',
          ),
          rows('SELECT key, value FROM attr_meta ORDER BY key'),
        ]);
      } finally {
        await opened.close();
      }
    };
    // One line per batch: every row goes through the one-row statements, in the order produced.
    const pbaOne = await dump(1, false);
    assert.ok(pbaOne.length > 10000);
    assert.equal(await dump(1_000_000, false), pbaOne); // one batch: sorted, multi-row statements
    // (Where a close and a row for the same key fall in one batch, the close is applied after the
    // rows, so RADIUS results with bad and orphan records may depend on batch boundaries — as before.)
    assert.equal(await dump(700, true), await dump(1, true));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
