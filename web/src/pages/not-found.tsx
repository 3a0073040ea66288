import { useI18n } from '../i18n/i18n.tsx';
import { Link } from '../lib/router.tsx';
import { useMe } from '../lib/session.tsx';

/**
 * No page at this address. `what="request"`: the address names a request page but no request (a
 * mistyped or cut id): said as such, without repeating the address as if it named one, with the way
 * back to the requests (for those who have the list) and home.
 */
export function NotFoundPage({ what }: { what?: 'request' }) {
  const { t } = useI18n();
  const me = useMe();
  const hasList = ['agency', 'provider', 'law_office'].includes(me.organisation.kind);
  return (
    <div data-testid="not-found">
      <h1>{t(what === 'request' ? 'notFound.requestTitle' : 'notFound.title')}</h1>
      <p>{t(what === 'request' ? 'notFound.requestBody' : 'notFound.body')}</p>
      <ul>
        {what === 'request' && hasList && (
          <li>
            <Link to="/requests">{t('notFound.requestList')}</Link>
          </li>
        )}
        <li>
          <Link to="/">{t('nav.home')}</Link>
        </li>
      </ul>
    </div>
  );
}
