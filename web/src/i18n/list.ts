import type { Locale } from './dictionary.ts';

/** A list of short labels as running text: 「A、B」 in Japanese, "A, B" in English. */
export function joinList(items: readonly string[], locale: Locale): string {
  return items.join(locale === 'ja' ? '、' : ', ');
}
