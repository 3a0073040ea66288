// E-mail header analysis through the API: an audited use case, with bad input refused at the door,
// and an answer that always fits the schema the API documents.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { analyzeMessage } from '../../src/evidence/mail/analyze.ts';
import { analyzeAndVerify } from '../../src/evidence/mail/check.ts';
import { parseDnsRecords } from '../../src/evidence/mail/dns-records.ts';
import { MailAnalysisSchema } from '../../src/evidence/mail/schema.ts';
import { auditEntries } from '../support/audit.ts';
import { hubHooks } from '../support/exchange.ts';
import type { ApiError, MailAnalysis } from '../support/replies.ts';
import { makeKeys, recordsText, signedMessage } from './mail-signed.ts';

const FIXTURES = join(import.meta.dirname, 'fixtures');
const mails = readdirSync(FIXTURES).filter((f) => f.endsWith('.eml'));

test('every analysis fits the schema the API documents', () => {
  assert.ok(mails.length >= 5);
  for (const f of mails) MailAnalysisSchema.parse(analyzeMessage(readFileSync(join(FIXTURES, f), 'utf8')));
});

describe('POST /v1/evidence/mail (sqlite)', () => {
  const hub = hubHooks('sqlite');

  test('an investigator gets the origin; the analysis is audited without the message', async () => {
    const sato = await hub.as('sato');
    const message = readFileSync(join(FIXTURES, 'postfix.eml'), 'utf8');
    const r = await sato.call<MailAnalysis>('POST', '/v1/evidence/mail', { message });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    const expected = await analyzeAndVerify(message, parseDnsRecords(''), { now: hub.ctx.clock() });
    assert.deepEqual(r.body, JSON.parse(JSON.stringify(expected)));
    const audit = await auditEntries(hub.ctx.store.db, 'evidence.mail_analyzed');
    assert.equal(audit.length, 1);
    assert.doesNotMatch(JSON.stringify(audit[0]?.details), /Received|@/);
    assert.match(audit[0]?.subjectId ?? '', /^[0-9a-f]{64}$/);
  });

  test('signatures are checked against the key records sent with the message, and only those', async () => {
    const sato = await hub.as('sato');
    const keys = makeKeys();
    const message = await signedMessage(keys);
    const r = await sato.call<MailAnalysis>('POST', '/v1/evidence/mail', { message, dnsRecords: recordsText(keys) });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    const v = r.body.authentication.verification;
    assert.deepEqual(
      v?.dkim.map((d) => d.verdict),
      ['pass', 'pass'],
    );
    assert.equal(v?.arc.verdict, 'pass');
    const none = await sato.call<MailAnalysis>('POST', '/v1/evidence/mail', { message });
    assert.deepEqual(
      none.body.authentication.verification?.dkim.map((d) => d.verdict),
      ['not_verified', 'not_verified'],
    );
    const bad = await sato.call<ApiError>('POST', '/v1/evidence/mail', { message, dnsRecords: 'x TXT "v=DKIM1; p=A"' });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.error.details?.field, 'dnsRecords');
    assert.match(bad.body.error.message.en, /line 1/);
  });

  test('bad input is refused naming the field; roles without the permission are refused', async () => {
    const sato = await hub.as('sato');
    const empty = await sato.call<ApiError>('POST', '/v1/evidence/mail', { message: '' });
    assert.equal(empty.status, 400);
    assert.equal(empty.body.error.details?.field, 'message');
    const extra = await sato.call<ApiError>('POST', '/v1/evidence/mail', { message: 'x', colour: 'red' });
    assert.equal(extra.body.error.code, 'UNKNOWN_FIELD');
    const judge = await hub.as('judge');
    assert.equal((await judge.call('POST', '/v1/evidence/mail', { message: 'Received: x' })).status, 403);
    const anonymous = await fetch(`${hub.url}/v1/evidence/mail`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"message":"x"}',
    });
    assert.equal(anonymous.status, 401);
  });
});
