// Whose record an answer gives, and so in whose words it is said: a carrier's or an ISP's subscriber (the contract
// of a line: 契約者氏名, 設置場所住所, 契約開始), a board's or a site's registered user (an account and what was given
// at registration — a board has no contract and no line), or a café's member (`member`, `terminalUse`). The
// answer's fields are the same for a carrier and a board (`subscriber`, `accessLog`: a board's post log is an
// access log), so the words follow the holder: the screen that shows an answer, the 回答書 and the command line.
// The web takes it whole (`#shokai/answer-holder`): it imports nothing but the vocabulary's types.
import type { Bilingual, ProviderCategory, RequestKind } from './vocabulary.ts';

export const ANSWER_HOLDERS = ['carrier', 'board', 'cafe'] as const;
export type AnswerHolder = (typeof ANSWER_HOLDERS)[number];

/**
 * Whose record a provider of `category` answers with, for `request`: a café's records request or a café's category
 * is a café's; a board's or a hosting site's category a registered user's; any other known category a subscriber's.
 * Where the category is not known (a document, a listing that has only the request) or is `other` (none of the
 * kinds, or none recorded: it says nothing of whose record it holds), the request says it: a request whose every
 * target is a URL (a post) asks a site for its user.
 */
export function answerHolderOf(
  category: ProviderCategory | null | undefined,
  request: { kind: RequestKind; targets: ReadonlyArray<{ type: string }> },
): AnswerHolder {
  if (request.kind === 'cafe_records' || category === 'cafe') return 'cafe';
  if (category === 'board' || category === 'hosting') return 'board';
  if (category === null || category === undefined || category === 'other') {
    const posts = request.targets.length > 0 && request.targets.every((t) => t.type === 'url');
    return posts ? 'board' : 'carrier';
  }
  return 'carrier';
}

/**
 * What answerHolderOf went by for `request` under `category`: the request's kind (a cafe's records), the
 * provider's category, or (no category known, or `other`) the request's targets.
 */
export function answerHolderBasis(
  category: ProviderCategory | null | undefined,
  request: { kind: RequestKind },
): 'kind' | 'category' | 'targets' {
  if (request.kind === 'cafe_records') return 'kind';
  return category === null || category === undefined || category === 'other' ? 'targets' : 'category';
}

/** The fields of an answer's `subscriber` record, in the order they are shown. */
export const SUBSCRIBER_RECORD_FIELDS = [
  'account',
  'name',
  'nameKana',
  'installationAddress',
  'billingAddress',
  'phone',
  'email',
  'contractStart',
  'contractEnd',
] as const;
export type SubscriberRecordField = (typeof SUBSCRIBER_RECORD_FIELDS)[number];

/**
 * The `subscriber` record's fields in the holder's words: a line's contract for a carrier, the account as registered
 * for a board (its start and end are the account's, not a contract's). A café answers with its member, not these.
 */
export const SUBSCRIBER_RECORD_WORDS: Record<
  Exclude<AnswerHolder, 'cafe'>,
  Record<SubscriberRecordField, Bilingual>
> = {
  carrier: {
    account: { ja: 'アカウント', en: 'Account' },
    name: { ja: '契約者氏名', en: 'Name' },
    nameKana: { ja: '氏名（カナ）', en: 'Name (kana)' },
    installationAddress: { ja: '設置場所住所', en: 'Installation address' },
    billingAddress: { ja: '請求先住所', en: 'Billing address' },
    phone: { ja: '電話番号', en: 'Phone' },
    email: { ja: 'メールアドレス', en: 'E-mail' },
    contractStart: { ja: '契約開始日', en: 'Contract start' },
    contractEnd: { ja: '契約終了日', en: 'Contract end' },
  },
  board: {
    account: { ja: 'アカウント', en: 'Account' },
    name: { ja: '登録された氏名', en: 'Name as registered' },
    nameKana: { ja: '登録された氏名（カナ）', en: 'Name (kana) as registered' },
    installationAddress: { ja: '登録された住所', en: 'Address as registered' },
    billingAddress: { ja: '登録された請求先住所', en: 'Billing address as registered' },
    phone: { ja: '登録された電話番号', en: 'Phone as registered' },
    email: { ja: '登録されたメールアドレス', en: 'E-mail as registered' },
    contractStart: { ja: 'アカウントの登録日', en: 'Account registered on' },
    contractEnd: { ja: 'アカウントの削除日', en: 'Account closed on' },
  },
};

/** The heading of an item's `accessLog`: a line's access records, a board's posts. */
export const ACCESS_LOG_WORDS: Record<Exclude<AnswerHolder, 'cafe'>, Bilingual> = {
  carrier: { ja: '接続記録', en: 'Access log' },
  board: { ja: '投稿の記録', en: 'Posts' },
};
