import type { RequestSummary } from '../api/types.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { Link } from '../lib/router.tsx';
import { DeadlineBadge, KindBadge, orgName, StateBadge, Time } from './common.tsx';
import { Table } from './table.tsx';

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
    <Table
      className="requests"
      caption={caption}
      rows={items}
      rowKey={(r) => r.id}
      rowHeader
      rowProps={(r) => ({ className: isUrgent(r) ? 'urgent' : undefined, 'data-request-id': r.id })}
      columns={[
        {
          head: t('col.reference'),
          className: 'col-ref',
          cell: (r) => <Link to={`/requests/${r.id}`}>{r.reference || r.id}</Link>,
        },
        { head: t('col.kind'), className: 'col-pill', cell: (r) => <KindBadge kind={r.kind} /> },
        { head: t('col.state'), className: 'col-pill', cell: (r) => <StateBadge state={r.state} kind={r.kind} /> },
        {
          head: side === 'provider' ? t('col.requester') : t('col.provider'),
          className: 'col-party',
          cell: (r) =>
            side === 'provider'
              ? orgName(r.agency, locale)
              : r.kind === 'mlat'
                ? t('request.foreignAuthority')
                : orgName(r.provider, locale),
        },
        {
          head: t('col.deadline'),
          className: 'col-pill',
          cell: (r) => (
            <DeadlineBadge
              deadline={r.deadline}
              deadlineAt={r.deadlineAt}
              pausedSince={r.clarificationAskedAt}
              compact
            />
          ),
        },
        { head: t('col.updated'), className: 'col-time', cell: (r) => <Time value={r.updatedAt} /> },
      ]}
    />
  );
}
