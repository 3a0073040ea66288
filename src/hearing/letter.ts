import { soughtItems } from '../domain/civil-disclosure.ts';
import { replyDeadlineText } from '../domain/deadlines.ts';
import type { RequestContent } from '../domain/request-content.ts';
import { formatDate, JAPAN_ZONE } from '../domain/time.ts';
import {
  COURT_ORDER_TYPE_LABELS,
  DISCLOSURE_PURPOSE_LABELS,
  INFRINGED_RIGHT_LABELS,
  REQUEST_KIND_LABELS,
} from '../domain/vocabulary.ts';

// The hearing letter (意見照会書): Japanese first, an English translation after; dates with the era
// year beside the Western year, the deadline as the day it ends (the reply link stays open that whole day
// in Japan, opinionDeadline), as the printed 意見照会書 states it; what the request asks for by the
// ordinance's items, the rights it says were infringed and its legitimate reason, only as the request
// states them; the reply link and its one-time code. Pure text.

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
  const civil = f.content.kind === 'civil_disclosure' ? f.content.civil : undefined;
  const reason = civil?.purposes;
  const explained = civil ? f.content.necessity.trim() : '';
  const order = civil?.courtOrder;
  const claim = civil
    ? [
        ...(civil.rights
          ? [`侵害されたとする権利: ${civil.rights.map((r) => INFRINGED_RIGHT_LABELS[r].ja).join('、')}`]
          : []),
        `請求者の主張する権利侵害: ${civil.rightsInfringed}`,
        ...(reason
          ? [`開示を受けるべき正当な理由: ${reason.map((r) => DISCLOSURE_PURPOSE_LABELS[r].ja).join('、')}`]
          : []),
        ...(explained ? [`正当な理由についての請求者の説明: ${explained}`] : []),
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
        ...(reason
          ? [`The legitimate reason for disclosure: ${reason.map((r) => DISCLOSURE_PURPOSE_LABELS[r].en).join('; ')}`]
          : []),
        ...(explained ? [`The claimant's explanation of that reason: ${explained}`] : []),
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
    `当社は、${kind.ja}（${f.reference}）により、次の情報の開示を求められています: ${soughtItems(f.content, 'ja').join('、')}。`,
    `対象: ${posts.join('、')}`,
    ...claim,
    '',
    `開示に同意されるかどうか、同意されない場合はその理由を、${replyDeadlineText(f.dueAt, 'ja', ZONE)}までにご回答ください。`,
    '期限までにご回答がない場合、当社はご意見がないものとして開示するかどうかを判断します。',
    '',
    `回答用アドレス: ${f.replyUrl}`,
    `回答コード: ${f.code}`,
    '',
    '— English —',
    'Hearing letter (request for your opinion)',
    `To ${f.subscriberName}`,
    `${formatDate(f.sentAt, 'en', ZONE)}, ${f.provider.nameEn}`,
    `We have received a ${kind.en.toLowerCase()} (${f.reference}) asking us to disclose: ${soughtItems(
      f.content,
      'en',
    ).join('; ')}.`,
    `About: ${posts.join(', ')}`,
    ...claimEn,
    `Please tell us by ${replyDeadlineText(f.dueAt, 'en', ZONE)} (Japan time) whether you consent to the ` +
      'disclosure, and if not, why.',
    'Without a reply by then, we decide on the disclosure without your opinion.',
    `Reply at: ${f.replyUrl}`,
    `Reply code: ${f.code}`,
  ].join('\n');
}
