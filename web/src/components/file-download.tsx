// A file the server writes on demand (a CSV export), fetched by the page rather than followed as a link,
// so that a refusal (more entries than one file holds, a right the person lacks) is said on the page in
// words instead of arriving as a failed download or a page of the API's raw answer.
import { type ReactNode, useEffect } from 'react';
import { api } from '../api/client.ts';
import { useI18n } from '../i18n/i18n.tsx';
import type { FieldWords } from '../lib/error-text.ts';
import { saveBlob } from '../lib/save-file.ts';
import { useAction } from '../lib/use-action.ts';
import { ErrorNotice } from './error-notice.tsx';

export function FileDownload({
  href,
  fallbackName,
  fieldWords,
  testId,
  hint,
  children,
}: {
  /** The API path (with its query) that answers the file. */
  href: string;
  /** The name to save under when the server names none. */
  fallbackName: string;
  fieldWords?: FieldWords;
  testId?: string;
  /** Words after the button (what the file holds). */
  hint?: ReactNode;
  children: ReactNode;
}) {
  const { t } = useI18n();
  const { busy, error, setError, run } = useAction();
  // A refusal speaks of the file then asked for: changed filters ask for another one.
  // biome-ignore lint/correctness/useExhaustiveDependencies: cleared when href changes, which is the point
  useEffect(() => setError(null), [href]);
  const fetchFile = () =>
    run(async () => {
      const { blob, name } = await api.downloadFile(href, fallbackName);
      saveBlob(blob, name);
    });
  return (
    <div className="small" data-testid={testId ? `${testId}-block` : undefined}>
      <button
        type="button"
        className="link"
        onClick={() => void fetchFile()}
        disabled={busy}
        aria-busy={busy || undefined}
        data-testid={testId}
      >
        {busy ? t('download.busy') : children}
      </button>
      {hint && <> {hint}</>}
      <ErrorNotice error={error} fieldWords={fieldWords} />
    </div>
  );
}
