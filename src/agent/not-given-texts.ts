import type { Bilingual } from '../domain/vocabulary.ts';
import type { WaitingId } from './not-given.ts';
import { esc, type Lang, when } from './render.ts';

// The ids the hub listed and gave no envelope for that wait (./not-given.ts), as the status page and
// `shokai agent status` say them: so a person learns of a genuine request the hub keeps failing to give.

export interface NotGivenWaiting {
  passedOver: WaitingId[];
  retryLater: WaitingId[];
}

export const PASSED_OVER_STATUS: Bilingual = {
  ja:
    'ハブが「封筒はない」（404/410）と繰り返し答えたため、取得を見合わせている要請があります。固定が伸びるか、' +
    '最後の試行から1日経つと再取得します。心当たりがあれば、ハブの運用者に確認してください',
  en:
    'Requests the hub listed but said again and again it has no envelope for (404/410) are not fetched for now: ' +
    'fetched again once the pin grows, or a day after the last try. If one may be genuine, ask the hub operator',
};

export const RETRY_LATER_STATUS: Bilingual = {
  ja: 'ハブがエラーで答え続けている要請があります。間隔を空けて再取得します（最長4時間ごと）',
  en: 'Requests the hub keeps answering with errors for: fetched again after a wait (at most every 4 hours)',
};

const STATUS: Bilingual = { ja: 'ハブの応答', en: 'the hub answered' };
const LAST: Bilingual = { ja: '最後の試行', en: 'last tried' };
const NEXT: Bilingual = { ja: '次の試行', en: 'next try' };

/** One waiting id's facts in words (the id is the hub's: escaped or made visible by the caller). */
export function waitingFacts(w: WaitingId, lang: Lang): string {
  const sep = lang === 'ja' ? '、' : '; ';
  const next = w.nextTry ? `${sep}${NEXT[lang]} ${when(w.nextTry)}` : '';
  return `${STATUS[lang]} ${w.status}${sep}${LAST[lang]} ${when(w.lastTried)}${next}`;
}

/** The status page's alerts for the waiting ids; empty when none waits. */
export function notGivenStatusHtml(n: NotGivenWaiting, lang: Lang): string {
  const list = (id: string, words: Bilingual, rows: readonly WaitingId[]): string =>
    rows.length === 0
      ? ''
      : `<div role="alert" id="${id}"><p>${esc(words[lang])} (${rows.length})</p><ul>${rows
          .map(
            (w) =>
              `<li data-not-given="${esc(w.requestId)}"><code>${esc(w.requestId)}</code>: ` +
              `${esc(waitingFacts(w, lang))}</li>`,
          )
          .join('')}</ul></div>`;
  return list('passed-over', PASSED_OVER_STATUS, n.passedOver) + list('retry-later', RETRY_LATER_STATUS, n.retryLater);
}
