// A provider's court orders (issue 15 item 2): the provision and erasure-prohibition orders addressed to
// it, each with the check of the judge's signature and what the provider does next, and the provision
// notices a content provider released to it (sealed to its key; they open on its devices).
import { api } from '../api/client.ts';
import { AncillaryOrderCard } from '../components/ancillary-orders.tsx';
import { ErrorNotice, Section } from '../components/common.tsx';
import { ProvisionNoticeCard } from '../components/provision-notice.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { useAsync } from '../lib/use-async.ts';

/** A provider's court orders: the ancillary orders issued to it, and the provision notices released to it. */
export function CourtOrdersPage() {
  const { t } = useI18n();
  const list = useAsync(() => api.ancillaryOrders().then((r) => r.items), []);
  const notices = useAsync(() => api.provisionNotices().then((r) => r.items), []);
  return (
    <div>
      <h1>{t('aord.pageTitle')}</h1>
      <p className="hint">{t('aord.pageIntro')}</p>
      <ErrorNotice error={list.error ?? notices.error} />
      {list.data && list.data.length === 0 && <p className="muted">{t('aord.none')}</p>}
      {(list.data ?? []).map((o) => (
        <AncillaryOrderCard key={o.id} o={o} reload={list.reload} />
      ))}
      <Section title={t('aord.notices')}>
        <p className="hint">{t('aord.noticesIntro')}</p>
        {notices.data && notices.data.length === 0 && <p className="muted">{t('aord.noNotices')}</p>}
        <div data-testid="provision-notices">
          {(notices.data ?? []).map((n) => (
            <ProvisionNoticeCard key={n.id} n={n} />
          ))}
        </div>
      </Section>
    </div>
  );
}
