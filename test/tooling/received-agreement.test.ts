import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { measureAgreement, readReceivedTable } from '../../scripts/received-agreement.ts';

// Tiny tables in the two formats the script reads, written here with documentation addresses; the
// real tables are other projects' files and never part of this repository.
const PERL = `#!/usr/bin/perl
use Test; BEGIN { plan tests => 6 };
my %data = (
  # skipped by the filter
  '(qmail 1 invoked by uid 500); 25 Nov 2026 10:00:00 -0000' =>
  '',

  'from pc.example.net (pc.example.net [192.0.2.10]) by mx.example.org with ESMTP id 1; 25 Nov 2026 12:00:05 +0900' =>
  '[ ip=192.0.2.10 rdns=pc.example.net helo=pc.example.net by=mx.example.org ident= envfrom= id=1 auth= msa=0 ]',

  #a comment between cases, and a comma instead of =>
  'from 198.51.100.7 by www.example.org with HTTP; Wed, 25 Nov 2026 12:00:05 +0900',
  '[ ip=198.51.100.7 rdns= helo= by=www.example.org ident= envfrom= id= auth=HTTP msa=0 ]',

  'from it\\'s.example.net ([2001:db8:0:0::25]) by mx.example.org with esmtp; Wed, 25 Nov 2026 12:00:05 +0900' =>
  '[ ip=2001:db8::25 rdns= helo= by=mx.example.org ident= envfrom= id= auth= msa=0 ]',

  'from somewhere.example.net by mx.example.org with SMTP; Wed, 25 Nov 2026 12:00:05 +0900' =>
  '[ ip=203.0.113.99 rdns= helo= by=mx.example.org ident= envfrom= id= auth= msa=0 ]',
);
foreach my $hdr (sort keys %data) { ok(1); }
`;

const LUA = `-- received tests
context("Received headers parser", function()
  local cases = {
    {[[from desk.example.net (unknown [IPv6:2001:db8::7])
\t(using TLSv1.3)
\tby mx.example.org (Postfix) with ESMTPS id 2]],
     {
       real_ip = '2001:db8::7',
       by_hostname = 'mx.example.org',
     }
    },
    {'from [192.0.2.44] (helo=desk) by mx.example.org with smtp id 3',
     {
       from_ip = '192.0.2.44',
       ['for'] = 'nobody@example.org',
     },
    },
    {[[from example.net ([]) by mx.example.org with ESMTP id 4]],
      {
        by_hostname = 'mx.example.org',
      },
    },
  }
  for i,c in ipairs(cases) do end
end)`;

describe('received agreement: reading the public tables', () => {
  it("SpamAssassin's Perl hash: pairs, skipped lines, comments, escaped quotes", () => {
    const { format, cases } = readReceivedTable(PERL);
    assert.equal(format, 'spamassassin');
    assert.equal(cases.length, 5);
    assert.deepEqual(cases[0], {
      header: '(qmail 1 invoked by uid 500); 25 Nov 2026 10:00:00 -0000',
      expected: null,
      skipped: true,
    });
    assert.equal(cases[2]?.expected, '198.51.100.7');
    assert.ok(cases[3]?.header.startsWith("from it's.example.net"));
    const r = measureAgreement(cases);
    assert.equal(r.compared, 4);
    assert.equal(r.skipped, 1);
    assert.equal(r.agreed, 3); // the IPv6 address agrees in canonical form
    assert.deepEqual(r.disagreements, [
      {
        header: 'from somewhere.example.net by mx.example.org with SMTP; Wed, 25 Nov 2026 12:00:05 +0900',
        expected: '203.0.113.99',
        got: null,
      },
    ]);
  });

  it("rspamd's Lua cases: long strings with folding, real_ip before from_ip, cases without an address", () => {
    const { format, cases } = readReceivedTable(LUA);
    assert.equal(format, 'rspamd');
    assert.equal(cases.length, 3);
    assert.ok(!cases[0]?.header.includes('\n'));
    assert.equal(cases[0]?.expected, '2001:db8::7');
    assert.equal(cases[1]?.expected, '192.0.2.44');
    assert.equal(cases[2]?.expected, undefined);
    const r = measureAgreement(cases);
    assert.equal(r.compared, 2);
    assert.equal(r.agreed, 2);
  });

  it('refuses a file that is neither table', () => {
    assert.throws(() => readReceivedTable('print "hello"\n'), /neither/);
  });
});
