// The details of the audit actions no request's timeline shows, as the audit log's page (web/src/pages/audit-log.tsx)
// and `shokai audit list` read them: sign-ins, the directory, roles and keys, the lookups of identities and registry
// data, the evidence tools, device custody, statistics and the audit log's own reads. Same rules as ./audit-details.ts:
// every key labelled or explicitly left out; codes by their labels, never as written.

import {
  b,
  CUSTODY,
  count,
  digest,
  type Field,
  field,
  fingerprint,
  instant,
  L,
  listOf,
  OMIT,
  oneOf,
  organisation,
  present,
  type Show,
  SIGN_IN,
  text,
  when,
  yesNo,
} from './audit-detail-shows.ts';
import {
  ANCILLARY_ORDER_TYPE_LABELS,
  AUDIT_ACTION_GROUP_LABELS,
  AUDIT_ACTION_LABELS,
  type AuditAction,
  CONSULTATION_CATEGORY_LABELS,
  CONSULTATION_REFERRAL_LABELS,
  CONSULTATION_URGENCY_LABELS,
  DEVICE_KIND_LABELS,
  DOCUMENT_CHECK_LABELS,
  FINDING_VERDICT_LABELS,
  HEARD_PARTY_LABELS,
  HEARING_MANNER_LABELS,
  KEY_PURPOSE_LABELS,
  KEY_REGISTRATION_KIND_LABELS,
  KEY_REVOCATION_REASON_LABELS,
  ORGANISATION_KIND_LABELS,
  PERIOD_GRANULARITY_LABELS,
  REQUEST_KIND_LABELS,
  ROLE_GRANT_STATE_LABELS,
  ROLE_LABELS,
  SEARCH_SORT_LABELS,
  STATISTIC_GROUPING_LABELS,
  VERIFICATION_CHECK_LABELS,
  WHOM_VERDICT_LABELS,
} from './vocabulary.ts';

/** A list's length (the log keeps ids or addresses; the page says how many). */
const howMany: Show = (v, d, c) => (Array.isArray(v) ? count(v.length, d, c) : count(v, d, c));
/** A port or a version: a number as written, without grouping. */
const plain: Show = (v) => (typeof v === 'number' ? String(v) : null);

const KEY = fingerprint(b('鍵', 'Key'));
const REFERENCE = field(b('番号', 'Reference'), text);
const VERDICT = field(b('結果', 'Result'), oneOf(FINDING_VERDICT_LABELS));
const CANDIDATES = field(b('候補の数', 'Candidates'), count);
const KEY_REGISTRATION = field(b('登録するもの', 'What is registered'), oneOf(KEY_REGISTRATION_KIND_LABELS));
const ROLE = field(b('役割', 'Role'), oneOf(ROLE_LABELS));
const ORGANISATION = field(b('組織', 'Organisation'), organisation);
const FROM = field(b('期間の始め', 'From'), instant);
const TO = field(b('期間の終わり', 'To'), instant);
const WHEN = field(b('日時', 'When'), instant);
const COURT = field(b('裁判所', 'Court'), organisation);
const ORDER_TYPE = field(b('命令の種類', 'Order'), oneOf(ANCILLARY_ORDER_TYPE_LABELS));
const REASON = field(L.reason, text);
const DEVICE = fingerprint(L.device);
const KEY_CUSTODY = field(L.custody, oneOf(CUSTODY));
const SCOPE = field(
  b('範囲', 'Scope'),
  oneOf({
    organisation: b('自組織', 'own organisation'),
    all: b('ハブ全体', 'the whole hub'),
    agency: b('自組織の照会', "own organisation's requests"),
    provider: b('自組織宛ての照会', 'requests to own organisation'),
    none: b('なし', 'none'),
  }),
);
const registryImport = {
  file: field(b('ファイル', 'File'), text),
  files: field(b('ファイル数', 'Files'), howMany),
  sha256: digest(L.fileDigest),
  skipped: field(b('読み飛ばした行', 'Lines skipped'), count),
};

/** Every details key of the actions only the audit log's page shows, with its label, or OMIT. */
export const LOG_DETAIL_FIELDS: Partial<Record<AuditAction, Record<string, Field | typeof OMIT>>> = {
  'user.login_failed': SIGN_IN,
  'user.enrolment_failed': SIGN_IN,
  'user.enrolled': { login: SIGN_IN.login, client: SIGN_IN.client },
  'user.enrolment_issued': {
    login: SIGN_IN.login,
    reset: field(b('登録済みの人のやり直し', 'Reset of an enrolled person'), yesNo),
    requestedBy: field(b('二人目の確認', 'Confirmed by a second person'), present),
  },
  'user.enrolment_reset_requested': { login: SIGN_IN.login },
  'user.created': {
    login: SIGN_IN.login,
    organisationId: ORGANISATION,
    roles: field(b('役割', 'Roles'), listOf(ROLE_LABELS)),
    unitId: OMIT,
    barRegistrationNumber: field(b('弁護士登録番号', 'Bar registration number'), text),
  },
  'organisation.created': {
    kind: field(b('種別', 'Kind'), oneOf(ORGANISATION_KIND_LABELS)),
    nameEn: field(b('名称（英語）', 'Name (English)'), text),
  },
  'unit.created': { organisationId: ORGANISATION, nameEn: field(b('名称（英語）', 'Name (English)'), text) },
  'role.granted': {
    role: ROLE,
    state: field(b('状態', 'State'), oneOf(ROLE_GRANT_STATE_LABELS)),
    bootstrap: field(b('初期設定', 'Initial setup'), when(b('はい', 'yes'))),
    grantId: OMIT,
  },
  'role.countersigned': { role: ROLE, grantId: OMIT, grantedBy: OMIT },
  'role.refused': { role: ROLE, grantId: OMIT, reason: REASON },
  'role.ended': { role: ROLE, grantId: OMIT, at: field(b('終了日時', 'Ended at'), instant) },
  'key.created': {
    purpose: field(b('用途', 'Purpose'), oneOf(KEY_PURPOSE_LABELS)),
    name: field(b('名前', 'Name'), text),
    fingerprint: KEY,
    custody: KEY_CUSTODY,
    ownerType: OMIT,
    ownerId: OMIT,
    requestedBy: OMIT,
  },
  'key.revoked': { reason: field(L.reason, oneOf(KEY_REVOCATION_REASON_LABELS)) },
  'credential.requested': { fingerprint: KEY, algorithm: OMIT, requestId: OMIT, rpId: OMIT },
  'credential.confirmed': { fingerprint: KEY, ownerId: OMIT, requestId: OMIT },
  'credential.refused': { reason: REASON, ownerId: OMIT, requestId: OMIT },
  'credential.registered': {
    fingerprint: KEY,
    custody: KEY_CUSTODY,
    confirmedBy: field(b('二人目の確認', 'Confirmed by a second person'), present),
    algorithm: OMIT,
    ownerId: OMIT,
    rpId: OMIT,
  },
  'installation_key.registered': {
    fingerprint: KEY,
    // Its owner's (custody `owner`) is the provider's installation here, not a person's passkey.
    custody: field(
      L.custody,
      oneOf({ owner: b('事業者の設置環境（ハブにはない）', "the provider's installation (not the hub)") }),
    ),
    organisationId: ORGANISATION,
    algorithm: OMIT,
    requestedBy: OMIT,
  },
  'key_registration.requested': {
    kind: KEY_REGISTRATION,
    fingerprint: KEY,
    name: field(b('名前', 'Name'), text),
    roles: field(b('役割', 'Roles'), listOf(ROLE_LABELS)),
    registrationId: OMIT,
  },
  'key_registration.confirmed': { kind: KEY_REGISTRATION, fingerprint: KEY, registrationId: OMIT, requestedBy: OMIT },
  'key_registration.refused': { kind: KEY_REGISTRATION, fingerprint: KEY, reason: REASON, registrationId: OMIT },
  'duty.designated': {
    validFrom: FROM,
    validUntil: TO,
    kinds: field(b('種別', 'Kinds'), listOf(REQUEST_KIND_LABELS)),
    digest: digest(b('指定の内容のハッシュ（SHA-256）', 'Designation digest (SHA-256)')),
    custody: field(b('署名の鍵の保管', 'Signed with a key held as'), oneOf(CUSTODY)),
    designationId: OMIT,
    unitId: OMIT,
  },
  'duty.revoked': { designationId: OMIT, reason: REASON },
  'policy.published': { version: field(b('版', 'Version'), plain) },
  'networks.declared': {
    cidrs: field(b('アドレス範囲の数', 'Address ranges'), count),
    asns: field(b('AS 番号の数', 'AS numbers'), count),
    domains: field(b('ドメインの数', 'Domains'), count),
    signedWith: field(b('設置鍵による署名', 'Signed with the installation key'), present),
  },
  'directory.pinned': {
    size: field(b('ログの大きさ', 'Log size'), count),
    rootHash: digest(b('根のハッシュ', 'Root hash')),
    at: WHEN,
  },
  'attribution.looked_up': {
    ip: field(b('アドレス', 'Address'), text),
    port: field(b('ポート', 'Port'), plain),
    at: WHEN,
    tolerance: field(b('時刻の許容差（秒）', 'Time tolerance (seconds)'), count),
    staleAfter: field(
      b('終了記録のない保持を有効とみなす時間（秒）', 'Holding without an end record kept (seconds)'),
      count,
    ),
    verdict: VERDICT,
    candidates: CANDIDATES,
  },
  'attribution.ingested': {
    files: field(b('ファイル数', 'Files'), howMany),
    ingested: field(b('取り込んだ行', 'Lines taken in'), count),
    keptAsOne: field(
      b('別の記録と同じ保持として一つにまとめた記録', 'Records kept as one holding with another record'),
      count,
    ),
    skipped: field(b('読み飛ばした行', 'Lines skipped'), count),
    stopped: field(b('途中で停止', 'Stopped part way'), yesNo),
    source: field(b('申告されたログの出どころ', 'Declared log source'), text),
    zone: field(b('時差の書かれていない時刻の時間帯', 'Zone for times written without an offset'), text),
    format: OMIT,
  },
  'attribution.owner_set': { organisationId: ORGANISATION },
  'holders.posts_looked_up': {
    url: field(b('投稿の URL', 'Post URL'), text),
    postId: field(b('投稿番号', 'Post number'), text),
    verdict: VERDICT,
    candidates: CANDIDATES,
    purpose: field(b('目的', 'Purpose'), oneOf({ provision_order: b('提供命令の履行', 'a provision order') })),
    reference: REFERENCE,
    communications: field(b('通信の数', 'Communications'), count),
  },
  'holders.cafe_looked_up': {
    terminal: field(b('端末', 'Terminal'), text),
    from: FROM,
    to: TO,
    verdict: VERDICT,
    candidates: CANDIDATES,
  },
  'registry.looked_up': { addresses: field(b('アドレス', 'Addresses'), howMany), count: OMIT },
  'registry.imported': {
    ...registryImport,
    ranges: field(b('アドレス範囲の数', 'Address ranges'), count),
    asns: field(b('AS 番号の数', 'AS numbers'), count),
    dataDate: field(b('データの日付', 'Data date'), text),
    registry: OMIT,
    format: OMIT,
    replacedSources: OMIT,
  },
  'registry.domains_imported': { ...registryImport, domains: field(b('ドメインの数', 'Domains'), count) },
  'evidence.whom_asked': {
    address: field(b('アドレス', 'Address'), text),
    port: field(b('ポート', 'Port'), plain),
    at: WHEN,
    verdict: field(b('結果', 'Result'), oneOf(WHOM_VERDICT_LABELS)),
    holder: field(b('照会先', 'Whom to ask'), organisation),
    caseId: OMIT,
  },
  'evidence.whom_domain_asked': {
    host: field(b('ドメイン', 'Domain'), text),
    addresses: field(b('アドレスの数', 'Addresses'), howMany),
    holders: field(b('照会先の数', 'Whom to ask'), howMany),
    registration: OMIT,
    caseId: OMIT,
  },
  'evidence.mail_analyzed': {
    hops: field(b('経由の数', 'Hops'), howMany),
    originFound: field(b('発信元の特定', 'Origin found'), yesNo),
    warnings: field(b('注意の数', 'Warnings'), howMany),
    bytes: field(b('メールの大きさ（バイト）', 'Message size (bytes)'), count),
    bodySent: field(b('本文まで送られた', 'Body sent'), yesNo),
  },
  'requests.searched': {
    words: field(b('検索語の数', 'Words'), count),
    queryDigest: digest(b('検索語のハッシュ', 'Digest of the words')),
    providerId: field(b('宛先', 'Addressed to'), organisation),
    from: FROM,
    to: TO,
    sort: field(b('並び順', 'Sorted by'), oneOf(SEARCH_SORT_LABELS)),
    returned: field(b('表示した件数', 'Returned'), howMany),
  },
  'case.traced': {
    requests: field(b('照会の数', 'Requests'), count),
    identifiers: field(b('識別子の数', 'Identifiers'), count),
    suppliedRecords: field(b('持ち込んだ記録', 'Records supplied'), count),
    suppliedReadings: field(b('持ち込んだ回答の読取り', 'Answer readings supplied'), count),
    scope: SCOPE,
  },
  'case.viewed': {
    requests: field(b('照会の数', 'Requests'), count),
    links: field(b('つながりの数', 'Links'), count),
    scope: SCOPE,
  },
  'consultation.recorded': {
    reference: REFERENCE,
    category: field(b('相談の種別', 'Category'), oneOf(CONSULTATION_CATEGORY_LABELS)),
    urgency: field(b('緊急度', 'Urgency'), oneOf(CONSULTATION_URGENCY_LABELS)),
  },
  'consultation.advised': { referrals: field(b('引継ぎ先', 'Referred to'), listOf(CONSULTATION_REFERRAL_LABELS)) },
  'consultation.case_opened': {
    caseId: OMIT,
    requests: field(b('起案した照会の数', 'Requests drafted'), howMany),
    emergency: field(b('緊急', 'Emergency'), yesNo),
  },
  'overlap.notices_read': { count: field(b('通知の数', 'Notices'), count) },
  'statistics.viewed': {
    from: FROM,
    to: TO,
    groupBy: field(b('内訳', 'Broken down by'), oneOf(STATISTIC_GROUPING_LABELS)),
    period: field(b('期間の単位', 'Period'), oneOf(PERIOD_GRANULARITY_LABELS)),
    total: field(b('件数', 'Total'), count),
    scope: SCOPE,
    digest: digest(b('集計のハッシュ', 'Digest of the figures')),
    auditCheck: OMIT,
    filters: OMIT,
  },
  'transparency.exported': {
    total: field(b('件数', 'Total'), count),
    digest: digest(b('レポートのハッシュ', 'Report digest')),
    half: OMIT,
    format: OMIT,
  },
  'document.verified': {
    ok: field(b('検証の結果', 'Verified'), yesNo),
    serial: field(b('文書番号', 'Serial number'), text),
    failed: field(b('不合格の検査', 'Checks failed'), listOf(DOCUMENT_CHECK_LABELS)),
  },
  'request.intake_rejected': {
    failed: field(b('不合格の検査', 'Checks failed'), listOf(VERIFICATION_CHECK_LABELS)),
    reason: OMIT,
  },
  'device.registered': {
    kind: field(b('端末の種類', 'Kind'), oneOf(DEVICE_KIND_LABELS)),
    fingerprint: DEVICE,
    ownerType: OMIT,
    ownerId: OMIT,
  },
  'device.enrolled': {
    fingerprint: DEVICE,
    keys: field(b('渡した鍵の数', 'Keys wrapped'), howMany),
    holder: OMIT,
    ownerType: OMIT,
    ownerId: OMIT,
  },
  'device.removed': { fingerprint: DEVICE, holder: OMIT, ownerType: OMIT, ownerId: OMIT },
  'custody.started': {
    devices: field(b('端末の数', 'Devices'), howMany),
    keyFingerprint: KEY,
    resealed: field(b('封緘し直した数', 'Sealed again'), howMany),
    erasedServerKeys: field(b('消去したハブの鍵の数', 'Hub keys erased'), howMany),
  },
  'custody.rotated': { from: OMIT, to: KEY, removed: field(b('除外した端末の数', 'Devices removed'), howMany) },
  'custody.compromised': {
    key: KEY,
    rotatedTo: fingerprint(b('新しい鍵', 'New key')),
    removed: field(b('除外した端末の数', 'Devices removed'), howMany),
    leftToReseal: field(b('封緘し直しが残る数', 'Left to seal again'), count),
  },
  'custody.reseal_handed_out': { device: DEVICE, items: field(b('件数', 'Items'), howMany) },
  'custody.resealed': {
    device: DEVICE,
    items: field(b('件数', 'Items'), howMany),
    left: field(b('残り', 'Left'), count),
    to: KEY,
  },
  'warrant_application.viewed': { side: OMIT },
  'warrant_application.drafted': { reference: REFERENCE, courtOrganisationId: COURT },
  'warrant_application.submitted': { reference: REFERENCE, from: OMIT, to: OMIT },
  'warrant_application.sent': {
    reference: REFERENCE,
    courtOrganisationId: COURT,
    digest: digest(b('請求の内容のハッシュ（SHA-256）', 'Application digest (SHA-256)')),
    custody: field(b('署名の鍵の保管', 'Signed with a key held as'), oneOf(CUSTODY)),
    from: OMIT,
    to: OMIT,
  },
  'warrant_application.attested': {
    reference: REFERENCE,
    warrantNumber: field(b('令状の番号', 'Warrant number'), text),
    keyId: OMIT,
  },
  'warrant_application.request_opened': {
    reference: REFERENCE,
    requestReference: field(b('照会番号', 'Request'), text),
    requestId: OMIT,
  },
  'disclosure_order.filed': { reference: REFERENCE, courtOrganisationId: COURT },
  'disclosure_order.party_heard': {
    reference: REFERENCE,
    party: field(b('陳述を聴いた当事者', 'Party heard'), oneOf(HEARD_PARTY_LABELS)),
    heardAt: field(b('陳述を聴いた日時', 'Heard at'), instant),
    manner: field(b('方法', 'How'), oneOf(HEARING_MANNER_LABELS)),
  },
  'disclosure_order.hearing_withdrawn': {
    reference: REFERENCE,
    party: field(b('陳述を聴いた当事者', 'Party heard'), oneOf(HEARD_PARTY_LABELS)),
    heardAt: field(b('陳述を聴いた日時', 'Heard at'), instant),
    reason: REASON,
    hearingId: OMIT,
  },
  'ancillary_order.filed': { reference: REFERENCE, courtOrganisationId: COURT },
  'ancillary_order.issued': {
    reference: REFERENCE,
    type: ORDER_TYPE,
    caseNumber: field(b('事件番号', 'Case number'), text),
    digest: digest(b('命令の内容のハッシュ（SHA-256）', 'Order digest (SHA-256)')),
    keyId: OMIT,
  },
  'ancillary_order.received': { reference: REFERENCE, type: ORDER_TYPE },
  'ancillary_order.provided': {
    reference: REFERENCE,
    accessProviders: field(b('経由プロバイダの数', 'Access providers'), howMany),
    communications: field(b('通信の数', 'Communications'), howMany),
    named: field(b('氏名等を提供した数', 'Named'), howMany),
    fromNotice: field(b('通知に基づく', 'From a notice'), yesNo),
    ...{ signedBy: KEY, outcome: OMIT },
  },
  'disclosure_order.viewed': { reference: REFERENCE, side: OMIT },
  'ancillary_order.viewed': { reference: REFERENCE, side: OMIT },
  'ancillary_order.refused': { reference: REFERENCE },
  'ancillary_order.notified': {
    reference: REFERENCE,
    accessProviderOrganisationId: field(b('経由プロバイダ', 'Access provider'), organisation),
    applicationId: OMIT,
  },
  'ancillary_order.notice_opened': { custody: KEY_CUSTODY, device: DEVICE, orderId: OMIT, signedBy: KEY },
  'case.created': { reference: field(b('事件番号', 'Case reference'), text) },
  'audit.searched': {
    scope: SCOPE,
    from: FROM,
    to: TO,
    person: field(b('行った人（ログイン名）', 'Person (login)'), text),
    group: field(b('行為の種類', 'What was done'), oneOf(AUDIT_ACTION_GROUP_LABELS)),
    action: field(b('行為', 'Action'), oneOf(AUDIT_ACTION_LABELS)),
    request: field(b('照会番号', 'Request'), text),
    returned: field(b('表示した件数', 'Returned'), count),
    exported: field(b('CSV に書き出し', 'Exported as CSV'), yesNo),
  },
};
