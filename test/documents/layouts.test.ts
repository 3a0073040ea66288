// Documents printed with an earlier layout verify with today's release (earlier-layouts.ts): the documents
// layouts 1 and 2 printed — by the code of those layouts, kept in fixtures/layouts/ — render again with
// today's code to the pages they were printed with, so they verify; a tampered one does not; a layout
// this release does not know is said in words, never called altered.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, rgb } from 'pdf-lib';
import { DOCUMENT_LAYOUT } from '../../src/documents/constants.ts';
import { documentFont } from '../../src/documents/font.ts';
import { Typesetter } from '../../src/documents/layout.ts';
import { LAYOUT_RULES, printingsOf, RENDERED_LAYOUTS } from '../../src/documents/layouts.ts';
import { renderDocument } from '../../src/documents/render.ts';
import { verifyDocument } from '../../src/documents/verify.ts';
import { alterEmbedded } from './attachments.ts';
import {
  earlierLayoutProblems,
  embeddedData,
  keptPrintings,
  printedDocuments,
  printingKeyOf,
  RECORD_EARLIER_COMMAND,
  readEarlierRecord,
  readWrapRecord,
  rulesOfPrinting,
} from './earlier-layouts.ts';
import { fontDigest, pageDigests } from './golden.ts';

const EARLIER = RENDERED_LAYOUTS.filter((l) => l < DOCUMENT_LAYOUT);
const pagesCheck = (r: Awaited<ReturnType<typeof verifyDocument>>) => r.checks.find((c) => c.check === 'pages');

describe('documents of earlier layouts', () => {
  test('every layout up to today is rendered, and every earlier one has its printed documents kept', () => {
    assert.deepEqual(
      RENDERED_LAYOUTS,
      Array.from({ length: DOCUMENT_LAYOUT }, (_, i) => i + 1),
    );
    for (const layout of EARLIER) {
      const record = readEarlierRecord(layout);
      assert.ok(
        record,
        `layout ${layout} has no printed documents kept: print the golden documents with its commit ` +
          `(test/documents/print-earlier-layout.ts) and keep them with \`${RECORD_EARLIER_COMMAND}\``,
      );
      assert.equal(record.layout, layout);
      assert.equal(record.font, fontDigest(), `layout ${layout} was printed with another font than this one`);
      assert.equal(Object.keys(record.documents).length, 6);
    }
  });

  test('each later printing of layout 1 without a number is kept, with the documents it printed differently', () => {
    const later = printingsOf(1).filter((p) => p.commit);
    assert.deepEqual(
      later.map((p) => `1-${p.commit}`).sort(),
      keptPrintings().filter((k) => k.startsWith('1-')),
    );
    for (const key of keptPrintings()) {
      const record = readEarlierRecord(key);
      assert.ok(record);
      assert.equal(printingKeyOf(record.layout, record.commit), key);
      assert.equal(record.font, fontDigest(), `${key} was printed with another font than this one`);
    }
  });

  for (const key of keptPrintings()) {
    const layout = Number(key.split('-')[0]);
    test(`today's code renders ${key} to the pages its release printed`, async () => {
      const record = readEarlierRecord(key);
      const rules = rulesOfPrinting(key);
      assert.ok(record && rules);
      const problems = await earlierLayoutProblems(record, printedDocuments(key), rules);
      assert.deepEqual(problems, [], problems.join('\n'));
    });

    test(`the documents ${key} printed verify with today's release`, async () => {
      for (const [name, pdf] of printedDocuments(key)) {
        const report = await verifyDocument(pdf, documentFont());
        assert.equal(report.ok, true, `${name}: ${JSON.stringify(report.checks)}`);
        const later = key.includes('-') ? '（様式番号の付く前に様式 2 の変更が一部入った版の印字）' : '';
        assert.ok(
          pagesCheck(report)?.message.ja.includes(`文書様式 ${layout}${later}、`),
          pagesCheck(report)?.message.ja,
        );
        assert.match(pagesCheck(report)?.message.en ?? '', new RegExp(`document layout ${layout}[ ,]`));
      }
    });

    test(`the typesetter breaks lines as ${key} did`, async () => {
      const rules = rulesOfPrinting(key);
      assert.ok(rules);
      const ts = await Typesetter.create(
        documentFont(),
        { title: 'wrap', at: new Date('2026-12-01T00:00:00Z') },
        rules,
      );
      const wrap = readWrapRecord(key);
      for (const w of wrap.lines) assert.deepEqual(ts.wrap(wrap.row, wrap.size, w.width), w.lines, `at ${w.width}pt`);
    });
  }

  test('each layout prints its own pages: a document rendered with another layout does not match', async () => {
    // Layout 1 printed the access record's code ("post") and a bare 弁護士; layout 2 words and the lawyer's name.
    const one = printedDocuments(1);
    for (const name of ['answer', 'opinion']) {
      const pdf = one.get(name);
      assert.ok(pdf);
      const data = { ...(await embeddedData(pdf)), layout: 2 };
      const asTwo = await pageDigests(await renderDocument(data, documentFont()));
      assert.notDeepEqual(asTwo, readEarlierRecord(1)?.documents[name]?.pages, name);
    }
    assert.notDeepEqual(LAYOUT_RULES[1], LAYOUT_RULES[2]);
  });

  test('a tampered document of an earlier layout fails and names the page', async () => {
    const pdf = printedDocuments(1).get('answer');
    assert.ok(pdf);
    const doc = await PDFDocument.load(pdf, { updateMetadata: false });
    doc.registerFontkit(fontkit);
    const font = await doc.embedFont(documentFont(), { subset: true });
    doc.getPage(0).drawText('203.0.113.8', { x: 200, y: 400, size: 10, font, color: rgb(0, 0, 0) });
    const drawn = await verifyDocument(await doc.save({ useObjectStreams: false }), documentFont());
    assert.equal(drawn.ok, false);
    assert.equal(pagesCheck(drawn)?.result, 'fail');
    assert.match(pagesCheck(drawn)?.message.en ?? '', /page 1: the printed text or layout differs/);
    // Without a layout number it says from which releases on such documents are compared, and what else to do.
    assert.match(pagesCheck(drawn)?.message.en ?? '', /without a layout number .* 14:45 \+00:00 on; .* printed again/);
    assert.match(pagesCheck(drawn)?.message.ja ?? '', /様式番号のない文書は 2026年12月1日 23:45 \+09:00 以降/);
    // An unsigned name changed in the data; and the layout number added, as if it were a later document.
    for (const [change, unnumbered] of [
      [
        (d: { names: { approver: string | null } }) => {
          d.names.approver = '別人';
        },
        true,
      ],
      [
        (d: { layout?: number }) => {
          d.layout = 2;
        },
        false,
      ],
    ] as const) {
      const altered = await verifyDocument(await alterEmbedded(pdf, change), documentFont());
      assert.equal(altered.ok, false);
      assert.equal(altered.checks.find((c) => c.check === 'signatures')?.result, 'pass');
      assert.equal(pagesCheck(altered)?.result, 'fail');
      assert.match(pagesCheck(altered)?.message.en ?? '', /page 1: the printed text or layout differs/);
      assert.equal(/without a layout number/.test(pagesCheck(altered)?.message.en ?? ''), unnumbered);
    }
  });

  test('a layout this release does not know: the signatures verify, the pages are not compared, in words', async () => {
    const pdf = printedDocuments(2).get('inquiry');
    assert.ok(pdf);
    const later = DOCUMENT_LAYOUT + 1;
    const report = await verifyDocument(
      await alterEmbedded(pdf, (d) => {
        d.layout = later;
      }),
      documentFont(),
    );
    assert.equal(report.ok, false);
    assert.equal(report.checks.find((c) => c.check === 'signatures')?.result, 'pass');
    const pages = pagesCheck(report);
    assert.equal(pages?.result, 'fail');
    assert.equal(
      pages?.message.ja,
      `この文書は文書様式 ${later} で印刷されています。この版の shokai が再現できるのは様式 1〜${DOCUMENT_LAYOUT} のため、` +
        `署名は確認できましたが印字を照合できません。様式 ${later} 以降の shokai で検証するか、発行元に再発行を求めてください`,
    );
    assert.equal(
      pages?.message.en,
      `printed with document layout ${later}; this release of shokai renders layouts 1 to ${DOCUMENT_LAYOUT}, ` +
        `so the signatures verify but the printed pages cannot be compared: ` +
        `verify with a shokai release of layout ${later} or later, or ask the issuer to print it again`,
    );
  });
});
