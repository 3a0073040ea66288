// Keeps the documents an earlier layout printed (see earlier-layouts.ts and print-earlier-layout.ts):
//   node test/documents/record-earlier-layout.ts LAYOUT COMMIT PRINTED_DIR [NAME,…]
// copies PRINTED_DIR's PDFs (only those NAMEs when given) and wrap.json into fixtures/layouts/LAYOUT/ (or
// LAYOUT-<commit>/ for a later printing without a number, printingsOf) and records each page's digest as
// the verifier compares it, with the commit that printed them and the font. An earlier layout is what its
// release printed: a record once kept is never rewritten, so this refuses when one exists.
import { copyFileSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { layoutOf } from '../../src/documents/layouts.ts';
import { type EarlierRecord, embeddedData, layoutDir, printedDocuments, printingKeyOf } from './earlier-layouts.ts';
import { fontDigest, pageDigests } from './golden.ts';

const [layoutArg, commit, printed, only] = process.argv.slice(2);
const layout = Number(layoutArg);
if (!Number.isInteger(layout) || layout < 1 || !commit || !/^[0-9a-f]{40}$/.test(commit) || !printed) {
  throw new Error('usage: record-earlier-layout.ts LAYOUT COMMIT(40 hex) PRINTED_DIR [NAME,…]');
}
const key = printingKeyOf(layout, commit);
const dir = layoutDir(key);
if (existsSync(join(dir, 'recorded.json'))) {
  process.stderr.write(`refused: the documents of ${key} are kept already (${dir}); they are never re-recorded\n`);
  process.exit(1);
}
const kept = (f: string): boolean =>
  f === 'wrap.json' || (f.endsWith('.pdf') && (!only || only.split(',').includes(f.slice(0, -4))));
mkdirSync(dir, { recursive: true });
for (const f of readdirSync(printed)) if (kept(f)) copyFileSync(join(printed, f), join(dir, f));
const record: EarlierRecord = { layout, commit, font: fontDigest(), documents: {} };
for (const [name, pdf] of printedDocuments(key)) {
  const named = layoutOf(await embeddedData(pdf));
  if (named !== layout) throw new Error(`${name}.pdf names layout ${named}, not ${layout}`);
  record.documents[name] = { pages: await pageDigests(pdf) };
}
writeFileSync(join(dir, 'recorded.json'), `${JSON.stringify(record, null, 2)}\n`);
process.stdout.write(`kept ${Object.keys(record.documents).length} documents of ${key} in ${dir} (commit ${commit})\n`);
