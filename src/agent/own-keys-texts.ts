import { DISOWNED_KEY_STEPS, pinnedKeyLine } from '../domain/pinned-own-keys.ts';
import { visibleText } from '../domain/shown-text.ts';
import type { Bilingual } from '../domain/vocabulary.ts';
import type { OwnKeysWatch, WatchedKey } from './keys-monitor.ts';
import { REVIEW_ZONE, when } from './render.ts';

// The watch of the keys in the provider's own name (./keys-monitor.ts) as its people read it, in Japanese
// and English: the status page and `shokai agent own-keys` / `shokai agent pull` say the same words.

export const OWN_KEYS_TEXTS = {
  heading: { ja: 'ハブのディレクトリにある自社名義の鍵', en: "Keys in your name in the hub's directory" },
  unconfirmed: {
    ja: 'ハブのディレクトリに、自社名義の鍵で、自社の者がまだ確認していないものがあります。自社で登録したもの（担当者のパスキーなど）なら「自社の鍵」、心当たりがなければ「自社の鍵ではない」としてください',
    en:
      "The hub's directory holds keys in your name that none of your people has confirmed yet. " +
      "If your organisation registered it (a person's passkey, say), mark it as yours; " +
      'if nobody knows it, mark it as not yours',
  },
  disowned: {
    ja: '自社の鍵ではないとされた鍵',
    en: 'Keys marked as not yours',
  },
  disownedSteps: DISOWNED_KEY_STEPS,
  confirm: { ja: '自社の鍵です', en: 'It is ours' },
  disown: { ja: '自社の鍵ではありません', en: 'It is not ours' },
  confirmAgain: { ja: '自社の鍵だった（取り消す）', en: 'It was ours after all' },
  signInFirst: {
    ja: '確認するには、確認画面にサインインしてください',
    en: 'Sign in to the review pages to confirm or disown a key',
  },
  notStarted: {
    ja: '自社名義の鍵の監視は、ディレクトリを固定して最初の取得をしたときに始まります',
    en: 'The watch of the keys in your name begins with the first cycle after the directory is pinned',
  },
} satisfies Record<string, Bilingual>;

/** Where the watch began, in words: trust on first use, with the count taken as known then. */
export function baselineWords(w: OwnKeysWatch): Bilingual {
  const at = when(w.baseline.at);
  return {
    ja:
      `監視を始めた ${at} の時点で固定済みログにあった自社名義の鍵 ${w.baseline.count} 件は、確認せずに既知としています（初回の信頼）。` +
      `その後に入った鍵のうち、確認済み ${w.confirmed} 件、この設置の設置鍵 ${w.own} 件`,
    en:
      `The ${w.baseline.count} keys in your name already in the pinned log when the watch ` +
      `began (${at}) are taken as known without a check (trust on first use). Since then: ` +
      `${w.confirmed} confirmed by your people, ${w.own} this installation's own key`,
  };
}

/**
 * Where the names of the organisation's people in these words come from: the hub, when it last gave them
 * (the log has none; an installation that cannot reach the hub keeps the last it learned).
 */
export function namesWords(w: OwnKeysWatch): Bilingual {
  if (!w.names) {
    return {
      ja: '自社の者の氏名はまだハブから取得していません。個人の鍵は利用者 ID で示します（ログに氏名はありません）',
      en:
        "Your people's names have not been learned from the hub yet: " +
        "a person's key is shown by user id (the log has no names)",
    };
  }
  const at = when(w.names.at);
  return {
    ja: `個人の鍵の氏名は、ハブが ${at} に示した自社の者 ${w.names.count} 名の登録名です（ログに氏名はなく、ハブの言い分です。ハブに接続できない間は最後に取得したものを示します）`,
    en:
      `The names of people on keys are those the hub gave for your ${w.names.count} people at ${at} (the log ` +
      `has no names: they are the hub's word; while the hub cannot be reached, the last names learned are shown)`,
  };
}

/**
 * A key of the watch in one line (every character a terminal acts on written out): what the log says of
 * it and, when given, who said it is not ours.
 */
export function watchedKeyLine(k: WatchedKey, lang: 'ja' | 'en'): string {
  const line = pinnedKeyLine(k, lang, REVIEW_ZONE);
  if (k.decided?.decision !== 'not_ours') return line;
  const by = visibleText(k.decided.by);
  return lang === 'ja'
    ? `${line}（${by} が ${when(k.decided.at)} に自社の鍵ではないとしました）`
    : `${line} (marked not ours by ${by} at ${when(k.decided.at)})`;
}

/** A key's id as a line shows it (from the log: every character a terminal acts on written out). */
export const shownKeyId = (k: { id: string }): string => visibleText(k.id);
