// From the content provider's answer to the second stage of a civil disclosure: a connection the answer
// disclosed (address, port, time with its offset) goes into the request to the access provider as it is —
// nothing is typed again — and the new request is linked to the answer it follows, as an inquiry's next
// request is.
import type { ReactNode } from 'react';
import { api } from '../api/client.ts';
import type { AccessRecord, RequestDetail } from '../api/types.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { Link, useLocation } from '../lib/router.tsx';
import { useAsync } from '../lib/use-async.ts';

/** The civil form, filled from request `requestId` and the connection `record` its answer disclosed. */
export function civilNextPath(requestId: string, record: AccessRecord): string {
  const q = new URLSearchParams({ follows: requestId, address: record.address, at: record.at });
  if (record.port !== undefined) q.set('port', String(record.port));
  return `/civil/new?${q.toString()}`;
}

/** The connection carried from the URL the answer's link made (null when it names none). */
export function carriedConnection(search: URLSearchParams): { requestId: string; record: AccessRecord } | null {
  const requestId = search.get('follows');
  const address = search.get('address');
  const at = search.get('at');
  if (!requestId || !address || !at) return null;
  const port = search.get('port');
  return { requestId, record: { address, at, ...(port && /^\d{1,5}$/.test(port) ? { port: Number(port) } : {}) } };
}

/**
 * The request the civil form follows, when it was opened from an answer's connection: the request (read
 * from the hub: the lawyer's own) and the connection carried; null otherwise.
 */
export function useFollowedClaim(): { request: RequestDetail; record: AccessRecord } | null {
  const { search } = useLocation();
  const carried = carriedConnection(search);
  const requestId = carried?.requestId ?? '';
  const followed = useAsync(() => (requestId ? api.request(requestId) : Promise.resolve(null)), [requestId]);
  return carried && followed.data ? { request: followed.data, record: carried.record } : null;
}

/** "Draft the request to the access provider" for one access record of a civil request's answer. */
export function civilNextAction(requestId: string): (record: AccessRecord, close: () => void) => ReactNode {
  return (record, close) => <CivilNextPanel requestId={requestId} record={record} onClose={close} />;
}

function CivilNextPanel({
  requestId,
  record,
  onClose,
}: {
  requestId: string;
  record: AccessRecord;
  onClose: () => void;
}) {
  const { t, dateTime } = useI18n();
  const shown = record.port === undefined ? record.address : `${record.address}:${record.port}`;
  return (
    <section className="next-request" aria-label={t('trace.civilNext')} data-testid="civil-next">
      <p>{t('trace.civilNextIntro', { record: `${shown} ${dateTime(record.at)}` })}</p>
      <div className="button-row">
        <Link to={civilNextPath(requestId, record)} className="button primary">
          {t('trace.civilNext')}
        </Link>
        <button type="button" onClick={onClose}>
          {t('trace.close')}
        </button>
      </div>
    </section>
  );
}
