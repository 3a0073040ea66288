// The audit log across requests says each entry in the words of its request's kind, on SQLite and PostgreSQL:
// a civil disclosure's steps as the lawyer's (弁護士の署名に回す, 署名して請求する, signed by counsel and the law
// office), an inquiry's as the police's (決裁に回す, 決裁する) — in the API's entries (each names its request's
// kind), the CSV export and the command line's listing, in Japanese and English.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { AuditLogPage } from '../../src/audit/audit-search.ts';
import { auditListLines } from '../../src/cli/audit-list.ts';
import { parseCsv } from '../support/csv.ts';
import { testDialects } from '../support/dialects.ts';
import { type Client, hubHooks } from '../support/exchange.ts';

/** The "what was done" cell of each of an export's entries. */
const whatWasDone = (csv: string): string[] =>
  parseCsv(csv)
    .slice(1)
    .map((row) => row[5] ?? '');
/** The details cells of an export's entries, as one text. */
const detailsOf = (csv: string): string =>
  parseCsv(csv)
    .slice(1)
    .map((row) => row[7] ?? '')
    .join('\n');

for (const dialect of testDialects()) {
  describe(`the audit log in the words of each request's kind (${dialect})`, () => {
    const hub = hubHooks(dialect);
    let oversight: Client;
    const reference = { civil: '', inquiry: '' };

    before(async () => {
      oversight = await hub.as('auditor'); // the oversight body's auditor reads the whole log
      const rows = await hub.ctx.store.db.selectFrom('requests').select(['reference', 'kind', 'state']).execute();
      const civil = rows.find((r) => r.kind === 'civil_disclosure' && r.reference !== null);
      const inquiry = rows.find((r) => r.kind === 'inquiry' && r.reference !== null && r.state !== 'draft');
      reference.civil = civil?.reference ?? assert.fail('the demo files a civil disclosure');
      reference.inquiry = inquiry?.reference ?? assert.fail('the demo issues an inquiry');
    });

    const page = async (request: string): Promise<AuditLogPage> => {
      const r = await oversight.call<AuditLogPage>('GET', `/v1/audit/entries?${new URLSearchParams({ request })}`);
      assert.equal(r.status, 200, JSON.stringify(r.body));
      return r.body;
    };
    const file = async (request: string, lang: 'ja' | 'en'): Promise<string> => {
      const query = new URLSearchParams({ request, lang, zone: 'Asia/Tokyo' });
      const r = await oversight.call<string>('GET', `/v1/audit/export?${query}`);
      assert.equal(r.status, 200, String(r.body));
      return String(r.body);
    };
    const csv = async (request: string, lang: 'ja' | 'en'): Promise<string[]> => whatWasDone(await file(request, lang));

    test("a civil disclosure's steps in the lawyer's words: the entries, the CSV, the command line", async () => {
      const civil = await page(reference.civil);
      const steps = civil.items.filter((e) => e.action === 'request.transition');
      assert.ok(steps.length >= 2, 'the demo submits and files it');
      for (const e of civil.items) assert.equal(e.request?.kind, 'civil_disclosure', `#${e.seq} names its kind`);

      const ja = await csv(reference.civil, 'ja');
      assert.ok(ja.includes('弁護士の署名に回す（作成中 → 弁護士の署名待ち）'), ja.join(' | '));
      assert.ok(ja.includes('署名して請求する（弁護士の署名待ち → 請求済み）'), ja.join(' | '));
      assert.ok(ja.includes('電子署名（代理人弁護士・法律事務所）'), ja.join(' | '));
      assert.ok(ja.includes('作成'), 'written, not 起案');
      for (const what of ja) assert.doesNotMatch(what, /決裁|起案|照会の閲覧/, what);
      const en = await csv(reference.civil, 'en');
      assert.ok(en.includes("Send for the lawyer's signature (Being written → Awaiting the lawyer's signature)"));
      assert.ok(en.includes("Sign and file (Awaiting the lawyer's signature → Filed)"), en.join(' | '));
      assert.ok(en.includes('Signed (counsel and law office)'), en.join(' | '));
      for (const what of en) assert.doesNotMatch(what, /approv/i, what);
      // The signature's details name counsel's key and the law office's, not an approver's and a unit's.
      const details = detailsOf(await file(reference.civil, 'ja'));
      assert.match(details, /代理人弁護士の鍵: SHA-256/);
      assert.match(details, /法律事務所の鍵: SHA-256/);
      assert.doesNotMatch(details, /決裁|所属の鍵|照会機関/);
      const detailsEn = detailsOf(await file(reference.civil, 'en'));
      assert.match(detailsEn, /Counsel's key: SHA-256/);
      assert.doesNotMatch(detailsEn, /Approver|Unit's key/);

      const lines = auditListLines(civil, 'Asia/Tokyo', 'ja').join('\n');
      assert.match(lines, /署名して請求する（弁護士の署名待ち → 請求済み）/);
      assert.doesNotMatch(lines, /決裁|起案/);
      const linesEn = auditListLines(civil, 'Asia/Tokyo', 'en').join('\n');
      assert.match(linesEn, /Sign and file \(Awaiting the lawyer's signature → Filed\)/);
      assert.doesNotMatch(linesEn, /approv/i);
    });

    test("an inquiry's steps stay in the police's words", async () => {
      const inquiry = await page(reference.inquiry);
      for (const e of inquiry.items) assert.equal(e.request?.kind, 'inquiry');
      const ja = await csv(reference.inquiry, 'ja');
      assert.ok(ja.includes('決裁に回す（起案中 → 決裁待ち）'), ja.join(' | '));
      assert.ok(ja.includes('決裁する（決裁待ち → 発出済み）'), ja.join(' | '));
      assert.ok(ja.includes('電子署名（決裁者・所属）'), ja.join(' | '));
      const en = await csv(reference.inquiry, 'en');
      assert.ok(en.includes('Approve (Awaiting approval → Issued)'), en.join(' | '));
      const lines = auditListLines(inquiry, 'Asia/Tokyo', 'ja').join('\n');
      assert.match(lines, /決裁する（決裁待ち → 発出済み）/);
      assert.match(lines, /決裁者の鍵: SHA-256/);
    });
  });
}
