// Layout 7, after a defence lawyer's review of the printed documents: the page says which names no signature
// covers and never credits a court of a printed name with the signature; each signer's algorithm is named (a
// passkey signs with ECDSA P-256, not Ed25519); 指定値 stands only beside an instant the requester wrote in
// another form than the print; the opinion letter is dated and calls the signing lawyer counsel; no "Inc..".
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { documentFont } from '../../src/documents/font.ts';
import { documentInstant } from '../../src/documents/instants.ts';
import { layoutRules } from '../../src/documents/layouts.ts';
import { DOCUMENT_LAYOUT, type DocumentData, DocumentDataSchema } from '../../src/documents/model.ts';
import { renderDocument } from '../../src/documents/render.ts';
import { verifyDocument } from '../../src/documents/verify.ts';
import { goldenInputs } from './golden.ts';
import { flat, readBack } from './support.ts';

const dataOf = (name: string): DocumentData => {
  const found = goldenInputs().get(name);
  assert.ok(found, `golden input ${name}`);
  return DocumentDataSchema.parse({ ...(found as object), layout: DOCUMENT_LAYOUT });
};
const textOf = async (data: DocumentData): Promise<string> =>
  flat(readBack(await renderDocument(DocumentDataSchema.parse(data), documentFont())).text);

test('the warrant summary credits the court key, not a printed court name, with the signature', async () => {
  const forged = dataOf('warrant_summary');
  forged.names.court = { ja: '最高裁判所', en: 'Supreme Court of Japan' };
  const text = await textOf(forged);
  assert.doesNotMatch(text, /最高裁判所の電子署名/);
  assert.doesNotMatch(text, /裁判所の電子署名により認証されています/);
  assert.match(text, /下記の令状は、鍵SHA-256acab8c72[0-9a-f]+（令状を発付した裁判官の認証器）の電子署名により認証/);
  assert.match(text, /裁判所の名称は、文書の作成時に鍵の一覧にあったものを印字しており、署名の対象外です/);
  assert.match(text, /裁判所と請求者と名宛人の識別子・対象・記録の種類に対するもので、名称は含みません/);
});

test('the signature block says the names are the directory’s, unsigned; the opinion says so of its dates', async () => {
  for (const name of ['inquiry', 'answer', 'mlat_letter']) {
    const text = await textOf(dataOf(name));
    assert.match(
      text,
      /名称と氏名は、文書の作成時にshokaiの鍵の一覧（ディレクトリ）にあったものを印字しており、署名の対象外/,
      name,
    );
  }
  assert.match(
    await textOf(dataOf('opinion')),
    /発出日と回答期限は事業者の意見照会の記録によるもので、いずれも署名の対象外/,
  );
});

test('each signer is printed with the algorithm it signed with: a passkey ECDSA P-256, the unit Ed25519', async () => {
  const text = await textOf(dataOf('warrant_summary'));
  assert.doesNotMatch(text, /電子署名（Ed25519）/);
  assert.match(text, /電子署名\/ElectronicSignatures/i);
  assert.match(text, /決裁者田中課長ECDSAP-256（WebAuthnの認証器\/passkey）鍵SHA-256/);
  assert.match(text, /所属サイバー犯罪対策課第一係Ed25519鍵SHA-256/);
  assert.match(text, /裁判所東京地方裁判所ECDSAP-256（WebAuthnの認証器\/passkey）鍵SHA-256/);
  const report = await verifyDocument(await renderDocument(dataOf('warrant_summary'), documentFont()), documentFont());
  const signatures = report.checks.find((c) => c.check === 'signatures');
  assert.match(
    signatures?.message.en ?? '',
    /approver: ECDSA P-256 \(WebAuthn passkey\); unit: Ed25519; court: ECDSA P-256/,
  );
  assert.match(signatures?.message.ja ?? '', /決裁者: ECDSA P-256（WebAuthn の認証器）、所属: Ed25519/);
});

test('指定値 only beside a requested instant written in another offset or finer than the second', () => {
  const rules = layoutRules(DOCUMENT_LAYOUT);
  assert.ok(rules);
  const zone = 'Asia/Tokyo';
  const at = (v: string, origin: 'request' | 'record') => documentInstant(v, zone, rules, origin);
  // The same instant at the zone's offset, milliseconds written as .000: the print says all of it.
  assert.equal(at('2026-03-01T10:02:03.000+09:00', 'request'), '令和8年（2026年）3月1日 10:02:03 +09:00');
  assert.equal(at('2026-03-01T10:02:03+09:00', 'request'), '令和8年（2026年）3月1日 10:02:03 +09:00');
  // Another offset, or a finer instant: what the requester wrote is printed beside it.
  assert.match(at('2026-03-01T01:02:03Z', 'request'), /（指定値 2026-03-01T01:02:03Z）$/);
  assert.match(at('2026-03-01T01:02:03.000+00:00', 'request'), /（指定値 2026-03-01T01:02:03\.000\+00:00）$/);
  assert.match(at('2026-03-01T10:02:03.250+09:00', 'request'), /（指定値 2026-03-01T10:02:03\.250\+09:00）$/);
  // An instant of records (a window, a candidate's period, an access-log row) never carries it.
  assert.equal(at('2026-03-01T01:02:03.649Z', 'record'), '令和8年（2026年）3月1日 10:02:03 +09:00');
  // Layout 6 printed as it did: the label whenever the string was not the zone's own ISO form.
  const six = layoutRules(6);
  assert.ok(six);
  assert.match(documentInstant('2026-03-01T10:02:03.000+09:00', zone, six, 'record'), /指定値/);
});

test('the answer prints its access-log row without 指定値', async () => {
  const text = await textOf(dataOf('answer'));
  assert.match(text, /令和8年（2026年）11月28日10:00:00\+09:00203\.0\.113\.7ポート40211投稿/);
  assert.doesNotMatch(text, /指定値/);
});

test('the opinion letter is dated with the day the hearing letter was sent, and signed by counsel', async () => {
  const data = dataOf('opinion');
  assert.equal(data.hearingSentAt, '2026-12-01T01:00:05.827Z');
  const text = await textOf(data);
  assert.match(text, /^文書番号第SHK-2026-000005-OPN号令和8年（2026年）12月1日契約者（発信者）様/);
  assert.match(text, /代理人弁護士乙川一郎ECDSAP-256/);
  assert.match(text, /法律事務所乙川綜合法律事務所Ed25519/);
  assert.doesNotMatch(text, /決裁者/);
  // From layout 7 an opinion letter must carry its date; no other document may.
  const undated = { ...dataOf('opinion') } as Record<string, unknown>;
  delete undated.hearingSentAt;
  assert.equal(DocumentDataSchema.safeParse(undated).success, false);
  assert.equal(
    DocumentDataSchema.safeParse({ ...dataOf('inquiry'), hearingSentAt: data.hearingSentAt }).success,
    false,
  );
});

test('the MLAT letter ends a sentence after "Inc." with one full stop', async () => {
  const text = readBack(await renderDocument(dataOf('mlat_letter'), documentFont())).text.replace(/\s+/g, ' ');
  assert.match(text, /held by Example Social, Inc\. /);
  assert.doesNotMatch(text, /Inc\.\./);
});
