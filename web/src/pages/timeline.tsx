import { actorWords, auditHeading } from '#shokai/audit-details';
import { api } from '../api/client.ts';
import { AuditDetails, organisationsOf } from '../components/audit-details.tsx';
import { LoadState, Time } from '../components/common.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { Link } from '../lib/router.tsx';
import { useAsync } from '../lib/use-async.ts';
import { RequestUnavailable } from './not-found.tsx';

/** Every audit event of one request, oldest first. */
export function TimelinePage({ id }: { id: string }) {
  const { t, locale } = useI18n();
  const data = useAsync(async () => {
    const [detail, audit] = await Promise.all([api.request(id), api.requestAudit(id)]);
    return { detail, items: audit.items };
  }, [id]);
  // As the request's own page says it.
  if (data.error) return <RequestUnavailable error={data.error} />;
  if (data.loading || !data.data) return <LoadState of={data} />;
  const { detail, items } = data.data;
  const organisationName = organisationsOf(detail);
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
                <Time value={e.at} /> · <strong>{auditHeading(e.action, e.details, locale, detail.kind)}</strong>
              </p>
              <p className="small">
                {t('timeline.actor')}: {actorWords(e, locale)} · {t('timeline.entry', { seq: e.seq })}
              </p>
              <AuditDetails entry={e} organisationName={organisationName} kind={detail.kind} />
            </li>
          ))}
        </ol>
      )}
    </article>
  );
}
