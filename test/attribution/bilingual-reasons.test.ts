import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Batch, ParseError } from '../../src/attribution/model.ts';
import { NatConfigError, parseNatConfigs } from '../../src/attribution/nat-config.ts';
import { createParser, type LogFormat } from '../../src/attribution/parsers/index.ts';
import { parseSubscriberHeader, parseSubscriberLine, SUBSCRIBER_COLUMNS } from '../../src/attribution/subscribers.ts';
import { parseQueryInstant, TimeError } from '../../src/attribution/time.ts';

/** The first refusal of a text read by one parser, in both languages (null: every line was taken). */
function firstRefusal(format: LogFormat, text: string, zone?: string): { ja: string; en: string } | null {
  const parser = createParser(format, zone === undefined ? {} : { zone });
  const batch = new Batch();
  try {
    text.split('\n').forEach((l, i) => {
      parser.line(l, i + 1, batch);
    });
    parser.finish(batch);
  } catch (err) {
    if (!(err instanceof ParseError || err instanceof TimeError)) throw err;
    assert.equal(err.message, err.en, 'message stays the English');
    return { ja: err.ja, en: err.en };
  }
  return null;
}

/** Two English words in a row outside quoted values (as given) and option names: an English sentence. */
function englishIn(text: string): string | null {
  const bare = text.replace(/"[^"]*"/g, '""').replace(/--\w+ [A-Z]+/g, '');
  return /\b[A-Za-z]{2,}\s+[a-z]{2,}\b/.exec(bare)?.[0] ?? null;
}

function assertJapanese(ja: string): void {
  assert.match(ja, /[\u3040-\u30ff\u4e00-\u9fff]/, `not Japanese: ${ja}`);
  assert.equal(englishIn(ja), null, `an English sentence in: ${ja}`);
}

const RADIUS_HEADER = 'Sat Mar 28 10:00:00 2026';
const KEA4_HEADER = 'address,hwaddr,client_id,valid_lifetime,expire,subnet_id,fqdn_fwd,fqdn_rev,hostname,state';
const GENERIC_HEADER = 'type,start,end,address,port_low,port_high,inside_address,account';
const pba = (low: string) =>
  `<14>1 2026-03-28T00:00:00+09:00 srx RT_NAT - RT_SRC_NAT_PBA_ALLOC [junos@2636 internal-ip="100.64.0.11" ` +
  `block-port-low="${low}" block-port-high="40703" reflexive-ip="203.0.113.7" epoch-time-64="69c7fb05"]`;

/** For each parser a refused line, its English as it always was and its Japanese. */
const CASES: Array<{ format: LogFormat; text: string; zone?: string; en: string; ja: string }> = [
  {
    format: 'radius-detail',
    text: `${RADIUS_HEADER}\n\tAcct-Status-Type = Start\n\tTimestamp = 1774713600\n\tFramed-IP-Address = 192.0.2.1\n`,
    en: 'no User-Name',
    ja: 'User-Name がありません',
  },
  {
    format: 'radius-detail',
    text: `${RADIUS_HEADER}\n\tAcct-Status-Type = Start\n\tUser-Name = "u"\n\tFramed-IP-Address = 192.0.2.1\n`,
    en: 'record header (no Timestamp attribute) has no UTC offset or zone; ingest with --zone ZONE',
    ja: 'レコードのヘッダーの日時（Timestamp 属性なし）: UTC からの時差もタイムゾーンもありません。--zone ZONE を指定して取り込んでください',
  },
  {
    format: 'kea4',
    text: `${KEA4_HEADER}\n2001:db8::1,aa:bb:cc:dd:ee:01,,3600,1774717200,1,0,0,h,0`,
    en: 'field address: not an IPv4 address: "2001:db8::1"',
    ja: '項目 address: IPv4 アドレスではありません: "2001:db8::1"',
  },
  {
    format: 'kea6',
    text: 'address,duid,valid_lifetime,expire',
    en: 'header lacks column(s) lease_type, prefix_len for a Kea v6 lease file',
    ja: 'ヘッダーに列 lease_type, prefix_len がありません（Kea v6 のリースファイルに必要な列です）',
  },
  {
    format: 'isc-dhcpd',
    text: 'lease 192.0.2.5 {\n  starts 4 2026/02/30 10:00:00;\n}',
    en: 'starts: not a valid date: "4 2026/02/30 10:00:00"',
    ja: 'starts: 存在しない日付です: "4 2026/02/30 10:00:00"',
  },
  {
    format: 'juniper-pba',
    text: pba('99999'),
    en: 'field block-port-low: not a port: "99999"',
    ja: '項目 block-port-low: ポート番号ではありません: "99999"',
  },
  {
    format: 'cisco-cgn',
    text:
      '<134>1 2026 Mar 29 01:30:00 JST cgn CGN: ' +
      '[UserbasedA - 100.64.5.999 Inside-VRF - 198.51.100.30 - 1024 1535 - -]',
    en: 'OrigSrcIP: not an IPv4 address: "100.64.5.999"',
    ja: 'OrigSrcIP: IPv4 アドレスではありません: "100.64.5.999"',
  },
  {
    format: 'netscaler-lsn',
    text:
      '02/02/2016:01:13:01 GMT Informational 0-PPE-2 : default LSN 87 ' +
      '0:A&PDMC|C-1.1.1.999:6501:0|N-8.8.8.9:51066|D-2.2.2.2:80:0|T',
    en: 'client IP: not an IPv4 address: "1.1.1.999"',
    ja: 'クライアント IP: IPv4 アドレスではありません: "1.1.1.999"',
  },
  {
    format: 'conntrack',
    text: '[1711700000.123456] [NEW] tcp 6 120 SYN_SENT src=10.0.15.42 dst=93.184.216.34 sport=45678 dport=80',
    en: 'expected an original and a reply tuple (src=… dst=… twice)',
    ja: '元の方向と応答の方向の 2 組のタプルが必要です（src=… dst=… が 2 回）',
  },
  {
    format: 'generic-csv',
    text: `${GENERIC_HEADER}\nassign,2026-03-28T10:00:00,,2001:db8::/56,,,,acct`,
    en: 'field start: "2026-03-28T10:00:00" has no UTC offset or zone; ingest with --zone ZONE',
    ja: '項目 start: "2026-03-28T10:00:00": UTC からの時差もタイムゾーンもありません。--zone ZONE を指定して取り込んでください',
  },
  {
    format: 'generic-csv',
    text: `${GENERIC_HEADER}\nnat,1774660000,,x,40192,40447,100.64.3.9,`,
    en: 'field address: not an IPv4 address: "x"',
    ja: '項目 address: IPv4 アドレスではありません: "x"',
  },
  {
    format: 'generic-csv',
    text: `${GENERIC_HEADER}\nassign,,,2001:db8::/56,,,,acct`,
    en: 'field start: empty',
    ja: '項目 start: 空です',
  },
  {
    format: 'generic-csv',
    text: 'type,start,end,address',
    en: `header lacks column(s) port_low, port_high, inside_address, account; expected ${GENERIC_HEADER}`,
    ja: `ヘッダーに列 port_low, port_high, inside_address, account がありません（必要な列: ${GENERIC_HEADER}）`,
  },
];

test('every parser refuses a bad line in Japanese and in its unchanged English', () => {
  const formats = new Set<LogFormat>();
  for (const c of CASES) {
    const r = firstRefusal(c.format, c.text, c.zone);
    assert.ok(r, `${c.format}: the line was not refused`);
    assert.equal(r.en, c.en, c.format);
    assert.equal(r.ja, c.ja, c.format);
    assertJapanese(r.ja);
    formats.add(c.format);
  }
  assert.equal(formats.size, 9, 'one refused line for each parser');
});

test('the subscriber directory refuses in both languages; its times are asked for an offset, not --zone', () => {
  const cols = parseSubscriberHeader(SUBSCRIBER_COLUMNS.join(','));
  const refusal = (line: string) => {
    try {
      parseSubscriberLine(cols, line);
    } catch (err) {
      if (!(err instanceof ParseError)) throw err;
      assertJapanese(err.ja);
      return { ja: err.ja, en: err.en };
    }
    assert.fail(`not refused: ${line}`);
  };
  assert.deepEqual(refusal(',n,k,a,b,p,e,,'), { ja: '項目 account: 空です', en: 'field account: empty' });
  const noOffset = refusal('acct,n,k,a,b,p,e,2026-03-28T10:00:00,');
  assert.equal(
    noOffset.en,
    'field contract_start: "2026-03-28T10:00:00" has no UTC offset or zone; write the offset (e.g. +09:00 or Z)',
  );
  assert.equal(
    noOffset.ja,
    '項目 contract_start: "2026-03-28T10:00:00": UTC からの時差もタイムゾーンもありません。時差を書いてください（例: +09:00 または Z）',
  );
  const ended = refusal('acct,n,k,a,b,p,e,2026-03-01,2026-02-01');
  assert.equal(ended.ja, '項目 contract_end: "2026-02-01" が contract_start "2026-03-01" より後ではありません');
  assert.throws(
    () => parseSubscriberHeader('account,name'),
    (e: unknown) => e instanceof ParseError && e.ja.startsWith('ヘッダーに列 name_kana, ') && e.ja.includes('必要な列'),
  );
});

test('a NAT configuration and a lookup have no --zone: their times without an offset are asked for one', () => {
  assert.throws(
    () => parseQueryInstant('2026-03-29T01:30:12'),
    (e: unknown) => e instanceof TimeError && /write the offset/.test(e.en) && !/--zone/.test(e.en + e.ja),
  );
  const config = {
    name: 'x',
    insidePrefix: '100.64.0.0/30',
    outside: ['192.0.2.1'],
    portsPerSubscriber: 1000,
    firstPort: 1024,
    validFrom: '2026-01-01T00:00:00',
  };
  assert.throws(
    () => parseNatConfigs([config]),
    (e: unknown) => e instanceof NatConfigError && /write the offset/.test(e.message) && !/--zone/.test(e.message),
  );
});

test('a NAT configuration is refused in Japanese and English, naming the place in the file', () => {
  const good = {
    name: 'det-1',
    insidePrefix: '100.64.0.0/30',
    outside: ['192.0.2.1'],
    portsPerSubscriber: 1000,
    firstPort: 1024,
    validFrom: '2026-01-01T00:00:00+09:00',
  };
  const refusal = (json: unknown): NatConfigError => {
    try {
      parseNatConfigs(json);
    } catch (err) {
      assert.ok(err instanceof NatConfigError);
      assert.equal(err.message, err.en, 'message stays the English');
      assertJapanese(err.ja);
      return err;
    }
    assert.fail('the configuration was taken');
  };
  const cases: Array<[unknown, RegExp]> = [
    [[{ ...good, outside: ['2001:db8::1'] }], /configs\[0\] \(det-1\)\.outside: .*"2001:db8::1"/],
    [[{ ...good, insidePrefix: 'x' }], /configs\[0\] \(det-1\)\.insidePrefix: .*"x"/],
    [[{ ...good, portsPerSubscriber: 65000, firstPort: 1024 }], /configs\[0\] \(det-1\): .*65000/],
    [[{ ...good, insidePrefix: '100.64.0.0/16' }], /65536/],
    [[{ ...good, validTo: '2025-01-01T00:00:00+09:00' }], /configs\[0\] \(det-1\)\.validTo/],
    [[{ ...good, firstPort: 'low' }], /^configs\[0\] \(det-1\)\.firstPort: /],
    [
      { configs: [good, { ...good, name: 'det-2', portsPerSubscriber: 0 }] },
      /^configs\[1\] \(det-2\)\.portsPerSubscriber: /,
    ],
    [{ ...good, firstPort: 70000 }, /^firstPort: /],
  ];
  for (const [json, where] of cases) {
    const err = refusal(json);
    assert.match(err.en, where);
    assert.match(err.ja, where);
  }
  assert.doesNotThrow(() => parseNatConfigs([good]));
  // A key beside `configs` (a comment) is taken, as it always was.
  assert.equal(parseNatConfigs({ configs: [good], comment: 'tokyo' }).length, 1);
  // The file as a whole is said in words, never as a path.
  const whole = refusal('a string');
  assert.match(whole.ja, /^ファイル全体: /);
  assert.match(whole.en, /^the file: /);
});
