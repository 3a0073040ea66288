// Layout 8, after reading the printed documents as their readers would: a key's fingerprint is never broken
// over two lines (the reader compares it with the directory by eye), the signature block stays on one page, the
// MLAT letter's Japanese original and the opinion letter's reply form start on a page of their own, and the MLAT
// letter's footer reads in English too. Offline, on the golden inputs.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { documentFont } from '../../src/documents/font.ts';
import { DOCUMENT_LAYOUT, type DocumentData, DocumentDataSchema } from '../../src/documents/model.ts';
import { renderDocument } from '../../src/documents/render.ts';
import { verifyDocument } from '../../src/documents/verify.ts';
import { goldenInputs } from './golden.ts';
import { readBack } from './support.ts';

const dataOf = (name: string): DocumentData => {
  const found = goldenInputs().get(name);
  assert.ok(found, `golden input ${name}`);
  return DocumentDataSchema.parse({ ...(found as object), layout: DOCUMENT_LAYOUT });
};
/** Each page's lines as poppler reads them (pdftotext -layout), blank lines dropped. */
const pagesOf = async (data: DocumentData): Promise<string[][]> =>
  readBack(await renderDocument(data, documentFont()))
    .text.split('\f')
    .map((page) => page.split('\n').filter((l) => l.trim() !== ''))
    .filter((page) => page.length > 0);

const NAMES = ['inquiry', 'preservation', 'warrant_summary', 'opinion', 'mlat_letter', 'answer'];
const WHOLE_KEY = /鍵 SHA-256 [0-9a-f]{4}( [0-9a-f]{4}){7}(\s|$)/;

test('every signer’s key fingerprint is printed whole on one line, an answer’s digest too', async () => {
  for (const name of NAMES) {
    const data = dataOf(name);
    const lines = (await pagesOf(data)).flat();
    const keyLines = lines.filter((l) => l.includes('鍵 SHA-256'));
    // The body of a warrant summary names the court's key once more, in its sentence; the block names each signer.
    const signers = data.signers.length + (data.answer ? 1 : 0);
    assert.ok(keyLines.length >= signers, `${name}: ${keyLines.length} lines name a key`);
    for (const l of keyLines.slice(-signers)) assert.match(l, WHOLE_KEY, `${name}: a key broken: ${l.trim()}`);
  }
  const answer = (await pagesOf(dataOf('answer'))).flat();
  assert.ok(
    answer.some((l) => /回答の SHA-256: [0-9a-f]{64}$/.test(l.trim())),
    'the answer’s SHA-256 on one line with its label',
  );
});

test('the signature block is on one page, from its heading to how to verify', async () => {
  for (const name of NAMES) {
    const pages = await pagesOf(dataOf(name));
    const start = pages.findIndex((p) => p.some((l) => l.includes('電子署名 / Electronic signatures')));
    assert.ok(start >= 0, `${name}: a signature block`);
    assert.ok(
      (pages[start] ?? []).some((l) => l.includes('印字と署名を照合できます。')),
      `${name}: the signature block runs on past page ${start + 1}`,
    );
  }
});

test('the MLAT letter’s Japanese original starts a page, and its footer reads in English too', async () => {
  const pages = await pagesOf(dataOf('mlat_letter'));
  const original = pages.findIndex((p) => (p[0] ?? '').trim() === '国際捜査共助要請書');
  assert.ok(original > 0, 'the Japanese original heads a page of its own');
  const english = pages.slice(0, original).flat();
  assert.ok(!english.some((l) => l.includes('担当者')), 'no line of the Japanese original on the English pages');
  for (const page of pages) {
    assert.ok(page.some((l) => /^Letter of request No\. SHK-\d{4}-\d{6}-MLA \/ 国際捜査共助要請書/.test(l.trim())));
    assert.ok(page.some((l) => /^Verification code \/ 検証コード [0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/.test(l.trim())));
  }
  const report = await verifyDocument(await renderDocument(dataOf('mlat_letter'), documentFont()), documentFont());
  assert.ok(report.ok, JSON.stringify(report.checks));
});

test('the opinion letter’s reply form is a page of its own, which the subscriber sends back', async () => {
  const pages = await pagesOf(dataOf('opinion'));
  const form = pages.findIndex((p) => (p[0] ?? '').trim() === '回答書（ご意見の回答）');
  assert.ok(form > 0, 'the reply form heads a page of its own');
  const formPage = pages[form] ?? [];
  assert.ok(formPage.some((l) => l.includes('□ 開示に同意します。')));
  assert.ok(
    formPage.some((l) => l.includes('氏名（名称）')),
    'the form’s name line is on the same page',
  );
  assert.ok(!formPage.some((l) => l.includes('契約者（発信者）')), 'the letter is not on the form’s page');
});
