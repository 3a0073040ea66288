// Keeps the documents an earlier layout printed (see earlier-layouts.ts and print-earlier-layout.ts):
//   node test/documents/record-earlier-layout.ts LAYOUT COMMIT PRINTED_DIR
// copies PRINTED_DIR's PDFs and wrap.json into fixtures/layouts/LAYOUT/ and records each page's digest as
// the verifier compares it, with the commit that printed them and the font. An earlier layout is what its
// release printed: a record once kept is never rewritten, so this refuses when one exists.
import { copyFileSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { layoutOf } from '../../src/documents/layouts.ts';
import { type EarlierRecord, embeddedData, layoutDir, printedDocuments } from './earlier-layouts.ts';
import { fontDigest, pageDigests } from './golden.ts';

const [layoutArg, commit, printed] = process.argv.slice(2);
const layout = Number(layoutArg);
if (!Number.isInteger(layout) || layout < 1 || !commit || !/^[0-9a-f]{40}$/.test(commit) || !printed) {
  throw new Error('usage: record-earlier-layout.ts LAYOUT COMMIT(40 hex) PRINTED_DIR');
}
const dir = layoutDir(layout);
if (existsSync(join(dir, 'recorded.json'))) {
  process.stderr.write(
    `refused: the documents of layout ${layout} are kept already (${dir}); they are never re-recorded\n`,
  );
  process.exit(1);
}
mkdirSync(dir, { recursive: true });
for (const f of readdirSync(printed))
  if (f.endsWith('.pdf') || f === 'wrap.json') copyFileSync(join(printed, f), join(dir, f));
const record: EarlierRecord = { layout, commit, font: fontDigest(), documents: {} };
for (const [name, pdf] of printedDocuments(layout)) {
  const named = layoutOf(await embeddedData(pdf));
  if (named !== layout) throw new Error(`${name}.pdf names layout ${named}, not ${layout}`);
  record.documents[name] = { pages: await pageDigests(pdf) };
}
writeFileSync(join(dir, 'recorded.json'), `${JSON.stringify(record, null, 2)}\n`);
process.stdout.write(`kept ${Object.keys(record.documents).length} documents of layout ${layout} (commit ${commit})\n`);
