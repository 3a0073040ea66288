// Which fields an answer form offers, by what kind of holder the provider is (its directory category): a carrier
// or ISP answers with the subscriber of a line; a board or site (a content provider) with the post's time, source
// address and port and the account's registration; a café with the terminal, the period of use and its member
// as registered. The answer's schema takes each (src/domain/answer-content.ts).
import type { ProviderCategory } from '#shokai/vocabulary';
import type { FindingCandidate, RequestContent, SubscriberRecord } from '../api/types.ts';
import type { MessageKey } from '../i18n/dictionary.ts';

export type AnswerShape = 'carrier' | 'board' | 'cafe';

type FindingPerson = NonNullable<FindingCandidate['person']>;

/** The shape of a provider's answer: its category, or the request's kind where that says it (café records). */
export function answerShapeOf(
  category: ProviderCategory | null | undefined,
  kind: RequestContent['kind'],
): AnswerShape {
  if (kind === 'cafe_records' || category === 'cafe') return 'cafe';
  if (category === 'board' || category === 'hosting') return 'board';
  return 'carrier';
}

/**
 * Who a carrier's subscriber is and where he is reached, labelled, in the order a form asks them: the person an
 * answer gives and a finding's candidate shows (finding.tsx).
 */
export const SUBSCRIBER_PERSON_FIELDS: [keyof SubscriberRecord & keyof FindingPerson, MessageKey][] = [
  ['name', 'subscriber.name'],
  ['nameKana', 'subscriber.nameKana'],
  ['installationAddress', 'subscriber.installationAddress'],
  ['billingAddress', 'subscriber.billingAddress'],
  ['phone', 'subscriber.phone'],
  ['email', 'subscriber.email'],
];

/** The subscriber fields a shape asks for, with their labels, in the form's order (a café asks its member's). */
export const SUBSCRIBER_FIELDS_OF: Record<Exclude<AnswerShape, 'cafe'>, [keyof SubscriberRecord, MessageKey][]> = {
  carrier: [
    ['account', 'subscriber.account'],
    ...SUBSCRIBER_PERSON_FIELDS,
    ['contractStart', 'subscriber.contractStart'],
    ['contractEnd', 'subscriber.contractEnd'],
  ],
  // What a board holds of an account: its ID and what was given at registration, never a contract or a line.
  board: [
    ['account', 'subscriber.account'],
    ['name', 'answer.board.name'],
    ['email', 'answer.board.email'],
    ['phone', 'answer.board.phone'],
  ],
};

/** How a shape names its log rows: a carrier's access records, a board's posts. */
export const LOG_WORDS: Record<
  Exclude<AnswerShape, 'cafe'>,
  { title: MessageKey; add: MessageKey; at: MessageKey; row: MessageKey; address: MessageKey; port: MessageKey }
> = {
  carrier: {
    title: 'answer.accessLog',
    add: 'answer.addLog',
    at: 'answer.logAt',
    row: 'answer.logRow',
    address: 'answer.logAddress',
    port: 'target.port',
  },
  board: {
    title: 'answer.board.posts',
    add: 'answer.board.addPost',
    at: 'answer.board.postAt',
    row: 'answer.board.postRow',
    address: 'answer.board.sourceAddress',
    port: 'answer.board.sourcePort',
  },
};
