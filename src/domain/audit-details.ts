// An audit entry as people read it (a request's timeline, the audit log's page, `shokai audit list`): its
// heading in words, and its details as labelled lines — states, reasons and kinds by their labels,
// organisations by name, instants in the reader's zone with the offset, yes/no for flags. Pure, so the web
// and the CLI say the same words. Ids and other bookkeeping are left out, and so is any key this table does
// not describe: nothing reaches the page or the terminal as a raw key or code
// (test/web/audit-details.test.ts checks the table against what the hub writes). The actions no request's
// timeline shows (sign-ins, the directory, keys, lookups, …) are described in ./audit-details-log.ts.

import {
  ATTACHMENT_PURPOSES,
  b,
  bytes,
  CUSTODY,
  capital,
  count,
  type DetailContext,
  type DetailLine,
  type Details,
  digest,
  type Field,
  field,
  fingerprint,
  HEARING_OUTCOMES,
  instant,
  joinList,
  L,
  listOf,
  OMIT,
  oneOf,
  organisation,
  present,
  SECOND_FACTOR_UNLOCKED,
  type Show,
  SIDES,
  SIGN_IN,
  text,
  WITHDRAW_REASONS,
  when,
  yesNo,
} from './audit-detail-shows.ts';
import { LOG_DETAIL_FIELDS } from './audit-details-log.ts';
import { rolesThenWords } from './role-periods.ts';
import {
  ACTOR_TYPE_LABELS,
  type ActorType,
  AUDIT_ACTIONS,
  type AuditAction,
  auditActionLabel,
  type Bilingual,
  DECLINE_REASON_LABELS,
  DOCUMENT_TYPE_LABELS,
  HEARING_DECISION_LABELS,
  HEARING_IMPOSSIBLE_REASON_LABELS,
  HEARING_REPLY_LABELS,
  isOneOf,
  LIFECYCLE_ACTIONS,
  LINK_SOURCE_LABELS,
  type Locale,
  lifecycleActionLabel,
  MLAT_EVENT_LABELS,
  MLAT_HOP_LABELS,
  REQUEST_KIND_LABELS,
  REQUEST_STATES,
  type RequestKind,
  type Role,
  requestStateLabel,
  TARGET_TYPE_LABELS,
  VERIFICATION_CHECK_LABELS,
} from './vocabulary.ts';

export type { DetailContext, DetailLine } from './audit-detail-shows.ts';

/** The transition's reason: a decline's by its label; a withdrawal's, a return's or an extension's as written. */
const transitionReason: Show = (v, d, c) => {
  if (d.action === 'decline') return oneOf(DECLINE_REASON_LABELS)(v, d, c);
  if (typeof v === 'string' && Object.hasOwn(WITHDRAW_REASONS, v)) return oneOf(WITHDRAW_REASONS)(v, d, c);
  return text(v, d, c);
};

/** What a purge or archive took out of the rows: counts and what was there, never the data. */
const removedParts: Show = (v, _d, c) => {
  if (v === null || typeof v !== 'object') return null;
  const r = v as Record<string, unknown>;
  const ja = c.locale === 'ja';
  const n = (k: string, jaWord: string, enWord: string) =>
    typeof r[k] === 'number' && r[k] > 0 ? (ja ? `${jaWord} ${r[k]}件` : `${r[k]} ${enWord}`) : null;
  const parts = [
    n('targets', '照会対象', 'target(s)'),
    r.envelope === true ? (ja ? '署名済みの電文' : 'the signed envelope') : null,
    n('messages', 'メッセージ', 'message(s)'),
    n('links', '連鎖の記録', 'chain link(s)'),
    r.answer === true ? (ja ? '回答' : 'the answer') : null,
    n('attachments', '添付ファイル', 'attachment(s)'),
    n('fileNames', '添付ファイル名', 'file name(s)'),
  ].filter((x): x is string => x !== null);
  return parts.length > 0 ? joinList(parts, c.locale) : null;
};

const attachmentFile = {
  attachmentId: OMIT,
  purpose: field(L.attachedTo, oneOf(ATTACHMENT_PURPOSES)),
  mediaType: field(L.fileType, text),
  byteSize: field(L.size, bytes),
  sha256: digest(L.fileDigest),
};

/**
 * Every detail key of every audit action a request's timeline or the audit log's page can show, with its
 * label and how its value reads, or OMIT. An action absent here shows no details; a key absent from its
 * action's row is left out (and fails the table's test).
 */
export const AUDIT_DETAIL_FIELDS: Partial<Record<AuditAction, Record<string, Field | typeof OMIT>>> = {
  ...LOG_DETAIL_FIELDS,
  'user.second_factor_unlocked': SECOND_FACTOR_UNLOCKED,
  'request.drafted': {
    kind: field(b('種別', 'Kind'), oneOf(REQUEST_KIND_LABELS)),
    reference: field(b('照会番号', 'Reference'), text),
    providerOrganisationId: field(b('宛先', 'Addressed to'), organisation),
  },
  'request.linked': {
    source: field(b('きっかけ', 'Followed from'), oneOf(LINK_SOURCE_LABELS)),
    from: OMIT,
    targetType: field(b('識別子の種類', 'Identifier'), oneOf(TARGET_TYPE_LABELS)),
  },
  'request.viewed': {
    side: OMIT,
    // Said only when the content was withheld: a read is what "viewed" already says.
    content: field(b('内容', 'Content'), (v, _d, c) =>
      v === 'withheld'
        ? b('表示されなかった（閲覧の理由の記録前）', 'Not shown (no reason for reading recorded yet)')[c.locale]
        : null,
    ),
    envelope: field(b('閲覧したもの', 'What was read'), when(b('署名済みの電文', 'the signed envelope'))),
    signingPreview: field(
      b('閲覧したもの', 'What was read'),
      when(b('署名前の確認画面', 'the preview before signing')),
    ),
    mlatPackage: field(
      b('閲覧したもの', 'What was read'),
      when(b('共助要請の一式', 'the mutual legal assistance package')),
    ),
    mlatWithdrawal: field(
      b('閲覧したもの', 'What was read'),
      when(b('共助要請の取下げ通知', 'the mutual legal assistance withdrawal letter')),
    ),
  },
  'request.signed': {
    envelopeId: OMIT,
    digest: digest(b('署名した内容のハッシュ（SHA-256）', 'Signed digest (SHA-256)')),
    approverKey: fingerprint(b('決裁者の鍵', "Approver's key")),
    unitKey: fingerprint(b('所属の鍵', "Unit's key")),
    approverCustody: field(b('決裁者の鍵の保管', "Approver's key held as"), oneOf(CUSTODY)),
    dutyDesignation: field(b('当直責任者としての決裁', 'Approved as duty approver'), present),
    dutyUntil: field(b('当直の終わり', 'Duty until'), instant),
    agencyOrganisationId: field(b('照会機関', 'Agency'), organisation),
    providerOrganisationId: field(b('宛先', 'Addressed to'), organisation),
    custody: field(L.custody, oneOf(CUSTODY)),
    attestation: OMIT,
    via: OMIT,
  },
  // A judge's signature on a warrant (on the warrant screen, or on an application it answers).
  'warrant.signed': {
    warrantNumber: field(b('令状の番号', 'Warrant number'), text),
    agencyOrganisationId: field(b('請求した機関', 'Applied for by'), organisation),
    providerOrganisationId: field(b('宛先', 'Addressed to'), organisation),
    custody: field(b('署名の鍵の保管', 'Signed with a key held as'), oneOf(CUSTODY)),
    via: field(
      b('署名した画面', 'Signed on'),
      oneOf({
        screen: b('令状の画面', 'the warrant screen'),
        application: b('令状請求の画面', 'a warrant application'),
      }),
    ),
  },
  'request.transition': {
    // The heading says what was done, from which state to which.
    action: OMIT,
    from: OMIT,
    to: OMIT,
    reason: field(L.reason, transitionReason),
    // written by the call-back's confirmation before 2026-12-05 (the note now stays with the request only)
    note: field(b('確認の記録', 'Note'), text),
    objection: field(b('異議', 'Objection'), yesNo),
    replied: field(b('発信者の回答（書面による意見照会）', 'Subscriber replied (hearing on paper)'), yesNo),
    signed: field(b('電子署名付きの取下げ', 'Signed withdrawal'), yesNo),
    keyId: OMIT,
    until: field(b('保全の期限', 'Preserved until'), instant),
    dutyDesignatedBy: field(b('当直責任者としての決裁', 'Approved as duty approver'), present),
    // the deadline moved on by the time it waited on the clarification
    deadlineAt: field(b('回答期限（確認回答を待った分だけ延長）', 'Answer due (moved on by the wait)'), instant),
  },
  'request.received': {
    verified: field(b('真正性の検証', 'Authenticity verified'), yesNo),
    failed: field(b('不合格の検査', 'Checks failed'), listOf(VERIFICATION_CHECK_LABELS)),
    secondCheckRequired: field(b('折り返し確認', 'Call-back check'), when(b('必要', 'required'))),
  },
  'request.shared': { userId: OMIT, login: field(b('共有した相手（ログイン名）', 'Shared with (login)'), text) },
  'request.unshared': { userId: OMIT },
  'request.break_glass': {
    reason: field(L.reason, text),
    until: field(b('閲覧できる期限', 'Readable until'), instant),
  },
  'answer.sealed': {
    sealedTo: fingerprint(L.sealedTo),
    keptBy: fingerprint(L.keptBy),
    custody: field(b('回答を開ける鍵', 'Opened with'), oneOf(CUSTODY)),
    sealedDigest: digest(L.sealedDigest),
    sealedBy: field(L.sealedOn, oneOf({ provider: b('事業者の側', "the provider's side") })),
    signedWith: field(
      b('署名', 'Signed with'),
      oneOf({
        passkey: b('担当者のパスキー', "the signer's passkey"),
        installation_key: b('事業者の設置環境の鍵', "the provider's installation key"),
      }),
    ),
    signingKey: fingerprint(b('署名の鍵', 'Signing key')),
  },
  'answer.read': {
    signatureValid: field(b('回答の署名', "Answer's signature valid"), yesNo),
    copy: field(
      b('読んだもの', 'What was read'),
      oneOf({ provider: b('事業者の控え', "the provider's copy"), unit: b('所属宛ての回答', "the unit's answer") }),
    ),
    custody: field(L.custody, oneOf(CUSTODY)),
    device: fingerprint(L.device),
  },
  'attachment.added': {
    ...attachmentFile,
    sealedBy: field(L.sealedOn, oneOf(SIDES)),
    sealedTo: fingerprint(L.sealedTo),
    keptBy: fingerprint(L.keptBy),
    sealedDigest: digest(L.sealedDigest),
  },
  'attachment.removed': attachmentFile,
  'attachment.read': {
    attachmentId: OMIT,
    sha256: digest(L.fileDigest),
    custody: field(L.custody, oneOf(CUSTODY)),
    device: fingerprint(L.device),
    forInstallation: field(b('渡した先', 'Handed to'), when(b('事業者の設置環境', "the provider's installation"))),
  },
  'retention.held': {
    holdId: OMIT,
    sourceType: field(
      b('保存の根拠', 'Kept because of'),
      oneOf({ ancillary_order: b('消去禁止命令', 'an erasure prohibition order') }),
    ),
    sourceId: OMIT,
  },
  'retention.purged': {
    days: field(b('保存期間（日）', 'Retention (days)'), count),
    closedAt: field(b('完結した日時', 'Closed at'), instant),
    removed: field(b('削除したもの', 'Removed'), removedParts),
    removedDigest: digest(b('削除したもののハッシュ（SHA-256）', 'Digest of what was removed (SHA-256)')),
  },
  'retention.archive_read': { custody: field(L.custody, oneOf(CUSTODY)), device: fingerprint(L.device) },
  'mlat.event_recorded': {
    seq: OMIT,
    event: field(b('出来事', 'Event'), oneOf(MLAT_EVENT_LABELS)),
    hop: field(b('経由先', 'At'), oneOf(MLAT_HOP_LABELS)),
    at: field(b('日時', 'When'), instant),
    reference: field(b('先方の番号', 'Their reference'), text),
  },
  'hearing.letter_sent': { dueAt: field(b('回答期限', 'Reply due'), instant) },
  'hearing.reply_refused': {
    attempts: field(b('試行回数', 'Attempts'), count),
    reason: SIGN_IN.reason,
    client: SIGN_IN.client,
  },
  'hearing.replied': {
    reply: field(b('発信者の回答', "Subscriber's reply"), oneOf(HEARING_REPLY_LABELS)),
    via: field(b('回答の方法', 'Replied through'), oneOf({ reply_link: b('回答用のリンク', 'the reply link') })),
  },
  'hearing.decided': {
    decision: field(b('判断', 'Decision'), oneOf(HEARING_DECISION_LABELS)),
    reply: field(b('意見照会の結果', "The subscriber's opinion"), oneOf(HEARING_OUTCOMES)),
    reason: field(L.reason, oneOf(DECLINE_REASON_LABELS)),
  },
  'hearing.impossible': {
    reason: field(L.reason, oneOf(HEARING_IMPOSSIBLE_REASON_LABELS)),
    letterSent: field(b('照会書の送付', 'Letter sent'), yesNo),
  },
  'document.issued': {
    type: field(b('文書', 'Document'), oneOf(DOCUMENT_TYPE_LABELS)),
    serial: field(b('文書番号', 'Serial number'), text),
    side: field(b('作成した側', 'Made by'), oneOf(SIDES)),
    digest: digest(b('文書の内容のハッシュ（SHA-256）', 'Document digest (SHA-256)')),
    renderedOn: field(b('作成した場所', 'Made on'), oneOf({ device: b('自分の端末', 'own device') })),
  },
  // The other force's request and unit are the oversight body's to look up, not shown by id.
  'overlap.matched': {
    matchId: OMIT,
    otherRequestId: OMIT,
    unitId: OMIT,
    otherUnitId: OMIT,
    limitPerDay: field(b('1日あたりの通知の上限', 'Notices per day at most'), count),
  },
};
AUDIT_DETAIL_FIELDS['retention.archived'] = AUDIT_DETAIL_FIELDS['retention.purged'];
AUDIT_DETAIL_FIELDS['overlap.held'] = AUDIT_DETAIL_FIELDS['overlap.matched'];

/** Whether the table says how a key of an action's details is shown (a label, or OMIT). */
export function describedKey(action: string, key: string): boolean {
  const row = (AUDIT_DETAIL_FIELDS as Record<string, Record<string, unknown> | undefined>)[action];
  return row !== undefined && Object.hasOwn(row, key);
}

/**
 * The organisations an entry's details name by id (the keys the table reads as an organisation's name), so
 * that whoever shows the entry can look their names up: the audit log's read returns them with its page.
 */
export function organisationIdsIn(action: string, details: unknown): string[] {
  const row = (AUDIT_DETAIL_FIELDS as Record<string, Record<string, Field | typeof OMIT> | undefined>)[action];
  if (!row || details === null || typeof details !== 'object') return [];
  return Object.entries(details as Details).flatMap(([key, value]) => {
    const f = Object.hasOwn(row, key) ? row[key] : undefined;
    return f !== undefined && f !== OMIT && f.show === organisation && typeof value === 'string' ? [value] : [];
  });
}

/** An entry's details as labelled lines in the viewer's language; empty when there is nothing to say. */
/**
 * A civil disclosure's details in the lawyer's words, where the shared label is the police's: counsel signs with
 * the law office's key (no 決裁者, no 所属), and the office files the request for the claimant (no 照会機関).
 */
const CIVIL_DETAIL_LABELS: Partial<Record<AuditAction, Record<string, Bilingual>>> = {
  'request.signed': {
    approverKey: b('代理人弁護士の鍵', "Counsel's key"),
    unitKey: b('法律事務所の鍵', "Law office's key"),
    approverCustody: b('代理人弁護士の鍵の保管', "Counsel's key held as"),
    agencyOrganisationId: b('請求者の代理人（法律事務所）', "Claimant's counsel (law office)"),
  },
};

export function auditDetailLines(action: string, details: unknown, c: DetailContext): DetailLine[] {
  const row = (AUDIT_DETAIL_FIELDS as Record<string, Record<string, Field | typeof OMIT> | undefined>)[action];
  const civil =
    c.kind === 'civil_disclosure' && isOneOf(AUDIT_ACTIONS, action) ? CIVIL_DETAIL_LABELS[action] : undefined;
  if (!row || details === null || typeof details !== 'object') return [];
  const d = details as Details;
  const lines: DetailLine[] = [];
  for (const [key, value] of Object.entries(d)) {
    const f = Object.hasOwn(row, key) ? row[key] : undefined;
    if (f === undefined || f === OMIT) continue;
    const shown = f.show(value, d, c);
    const label = (civil && Object.hasOwn(civil, key) ? civil[key] : undefined) ?? f.label;
    if (shown !== null) lines.push({ label: label[c.locale], value: shown, ...(f.code ? { code: true } : {}) });
  }
  return lines;
}

/** Text in brackets: full-width in Japanese, ASCII with a space in English. */
export function bracketed(text: string, locale: Locale): string {
  return locale === 'ja' ? `（${text}）` : ` (${text})`;
}

/**
 * Who did an entry, as a request's timeline names them: a person by name and the roles they held at the act
 * (and apart those whose start is not recorded: src/domain/role-periods.ts); a person without roles given
 * (another organisation's, or one who held none then) by name and organisation; a machine client by its
 * registered name and the organisation it acts for (never its `cli_…` id); the system as the system. The
 * kind "user" says nothing and is shown only when nothing else is known; never a code.
 */
export function actorWords(
  e: {
    actorType: ActorType;
    actorName: string | null;
    actorOrganisation: Bilingual | null;
    actorRoles?: readonly Role[];
    actorRolesUnsure?: readonly Role[];
  },
  locale: Locale,
): string {
  const kind = ACTOR_TYPE_LABELS[e.actorType][locale];
  if (e.actorType === 'system' || e.actorName === null) return capital(kind, locale);
  const org = e.actorOrganisation?.[locale];
  const sep = locale === 'ja' ? '・' : ', ';
  if (e.actorType === 'client') return `${e.actorName}${bracketed(org ? `${org}${sep}${kind}` : kind, locale)}`;
  const roles = rolesThenWords(e.actorRoles ?? [], e.actorRolesUnsure ?? [], locale);
  return `${e.actorName}${bracketed(roles || (org ?? kind), locale)}`;
}

/**
 * An entry's heading: a transition as "what was done (from → to)", anything else by its action's label. With the
 * `kind` of the request the entry is about (one request's timeline, or each entry of the audit log across
 * requests), it is said in that kind's words (a lawyer's signature, not a 決裁).
 */
export function auditHeading(action: string, details: unknown, locale: Locale, kind?: RequestKind): string {
  const d = (details && typeof details === 'object' ? details : {}) as Details;
  if (action === 'request.transition' && isOneOf(LIFECYCLE_ACTIONS, d.action)) {
    const state = (s: unknown) => (isOneOf(REQUEST_STATES, s) ? requestStateLabel(s, kind)[locale] : null);
    const from = state(d.from);
    const to = state(d.to);
    const what = lifecycleActionLabel(d.action, kind)[locale];
    return from && to ? `${what}${bracketed(`${from} → ${to}`, locale)}` : what;
  }
  return isOneOf(AUDIT_ACTIONS, action) ? auditActionLabel(action, kind)[locale] : '';
}
