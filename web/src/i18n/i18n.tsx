import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { Bilingual } from '../api/types.ts';
import { formatDate, formatDateTimeLong, formatDuration, formatInstant, formatJapanDay } from '../time/format.ts';
import { type Locale, type MessageKey, messages } from './dictionary.ts';
import { joinList } from './list.ts';

const STORAGE_KEY = 'shokai.locale';

export interface I18n {
  locale: Locale;
  setLocale: (l: Locale) => void;
  /** The text for a key, with {name} placeholders filled. */
  t: (key: MessageKey, params?: Record<string, string | number>) => string;
  /** Picks the viewer's language from a bilingual text (labels, server messages). */
  bi: (text: Bilingual | null | undefined) => string;
  /** Short labels as running text, with the viewer's language's separator. */
  listText: (items: readonly string[]) => string;
  instant: (v: string | null | undefined) => string;
  date: (v: string | null | undefined) => string;
  /** A calendar day in Japan (`YYYY-MM-DD`, a court's day), with the era year in Japanese. */
  japanDay: (v: string | null | undefined) => string;
  dateTime: (v: string | null | undefined) => string;
  duration: (ms: number) => string;
}

const Ctx = createContext<I18n | null>(null);

function initialLocale(): Locale {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === 'ja' || saved === 'en') return saved;
  } catch {
    /* storage unavailable: Japanese */
  }
  return 'ja';
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);
  const setLocale = useCallback((l: Locale) => {
    setLocaleState(l);
    try {
      localStorage.setItem(STORAGE_KEY, l);
    } catch {
      /* not persisted */
    }
  }, []);
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  const value = useMemo<I18n>(
    () => ({
      locale,
      setLocale,
      t: (key, params) => {
        // Keys built at run time (a state, a check name) fall back to the key itself if unknown.
        const entry = (messages as Record<string, { ja: string; en: string } | undefined>)[key];
        let s: string = entry ? entry[locale] : key;
        if (params) for (const [k, v] of Object.entries(params)) s = s.replaceAll(`{${k}}`, String(v));
        return s;
      },
      bi: (text) => (text ? text[locale] : ''),
      listText: (items) => joinList(items, locale),
      instant: (v) => formatInstant(v),
      date: (v) => formatDate(v, locale),
      japanDay: (v) => formatJapanDay(v, locale),
      dateTime: (v) => formatDateTimeLong(v, locale),
      duration: (ms) => formatDuration(ms, locale),
    }),
    [locale, setLocale],
  );
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useI18n(): I18n {
  const v = useContext(Ctx);
  if (!v) throw new Error('useI18n outside I18nProvider');
  return v;
}
