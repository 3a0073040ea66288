// The other documents of issue 14 item 1: 保全要請書, the warrant attestation summary, 意見照会書 with
// its reply form, and the MLAT letter — each rendered from the demo's signed requests, read back,
// verified, and failing once altered.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { generateSigningKeyPair, keyFingerprint } from '../../src/crypto/keys.ts';
import { documentFont } from '../../src/documents/font.ts';
import { verifyDocument } from '../../src/documents/verify.ts';
import { formatDate, formatDateTime, parseIsoInstant } from '../../src/domain/time.ts';
import { answeredInquiry } from '../support/custody.ts';
import { testDialects } from '../support/dialects.ts';
import { type Client, hubHooks, hubWithHooks } from '../support/exchange.ts';
import { alterEmbedded } from './attachments.ts';
import { documentOf, flat, readBack } from './support.ts';

async function verified(pdf: Uint8Array) {
  const report = await verifyDocument(pdf, documentFont());
  assert.equal(report.ok, true, JSON.stringify(report.checks));
  return report;
}

for (const dialect of testDialects()) {
  describe(`the other documents (${dialect})`, () => {
    const {
      hub,
      people: [sato],
    } = hubWithHooks(dialect, ['sato']);
    const requestOf = (kind: string) => {
      const r = hub.demo.requests.find((x) => x.kind === kind);
      assert.ok(r, `the demo has a ${kind} request`);
      return r.id;
    };
    const pdfOf = async (c: Client, kind: string, type: string) => {
      const r = await documentOf(hub.url, c.token, requestOf(kind), type);
      assert.equal(r.status, 200, r.bytes.toString('utf8'));
      assert.match(r.type, /^application\/pdf/);
      return new Uint8Array(r.bytes);
    };

    test('保全要請書: the legal basis, the days, the targets with offsets; verifies; altered, fails', async () => {
      const pdf = await pdfOf(sato, 'preservation', 'preservation');
      const text = flat(readBack(pdf).text);
      assert.match(text, /保全要請書/);
      assert.match(text, /刑事訴訟法第197条第3項/);
      assert.match(text, /30日/);
      assert.match(text, /令和\d+年（20\d\d年）\d+月\d+日\d\d:\d\d:\d\d\+09:00/);
      assert.match(text, /第SHK-\d{4}-\d{6}-PRS号/);
      await verified(pdf);
      const altered = await alterEmbedded(pdf, (d) => {
        const c = d.envelope.payload.content as { preservation: { days: number } };
        c.preservation.days = 10;
      });
      assert.equal((await verifyDocument(altered, documentFont())).checks[1]?.result, 'fail');
    });

    test('the warrant summary carries the court key; a substituted court key fails', async () => {
      const isp = await hub.as('isp.legal');
      const pdf = await pdfOf(isp, 'warrant', 'warrant_summary');
      const text = flat(readBack(pdf).text);
      assert.match(text, /令状認証要旨/);
      assert.match(text, /電磁的記録提供命令/);
      assert.match(text, /裁判所/);
      const report = await verified(pdf);
      assert.deepEqual(
        report.signers.map((s) => s.role),
        ['approver', 'unit', 'court'],
      );
      const forged = generateSigningKeyPair();
      const altered = await alterEmbedded(pdf, (d) => {
        const court = d.signers.find((s) => s.role === 'court');
        assert.ok(court);
        court.publicKey = forged.publicKey;
        court.fingerprint = keyFingerprint(forged.publicKey);
      });
      const failed = await verifyDocument(altered, documentFont());
      assert.equal(failed.ok, false);
      assert.match(failed.checks[1]?.message.en ?? '', /court's signature does not verify/);
    });

    test('意見照会書 with a reply form for the subscriber', async () => {
      const board = await hub.as('board.legal');
      const pdf = await pdfOf(board, 'civil_disclosure', 'opinion');
      const back = readBack(pdf);
      const text = flat(back.text);
      assert.match(text, /意見照会書/);
      assert.match(text, /情報流通プラットフォーム対処法第6条第1項/);
      // The deadline the hearing enforces: the end of a day in Japan, printed as that date with the era year
      // beside the Western year — not a time of day with its offset.
      const hearing = await board.call<{ dueAt: string }>(
        'GET',
        `/v1/requests/${requestOf('civil_disclosure')}/hearing`,
      );
      assert.equal(hearing.status, 200);
      const at = parseIsoInstant(hearing.body.dueAt);
      assert.match(formatDateTime(at, 'ja', 'Asia/Tokyo'), / 23:59:59 \+09:00$/, 'the reply is open all that day');
      const due = formatDate(at, 'ja', 'Asia/Tokyo');
      assert.match(due, /^令和\d+年（20\d\d年）\d+月\d+日$/);
      assert.ok(text.includes(`。${flat(due)}までに、末尾の回答書でご回答ください`), text);
      assert.doesNotMatch(text, /14日以内|23:59|\+09:00までに/);
      // Counsel by name (the signing lawyer), not a bare 弁護士.
      assert.match(text, /2代理人乙川綜合法律事務所弁護士乙川一郎3/);
      // What the request states, as it states it: the right said to be infringed and why it is evident, the
      // legitimate reason and its explanation, and the ordinance's items asked for — not 契約者情報、通信履歴.
      assert.match(
        text,
        /3侵害されたとする権利名誉権4権利が侵害されたことが明らかである理由（請求者の主張）前科があるとの摘示/,
      );
      assert.match(
        text,
        /5開示を受けるべき正当な理由（請求者の主張）損害賠償請求権の行使発信者に対し不法行為に基づく損害賠償を請求するため/,
      );
      assert.match(
        text,
        new RegExp(
          '開示を求められている情報上記の投稿等に関する次の発信者情報・発信者等の電子メールアドレス' +
            '・侵害情報に係るIPアドレス及び接続元ポート番号・侵害情報が送信された年月日及び時刻以上',
        ),
      );
      assert.doesNotMatch(text, /契約者情報|通信履歴/);
      assert.match(text, /回答書（ご意見の回答）/);
      assert.match(text, /□開示に同意します。/);
      assert.match(text, /□開示に同意しません。/);
      assert.match(text, /回答日令和年（年）月日/);
      await verified(pdf);
    });

    test('the MLAT letter: English with untranslated facts marked, and the Japanese original', async () => {
      const pdf = await pdfOf(sato, 'mlat', 'mlat_letter');
      const back = readBack(pdf);
      const text = back.text.replace(/\s+/g, ' ');
      assert.match(text, /Letter of request for mutual legal assistance/);
      assert.match(text, /Untranslated: no translation has been provided\. Original \(Japanese\):\] ?掲示板/);
      assert.match(text, /Records requested Subscriber information, Access log/);
      assert.match(text, /Under the Treaty between Japan and the United States of America on Mutual Legal/);
      assert.match(flat(back.text), /日米刑事共助条約に基づき/);
      assert.match(flat(back.text), /国際捜査共助要請書/);
      assert.match(flat(back.text), /被疑事実の要旨掲示板/);
      assert.doesNotMatch(back.warnings, /font/i);
      await verified(pdf);
    });

    test('an answer sealed to devices: the hub cannot render it, and says so', async () => {
      const answered = answeredInquiry(hub);
      const r = await documentOf(hub.url, sato.token, answered.id, 'answer');
      assert.equal(r.status, 409);
      assert.match(r.bytes.toString('utf8'), /OPEN_ON_DEVICE/);
    });

    test('a kind without that document, and the oversight body, are refused', async () => {
      const r = await documentOf(hub.url, sato.token, requestOf('inquiry'), 'mlat_letter');
      assert.equal(r.status, 404);
      assert.match(r.bytes.toString('utf8'), /国際捜査共助要請書/);
      const auditor = await hub.as('auditor');
      const refused = await documentOf(hub.url, auditor.token, requestOf('preservation'), 'preservation');
      assert.equal(refused.status, 403);
    });
  });

  // Answers still in the hub's legacy custody (a unit not yet moved to device custody) render on the hub.
  describe(`the answer document (${dialect})`, () => {
    const hub = hubHooks(dialect, { deviceCustody: false });

    test('回答書: the signed answer target by target; the provider key verifies it; altered, it fails', async () => {
      const answered = answeredInquiry(hub);
      const get = async (c: Client) => documentOf(hub.url, c.token, answered.id, 'answer');
      const r = await get(await hub.as('sato'));
      assert.equal(r.status, 200, r.bytes.toString('utf8'));
      const pdf = new Uint8Array(r.bytes);
      const text = flat(readBack(pdf).text);
      assert.match(text, /回答書/);
      assert.match(text, /第SHK-\d{4}-\d{6}-ANS号/);
      assert.match(text, /回答の区分全部回答/);
      assert.match(text, /結果:該当あり/);
      assert.match(text, /アカウント:user-77812/);
      assert.match(
        text,
        /令和\d+年（20\d\d年）\d+月\d+日\d\d:\d\d:\d\d\+09:00(（指定値[^）]+）)?203\.0\.113\.7ポート40211投稿/,
      );
      assert.match(text, /回答者さくら掲示板株式会社Ed25519鍵/);
      await verified(pdf);
      const altered = await alterEmbedded(pdf, (d) => {
        const sub = d.answer?.signed.answer.items[0]?.subscriber;
        assert.ok(sub);
        sub.account = 'someone-else';
      });
      const failed = await verifyDocument(altered, documentFont());
      assert.equal(failed.ok, false);
      assert.match(failed.checks[1]?.message.en ?? '', /provider's signature does not verify over the answer/);
      // The provider takes its own kept copy; another provider gets nothing.
      assert.equal((await get(await hub.as('board.legal'))).status, 200);
      assert.equal((await get(await hub.as('isp.legal'))).status, 404);
    });
  });
}
