import { ApiError } from '../api/client.ts';
import { ErrorNotice, Loading } from '../components/common.tsx';
import type { MessageKey } from '../i18n/dictionary.ts';
import { useI18n } from '../i18n/i18n.tsx';
import type { IdKind } from '../lib/ids.ts';
import { NAV, visible } from '../lib/nav.ts';
import { Link } from '../lib/router.tsx';
import { useMe } from '../lib/session.tsx';

/** What is said when an address names a page of one record but no record of that kind. */
const RECORD_PAGES: Record<IdKind, { title: MessageKey; body: MessageKey; list: MessageKey; to: string }> = {
  request: {
    title: 'notFound.requestTitle',
    body: 'notFound.requestBody',
    list: 'notFound.requestList',
    to: '/requests',
  },
  case: { title: 'notFound.caseTitle', body: 'notFound.recordBody', list: 'notFound.caseList', to: '/cases' },
  consultation: {
    title: 'notFound.consultationTitle',
    body: 'notFound.recordBody',
    list: 'notFound.consultationList',
    to: '/consultations',
  },
  warrantApplication: {
    title: 'notFound.warrantApplicationTitle',
    body: 'notFound.recordBody',
    list: 'notFound.warrantApplicationList',
    to: '/warrant-applications',
  },
  disclosureOrder: {
    title: 'notFound.disclosureOrderTitle',
    body: 'notFound.recordBody',
    list: 'notFound.disclosureOrderList',
    to: '/disclosure-orders',
  },
};

/**
 * No page at this address. With `what`, the address names a page of one record (a request, a case, …)
 * but no record of that kind (a mistyped or cut id): said as such, without repeating the address as if
 * it named one, with the way back to that list (for those the navigation shows it to) and home.
 */
export function NotFoundPage({ what, unseen = false }: { what?: IdKind; unseen?: boolean }) {
  const { t } = useI18n();
  const me = useMe();
  const record = what ? RECORD_PAGES[what] : undefined;
  const hasList = record !== undefined && NAV.some((item) => item.to === record.to && visible(item, me));
  return (
    <div data-testid="not-found">
      <h1>{t(record?.title ?? 'notFound.title')}</h1>
      <p>{t(unseen ? 'notFound.recordUnseen' : (record?.body ?? 'notFound.body'))}</p>
      <ul>
        {record && hasList && (
          <li>
            <Link to={record.to}>{t(record.list)}</Link>
          </li>
        )}
        <li>
          <Link to="/">{t('nav.home')}</Link>
        </li>
      </ul>
    </div>
  );
}

/**
 * A page of one record while it loads, or when it could not be read. An id of the right shape that the hub
 * does not know — or not to this viewer: it answers "not found" for both — is said as the not-found page
 * says it (`unseen`: that it may exist out of the viewer's sight), never by the API's words, which name the
 * id (`事件 case_… は存在しません`); any other failure as the refusal it is.
 */
export function RecordUnavailable({ what, of }: { what: IdKind; of: { loading: boolean; error: unknown } }) {
  if (of.loading) return <Loading />;
  if (of.error instanceof ApiError && of.error.code === 'NOT_FOUND') return <NotFoundPage what={what} unseen />;
  return <ErrorNotice error={of.error} />;
}

/** A request (its page or its timeline) that could not be read: a heading, the reason in words, the way home. */
export function RequestUnavailable({ error }: { error: unknown }) {
  const { t } = useI18n();
  return (
    <div>
      <h1>{t('request.unavailable')}</h1>
      <ErrorNotice error={error} notFound="request.notFound" />
      <Link to="/">{t('nav.home')}</Link>
    </div>
  );
}
