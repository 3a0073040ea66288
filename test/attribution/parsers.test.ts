import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AssignRow, CloseOp, NatRow } from '../../src/attribution/model.ts';
import { addressFromBytes, formatIPv4 } from '../../src/net/address.ts';
import { B, iso, parseFixture, parseText } from './helpers.ts';
import { JST_START_THEN_ZONELESS } from './radius-fixtures.ts';

const assignView = (r: AssignRow): string =>
  `${addressFromBytes(r.addr).text}/${r.plen} ${r.account} ${iso(r.t0)}..${iso(r.t1)}${r.open ? ' open' : ''} ` +
  `@${r.line}`;
/** A RADIUS session met first in its file by an Interim-Update: seen (still held), or ended by its Stop. */
const radiusCloseView = (c: CloseOp): string =>
  c.target === 'assign'
    ? `${c.fallback.open ? 'seen' : 'ended'} ${assignView(c.fallback)}-${c.line}`
    : `not an assignment: ${c.target}`;
const natView = (r: NatRow): string =>
  `${r.kind} ${formatIPv4(r.pub)}:${r.plo}-${r.phi} ${formatIPv4(r.inside)} ` +
  `${iso(r.t0)}..${iso(r.t1)}${r.open ? ' open' : ''} @${r.line}-${r.eline}`;

const radiusDetailTitle =
  'radius-detail: the vendor sample, Start/Interim/Stop pairing, a session without Stop, IPv6 prefixes, ' +
  'zone abbreviations';
test(radiusDetailTitle, () => {
  const sample =
    'Tue Jun  9 00:03:48 2015\n\tUser-Name = "taki_dsl_p"\n\tFramed-IP-Address = 78.92.255.12\n' +
    '\tAcct-Status-Type = Interim-Update\n' +
    '\tAcct-Session-Id = "MT_HAAP030000000000000d6cf6283648"\n\tEvent-Timestamp = "Jun  9 2015 00:03:47 CEST"\n' +
    '\tTimestamp = 1433801028\n';
  const s = parseText('radius-detail', sample);
  assert.deepEqual(s.errors, []);
  // met first by an Interim-Update: a sighting for the store (the Start is in an earlier file)
  assert.deepEqual(s.batch.assigns, []);
  assert.deepEqual(s.batch.closes.map(radiusCloseView), [
    'seen 78.92.255.12/32 taki_dsl_p 2015-06-08T22:03:48.000Z..2015-06-08T22:03:48.000Z open @1-1',
  ]);

  const { batch, errors } = parseFixture('radius-detail', 'radius-detail.txt');
  assert.equal(errors.length, 1);
  assert.equal(errors[0]!.line, 109);
  assert.match(errors[0]!.reason, /IST.*ambiguous/);
  const rows = batch.assigns.map(assignView).sort();
  assert.deepEqual(rows, [
    `100.64.0.10/32 alice ${iso(B)}..${iso(B + 7200)} @10`,
    `100.64.0.11/32 bob ${iso(B)}..${iso(B + 600)} open @22`,
    `100.64.0.11/32 carol ${iso(B + 900)}..${iso(B + 3600)} @47`,
    `100.64.0.12/32 dave ${iso(B)}..${iso(B + 7200)} @30`,
    // Event-Timestamp "Mar 29 2026 01:00:00 JST" (no Timestamp attribute) is 16:00 UTC the day before
    `198.51.100.20/32 erin ${iso(B)}..${iso(B + 7200)} @95`,
    `2001:db8:1200::/56 alice ${iso(B)}..${iso(B + 7200)} @10`,
    `2001:db8:ff00:10::/64 alice ${iso(B)}..${iso(B + 7200)} @10`,
  ]);
  assert.deepEqual(batch.closes.map(radiusCloseView), [
    'seen 78.92.255.12/32 taki_dsl_p 2015-06-08T21:03:48.000Z..2015-06-08T22:03:48.000Z open @1-1',
  ]);
});

test('radius-detail: a session met first by an Interim-Update goes to the store as seen, or ended by its Stop', () => {
  const record = (ts: number, status: string, sessionTime?: number): string =>
    `Sun Mar 29 01:00:00 2026\n\tAcct-Status-Type = ${status}\n\tUser-Name = "x"\n\tAcct-Session-Id = "S"\n` +
    `\tFramed-IP-Address = 100.64.1.1\n${sessionTime === undefined ? '' : `\tAcct-Session-Time = ${sessionTime}\n`}` +
    `\tTimestamp = ${ts}\n`;
  const text = (...records: string[]): string => records.join('\n');
  const view = (t: string): string[] => {
    const { batch, errors } = parseText('radius-detail', t);
    assert.deepEqual(errors, []);
    return [...batch.assigns.map(assignView), ...batch.closes.map(radiusCloseView)];
  };
  const interim = record(B + 1800, 'Interim-Update', 1800);
  // its Interim-Update (line 1) and Stop (line 9): one end for the store, from Timestamp − Acct-Session-Time
  assert.deepEqual(view(text(interim, record(B + 3000, 'Stop', 3000))), [
    `ended 100.64.1.1/32 x ${iso(B)}..${iso(B + 3000)} @1-9`,
  ]);
  // two Interim-Updates, no Stop: seen at the last
  assert.deepEqual(view(text(interim, record(B + 2400, 'Interim-Update', 2400))), [
    `seen 100.64.1.1/32 x ${iso(B)}..${iso(B + 2400)} open @1-9`,
  ]);
  // the name started again after a sighting: the sighting as it stands, and the new session pending
  assert.deepEqual(view(text(interim, record(B + 2400, 'Start'))), [
    `100.64.1.1/32 x ${iso(B + 2400)}..${iso(B + 2400)} open @9`,
    `seen 100.64.1.1/32 x ${iso(B)}..${iso(B + 1800)} open @1-1`,
  ]);
  // its Start in the same file: a row, as before
  assert.deepEqual(view(text(record(B, 'Start'), interim, record(B + 3000, 'Stop', 3000))), [
    `100.64.1.1/32 x ${iso(B)}..${iso(B + 3000)} @1`,
  ]);
});

test('radius-detail: a Stop whose Start is in an earlier file becomes a close with its Acct-Session-Time', () => {
  const { batch } = parseText(
    'radius-detail',
    `Sun Mar 29 03:00:00 2026\n\tAcct-Status-Type = Stop\n\tUser-Name = "x"\n\tFramed-IP-Address = 100.64.1.1\n` +
      `\tAcct-Session-Time = 100\n\tTimestamp = ${B}\n`,
  );
  assert.equal(batch.closes.length, 1);
  const c = batch.closes[0]!;
  assert.equal(c.target, 'assign');
  assert.equal(c.fallback.t0, B - 100);
  assert.equal(c.at, B);
});

test('radius-detail: a header-only time needs --zone', () => {
  const text =
    'Sun Mar 29 01:00:00 2026\n\tAcct-Status-Type = Start\n\tUser-Name = "x"\n\tFramed-IP-Address = 100.64.1.1\n\n';
  assert.match(parseText('radius-detail', text).errors[0]!.reason, /--zone/);
  const z = parseText('radius-detail', text, 'Asia/Tokyo');
  assert.deepEqual(z.errors, []);
  assert.equal(z.batch.assigns[0]!.t0, B);
});

const kea4Title =
  'kea4: renewals merge, a deletion leaves the last period open, reuse by another client, declined skipped, ' +
  'bad field reported';
test(kea4Title, () => {
  const { batch, errors } = parseFixture('kea4', 'kea4.csv');
  assert.deepEqual(
    errors.map((e) => e.line),
    [8],
  );
  assert.match(errors[0]!.reason, /expire/);
  assert.deepEqual(batch.assigns.map(assignView).sort(), [
    `10.0.10.50/32 aa:bb:cc:dd:ee:01 ${iso(1782000000 - 691200)}..${iso(1782000000)} @2`,
    `10.0.10.60/32 aa:bb:cc:dd:ee:01 ${iso(B)}..${iso(B + 1800)} open @3`,
    `10.0.10.60/32 aa:bb:cc:dd:ee:02 ${iso(B + 2400)}..${iso(B + 6000)} @6`,
  ]);
});

test('kea6: an address lease and a delegated prefix (lease_type 2)', () => {
  const { batch, errors } = parseFixture('kea6', 'kea6.csv');
  assert.deepEqual(errors, []);
  assert.deepEqual(batch.assigns.map(assignView).sort(), [
    `2001:db8:1::100/128 00:01:00:01:2d:3c:4b:5a:aa:bb:cc:dd:ee:04 ${iso(B)}..${iso(B + 7200)} @2`,
    `2001:db8:3400::/56 00:01:00:01:2d:3c:4b:5a:aa:bb:cc:dd:ee:04 ${iso(B)}..${iso(B + 7200)} @3`,
  ]);
});

test('isc-dhcpd: the last declaration wins, epoch form, bad date reported', () => {
  const { batch, errors } = parseFixture('isc-dhcpd', 'dhcpd.leases');
  assert.equal(errors.length, 1);
  assert.match(errors[0]!.reason, /starts: not a valid date/);
  assert.deepEqual(batch.assigns.map(assignView).sort(), [
    '172.17.1.4/32 00:16:3e:00:00:02 2019-10-20T10:05:00.000Z..2019-10-20T10:10:00.000Z @35',
    // renewed at 10:00:43, released at 10:02:00 (the last declaration of that lease)
    '172.17.1.4/32 00:16:3e:ef:a9:c1 2019-10-20T09:58:13.000Z..2019-10-20T10:02:00.000Z @9',
  ]);
});

test('juniper-pba: ALLOC/INTERIM/RELEASE, the vendor sample, other syslog lines ignored, bad hex reported', () => {
  const { batch, errors } = parseFixture('juniper-pba', 'juniper-pba.log');
  assert.deepEqual(
    errors.map((e) => e.line),
    [10],
  );
  assert.deepEqual(batch.nats.map(natView).sort(), [
    `block 1.2.84.172:48640-48895 10.0.10.10 ${iso(0x624b0492)}..${iso(0x624b0492)} open @12-12`,
    `block 203.0.113.7:40192-40447 100.64.0.10 ${iso(B + 10)}..${iso(B + 3600)} @2-8`,
    `block 203.0.113.7:40192-40447 100.64.0.12 ${iso(B + 3603)}..${iso(B + 7000)} @9-11`,
    `block 203.0.113.7:40448-40703 100.64.0.11 ${iso(B + 5)}..${iso(B + 605)} open @1-3`,
    `block 203.0.113.7:40704-40959 100.64.0.11 ${iso(B + 905)}..${iso(B + 3590)} @4-7`,
  ]);
});

test('cisco-cgn: several records per line, withdraw, a year-less timestamp refused', () => {
  const { batch, errors } = parseFixture('cisco-cgn', 'cisco-cgn.log');
  assert.deepEqual(
    errors.map((e) => e.line),
    [3, 4],
  );
  assert.match(errors[0]!.reason, /no year/);
  assert.match(errors[1]!.reason, /--zone/);
  assert.deepEqual(batch.nats.map(natView).sort(), [
    `block 198.51.100.30:1024-1535 100.64.5.1 ${iso(B + 1800)}..${iso(B + 5400)} @1-2`,
    `block 198.51.100.30:1536-2047 100.64.5.2 ${iso(B + 1800)}..${iso(B + 1800)} open @1-1`,
  ]);
  const z = parseFixture('cisco-cgn', 'cisco-cgn.log', 'Asia/Tokyo');
  assert.deepEqual(
    z.errors.map((e) => e.line),
    [3],
  );
});

test('cisco-cgn: four digits before a year-less time are its year only where Cisco writes the year', () => {
  const rec = (inside: string, lo: number) =>
    `[UserbasedA - ${inside} Inside-VRF - 198.51.100.30 - ${lo} ${lo + 511} - -]`;
  const text = [
    // the CGN's own header: <PRI> 1 YEAR Mon D hh:mm:ss HOST - - NAT44 - (UTC, no zone written)
    `<134> 1 2026 Mar 29 01:30:00 198.51.100.1 - - NAT44 - ${rec('100.64.5.1', 1024)}`,
    // the same behind a relay's prefix, which names no year
    `Mar 29 01:30:02 relay-1 1 2026 Mar 29 01:30:01 198.51.100.1 - - NAT44 - ${rec('100.64.5.2', 1536)}`,
    // IOS XR with "service timestamps log datetime year": the year right after the node
    `<187>883282: cgn-xr-1 RP/0/RSP0/CPU0:2026 Mar 29 01:30:02.123 UTC: cgn[1120]: ${rec('100.64.5.3', 2048)}`,
    // IOS's month-first form with the year
    `<190>2361044: cgn-xr-1: Mar 29 2026 01:30:03.398 UTC: ${rec('100.64.5.4', 2560)}`,
    // a sequence number written without its colon before a year-less time: sequence 2025, no year
    `<134>2025 Mar 29 01:30:04 cgn-xr-1 CGN: ${rec('100.64.5.5', 3072)}`,
    // the same behind a relay's prefix
    `Mar 29 01:30:06 10.0.0.1 2026 Mar 29 01:30:05 cgn-xr-1 CGN: ${rec('100.64.5.6', 3584)}`,
  ].join('\n');
  const { batch, errors } = parseText('cisco-cgn', text, 'UTC');
  assert.deepEqual(
    errors.map((e) => `${e.line}: ${e.reason}`),
    [
      '5: the four digits opening "2025 Mar 29 01:30:04" are not where Cisco writes the year (right after the ' +
        'syslog version "1", or after an IOS XR node such as "RP/0/RP0/CPU0:"); a number before a time without ' +
        'a year (a syslog sequence number) is not read as its year',
      '6: the four digits opening "2026 Mar 29 01:30:05" are not where Cisco writes the year (right after the ' +
        'syslog version "1", or after an IOS XR node such as "RP/0/RP0/CPU0:"); a number before a time without ' +
        'a year (a syslog sequence number) is not read as its year',
    ],
  );
  assert.deepEqual(batch.nats.map(natView).sort(), [
    'block 198.51.100.30:1024-1535 100.64.5.1 2026-03-29T01:30:00.000Z..2026-03-29T01:30:00.000Z open @1-1',
    'block 198.51.100.30:1536-2047 100.64.5.2 2026-03-29T01:30:01.000Z..2026-03-29T01:30:01.000Z open @2-2',
    'block 198.51.100.30:2048-2559 100.64.5.3 2026-03-29T01:30:02.000Z..2026-03-29T01:30:02.000Z open @3-3',
    'block 198.51.100.30:2560-3071 100.64.5.4 2026-03-29T01:30:03.000Z..2026-03-29T01:30:03.000Z open @4-4',
  ]);
});

test('netscaler-lsn: default and compact forms, created and deleted', () => {
  const { batch, errors } = parseFixture('netscaler-lsn', 'netscaler-lsn.log');
  assert.deepEqual(errors, []);
  assert.deepEqual(batch.nats.map(natView).sort(), [
    'session 8.8.8.8:47902-47902 1.1.1.1 2016-02-02T01:13:01.000Z..2016-02-02T01:15:01.000Z @1-3',
    'session 8.8.8.8:47902-47902 1.1.1.2 2016-02-02T01:20:00.000Z..2016-02-02T01:20:00.000Z open @5-5',
    'session 8.8.8.9:51066-51066 1.1.1.1 2016-02-02T01:13:01.000Z..2016-02-02T01:16:01.000Z @2-4',
  ]);
});

test('cisco-cgn: a line refused for one bad record stores none of its records', () => {
  const text =
    '<134>1 2026 Mar 29 01:30:00 JST cgn-xr-1 CGN: ' +
    '[UserbasedA - 100.64.5.1 Inside-VRF - 198.51.100.30 - 1024 1535 - -]' +
    '[UserbasedA - 100.64.5.2 Inside-VRF - 198.51.100.30 - 1536 99999 - -]';
  const { batch, errors } = parseText('cisco-cgn', text);
  assert.deepEqual(
    errors.map((e) => e.line),
    [1],
  );
  assert.deepEqual(batch.nats, []);
  assert.equal(batch.records, 0);
});

test('netscaler-lsn: an offset written after the time is read, not replaced by --zone', () => {
  const line = (time: string) =>
    `${time} Informational 0-PPE-2 : default LSN 87 0:A&PDMC|C-1.1.1.1:6501:0|N-8.8.8.9:51066|D-2.2.2.2:80:0|T`;
  const text = ['02/02/2016:08:13:01 GMT+7', '02/02/2016:01:13:01 +00', '02/02/2016:01:13:01 utc'].map(line);
  const { batch, errors } = parseText('netscaler-lsn', text.join('\n'), 'Asia/Tokyo');
  assert.deepEqual(errors, []);
  assert.deepEqual(
    batch.nats.map((r) => iso(r.t0)),
    ['2016-02-02T01:13:01.000Z', '2016-02-02T01:13:01.000Z', '2016-02-02T01:13:01.000Z'],
  );
});

test("conntrack: NEW/DESTROY with the reply tuple's dport as the NAT port; ICMP skipped; no timestamp reported", () => {
  const { batch, errors } = parseFixture('conntrack', 'conntrack.log');
  assert.deepEqual(
    errors.map((e) => e.line),
    [6],
  );
  assert.deepEqual(batch.nats.map(natView).sort(), [
    'session 203.0.113.50:32768-32768 10.0.15.42 2024-03-29T08:13:20.000Z..2024-03-29T08:13:51.000Z @1-3',
    'session 203.0.113.50:32768-32768 10.0.15.43 2024-03-29T08:13:51.000Z..2024-03-29T08:13:51.000Z open @4-4',
  ]);
});

test('generic-csv with a declared zone: DST gap and fold rows refused, others converted', () => {
  const { batch, errors } = parseFixture('generic-csv', 'generic-dst.csv', 'Europe/Berlin');
  assert.deepEqual(
    errors.map((e) => e.line),
    [3, 4],
  );
  assert.match(errors[0]!.reason, /does not exist in Europe\/Berlin/);
  assert.match(errors[1]!.reason, /occurs twice/);
  assert.deepEqual(batch.assigns.map(assignView).sort(), [
    `100.64.9.9/32 judy 2026-03-29T00:00:00.000Z..2026-03-29T03:00:00.000Z @7`,
    '192.0.2.77/32 frank 2026-03-29T00:30:00.000Z..2026-03-29T01:30:00.000Z @2',
    '192.0.2.80/32 ivan 2026-10-25T02:30:00.000Z..2026-10-25T02:30:00.000Z open @5',
    `2001:db8:beef::/48 judy ${iso(1774753200)}..${iso(1774753200)} open @8`,
  ]);
  assert.deepEqual(batch.nats.map(natView), [
    'block 203.0.113.90:2000-2999 100.64.9.9 2026-03-29T01:00:00.000Z..2026-03-29T02:00:00.000Z @6-6',
  ]);
  const noZone = parseFixture('generic-csv', 'generic-dst.csv');
  assert.deepEqual(
    noZone.errors.map((e) => e.line),
    [2, 3, 4, 5],
  );
  assert.match(noZone.errors[0]!.reason, /no UTC offset or zone/);
});

const rotatedAllocTitle =
  'juniper-pba: a block met first by an INTERIM (its ALLOC in an older, rotated file) goes to the store as seen, ' +
  'or ended by its RELEASE; a RELEASE without ALLOC becomes a close';
test(rotatedAllocTitle, () => {
  const line = (ev: string, t: number, inside = '100.64.7.7'): string =>
    `RT_NAT - RT_SRC_NAT_PBA_${ev} [internal-ip="${inside}" block-port-low="2048" block-port-high="2303" ` +
    `reflexive-ip="203.0.113.9" epoch-time-64="${t.toString(16)}"]`;
  /** What a file sends: its rows, and its ends and sightings for rows started in an earlier file. */
  const sent = (...lines: string[]): string[] => {
    const { batch, errors } = parseText('juniper-pba', `${lines.join('\n')}\n`);
    assert.deepEqual(errors, []);
    const closes = batch.closes.map((c) => {
      const f = c.fallback as NatRow;
      return `${f.open ? 'seen' : 'ended'} ${natView(f)}${f.unstarted ? ' unstarted' : ''} at ${iso(c.at)} @${c.line}`;
    });
    return [...batch.nats.map(natView), ...closes];
  };
  // two INTERIMs: seen at the last, a sighting of the allocation's open row (kept, unstarted, where none is)
  assert.deepEqual(sent(line('INTERIM', B + 100), line('INTERIM', B + 700)), [
    `seen block 203.0.113.9:2048-2303 100.64.7.7 ${iso(B + 100)}..${iso(B + 700)} open @1-2 unstarted ` +
      `at ${iso(B + 700)} @2`,
  ]);
  // its RELEASE in the same file: one end for the store, from the first INTERIM
  assert.deepEqual(sent(line('INTERIM', B + 100), line('RELEASE', B + 900)), [
    `ended block 203.0.113.9:2048-2303 100.64.7.7 ${iso(B + 100)}..${iso(B + 900)} @1-2 unstarted ` +
      `at ${iso(B + 900)} @2`,
  ]);
  // the block allocated afresh after the sighting: the sighting as it stands, the new allocation a row
  assert.deepEqual(sent(line('INTERIM', B + 100), line('ALLOC', B + 300), line('RELEASE', B + 900)), [
    `block 203.0.113.9:2048-2303 100.64.7.7 ${iso(B + 300)}..${iso(B + 900)} @2-3`,
    `seen block 203.0.113.9:2048-2303 100.64.7.7 ${iso(B + 100)}..${iso(B + 100)} open @1-1 unstarted ` +
      `at ${iso(B + 100)} @1`,
  ]);
  // an INTERIM for another inside address after one: another allocation, a row of this file
  assert.deepEqual(sent(line('INTERIM', B + 100), line('INTERIM', B + 300, '100.64.7.8')), [
    `block 203.0.113.9:2048-2303 100.64.7.8 ${iso(B + 300)}..${iso(B + 300)} open @2-2`,
    `seen block 203.0.113.9:2048-2303 100.64.7.7 ${iso(B + 100)}..${iso(B + 100)} open @1-1 unstarted ` +
      `at ${iso(B + 100)} @1`,
  ]);
  // ALLOC then INTERIM in one file: paired here, as before
  assert.deepEqual(sent(line('ALLOC', B), line('INTERIM', B + 100)), [
    `block 203.0.113.9:2048-2303 100.64.7.7 ${iso(B)}..${iso(B + 100)} open @1-2`,
  ]);
  assert.deepEqual(sent(line('RELEASE', B + 900)), [
    `ended block 203.0.113.9:2048-2303 100.64.7.7 ${iso(B + 900)}..${iso(B + 900)} @1-1 unstarted ` +
      `at ${iso(B + 900)} @1`,
  ]);
});

test('a last record refused leaves the records read before it stored: open sessions, whole leases', () => {
  // a RADIUS file whose first session has no Stop and whose last record is refused (no zone for its header)
  const radius = parseText('radius-detail', JST_START_THEN_ZONELESS);
  assert.deepEqual(
    radius.batch.assigns.map((a) => [a.account, a.open]),
    [['first', true]],
  );
  assert.deepEqual(
    radius.errors.map((e) => e.line),
    [9],
  );
  const leases = [
    'lease 192.0.2.60 {',
    '  starts 0 2026/03/29 01:00:00;',
    '  ends 0 2026/03/29 05:00:00;',
    '  hardware ethernet 00:16:3e:00:00:01;',
    '}',
    'lease 192.0.2.61 {',
    '  starts 0 2026/03/29 02:00:00;',
  ].join('\n');
  const dhcp = parseText('isc-dhcpd', leases);
  assert.deepEqual(
    dhcp.batch.assigns.map((a) => a.account),
    ['00:16:3e:00:00:01'],
  );
  assert.match(dhcp.errors[0]?.reason ?? '', /file ends inside the block/);
});
