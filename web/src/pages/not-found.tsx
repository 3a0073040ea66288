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
export function NotFoundPage({ what }: { what?: IdKind }) {
  const { t } = useI18n();
  const me = useMe();
  const record = what ? RECORD_PAGES[what] : undefined;
  const hasList = record !== undefined && NAV.some((item) => item.to === record.to && visible(item, me));
  return (
    <div data-testid="not-found">
      <h1>{t(record?.title ?? 'notFound.title')}</h1>
      <p>{t(record?.body ?? 'notFound.body')}</p>
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
