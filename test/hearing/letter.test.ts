// The hearing letter (意見照会書) as the provider sends it to the subscriber, Japanese and English: what the
// request asks for by the ordinance's items (not the data categories), the rights it says were infringed and its
// legitimate reason as it states them — only what it holds — and the deadline as the day it ends.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { opinionDeadline } from '../../src/domain/days-off.ts';
import { RequestContentSchema } from '../../src/domain/request-content.ts';
import { hearingLetter, type LetterFacts } from '../../src/hearing/letter.ts';

const sentAt = new Date('2026-12-01T01:00:05.827Z');
const claim = {
  kind: 'civil_disclosure',
  providerOrganisationId: 'org_board',
  caseReference: '当事務所 2026-民-031',
  offence: '',
  facts: '掲示板に請求者の実名を挙げて「前科がある」との虚偽の書込み。',
  necessity: '発信者に損害賠償を請求するため、発信者を特定する必要がある。',
  targets: [{ type: 'url', url: 'https://sakura-board.example/thread/8812#res-51' }],
  categories: ['subscriber', 'access_log'],
  civil: {
    route: 'lawyer_request',
    claimant: '甲野 花子',
    rights: ['honour', 'privacy'],
    rightsInfringed: '前科があるとの摘示は事実に反し、社会的評価を低下させる。',
    purposes: ['damages', 'criminal_complaint'],
    senderInformation: ['name', 'address', 'ip_and_port', 'timestamp'],
  },
};

const letterOf = (content: unknown): string => {
  const facts: LetterFacts = {
    content: RequestContentSchema.parse(content),
    reference: 'SHK-2026-000005',
    provider: { nameJa: 'さくら掲示板株式会社', nameEn: 'Sakura Board Inc.' },
    subscriberName: '山田 太郎',
    sentAt,
    dueAt: opinionDeadline(sentAt),
    replyUrl: 'https://hub.example.jp/hearing/t',
    code: '1234-5678',
  };
  return hearingLetter(facts);
};

test('the letter names the ordinance items asked for, the rights and the legitimate reason, in both languages', () => {
  const letter = letterOf(claim);
  for (const said of [
    '次の情報の開示を求められています: 発信者その他侵害情報の送信に係る者の氏名又は名称、発信者等の住所、' +
      '侵害情報に係るIPアドレス及び接続元ポート番号、侵害情報が送信された年月日及び時刻。',
    '侵害されたとする権利: 名誉権、プライバシー権',
    '請求者の主張する権利侵害: 前科があるとの摘示は事実に反し、社会的評価を低下させる。',
    '開示を受けるべき正当な理由: 損害賠償請求権の行使、刑事告訴のため',
    '正当な理由についての請求者の説明: 発信者に損害賠償を請求するため、発信者を特定する必要がある。',
    'asking us to disclose: Name of the sender (or another person who sent it); The sender’s address; The IP ' +
      'address and source port of the post; The date and time the post was sent.',
    'The rights said to be infringed: Honour (defamation), ',
    'The legitimate reason for disclosure: To claim damages; To file a criminal complaint',
    "The claimant's explanation of that reason: 発信者に損害賠償を請求するため",
  ]) {
    assert.ok(letter.includes(said), `${said}\n---\n${letter}`);
  }
  assert.doesNotMatch(letter, /契約者情報|通信履歴|subscriber information|access log/i);
});

test('the deadline is the day the reply link closes at its end: a date with the era year, no time or offset', () => {
  const letter = letterOf(claim);
  assert.ok(letter.includes('その理由を、令和8年（2026年）12月15日までにご回答ください。'), letter);
  assert.ok(letter.includes('Please tell us by 15 December 2026 (Japan time) whether you consent'), letter);
  assert.doesNotMatch(letter, /\d\d:\d\d|\+09:00/);
});

test('a request that names no items, rights or reasons (before issue 15) is not filled in', () => {
  const { rights: _r, purposes: _p, senderInformation: _s, route: _route, ...old } = claim.civil;
  const letter = letterOf({ ...claim, categories: ['subscriber'], civil: { ...old, counsel: '乙川' } });
  assert.ok(letter.includes('次の情報の開示を求められています: 契約者情報。'), letter);
  assert.doesNotMatch(letter, /侵害されたとする権利|開示を受けるべき正当な理由:|The legitimate reason|氏名又は名称/);
});
