import { type CivilBlock, soughtItems } from '../domain/civil-disclosure.ts';
import { replyDeadlineText } from '../domain/deadlines.ts';
import type { RequestContent } from '../domain/request-content.ts';
import { formatDate, formatDateTime, parseIsoInstant } from '../domain/time.ts';
import { DISCLOSURE_PURPOSE_LABELS, DOCUMENT_TYPE_LABELS, INFRINGED_RIGHT_LABELS } from '../domain/vocabulary.ts';
import { categories, item, targets } from './bodies.ts';
import { issuerName, orgName, providerName } from './issuer.ts';
import type { Typesetter } from './layout.ts';
import type { LayoutRules } from './layouts.ts';
import { type DocumentData, personName } from './model.ts';

/** 意見照会書: the provider asks the subscriber for their opinion, with a reply form to send back. */
export function opinionBody(ts: Typesetter, data: DocumentData, content: RequestContent, rules: LayoutRules): void {
  const provider = providerName(data, rules, 'ja');
  ts.block({ text: `文書番号　第 ${data.serial} 号`, align: 'right' });
  // Layout 7: dated as every other letter is, with the day the provider sent the hearing letter.
  if (rules.opinionDated) {
    if (!data.hearingSentAt) throw new Error('an opinion letter of layout 7 on needs the day it was sent');
    ts.block({ text: formatDate(parseIsoInstant(data.hearingSentAt), 'ja', data.zone), align: 'right' });
  }
  ts.block({ text: '契約者（発信者）　様', size: 12, before: 14 });
  ts.block({ text: provider, align: 'right', before: 10 });
  ts.block({ text: DOCUMENT_TYPE_LABELS.opinion.ja, size: 16, align: 'center', before: 24 });
  // The deadline the system enforces for the hearing's reply, as an instant with its offset (layout 3 on).
  let due = '照会を受けた日から14日以内に';
  if (rules.replyDeadline) {
    if (!data.hearingDueAt) throw new Error('an opinion letter needs the hearing deadline');
    const at = parseIsoInstant(data.hearingDueAt);
    // Layout 9: the day the deadline ends (the reply link is open all of it), not its time of day.
    due = rules.opinionAsRequested
      ? `${replyDeadlineText(new Date(at.utc), 'ja', data.zone)}までに`
      : `${formatDateTime(at, 'ja', data.zone)}までに`;
  }
  ts.block({
    text:
      `当社は、下記の請求者から、あなたの発信者情報の開示を求める請求を受けました。情報流通プラットフォーム対処法第6条第1項に基づき、開示に同意するかどうか、あなたのご意見を伺います。${due}、` +
      '末尾の回答書でご回答ください。期限までに回答がない場合、当社が判断します。',
    before: 16,
  });
  ts.block({ text: '記', align: 'center', before: 12 });
  const civil = content.kind === 'civil_disclosure' ? content.civil : undefined;
  // The signing lawyer is counsel (since issue 15 no free text names them): the office and the name
  // (layout 2 on; layout 1 printed a bare 弁護士).
  const approver = personName(data.names.approver, 'ja');
  const lawyer = !rules.counselNamed ? '弁護士' : approver.startsWith('弁護士') ? approver : `弁護士 ${approver}`;
  const counsel = civil && (civil.counsel ?? `${orgName(data.names.agency, 'agency', 'ja')}　${lawyer}`);
  if (rules.opinionAsRequested) asRequested(ts, data, content, rules, civil, counsel);
  else {
    item(ts, 1, '請求者', civil?.claimant ?? issuerName(data, 'ja'));
    if (counsel) item(ts, 2, '代理人', counsel);
    item(ts, 3, '侵害されたとする権利と理由', civil?.rightsInfringed ?? content.facts);
    item(ts, 4, '開示を求められている情報', `下記の投稿等に関する${categories(content)}`);
    targets(ts, data, content, rules);
    const order = civil?.courtOrder;
    if (order) item(ts, 5, '裁判所の命令', `${order.caseNumber}　${order.content}`);
    else if (civil?.courtOrderReference) item(ts, 5, '裁判所の命令', civil.courtOrderReference);
  }
  ts.block({ text: '以上', align: 'right', before: 8 });
  // Layout 8: the reply form, which the subscriber sends back, is a page of its own.
  if (rules.partsOnOwnPage) ts.startPage();
  else ts.rule(18);
  ts.block({ text: '回答書（ご意見の回答）', size: 14, align: 'center', before: rules.partsOnOwnPage ? 0 : 10 });
  ts.block({ text: `${provider}　御中`, before: 8 });
  ts.block({ text: `文書番号 第 ${data.serial} 号の意見照会について、次のとおり回答します。`, before: 8 });
  ts.block({ text: '□ 開示に同意します。', before: 10, indent: 16 });
  ts.block({ text: '□ 開示に同意しません。その理由は次のとおりです。', before: 6, indent: 16 });
  for (let i = 0; i < 5; i++) ts.block({ text: '＿'.repeat(38), before: 6, indent: 16 });
  ts.block({ text: '回答日　令和　　年（　　　　年）　　月　　日', before: 14, indent: 16 });
  ts.block({
    text: '氏名（名称）＿＿＿＿＿＿＿＿＿＿＿＿＿＿　連絡先＿＿＿＿＿＿＿＿＿＿＿＿',
    before: 10,
    indent: 16,
  });
}

/**
 * Layout 9: the items of the letter as the request states them, numbered in turn — the claimant and counsel; the
 * rights said to be infringed and why that is evident; the legitimate reason for disclosure and its explanation;
 * the posts; the sender information asked for, by the ordinance's items; a court's order. What the request does
 * not hold (a request stored before issue 15 names no rights or items) is left out, never filled in.
 */
function asRequested(
  ts: Typesetter,
  data: DocumentData,
  content: RequestContent,
  rules: LayoutRules,
  civil: CivilBlock | undefined,
  counsel: string | undefined,
): void {
  let n = 0;
  const next = (title: string, text: string) => item(ts, ++n, title, text);
  const line = (text: string) => ts.block({ text, indent: 16 });
  next('請求者', civil?.claimant ?? issuerName(data, 'ja'));
  if (counsel) next('代理人', counsel);
  if (civil?.rights) next('侵害されたとする権利', civil.rights.map((r) => INFRINGED_RIGHT_LABELS[r].ja).join('、'));
  next('権利が侵害されたことが明らかである理由（請求者の主張）', civil?.rightsInfringed ?? content.facts);
  const reasons = civil?.purposes?.map((r) => DISCLOSURE_PURPOSE_LABELS[r].ja).join('、');
  const explained = civil ? content.necessity.trim() : '';
  if (reasons || explained) {
    next('開示を受けるべき正当な理由（請求者の主張）', reasons || explained);
    if (reasons && explained) line(explained);
  }
  ts.block({ text: `${++n}　侵害情報（開示請求の対象の投稿等）`, before: 8 });
  targets(ts, data, content, rules);
  next(
    '開示を求められている情報',
    civil?.senderInformation ? '上記の投稿等に関する次の発信者情報' : '上記の投稿等に関する',
  );
  for (const label of soughtItems(content, 'ja')) line(`・${label}`);
  const order = civil?.courtOrder;
  if (order) next('裁判所の命令', `${order.caseNumber}　${order.content}`);
  else if (civil?.courtOrderReference) next('裁判所の命令', civil.courtOrderReference);
}
