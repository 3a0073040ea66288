// A reviewer's forgery: the names beside the signed identifiers and an opinion letter's deadline are embedded
// data, outside every signature. Edited in a genuine document's data and rendered again with the project's own
// renderer, the forgery passes the signatures and the page check offline — so the offline report must say, in
// words, that each of those printed values is not signed.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { documentFont } from '../../src/documents/font.ts';
import { DOCUMENT_LAYOUT, type DocumentData, DocumentDataSchema } from '../../src/documents/model.ts';
import { renderDocument } from '../../src/documents/render.ts';
import { verifyDocument } from '../../src/documents/verify.ts';
import { goldenInputs } from './golden.ts';

const dataOf = (name: string): DocumentData => {
  const found = goldenInputs().get(name);
  assert.ok(found, `golden input ${name}`);
  return DocumentDataSchema.parse({ ...(found as object), layout: DOCUMENT_LAYOUT });
};

/** The forger's steps: change the data, render it again with renderDocument, verify offline. */
async function forged(name: string, change: (d: DocumentData) => void) {
  const data = dataOf(name);
  change(data);
  return verifyDocument(await renderDocument(DocumentDataSchema.parse(data), documentFont()), documentFont());
}

const listed = (unsigned: Array<{ ja: string; en: string }>, ja: RegExp, en: RegExp): void => {
  assert.ok(
    unsigned.some((u) => ja.test(u.ja) && en.test(u.en)),
    `${ja} / ${en} among ${JSON.stringify(unsigned)}`,
  );
};

test('a warrant summary naming another court verifies offline; the report says the name is not signed', async () => {
  const r = await forged('warrant_summary', (d) => {
    d.names.court = { ja: '最高裁判所', en: 'Supreme Court' };
  });
  assert.equal(r.ok, true, 'offline, nothing signed was changed');
  listed(r.unsigned, /裁判所の名称「最高裁判所」は署名の対象外です/, /the court's name "Supreme Court" is not signed/);
  listed(r.unsigned, /決裁者の氏名「田中 課長」は署名の対象外/, /the approver's name "田中 課長" is not signed/);
  listed(r.unsigned, /事業者の名称「日本ネットワーク通信株式会社」/, /the provider's name/);
});

test('an inquiry letter with another approver and unit: both listed as unsigned, with the contact', async () => {
  const r = await forged('inquiry', (d) => {
    d.names.approver = '別人 警視';
    d.names.unit = { ja: '架空の係', en: 'A made-up section' };
  });
  assert.equal(r.ok, true);
  listed(
    r.unsigned,
    /決裁者の氏名「別人 警視」は署名の対象外です（署名されているのは署名者の識別子と鍵だけです）/,
    /approver/,
  );
  listed(r.unsigned, /所属の名称「架空の係」は署名の対象外/, /the unit's name "A made-up section" is not signed/);
  listed(r.unsigned, /発行機関の名称「警視庁」/, /the issuing organisation's name/);
  listed(r.unsigned, /担当者と電話番号は署名の対象外です/, /call-back number are not signed/);
  // In words for people: no key of the embedded data.
  for (const u of r.unsigned) assert.doesNotMatch(`${u.ja} ${u.en}`, /names\.|hearingDueAt|contact\b/);
});

test('an opinion letter with another provider, lawyer and deadline: each listed as unsigned', async () => {
  const r = await forged('opinion', (d) => {
    d.names.provider = { ja: '偽物掲示板株式会社', en: 'Fake Board K.K.' };
    d.names.approver = '弁護士 偽物 太郎';
    d.hearingDueAt = '2027-01-31T01:00:05.827Z';
  });
  assert.equal(r.ok, true);
  listed(r.unsigned, /事業者の名称「偽物掲示板株式会社」は署名の対象外/, /the provider's name "Fake Board K\.K\."/);
  listed(r.unsigned, /署名した弁護士の氏名「弁護士 偽物 太郎」は署名の対象外/, /the signing lawyer's name/);
  listed(
    r.unsigned,
    /意見照会の回答期限「令和9年（2027年）1月31日 10:00:05 \+09:00」は署名の対象外です/,
    /the hearing's reply deadline "31 January 2027 10:00:05 \+09:00" is not signed/,
  );
  // The opinion letter prints no call-back line: the contact is not listed for it.
  assert.ok(!r.unsigned.some((u) => /電話番号/.test(u.ja)), JSON.stringify(r.unsigned));
});

test('names the directory lacked (layout 7): listed in words as printed, never as a blank or an id', async () => {
  const r = await forged('warrant_summary', (d) => {
    d.names = { ...d.names, agency: null, unit: null, provider: null, court: null };
  });
  assert.equal(r.ok, true);
  listed(
    r.unsigned,
    /発行機関の名称は、印刷時の鍵の一覧（ディレクトリ）に記録がなく「（機関名不明）」と印字されています/,
    /the issuing organisation's name was not in the directory .* printed "\(agency name unknown\)"/,
  );
  listed(r.unsigned, /所属の名称は.*「（所属名不明）」と印字/, /the unit's name .* "\(unit name unknown\)"/);
  listed(r.unsigned, /事業者の名称は.*「（事業者名不明）」と印字/, /"\(provider name unknown\)"/);
  listed(
    r.unsigned,
    /裁判所の名称は.*「（裁判所名不明）」と印字.*裁判所の識別子と鍵だけです/,
    /"\(court name unknown\)"/,
  );
  for (const u of r.unsigned) assert.doesNotMatch(`${u.ja} ${u.en}`, /「」|""|org_|unit_/);
});
