import { api } from '../api/client.ts';
import { ErrorNotice, Loading, Time } from '../components/common.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { isMessageKey } from '../i18n/dictionary.ts';
import { Link } from '../lib/router.tsx';
import { useAsync } from '../lib/use-async.ts';

/** Every audit event of one request, oldest first. */
export function TimelinePage({ id }: { id: string }) {
  const { t } = useI18n();
  const data = useAsync(async () => {
    const [detail, audit] = await Promise.all([api.request(id), api.requestAudit(id)]);
    return { detail, items: audit.items };
  }, [id]);
  if (data.loading) return <Loading />;
  if (data.error || !data.data) return <ErrorNotice error={data.error} />;
  const { detail, items } = data.data;
  return (
    <article aria-labelledby="tl-h">
      <h1 id="tl-h">{t('timeline.title', { ref: detail.reference })}</h1>
      <p>
        <Link to={`/requests/${id}`}>{t('timeline.back')}</Link>
      </p>
      {items.length === 0 ? (
        <p className="muted">{t('timeline.empty')}</p>
      ) : (
        <ol className="timeline" data-testid="timeline">
          {items.map((e) => (
            <li key={e.seq}>
              <p className="tl-head">
                <Time value={e.at} /> · <strong>{actionLabel(e.action, t)}</strong>
              </p>
              <p className="small">
                {t('timeline.actor')}: {e.actorName ?? e.actorId ?? e.actorType} ({e.actorType}) · #{e.seq}
              </p>
              {e.details && Object.keys(e.details).length > 0 && (
                <details>
                  <summary>{t('common.details')}</summary>
                  <pre>{JSON.stringify(e.details, null, 2)}</pre>
                </details>
              )}
            </li>
          ))}
        </ol>
      )}
    </article>
  );
}

function actionLabel(action: string, t: ReturnType<typeof useI18n>['t']): string {
  // Known audit actions have a label; others are shown as recorded.
  const key = `audit.action.${action}`;
  return isMessageKey(key) ? t(key) : action;
}
