// A reviewer's forgery of whose record an answer gives (answerHolder, not signed): added to a genuine 回答書 of
// layout 7 or 8 and rendered again, it turned 接続記録 into 投稿の記録 and 氏名・名称 into 登録された氏名 and still
// verified. Now only an answer of layout 9 or later carries it (and every one does), verify lists it as unsigned
// printing, and the hub compares it with the provider's category in its directory.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { PDFDocument } from 'pdf-lib';
import { directoryCheck } from '../../src/documents/directory-check.ts';
import { documentFont } from '../../src/documents/font.ts';
import { DOCUMENT_ATTACHMENT, type DocumentData, DocumentDataSchema } from '../../src/documents/model.ts';
import { renderDocument } from '../../src/documents/render.ts';
import { verifyDocument } from '../../src/documents/verify.ts';
import { testDialects } from '../support/dialects.ts';
import { hubWithHooks } from '../support/exchange.ts';
import { attachmentsOf } from './attachments.ts';
import { goldenInputs, renderGolden } from './golden.ts';

const fixture = (layout: number, type: string) =>
  new Uint8Array(readFileSync(new URL(`./fixtures/layouts/${layout}/${type}.pdf`, import.meta.url)));

async function embedded(pdf: Uint8Array): Promise<DocumentData> {
  const raw = attachmentsOf(await PDFDocument.load(pdf, { updateMetadata: false })).get(DOCUMENT_ATTACHMENT);
  assert.ok(raw, 'the document carries its data');
  return DocumentDataSchema.parse(JSON.parse(Buffer.from(raw).toString('utf8')));
}

const ISSUE = /whose record it gives/;

test('a 回答書 of layout 7 or 8 with a holder added is refused, read or rendered again', async () => {
  for (const layout of [7, 8]) {
    const data = await embedded(fixture(layout, 'answer'));
    const forged = { ...data, answerHolder: 'board' as const };
    const parsed = DocumentDataSchema.safeParse(forged);
    assert.equal(parsed.success, false, `layout ${layout}`);
    assert.match(parsed.error?.issues.map((i) => i.message).join() ?? '', ISSUE);
    // Rendered without the schema's check, as a forger's own script would: the verifier refuses the data.
    const report = await verifyDocument(await renderDocument(forged, documentFont()), documentFont());
    assert.equal(report.ok, false, `layout ${layout}: ${JSON.stringify(report.checks)}`);
    // The genuine one still verifies.
    assert.equal((await verifyDocument(fixture(layout, 'answer'), documentFont())).ok, true);
  }
});

test('no other document carries a holder, and an answer of layout 9 must', async () => {
  const inquiry = await embedded(fixture(8, 'inquiry'));
  assert.equal(DocumentDataSchema.safeParse({ ...inquiry, answerHolder: 'cafe' }).success, false);
  const answer = goldenInputs().get('answer') as Record<string, unknown>;
  assert.equal(DocumentDataSchema.safeParse({ ...answer, layout: 9 }).success, true);
  const { answerHolder: _, ...without } = answer;
  const r = DocumentDataSchema.safeParse({ ...without, layout: 9 });
  assert.equal(r.success, false);
  assert.match(r.error?.issues.map((i) => i.message).join() ?? '', ISSUE);
});

test('verify lists the holder of a layout-9 answer as printed outside the signatures, in both languages', async () => {
  const { pdf } = await renderGolden(goldenInputs().get('answer'));
  const report = await verifyDocument(pdf, documentFont());
  assert.equal(report.ok, true, JSON.stringify(report.checks));
  const entry = report.unsigned.find((u) => u.ja.startsWith('回答が誰の記録か'));
  assert.ok(entry, JSON.stringify(report.unsigned));
  assert.match(entry.ja, /「掲示板・サイトの登録利用者」は署名の対象外です/);
  assert.match(entry.en, /^whose record the answer gives .*"a board's or a site's registered user" is not signed/);
});

for (const dialect of testDialects()) {
  describe(`the hub compares an answer's holder with its directory (${dialect})`, () => {
    const {
      hub,
      people: [sato],
    } = hubWithHooks(dialect, ['sato']);

    test("a board's 回答書 said as a carrier's fails the directory check; as the board's it passes", async () => {
      const answered = hub.demo.requests.find((r) => r.summary.startsWith('inquiry → answered'));
      assert.ok(answered, "the demo has the board's answered inquiry");
      // The 回答書's frame as the hub gives it to the device that prints it (the answer opens only there).
      const frame = await sato.call<unknown>('GET', `/v1/requests/${answered.id}/answer-document-frame`);
      assert.equal(frame.status, 200, JSON.stringify(frame.body));
      const data = DocumentDataSchema.parse(frame.body);
      assert.equal(data.answerHolder, 'board');
      const db = hub.ctx.store.db;
      const genuine = await directoryCheck(db, data, new Date());
      assert.equal(genuine.result, 'pass', JSON.stringify(genuine));
      // The passing check says what it compared, the holder too, as a failure names it.
      assert.match(genuine.message.ja, /。回答が誰の記録か（項目の印字の言葉）「掲示板・サイトの登録利用者」は、/);
      assert.match(genuine.message.ja, /鍵の一覧（ディレクトリ）の事業者の区分による言葉と一致します$/);
      assert.match(genuine.message.en, /; whose record the answer gives \(the words its fields are printed in\), /);
      assert.match(genuine.message.en, /a board's or a site's registered user's, is what the provider's category in/);
      const forged = await directoryCheck(db, { ...data, answerHolder: 'carrier' }, new Date());
      assert.equal(forged.result, 'fail');
      assert.match(forged.message.ja, /回答が誰の記録か.*印字は「回線の契約者」.*「掲示板・サイトの登録利用者」です/);
      assert.match(
        forged.message.en,
        /printed as a line's subscriber's, but .* a board's or a site's registered user's/,
      );

      // A content that does not parse is not compared: the passing words say nothing of the holder.
      const content = { ...(data.envelope.payload.content as object), kind: 'not_a_kind' };
      const unread = { ...data, envelope: { ...data.envelope, payload: { ...data.envelope.payload, content } } };
      const notCompared = await directoryCheck(db, unread, new Date());
      assert.equal(notCompared.result, 'pass', JSON.stringify(notCompared));
      assert.doesNotMatch(notCompared.message.ja, /回答が誰の記録か/);
      assert.doesNotMatch(notCompared.message.en, /whose record the answer gives/);

      // No category in the directory: compared by the request's targets, and said so.
      const board = data.envelope.payload.providerOrganisationId ?? assert.fail('addressed to the board');
      const was = await db
        .selectFrom('organisations')
        .select('provider_category')
        .where('id', '=', board)
        .executeTakeFirst();
      await db.updateTable('organisations').set({ provider_category: null }).where('id', '=', board).execute();
      try {
        const byTargets = await directoryCheck(db, data, new Date());
        assert.equal(byTargets.result, 'pass', JSON.stringify(byTargets));
        assert.match(
          byTargets.message.ja,
          /「掲示板・サイトの登録利用者」は、要請の対象による言葉（鍵の一覧に事業者の区分がないため）と一致します$/,
        );
        assert.match(
          byTargets.message.en,
          /registered user's, is what the request's targets give, the directory holding no/,
        );
        assert.doesNotMatch(byTargets.message.ja + byTargets.message.en, /事業者の区分による|provider's category in/);
        const forgedByTargets = await directoryCheck(db, { ...data, answerHolder: 'carrier' }, new Date());
        assert.match(forgedByTargets.message.en, /but what the request's targets give, .* is a board's/);
      } finally {
        await db
          .updateTable('organisations')
          .set({ provider_category: was?.provider_category ?? null })
          .where('id', '=', board)
          .execute();
      }
    });
  });
}
