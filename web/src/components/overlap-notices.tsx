import { phoneWords } from '#shokai/shown-text';
import { api } from '../api/client.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { Link } from '../lib/router.tsx';
import { useAsync } from '../lib/use-async.ts';
import { formatDateTimeLong } from '../time/format.ts';
import { LoadState, Section } from './common.tsx';
import { Table } from './table.tsx';

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
      <LoadState of={notices} />
      {!notices.loading && items.length === 0 && <p>{t('overlap.none')}</p>}
      {items.length > 0 && (
        <Table
          caption={t('overlap.title')}
          rows={items}
          rowKey={(n) => n.id}
          columns={[
            { head: t('overlap.when'), cell: (n) => formatDateTimeLong(n.at, locale) },
            {
              head: t('overlap.yourRequest'),
              className: 'nowrap',
              cell: (n) => <Link to={`/requests/${n.ownRequest.id}`}>{n.ownRequest.reference}</Link>,
            },
            {
              head: t('overlap.otherUnit'),
              cell: (n) =>
                locale === 'ja'
                  ? `${n.otherUnit.organisationNameJa} ${n.otherUnit.unitNameJa}`
                  : `${n.otherUnit.organisationNameEn}, ${n.otherUnit.unitNameEn}`,
            },
            {
              head: t('overlap.contact'),
              cell: (n) =>
                n.otherUnit.callbackPhone ? phoneWords(n.otherUnit.callbackPhone, locale) : t('overlap.noPhone'),
            },
          ]}
        />
      )}
    </Section>
  );
}
