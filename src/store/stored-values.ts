import { ATTACHMENT_TYPES } from '../domain/attachments.ts';
import { DomainError } from '../domain/errors.ts';
import { shownInput } from '../domain/shown-text.ts';
import {
  ANCILLARY_ORDER_STATES,
  ANCILLARY_ORDER_TYPES,
  type Bilingual,
  CONSULTATION_CATEGORIES,
  CONSULTATION_CHANNELS,
  CONSULTATION_STATES,
  CONSULTATION_URGENCIES,
  CREDENTIAL_REQUEST_STATES,
  DECLINE_REASONS,
  DEVICE_KINDS,
  DISCLOSURE_ORDER_APPLICATION_STATES,
  HEARD_PARTIES,
  HEARING_DECISIONS,
  HEARING_IMPOSSIBLE_REASONS,
  HEARING_MANNERS,
  HEARING_REPLIES,
  isOneOf,
  KEY_REGISTRATION_KINDS,
  LINK_SOURCES,
  MLAT_EVENTS,
  MLAT_HOPS,
  ORGANISATION_KINDS,
  PROVIDER_CATEGORIES,
  REQUEST_KINDS,
  REQUEST_STATES,
  WARRANT_APPLICATION_STATES,
  WARRANT_TYPES,
} from '../domain/vocabulary.ts';
import { logger } from '../kernel/logger.ts';

// The one reader of a closed-list value the store keeps in a text column (a request's kind and state, a
// consultation's category, an order's type …). The database is a boundary like any other: a value this
// version does not know — a newer version's word in a store run again by an older one, a hand edit — is
// not cast into the list's type and carried on (where it would pick no transition, no label, no deadline
// rule, or the wrong one), but refused, naming the record, what the value is and the value. Policy, as for
// the roles of a grant (src/directory/stored-roles.ts): acting on or showing one record fails on such a
// row until the installation's operator corrects it (or runs the version that wrote it); a list over many
// records leaves the row out and logs it, so one bad row never stops an organisation's work; a count that
// is published (statistics) fails, since a number silently short is worse than none. See docs/decisions.md.

/** A column holding a member of a closed list, and what the value is, in words, for the error. */
export interface StoredField<T extends string> {
  readonly list: readonly T[];
  readonly words: Bilingual;
}

/** A closed-list column and its words (the provider's installation declares its own lists' fields so). */
export const storedField = <T extends string>(list: readonly T[], ja: string, en: string): StoredField<T> => ({
  list,
  words: { ja, en },
});

/** Every closed-list column of the hub's store that is read back as its list's type. */
export const STORED = {
  requestKind: storedField(REQUEST_KINDS, '照会の種別', "a request's kind"),
  requestState: storedField(REQUEST_STATES, '照会の状態', "a request's state"),
  declineReason: storedField(DECLINE_REASONS, '回答拒否の理由', 'why a request was declined'),
  linkSource: storedField(LINK_SOURCES, 'つながりの出どころ', "a link's source"),
  attachmentType: storedField(ATTACHMENT_TYPES, '添付ファイルの形式', "an attachment's type"),
  deviceKind: storedField(DEVICE_KINDS, '端末の種類', "a device's kind"),
  deviceOwnerType: storedField(['unit', 'organisation'] as const, '端末が鍵を預かる相手', "a device's owner"),
  mlatEvent: storedField(MLAT_EVENTS, '共助の経過', "an assistance step's event"),
  mlatHop: storedField(MLAT_HOPS, '共助の経由先', "an assistance step's hop"),
  organisationKind: storedField(ORGANISATION_KINDS, '組織の種類', "an organisation's kind"),
  providerCategory: storedField(PROVIDER_CATEGORIES, '事業者の分類', "a provider's category"),
  warrantType: storedField(WARRANT_TYPES, '令状の種類', "a warrant's type"),
  warrantApplicationState: storedField(WARRANT_APPLICATION_STATES, '令状請求の状態', "a warrant application's state"),
  disclosureOrderState: storedField(
    DISCLOSURE_ORDER_APPLICATION_STATES,
    '開示命令の申立ての状態',
    "a disclosure-order application's state",
  ),
  heardParty: storedField(HEARD_PARTIES, '陳述を聴いた当事者', 'the party heard'),
  hearingManner: storedField(HEARING_MANNERS, '陳述聴取の方法', 'how the party was heard'),
  ancillaryOrderType: storedField(ANCILLARY_ORDER_TYPES, '付随命令の種類', "an ancillary order's type"),
  ancillaryOrderState: storedField(ANCILLARY_ORDER_STATES, '付随命令の状態', "an ancillary order's state"),
  hearingReply: storedField(HEARING_REPLIES, '発信者の回答', "a subscriber's reply"),
  hearingDecision: storedField(HEARING_DECISIONS, '開示の判断', 'a disclosure decision'),
  hearingImpossibleReason: storedField(
    HEARING_IMPOSSIBLE_REASONS,
    '意見照会ができない理由',
    'the reason no hearing could be held',
  ),
  credentialRequestState: storedField(CREDENTIAL_REQUEST_STATES, '登録申請の状態', "a registration's state"),
  keyRegistrationKind: storedField(KEY_REGISTRATION_KINDS, '鍵登録の種類', "a key registration's kind"),
  consultationCategory: storedField(CONSULTATION_CATEGORIES, '相談の種別', "a consultation's category"),
  consultationChannel: storedField(CONSULTATION_CHANNELS, '相談の受理の方法', "a consultation's channel"),
  consultationState: storedField(CONSULTATION_STATES, '相談の状況', "a consultation's state"),
  consultationUrgency: storedField(CONSULTATION_URGENCIES, '相談の緊急性', "a consultation's urgency"),
} as const;

/**
 * The stored `value` of `record` (its id) as a member of the field's list; a value this version does not
 * know throws, naming the record, the field in words and the value.
 */
export function storedValue<T extends string>(f: StoredField<T>, value: string, record: string): T {
  if (isOneOf(f.list, value)) return value;
  throw unreadableValue(f, value, record);
}

/** `storedValue` for a column that may be empty: null stays null. */
export function storedOptional<T extends string>(f: StoredField<T>, value: string | null, record: string): T | null {
  return value === null ? null : storedValue(f, value, record);
}

/** The value of one record among many: the member, or null — logged — for a value this version does not know. */
export function storedValueOrUnknown<T extends string>(f: StoredField<T>, value: string, record: string): T | null {
  if (isOneOf(f.list, value)) return value;
  logger.warn('store.stored_value_unreadable', { record, field: f.words.en });
  return null;
}

/**
 * `storedValueOrUnknown` for one read of many rows (an audit page, an export of 10,000 entries): a value this
 * version does not know is logged once per value in the read, naming the first record that holds it, not once a row.
 */
export function storedValueReader<T extends string>(f: StoredField<T>): (value: string, record: string) => T | null {
  const logged = new Set<string>();
  return (value, record) => {
    if (isOneOf(f.list, value)) return value;
    if (!logged.has(value)) {
      logged.add(value);
      logger.warn('store.stored_value_unreadable', { record, field: f.words.en, firstOfRead: true });
    }
    return null;
  };
}

/**
 * Whether every stored word of one record among many is one this version knows: a list keeps the record only
 * then (the first it does not know is logged, as `storedValueOrUnknown` logs it).
 */
export function storedValuesKnown(record: string, ...words: ReadonlyArray<readonly [StoredField<string>, string]>) {
  return words.every(([f, value]) => storedValueOrUnknown(f, value, record) !== null);
}

function unreadableValue<T extends string>(f: StoredField<T>, value: string, record: string): DomainError {
  const id = shownInput(record);
  const code = shownInput(value);
  logger.warn('store.stored_value_unreadable', { record, field: f.words.en });
  return new DomainError(
    'INTERNAL',
    {
      ja:
        `記録 ${id} の${f.words.ja}に、この版の知らない値が保存されています: ${code}。` +
        '設置の運用者が保存内容を直すか、その値を書いた版を動かすまで、この記録は扱えません',
      en:
        `record ${id} holds, as ${f.words.en}, a value this version does not know: ${code}; it cannot be ` +
        "handled until the installation's operator corrects the store (or runs the version that wrote it)",
    },
    { record, value },
  );
}

/** A request's stored kind, read as its list's type (`storedValue`). */
export const requestKindOf = (row: { id: string; kind: string }) => storedValue(STORED.requestKind, row.kind, row.id);

/** A request's stored state, read as its list's type (`storedValue`). */
export const requestStateOf = (row: { id: string; state: string }) =>
  storedValue(STORED.requestState, row.state, row.id);
