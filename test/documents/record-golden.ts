// `npm run documents:golden`: re-records the golden documents (see golden.ts) — only when DOCUMENT_LAYOUT
// was raised since they were recorded, or when nothing is recorded yet. A rendering that changed under
// the same layout number is refused: documents printed before it would no longer verify as printed.
import { DOCUMENT_LAYOUT } from '../../src/documents/constants.ts';
import { fontDigest, goldenProblems, readRecord, recordDecision, renderAllGolden, writeRecord } from './golden.ts';

const record = readRecord();
const rendered = await renderAllGolden();
const font = fontDigest();
const problems = goldenProblems(record, rendered, DOCUMENT_LAYOUT, font);
const decision = recordDecision(record, problems, DOCUMENT_LAYOUT);
if (decision === 'refuse') {
  process.stderr.write(
    `refused: the rendering changed but DOCUMENT_LAYOUT is still ${DOCUMENT_LAYOUT} (as recorded). ` +
      `Raise it in src/documents/constants.ts, then run this again.\n${problems.join('\n')}\n`,
  );
  process.exit(1);
}
if (decision === 'unchanged') {
  process.stdout.write(`the golden documents of layout ${DOCUMENT_LAYOUT} are unchanged; nothing to record\n`);
} else {
  writeRecord(rendered, DOCUMENT_LAYOUT, font);
  process.stdout.write(`recorded ${rendered.size} golden documents with layout ${DOCUMENT_LAYOUT}\n`);
}
