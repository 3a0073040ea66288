// Prints the golden documents with the code of an EARLIER layout, to keep as the documents that layout
// printed (fixtures/layouts/<n>/). Run it in a worktree of the commit that rendered that layout, never in
// today's tree:
//   git worktree add --detach /tmp/shokai-layout1 212e772   (layout 1; layout 2: 05fb0a3)
//   ln -s "$PWD/node_modules" /tmp/shokai-layout1/node_modules
//   cp test/documents/print-earlier-layout.ts /tmp/shokai-layout1/test/documents/
//   (cd /tmp/shokai-layout1 && node test/documents/print-earlier-layout.ts \
//      "$PWD/test/documents/fixtures/golden/inputs" /tmp/shokai-earlier/1)
// It imports only what every layout's code has (renderDocument, DocumentDataSchema, documentFont,
// Typesetter.wrap), takes from each golden input only the fields that code's data knows, writes each
// document's PDF and the typesetter's breaks of an access-log row (wrap.json), and prints the commit.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as constants from '../../src/documents/constants.ts';
import { documentFont } from '../../src/documents/font.ts';
import { Typesetter } from '../../src/documents/layout.ts';
import { DocumentDataSchema } from '../../src/documents/model.ts';
import { renderDocument } from '../../src/documents/render.ts';

const [inputs, out] = process.argv.slice(2);
if (!inputs || !out) throw new Error('usage: print-earlier-layout.ts INPUTS_DIR OUT_DIR');
mkdirSync(out, { recursive: true });
const layout: unknown = (constants as Record<string, unknown>).DOCUMENT_LAYOUT;
// zod 4 object schemas (plain or refined) expose their shape; older data has fewer fields.
const schema = DocumentDataSchema as unknown as {
  shape?: Record<string, unknown>;
  def?: { in?: { shape: Record<string, unknown> } };
};
const shape = schema.shape ?? schema.def?.in?.shape;
if (!shape) throw new Error('the data schema has no shape');
const known = new Set(Object.keys(shape));
for (const f of readdirSync(inputs).sort()) {
  if (!f.endsWith('.json')) continue;
  const input = JSON.parse(readFileSync(join(inputs, f), 'utf8')) as Record<string, unknown>;
  const kept = Object.fromEntries(Object.entries(input).filter(([k]) => known.has(k) && k !== 'layout'));
  if (known.has('layout') && typeof layout === 'number') kept.layout = layout;
  const data = DocumentDataSchema.parse(kept);
  writeFileSync(join(out, f.replace(/\.json$/, '.pdf')), await renderDocument(data, documentFont()));
}
const ts = await Typesetter.create(documentFont(), { title: 'wrap', at: new Date('2026-12-01T00:00:00Z') });
const row =
  '令和8年（2026年）11月29日 03:06:40 +09:00（指定値 2026-11-28T18:06:40.649+00:00）　203.0.113.7 ポート 40211　投稿';
const widths = [380, 400, 420, 440, 460];
writeFileSync(
  join(out, 'wrap.json'),
  `${JSON.stringify(
    { row, size: 9, lines: widths.map((width) => ({ width, lines: ts.wrap(row, 9, width) })) },
    null,
    2,
  )}\n`,
);
const commit = execFileSync('git', ['rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
process.stdout.write(`printed with commit ${commit} (DOCUMENT_LAYOUT ${String(layout ?? 'absent: layout 1')})\n`);
