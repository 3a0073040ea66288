// A refusal as a person reads it. The stable code and the details are for programs and support: the
// code stays on the element (`data-code`), and nothing raw (a key, a code, a path, JSON) is shown.
import { deviceRefusal } from '#shokai/custody';
import type { Bilingual } from '#shokai/vocabulary';
import { ApiError } from '../api/client.ts';
import type { MessageKey } from '../i18n/dictionary.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { type FieldWords, FormIssues, refusalIssues, refusalText, ShownError } from '../lib/error-text.ts';
import { passkeyFailed, passkeyWrongHost } from '../lib/passkey.ts';

/**
 * A refusal: its message naming its field in words (never its path); when a form had several
 * problems, a headline counting them and each problem once below it; a passkey the person did not
 * use (cancelled, or none on the device) is said so. `fieldWords` names fields by the form's own
 * labels where the form knows better than the generic words (a target's `IPアドレス`).
 */
export function ErrorNotice({
  error,
  fieldWords,
  notFound,
}: {
  error: unknown;
  fieldWords?: FieldWords;
  /** A page of one record: what "not found" says there, in words (the API's text names the record's id). */
  notFound?: MessageKey;
}) {
  const { bi, t } = useI18n();
  if (!error) return null;
  const api = error instanceof ApiError ? error : null;
  if (api?.code === 'NOT_FOUND' && notFound) {
    return (
      <div className="notice notice-error" role="alert" data-code={api.code} data-testid="error-notice">
        <strong>{t('error.title')}</strong> <span data-testid="error-headline">{t(notFound)}</span>
      </div>
    );
  }
  // A refusal of the device's own (a re-sealed copy not as declared): already in both languages.
  const refusal = api ? null : deviceRefusal(error);
  const wrongHost = api ? null : passkeyWrongHost(error);
  const issues: Bilingual[] =
    error instanceof FormIssues ? error.issues : api ? refusalIssues(api.details, fieldWords) : [];
  const text =
    issues.length > 1
      ? t('error.problems', { n: issues.length })
      : issues.length === 1 && !api
        ? bi(issues[0] as Bilingual)
        : api
          ? bi(refusalText(api.bilingual, api.details, fieldWords))
          : refusal
            ? bi(refusal)
            : error instanceof ShownError
              ? error.message
              : wrongHost
                ? t('passkey.wrongHost', wrongHost)
                : passkeyFailed(error)
                  ? t('passkey.cancelled')
                  : t('error.unexpected');
  return (
    <div className="notice notice-error" role="alert" data-code={api?.code} data-testid="error-notice">
      <strong>{t('error.title')}</strong> <span data-testid="error-headline">{text}</span>
      {issues.length > 1 && (
        <ul data-testid="error-issues">
          {issues.map((i) => (
            <li key={`${i.ja}|${i.en}`}>{bi(i)}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
