// A reviewer's forgeries of the demo's documents: the embedded data's names (and an opinion letter's deadline)
// edited and the document rendered again with the project's own renderDocument. Offline, `shokai document
// verify` can only say those values are not signed; the hub, which has the directory and the hearing's record,
// must fail them, naming the field in words. Keys the forger made himself (a whole envelope signed again under
// the genuine key ids) pass offline and must fail at the hub too. The genuine documents still verify.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { PDFDocument } from 'pdf-lib';
import { generateSigningKeyPair, keyFingerprint } from '../../src/crypto/keys.ts';
import { SIGNATURE_PURPOSES, signCanonical } from '../../src/crypto/signatures.ts';
import { documentFont } from '../../src/documents/font.ts';
import { DOCUMENT_ATTACHMENT, type DocumentData, DocumentDataSchema } from '../../src/documents/model.ts';
import { renderDocument } from '../../src/documents/render.ts';
import { formatIsoAtOffset } from '../../src/domain/time.ts';
import { shokai } from '../support/cli.ts';
import { testDialects } from '../support/dialects.ts';
import { type Client, hubWithHooks } from '../support/exchange.ts';
import { attachmentsOf } from './attachments.ts';
import { documentOf, httpCall } from './support.ts';

interface Report {
  ok: boolean;
  checks: Array<{ check: string; result: string; message: { ja: string; en: string } }>;
  unsigned: Array<{ ja: string; en: string }>;
}

/** The forger's steps: take the embedded data, change it, render it again with the project's renderer. */
async function reRendered(pdf: Uint8Array, change: (d: DocumentData) => void): Promise<Uint8Array> {
  const raw = attachmentsOf(await PDFDocument.load(pdf, { updateMetadata: false })).get(DOCUMENT_ATTACHMENT);
  assert.ok(raw, 'the document carries its data');
  const data = DocumentDataSchema.parse(JSON.parse(Buffer.from(raw).toString('utf8')));
  change(data);
  return renderDocument(DocumentDataSchema.parse(data), documentFont());
}

const directoryOf = (r: Report) => r.checks.find((c) => c.check === 'directory');

for (const dialect of testDialects()) {
  describe(`forged names and deadlines fail at the hub (${dialect})`, () => {
    const {
      hub,
      people: [sato, isp, board],
    } = hubWithHooks(dialect, ['sato', 'isp.legal', 'board.legal']);
    const pdfOf = async (c: Client, kind: string, type: string) => {
      const request = hub.demo.requests.find((x) => x.kind === kind);
      assert.ok(request, `the demo has a ${kind} request`);
      const r = await documentOf(hub.url, c.token, request.id, type);
      assert.equal(r.status, 200, r.bytes.toString('utf8'));
      return new Uint8Array(r.bytes);
    };
    const atHub = async (c: Client, pdf: Uint8Array): Promise<Report> => {
      const r = await httpCall(hub.url, c.token, 'POST', '/v1/documents/verify', {
        pdf: Buffer.from(pdf).toString('base64'),
      });
      assert.equal(r.status, 200, r.bytes.toString('utf8'));
      return JSON.parse(r.bytes.toString('utf8')) as Report;
    };
    const offline = async (pdf: Uint8Array, name: string): Promise<Report> => {
      const file = join(hub.dir, `${name}.pdf`);
      writeFileSync(file, pdf);
      const r = await shokai(['document', 'verify', file, '--json'], { SHOKAI_LANG: 'en' });
      assert.equal(r.status, 0, `${r.stdout}${r.stderr}`);
      return JSON.parse(r.stdout) as Report;
    };
    /** The hub fails the forgery with the directory check naming `ja` / `en`; offline lists it as not signed. */
    const failsAtHub = async (r: Report, ja: RegExp, en: RegExp) => {
      assert.equal(r.ok, false, JSON.stringify(r.checks));
      const d = directoryOf(r);
      assert.equal(d?.result, 'fail', JSON.stringify(r.checks));
      assert.match(d?.message.ja ?? '', ja);
      assert.match(d?.message.en ?? '', en);
      // The signatures and the pages still pass: only the directory tells the forgery.
      for (const c of r.checks.filter((x) => x.check !== 'directory')) assert.equal(c.result, 'pass', c.check);
    };

    test('the genuine documents verify at the hub, the directory check passing in words', async () => {
      for (const [c, kind, type] of [
        [isp, 'warrant', 'warrant_summary'],
        [sato, 'inquiry', 'inquiry'],
        [board, 'civil_disclosure', 'opinion'],
      ] as const) {
        const r = await atHub(c, await pdfOf(c, kind, type));
        assert.equal(r.ok, true, `${type}: ${JSON.stringify(r.checks)}`);
        assert.equal(directoryOf(r)?.result, 'pass', type);
        assert.match(directoryOf(r)?.message.ja ?? '', /鍵の一覧（ディレクトリ）と意見照会の記録に一致します/);
      }
    });

    test('a warrant summary naming 最高裁判所: offline it says the name is not signed, the hub fails it', async () => {
      const forged = await reRendered(await pdfOf(isp, 'warrant', 'warrant_summary'), (d) => {
        d.names.court = { ja: '最高裁判所', en: 'Supreme Court of Japan' };
      });
      const off = await offline(forged, 'warrant-forged');
      assert.equal(off.ok, true, 'offline, nothing signed changed');
      assert.equal(directoryOf(off)?.result, 'skipped');
      assert.match(directoryOf(off)?.message.en ?? '', /not compared with the directory/);
      assert.ok(off.unsigned.some((u) => /the court's name "Supreme Court of Japan" is not signed/.test(u.en)));
      await failsAtHub(
        await atHub(isp, forged),
        /裁判所の名称: 印字は「最高裁判所」ですが、鍵の一覧（ディレクトリ）では「東京地方裁判所」です/,
        /the court's name: printed "最高裁判所", but the directory holds "東京地方裁判所"/,
      );
    });

    test('an inquiry letter with another approver and unit fails at the hub, naming both', async () => {
      const forged = await reRendered(await pdfOf(sato, 'inquiry', 'inquiry'), (d) => {
        d.names.approver = '別人 警視';
        d.names.unit = { ja: '架空の係', en: 'A made-up section' };
      });
      assert.equal((await offline(forged, 'inquiry-forged')).ok, true);
      const r = await atHub(sato, forged);
      await failsAtHub(r, /決裁者の氏名: 印字は「別人 警視」ですが/, /the approver's name: printed "別人 警視"/);
      assert.match(directoryOf(r)?.message.ja ?? '', /所属の名称: 印字は「架空の係」ですが/);
      assert.match(directoryOf(r)?.message.en ?? '', /the unit's name: printed "架空の係"/);
    });

    test('names printed as unknown that the directory holds fail at the hub, in the words printed', async () => {
      const forged = await reRendered(await pdfOf(isp, 'warrant', 'warrant_summary'), (d) => {
        d.names = { ...d.names, agency: null, unit: null, provider: null, court: null };
      });
      const off = await offline(forged, 'warrant-unknown');
      assert.equal(off.ok, true);
      assert.ok(off.unsigned.some((u) => /the unit's name .* printed "\(unit name unknown\)"/.test(u.en)));
      const r = await atHub(isp, forged);
      await failsAtHub(r, /所属の名称: 印字は「（所属名不明）」ですが、鍵の一覧（ディレクトリ）では「/, /./);
      // The language in which the name differs is shown, in both reports: here the Japanese words printed.
      for (const what of ['機関', '所属', '事業者', '裁判所'])
        assert.match(
          directoryOf(r)?.message.en ?? '',
          new RegExp(`printed "（${what}名不明）", but the directory holds`),
        );
    });

    test('an opinion letter with another provider, lawyer and deadline fails at the hub, naming each', async () => {
      const forged = await reRendered(await pdfOf(board, 'civil_disclosure', 'opinion'), (d) => {
        d.names.provider = { ja: '偽物掲示板株式会社', en: 'Fake Board K.K.' };
        d.names.approver = '弁護士 偽物 太郎';
        assert.ok(d.hearingDueAt);
        d.hearingDueAt = new Date(Date.parse(d.hearingDueAt) + 30 * 86_400_000).toISOString();
      });
      const off = await offline(forged, 'opinion-forged');
      assert.equal(off.ok, true);
      assert.ok(off.unsigned.some((u) => /the hearing's reply deadline ".*" is not signed/.test(u.en)));
      const r = await atHub(board, forged);
      await failsAtHub(r, /事業者の名称: 印字は「偽物掲示板株式会社」ですが/, /the provider's name: printed/);
      const d = directoryOf(r);
      assert.match(d?.message.ja ?? '', /署名した弁護士の氏名: 印字は「弁護士 偽物 太郎」ですが/);
      assert.match(d?.message.ja ?? '', /意見照会の回答期限: 印字「.*」は意見照会の記録と異なります/);
      assert.match(
        d?.message.en ?? '',
        /the hearing's reply deadline: the printed ".*" is not what the hearing's record/,
      );
    });

    test("an opinion letter dated another day fails at the hub: the date is the hearing record's", async () => {
      const forged = await reRendered(await pdfOf(board, 'civil_disclosure', 'opinion'), (d) => {
        assert.ok(d.hearingSentAt);
        d.hearingSentAt = new Date(Date.parse(d.hearingSentAt) - 5 * 86_400_000).toISOString();
      });
      const off = await offline(forged, 'opinion-dated');
      assert.equal(off.ok, true);
      assert.ok(off.unsigned.some((u) => /the opinion letter's date of issue ".*" is not signed/.test(u.en)));
      await failsAtHub(
        await atHub(board, forged),
        /意見照会書の発出日: 印字「.*」は意見照会の記録と異なります/,
        /the opinion letter's date of issue: the printed ".*" is not what the hearing's record holds/,
      );
    });

    test('a deadline written in another form of the same instant is no forgery', async () => {
      const same = await reRendered(await pdfOf(board, 'civil_disclosure', 'opinion'), (d) => {
        assert.ok(d.hearingDueAt);
        const written = formatIsoAtOffset(Date.parse(d.hearingDueAt), 540);
        assert.notEqual(written, d.hearingDueAt);
        d.hearingDueAt = written;
      });
      assert.equal((await atHub(board, same)).ok, true);
    });

    test("keys the forger made, under the genuine keys' ids, pass offline and fail at the hub", async () => {
      const approverKey = generateSigningKeyPair();
      const unitKey = generateSigningKeyPair();
      const forged = await reRendered(await pdfOf(sato, 'inquiry', 'inquiry'), (d) => {
        const p = d.envelope.payload;
        const ids = { approver: d.envelope.signatures.approver.keyId, unit: d.envelope.signatures.unit.keyId };
        d.envelope = {
          v: 1,
          payload: p,
          signatures: {
            approver: {
              keyId: ids.approver,
              signature: signCanonical(approverKey.privateKey, SIGNATURE_PURPOSES.requestApproval, p),
            },
            unit: { keyId: ids.unit, signature: signCanonical(unitKey.privateKey, SIGNATURE_PURPOSES.requestUnit, p) },
          },
        };
        d.signers = [
          {
            role: 'approver',
            keyId: ids.approver,
            publicKey: approverKey.publicKey,
            fingerprint: keyFingerprint(approverKey.publicKey),
          },
          {
            role: 'unit',
            keyId: ids.unit,
            publicKey: unitKey.publicKey,
            fingerprint: keyFingerprint(unitKey.publicKey),
          },
        ];
      });
      assert.equal((await offline(forged, 'keys-forged')).ok, true, 'offline the embedded keys are all there is');
      await failsAtHub(
        await atHub(sato, forged),
        /決裁者の鍵（SHA-256 [0-9a-f ]+）は鍵の一覧の同じ識別子の鍵と異なります/,
        /the approver's key \(SHA-256 [0-9a-f ]+\) differs from the directory's key of that identifier/,
      );
    });
  });
}
