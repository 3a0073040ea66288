import type { Bilingual, Locale } from '../domain/vocabulary.ts';

/** Every user-visible text exists in Japanese and English (the types live with the vocabulary). */
export type { Bilingual, Locale } from '../domain/vocabulary.ts';

export const DEFAULT_LOCALE: Locale = 'ja';

export function pick(text: Bilingual, locale: Locale = DEFAULT_LOCALE): string {
  return text[locale];
}

/**
 * The language a SHOKAI_LANG value names: `en` or `ja` in any case, alone or as a locale with a region and an
 * encoding (`en-GB`, `en_US.UTF-8`, `ja_JP.eucJP`, as LANG is often copied); null for anything else.
 */
export function namedLocale(value: string): Locale | null {
  const m = /^(en|ja)(?:[-_][a-z0-9]+)?(?:\.[a-z0-9-]+)?(?:@[a-z0-9]+)?$/i.exec(value.trim());
  if (!m) return null;
  return m[1]?.toLowerCase() === 'en' ? 'en' : 'ja';
}

/** The CLI's language: SHOKAI_LANG=en|ja (Japanese by default, and for a value that names neither). */
export function cliLocale(env: NodeJS.ProcessEnv = process.env): Locale {
  return namedLocale(env.SHOKAI_LANG ?? '') ?? 'ja';
}

/** Why SHOKAI_LANG is not followed, in both languages, or null when it is unset, empty or names a language. */
export function unknownLanguageWords(env: NodeJS.ProcessEnv = process.env): Bilingual | null {
  const given = env.SHOKAI_LANG ?? '';
  if (given.trim() === '' || namedLocale(given) !== null) return null;
  return {
    ja: `SHOKAI_LANG の「${given}」は日本語（ja）でも英語（en）でもありません。日本語で表示します`,
    en: `SHOKAI_LANG "${given}" names neither Japanese (ja) nor English (en): Japanese is shown`,
  };
}
