// Layout 5: what a provider's legal officer needs on paper to check a request by calling the issuing unit
// back (the unit, the officer in charge, the number as the directory holds it, or words that it has none),
// and no Markdown on paper: no document of any kind prints a backtick.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { documentFont } from '../../src/documents/font.ts';
import { DOCUMENT_LAYOUT, DocumentDataSchema } from '../../src/documents/model.ts';
import { renderDocument } from '../../src/documents/render.ts';
import { verifyDocument } from '../../src/documents/verify.ts';
import { DOCUMENT_TYPES } from '../../src/domain/vocabulary.ts';
import { goldenInputs, renderGolden } from './golden.ts';
import { flat, readBack } from './support.ts';

const input = (name: string): Record<string, unknown> => {
  const found = goldenInputs().get(name);
  assert.ok(found, `golden input ${name}`);
  return found as Record<string, unknown>;
};

test('the 照会書 names the issuing unit, the officer in charge and the call-back number', async () => {
  const text = flat(readBack((await renderGolden(input('inquiry'))).pdf).text);
  assert.match(text, /警視庁サイバー犯罪対策課第一係/);
  assert.match(text, /担当者佐藤巡査部長電話03-0000-0110（\+81300000110）/);
});

test('the preservation request and the warrant summary name the contact too', async () => {
  for (const name of ['preservation', 'warrant_summary']) {
    const text = flat(readBack((await renderGolden(input(name))).pdf).text);
    assert.match(text, /担当者佐藤巡査部長電話03-0000-0110（\+81300000110）/, name);
  }
});

test('the MLAT letter names the contact in English and in its Japanese original', async () => {
  const text = flat(readBack((await renderGolden(input('mlat_letter'))).pdf).text);
  assert.match(text, /Officerincharge:佐藤巡査部長;call-backtelephone:03-0000-0110\(\+81300000110\)/);
  assert.match(text, /担当者佐藤巡査部長電話03-0000-0110（\+81300000110）/);
});

test('where the directory has no number, the document says so in words', async () => {
  const data = DocumentDataSchema.parse({
    ...input('inquiry'),
    layout: DOCUMENT_LAYOUT,
    contact: { officer: '佐藤 巡査部長', phone: null },
  });
  const text = flat(readBack(await renderDocument(data, documentFont())).text);
  assert.match(text, /担当者佐藤巡査部長電話登録なし（所属の公表されている番号で確認してください）/);
});

test('no document of any kind prints a backtick; each says in words how to verify', async () => {
  const names = [...goldenInputs().keys()].sort();
  const types = [...new Set(names.map((n) => input(n).type))].sort();
  assert.deepEqual(types, [...DOCUMENT_TYPES].sort(), 'a golden input of every document kind');
  for (const name of names) {
    const text = readBack((await renderGolden(input(name))).pdf).text;
    assert.doesNotMatch(text, /`/, `${name}: no Markdown on paper`);
    assert.match(flat(text), /shokaiの検証コマンド（shokaidocumentverifyファイル名）/, name);
  }
});

test('beside the printed number the page says it is not signed: check the unit number independently', async () => {
  for (const name of ['inquiry', 'preservation', 'warrant_summary', 'mlat_letter']) {
    const text = flat(readBack((await renderGolden(input(name))).pdf).text);
    // (the MLAT letter's Japanese original breaks the page inside the note: its foot interleaves)
    assert.match(text, /電話03-0000-0110（\+81300000110）（署名の対象外です。所属の公表/, name);
  }
  const en = flat(readBack((await renderGolden(input('mlat_letter'))).pdf).text);
  assert.match(en, /03-0000-0110\(\+81300000110\)\(notsigned;checktheunit'snumberfromasourceyoufindyourself\)/);
});

test('verify names the contact as unsigned data, in both languages', async () => {
  const report = await verifyDocument((await renderGolden(input('inquiry'))).pdf, documentFont());
  assert.equal(report.ok, true);
  const contact = report.unsigned.filter((u) => /担当者と電話番号/.test(u.ja));
  assert.equal(contact.length, 1, JSON.stringify(report.unsigned));
  assert.match(contact[0]?.ja ?? '', /担当者と電話番号は署名の対象外です/);
  assert.match(contact[0]?.en ?? '', /call-back number are not signed/);
  // Words for the page and the CLI: not the embedded data's key (`contact`).
  for (const u of report.unsigned) assert.doesNotMatch(`${u.ja} ${u.en}`, /contact/);
});

test('a drafting officer whose user record is gone is printed 不明 / unknown, never a raw user id', async () => {
  for (const name of ['inquiry', 'mlat_letter']) {
    const data = DocumentDataSchema.parse({
      ...input(name),
      layout: DOCUMENT_LAYOUT,
      contact: { officer: null, phone: '+81300000110' },
    });
    const text = flat(readBack(await renderDocument(data, documentFont())).text);
    assert.match(text, /担当者不明電話03-0000-0110/, name);
    if (name === 'mlat_letter') assert.match(text, /Officerincharge:unknown;/);
    assert.doesNotMatch(text, /usr_/, name);
  }
});
