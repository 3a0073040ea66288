// Layout 8, after reading the printed documents as their readers would: a key's fingerprint is never broken
// over two lines (the reader compares it with the directory by eye), the signature block stays on one page, the
// MLAT letter's Japanese original and the opinion letter's reply form start on a page of their own, and the MLAT
// letter's footer reads in English too; a printed instant (date, time, offset) is never broken over two lines, and
// the MLAT letter's signature block reads in English too. Offline, on the golden inputs.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sha256Hex } from '../../src/crypto/canonical.ts';
import { canonicalJson } from '../../src/crypto/canonical-json.ts';
import { documentFont } from '../../src/documents/font.ts';
import { Typesetter } from '../../src/documents/layout.ts';
import { LAYOUT_RULES } from '../../src/documents/layouts.ts';
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
// The MLAT letter names the key in English too: `鍵 / key SHA-256 …`.
const KEY = /鍵( \/ key)? SHA-256/;
const WHOLE_KEY = /鍵( \/ key)? SHA-256 [0-9a-f]{4}( [0-9a-f]{4}){7}(\s|$)/;

test('every signer’s key fingerprint is printed whole on one line, an answer’s digest too', async () => {
  for (const name of NAMES) {
    const data = dataOf(name);
    const lines = (await pagesOf(data)).flat();
    const keyLines = lines.filter((l) => KEY.test(l));
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

/** Every time of day printed on a line stands between its date and its offset: the instant is whole there. */
// A time of day as printed (the ISO form the requester wrote, 指定値, is checked whole on its own).
const TIME = /(?<!T)\d{2}:\d{2}:\d{2}/g;
const WRITTEN = /指定値 \d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})）/;
const instantsBroken = (lines: readonly string[]): string[] =>
  lines.filter(
    (l) =>
      Array.from(l.matchAll(TIME)).some((m) => {
        const before = l.slice(0, m.index);
        const after = l.slice(m.index + m[0].length);
        return !/(\d+日|[A-Z][a-z]+ \d{4}) $/.test(before) || !/^ [+-]\d{2}:\d{2}/.test(after);
      }) ||
      (l.includes('指定値') && !WRITTEN.test(l)),
  );

test('a printed instant — date, time and offset — stands whole on one line, in every document', async () => {
  for (const name of NAMES) {
    const lines = (await pagesOf(dataOf(name))).flat();
    assert.deepEqual(instantsBroken(lines), [], `${name}: an instant broken over two lines`);
  }
  // The target's time, the warrant summary's across a page break before, goes whole with its label.
  for (const name of ['preservation', 'warrant_summary']) {
    const pages = await pagesOf(dataOf(name));
    assert.ok(
      pages.some((p) => p.some((l) => l.includes('通信日時 令和8年（2026年）11月28日 10:00:00 +09:00（前後 1 秒）'))),
      `${name}: the target's 通信日時 and its instant on one line`,
    );
  }
});

test('the typesetter moves an instant whole to the next line, at any width', async () => {
  const ts = await Typesetter.create(
    documentFont(),
    { title: 'wrap', at: new Date('2026-12-01T00:00:00Z') },
    LAYOUT_RULES[8],
  );
  const instants = [
    '令和8年（2026年）11月28日 10:00:00 +09:00',
    '令和8年（2026年）11月28日 11:30:00 +09:00',
    '28 November 2026 10:00:00 +09:00',
    '2026-11-28T01:00:00.250Z',
  ];
  const texts = [
    `（1） IPアドレス 2001:db8::1 ポート番号 40211　通信日時 ${instants[0]}（前後 1 秒）`,
    `（2） 端末 ABC-123　利用時間 ${instants[0]} から ${instants[1]} まで`,
    `(1) IP address 203.0.113.7 port 40211 at ${instants[2]} (±1 s)`,
    `発付日時 ${instants[0]}（指定値 ${instants[3]}）`,
  ];
  for (const text of texts) {
    // From the narrowest width an instant fits alone (about 250pt at 10.5pt) to the page's.
    for (let width = 260; width <= 470; width += 5) {
      const lines = ts.wrap(text, 10.5, width);
      for (const at of instants.filter((i) => text.includes(i)))
        assert.ok(
          lines.some((l) => l.includes(at)),
          `at ${width}pt ${at} is broken: ${JSON.stringify(lines)}`,
        );
      assert.equal(lines.join('').replace(/[ \u3000]/g, ''), text.replace(/[ \u3000]/g, ''), 'nothing lost');
    }
  }
});

test('the MLAT letter’s signature block and how to verify read in English and Japanese', async () => {
  const pages = await pagesOf(dataOf('mlat_letter'));
  const lines = pages.flat().map((l) => l.trim());
  const start = lines.findIndex((l) => l.includes('電子署名 / Electronic signatures'));
  assert.ok(start >= 0, 'a signature block');
  const block = lines.slice(start).join('\n');
  for (const words of [
    /決裁者 \/ Approver 田中 課長/,
    /所属 サイバー犯罪対策課 第一係 \/ Unit Cybercrime Division, Section 1/,
    /鍵 \/ key SHA-256 [0-9a-f]{4}/,
    /署名対象（要請本体）の SHA-256 \/ SHA-256 of the signed request:\n[0-9a-f]{64}\n/,
    /The names are those in shokai's key directory when this document was made and are not signed/,
    /署名の対象外です/,
    /This document embeds the signed request data\. The print can be checked against the signatures with shokai's/,
    /verification command \(shokai document verify FILE\) or shokai's verification page\./,
    /印字と署名を照合できます。/,
  ])
    assert.match(block, words);
  // The documents read only in Japan keep their Japanese block.
  const inquiry = (await pagesOf(dataOf('inquiry'))).flat().join('\n');
  assert.ok(!/Approver|This document embeds/.test(inquiry), 'the inquiry letter’s block stays Japanese');
  const report = await verifyDocument(await renderDocument(dataOf('mlat_letter'), documentFont()), documentFont());
  assert.ok(report.ok, JSON.stringify(report.checks));
});

test('a duty approver’s line reads in both languages on the MLAT letter, in Japanese alone elsewhere', async () => {
  // No MLAT request is approved by a duty approver today (DUTY_KINDS: emergency, preservation), so no golden
  // input has one; the letter's English line is read back from a designation put into the data here.
  const designation = {
    agencyOrganisationId: 'org_mpd',
    unitId: 'unit_cyber1',
    designeeUserId: 'user_duty',
    designatedBy: 'user_head',
    designatedAt: '2026-11-27T09:00:00.000Z',
    validFrom: '2026-11-27T09:00:00.000Z',
    validUntil: '2026-11-28T09:00:00.000Z',
    kinds: ['emergency' as const],
    reason: '夜間の当直',
  };
  const digest = sha256Hex(canonicalJson(designation));
  const withDuty = (name: string): DocumentData => {
    const data = structuredClone(dataOf(name));
    data.envelope.payload.dutyDesignation = { v: 1, designation, signature: { keyId: 'key_head', signature: 'AA' } };
    return data;
  };
  const read = async (name: string) =>
    (await pagesOf(withDuty(name)))
      .flat()
      .map((l) => l.trim())
      .join(' ');
  const letter = await read('mlat_letter');
  assert.match(letter, /決裁者は当直責任者（所属長の指定 令和8年（2026年）11月27日 18:00:00 \+09:00 〜/);
  assert.match(
    letter,
    /The approver is the duty approver \(designated by the unit head from 27 November 2026 18:00:00 \+09:00 to 28/,
  );
  assert.ok(letter.replace(/\s/g, '').includes(`SHA-256ofthedesignation:${digest}).`), 'the designation digest');
  const inquiry = await read('inquiry');
  assert.match(inquiry, /決裁者は当直責任者/);
  assert.doesNotMatch(inquiry, /duty approver/);
});

test('an indented label and its instant never leave a line with only the indent', async () => {
  const ts = await Typesetter.create(
    documentFont(),
    { title: 'wrap', at: new Date('2026-12-01T00:00:00Z') },
    LAYOUT_RULES[8],
  );
  const instant = '令和8年（2026年）11月28日 10:00:00 +09:00';
  for (const text of [`\u3000通信日時 ${instant}（前後 1 秒）`, `\u3000\u3000利用時間 ${instant} から`]) {
    for (let width = 200; width <= 470; width += 1) {
      const lines = ts.wrap(text, 10.5, width);
      assert.ok(
        lines.every((l) => l.trim() !== ''),
        `at ${width}pt a line of only the indent: ${JSON.stringify(lines)}`,
      );
      assert.equal(lines.join('').replace(/[ \u3000]/g, ''), text.replace(/[ \u3000]/g, ''), 'nothing lost');
      if (width >= 260)
        assert.ok(
          lines.some((l) => l.includes(instant)),
          `at ${width}pt the instant is broken`,
        );
    }
  }
});
