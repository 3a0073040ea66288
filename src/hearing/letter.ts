import type { RequestContent } from '../domain/request-content.ts';
import { formatDate } from '../domain/time.ts';
import { DATA_CATEGORY_LABELS, REQUEST_KIND_LABELS } from '../domain/vocabulary.ts';

// The hearing letter (意見照会書): Japanese first, an English translation after; dates with the era
// year beside the Western year; the reply link and its one-time code. Pure text.

const ZONE = 'Asia/Tokyo';

export interface LetterFacts {
  content: RequestContent;
  reference: string;
  provider: { nameJa: string; nameEn: string };
  subscriberName: string;
  subscriberAddress?: string;
  sentAt: Date;
  dueAt: Date;
  replyUrl: string;
  code: string;
}

export function hearingLetter(f: LetterFacts): string {
  const kind = REQUEST_KIND_LABELS[f.content.kind];
  const cats = f.content.categories;
  const claim =
    f.content.kind === 'civil_disclosure'
      ? [
          `請求者の主張する権利侵害: ${f.content.civil.rightsInfringed}`,
          ...(f.content.civil.courtOrderReference ? [`開示命令: ${f.content.civil.courtOrderReference}`] : []),
        ]
      : [];
  const claimEn =
    f.content.kind === 'civil_disclosure'
      ? [
          `The rights the claimant says were infringed: ${f.content.civil.rightsInfringed}`,
          ...(f.content.civil.courtOrderReference ? [`Disclosure order: ${f.content.civil.courtOrderReference}`] : []),
        ]
      : [];
  const posts = f.content.targets.map((t) => (t.type === 'url' ? t.url : t.type === 'ip' ? t.address : t.type));
  return [
    '意見照会書',
    '',
    ...(f.subscriberAddress ? [f.subscriberAddress] : []),
    `${f.subscriberName} 様`,
    '',
    formatDate(f.sentAt, 'ja', ZONE),
    f.provider.nameJa,
    '',
    `当社は、${kind.ja}（${f.reference}）により、次の情報の開示を求められています: ${cats
      .map((c) => DATA_CATEGORY_LABELS[c].ja)
      .join('、')}。`,
    `対象: ${posts.join('、')}`,
    ...claim,
    '',
    `開示に同意されるかどうか、同意されない場合はその理由を、${formatDate(f.dueAt, 'ja', ZONE)}までにご回答ください。`,
    '期限までにご回答がない場合、当社はご意見がないものとして開示するかどうかを判断します。',
    '',
    `回答用アドレス: ${f.replyUrl}`,
    `回答コード: ${f.code}`,
    '',
    '— English —',
    'Hearing letter (request for your opinion)',
    `To ${f.subscriberName}`,
    `${formatDate(f.sentAt, 'en', ZONE)}, ${f.provider.nameEn}`,
    `We have received a ${kind.en.toLowerCase()} (${f.reference}) asking us to disclose: ${cats
      .map((c) => DATA_CATEGORY_LABELS[c].en.toLowerCase())
      .join(', ')}.`,
    `About: ${posts.join(', ')}`,
    ...claimEn,
    `Please tell us by ${formatDate(f.dueAt, 'en', ZONE)} whether you consent to the disclosure, and if not, why.`,
    'Without a reply by then, we decide on the disclosure without your opinion.',
    `Reply at: ${f.replyUrl}`,
    `Reply code: ${f.code}`,
  ].join('\n');
}
