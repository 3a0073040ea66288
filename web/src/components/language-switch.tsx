import { useI18n } from '../i18n/i18n.tsx';

/** A visible switch between 日本語 and English (persisted in the browser). */
export function LanguageSwitch() {
  const { locale, setLocale, t } = useI18n();
  return (
    <fieldset className="lang-switch" aria-label={t('lang.switch')}>
      <button type="button" lang="ja" aria-pressed={locale === 'ja'} onClick={() => setLocale('ja')}>
        日本語
      </button>
      <button type="button" lang="en" aria-pressed={locale === 'en'} onClick={() => setLocale('en')}>
        English
      </button>
    </fieldset>
  );
}
