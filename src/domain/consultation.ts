import type { Bilingual, ConsultationCategory, ConsultationReferral, ConsultationUrgency } from './vocabulary.ts';

/**
 * The consultation desk (生活相談窓口): what the desk does for each of the twelve categories, in the
 * project's own words, with the places it refers people to. Most consultations end with advice and a
 * referral; some become a case, and the playbook says which first step then follows. Pure data and
 * rules: the service records what the desk did.
 */

/** The first request a case opened from a consultation starts with. */
export type FirstStep = 'board_inquiry' | 'mail_analysis' | 'none';

export interface Playbook {
  category: ConsultationCategory;
  /** What the desk checks and tells the person, in order. */
  steps: Bilingual[];
  referrals: ConsultationReferral[];
  /** Whether the matter commonly becomes a case (the desk still decides). */
  caseLikely: boolean;
  /** The offence a case of this category is usually opened for (a starting text, edited by the officer). */
  offence: Bilingual;
}

const b = (ja: string, en: string): Bilingual => ({ ja, en });

const KEEP_EVIDENCE = b(
  '画面・メール・取引の記録を消さずに保存してもらい、URL と日時を書き留める',
  'Ask the person to keep screens, e-mails and transaction records, and to note each URL with its time',
);

export const PLAYBOOKS: Record<ConsultationCategory, Playbook> = {
  fraud: {
    category: 'fraud',
    steps: [
      KEEP_EVIDENCE,
      b(
        '料金の表示がないまま成立したとされる契約は無効を主張できると伝え、請求には応じず業者へ連絡しないよう勧める',
        'Explain that a contract claimed without the price shown ' +
          'beforehand can be contested; advise not to pay or contact the seller',
      ),
      b(
        '振込んでしまった場合は振込先口座を聴き取り、口座凍結の要否を所属で検討する',
        'If money was transferred, take down the receiving account and consider having it frozen',
      ),
    ],
    referrals: ['consumer_hotline', 'bank_fraud_desk', 'houterasu'],
    caseLikely: true,
    offence: b('詐欺（刑法246条）', 'Fraud (Penal Code art. 246)'),
  },
  auction: {
    category: 'auction',
    steps: [
      KEEP_EVIDENCE,
      b(
        '出品ページ、相手のアカウント、やり取りと振込の記録を確かめる',
        'Check the listing, the other party’s account, the messages and the payment record',
      ),
      b(
        '運営者の補償制度と、振込先金融機関への被害申告を案内する',
        'Point to the platform’s compensation scheme and to reporting the loss to the receiving bank',
      ),
    ],
    referrals: ['bank_fraud_desk', 'consumer_hotline', 'houterasu'],
    caseLikely: true,
    offence: b('詐欺（刑法246条）', 'Fraud (Penal Code art. 246)'),
  },
  defamation_threat: {
    category: 'defamation_threat',
    steps: [
      KEEP_EVIDENCE,
      b(
        '書込みの URL・投稿番号・日時を控え、身の危険が差し迫っていないかをまず確かめる',
        'Record the post’s URL, number and time; first make sure no danger to the person is imminent',
      ),
      b(
        '危害の告知は脅迫として事件化を検討し、掲示板運営者へ発信者の通信記録を照会する',
        'A threat of harm is considered for a case of intimidation; ' +
          'the board operator is asked for the poster’s records',
      ),
      b(
        '名誉毀損は告訴が必要となることを伝え、削除依頼や民事の開示請求の道も示す',
        'Explain that defamation needs a complaint by the victim; ' +
          'show the removal request and the civil disclosure route',
      ),
    ],
    referrals: ['human_rights_desk', 'houterasu'],
    caseLikely: true,
    offence: b('脅迫（刑法222条）', 'Intimidation (Penal Code art. 222)'),
  },
  child_abuse_material: {
    category: 'child_abuse_material',
    steps: [
      b(
        '画像をダウンロード・転送しないよう伝え、URL と見た日時だけを控える',
        'Tell the person not to download or forward the images; note only the URL and when it was seen',
      ),
      b(
        '被害児童が特定できる場合は保護を最優先に少年担当と連携する',
        'Where a child can be identified, protecting the child comes first, with the juvenile section',
      ),
      b('サイト運営者へ発信者の記録を照会する', 'Ask the site operator for the uploader’s records'),
    ],
    referrals: [],
    caseLikely: true,
    offence: b('児童ポルノ公然陳列（児童買春・児童ポルノ禁止法7条）', 'Public display of child abuse material'),
  },
  unauthorised_access: {
    category: 'unauthorised_access',
    steps: [
      KEEP_EVIDENCE,
      b(
        'パスワードの変更と、同じパスワードを使う他のサービスの変更を勧める',
        'Advise changing the password, and every other service’s that shares it',
      ),
      b(
        'サービスのログイン履歴（IP アドレスと日時）を入手してもらい、接続元を照会する',
        'Have the person obtain the service’s login history (addresses and times) so the source can be asked for',
      ),
    ],
    referrals: ['ipa_security'],
    caseLikely: true,
    offence: b('不正アクセス行為（不正アクセス禁止法3条）', 'Unauthorised access (Unauthorised Access Act art. 3)'),
  },
  malware: {
    category: 'malware',
    steps: [
      b('感染した機器をネットワークから外すよう勧める', 'Advise disconnecting the infected device from the network'),
      b(
        '届いたメールや入手元のファイル・URL を保存してもらう',
        'Ask the person to keep the e-mail, file or URL the malware came from',
      ),
      b(
        '復旧は専門窓口へ案内し、金銭要求や情報流出があれば事件化を検討する',
        'Send recovery questions to the specialist desk; consider a case where money is demanded or data leaked',
      ),
    ],
    referrals: ['ipa_security'],
    caseLikely: false,
    offence: b('不正指令電磁的記録供用（刑法168条の3）', 'Use of malware (Penal Code art. 168-3)'),
  },
  spam: {
    category: 'spam',
    steps: [
      b(
        'メールはヘッダごと保存してもらう（転送すると送信経路が失われる）',
        'Ask for the message with all its headers (forwarding loses the route it took)',
      ),
      b(
        'リンクを開かず返信しないよう伝え、受信拒否や振り分けを勧める',
        'Advise not to open links or reply; suggest filtering',
      ),
      b(
        '広告メールは迷惑メール相談センターへ、表示義務違反の広告は電子商取引モニタリングセンターへ情報提供できる',
        'Advertising mail can be reported to the spam centre; adverts ' +
          'without the legally required details to the e-commerce centre',
      ),
    ],
    referrals: ['spam_centre', 'ec_monitoring', 'consumer_hotline'],
    caseLikely: false,
    offence: b('特定電子メール法違反', 'Act on Specified Electronic Mail'),
  },
  card_fraud: {
    category: 'card_fraud',
    steps: [
      b(
        'カード会社へ直ちに連絡し利用停止を求めるよう勧める',
        'Advise calling the card issuer at once to stop the card',
      ),
      KEEP_EVIDENCE,
      b(
        '不正利用された加盟店・日時を控え、偽サイトやフィッシングメールがあれば保存してもらう',
        'Note the merchants and times of the misuse; keep any fake site or phishing e-mail',
      ),
    ],
    referrals: ['consumer_hotline', 'bank_fraud_desk'],
    caseLikely: true,
    offence: b('電子計算機使用詐欺（刑法246条の2）', 'Computer fraud (Penal Code art. 246-2)'),
  },
  illegal_content_report: {
    category: 'illegal_content_report',
    steps: [
      b('URL と内容、見た日時を聴き取る', 'Take down the URL, what it shows and when it was seen'),
      b(
        '違法性が明らかなものは事件化を検討し、有害にとどまるものは運営者への削除依頼を案内する',
        'Consider a case where it is plainly illegal; where merely ' +
          'harmful, explain how to ask the operator to remove it',
      ),
    ],
    referrals: ['human_rights_desk'],
    caseLikely: false,
    offence: b('（内容により判断）', '(depends on the content)'),
  },
  provider_dispute: {
    category: 'provider_dispute',
    steps: [
      b(
        '契約上の争いは民事の問題であることを説明し、契約書面と請求書を確かめる',
        'Explain that a contract dispute is a civil matter; look at the contract and the bill',
      ),
      b(
        '事業者を装う者からの連絡が疑われる場合は詐欺として扱う',
        'Where someone only pretends to be the provider, treat it as fraud',
      ),
    ],
    referrals: ['consumer_hotline', 'houterasu'],
    caseLikely: false,
    offence: b('（民事の問題）', '(a civil matter)'),
  },
  leak_suicide_safety: {
    category: 'leak_suicide_safety',
    steps: [
      b(
        '自殺予告や危害の告知は人命を最優先し、緊急照会の四つの要件を直ちに確かめる',
        'A suicide notice or a threat of harm puts life first: ' +
          'check the four conditions of an emergency request at once',
      ),
      b(
        '書込みの URL・日時・内容を控え、サイバー担当と連携して発信者の特定を急ぐ',
        'Record the post’s URL, time and content and work with the cyber unit to identify the poster quickly',
      ),
      b(
        '情報流出は流出元の事業者への連絡と、被害者の安全確保を案内する',
        'For a data leak, contact the organisation it leaked from and make sure the people affected are safe',
      ),
    ],
    referrals: ['human_rights_desk'],
    caseLikely: true,
    offence: b('（保護事案：犯罪によらない）', '(protection: no offence)'),
  },
  internet_cafe: {
    category: 'internet_cafe',
    steps: [
      b('店舗名、ブース番号、利用日時を聴き取る', 'Take down the café, the booth number and the time of use'),
      b(
        '店舗の本人確認記録と利用記録は照会で入手できることを説明する',
        'Explain that the café’s ID checks and usage records can be requested',
      ),
    ],
    referrals: [],
    caseLikely: false,
    offence: b('（内容により判断）', '(depends on the content)'),
  },
};

/** The playbook of every category, in the vocabulary's order. */
export function playbooks(): Playbook[] {
  return Object.values(PLAYBOOKS);
}

const SUICIDE_SIGNALS = [
  '自殺',
  '死にたい',
  '死にます',
  '死のう',
  '首をつ',
  '首を吊',
  '首吊',
  '飛び降り',
  '練炭',
  '一緒に死',
  '命を絶',
  '遺書',
  'suicide',
  'kill myself',
  'end my life',
];
// Threats are written conjugated (殺してやる, 殺したる, 殺すぞ, 殺せ), in kana (コロス) and as slang (ぶっ殺す, 死ね): the
// signals are the stems of each form, never the bare 殺 or 刺 — and the words that hold those stems but speak of no
// harm (相殺された holds 殺さ, 刺し身 holds 刺し) are taken out of the text before the stems are looked for.
const HARMLESS_WORDS = [
  '相殺',
  '殺到',
  '忙殺',
  '黙殺',
  '悩殺',
  '併殺',
  '封殺',
  '減殺',
  '殺菌',
  '殺虫',
  '殺風景',
  '殺伐',
  '刺し身',
  '刺し子',
  '串刺し',
  '名刺',
  '風刺',
  '殺し文句',
];
const THREAT_SIGNALS = [
  '殺さ',
  '殺し',
  '殺す',
  '殺せ',
  '殺そ',
  '殺害',
  'ころす',
  'ころし',
  'コロス',
  'コロシ',
  '死ね',
  '刺さ',
  '刺し',
  '刺す',
  '刺せ',
  '爆破',
  '爆弾',
  '危害を加え',
  '火をつけ',
  '火を付け',
  '火を放',
  '放火',
  '燃やし',
  '燃やす',
  '襲う',
  '襲っ',
  'kill you',
  'bomb',
  'stab',
];

export interface UrgencyFinding {
  urgency: ConsultationUrgency;
  /** The phrases of what was heard that point to it. */
  signals: string[];
}

/**
 * The urgency a consultation's account points to: a suicide notice when it speaks of taking one's
 * life, a danger to life when it speaks of killing or harming, otherwise none. The desk's own
 * judgement (declared) is never lowered by this, only raised: it is a prompt, not a verdict.
 */
export function detectUrgency(text: string, declared: ConsultationUrgency = 'none'): UrgencyFinding {
  const lower = text.toLowerCase();
  const suicide = SUICIDE_SIGNALS.filter((s) => lower.includes(s));
  const heard = HARMLESS_WORDS.reduce((t, w) => t.replaceAll(w, '・'), lower);
  const threat = THREAT_SIGNALS.filter((s) => heard.includes(s));
  const detected: ConsultationUrgency =
    suicide.length > 0 ? 'suicide_notice' : threat.length > 0 ? 'threat_to_life' : 'none';
  const urgency = declared !== 'none' ? declared : detected;
  return { urgency, signals: [...suicide, ...threat] };
}

/** The first step a case opened from a consultation takes, from what the desk recorded. */
export function firstStepOf(c: { targets: { type: string }[]; hasMailHeaders: boolean }): FirstStep {
  if (c.targets.some((t) => t.type === 'url')) return 'board_inquiry';
  if (c.hasMailHeaders) return 'mail_analysis';
  return 'none';
}
