import type { RequestSummary } from '../api/types.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { Link } from '../lib/router.tsx';
import { DeadlineBadge, KindBadge, orgName, StateBadge, Time } from './common.tsx';

function isUrgent(r: RequestSummary): boolean {
  const s = r.deadline?.status;
  return r.kind === 'emergency' || s === 'overdue' || s === 'escalated';
}

/** A list of requests; urgent rows (emergency, overdue) are marked in colour AND in words. */
export function RequestTable({
  items,
  caption,
  side,
  empty,
}: {
  items: RequestSummary[];
  caption: string;
  side: 'agency' | 'provider' | 'other';
  empty?: string;
}) {
  const { t, locale } = useI18n();
  if (items.length === 0) {
    return <p className="muted empty">{empty ?? t('list.empty')}</p>;
  }
  return (
    <div className="table-wrap">
      <table className="requests">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('col.reference')}</th>
            <th scope="col">{t('col.kind')}</th>
            <th scope="col">{t('col.state')}</th>
            <th scope="col">{side === 'provider' ? t('col.agency') : t('col.provider')}</th>
            <th scope="col">{t('col.deadline')}</th>
            <th scope="col">{t('col.updated')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((r) => (
            <tr key={r.id} className={isUrgent(r) ? 'urgent' : undefined} data-request-id={r.id}>
              <th scope="row">
                <Link to={`/requests/${r.id}`}>{r.reference || r.id}</Link>
              </th>
              <td>
                <KindBadge kind={r.kind} />
              </td>
              <td>
                <StateBadge state={r.state} />
              </td>
              <td>
                {side === 'provider'
                  ? orgName(r.agency, locale)
                  : r.kind === 'mlat'
                    ? t('request.foreignAuthority')
                    : orgName(r.provider, locale)}
              </td>
              <td>
                <DeadlineBadge deadline={r.deadline} deadlineAt={r.deadlineAt} />
              </td>
              <td>
                <Time value={r.updatedAt} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
