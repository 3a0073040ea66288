import type { Locale } from '../i18n/dictionary.ts';

/**
 * The words of a mail analysis's check, note or warning in the viewer's language: the server words each
 * in English (`message`) and Japanese (`messageJa`), where other texts come as { ja, en }.
 */
export const mailMessage = (locale: Locale) => (n: { message: string; messageJa: string }) =>
  locale === 'ja' ? n.messageJa : n.message;
