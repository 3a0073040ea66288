// A document printed when the directory holds no name for the issuing agency, its unit, the court or the
// addressed provider: the page says so in words (（所属名不明）, (unit name unknown)…) and how the signer is
// known instead (the key
// fingerprints printed with the signatures) — never the raw ids that used to stand in their place (layout 7).
// A document of an earlier layout is rendered as its release printed it, so it still verifies.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DOCUMENT_LAYOUT } from '../../src/documents/constants.ts';
import { documentFont } from '../../src/documents/font.ts';
import { type DocumentData, DocumentDataSchema } from '../../src/documents/model.ts';
import { renderDocument } from '../../src/documents/render.ts';
import { verifyDocument } from '../../src/documents/verify.ts';
import { testDialects } from '../support/dialects.ts';
import { type Client, signInAll, startHub, type TestHub } from '../support/exchange.ts';
import { goldenInputs } from './golden.ts';
import { approvedBoardInquiry, removeRows } from './lost-rows.ts';
import { documentOf, flat, httpCall, readBack } from './support.ts';

/** The ids of the organisations and unit a document names: none may be printed. */
function idsOf(d: DocumentData): string[] {
  const p = d.envelope.payload;
  const content = p.content as { warrant?: { courtOrganisationId?: string } };
  return [
    p.agencyOrganisationId,
    p.unitId,
    ...(p.providerOrganisationId ? [p.providerOrganisationId] : []),
    ...(content.warrant?.courtOrganisationId ? [content.warrant.courtOrganisationId] : []),
  ];
}

describe('a document whose names the directory did not hold', () => {
  for (const [name, input] of goldenInputs()) {
    test(`${name}: the names in words and the note, no raw id; it verifies`, async () => {
      const data = DocumentDataSchema.parse({
        ...(input as object),
        layout: DOCUMENT_LAYOUT,
        names: { ...(input as DocumentData).names, agency: null, unit: null, provider: null, court: null },
      });
      const pdf = await renderDocument(data, documentFont());
      const text = flat(readBack(pdf).text);
      if (name !== 'mlat_letter' && name !== 'opinion') assert.match(text, /（機関名不明）（所属名不明）/);
      if (name !== 'mlat_letter') assert.match(text, /（事業者名不明）/);
      assert.match(text, /名称不明:印刷時のディレクトリに.*名称の記録がありませんでした.*鍵の指紋で特定できます/);
      if (name === 'mlat_letter') {
        assert.match(text, /therequestingagency\(nameunknown\)requeststheassistance/);
        assert.match(text, /\(agencynameunknown\),\(unitnameunknown\)/);
        assert.match(text, /Nameunknown:thedirectoryheldnoname/);
      }
      if (name === 'warrant_summary') {
        // Layout 7 credits the court's key, not a name, with the warrant; the name stands in item 3 and the block.
        assert.match(text, /下記の令状は、鍵SHA-256[0-9a-f]+（令状を発付した裁判官の認証器）の電子署名により/);
        assert.match(text, /発付した裁判所（裁判所名不明）/);
        assert.match(text, /裁判所（裁判所名不明）ECDSAP-256（WebAuthnの認証器\/passkey）鍵SHA-256/);
      }
      for (const id of idsOf(data)) assert.ok(!flat(text).includes(id), `${name}: ${id} printed`);
      assert.doesNotMatch(text, /org_|unit_/);
      const report = await verifyDocument(pdf, documentFont());
      assert.equal(report.ok, true, JSON.stringify(report.checks));
    });
  }

  test('only from layout 7 may a name be null; an earlier layout printed the court as before', async () => {
    const input = goldenInputs().get('warrant_summary') as DocumentData;
    const parsed = DocumentDataSchema.safeParse({ ...input, layout: 6, names: { ...input.names, unit: null } });
    assert.equal(parsed.success, false);
    const six = DocumentDataSchema.parse({ ...input, layout: 6, names: { ...input.names, court: null } });
    const text = flat(readBack(await renderDocument(six, documentFont())).text);
    assert.doesNotMatch(text, /名不明/, 'layout 6 pages stay as printed');
  });
});

for (const dialect of testDialects()) {
  describe(`a request printed after its agency and unit left the directory (${dialect})`, () => {
    let hub: TestHub;
    let legal: Client;
    let id: string;
    let gone: string[];
    before(async () => {
      hub = await startHub(dialect);
      const [sato, tanaka, boardLegal] = await signInAll(hub, 'sato', 'tanaka', 'board.legal');
      legal = boardLegal;
      id = await approvedBoardInquiry(hub, sato, tanaka, '令和8年 第79号 脅迫被疑事件');
      const row = await hub.ctx.store.db
        .selectFrom('requests')
        .select(['agency_organisation_id', 'unit_id'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      gone = [row.agency_organisation_id, row.unit_id];
      await removeRows(hub.ctx.store, 'units', [row.unit_id]);
      await removeRows(hub.ctx.store, 'organisations', [row.agency_organisation_id]);
    });
    after(async () => hub.close());

    test('the provider prints it: the names in words where they were, and no id', async () => {
      const r = await documentOf(hub.url, legal.token, id, 'inquiry');
      assert.equal(r.status, 200, r.bytes.toString('utf8').slice(0, 300));
      const text = flat(readBack(new Uint8Array(r.bytes)).text);
      assert.match(text, /（機関名不明）（所属名不明）/, 'the issuer: agency and unit');
      assert.match(text, /所属（所属名不明）Ed25519鍵SHA-256/, "the unit's signature, known by its key");
      assert.match(text, /鍵の指紋で特定できます/);
      for (const rowId of gone) assert.ok(!text.includes(rowId), `no ${rowId} on the page`);
      assert.doesNotMatch(text, /org_|unit_/);
    });

    test('offline it lists the names as printed unknown; the hub says its directory lacks them too', async () => {
      const r = await documentOf(hub.url, legal.token, id, 'inquiry');
      const pdf = new Uint8Array(r.bytes);
      const off = await verifyDocument(pdf, documentFont());
      assert.equal(off.ok, true, JSON.stringify(off.checks));
      assert.ok(off.unsigned.some((u) => /所属の名称は.*記録がなく「（所属名不明）」と印字されています/.test(u.ja)));
      const at = await httpCall(hub.url, legal.token, 'POST', '/v1/documents/verify', {
        pdf: Buffer.from(pdf).toString('base64'),
      });
      assert.equal(at.status, 200, at.bytes.toString('utf8'));
      const report = JSON.parse(at.bytes.toString('utf8')) as {
        checks: Array<{ check: string; result: string; message: { ja: string; en: string } }>;
      };
      const d = report.checks.find((c) => c.check === 'directory');
      assert.equal(d?.result, 'fail', JSON.stringify(report.checks));
      assert.match(
        d?.message.ja ?? '',
        /所属の名称: 印字は「（所属名不明）」で、この shokai の鍵の一覧（ディレクトリ）にも該当する所属/,
      );
      assert.match(
        d?.message.en ?? '',
        /the issuing organisation's name: printed "\(agency name unknown\)", and this shokai's directory holds no such/,
      );
    });
  });
}
