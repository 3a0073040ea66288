// A prefix with bits set after its length (`2001:db8:1200:ab::/56`, `203.0.113.9/24`) in a log was masked
// silently to another block (or widened to the whole subnet): every address of that block nobody else held
// then would have named the line's holder. Each format that reads a length now refuses such a line as it
// refuses any bad line — line, field, the value written, the aligned block, in Japanese and English — and
// an ingest stores nothing of the refused record.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { ingestFiles, StrictStop } from '../../src/attribution/ingest.ts';
import { Batch, ParseError } from '../../src/attribution/model.ts';
import { NatConfigError, parseNatConfigs } from '../../src/attribution/nat-config.ts';
import { createParser, type LogFormat } from '../../src/attribution/parsers/index.ts';
import { freshLocation, testDialects } from '../support/dialects.ts';
import { B, parseText } from './helpers.ts';
import { openAttribution } from './setup.ts';

/** The first refusal met reading `lines`, with both languages (parseText keeps the English only). */
function refusalOf(format: LogFormat, lines: string[]): ParseError {
  const parser = createParser(format, {});
  const batch = new Batch();
  try {
    lines.forEach((l, i) => {
      parser.line(l, i + 1, batch);
    });
    parser.finish(batch);
  } catch (err) {
    if (err instanceof ParseError) return err;
    throw err;
  }
  assert.fail('every line was taken');
}

const ALICE_EN =
  'Delegated-IPv6-Prefix: "2001:db8:1200:ab::/56" has bits set after /56: ' +
  'write 2001:db8:1200::/56 for the prefix, or 2001:db8:1200:ab:: for the address';
const ALICE_JA =
  'Delegated-IPv6-Prefix: "2001:db8:1200:ab::/56" は /56 より後ろのビットが立っています。' +
  'プレフィックスなら 2001:db8:1200::/56、アドレスなら 2001:db8:1200:ab:: と書いてください';
const BOB_EN =
  'Framed-IP-Address: "203.0.113.9/24" has bits set after /24: ' +
  'write 203.0.113.0/24 for the prefix, or 203.0.113.9 for the address';

const radiusRecord = (user: string, attrs: string[], status = 'Start'): string =>
  `Sun Mar 29 01:00:00 2026\n\tAcct-Status-Type = ${status}\n\tUser-Name = "${user}"\n` +
  `${attrs.map((a) => `\t${a}\n`).join('')}\tAcct-Session-Id = "s-${user}"\n\tTimestamp = ${B}\n\n`;

const RADIUS =
  radiusRecord('alice', ['Framed-IP-Address = 100.64.1.1', 'Delegated-IPv6-Prefix = 2001:db8:1200:ab::/56']) +
  radiusRecord('bob', ['Framed-IP-Address = 203.0.113.9/24']) +
  radiusRecord('carol', ['Framed-IP-Address = 100.64.1.3', 'Delegated-IPv6-Prefix = 2001:db8:1300::/56']);

test('radius-detail: a misaligned prefix refuses its record, naming the attribute, the value and the block', () => {
  const { batch, errors } = parseText('radius-detail', RADIUS);
  assert.deepEqual(
    errors.map((e) => e.line),
    [1, 9],
  );
  assert.deepEqual(
    errors.map((e) => e.reason),
    [ALICE_EN, BOB_EN],
  );
  // none of alice's addresses is stored (not even her aligned Framed-IP-Address), nor bob's subnet
  assert.deepEqual(
    batch.assigns.map((a) => a.account),
    ['carol', 'carol'],
  );
  assert.equal(refusalOf('radius-detail', RADIUS.split('\n')).ja, ALICE_JA);
});

const KEA6_HEADER =
  'address,duid,valid_lifetime,expire,subnet_id,pref_lifetime,lease_type,iaid,prefix_len,fqdn_fwd,fqdn_rev,' +
  'hostname,hwaddr,state,user_context,hwtype,hwaddr_source,pool_id';
const kea6Lease = (address: string, duid: string): string =>
  `${address},${duid},7200,${B + 7200},1,3600,2,2,56,0,0,,,0,,1,1,0`;

test('kea6: a delegated prefix with bits set after prefix_len is refused, not masked', () => {
  const lines = [
    KEA6_HEADER,
    kea6Lease('2001:db8:3400:1::', '00:01:00:01:aa'),
    kea6Lease('2001:db8:3500::', '00:01:00:01:bb'),
  ];
  const { batch, errors } = parseText('kea6', lines.join('\n'));
  assert.deepEqual(errors, [
    {
      line: 2,
      reason: 'field address: "2001:db8:3400:1::/56" has bits set after /56: the aligned block is 2001:db8:3400::/56',
    },
  ]);
  assert.deepEqual(
    batch.assigns.map((a) => `${a.plen} ${a.account}`),
    ['56 00:01:00:01:bb'],
  );
  const err = refusalOf('kea6', lines);
  assert.equal(
    err.ja,
    '項目 address: "2001:db8:3400:1::/56" は /56 より後ろのビットが立っています。揃ったブロックは 2001:db8:3400::/56 です',
  );
});

test('generic-csv: an address with its subnet length is refused in both languages, naming both readings', () => {
  const lines = [
    'type,start,end,address,port_low,port_high,inside_address,account',
    'assign,2026-03-29T00:00:00+09:00,2026-03-29T03:00:00+09:00,2001:db8:1200:ab::1/56,,,,user43',
  ];
  const err = refusalOf('generic-csv', lines);
  assert.equal(
    err.en,
    'field address: "2001:db8:1200:ab::1/56" has bits set after /56: ' +
      'write 2001:db8:1200::/56 for the prefix, or 2001:db8:1200:ab::1 for the address',
  );
  assert.match(err.ja, /^項目 address: .*プレフィックスなら 2001:db8:1200::\/56、アドレスなら 2001:db8:1200:ab::1/);
});

test('nat-config: a misaligned inside or outside prefix refuses the file, naming the place and the block', () => {
  const good = {
    name: 'det-1',
    insidePrefix: '100.64.0.0/30',
    outside: ['192.0.2.0/31'],
    portsPerSubscriber: 1000,
    firstPort: 1024,
    validFrom: '2026-01-01T00:00:00+09:00',
  };
  assert.equal(parseNatConfigs([good]).length, 1);
  const cases: Array<[unknown, string, string]> = [
    [
      [{ ...good, insidePrefix: '100.64.0.1/30' }],
      'configs[0] (det-1).insidePrefix: "100.64.0.1/30" has bits set after /30: ' +
        'write 100.64.0.0/30 for the prefix, or 100.64.0.1 for the address',
      'configs[0] (det-1).insidePrefix: "100.64.0.1/30" は /30 より後ろのビットが立っています。' +
        'プレフィックスなら 100.64.0.0/30、アドレスなら 100.64.0.1 と書いてください',
    ],
    [
      [{ ...good, outside: ['192.0.2.1/31'] }],
      'configs[0] (det-1).outside: "192.0.2.1/31" has bits set after /31: ' +
        'write 192.0.2.0/31 for the prefix, or 192.0.2.1 for the address',
      'configs[0] (det-1).outside: "192.0.2.1/31" は /31 より後ろのビットが立っています。' +
        'プレフィックスなら 192.0.2.0/31、アドレスなら 192.0.2.1 と書いてください',
    ],
  ];
  for (const [json, en, ja] of cases) {
    assert.throws(
      () => parseNatConfigs(json),
      (e: unknown) => e instanceof NatConfigError && e.en === en && e.ja === ja,
    );
  }
});

for (const dialect of testDialects()) {
  describe(`a misaligned prefix at ingest on ${dialect}`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'shokai-misaligned-'));
    after(() => rmSync(dir, { recursive: true, force: true }));

    test('the record is skipped and reported, nothing of it stored; --strict stops before storing', async () => {
      const loc = await freshLocation(dialect, dir);
      const opened = await openAttribution(loc.location);
      try {
        const file = join(dir, 'detail');
        writeFileSync(file, RADIUS);
        await assert.rejects(
          ingestFiles(opened.repo, [file], { format: 'radius-detail', strict: true }),
          (e: unknown) => e instanceof StrictStop && e.error.line === 1 && e.error.reasonJa === ALICE_JA,
        );
        assert.equal((await opened.repo.stats()).assigns, 0);
        const s = await ingestFiles(opened.repo, [file], { format: 'radius-detail' });
        assert.deepEqual(
          s.errors.map((e) => [e.line, e.reason]),
          [
            [1, ALICE_EN],
            [9, BOB_EN],
          ],
        );
        assert.equal(s.errors[0]!.reasonJa, ALICE_JA);
        assert.deepEqual([s.ingested, s.skipped], [1, 2]);
        // carol's two holdings only
        assert.equal((await opened.repo.stats()).assigns, 2);

        // a file whose only record is refused is not kept as ingested
        const lone = join(dir, 'lone-detail');
        writeFileSync(lone, radiusRecord('dave', ['Framed-IPv6-Prefix = 2001:db8:ff00:10::1/64']));
        const l = await ingestFiles(opened.repo, [lone], { format: 'radius-detail' });
        assert.deepEqual([l.ingested, l.skipped, l.nothingStored], [0, 1, [lone]]);
        assert.equal((await opened.repo.stats()).assigns, 2);
      } finally {
        await opened.close();
        await loc.drop();
      }
    });
  });
}
