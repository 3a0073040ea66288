import type { OwnKeysWatch, WatchedKey } from './keys-monitor.ts';
import { baselineWords, namesWords, OWN_KEYS_TEXTS, watchedKeyLine } from './own-keys-texts.ts';
import { esc, type Lang } from './render.ts';

// The status page's part on the keys in the provider's own name (./keys-monitor.ts): the alerts on keys
// not yet confirmed or disowned, with the forms that answer them, and where the watch began.

/** A form on a key of the watch: a person signed in says it is ours or not (../agent/web.ts). */
function keyForm(k: WatchedKey, act: 'confirm' | 'disown', words: string): string {
  return (
    `<form method="post" action="/own-keys/${esc(encodeURIComponent(k.id))}/${act}" style="display:inline">` +
    `<button data-key="${esc(k.id)}" data-act="${act}">${esc(words)}</button></form>`
  );
}

/** The keys in the provider's own name not yet confirmed, and those disowned: alerts at the top of the page. */
export function ownKeysAlerts(w: OwnKeysWatch | null, lang: Lang): string {
  const T = OWN_KEYS_TEXTS;
  if (!w) return '';
  const item = (k: WatchedKey, forms: string) =>
    `<li data-key="${esc(k.id)}">${esc(watchedKeyLine(k, lang))} ${forms}</li>`;
  const unconfirmed = w.unconfirmed.length
    ? `<div role="alert" id="keys-unconfirmed"><p>${esc(T.unconfirmed[lang])}</p><ul>${w.unconfirmed
        .map((k) => item(k, `${keyForm(k, 'confirm', T.confirm[lang])} ${keyForm(k, 'disown', T.disown[lang])}`))
        .join('')}</ul><p>${esc(T.signInFirst[lang])}</p></div>`
    : '';
  const disowned = w.disowned.length
    ? `<div role="alert" id="keys-disowned"><p>${esc(T.disowned[lang])}</p>` +
      `<p>${esc(T.disownedSteps[lang])}</p><ul>${w.disowned
        .map((k) => item(k, keyForm(k, 'confirm', T.confirmAgain[lang])))
        .join('')}</ul></div>`
    : '';
  return `${unconfirmed}${disowned}`;
}

/** Where the watch of the keys in the provider's own name began, what is known since, whose names it says. */
export function ownKeysHtml(w: OwnKeysWatch | null, lang: Lang): string {
  const T = OWN_KEYS_TEXTS;
  const names = w ? `<p id="own-keys-names">${esc(namesWords(w)[lang])}</p>` : '';
  return (
    `<h2>${esc(T.heading[lang])}</h2><p id="own-keys">` +
    `${esc((w ? baselineWords(w) : T.notStarted)[lang])}</p>${names}`
  );
}
