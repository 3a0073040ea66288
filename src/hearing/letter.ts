import { senderInformationLabels } from '../domain/civil-disclosure.ts';
import type { RequestContent } from '../domain/request-content.ts';
import { formatDate, formatDateTime, JAPAN_ZONE } from '../domain/time.ts';
import {
  COURT_ORDER_TYPE_LABELS,
  DATA_CATEGORY_LABELS,
  INFRINGED_RIGHT_LABELS,
  REQUEST_KIND_LABELS,
} from '../domain/vocabulary.ts';

// The hearing letter (意見照会書): Japanese first, an English translation after; dates with the era
// year beside the Western year, the deadline to the second with its offset (the instant the reply link
// closes, as the printed 意見照会書 states it); the reply link and its one-time code. Pure text.

const ZONE = JAPAN_ZONE;

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
  const civil = f.content.kind === 'civil_disclosure' ? f.content.civil : undefined;
  const order = civil?.courtOrder;
  const claim = civil
    ? [
        ...(civil.rights
          ? [`侵害されたとする権利: ${civil.rights.map((r) => INFRINGED_RIGHT_LABELS[r].ja).join('、')}`]
          : []),
        `請求者の主張する権利侵害: ${civil.rightsInfringed}`,
        ...(civil.senderInformation
          ? [`開示を求められている情報: ${senderInformationLabels(civil, 'ja').join('、')}`]
          : []),
        ...(order ? [`裁判所の命令: ${COURT_ORDER_TYPE_LABELS[order.type].ja} ${order.caseNumber}`] : []),
        ...(civil.courtOrderReference ? [`開示命令: ${civil.courtOrderReference}`] : []),
      ]
    : [];
  const claimEn = civil
    ? [
        ...(civil.rights
          ? [`The rights said to be infringed: ${civil.rights.map((r) => INFRINGED_RIGHT_LABELS[r].en).join(', ')}`]
          : []),
        `The rights the claimant says were infringed: ${civil.rightsInfringed}`,
        ...(civil.senderInformation
          ? [`The information asked for: ${senderInformationLabels(civil, 'en').join('; ')}`]
          : []),
        ...(order ? [`Court order: ${COURT_ORDER_TYPE_LABELS[order.type].en} ${order.caseNumber}`] : []),
        ...(civil.courtOrderReference ? [`Disclosure order: ${civil.courtOrderReference}`] : []),
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
    `開示に同意されるかどうか、同意されない場合はその理由を、${formatDateTime(f.dueAt, 'ja', ZONE)}までにご回答ください。`,
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
    `Please tell us by ${formatDateTime(f.dueAt, 'en', ZONE)} whether you consent to the disclosure, and if not, why.`,
    'Without a reply by then, we decide on the disclosure without your opinion.',
    `Reply at: ${f.replyUrl}`,
    `Reply code: ${f.code}`,
  ].join('\n');
}
