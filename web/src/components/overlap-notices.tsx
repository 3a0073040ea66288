import { api } from '../api/client.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { Link } from '../lib/router.tsx';
import { useAsync } from '../lib/use-async.ts';
import { formatDateTimeLong } from '../time/format.ts';
import { ErrorNotice, Loading, Section } from './common.tsx';

/**
 * A unit head's pointer notices: another force's open request names an identifier one of the unit's
 * requests names. Only whom to call — the other unit and its number — never the other request.
 */
export function OverlapNotices() {
  const { t, locale } = useI18n();
  const notices = useAsync(() => api.overlapNotices().then((r) => r.items), []);
  const items = notices.data ?? [];
  return (
    <Section title={`${t('overlap.title')} (${items.length})`} id="overlap-notices">
      <p className="muted small">{t('overlap.explain')}</p>
      {notices.loading && <Loading />}
      <ErrorNotice error={notices.error} />
      {!notices.loading && items.length === 0 && <p>{t('overlap.none')}</p>}
      {items.length > 0 && (
        <table>
          <caption className="sr-only">{t('overlap.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('overlap.when')}</th>
              <th scope="col">{t('overlap.yourRequest')}</th>
              <th scope="col">{t('overlap.otherUnit')}</th>
              <th scope="col">{t('overlap.contact')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((n) => (
              <tr key={n.id}>
                <td>{formatDateTimeLong(n.at, locale)}</td>
                <td>
                  <Link to={`/requests/${n.ownRequest.id}`}>{n.ownRequest.reference}</Link>
                </td>
                <td>
                  {locale === 'ja'
                    ? `${n.otherUnit.organisationNameJa} ${n.otherUnit.unitNameJa}`
                    : `${n.otherUnit.organisationNameEn}, ${n.otherUnit.unitNameEn}`}
                </td>
                <td>{n.otherUnit.callbackPhone ?? t('overlap.noPhone')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Section>
  );
}
