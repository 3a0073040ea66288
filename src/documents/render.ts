import { payloadDigest } from '../domain/envelope.ts';
import { type RequestContent, RequestContentSchema } from '../domain/request-content.ts';
import type { Target } from '../domain/targets.ts';
import { describeTarget } from '../domain/targets.ts';
import { formatDate, formatDateTime, formatIsoInZone, parseIsoInstant } from '../domain/time.ts';
import { DATA_CATEGORY_LABELS, DOCUMENT_TYPE_LABELS } from '../domain/vocabulary.ts';
import { Typesetter } from './layout.ts';
import { DOCUMENT_ATTACHMENT, type DocumentData, qrText, verificationCode } from './model.ts';

/**
 * Renders a document from its data. Pure and deterministic: the same data and font give the same
 * bytes, so `verifyDocument` can re-render the embedded data and compare the pages.
 */

/** An instant as documents print it: era year beside the Western year, the time with the zone's offset. */
export function documentInstant(value: string, zone: string): string {
  const at = parseIsoInstant(value);
  const shown = formatDateTime(at, 'ja', zone);
  // What the requester wrote, when it was written with another offset than the document's zone.
  return formatIsoInZone(at, zone) === value ? shown : `${shown}（指定値 ${value}）`;
}

/** One target as printed: identifier and, for times, the instant with its offset. */
export function targetLine(t: Target, zone: string): string {
  switch (t.type) {
    case 'ip': {
      const port = t.port === undefined ? '' : ` ポート番号 ${t.port}`;
      const tol = t.toleranceSeconds > 0 ? `（前後 ${t.toleranceSeconds} 秒）` : '';
      return `IPアドレス ${t.address}${port}　通信日時 ${documentInstant(t.at, zone)}${tol}`;
    }
    case 'terminal':
      return `端末 ${t.terminal}　利用時間 ${documentInstant(t.from, zone)} から ${documentInstant(t.to, zone)} まで`;
    default:
      return describeTarget(t, 'ja');
  }
}

const numbered = (n: number): string => `（${n}）`;

function inquiryBody(ts: Typesetter, data: DocumentData, content: RequestContent): void {
  const issuedAt = data.envelope.payload.issuedAt;
  ts.block({ text: `文書番号　第 ${data.serial} 号`, align: 'right' });
  ts.block({ text: formatDate(parseIsoInstant(issuedAt), 'ja', data.zone), align: 'right' });
  ts.block({ text: `${data.names.provider?.ja ?? ''}　御中`, size: 12, before: 14 });
  ts.block({ text: `${data.names.agency.ja}　${data.names.unit.ja}`, align: 'right', before: 10 });
  ts.block({ text: `所属長（決裁者）　${data.names.approver}（電子署名）`, align: 'right' });
  ts.block({ text: DOCUMENT_TYPE_LABELS.inquiry.ja, size: 16, align: 'center', before: 24 });
  ts.block({
    text: '捜査のため必要があるので、刑事訴訟法第197条第2項に基づき、下記事項について照会します。',
    before: 16,
  });
  if (content.requestedBy) {
    ts.block({
      text: `なお、${formatDateTime(parseIsoInstant(content.requestedBy), 'ja', data.zone)} までに回答願います。`,
    });
  }
  ts.block({ text: '記', align: 'center', before: 12 });
  const item = (n: number, title: string, text: string) => {
    ts.block({ text: `${n}　${title}`, before: 8 });
    ts.block({ text, indent: 16 });
  };
  item(1, '照会の根拠', '刑事訴訟法第197条第2項（捜査関係事項照会）');
  item(2, '事件番号', content.caseReference);
  item(3, '罪名', content.offence);
  item(4, '照会事項', `下記の対象について、${content.categories.map((c) => DATA_CATEGORY_LABELS[c].ja).join('、')}`);
  content.targets.forEach((t, i) => {
    ts.block({ text: `${numbered(i + 1)} ${targetLine(t, data.zone)}`, indent: 16 });
  });
  item(5, '照会の必要性', content.necessity);
  item(6, '被疑事実の要旨', content.facts);
  item(7, '発出日時', formatDateTime(parseIsoInstant(issuedAt), 'ja', data.zone));
  ts.block({ text: '以上', align: 'right', before: 8 });
}

/** The signature block printed at the end: who signed with which key, and the signed payload's digest. */
function signatureBlock(ts: Typesetter, data: DocumentData, envelopeDigest: string): void {
  ts.rule(14);
  ts.block({ text: '電子署名（Ed25519）', size: 9, before: 4 });
  for (const s of data.signers) {
    const who = s.role === 'approver' ? `決裁者 ${data.names.approver}` : `所属 ${data.names.unit.ja}`;
    ts.block({ text: `${who}　鍵 ${s.fingerprint}`, size: 8, indent: 12 });
  }
  ts.block({ text: `署名対象（照会本体）の SHA-256: ${envelopeDigest}`, size: 8, indent: 12 });
  ts.block({
    text: 'この文書は署名済みの照会データを埋め込んでいます。`shokai document verify ファイル` または検証ページで、印字と署名を照合できます。',
    size: 8,
    indent: 12,
  });
}

export async function renderDocument(data: DocumentData, font: Uint8Array): Promise<Uint8Array> {
  const content = RequestContentSchema.parse(data.envelope.payload.content);
  const at = new Date(parseIsoInstant(data.envelope.payload.issuedAt).epochMs);
  const title = `${DOCUMENT_TYPE_LABELS[data.type].ja} ${data.serial}`;
  const ts = await Typesetter.create(font, { title, at });
  const envelopeDigest = payloadDigest(data.envelope.payload);
  switch (data.type) {
    case 'inquiry':
      inquiryBody(ts, data, content);
      break;
  }
  signatureBlock(ts, data, envelopeDigest);
  const code = verificationCode(data);
  ts.footer(
    [`${DOCUMENT_TYPE_LABELS[data.type].ja}　第 ${data.serial} 号`, `検証コード ${code}`],
    qrText(data, envelopeDigest),
  );
  await ts.doc.attach(new TextEncoder().encode(JSON.stringify(data)), DOCUMENT_ATTACHMENT, {
    mimeType: 'application/json',
    description: 'shokai: the signed request and keys this document was rendered from',
    creationDate: at,
    modificationDate: at,
  });
  return ts.doc.save({ useObjectStreams: false });
}
