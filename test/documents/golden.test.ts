// The golden documents (golden.ts): today's code renders the fixed inputs with the pages recorded for
// today's DOCUMENT_LAYOUT, or the test fails saying to raise it and re-record. The inputs are fixed data
// (no store, no clock, no random id), so the check is the same on SQLite and PostgreSQL and on every run.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DOCUMENT_LAYOUT } from '../../src/documents/constants.ts';
import { documentFont } from '../../src/documents/font.ts';
import { DocumentDataSchema } from '../../src/documents/model.ts';
import { verifyDocument } from '../../src/documents/verify.ts';
import { DOCUMENT_TYPES } from '../../src/domain/vocabulary.ts';
import {
  fontDigest,
  type GoldenRecord,
  goldenInputs,
  goldenProblems,
  RECORD_COMMAND,
  type RenderedGolden,
  readRecord,
  recordDecision,
  renderGolden,
} from './golden.ts';

describe('the golden documents', () => {
  const rendered = new Map<string, RenderedGolden>();
  const pdfs = new Map<string, Uint8Array>();
  const record = readRecord();

  test('every type of document has a golden input', () => {
    // Read as renderGolden does, with today's layout (the inputs hold none).
    const types = [...goldenInputs().values()].map(
      (d) => DocumentDataSchema.parse(Object.assign({}, d, { layout: DOCUMENT_LAYOUT })).type,
    );
    assert.deepEqual([...new Set(types)].sort(), [...DOCUMENT_TYPES].sort());
  });

  test(`today's rendering is the one recorded for layout ${DOCUMENT_LAYOUT}`, async () => {
    for (const [name, input] of goldenInputs()) {
      const r = await renderGolden(input);
      rendered.set(name, r.rendered);
      pdfs.set(name, r.pdf);
    }
    const problems = goldenProblems(record, rendered, DOCUMENT_LAYOUT, fontDigest());
    assert.deepEqual(problems, [], problems.join('\n'));
  });

  test('each golden document verifies, so the inputs are documents as issued', async () => {
    assert.equal(pdfs.size, goldenInputs().size);
    for (const [name, pdf] of pdfs) {
      const report = await verifyDocument(pdf, documentFont());
      assert.equal(report.ok, true, `${name}: ${JSON.stringify(report.checks)}`);
    }
  });

  // The check can fail: each way it does, with a message that says what to do.
  test('a changed page under the same layout says to raise DOCUMENT_LAYOUT and re-record', () => {
    assert.ok(record);
    const changed: GoldenRecord = structuredClone(record);
    const first = Object.keys(changed.documents)[0] ?? '';
    const doc = changed.documents[first];
    assert.ok(doc);
    doc.pages[0] = '0'.repeat(64);
    const problems = goldenProblems(changed, rendered, DOCUMENT_LAYOUT, fontDigest());
    assert.equal(problems.length, 1);
    // …and `npm run documents:golden` refuses to record it until the layout is raised.
    assert.equal(recordDecision(changed, problems, DOCUMENT_LAYOUT), 'refuse');
    assert.equal(recordDecision(changed, problems, DOCUMENT_LAYOUT + 1), 'write');
    assert.equal(recordDecision(record, [], DOCUMENT_LAYOUT), 'unchanged');
    assert.match(problems[0] ?? '', /^rendering changed: raise DOCUMENT_LAYOUT/);
    assert.ok(problems[0]?.includes(`\`${RECORD_COMMAND}\``));
    assert.ok(problems[0]?.includes(`${first}: page 1 differs`));
  });

  test('another document rendered where one was recorded names the first line of text that differs', () => {
    assert.ok(record);
    const [a, b] = [...rendered.keys()];
    assert.ok(a && b);
    const swapped = new Map(rendered);
    swapped.set(a, rendered.get(b) as RenderedGolden);
    const problems = goldenProblems(record, swapped, DOCUMENT_LAYOUT, fontDigest());
    assert.match(problems.join('\n'), new RegExp(`${a}: (page 1 differs|\\d+ pages, recorded \\d+); first difference`));
  });

  test('a raised layout with the old record says to re-record; so does another font', () => {
    assert.ok(record);
    const raised = goldenProblems(record, rendered, DOCUMENT_LAYOUT + 1, fontDigest());
    assert.match(
      raised[0] ?? '',
      new RegExp(`DOCUMENT_LAYOUT is ${DOCUMENT_LAYOUT + 1} but .* layout ${DOCUMENT_LAYOUT}`),
    );
    const font = goldenProblems(record, rendered, DOCUMENT_LAYOUT, 'f'.repeat(64));
    assert.match(font[0] ?? '', /the document font .* is not the one the golden documents were rendered with/);
  });
});
