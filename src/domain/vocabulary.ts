/**
 * The closed vocabularies of the domain (DESIGN §2–4), each with its Japanese and English label: the
 * one home of every list and every label, shared by the server, the CLI and the web (which imports it
 * as `#shokai/vocabulary`). Pure data: no zod and no imports here, so the browser bundle can take it
 * whole; the schemas build their enums from these lists.
 */

/** Every user-visible text exists in Japanese and English; Japanese is the default. */
export type Locale = 'ja' | 'en';
export type Bilingual = { ja: string; en: string };

/**
 * What an empty required field is told, by every schema and parser (a text, an identifier, an
 * instant), so the web, the API and the command line say it in the same words.
 */
export const REQUIRED_MESSAGE: Bilingual = { ja: '入力が必要です', en: 'This field is required' };

/** An English phrase after its indefinite article: "an inquiry", "a warrant" (by its first letter). */
export function withArticle(phrase: string): string {
  return /^[aeiou]/i.test(phrase) ? `an ${phrase}` : `a ${phrase}`;
}

/** Whether `value` is a member of a closed list (narrowing it to the list's type). */
export function isOneOf<T extends string>(list: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (list as readonly string[]).includes(value);
}

/**
 * The label of a stored value in a list's table, or the value itself in both languages when it is not
 * a member (a row written before the list, a word another installation uses).
 */
export function labelOf<T extends string>(labels: Record<T, Bilingual>, value: string): Bilingual {
  return knownLabel(labels, value) ?? { ja: value, en: value };
}

/** The label of a stored value in a list's table, or undefined when it is not a member. */
export function knownLabel<T extends string>(labels: Record<T, Bilingual>, value: string): Bilingual | undefined {
  return Object.hasOwn(labels, value) ? (labels as Record<string, Bilingual>)[value] : undefined;
}

export const REQUEST_KINDS = [
  'inquiry',
  'warrant',
  'preservation',
  'emergency',
  'civil_disclosure',
  'cafe_records',
  'mlat',
] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];
export const REQUEST_KIND_LABELS: Record<RequestKind, Bilingual> = {
  inquiry: { ja: '捜査関係事項照会', en: 'Inquiry' },
  warrant: { ja: '令状', en: 'Warrant' },
  preservation: { ja: '保全要請', en: 'Preservation request' },
  emergency: { ja: '緊急照会', en: 'Emergency request' },
  civil_disclosure: { ja: '発信者情報開示請求', en: 'Civil sender-information disclosure' },
  cafe_records: { ja: 'インターネットカフェ利用記録照会', en: 'Internet-café records request' },
  mlat: { ja: '国際捜査共助要請', en: 'Mutual legal assistance package' },
};

/**
 * Outgoing mutual legal assistance (issue 15): the instruments Japan asks under — the six bilateral
 * treaties and agreements in force, the Budapest Convention's 24/7 network for expedited preservation,
 * and a request on comity through diplomatic channels where none applies (src/domain/mlat.ts).
 */
export const MLAT_TREATIES = [
  'jp_us_mlat',
  'jp_kr_mlat',
  'jp_cn_mlat',
  'jp_hk_mla',
  'jp_eu_mla',
  'jp_ru_mlat',
  'budapest_24_7',
  'diplomatic',
] as const;
export type MlatTreaty = (typeof MLAT_TREATIES)[number];
export const MLAT_TREATY_LABELS: Record<MlatTreaty, Bilingual> = {
  jp_us_mlat: {
    ja: '日米刑事共助条約',
    en: 'Treaty between Japan and the United States of America on Mutual Legal Assistance in Criminal Matters',
  },
  jp_kr_mlat: {
    ja: '日韓刑事共助条約',
    en: 'Treaty between Japan and the Republic of Korea on Mutual Legal Assistance in Criminal Matters',
  },
  jp_cn_mlat: {
    ja: '日中刑事共助条約',
    en: "Treaty between Japan and the People's Republic of China on Mutual Legal Assistance in Criminal Matters",
  },
  jp_hk_mla: {
    ja: '日・香港刑事共助協定',
    en:
      'Agreement between Japan and the Hong Kong Special Administrative ' +
      'Region on Mutual Legal Assistance in Criminal Matters',
  },
  jp_eu_mla: {
    ja: '日・EU刑事共助協定',
    en: 'Agreement between the European Union and Japan on Mutual Legal Assistance in Criminal Matters',
  },
  jp_ru_mlat: {
    ja: '日露刑事共助条約',
    en: 'Treaty between Japan and the Russian Federation on Mutual Legal Assistance in Criminal Matters',
  },
  budapest_24_7: {
    ja: 'サイバー犯罪に関する条約（24時間連絡体制による迅速な保全）',
    en: 'Convention on Cybercrime (Budapest): expedited preservation through the 24/7 network',
  },
  diplomatic: {
    ja: '条約によらない共助要請（外交ルート・相互主義）',
    en: 'Request without a treaty (diplomatic channels, on reciprocity)',
  },
};

/** The hops of an outgoing request's route, from the unit to the foreign authority. */
export const MLAT_HOPS = ['unit', 'npa', 'npa_24_7', 'moj', 'mofa', 'foreign'] as const;
export type MlatHop = (typeof MLAT_HOPS)[number];
export const MLAT_HOP_LABELS: Record<MlatHop, Bilingual> = {
  unit: { ja: '要請元の所属', en: 'the requesting unit' },
  npa: { ja: '警察庁（中央当局）', en: 'the National Police Agency (central authority)' },
  npa_24_7: { ja: '警察庁 24時間連絡窓口', en: 'the NPA 24/7 point of contact' },
  moj: { ja: '法務省（中央当局）', en: 'the Ministry of Justice (central authority)' },
  mofa: { ja: '外務省（外交ルート）', en: 'the Ministry of Foreign Affairs (diplomatic channel)' },
  foreign: { ja: '相手国の当局', en: 'the foreign authority' },
};

/** What is recorded as the request travels and the foreign reply comes back. */
export const MLAT_EVENTS = ['approved', 'returned', 'sent', 'acknowledged', 'reminded', 'answered', 'refused'] as const;
export type MlatEvent = (typeof MLAT_EVENTS)[number];
export const MLAT_EVENT_LABELS: Record<MlatEvent, Bilingual> = {
  approved: { ja: '審査・承認（次へ送付）', en: 'Reviewed and approved (passed on)' },
  returned: { ja: '差戻し（補正が必要）', en: 'Returned for correction' },
  sent: { ja: '相手国へ送付', en: 'Sent to the foreign authority' },
  acknowledged: { ja: '相手国の受理', en: 'Acknowledged by the foreign authority' },
  reminded: { ja: '督促', en: 'Reminder sent' },
  answered: { ja: '相手国の回答', en: 'Answered by the foreign authority' },
  refused: { ja: '相手国の拒否', en: 'Refused by the foreign authority' },
};

/** What an outgoing request asks for: records (evidence), or their expedited preservation. */
export const MLAT_ASSISTANCE = ['evidence', 'preservation'] as const;
export type MlatAssistance = (typeof MLAT_ASSISTANCE)[number];
export const MLAT_ASSISTANCE_LABELS: Record<MlatAssistance, Bilingual> = {
  evidence: { ja: '証拠（記録）の提供', en: 'Evidence (records)' },
  preservation: { ja: '迅速な保全', en: 'Expedited preservation' },
};

/**
 * What a duty approver (当直責任者) may be designated to approve while the unit head is away: the
 * kinds that cannot wait for the head's return (issue 15). Ordinary inquiries and warrants wait.
 */
export const DUTY_KINDS = ['emergency', 'preservation'] as const satisfies readonly RequestKind[];
export type DutyKind = (typeof DUTY_KINDS)[number];

/** Data categories, from least to most protected. */
export const DATA_CATEGORIES = ['subscriber', 'access_log', 'traffic', 'content'] as const;
export type DataCategory = (typeof DATA_CATEGORIES)[number];
export const DATA_CATEGORY_LABELS: Record<DataCategory, Bilingual> = {
  subscriber: { ja: '契約者情報', en: 'Subscriber information' },
  access_log: { ja: '通信履歴（接続記録）', en: 'Access log' },
  traffic: { ja: 'その他の通信記録', en: 'Traffic data' },
  content: { ja: '通信内容', en: 'Content' },
};

/** Legal bases a provider policy may demand, from weakest to strongest. */
export const LEGAL_BASES = ['inquiry', 'civil_disclosure', 'emergency', 'warrant'] as const;
export type LegalBasis = (typeof LEGAL_BASES)[number];

/** States in which a request is still open: not answered, declined, withdrawn or closed (it may be withdrawn). */
export const OPEN_REQUEST_STATES = [
  'draft',
  'awaiting_approval',
  'issued',
  'received',
  'under_review',
  'clarification_requested',
  'clarified',
  'awaiting_opinion',
] as const;
/** Every state of a request: the open ones, then those in which it has ended. */
export const REQUEST_STATES = [...OPEN_REQUEST_STATES, 'answered', 'declined', 'withdrawn', 'closed'] as const;
export type RequestState = (typeof REQUEST_STATES)[number];
/** Open states after issue: the request is with the provider, waiting on it or on the subscriber. */
export const ISSUED_OPEN_STATES = OPEN_REQUEST_STATES.filter(
  (s) => s !== 'draft' && s !== 'awaiting_approval',
) as readonly RequestState[];
export const REQUEST_STATE_LABELS: Record<RequestState, Bilingual> = {
  draft: { ja: '起案中', en: 'Draft' },
  awaiting_approval: { ja: '決裁待ち', en: 'Awaiting approval' },
  issued: { ja: '発出済み', en: 'Issued' },
  received: { ja: '受付済み', en: 'Received' },
  under_review: { ja: '審査中', en: 'Under review' },
  clarification_requested: { ja: '照会元へ確認中', en: 'Clarification requested' },
  clarified: { ja: '確認回答済み', en: 'Clarified' },
  awaiting_opinion: { ja: '意見照会中', en: 'Awaiting subscriber opinion' },
  answered: { ja: '回答済み', en: 'Answered' },
  declined: { ja: '回答拒否', en: 'Declined' },
  withdrawn: { ja: '取下げ', en: 'Withdrawn' },
  closed: { ja: '完結', en: 'Closed' },
};
/**
 * A civil disclosure's states in the lawyer's words, where they differ (issue 15): a law office has no 決裁 —
 * its lawyer signs the request as counsel and files it — and the provider asks the claimant's side, not a 照会元.
 */
export const CIVIL_REQUEST_STATE_WORDS: Readonly<Partial<Record<RequestState, Bilingual>>> = {
  draft: { ja: '作成中', en: 'Being written' },
  awaiting_approval: { ja: '弁護士の署名待ち', en: "Awaiting the lawyer's signature" },
  issued: { ja: '請求済み', en: 'Filed' },
  clarification_requested: { ja: '請求者側へ確認中', en: 'Clarification requested' },
};
/** A civil disclosure's actions in the lawyer's words, where they differ: counsel signs and files, no 決裁. */
export const CIVIL_ACTION_WORDS: Readonly<Partial<Record<LifecycleAction, Bilingual>>> = {
  submit: { ja: '弁護士の署名に回す', en: "Send for the lawyer's signature" },
  approve: { ja: '署名して請求する', en: 'Sign and file' },
  reject_approval: { ja: '作成者に戻す', en: 'Return to the writer' },
  request_clarification: { ja: '請求者側に確認する', en: "Ask the claimant's side" },
};
/** A lifecycle action in the words of the request's kind. */
export const lifecycleActionLabel = (action: LifecycleAction, kind?: RequestKind): Bilingual =>
  (kind === 'civil_disclosure' ? CIVIL_ACTION_WORDS[action] : undefined) ?? LIFECYCLE_ACTION_LABELS[action];
/** A request's state in the words of its kind. */
export const requestStateLabel = (state: RequestState, kind?: RequestKind): Bilingual =>
  (kind === 'civil_disclosure' ? CIVIL_REQUEST_STATE_WORDS[state] : undefined) ?? REQUEST_STATE_LABELS[state];

export const DECLINE_REASONS = [
  'no_data',
  'retention_expired',
  'needs_warrant',
  'out_of_scope',
  'invalid_request',
  'not_our_customer',
  'subscriber_objection_upheld',
  'infringement_not_evident',
  'no_legitimate_reason',
  'other',
] as const;
export type DeclineReason = (typeof DECLINE_REASONS)[number];
export const DECLINE_REASON_LABELS: Record<DeclineReason, Bilingual> = {
  no_data: { ja: '該当データなし', en: 'No data' },
  retention_expired: { ja: '保存期間経過', en: 'Retention period expired' },
  needs_warrant: { ja: '令状が必要', en: 'A warrant is required' },
  out_of_scope: { ja: '対象外', en: 'Out of scope' },
  invalid_request: { ja: '不適式な要請', en: 'Invalid request' },
  not_our_customer: { ja: '当社の利用者ではない', en: 'Not our customer' },
  subscriber_objection_upheld: { ja: '発信者の意見を踏まえ不開示', en: 'Subscriber objection upheld' },
  infringement_not_evident: { ja: '権利侵害が明らかでない', en: 'The infringement is not evident' },
  no_legitimate_reason: { ja: '開示を受けるべき正当な理由がない', en: 'No legitimate reason for disclosure' },
  other: { ja: 'その他', en: 'Other' },
};

/**
 * Kinds whose subscriber is never heard (意見照会): an emergency cannot wait two weeks, a preservation discloses
 * nothing, an MLAT package is not answered here at all, and a warrant is the court's order — the provider does
 * not weigh the subscriber's opinion against it, and telling the suspect would defeat the investigation.
 */
export const NO_OPINION_HEARING: readonly RequestKind[] = ['emergency', 'preservation', 'mlat', 'warrant'];

/** Reasons that fit only a civil claim: the requirements of the disclosure law (侵害の明白性, 正当な理由). */
const CIVIL_ONLY_DECLINE_REASONS: readonly DeclineReason[] = ['infringement_not_evident', 'no_legitimate_reason'];

/**
 * The reasons a provider may give for declining a request of this kind: the civil requirements only for
 * civil disclosure, and "a warrant is required" neither for a warrant, nor for an emergency (a danger to
 * life is answered now or declined on its facts: a warrant is no path there), nor for a civil claim; the
 * subscriber's objection not for a kind whose subscriber is never heard (NO_OPINION_HEARING). A stored
 * kind this version does not know is offered the reasons of an inquiry.
 */
export function declineReasonsFor(kind: string): readonly DeclineReason[] {
  // a kind whose subscriber is never heard is never declined on the subscriber's objection
  const unheard = (NO_OPINION_HEARING as readonly string[]).includes(kind);
  return DECLINE_REASONS.filter((r) =>
    kind === 'civil_disclosure'
      ? r !== 'needs_warrant'
      : !CIVIL_ONLY_DECLINE_REASONS.includes(r) &&
        !((kind === 'warrant' || kind === 'emergency') && r === 'needs_warrant') &&
        !(unheard && r === 'subscriber_objection_upheld'),
  );
}

/** What kind of holder a provider is: the trace chooses the next request by it. */
export const PROVIDER_CATEGORIES = ['isp', 'mobile', 'hosting', 'board', 'mail', 'cafe', 'other'] as const;
export type ProviderCategory = (typeof PROVIDER_CATEGORIES)[number];
export const PROVIDER_CATEGORY_LABELS: Record<ProviderCategory, Bilingual> = {
  isp: { ja: 'インターネット接続事業者（ISP）', en: 'Internet service provider' },
  mobile: { ja: '携帯電話事業者', en: 'Mobile carrier' },
  hosting: { ja: 'ホスティング事業者', en: 'Hosting provider' },
  board: { ja: '掲示板・SNS運営者', en: 'Board or social network operator' },
  mail: { ja: 'メール事業者', en: 'Mail provider' },
  cafe: { ja: 'インターネットカフェ', en: 'Internet café' },
  other: { ja: 'その他', en: 'Other' },
};

/**
 * Which stage of a civil disclosure (発信者情報開示) a provider of this category answers: a content provider
 * (hosting, board, mail) the first, asked about the infringing post; an access provider (ISP, mobile carrier)
 * the second, asked about the connection the first disclosed (address, port, time); `either` when the
 * category does not say.
 */
export const CIVIL_STAGES = ['content', 'access', 'either'] as const;
export type CivilStage = (typeof CIVIL_STAGES)[number];
export const CIVIL_STAGE_OF_CATEGORY: Record<ProviderCategory, CivilStage> = {
  isp: 'access',
  mobile: 'access',
  hosting: 'content',
  board: 'content',
  mail: 'content',
  cafe: 'either',
  other: 'either',
};

export const ORGANISATION_KINDS = ['agency', 'provider', 'court', 'oversight', 'law_office'] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];
export const ORGANISATION_KIND_LABELS: Record<OrganisationKind, Bilingual> = {
  agency: { ja: '捜査機関', en: 'Agency' },
  provider: { ja: '事業者', en: 'Provider' },
  court: { ja: '裁判所', en: 'Court' },
  oversight: { ja: '監督機関', en: 'Oversight body' },
  law_office: { ja: '法律事務所（弁護士事務所）', en: 'Law office' },
};

export const ROLES = [
  'investigator',
  'unit_head',
  'provider_intake',
  'provider_legal',
  'provider_operator',
  'auditor',
  'admin',
  'judge',
  'key_officer',
  'lawyer',
  'legal_assistant',
  'statistician',
] as const;
export type Role = (typeof ROLES)[number];
/** Why a sign-in or an enrolment was refused, as the audit log records it (never the password or code tried). */
export const SIGN_IN_REFUSALS = [
  'unknown_login',
  'disabled',
  'not_enrolled',
  'password',
  'no_second_factor',
  'totp',
  'totp_reused',
  'reset_meanwhile',
  'login_locked',
  'device_locked',
  'address_locked',
  'second_factor_locked',
  'no_code',
  'code',
  'expired',
  'code_spent',
] as const;
export type SignInRefusal = (typeof SIGN_IN_REFUSALS)[number];
export const SIGN_IN_REFUSAL_LABELS: Record<SignInRefusal, Bilingual> = {
  unknown_login: { ja: 'ログイン名がない', en: 'No such login' },
  disabled: { ja: '利用停止中の人', en: 'A disabled person' },
  not_enrolled: { ja: '利用登録がまだ', en: 'Not yet enrolled' },
  password: { ja: 'パスワードの誤り', en: 'Wrong password' },
  no_second_factor: { ja: '二要素目が未登録', en: 'No second factor registered' },
  totp: { ja: '確認コードの誤り', en: 'Wrong one-time code' },
  totp_reused: { ja: '使用済みの確認コード', en: 'A one-time code already used' },
  reset_meanwhile: { ja: '途中でパスワードが再設定された', en: 'The password was reset meanwhile' },
  login_locked: { ja: '失敗が続きログインを一時停止', en: 'Login locked after repeated failures' },
  device_locked: { ja: '失敗が続きこのブラウザを一時停止', en: 'This browser locked after repeated failures' },
  address_locked: { ja: '失敗が続きこの接続元を一時停止', en: 'This address locked after repeated tries' },
  second_factor_locked: {
    ja: '正しいパスワードで確認コードの誤りが続き、二要素目を停止',
    en: 'Second factor locked: wrong codes after the right password',
  },
  no_code: { ja: '登録コードが発行されていない', en: 'No enrolment code issued' },
  code: { ja: '登録コードの誤り', en: 'Wrong enrolment code' },
  expired: { ja: '登録コードの期限切れ', en: 'Enrolment code expired' },
  code_spent: { ja: '使用済みの登録コード', en: 'Enrolment code already used' },
};

export const ROLE_LABELS: Record<Role, Bilingual> = {
  investigator: { ja: '捜査員', en: 'Investigator' },
  unit_head: { ja: '所属長（決裁者）', en: 'Unit head (approver)' },
  provider_intake: { ja: '受付担当', en: 'Provider intake' },
  provider_legal: { ja: '法務担当', en: 'Provider legal reviewer' },
  provider_operator: { ja: 'データ抽出担当', en: 'Provider data operator' },
  auditor: { ja: '監査担当', en: 'Auditor' },
  admin: { ja: '管理者', en: 'Administrator' },
  judge: { ja: '裁判官', en: 'Judge' },
  key_officer: { ja: '鍵管理責任者', en: 'Key officer' },
  lawyer: { ja: '弁護士（代理人）', en: 'Lawyer (counsel)' },
  legal_assistant: { ja: '事務職員', en: 'Legal assistant' },
  statistician: { ja: '統計担当', en: 'Statistics officer' },
};

/**
 * Roles that sign for their organisation, administer who does, read the audit log (whom its people
 * looked up) or count every unit's requests (the statistics officer): granting one takes two people (the
 * grant is pending until a second administrator or the key officer countersigns it), so one compromised
 * account is never enough to mint an approver, and no administrator alone gives themselves (an account they
 * made of) the audit log or the force's counts.
 */
export const PRIVILEGED_ROLES: readonly Role[] = [
  'unit_head',
  'judge',
  'admin',
  'key_officer',
  'lawyer',
  'auditor',
  'statistician',
];

/**
 * Roles that decide who holds which role and key (they create people, countersign grants): one person
 * never holds one of them together with `auditor`, who would then read the log of their own administration.
 */
export const ROLES_NOT_WITH_AUDITOR: readonly Role[] = ['admin', 'key_officer'];

/** Where a grant of a privileged role stands. */
export const ROLE_GRANT_STATES = ['pending', 'active', 'refused', 'ended'] as const;
export type RoleGrantState = (typeof ROLE_GRANT_STATES)[number];
export const ROLE_GRANT_STATE_LABELS: Record<RoleGrantState, Bilingual> = {
  pending: { ja: '副署待ち', en: 'Awaiting countersignature' },
  active: { ja: '有効', en: 'Active' },
  refused: { ja: '副署拒否', en: 'Refused' },
  ended: { ja: '終了', en: 'Ended' },
};

/** How a provider involves the subscriber before disclosure. */
export const SUBSCRIBER_INVOLVEMENT = ['none', 'notify_after', 'opinion_hearing'] as const;
export type SubscriberInvolvement = (typeof SUBSCRIBER_INVOLVEMENT)[number];
export const SUBSCRIBER_INVOLVEMENT_LABELS: Record<SubscriberInvolvement, Bilingual> = {
  none: { ja: 'なし', en: 'None' },
  notify_after: { ja: '事後に通知', en: 'Notify after' },
  opinion_hearing: { ja: '意見照会', en: 'Opinion hearing' },
};

/** The weakest ordinary request a provider's policy demands for a data category. */
export const MINIMUM_BASES = ['inquiry', 'warrant', 'never'] as const;
export type MinimumBasis = (typeof MINIMUM_BASES)[number];
export const MINIMUM_BASIS_LABELS: Record<MinimumBasis, Bilingual> = {
  inquiry: { ja: '照会で可', en: 'Inquiry' },
  warrant: { ja: '令状が必要', en: 'Warrant only' },
  never: { ja: '応じない', en: 'Never' },
};

export const ANSWER_OUTCOMES = ['full', 'partial'] as const;
export type AnswerOutcome = (typeof ANSWER_OUTCOMES)[number];
export const ANSWER_OUTCOME_LABELS: Record<AnswerOutcome, Bilingual> = {
  full: { ja: '全部回答', en: 'Full' },
  partial: { ja: '一部回答', en: 'Partial' },
};

/** What the provider found for one target of an answer. */
export const ANSWER_ITEM_RESULTS = ['found', 'no_data', 'retention_expired', 'not_our_customer'] as const;
export type AnswerItemResult = (typeof ANSWER_ITEM_RESULTS)[number];
export const ANSWER_ITEM_RESULT_LABELS: Record<AnswerItemResult, Bilingual> = {
  found: { ja: '該当あり', en: 'Found' },
  no_data: { ja: '該当データなし', en: 'No data' },
  retention_expired: { ja: '保存期間経過', en: 'Retention expired' },
  not_our_customer: { ja: '当社の利用者ではない', en: 'Not our customer' },
};

/** What a request asks about: the kinds of identifier a target may be. */
export const TARGET_TYPES = ['ip', 'account', 'email', 'phone', 'domain', 'url', 'terminal'] as const;
export type TargetType = (typeof TARGET_TYPES)[number];
export const TARGET_TYPE_LABELS: Record<TargetType, Bilingual> = {
  ip: { ja: 'IPアドレス', en: 'IP address' },
  account: { ja: 'アカウント', en: 'Account' },
  email: { ja: 'メールアドレス', en: 'E-mail address' },
  phone: { ja: '電話番号', en: 'Phone number' },
  domain: { ja: 'ドメイン', en: 'Domain' },
  url: { ja: 'URL（投稿）', en: 'URL (post)' },
  terminal: { ja: '端末（ネットカフェ）', en: 'Terminal (café)' },
};

/**
 * What a holder's access record says was done, for the codes holders' own records write (a board's post
 * log writes `post`); a provider's own free text is shown as written.
 */
export const ACCESS_ACTIONS = ['post', 'login', 'logout'] as const;
export type AccessAction = (typeof ACCESS_ACTIONS)[number];
export const ACCESS_ACTION_LABELS: Record<AccessAction, Bilingual> = {
  post: { ja: '投稿', en: 'Post' },
  login: { ja: 'ログイン', en: 'Login' },
  logout: { ja: 'ログアウト', en: 'Logout' },
};

export const WARRANT_TYPES = ['seizure', 'record_order_seizure', 'electronic_record_provision_order'] as const;
export type WarrantType = (typeof WARRANT_TYPES)[number];
export const WARRANT_TYPE_LABELS: Record<WarrantType, Bilingual> = {
  seizure: { ja: '差押許可状', en: 'Seizure warrant' },
  record_order_seizure: { ja: '記録命令付差押許可状', en: 'Record-order seizure warrant' },
  electronic_record_provision_order: { ja: '電磁的記録提供命令', en: 'Electronic record provision order' },
};

/**
 * Where a warrant application (令状請求) stands: drafted by an investigator, approved and sent by the
 * unit head, reviewed by a judge of the court, who attests it (the warrant is issued) or declines it.
 */
export const WARRANT_APPLICATION_STATES = [
  'draft',
  'awaiting_approval',
  'sent',
  'attested',
  'declined',
  'withdrawn',
] as const;
export type WarrantApplicationState = (typeof WARRANT_APPLICATION_STATES)[number];
export const WARRANT_APPLICATION_STATE_LABELS: Record<WarrantApplicationState, Bilingual> = {
  draft: { ja: '起案中', en: 'Draft' },
  awaiting_approval: { ja: '所属長の決裁待ち', en: "Awaiting the unit head's approval" },
  sent: { ja: '裁判所で審査中', en: 'With the court for review' },
  attested: { ja: '発付済み（裁判官の電子署名）', en: "Issued (the judge's signature)" },
  declined: { ja: '却下', en: 'Declined' },
  withdrawn: { ja: '撤回', en: 'Withdrawn' },
};

/** Where a lawyer's application for a disclosure order (開示命令の申立て) stands at the court. */
export const DISCLOSURE_ORDER_APPLICATION_STATES = ['filed', 'issued', 'declined', 'withdrawn'] as const;
export type DisclosureOrderApplicationState = (typeof DISCLOSURE_ORDER_APPLICATION_STATES)[number];
export const DISCLOSURE_ORDER_APPLICATION_STATE_LABELS: Record<DisclosureOrderApplicationState, Bilingual> = {
  filed: { ja: '裁判所で審理中', en: 'Before the court' },
  issued: { ja: '発令済み（裁判官の電子署名）', en: "Order issued (the judge's signature)" },
  declined: { ja: '却下', en: 'Declined' },
  withdrawn: { ja: '取下げ', en: 'Withdrawn' },
};

/**
 * How an issued disclosure order stands (発信者情報開示命令, art. 14): within the month after its notice a
 * party may bring an objection suit (異議の訴え) before the court that made it; without one the order
 * becomes final (確定, the effect of a final judgment); the suit upholds, changes or sets it aside
 * (認可・変更・取消し), and the order is final (or gone) when the suit ends.
 */
export const DISCLOSURE_ORDER_STANDINGS = ['not_final', 'contested', 'final', 'set_aside'] as const;
export type DisclosureOrderStanding = (typeof DISCLOSURE_ORDER_STANDINGS)[number];
export const DISCLOSURE_ORDER_STANDING_LABELS: Record<DisclosureOrderStanding, Bilingual> = {
  not_final: { ja: '未確定（異議の訴えの期間中）', en: 'Not yet final (objection period)' },
  contested: { ja: '異議の訴えの係属中', en: 'Contested (objection suit pending)' },
  final: { ja: '確定', en: 'Final' },
  set_aside: { ja: '取消し（異議の訴え）', en: 'Set aside (objection suit)' },
};
/**
 * Whose statement the court heard on a disclosure-order application (陳述聴取, art. 11(3)): before it
 * grants the order it hears the parties — at least the respondent (the provider); none is needed only to dismiss
 * an application clearly unlawful or without grounds.
 */
export const HEARD_PARTIES = ['provider', 'claimant'] as const;
export type HeardParty = (typeof HEARD_PARTIES)[number];
export const HEARD_PARTY_LABELS: Record<HeardParty, Bilingual> = {
  provider: { ja: '相手方（事業者）', en: 'The respondent (provider)' },
  claimant: { ja: '申立人', en: 'The petitioner (claimant)' },
};
/** How the party was heard: in writing (書面による陳述), or in person at a hearing date (審尋期日). */
export const HEARING_MANNERS = ['in_writing', 'at_hearing_date'] as const;
export type HearingManner = (typeof HEARING_MANNERS)[number];
export const HEARING_MANNER_LABELS: Record<HearingManner, Bilingual> = {
  in_writing: { ja: '書面', en: 'In writing' },
  at_hearing_date: { ja: '審尋期日', en: 'At a hearing date' },
};
/** Who brought the objection suit: either party to the order. */
export const OBJECTION_PARTIES = ['provider', 'claimant'] as const;
export type ObjectionParty = (typeof OBJECTION_PARTIES)[number];
export const OBJECTION_PARTY_LABELS: Record<ObjectionParty, Bilingual> = {
  provider: { ja: '相手方（事業者）', en: 'The respondent (provider)' },
  claimant: { ja: '申立人', en: 'The claimant' },
};
/** How the objection suit ended (its judgment final). */
export const OBJECTION_OUTCOMES = ['upheld', 'changed', 'set_aside'] as const;
export type ObjectionOutcome = (typeof OBJECTION_OUTCOMES)[number];
export const OBJECTION_OUTCOME_LABELS: Record<ObjectionOutcome, Bilingual> = {
  upheld: { ja: '認可', en: 'Upheld' },
  changed: { ja: '変更', en: 'Changed' },
  set_aside: { ja: '取消し', en: 'Set aside' },
};
/**
 * Why the suit set the order aside, as a category: what the hub's directory log publishes of a
 * set-aside (the judgment's own words stay with the parties).
 */
export const SET_ASIDE_GROUNDS = [
  'infringement_not_evident',
  'no_legitimate_reason',
  'not_sender_information',
  'not_a_provider',
  'procedure',
  'other',
] as const;
export type SetAsideGround = (typeof SET_ASIDE_GROUNDS)[number];
export const SET_ASIDE_GROUND_LABELS: Record<SetAsideGround, Bilingual> = {
  infringement_not_evident: { ja: '権利侵害の明白性が認められない', en: 'The infringement of rights is not evident' },
  no_legitimate_reason: {
    ja: '開示を受けるべき正当な理由が認められない',
    en: 'No legitimate reason to receive the disclosure',
  },
  not_sender_information: {
    ja: '開示を求める情報が発信者情報に当たらない',
    en: 'What is sought is not sender information',
  },
  not_a_provider: {
    ja: '相手方が開示関係役務提供者に当たらない',
    en: 'The respondent is not a provider bound to disclose',
  },
  procedure: { ja: '手続上の理由', en: 'Procedural grounds' },
  other: { ja: 'その他', en: 'Other' },
};

/**
 * The orders a court makes beside a disclosure order while its case is pending (付随命令): a provision
 * order (提供命令, art. 15) and an erasure-prohibition order (消去禁止命令, art. 16).
 */
export const ANCILLARY_ORDER_TYPES = ['provision', 'erasure_prohibition'] as const;
export type AncillaryOrderType = (typeof ANCILLARY_ORDER_TYPES)[number];
export const ANCILLARY_ORDER_TYPE_LABELS: Record<AncillaryOrderType, Bilingual> = {
  provision: { ja: '提供命令', en: 'Provision order' },
  erasure_prohibition: { ja: '消去禁止命令', en: 'Erasure-prohibition order' },
};
/**
 * Where an ancillary order stands: applied for at the court like the disclosure order itself (the same
 * states, in the same words), and once issued in force until the disclosure order's case ends.
 */
export const ANCILLARY_ORDER_STATES = [...DISCLOSURE_ORDER_APPLICATION_STATES, 'lifted'] as const;
export type AncillaryOrderState = (typeof ANCILLARY_ORDER_STATES)[number];
export const ANCILLARY_ORDER_STATE_LABELS: Record<AncillaryOrderState, Bilingual> = {
  ...DISCLOSURE_ORDER_APPLICATION_STATE_LABELS,
  lifted: { ja: '効力消滅（本案の終了）', en: 'No longer in force (the case ended)' },
};

/**
 * What one person registers in a provider's name and a second person confirms (the two-person rule): its
 * installation key, which signs its answers, or a machine client, its own system reading and answering.
 */
export const KEY_REGISTRATION_KINDS = ['installation_key', 'client'] as const;
export type KeyRegistrationKind = (typeof KEY_REGISTRATION_KINDS)[number];
export const KEY_REGISTRATION_KIND_LABELS: Record<KeyRegistrationKind, Bilingual> = {
  installation_key: { ja: '設置鍵（回答の署名用）', en: 'Installation key (signs answers)' },
  client: { ja: '連携システム（機械クライアント）', en: 'Machine client (own system)' },
};

/** Where a new signing credential stands under the two-person rule (a second person confirms it). */
export const CREDENTIAL_REQUEST_STATES = ['pending', 'confirmed', 'refused', 'superseded'] as const;
export type CredentialRequestState = (typeof CREDENTIAL_REQUEST_STATES)[number];
export const CREDENTIAL_REQUEST_STATE_LABELS: Record<CredentialRequestState, Bilingual> = {
  pending: { ja: '確認待ち', en: 'Awaiting confirmation' },
  confirmed: { ja: '確認済み（登録）', en: 'Confirmed (registered)' },
  refused: { ja: '確認拒否', en: 'Refused' },
  superseded: { ja: '新しい申請により失効', en: 'Superseded by a newer request' },
};

/**
 * Where one of a person's own passkeys stands: their signing key now, ended by a newer one, revoked; or,
 * never a key, awaiting a second person's confirmation, refused, or superseded by a newer registration.
 */
export const PASSKEY_STATES = ['current', 'ended', 'revoked', 'pending', 'refused', 'superseded'] as const;
export type PasskeyState = (typeof PASSKEY_STATES)[number];
export const PASSKEY_STATE_LABELS: Record<PasskeyState, Bilingual> = {
  current: { ja: '有効（現在の署名用パスキー）', en: 'Valid (your current signing passkey)' },
  ended: { ja: '終了（新しいパスキーに置換）', en: 'Ended (replaced by a newer passkey)' },
  revoked: { ja: '失効', en: 'Revoked' },
  pending: { ja: '確認待ち（まだ署名に使えません）', en: 'Awaiting confirmation (signs nothing yet)' },
  refused: { ja: '確認拒否（登録されませんでした）', en: 'Refused (not registered)' },
  superseded: { ja: '新しい登録により取消し', en: 'Superseded by a newer registration' },
};

/** Why an emergency request (緊急照会) is one: see ./emergency.ts for the rules. */
export const EMERGENCY_BASES = ['suicide_notice', 'threat_to_life'] as const;
export type EmergencyBasis = (typeof EMERGENCY_BASES)[number];
export const EMERGENCY_BASIS_LABELS: Record<EmergencyBasis, Bilingual> = {
  suicide_notice: { ja: '自殺予告', en: 'Suicide notice' },
  threat_to_life: { ja: '生命・身体への差し迫った危険', en: 'Imminent threat to life or limb' },
};

/** The four conditions a suicide notice must meet, all of them, to ground an emergency request. */
export const SUICIDE_NOTICE_CONDITIONS = ['imminent', 'realistic', 'intentExpressed', 'notJokeOrFiction'] as const;
export type SuicideNoticeCondition = (typeof SUICIDE_NOTICE_CONDITIONS)[number];
export const SUICIDE_NOTICE_CONDITION_LABELS: Record<SuicideNoticeCondition, Bilingual> = {
  imminent: {
    ja: '書込みの日時・内容から、実行の時期が切迫している',
    en: 'the time of the post and its content show the act is imminent',
  },
  realistic: {
    ja: '動機・場所・方法等が示され、実行の現実的な可能性が高い',
    en: 'a motive, place or method is given, so the act is realistically likely',
  },
  intentExpressed: {
    ja: '実行する意思が明示的に表示されている',
    en: 'the intent to act is explicitly expressed',
  },
  notJokeOrFiction: {
    ja: '掲示板等の性質や前後の書込みから、冗談・創作を疑わせる特段の事情がない',
    en: 'nothing in the site or the surrounding posts suggests a joke or fiction',
  },
};

/** Every action of the request state machine (./lifecycle.ts says which is legal where). */
export const LIFECYCLE_ACTIONS = [
  'submit',
  'approve',
  'reject_approval',
  'deliver',
  'start_review',
  'request_clarification',
  'clarify',
  'start_opinion_hearing',
  'record_opinion',
  'answer',
  'decline',
  'withdraw',
  'extend_preservation',
  'confirm_second_check',
  'close',
] as const;
export type LifecycleAction = (typeof LIFECYCLE_ACTIONS)[number];
/** Written as what the person does: the same words on the button and in the request's timeline. */
export const LIFECYCLE_ACTION_LABELS: Record<LifecycleAction, Bilingual> = {
  submit: { ja: '決裁に回す', en: 'Submit for approval' },
  approve: { ja: '決裁する', en: 'Approve' },
  reject_approval: { ja: '差し戻す', en: 'Return to the drafter' },
  deliver: { ja: '事業者に送達する', en: 'Deliver to the provider' },
  start_review: { ja: '審査を開始する', en: 'Start review' },
  request_clarification: { ja: '照会元に確認する', en: 'Ask for clarification' },
  clarify: { ja: '確認に回答する', en: 'Answer the clarification request' },
  start_opinion_hearing: { ja: '発信者への意見照会を開始する', en: 'Start the subscriber opinion hearing' },
  record_opinion: { ja: '発信者の意見を記録する', en: "Record the subscriber's opinion" },
  answer: { ja: '回答する', en: 'Answer' },
  decline: { ja: '回答を拒否する', en: 'Decline' },
  withdraw: { ja: '照会を取り下げる', en: 'Withdraw the request' },
  extend_preservation: { ja: '保全期間を延長する', en: 'Extend preservation' },
  confirm_second_check: { ja: '折り返し確認を記録する', en: 'Record the call-back check' },
  close: { ja: '完結にする', en: 'Close' },
};

/** Where a request stands against its deadline, computed at read time (./deadlines.ts). */
export const DEADLINE_STATUSES = ['none', 'on_time', 'due_soon', 'paused', 'overdue', 'escalated'] as const;
export type DeadlineStatus = (typeof DEADLINE_STATUSES)[number];
export const DEADLINE_STATUS_LABELS: Record<DeadlineStatus, Bilingual> = {
  none: { ja: '期限なし', en: 'No deadline' },
  on_time: { ja: '期限内', en: 'On time' },
  due_soon: { ja: '期限間近', en: 'Due soon' },
  paused: { ja: '期限停止中（要請元の確認回答待ち）', en: "Paused (awaiting the requester's clarification)" },
  overdue: { ja: '期限超過', en: 'Overdue' },
  escalated: { ja: '期限超過（上申済み）', en: 'Overdue (escalated)' },
};

/** What a key is for: signing (approvals, answers, attestations) or encryption (sealed answers). */
export const KEY_PURPOSES = ['signing', 'encryption'] as const;
export type KeyPurpose = (typeof KEY_PURPOSES)[number];
export const KEY_PURPOSE_LABELS: Record<KeyPurpose, Bilingual> = {
  signing: { ja: '署名用', en: 'Signing' },
  encryption: { ja: '暗号化用', en: 'Encryption' },
};

/** Why a key was revoked; `compromised` voids every signature it made. */
export const KEY_REVOCATION_REASONS = ['superseded', 'compromised', 'retired', 'other'] as const;
export type KeyRevocationReason = (typeof KEY_REVOCATION_REASONS)[number];
export const KEY_REVOCATION_REASON_LABELS: Record<KeyRevocationReason, Bilingual> = {
  superseded: { ja: '更新により置換', en: 'Superseded' },
  compromised: { ja: '漏えい・危殆化', en: 'Compromised' },
  retired: { ja: '使用終了', en: 'Retired' },
  other: { ja: 'その他', en: 'Other' },
};

/** Which roles a member of each kind of organisation may hold (a provider cannot mint a unit head). */
export const ROLES_BY_ORGANISATION_KIND: Record<OrganisationKind, readonly Role[]> = {
  agency: ['investigator', 'unit_head', 'admin', 'key_officer', 'auditor', 'statistician'],
  provider: ['provider_intake', 'provider_legal', 'provider_operator', 'admin', 'key_officer', 'auditor'],
  court: ['judge', 'admin', 'key_officer', 'auditor'],
  oversight: ['auditor', 'admin'],
  law_office: ['lawyer', 'legal_assistant', 'admin', 'key_officer', 'auditor'],
};

/**
 * Which kinds of request each kind of organisation may draft: the police every criminal kind; a law
 * office only the civil disclosure of sender information, which is the claimant's, never the police's.
 */
export const REQUEST_KINDS_BY_ORGANISATION_KIND: Record<OrganisationKind, readonly RequestKind[]> = {
  agency: ['inquiry', 'warrant', 'preservation', 'emergency', 'cafe_records', 'mlat'],
  law_office: ['civil_disclosure'],
  provider: [],
  court: [],
  oversight: [],
};

/** Roles a provider's own system (machine client) may hold. */
export const CLIENT_ROLES: readonly Role[] = ['provider_intake', 'provider_legal', 'provider_operator'];

/** Who speaks in a request's thread. */
export const MESSAGE_SIDES = ['agency', 'provider', 'subscriber', 'court'] as const;
export type MessageSide = (typeof MESSAGE_SIDES)[number];
export const MESSAGE_SIDE_LABELS: Record<MessageSide, Bilingual> = {
  agency: { ja: '照会元', en: 'Agency' },
  provider: { ja: '事業者', en: 'Provider' },
  subscriber: { ja: '発信者', en: 'Subscriber' },
  court: { ja: '裁判所', en: 'Court' },
};

/** What a thread message is (the provider never sees the agency's internal notes). */
export const MESSAGE_PURPOSES = [
  'internal_note',
  'clarification',
  'clarified',
  'opinion_request',
  'opinion',
  'note',
  'extension',
  'court_order',
] as const;
export type MessagePurpose = (typeof MESSAGE_PURPOSES)[number];
export const MESSAGE_PURPOSE_LABELS: Record<MessagePurpose, Bilingual> = {
  internal_note: { ja: '差戻しの理由（部内）', en: 'Reason for returning (internal)' },
  clarification: { ja: '確認依頼', en: 'Clarification asked' },
  clarified: { ja: '確認への回答', en: 'Clarification given' },
  opinion_request: { ja: '意見照会', en: 'Opinion hearing' },
  opinion: { ja: '発信者の意見', en: "Subscriber's opinion" },
  note: { ja: '取下げの理由', en: 'Reason for withdrawal' },
  extension: { ja: '保全期間の延長', en: 'Preservation extended' },
  court_order: { ja: '開示命令の効力', en: 'The disclosure order' },
};

/** The checks a provider runs on a signed request before anyone reads it (./verification.ts). */
export const VERIFICATION_CHECKS = [
  'signature_approver',
  'signature_unit',
  'key_validity',
  'revocation',
  'approver_authority',
  'warrant_attestation',
  'court_order',
  'replay',
  'content_rules',
  'addressee',
] as const;
export type VerificationCheckName = (typeof VERIFICATION_CHECKS)[number];
export const VERIFICATION_CHECK_LABELS: Record<VerificationCheckName, Bilingual> = {
  signature_approver: { ja: '決裁者の電子署名', en: "Approver's signature" },
  signature_unit: { ja: '所属の電子署名', en: "Unit's signature" },
  key_validity: { ja: '鍵の有効期間', en: 'Key validity' },
  revocation: { ja: '鍵の失効確認', en: 'Key revocation' },
  approver_authority: { ja: '決裁権限', en: 'Approver authority' },
  warrant_attestation: { ja: '令状（裁判所の署名）', en: 'Warrant attestation (court)' },
  court_order: { ja: '開示命令（裁判官の署名）', en: "Disclosure order (judge's signature)" },
  replay: { ja: '再送・重複の検知', en: 'Replay' },
  content_rules: { ja: '内容・法令・当社方針', en: 'Content, law and our policy' },
  addressee: { ja: '宛先', en: 'Addressee' },
};

/** Who did something recorded in the audit log. */
export const ACTOR_TYPES = ['user', 'client', 'system'] as const;
export type ActorType = (typeof ACTOR_TYPES)[number];
export const ACTOR_TYPE_LABELS: Record<ActorType, Bilingual> = {
  user: { ja: '利用者', en: 'user' },
  client: { ja: '連携システム', en: 'machine client' },
  system: { ja: 'システム', en: 'system' },
};

/** Every audited action: a closed list, so a typo is a compile error and every entry has a label. */
export const AUDIT_ACTIONS = [
  'organisation.created',
  'unit.created',
  'user.created',
  'user.disabled',
  'user.second_factor_unlocked',
  'user.enrolment_issued',
  'user.enrolment_reset_requested',
  'user.enrolled',
  'user.enrolment_failed',
  'user.login',
  'user.login_failed',
  'user.logout',
  'key.created',
  'key.revoked',
  'policy.published',
  'networks.declared',
  'case.created',
  'request.drafted',
  'request.updated',
  'request.viewed',
  'request.transition',
  'request.signed',
  'warrant.signed',
  'request.received',
  'request.intake_rejected',
  'request.message',
  'answer.sealed',
  'answer.read',
  'audit.checkpoint',
  'role.granted',
  'role.countersigned',
  'role.refused',
  'role.ended',
  'request.shared',
  'request.unshared',
  'request.break_glass',
  // the duty approver (issue 15)
  'duty.designated',
  'duty.revoked',
  'mlat.event_recorded',
  'evidence.mail_analyzed',
  'request.linked',
  'attribution.ingested',
  'attribution.subscribers_imported',
  'attribution.nat_configured',
  'attribution.looked_up',
  'attribution.owner_set',
  'registry.imported',
  'registry.looked_up',
  // statistics, transparency reports and search (issue 14: numbers)
  'statistics.viewed',
  'transparency.exported',
  'requests.searched',
  // whom to ask (evidence)
  'evidence.whom_asked',
  'evidence.whom_domain_asked',
  'registry.domains_imported',
  // deconfliction between forces, retention, attachments (issue 14)
  'overlap.matched',
  'overlap.held',
  'overlap.notices_read',
  'retention.purged',
  'retention.archived',
  'retention.policy_set',
  'retention.archive_read',
  'attachment.added',
  'attachment.read',
  'attachment.removed',
  // owner-held credentials (sign)
  'credential.registered',
  'installation_key.registered',
  'directory.pinned',
  // trace (issue 12)
  'case.traced',
  'case.viewed',
  // answers in device custody (issue 11)
  'device.registered',
  'device.enrolled',
  'device.removed',
  'custody.started',
  'custody.rotated',
  'custody.compromised',
  'custody.reseal_handed_out',
  'custody.resealed',
  // the consultation desk (issue 15)
  'consultation.recorded',
  'consultation.viewed',
  'consultation.advised',
  'consultation.case_opened',
  // the subscriber's hearing (issue 15)
  'hearing.letter_sent',
  'hearing.viewed',
  'hearing.replied',
  'hearing.reply_refused',
  'hearing.decided',
  'hearing.impossible',
  // printable documents (issue 14 item 1)
  'document.issued',
  'document.verified',
  // the holders' own records: a board's post log, a café's ID checks and terminal use (issue 13)
  'holders.posts_imported',
  'holders.posts_looked_up',
  'holders.cafe_imported',
  'holders.cafe_looked_up',
  'holders.cafe_purged',
  // the provider's own installation (issue 13)
  'agent.received',
  'agent.refused',
  'agent.pin_refused',
  'agent.networks_foreign',
  'agent.key_unconfirmed',
  'agent.key_confirmed',
  'agent.key_disowned',
  'agent.prepared',
  'agent.viewed',
  'agent.edited',
  'agent.file_added',
  'agent.file_removed',
  'agent.request_file_opened',
  'agent.request_file_read',
  'agent.approved',
  'agent.declined',
  'agent.sent',
  'agent.send_refused',
  'agent.send_held',
  'agent.envelope_passed_over',
  'agent.callback_recorded',
  'agent.ended_at_hub',
  'agent.hub_check_changed',
  'agent.order_record_ignored',
  'agent.content_rule_refused',
  'agent.changed_order_fetched',
  'agent.changed_order_refused',
  'agent.provision_carrying_out',
  'agent.provision_carried_out',
  'agent.provision_unconfirmed',
  'agent.category_set',
  // warrant applications (issue 15 item 5)
  'warrant_application.drafted',
  'warrant_application.updated',
  'warrant_application.submitted',
  'warrant_application.returned',
  'warrant_application.sent',
  'warrant_application.viewed',
  'warrant_application.declined',
  'warrant_application.attested',
  'warrant_application.withdrawn',
  'warrant_application.request_opened',
  'disclosure_order.filed',
  'disclosure_order.viewed',
  'disclosure_order.withdrawn',
  'disclosure_order.declined',
  'disclosure_order.issued',
  'disclosure_order.party_heard',
  'disclosure_order.hearing_withdrawn',
  'disclosure_order.request_opened',
  'disclosure_order.objection_filed',
  'disclosure_order.objection_decided',
  'disclosure_order.final',
  'ancillary_order.filed',
  'ancillary_order.viewed',
  'ancillary_order.withdrawn',
  'ancillary_order.declined',
  'ancillary_order.issued',
  'ancillary_order.received',
  'ancillary_order.refused',
  'ancillary_order.lifted',
  'ancillary_order.provided',
  'ancillary_order.notified',
  'ancillary_order.notice_opened',
  'retention.held',
  // the two-person rule for signing credentials (issue 11)
  'credential.requested',
  'credential.confirmed',
  'credential.refused',
  // the two-person rule for a provider's installation key and machine clients
  'key_registration.requested',
  'key_registration.confirmed',
  'key_registration.refused',
  // oversight of oversight: an auditor's read of the audit log (its filters, how many entries it returned)
  'audit.searched',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
export const AUDIT_ACTION_LABELS: Record<AuditAction, Bilingual> = {
  'organisation.created': { ja: '組織の登録', en: 'Organisation registered' },
  'unit.created': { ja: '所属の登録', en: 'Unit created' },
  'user.created': { ja: '利用者の登録', en: 'User created' },
  'user.disabled': { ja: '利用者の無効化', en: 'User disabled' },
  'user.second_factor_unlocked': { ja: '二要素目の停止の解除', en: 'Second-factor lock lifted' },
  'user.enrolment_issued': { ja: '登録コードの発行', en: 'Enrolment code issued' },
  'user.enrolment_reset_requested': {
    ja: 'やり直しの依頼（二人目待ち）',
    en: 'Reset asked for (awaiting a second person)',
  },
  'user.enrolled': { ja: '本人による登録', en: 'Enrolled by the person' },
  'user.enrolment_failed': { ja: '登録の失敗', en: 'Enrolment failed' },
  'user.login': { ja: 'ログイン', en: 'Signed in' },
  'user.login_failed': { ja: 'ログイン失敗', en: 'Sign-in failed' },
  'user.logout': { ja: 'ログアウト', en: 'Signed out' },
  'key.created': { ja: '鍵の登録', en: 'Key registered' },
  'key.revoked': { ja: '鍵の失効', en: 'Key revoked' },
  'policy.published': { ja: '対応方針の公開', en: 'Policy published' },
  'networks.declared': { ja: '管理ネットワークの申告', en: 'Networks declared' },
  'case.created': { ja: '事件の登録', en: 'Case opened' },
  'request.drafted': { ja: '起案', en: 'Drafted' },
  'request.updated': { ja: '起案の修正', en: 'Draft edited' },
  'request.viewed': { ja: '照会の閲覧', en: 'Request viewed' },
  'request.transition': { ja: '手続の進行', en: 'Step taken' },
  'request.signed': { ja: '電子署名（決裁者・所属）', en: 'Signed (approver and unit)' },
  'warrant.signed': { ja: '令状への電子署名（裁判官）', en: "Warrant signed (the judge's signature)" },
  'request.received': { ja: '受信・真正性の検証', en: 'Received and verified' },
  'request.intake_rejected': { ja: '取込みを拒否', en: 'Intake refused' },
  'request.message': { ja: 'やり取り', en: 'Message' },
  'answer.sealed': { ja: '回答の署名・封緘', en: 'Answer signed and sealed' },
  'answer.read': { ja: '回答の開封・閲覧', en: 'Answer unsealed and read' },
  'audit.checkpoint': { ja: '監査ログのチェックポイント', en: 'Audit checkpoint' },
  // Whether it awaits a second person's countersignature or is in force at once is its detail `state`.
  'role.granted': { ja: '権限の付与', en: 'Role granted' },
  'role.countersigned': { ja: '権限付与への副署', en: 'Role grant countersigned' },
  'role.refused': { ja: '権限付与の副署拒否', en: 'Role grant refused' },
  'role.ended': { ja: '役割の終了', en: 'Role ended' },
  'request.shared': { ja: '照会の共有', en: 'Request shared' },
  'request.unshared': { ja: '照会の共有の終了', en: 'Request no longer shared' },
  'request.break_glass': {
    ja: '理由を記録した内容の閲覧（監督）',
    en: 'Content opened on a recorded reason (oversight)',
  },
  'duty.designated': { ja: '当直責任者の指定', en: 'Duty approver designated' },
  'duty.revoked': { ja: '当直責任者の指定の取消し', en: 'Duty designation revoked' },
  'mlat.event_recorded': { ja: '国際捜査共助の経過の記録', en: 'MLAT progress recorded' },
  'evidence.mail_analyzed': { ja: 'メールヘッダの解析', en: 'E-mail headers analysed' },
  'request.linked': { ja: '前の照会からの連結', en: 'Linked to what it follows from' },
  'attribution.ingested': { ja: 'ログの取込み', en: 'Logs ingested' },
  'attribution.subscribers_imported': { ja: '契約者情報の取込み', en: 'Subscriber directory imported' },
  'attribution.nat_configured': { ja: '決定論的 NAT 設定の登録', en: 'Deterministic NAT configured' },
  'attribution.looked_up': { ja: 'ログによる利用者の特定', en: 'Address holder looked up' },
  'attribution.owner_set': { ja: '記録の持ち主の登録', en: 'Owner of the records named' },
  'registry.imported': { ja: 'IP アドレス登録情報の取込み', en: 'IP registry data imported' },
  'registry.looked_up': { ja: 'IP アドレス登録情報の参照', en: 'IP registry looked up' },
  'statistics.viewed': { ja: '統計の集計・閲覧', en: 'Statistics computed and viewed' },
  'transparency.exported': { ja: '透明性レポートの出力', en: 'Transparency report exported' },
  'requests.searched': { ja: '照会の検索', en: 'Requests searched' },
  // whom to ask (evidence)
  'evidence.whom_asked': { ja: '照会先の確認（アドレス）', en: 'Whom to ask looked up (address)' },
  'evidence.whom_domain_asked': { ja: '照会先の確認（ドメイン・URL）', en: 'Whom to ask looked up (domain or URL)' },
  'registry.domains_imported': { ja: 'ドメイン登録情報の取込み', en: 'Domain registration data imported' },
  'overlap.matched': { ja: '他の警察の照会との重複（所属長へ通知）', en: 'Overlap with another force (heads told)' },
  'overlap.held': { ja: '重複の通知を保留（件数制限）', en: 'Overlap notice held back (rate limit)' },
  'overlap.notices_read': { ja: '重複照会の通知の確認', en: 'Overlap notices read' },
  'retention.purged': { ja: '保存期間経過による個人データの消去', en: 'Personal data purged (retention)' },
  'retention.archived': { ja: '保存期間経過による封緘保管', en: 'Personal data archived sealed (retention)' },
  'retention.policy_set': { ja: '保存期間の設定', en: 'Retention period set' },
  'retention.archive_read': { ja: '封緘保管データの開封', en: 'Sealed archive opened' },
  'attachment.added': { ja: '添付ファイルの追加', en: 'File attached' },
  'attachment.read': { ja: '添付ファイルの開封', en: 'Attachment opened' },
  'attachment.removed': { ja: '下書きからの添付ファイルの削除', en: 'File removed from a draft' },
  'credential.registered': {
    ja: '本人の署名用認証器（パスキー）の登録',
    en: 'Own signing credential (passkey) registered',
  },
  'installation_key.registered': {
    ja: '事業者の設置鍵（回答署名用）の登録',
    en: "Provider's installation key (signs answers) registered",
  },
  'directory.pinned': { ja: 'ハブのディレクトリの固定', en: 'Hub directory pinned' },
  // trace (issue 12)
  'case.traced': { ja: '事件の追跡図の閲覧', en: 'Case trace viewed' },
  'case.viewed': { ja: '事件の閲覧（照会と対象）', en: 'Case viewed (its requests and what they ask about)' },
  'device.registered': { ja: '端末の登録申請', en: 'Device registered' },
  'device.enrolled': { ja: '端末への鍵の受け渡し', en: 'Device enrolled (key wrapped to it)' },
  'device.removed': { ja: '端末の登録抹消', en: 'Device removed' },
  'custody.started': { ja: '回答鍵の端末保管への移行', en: 'Answer key moved to the devices' },
  'custody.rotated': { ja: '回答鍵の更新（構成員の除外）', en: 'Answer key rotated (member removed)' },
  'custody.compromised': { ja: '回答鍵の漏えいの記録', en: 'Answer key marked compromised' },
  'custody.reseal_handed_out': {
    ja: '封緘し直すための回答等の受渡し',
    en: 'Sealed items handed out to be sealed again',
  },
  'custody.resealed': { ja: '新しい回答鍵への封緘し直し', en: 'Items sealed again to the new answer key' },
  'consultation.recorded': { ja: '相談の受理', en: 'Consultation recorded' },
  'consultation.viewed': { ja: '相談記録の閲覧', en: 'Consultation viewed' },
  'consultation.advised': { ja: '相談の教示・引継ぎで完結', en: 'Consultation closed with advice' },
  'consultation.case_opened': { ja: '相談から事件化', en: 'Case opened from a consultation' },
  'hearing.letter_sent': { ja: '意見照会書の送付', en: 'Hearing letter sent' },
  'hearing.viewed': { ja: '意見照会の回答の閲覧', en: 'Hearing reply viewed' },
  'hearing.replied': { ja: '発信者の回答（回答用リンク）', en: "Subscriber's reply (reply link)" },
  'hearing.reply_refused': { ja: '回答コードの誤り', en: 'Wrong reply code' },
  'hearing.decided': { ja: '意見照会後の開示判断', en: 'Decision after the hearing' },
  'hearing.impossible': { ja: '意見照会不能の記録', en: 'Hearing recorded as impossible' },
  // printable documents (issue 14 item 1)
  'document.issued': { ja: '文書（PDF）の交付', en: 'Document (PDF) issued' },
  'document.verified': { ja: '文書（PDF）の検証', en: 'Document (PDF) verified' },
  'holders.posts_imported': { ja: '投稿記録の取込み', en: 'Post log imported' },
  'holders.posts_looked_up': { ja: '投稿記録の照会', en: 'Post log looked up' },
  'holders.cafe_imported': { ja: '本人確認・端末利用記録の取込み', en: 'ID-check and terminal-use records imported' },
  'holders.cafe_looked_up': { ja: '端末利用記録の照会', en: 'Terminal-use records looked up' },
  'holders.cafe_purged': { ja: '保存期間（3年）を過ぎた記録の消去', en: 'Records past their three years purged' },
  'agent.received': {
    ja: '要請の受領（固定済みディレクトリで検証済み）',
    en: 'Request received (verified against the pinned directory)',
  },
  'agent.refused': { ja: '要請の受領拒否（検証できない）', en: 'Request refused (it does not verify)' },
  'agent.pin_refused': {
    ja: 'ハブのディレクトリの拒否（固定済みのものに追記していない）。新しい要請は受領しません',
    en: 'Hub directory refused (it does not extend the pin): no new request is taken in',
  },
  'agent.networks_foreign': {
    ja: '自社名義のネットワーク申告で、この設置の設置鍵で署名していないものがディレクトリにあります',
    en: "A networks declaration in the provider's own name that this installation did not sign is in the directory",
  },
  'agent.key_unconfirmed': {
    ja: '自社名義の鍵で、自社の者がまだ確認していないものがハブのディレクトリに入りました',
    en: "A key in the provider's own name that its people have not yet confirmed entered the hub's directory",
  },
  'agent.key_confirmed': {
    ja: 'ハブのディレクトリにある自社名義の鍵を自社のものと確認',
    en: "A key in the provider's own name in the hub's directory confirmed as its own",
  },
  'agent.key_disowned': {
    ja: 'ハブのディレクトリにある自社名義の鍵を自社のものではないと確認（ハブで漏えいとして失効させること）',
    en: "A key in the provider's own name in the hub's directory disowned (revoke it at the hub as compromised)",
  },
  'agent.prepared': { ja: '回答案の作成', en: 'Answer prepared' },
  'agent.viewed': { ja: '回答案（個人情報を含む）の閲覧', en: 'Prepared answer (personal data) viewed' },
  'agent.edited': { ja: '回答案の修正', en: 'Answer edited' },
  'agent.file_added': { ja: '回答案へのファイルの添付', en: 'File attached to the draft answer' },
  'agent.file_removed': { ja: '回答案からのファイルの削除', en: 'File removed from the draft answer' },
  'agent.request_file_opened': {
    ja: '要請の添付ファイルの開封と照合（署名された SHA-256）',
    en: 'Request file opened and checked (against the signed SHA-256)',
  },
  'agent.request_file_read': { ja: '要請の添付ファイルの閲覧・ダウンロード', en: 'Request file read (downloaded)' },
  'agent.approved': { ja: '回答の承認・署名・封緘', en: 'Answer approved, signed and sealed' },
  'agent.declined': { ja: '回答の見送り', en: 'Answer declined' },
  'agent.sent': { ja: '封緘済み回答の送付', en: 'Sealed answer sent' },
  'agent.send_refused': {
    ja: 'ハブによる送付の拒否（ハブの理由を記録。対応が必要）',
    en: 'Send refused by the hub (its words kept; needs a person)',
  },
  'agent.send_held': {
    ja: 'この設置による送付の保留（緊急要請の折り返し確認をこの設置で記録するまで。ハブの拒否ではない）',
    en: 'Send held by this installation (until the call-back is recorded here; not a refusal of the hub)',
  },
  'agent.envelope_passed_over': {
    ja: 'ハブが「封筒なし」と繰り返し答えた要請の取得の見合わせ（固定が伸びるか1日経てば再取得）',
    en: 'Request no longer fetched: the hub said again and again it has no envelope (fetched again in a day)',
  },
  'agent.callback_recorded': {
    ja: '照会元所属への折り返し確認の記録（確認者・日時・結果。ハブにも記録）',
    en: 'Call-back to the issuing unit recorded (who, when, outcome; recorded at the hub too)',
  },
  'agent.ended_at_hub': {
    ja: 'ハブでの取下げ・終結の記録（ハブの記録による。回答・確認の対象から外す。削除はしない）',
    en: 'Withdrawn or closed at the hub, per the hub: no longer offered for answer or review (nothing deleted)',
  },
  'agent.hub_check_changed': {
    ja: 'ハブでの取下げの検証結果の更新（固定済みログが伸びて鍵・記録を確認。前の結果は監査記録に残る）',
    en: 'The check of a withdrawal at the hub changed (the pinned log grew; the earlier check stays in the audit)',
  },
  'agent.order_record_ignored': {
    ja: '固定済みディレクトリの裁判所の記録を無視（裁判官の署名を検証できない）',
    en: "A court's record in the pinned directory ignored (the judge's signature does not verify)",
  },
  'agent.content_rule_refused': {
    ja: '回答の準備・承認の拒否（規則が加わる前に受け付けた要請が、受領時に確かめる規則を満たさない）',
    en: 'Answer not prepared or approved (taken in before the rule, the request breaks a rule checked at intake)',
  },
  'agent.changed_order_fetched': {
    ja: '変更後の開示命令の本文をハブから取得（固定済みディレクトリの記録のハッシュ値と一致）',
    en: "The text of a changed disclosure order fetched from the hub (matches the pinned directory's digest)",
  },
  'agent.changed_order_refused': {
    ja: 'ハブが示した変更後の開示命令の本文を拒否（固定済みディレクトリの記録のハッシュ値と不一致）',
    en: "The text of a changed disclosure order the hub gave refused (does not match the pinned directory's digest)",
  },
  'agent.provision_carrying_out': {
    ja: '提供命令の履行を開始（経由プロバイダごとに封緘し、ハブに送る前に記録）',
    en: 'Provision order being carried out (sealed to each access provider, recorded before the hub is asked)',
  },
  'agent.provision_carried_out': {
    ja: '提供命令の履行（経由プロバイダごとに封緘して送付）',
    en: 'Provision order carried out (sealed to each access provider)',
  },
  'agent.provision_unconfirmed': {
    ja: '提供命令の履行をハブが確認せず（拒否、または応答なし。応答なしのときはハブの命令の状態で確認）',
    en: 'Provision order not confirmed by the hub (refused, or no answer: then see the order at the hub)',
  },
  'agent.category_set': {
    ja: 'この設置の事業者の種別の変更（設定ファイルによる。受け付け済みの開示請求を段階の規則で確かめ直す）',
    en: "This installation's provider category changed (by its configuration; held disclosure requests judged again)",
  },
  'warrant_application.drafted': { ja: '令状請求の起案', en: 'Warrant application drafted' },
  'warrant_application.updated': { ja: '令状請求の修正', en: 'Warrant application edited' },
  'warrant_application.submitted': { ja: '令状請求を決裁に回す', en: 'Warrant application submitted for approval' },
  'warrant_application.returned': { ja: '令状請求の差戻し', en: 'Warrant application returned to the drafter' },
  'warrant_application.sent': {
    ja: '令状請求の決裁・裁判所への送付',
    en: 'Warrant application approved and sent to the court',
  },
  'warrant_application.viewed': { ja: '令状請求の閲覧', en: 'Warrant application viewed' },
  'warrant_application.declined': { ja: '令状請求の却下', en: 'Warrant application declined' },
  'warrant_application.attested': {
    ja: '令状の発付（裁判官の電子署名）',
    en: "Warrant issued (the judge's signature)",
  },
  'warrant_application.withdrawn': { ja: '令状請求の撤回', en: 'Warrant application withdrawn' },
  'credential.requested': {
    ja: '署名用認証器の登録申請（確認待ち）',
    en: 'Signing credential submitted (awaiting confirmation)',
  },
  'credential.confirmed': {
    ja: '署名用認証器の登録の確認（二人目）',
    en: 'Signing credential confirmed (second person)',
  },
  'credential.refused': { ja: '署名用認証器の登録の拒否', en: 'Signing credential refused' },
  'key_registration.requested': {
    ja: '設置鍵・連携システムの登録申請（確認待ち）',
    en: 'Installation key or machine client submitted (awaiting confirmation)',
  },
  'key_registration.confirmed': {
    ja: '設置鍵・連携システムの登録の確認（二人目）',
    en: 'Installation key or machine client confirmed (second person)',
  },
  'key_registration.refused': {
    ja: '設置鍵・連携システムの登録の拒否',
    en: 'Installation key or machine client refused',
  },
  'warrant_application.request_opened': {
    ja: '発付された令状から要請を起案',
    en: 'Request drafted from the issued warrant',
  },
  'disclosure_order.filed': { ja: '開示命令の申立て', en: 'Disclosure order applied for' },
  'disclosure_order.viewed': { ja: '開示命令の申立ての閲覧', en: 'Disclosure order application viewed' },
  'disclosure_order.withdrawn': { ja: '開示命令の申立ての取下げ', en: 'Disclosure order application withdrawn' },
  'disclosure_order.declined': { ja: '開示命令の申立ての却下', en: 'Disclosure order application declined' },
  'disclosure_order.issued': {
    ja: '開示命令の発令（裁判官の電子署名）',
    en: "Disclosure order issued (the judge's signature)",
  },
  'disclosure_order.request_opened': {
    ja: '発令された開示命令から開示請求を起案',
    en: 'Civil request drafted from the issued order',
  },
  'disclosure_order.party_heard': {
    ja: '開示命令の申立てについて当事者の陳述聴取を記録',
    en: "A party's statement heard on the application recorded",
  },
  'disclosure_order.hearing_withdrawn': {
    ja: '誤って記録された陳述聴取の記録を取消し',
    en: 'A hearing recorded by mistake withdrawn',
  },
  'disclosure_order.objection_filed': {
    ja: '開示命令に対する異議の訴えの提起を記録',
    en: 'Objection suit against the order recorded',
  },
  'disclosure_order.objection_decided': {
    ja: '異議の訴えの結果（認可・変更・取消し）を記録',
    en: 'Outcome of the objection suit recorded (upheld, changed, set aside)',
  },
  'disclosure_order.final': { ja: '開示命令の確定を記録', en: 'The order recorded as final' },
  'ancillary_order.filed': { ja: '付随命令（提供命令・消去禁止命令）の申立て', en: 'Ancillary order applied for' },
  'ancillary_order.viewed': { ja: '付随命令の閲覧', en: 'Ancillary order viewed' },
  'ancillary_order.withdrawn': { ja: '付随命令の申立ての取下げ', en: 'Ancillary order application withdrawn' },
  'ancillary_order.declined': { ja: '付随命令の申立ての却下', en: 'Ancillary order application declined' },
  'ancillary_order.issued': {
    ja: '付随命令の発令（裁判官の電子署名）',
    en: "Ancillary order issued (the judge's signature)",
  },
  'ancillary_order.received': {
    ja: '付随命令の受領（裁判官の署名を確認）',
    en: "Ancillary order received (the judge's signature checked)",
  },
  'ancillary_order.refused': {
    ja: '付随命令の受領拒否（署名を確認できない）',
    en: 'Ancillary order refused (the signature does not verify)',
  },
  'ancillary_order.lifted': { ja: '付随命令の効力消滅', en: 'Ancillary order no longer in force' },
  'ancillary_order.provided': {
    ja: '提供命令に基づく経由プロバイダの氏名等の提供',
    en: 'Access providers named under a provision order',
  },
  'ancillary_order.notified': {
    ja: '経由プロバイダへの開示命令申立ての通知（発信者情報の提供）',
    en: 'Application against the access provider notified (communications released to it)',
  },
  'ancillary_order.notice_opened': {
    ja: '提供された発信者情報の開封（経由プロバイダ）',
    en: 'Provided communications opened (access provider)',
  },
  'retention.held': {
    ja: '消去禁止命令により保存期間経過後も保持',
    en: 'Kept past retention under an erasure-prohibition order',
  },
  'audit.searched': { ja: '監査ログの検索（監察）', en: 'Audit log searched (oversight)' },
};
/**
 * A civil disclosure's audit entries in the lawyer's words, where they differ (as `CIVIL_ACTION_WORDS`): counsel
 * signs with the law office's key — no approver — and the request is the lawyer's 請求, written (作成), not 起案.
 */
export const CIVIL_AUDIT_ACTION_WORDS: Readonly<Partial<Record<AuditAction, Bilingual>>> = {
  'request.drafted': { ja: '作成', en: 'Drafted' },
  'request.updated': { ja: '作成中の請求の修正', en: 'Draft edited' },
  'request.viewed': { ja: '請求の閲覧', en: 'Request viewed' },
  'request.signed': { ja: '電子署名（代理人弁護士・法律事務所）', en: 'Signed (counsel and law office)' },
};
/** An audit entry's action in the words of its request's kind. */
export const auditActionLabel = (action: AuditAction, kind?: RequestKind): Bilingual =>
  (kind === 'civil_disclosure' ? CIVIL_AUDIT_ACTION_WORDS[action] : undefined) ?? AUDIT_ACTION_LABELS[action];

/**
 * What an auditor asks about, as groups of audit actions (the audit log's search, src/audit/audit-search.ts):
 * reads of personal data — identities looked up, answers opened or printed, requests and records read,
 * content read on a recorded reason — and, apart, sign-ins and the administration of people, roles and keys.
 */
export const AUDIT_ACTION_GROUPS = [
  'personal_data_reads',
  'subscriber_lookups',
  'answer_opens',
  'break_glass',
  'sign_ins',
  'administration',
] as const;
export type AuditActionGroup = (typeof AUDIT_ACTION_GROUPS)[number];
export const AUDIT_ACTION_GROUP_LABELS: Record<AuditActionGroup, Bilingual> = {
  personal_data_reads: { ja: '個人データの参照（すべて）', en: 'Reads of personal data (all)' },
  subscriber_lookups: { ja: '契約者・利用者の特定', en: 'Subscriber identities looked up' },
  answer_opens: { ja: '回答の開封・印刷', en: 'Answers opened or printed' },
  break_glass: { ja: '理由を記録した内容の閲覧（監督）', en: 'Content read on a recorded reason (oversight)' },
  sign_ins: { ja: 'ログイン・ログアウト', en: 'Sign-ins and sign-outs' },
  administration: { ja: '利用者・権限・鍵の管理', en: 'People, roles and keys administered' },
};
const SUBSCRIBER_LOOKUPS: readonly AuditAction[] = [
  'attribution.looked_up',
  'holders.posts_looked_up',
  'holders.cafe_looked_up',
];
const ANSWER_OPENS: readonly AuditAction[] = [
  'answer.read',
  'document.issued',
  'attachment.read',
  'retention.archive_read',
  'ancillary_order.notice_opened',
];
/** The actions of each group (a group filter matches any of them). */
export const AUDIT_ACTION_GROUP_MEMBERS: Record<AuditActionGroup, readonly AuditAction[]> = {
  personal_data_reads: [
    ...SUBSCRIBER_LOOKUPS,
    ...ANSWER_OPENS,
    'request.break_glass',
    'request.viewed',
    'registry.looked_up',
    'requests.searched',
    'case.traced',
    'case.viewed',
    'hearing.viewed',
    'consultation.viewed',
    'overlap.notices_read',
    'warrant_application.viewed',
    'disclosure_order.viewed',
    'ancillary_order.viewed',
    'audit.searched',
  ],
  subscriber_lookups: SUBSCRIBER_LOOKUPS,
  answer_opens: ANSWER_OPENS,
  break_glass: ['request.break_glass'],
  sign_ins: ['user.login', 'user.login_failed', 'user.logout', 'user.enrolled', 'user.enrolment_failed'],
  administration: [
    'organisation.created',
    'unit.created',
    'user.created',
    'user.disabled',
    'user.second_factor_unlocked',
    'user.enrolment_issued',
    'user.enrolment_reset_requested',
    'role.granted',
    'role.countersigned',
    'role.refused',
    'role.ended',
    'key.created',
    'key.revoked',
    'credential.registered',
    'credential.requested',
    'credential.confirmed',
    'credential.refused',
    'installation_key.registered',
    'key_registration.requested',
    'key_registration.confirmed',
    'key_registration.refused',
    'duty.designated',
    'duty.revoked',
    'retention.policy_set',
  ],
};

/** What retention does to a closed request's personal data once its period has run (issue 14, item 6). */
export const RETENTION_MODES = ['purge', 'archive'] as const;
export type RetentionMode = (typeof RETENTION_MODES)[number];
export const RETENTION_MODE_LABELS: Record<RetentionMode, Bilingual> = {
  purge: { ja: '消去', en: 'Purge' },
  archive: { ja: '封緘して保管', en: 'Archive sealed' },
};

/** Where a request of the chain came from: an identifier another request's answer revealed, or an e-mail. */
export const LINK_SOURCES = ['answer', 'mail'] as const;
export type LinkSource = (typeof LINK_SOURCES)[number];
export const LINK_SOURCE_LABELS: Record<LinkSource, Bilingual> = {
  answer: { ja: '回答から', en: 'From an answer' },
  mail: { ja: 'メールの解析から', en: 'From an analysed e-mail' },
};

// ---- statistics and transparency (issue 14: numbers) ----

/**
 * What became of a request, as the statistics count it (derived from the request's own record). Whether an
 * answer was full or partial is inside the sealed answer: the hub cannot count it, by design.
 */
export const STATISTIC_OUTCOMES = ['answered', 'declined', 'withdrawn', 'pending', 'closed_unanswered'] as const;
export type StatisticOutcome = (typeof STATISTIC_OUTCOMES)[number];
export const STATISTIC_OUTCOME_LABELS: Record<StatisticOutcome, Bilingual> = {
  answered: { ja: '回答', en: 'Answered' },
  declined: { ja: '回答拒否', en: 'Declined' },
  withdrawn: { ja: '取下げ', en: 'Withdrawn' },
  pending: { ja: '対応中', en: 'Pending' },
  closed_unanswered: { ja: '完結（国際共助）', en: 'Closed (MLA handed over)' },
};

/** How statistics are broken down. */
export const STATISTIC_GROUPINGS = ['none', 'provider', 'agency', 'unit', 'period'] as const;
export type StatisticGrouping = (typeof STATISTIC_GROUPINGS)[number];
export const STATISTIC_GROUPING_LABELS: Record<StatisticGrouping, Bilingual> = {
  none: { ja: '合計のみ', en: 'Totals only' },
  provider: { ja: '事業者別', en: 'By provider' },
  agency: { ja: '照会機関別', en: 'By agency' },
  unit: { ja: '所属別', en: 'By unit' },
  period: { ja: '期間別', en: 'By period' },
};

/** The length of a statistics period (calendar periods in Japan Standard Time). */
export const PERIOD_GRANULARITIES = ['month', 'quarter', 'half', 'year'] as const;
export type PeriodGranularity = (typeof PERIOD_GRANULARITIES)[number];
export const PERIOD_GRANULARITY_LABELS: Record<PeriodGranularity, Bilingual> = {
  month: { ja: '月', en: 'Month' },
  quarter: { ja: '四半期', en: 'Quarter' },
  half: { ja: '半期', en: 'Half-year' },
  year: { ja: '年', en: 'Year' },
};

/** How a search's results are ordered. */
export const SEARCH_SORTS = ['updated_desc', 'updated_asc', 'issued_desc', 'issued_asc', 'reference_asc'] as const;
export type SearchSort = (typeof SEARCH_SORTS)[number];
export const SEARCH_SORT_LABELS: Record<SearchSort, Bilingual> = {
  updated_desc: { ja: '更新が新しい順', en: 'Recently updated first' },
  updated_asc: { ja: '更新が古い順', en: 'Least recently updated first' },
  issued_desc: { ja: '発出が新しい順', en: 'Newest issued first' },
  issued_asc: { ja: '発出が古い順', en: 'Oldest issued first' },
  reference_asc: { ja: '照会番号順', en: 'By reference' },
};

/** Whom to ask about an address: a domestic holder, a foreign one, an internet café, or none. */
export const WHOM_VERDICTS = ['domestic', 'foreign', 'cafe', 'unknown', 'not_public'] as const;
export type WhomVerdict = (typeof WHOM_VERDICTS)[number];
export const WHOM_VERDICT_LABELS: Record<WhomVerdict, Bilingual> = {
  domestic: { ja: '国内', en: 'Domestic' },
  foreign: { ja: '国外', en: 'Foreign' },
  cafe: { ja: 'インターネットカフェ', en: 'Internet café' },
  unknown: { ja: '不明', en: 'Unknown' },
  not_public: { ja: '非公開アドレス（内部）', en: 'Not a public address (internal)' },
};

// ---- trace (issue 12): the identifiers of a case's chain ----

/** What a node of a case's trace stands for: an identifier, or a subscriber an answer disclosed. */
export const TRACE_IDENTIFIER_KINDS = [
  'post',
  'account',
  'address',
  'email',
  'mail_message',
  'subscriber',
  'terminal',
  'domain',
  'phone',
] as const;
export type TraceIdentifierKind = (typeof TRACE_IDENTIFIER_KINDS)[number];
export const TRACE_IDENTIFIER_KIND_LABELS: Record<TraceIdentifierKind, Bilingual> = {
  post: { ja: '投稿（URL・投稿ID）', en: 'Post (URL or post ID)' },
  account: { ja: 'アカウント', en: 'Account' },
  address: { ja: 'IPアドレス・ポート・日時', en: 'Address, port and instant' },
  email: { ja: 'メールアドレス', en: 'E-mail address' },
  mail_message: { ja: '解析したメール', en: 'Analysed e-mail message' },
  subscriber: { ja: '契約者', en: 'Subscriber' },
  terminal: { ja: 'インターネットカフェの端末', en: 'Internet café terminal' },
  domain: { ja: 'ドメイン', en: 'Domain' },
  phone: { ja: '電話番号', en: 'Phone number' },
};

/** How two nodes of a trace are joined. */
export const TRACE_EDGE_KINDS = ['asks_about', 'revealed', 'discloses', 'origin_of'] as const;
export type TraceEdgeKind = (typeof TRACE_EDGE_KINDS)[number];
export const TRACE_EDGE_KIND_LABELS: Record<TraceEdgeKind, Bilingual> = {
  asks_about: { ja: '照会の対象', en: 'asks about' },
  revealed: { ja: '回答で判明', en: 'revealed by the answer' },
  discloses: { ja: '回答で開示', en: 'disclosed by the answer' },
  origin_of: { ja: 'メールの発信元', en: 'origin of the e-mail' },
};

/**
 * What the trace may say of an answered request (issue 13). The answer is sealed to the unit: only the
 * client that opened it knows what it found, and says so; without that the trace says it is sealed.
 */
export const TRACE_ANSWER_READINGS = ['sealed', 'subscriber', 'ambiguous', 'not_identified'] as const;
export type TraceAnswerReading = (typeof TRACE_ANSWER_READINGS)[number];
export const TRACE_ANSWER_READING_LABELS: Record<TraceAnswerReading, Bilingual> = {
  sealed: {
    ja: '回答あり（封緘されています。開くと何が判明したかが分かります）',
    en: 'Answered (sealed; open it to see what was found)',
  },
  subscriber: { ja: '回答で契約者が開示されました', en: 'The answer discloses a subscriber' },
  ambiguous: {
    ja: '回答は「特定できず（複数の候補）」です。契約者は特定されていません',
    en: 'The answer is ambiguous (several candidates): no subscriber is identified',
  },
  not_identified: {
    ja: '回答で契約者は開示されていません（該当なし、または求めていません）',
    en: 'The answer discloses no subscriber (nothing found, or not asked for)',
  },
};

// Answers in device custody (issue 11): the kinds of device that hold a unit's (or provider's) answer key.
export const DEVICE_KINDS = ['browser', 'machine', 'recovery'] as const;
export type DeviceKind = (typeof DEVICE_KINDS)[number];
export const DEVICE_KIND_LABELS: Record<DeviceKind, Bilingual> = {
  browser: { ja: 'ブラウザ', en: 'Browser' },
  machine: { ja: 'コマンド・システム連携（鍵ファイル）', en: 'Command line or system (key file)' },
  recovery: { ja: '回復鍵（所属長がオフラインで保管）', en: 'Recovery key (kept offline by the head)' },
};

// ---------------------------------------------------------------------------------------------------
// Printable documents (src/documents/)

/** The printable documents of a request, each a PDF that carries what it was rendered from. */
export const DOCUMENT_TYPES = [
  'inquiry',
  'preservation',
  'warrant_summary',
  'opinion',
  'mlat_letter',
  'answer',
] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];
export const DOCUMENT_TYPE_LABELS: Record<DocumentType, Bilingual> = {
  inquiry: { ja: '捜査関係事項照会書', en: 'Letter of inquiry' },
  preservation: { ja: '保全要請書', en: 'Preservation request' },
  warrant_summary: { ja: '令状認証要旨', en: 'Warrant attestation summary' },
  opinion: { ja: '意見照会書', en: 'Request for the subscriber’s opinion' },
  mlat_letter: { ja: '国際捜査共助要請書', en: 'Letter of request for mutual legal assistance' },
  answer: { ja: '回答書', en: 'Answer' },
};

/** The documents a signed request of each kind has (src/documents/, and the links on the request page). */
export const DOCUMENTS_OF_KIND: Record<RequestKind, readonly DocumentType[]> = {
  inquiry: ['inquiry', 'answer'],
  warrant: ['warrant_summary', 'answer'],
  preservation: ['preservation', 'answer'],
  emergency: ['answer'],
  civil_disclosure: ['opinion', 'answer'],
  cafe_records: ['answer'],
  mlat: ['mlat_letter'],
};

/** What `shokai document verify` checks, in order. */
export const DOCUMENT_CHECKS = ['embedded', 'signatures', 'pages', 'directory'] as const;
export type DocumentCheck = (typeof DOCUMENT_CHECKS)[number];
export const DOCUMENT_CHECK_LABELS: Record<DocumentCheck, Bilingual> = {
  embedded: { ja: '埋め込まれた署名済みデータ', en: 'Embedded signed data' },
  signatures: { ja: '電子署名', en: 'Signatures' },
  pages: { ja: '印字内容と署名済みデータの一致', en: 'Printed pages match the signed data' },
  directory: {
    ja: '署名の鍵と印字された名称の、鍵の一覧（ディレクトリ）との照合',
    en: 'Keys and printed names against the directory',
  },
};

// ---------------------------------------------------------------------------------------------------
// The consultation desk (生活相談窓口, issue 15)

/** The twelve kinds of cyber-crime consultation a police desk sorts what it hears into. */
export const CONSULTATION_CATEGORIES = [
  'fraud',
  'auction',
  'defamation_threat',
  'child_abuse_material',
  'unauthorised_access',
  'malware',
  'spam',
  'card_fraud',
  'illegal_content_report',
  'provider_dispute',
  'leak_suicide_safety',
  'internet_cafe',
] as const;
export type ConsultationCategory = (typeof CONSULTATION_CATEGORIES)[number];
export const CONSULTATION_CATEGORY_LABELS: Record<ConsultationCategory, Bilingual> = {
  fraud: { ja: '詐欺・悪質商法', en: 'Fraud and deceptive sales' },
  auction: { ja: 'インターネットオークション・取引の被害', en: 'Online auctions and trading' },
  defamation_threat: {
    ja: '名誉毀損・誹謗中傷・脅迫・個人情報の拡散',
    en: 'Defamation, abuse, threats, spreading personal data',
  },
  child_abuse_material: { ja: '児童ポルノの流布等', en: 'Child sexual abuse material' },
  unauthorised_access: {
    ja: '不正アクセス・ネットワークセキュリティ',
    en: 'Unauthorised access and network security',
  },
  malware: { ja: 'コンピュータウイルスの被害', en: 'Malware' },
  spam: { ja: '迷惑メール・スパムメール', en: 'Spam and unwanted e-mail' },
  card_fraud: { ja: 'クレジットカード番号の盗用等', en: 'Credit-card fraud' },
  illegal_content_report: {
    ja: '違法・有害なサイトや掲示板の通報・取締要望',
    en: 'Reports of illegal or harmful sites and boards',
  },
  provider_dispute: { ja: 'プロバイダとの契約・トラブル', en: 'Contracts and disputes with a provider' },
  leak_suicide_safety: {
    ja: '情報流出・自殺予告・人身の安全',
    en: 'Data leaks, suicide notices, personal safety',
  },
  internet_cafe: { ja: 'インターネットカフェ等', en: 'Internet cafés' },
};

/** Where the desk sends a person for what the police cannot do themselves. */
export const CONSULTATION_REFERRALS = [
  'consumer_hotline',
  'houterasu',
  'ipa_security',
  'spam_centre',
  'ec_monitoring',
  'human_rights_desk',
  'bank_fraud_desk',
] as const;
export type ConsultationReferral = (typeof CONSULTATION_REFERRALS)[number];
export const CONSULTATION_REFERRAL_LABELS: Record<ConsultationReferral, Bilingual> = {
  consumer_hotline: {
    ja: '消費者ホットライン（188）・消費生活センター',
    en: 'Consumer hotline (188) and consumer centres',
  },
  houterasu: { ja: '法テラス（日本司法支援センター）', en: 'Houterasu (Japan Legal Support Center)' },
  ipa_security: { ja: 'IPA 情報セキュリティ安心相談窓口', en: 'IPA information-security advice desk' },
  spam_centre: { ja: '迷惑メール相談センター', en: 'Spam consultation centre' },
  ec_monitoring: { ja: '電子商取引モニタリングセンター', en: 'E-commerce monitoring centre' },
  human_rights_desk: { ja: '法務局の人権相談窓口', en: "Legal Affairs Bureau's human-rights desk" },
  bank_fraud_desk: {
    ja: '振込先金融機関の不正利用窓口（口座凍結）',
    en: "The receiving bank's fraud desk (account freezing)",
  },
};

/** How the person reached the desk. */
export const CONSULTATION_CHANNELS = ['visit', 'phone', 'online'] as const;
export type ConsultationChannel = (typeof CONSULTATION_CHANNELS)[number];
export const CONSULTATION_CHANNEL_LABELS: Record<ConsultationChannel, Bilingual> = {
  visit: { ja: '来訪', en: 'In person' },
  phone: { ja: '電話', en: 'Telephone' },
  online: { ja: 'ウェブ・メール', en: 'Online' },
};

/** Where a consultation stands: heard, closed with advice and referrals, or turned into a case. */
export const CONSULTATION_STATES = ['open', 'advised', 'case_opened'] as const;
export type ConsultationState = (typeof CONSULTATION_STATES)[number];
export const CONSULTATION_STATE_LABELS: Record<ConsultationState, Bilingual> = {
  open: { ja: '対応中', en: 'Open' },
  advised: { ja: '教示・引継ぎで完結', en: 'Closed with advice' },
  case_opened: { ja: '事件化', en: 'Case opened' },
};

/** How urgent the desk found what it heard: nothing pressing, or one of the emergency bases. */
export const CONSULTATION_URGENCIES = ['none', 'suicide_notice', 'threat_to_life'] as const;
export type ConsultationUrgency = (typeof CONSULTATION_URGENCIES)[number];
export const CONSULTATION_URGENCY_LABELS: Record<ConsultationUrgency, Bilingual> = {
  none: { ja: '緊急性なし', en: 'Not urgent' },
  suicide_notice: { ja: '自殺予告（人命保護）', en: 'Suicide notice (protection of life)' },
  threat_to_life: { ja: '生命・身体への危険', en: 'Danger to life or limb' },
};

/**
 * Why an agency asks that the subscriber not be told of a criminal request (秘匿): the statute for an
 * inquiry or a preservation request, the secrecy of the investigation otherwise.
 */
export const NON_DISCLOSURE_BASES = ['ccp_197_5', 'investigation_secrecy'] as const;
export type NonDisclosureBasis = (typeof NON_DISCLOSURE_BASES)[number];
export const NON_DISCLOSURE_BASIS_LABELS: Record<NonDisclosureBasis, Bilingual> = {
  ccp_197_5: {
    ja: '刑事訴訟法第197条第5項（照会・保全要請に関する事項をみだりに漏らさないことの求め）',
    en:
      'Code of Criminal Procedure art. 197(5): that the matters ' +
      'of the inquiry or preservation not be disclosed without need',
  },
  investigation_secrecy: {
    ja: '捜査の密行性（罪証隠滅・逃亡のおそれ）',
    en: 'Secrecy of the investigation (risk of evidence being destroyed or of flight)',
  },
};

/** The subscriber's reply to a hearing (意見照会), and the provider's decision after it or its absence. */
export const HEARING_REPLIES = ['consent', 'objection'] as const;
export type HearingReply = (typeof HEARING_REPLIES)[number];
export const HEARING_REPLY_LABELS: Record<HearingReply, Bilingual> = {
  consent: { ja: '開示に同意する', en: 'I consent to the disclosure' },
  objection: { ja: '開示に同意しない', en: 'I object to the disclosure' },
};
export const HEARING_DECISIONS = ['disclose', 'withhold'] as const;
export type HearingDecision = (typeof HEARING_DECISIONS)[number];
/** Why a provider withholds after the hearing (a subset of the decline reasons). */
export const WITHHOLD_REASONS = [
  'subscriber_objection_upheld',
  'infringement_not_evident',
  'no_legitimate_reason',
  'other',
] as const satisfies readonly DeclineReason[];
export type WithholdReason = (typeof WITHHOLD_REASONS)[number];
export const HEARING_DECISION_LABELS: Record<HearingDecision, Bilingual> = {
  disclose: { ja: '開示する', en: 'Disclose' },
  withhold: { ja: '開示しない', en: 'Withhold' },
};
/**
 * Why the provider cannot ask the subscriber's opinion (意見照会不能; the Act's "cannot contact the
 * sender", art. 6(1)): the provider's own note says more and stays with it.
 */
export const HEARING_IMPOSSIBLE_REASONS = [
  'no_contact_details',
  'returned_undelivered',
  'contact_failed',
  'other',
] as const;
export type HearingImpossibleReason = (typeof HEARING_IMPOSSIBLE_REASONS)[number];
export const HEARING_IMPOSSIBLE_REASON_LABELS: Record<HearingImpossibleReason, Bilingual> = {
  no_contact_details: { ja: '発信者の連絡先を保有していない', en: 'No contact details of the subscriber are held' },
  returned_undelivered: { ja: '照会書が宛先不明等で返送された', en: 'The hearing letter was returned undelivered' },
  contact_failed: { ja: '連絡先に連絡したが届かなかった', en: 'The contact details were tried and failed' },
  other: { ja: 'その他の事情により連絡できない', en: 'The subscriber cannot be contacted for another reason' },
};

// The notices in a request's thread (the hearing's steps, a preservation extended), written by the
// system as a code (with the reason of a hearing that could not be held, or the new end of a
// preservation) and rendered in the reader's language (src/domain/thread-notice.ts); `{reason}` stands
// for the reason's label, `{until}` for the instant, written in the reader's zone with its offset.
export const THREAD_NOTICES = [
  'hearing_letter_sent',
  'hearing_impossible',
  'opinion_none',
  'opinion_consent',
  'opinion_objection',
  'opinion_not_heard',
  'preservation_extended',
  'order_contested',
  'order_changed',
  'order_set_aside',
  'order_set_aside_answered',
  'order_set_aside_withdrawn',
] as const;
export type ThreadNoticeCode = (typeof THREAD_NOTICES)[number];
export const THREAD_NOTICE_LABELS: Record<ThreadNoticeCode, Bilingual> = {
  hearing_letter_sent: {
    ja: '意見照会書を発信者に送付しました。',
    en: 'The hearing letter was sent to the subscriber.',
  },
  hearing_impossible: {
    ja: '発信者に意見照会ができません（{reason}）。',
    en: 'The subscriber cannot be asked ({reason}).',
  },
  opinion_none: {
    ja: '回答期限までに発信者からの回答はありませんでした。',
    en: 'No reply from the subscriber by the deadline.',
  },
  opinion_consent: { ja: '発信者は開示に同意しました。', en: 'The subscriber consents.' },
  opinion_objection: {
    ja: '発信者は開示に同意しませんでした（理由は事業者が保有）。',
    en: 'The subscriber objects (the reasons stay with the provider).',
  },
  opinion_not_heard: {
    ja: '発信者の意見を聴くことができませんでした（{reason}）。',
    en: "The subscriber's opinion could not be asked ({reason}).",
  },
  preservation_extended: {
    ja: '保全期間を{until}まで延長します（刑事訴訟法第197条第4項）。',
    en: 'The preservation is extended until {until} (Code of Criminal Procedure art. 197(4)).',
  },
  order_contested: {
    ja: '開示命令に対して異議の訴えが提起されました。結果（認可・変更・取消し）が出るまで回答できません。',
    en:
      'An objection suit was brought against the disclosure order. ' +
      'No answer until it ends (upheld, changed or set aside).',
  },
  order_changed: {
    ja: '開示命令は異議の訴えにより変更されました。変更後の主文に従ってください。',
    en: 'The disclosure order was changed on an objection suit: follow the operative part as changed.',
  },
  order_set_aside: {
    ja: '開示命令は異議の訴えにより取り消されました。この請求にはもう回答できません。',
    en: 'The disclosure order was set aside on an objection suit. This request can no longer be answered.',
  },
  order_set_aside_answered: {
    ja: '開示命令は異議の訴えにより取り消されました。開示された情報は使用できません（利用せず、複製を含め消去してください）。',
    en:
      'The disclosure order was set aside on an objection suit. The information ' +
      'disclosed must not be used (do not use it; erase it and any copies).',
  },
  order_set_aside_withdrawn: {
    ja: '開示命令は異議の訴えにより取り消されました。この請求は命令に基づくものであるため、取下げとして終了しました。',
    en: 'The disclosure order was set aside on an objection suit. This request rested on it, so it ended as withdrawn.',
  },
};

// Findings: what a holder's own records say about one target (issue 13). A verdict never guesses.
export const FINDING_VERDICTS = ['unique', 'ambiguous', 'none'] as const;
export type FindingVerdict = (typeof FINDING_VERDICTS)[number];
export const FINDING_VERDICT_LABELS: Record<FindingVerdict, Bilingual> = {
  unique: { ja: '一意に特定', en: 'Unique' },
  ambiguous: { ja: '特定できず（複数の候補）', en: 'Ambiguous (not one holder)' },
  none: { ja: '該当する記録なし', en: 'No record' },
};

/** Which of the holder's records a finding rests on. */
export const FINDING_RECORDS = ['address_logs', 'post_log', 'cafe_records'] as const;
export type FindingRecords = (typeof FINDING_RECORDS)[number];
export const FINDING_RECORDS_LABELS: Record<FindingRecords, Bilingual> = {
  address_logs: { ja: '接続記録（RADIUS・DHCP・CGNAT）', en: 'Address logs (RADIUS, DHCP, CGNAT)' },
  post_log: { ja: '掲示板の投稿記録', en: "The board's post log" },
  cafe_records: { ja: '本人確認記録・端末利用記録', en: 'ID-check and terminal-use records' },
};

/** Why a finding is what it is (the attribution engine's reasons, and the board's and the café's). */
export const FINDING_REASONS = [
  'unique',
  'several_accounts',
  'handover',
  'partial',
  'no_port_cgnat',
  'cgnat_other_times',
  'cgnat_after_logged',
  'cgnat_log_ends',
  'unknown_address',
  'before_records',
  'after_records',
  'gap',
  'port_outside_blocks',
  'inside_unassigned',
  'no_subscriber',
  'contract_not_covering',
  'records_cut',
  'lines_refused',
  'post_found',
  'no_post',
  'several_posts',
  'too_many_posts',
  'post_no_thread',
  'session_found',
  'no_session',
  'several_sessions',
  'too_many_sessions',
  'outside_retention',
] as const;
export type FindingReason = (typeof FINDING_REASONS)[number];
export const FINDING_REASON_LABELS: Record<FindingReason, Bilingual> = {
  unique: { ja: '照会範囲の全時点で該当し得るのは1件のみ', en: 'Exactly one holder at every instant of the window' },
  several_accounts: { ja: '複数のアカウントが該当し得る', en: 'Several accounts may have held it' },
  handover: { ja: '照会範囲内で保持者が交代', en: 'The holder changed within the window' },
  partial: { ja: '照会範囲の一部を覆う記録がない', en: 'Part of the window is covered by no record' },
  no_port_cgnat: { ja: 'CGNAT の公開アドレスでポートの指定がない', en: 'A CGNAT public address without a source port' },
  cgnat_other_times: {
    ja: 'ほかの時期に CGNAT の公開アドレスだったアドレスの直接の割当て',
    en: 'A direct holding of an address that was a CGNAT public address at other times',
  },
  cgnat_after_logged: {
    ja: 'CGNAT で使われなくなった後の直接の割当て（NAT のログが照会時点まで途切れず続き、変換の記録がない）',
    en: 'A direct holding after the address left CGNAT use (the NAT log runs on through the instant without it)',
  },
  cgnat_log_ends: {
    ja: 'そのアドレスを最後に記録した NAT のログが照会時点まで続いていない',
    en: 'The NAT log that recorded the address last does not run on through the instant',
  },
  unknown_address: { ja: 'この事業者が割り当てたことのないアドレス', en: 'An address this provider never assigned' },
  before_records: {
    ja: '最古の記録より前（保存期間外の可能性）',
    en: 'Before the oldest record (possibly beyond retention)',
  },
  after_records: { ja: '最新の記録より後', en: 'After the newest record' },
  gap: { ja: '記録の空白', en: 'A gap in the records' },
  port_outside_blocks: { ja: 'どのポートブロックにも含まれないポート', en: 'A port outside every port block' },
  inside_unassigned: {
    ja: '内部アドレスにセッション・リースの記録がない',
    en: 'The inside address had no session or lease',
  },
  no_subscriber: { ja: 'アカウントが加入者台帳にない', en: 'The account is not in the subscriber directory' },
  contract_not_covering: { ja: '契約期間が照会時点を含まない', en: 'No contract covers the instant' },
  records_cut: {
    ja: '記録が多く、すべては読み切れていない',
    en: 'Too many records of the address to read them all',
  },
  lines_refused: {
    ja: '取り込みの際に読めなかった行があり、その記録は回答に含まれていない',
    en: 'Lines could not be read at ingest; their records are not in the answer',
  },
  post_found: { ja: '投稿記録が1件該当', en: 'One post record matches' },
  no_post: { ja: '該当する投稿記録がない', en: 'No post record matches' },
  several_posts: { ja: '複数の投稿記録が該当', en: 'Several post records match' },
  post_no_thread: {
    ja:
      'スレッド（URL）を記載していない投稿記録が投稿IDだけで該当（投稿IDがスレッドごとの番号かどうかは記録からわからず、' +
      '別のスレッドの投稿かもしれない）',
    en:
      'A post log row naming no thread (URL) matches by the post ID alone (the log does not show whether ' +
      "post IDs are numbered per thread: it may be another thread's post)",
  },
  too_many_posts: {
    ja: '該当する投稿記録が多すぎて全件を読んでいない（ほかの発信者の投稿があり得る）',
    en: 'Too many post records match to read them all (other posters may be among them)',
  },
  session_found: { ja: '端末の利用記録が1名分該当', en: "One member's terminal use matches" },
  no_session: { ja: 'その時間帯の端末利用記録がない', en: 'No terminal use in that period' },
  several_sessions: { ja: '複数の会員の利用が重なる', en: "Several members' sessions overlap the period" },
  too_many_sessions: {
    ja: '期間内の利用が多すぎて全件を読んでいない（ほかの会員の利用があり得る）',
    en: 'Too many sessions in the period to read them all (other members may have used it)',
  },
  outside_retention: { ja: '保存期間（3年）を過ぎた時点', en: 'Beyond the three years the records are kept' },
};

/** A remark on one candidate of a finding. */
export const FINDING_NOTES = [
  'no_stop',
  'deterministic',
  'no_exit',
  'line_not_person',
  'addresses_differ',
  'shared_line',
  'business_line',
  'no_thread',
] as const;
export type FindingNote = (typeof FINDING_NOTES)[number];
export const FINDING_NOTE_LABELS: Record<FindingNote, Bilingual> = {
  no_stop: { ja: '終了記録がなく、その後も保持していた可能性', en: 'No end record: it may have continued' },
  deterministic: { ja: '決定論的 NAT 設定から算出', en: 'Computed from a deterministic NAT configuration' },
  no_exit: { ja: '退店時刻の記録がない', en: 'No exit time recorded' },
  line_not_person: {
    ja: '回線の契約者であり、実際に通信した人とは限りません',
    en: 'The holder of the line, not necessarily the person who used it',
  },
  addresses_differ: {
    ja: '設置場所と請求先の住所が異なります',
    en: 'The installation address and the billing address differ',
  },
  shared_line: {
    ja: '共用回線です。集合住宅の住人や公衆 Wi-Fi の利用者など、契約者以外の多くの人が使い得ます',
    en:
      'A shared line: many people other than the holder (residents ' +
      'of the building, public Wi-Fi users …) may have used it',
  },
  business_line: {
    ja: '法人・事業用の回線です。従業員や来訪者など、契約者以外の人が使い得ます',
    en: 'A business line: employees or visitors, not the holder itself, may have used it',
  },
  no_thread: {
    ja: 'この投稿記録はスレッド（URL）を記載していません（投稿IDだけで照合）',
    en: 'This post log row names no thread (URL): matched by the post ID alone',
  },
};

/** What would make an ambiguous finding unique. */
export const RESOLVE_HINTS = ['source_port', 'narrower_window', 'post_id', 'other_records', 'check_thread'] as const;
export type ResolveHint = (typeof RESOLVE_HINTS)[number];
export const RESOLVE_HINT_LABELS: Record<ResolveHint, Bilingual> = {
  source_port: {
    ja: '接続元ポート番号（CGNAT の背後では、ポートなしでは利用者を区別できません）',
    en: 'The source port (behind CGNAT the holders cannot be told apart without it)',
  },
  narrower_window: {
    ja: 'より狭い時間幅（前後の許容秒数を小さく、または時刻を正確に）',
    en: 'A narrower window (a smaller tolerance, or the exact time)',
  },
  post_id: { ja: '投稿ID（URL だけでは投稿を特定できません）', en: 'The post ID (the URL alone names several posts)' },
  other_records: {
    ja: '別の記録（接続元の別の通信、端末の予約記録など）',
    en: 'Other records (another connection of the source, the booth booking …)',
  },
  check_thread: {
    ja: '投稿のスレッドの確認（記録にスレッドの記載がないため、掲示板の運営者が自社のデータで手作業で確かめます）',
    en: "The post's thread (the log row names none: the board checks it by hand in its own data)",
  },
};

/** What kind of line a contract is, as far as the subscriber directory says. */
export const LINE_USES = ['residential', 'business', 'shared', 'unknown'] as const;
export type LineUse = (typeof LINE_USES)[number];
export const LINE_USE_LABELS: Record<LineUse, Bilingual> = {
  residential: { ja: '個人宅の回線', en: 'Residential line' },
  business: { ja: '法人・事業用の回線', en: 'Business line' },
  shared: { ja: '共用回線（集合住宅・公衆 Wi-Fi 等）', en: 'Shared line (apartment building, public Wi-Fi …)' },
  unknown: { ja: '回線の種別は不明', en: 'Kind of line unknown' },
};

/** The record a finding cites, file and line. */
export const SOURCE_RECORD_KINDS = [
  'nat-block',
  'nat-session',
  'nat-config',
  'assign',
  'post',
  'terminal-use',
  'id-check',
] as const;
export type SourceRecordKind = (typeof SOURCE_RECORD_KINDS)[number];
export const SOURCE_RECORD_KIND_LABELS: Record<SourceRecordKind, Bilingual> = {
  'nat-block': { ja: 'CGNAT ポートブロック', en: 'CGNAT port block' },
  'nat-session': { ja: 'NAT セッション', en: 'NAT session' },
  'nat-config': { ja: '決定論的 NAT 設定', en: 'Deterministic NAT configuration' },
  assign: { ja: 'アドレス割当（RADIUS・DHCP）', en: 'Address assignment (RADIUS, DHCP)' },
  post: { ja: '投稿記録', en: 'Post record' },
  'terminal-use': { ja: '端末利用記録', en: 'Terminal-use record' },
  'id-check': { ja: '本人確認記録', en: 'ID-check record' },
};

/**
 * The spans a finding's candidate is shown with: the span its records confirm (from its start to the last
 * instant confirmed), and, for a holding whose end was not logged, the longer span it may have held it in.
 */
export const CANDIDATE_SPANS = ['confirmed', 'possible'] as const;
export type CandidateSpan = (typeof CANDIDATE_SPANS)[number];
export const CANDIDATE_SPAN_LABELS: Record<CandidateSpan, Bilingual> = {
  confirmed: { ja: '記録で確認できる期間', en: 'Span the records confirm' },
  possible: { ja: '該当し得る期間（終了の記録なし）', en: 'Span it may have been held (no end record)' },
};

/** The identity documents a café checks (Tokyo ordinance on internet-terminal businesses). */
export const ID_DOCUMENT_KINDS = [
  'drivers_licence',
  'my_number_card',
  'passport',
  'residence_card',
  'health_insurance_card',
  'other',
] as const;
export type IdDocumentKind = (typeof ID_DOCUMENT_KINDS)[number];
export const ID_DOCUMENT_KIND_LABELS: Record<IdDocumentKind, Bilingual> = {
  drivers_licence: { ja: '運転免許証', en: "Driver's licence" },
  my_number_card: { ja: 'マイナンバーカード', en: 'My Number card' },
  passport: { ja: '旅券', en: 'Passport' },
  residence_card: { ja: '在留カード', en: 'Residence card' },
  health_insurance_card: { ja: '健康保険証', en: 'Health insurance card' },
  other: { ja: 'その他の本人確認書類', en: 'Other identity document' },
};

/** The fields of a café's member as its identity check registered them (an answer's `member`), in order. */
export const MEMBER_FIELDS = [
  'memberNumber',
  'name',
  'nameKana',
  'address',
  'phone',
  'idDocument',
  'idCheckedAt',
] as const;
export type MemberField = (typeof MEMBER_FIELDS)[number];
export const MEMBER_FIELD_LABELS: Record<MemberField, Bilingual> = {
  memberNumber: { ja: '会員番号', en: 'Member number' },
  name: { ja: '会員の氏名（登録のとおり）', en: "Member's name (as registered)" },
  nameKana: { ja: '氏名（カナ）', en: 'Name (kana)' },
  address: { ja: '会員の住所（登録のとおり）', en: "Member's address (as registered)" },
  phone: { ja: '電話番号', en: 'Phone' },
  idDocument: { ja: '確認した本人確認書類', en: 'Identity document checked' },
  idCheckedAt: { ja: '本人確認の日時', en: 'Identity checked at' },
};

/** Where a request stands in a provider's own installation (`shokai agent`). */
export const AGENT_REQUEST_STATES = ['received', 'prepared', 'approved', 'declined', 'sent'] as const;
export type AgentRequestState = (typeof AGENT_REQUEST_STATES)[number];
export const AGENT_REQUEST_STATE_LABELS: Record<AgentRequestState, Bilingual> = {
  received: { ja: '受領・検証済み（回答案の作成前）', en: 'Received and verified (answer not yet prepared)' },
  prepared: { ja: '確認待ち（回答案あり）', en: 'Awaiting review (answer prepared)' },
  approved: { ja: '承認済み・送付待ち', en: 'Approved, waiting to be sent' },
  declined: { ja: '回答見送り', en: 'Declined' },
  sent: { ja: '送付済み', en: 'Sent' },
};

/**
 * Civil sender-information disclosure (発信者情報開示, issue 15): how it reaches the provider — the
 * claimant's lawyer's own request, or a court's order under the 2022 non-contentious procedure.
 */
export const CIVIL_ROUTES = ['lawyer_request', 'court_order'] as const;
export type CivilRoute = (typeof CIVIL_ROUTES)[number];
export const CIVIL_ROUTE_LABELS: Record<CivilRoute, Bilingual> = {
  lawyer_request: { ja: '代理人弁護士による開示請求（裁判外）', en: "The claimant's lawyer's request (out of court)" },
  court_order: { ja: '裁判所の命令の提示', en: "A court's order, presented" },
};

/** The orders of the 2022 procedure (発信者情報開示命令事件). */
export const COURT_ORDER_TYPES = ['disclosure_order', 'provision_order', 'erasure_prohibition_order'] as const;
export type CourtOrderType = (typeof COURT_ORDER_TYPES)[number];
export const COURT_ORDER_TYPE_LABELS: Record<CourtOrderType, Bilingual> = {
  disclosure_order: { ja: '発信者情報開示命令', en: 'Sender-information disclosure order' },
  provision_order: { ja: '提供命令', en: 'Provision order (name the next provider)' },
  erasure_prohibition_order: { ja: '消去禁止命令', en: 'Order not to erase' },
};

/** The rights a claimant says the post infringed. */
export const INFRINGED_RIGHTS = [
  'honour',
  'privacy',
  'portrait',
  'copyright',
  'trademark',
  'business',
  'personality',
  'other',
] as const;
export type InfringedRight = (typeof INFRINGED_RIGHTS)[number];
export const INFRINGED_RIGHT_LABELS: Record<InfringedRight, Bilingual> = {
  honour: { ja: '名誉権', en: 'Honour (defamation)' },
  privacy: { ja: 'プライバシー権', en: 'Privacy' },
  portrait: { ja: '肖像権', en: 'Right to one’s likeness' },
  copyright: { ja: '著作権', en: 'Copyright' },
  trademark: { ja: '商標権', en: 'Trademark' },
  business: { ja: '営業権', en: 'Business interests' },
  personality: { ja: '名誉感情その他の人格権', en: 'Honour feelings and other personality rights' },
  other: { ja: 'その他の権利', en: 'Another right' },
};

/** The legitimate reasons (正当な理由) a claimant needs the sender's identity for. */
export const DISCLOSURE_PURPOSES = ['damages', 'injunction', 'apology', 'criminal_complaint', 'other'] as const;
export type DisclosurePurpose = (typeof DISCLOSURE_PURPOSES)[number];
export const DISCLOSURE_PURPOSE_LABELS: Record<DisclosurePurpose, Bilingual> = {
  damages: { ja: '損害賠償請求権の行使', en: 'To claim damages' },
  injunction: { ja: '削除・差止請求権の行使', en: 'To have the post removed or stopped' },
  apology: { ja: '謝罪広告等の名誉回復措置の請求', en: 'To claim an apology or other restoration' },
  criminal_complaint: { ja: '刑事告訴のため', en: 'To file a criminal complaint' },
  other: { ja: 'その他', en: 'Other' },
};

/**
 * Sender information by the categories the law's ordinance lists: each belongs to the subscriber
 * record or to the access log (the request's data categories must cover exactly these).
 */
export const SENDER_INFORMATION = [
  'name',
  'address',
  'phone',
  'email',
  'ip_and_port',
  'mobile_identifier',
  'sim_identifier',
  'timestamp',
] as const;
export type SenderInformation = (typeof SENDER_INFORMATION)[number];
export const SENDER_INFORMATION_LABELS: Record<SenderInformation, Bilingual> = {
  name: {
    ja: '発信者その他侵害情報の送信に係る者の氏名又は名称',
    en: 'Name of the sender (or another person who sent it)',
  },
  address: { ja: '発信者等の住所', en: 'The sender’s address' },
  phone: { ja: '発信者等の電話番号', en: 'The sender’s telephone number' },
  email: { ja: '発信者等の電子メールアドレス', en: 'The sender’s e-mail address' },
  ip_and_port: { ja: '侵害情報に係るIPアドレス及び接続元ポート番号', en: 'The IP address and source port of the post' },
  mobile_identifier: {
    ja: '携帯電話端末等からのインターネット接続サービス利用者識別符号',
    en: 'The mobile internet subscriber identifier',
  },
  sim_identifier: { ja: 'SIMカード識別番号', en: 'The SIM card identifier' },
  timestamp: { ja: '侵害情報が送信された年月日及び時刻', en: 'The date and time the post was sent' },
};
export const SENDER_INFORMATION_CATEGORY: Record<SenderInformation, 'subscriber' | 'access_log'> = {
  name: 'subscriber',
  address: 'subscriber',
  phone: 'subscriber',
  email: 'subscriber',
  ip_and_port: 'access_log',
  mobile_identifier: 'access_log',
  sim_identifier: 'access_log',
  timestamp: 'access_log',
};
