import { THREAD_NOTICE_LABELS } from '#shokai/vocabulary';
import type { RequestDetail } from '../api/types.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { WrittenText } from './written-text.tsx';

/**
 * What a thread message says: the system's notice in the reader's language — the new end of an extended
 * preservation in the reader's zone with its offset, not the API's Japan time — then what a person wrote
 * beside it (the extension's reason); a person's message as written.
 */
export function MessageText({ m }: { m: RequestDetail['messages'][number] }) {
  const { bi, t, locale, dateTime } = useI18n();
  const n = m.notice;
  if (!n)
    return (
      <p className="prewrap">
        <WrittenText text={m.body} />
      </p>
    );
  const text =
    n.until === undefined ? bi(n.text) : THREAD_NOTICE_LABELS[n.code][locale].replace('{until}', dateTime(n.until));
  return (
    <>
      <p className="prewrap">{text}</p>
      {m.body && (
        <p className="prewrap">
          {t('thread.reasonLabel')} <WrittenText text={m.body} />
        </p>
      )}
    </>
  );
}
