/** Every user-visible text exists in Japanese and English; Japanese is the default. */
export type Locale = 'ja' | 'en';
export type Bilingual = { ja: string; en: string };

export const DEFAULT_LOCALE: Locale = 'ja';

export function pick(text: Bilingual, locale: Locale = DEFAULT_LOCALE): string {
  return text[locale];
}

/** The CLI's language: SHOKAI_LANG=en|ja (Japanese by default). */
export function cliLocale(env: NodeJS.ProcessEnv = process.env): Locale {
  return env.SHOKAI_LANG === 'en' ? 'en' : 'ja';
}
