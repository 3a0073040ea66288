// What a civil disclosure request says (issue 15): the route, the claimant, the rights infringed, the
// legitimate reason, the sender information sought by the law's categories, and a court's order.
import {
  CIVIL_ROUTE_LABELS,
  COURT_ORDER_TYPE_LABELS,
  DISCLOSURE_PURPOSE_LABELS,
  INFRINGED_RIGHT_LABELS,
  SENDER_INFORMATION_LABELS,
} from '#shokai/vocabulary';
import { api } from '../api/client.ts';
import type { RequestContent } from '../api/types.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { useAsync } from '../lib/use-async.ts';
import { FactRow, orgName, Time } from './common.tsx';
import { WrittenText } from './written-text.tsx';

type Civil = NonNullable<RequestContent['civil']>;

export function CivilView({ civil }: { civil: Civil }) {
  const { t, bi, locale, listText } = useI18n();
  const order = civil.courtOrder;
  // The court is named from the directory, where the provider checks the order with it.
  const courtId = order?.courtOrganisationId;
  const court = useAsync(() => (courtId ? api.organisation(courtId) : Promise.resolve(null)), [courtId]);
  const courtName = court.data ? orgName(court.data, locale) : '';
  return (
    <>
      <h3>{t('editor.civil')}</h3>
      <dl className="facts" data-testid="civil-view">
        {civil.route && <FactRow label={t('civilForm.route')}>{bi(CIVIL_ROUTE_LABELS[civil.route])}</FactRow>}
        <dt>{t('civil.claimant')}</dt>
        <dd>
          {civil.claimant || '—'}
          {civil.claimantAddress ? `（${civil.claimantAddress}）` : ''}
        </dd>
        {civil.counsel && <FactRow label={t('civil.counsel')}>{civil.counsel}</FactRow>}
        <dt>{t('civil.rights')}</dt>
        <dd className="prewrap">
          {civil.rights && <strong>{listText(civil.rights.map((r) => bi(INFRINGED_RIGHT_LABELS[r])))}</strong>}
          {civil.rights ? '\n' : ''}
          {civil.rightsInfringed && <WrittenText text={civil.rightsInfringed} />}
        </dd>
        {civil.purposes && (
          <FactRow label={t('civilForm.purposes')}>
            {listText(civil.purposes.map((p) => bi(DISCLOSURE_PURPOSE_LABELS[p])))}
          </FactRow>
        )}
        {civil.senderInformation && (
          <>
            <dt>{t('civilForm.senderInformation')}</dt>
            <dd>
              <ul>
                {civil.senderInformation.map((i) => (
                  <li key={i}>{bi(SENDER_INFORMATION_LABELS[i])}</li>
                ))}
              </ul>
            </dd>
          </>
        )}
        {order && (
          <>
            <dt>{t('civilForm.order')}</dt>
            <dd data-testid="court-order">
              {bi(COURT_ORDER_TYPE_LABELS[order.type])} · {courtName} {order.caseNumber} ·{' '}
              <Time value={order.orderedAt} long />
              <div className="prewrap">
                <WrittenText text={order.content} />
              </div>
            </dd>
          </>
        )}
        {civil.courtOrderReference && <FactRow label={t('civil.courtOrder')}>{civil.courtOrderReference}</FactRow>}
      </dl>
    </>
  );
}
