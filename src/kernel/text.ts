import type { Bilingual, Locale } from '../domain/vocabulary.ts';

/** Every user-visible text exists in Japanese and English (the types live with the vocabulary). */
export type { Bilingual, Locale } from '../domain/vocabulary.ts';

export const DEFAULT_LOCALE: Locale = 'ja';

export function pick(text: Bilingual, locale: Locale = DEFAULT_LOCALE): string {
  return text[locale];
}

/** The CLI's language: SHOKAI_LANG=en|ja (Japanese by default). */
export function cliLocale(env: NodeJS.ProcessEnv = process.env): Locale {
  return env.SHOKAI_LANG === 'en' ? 'en' : 'ja';
}
