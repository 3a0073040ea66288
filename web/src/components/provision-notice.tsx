// A provision notice as the access provider's legal desk reads it (提供命令, art. 15): the order it
// comes from (court, case number, the judge's signature checked), the content provider that gave it,
// the lawyer's application against this access provider it was released for; opened on this browser's
// device (the notice is sealed to the access provider's key), the sender's communications, each with
// the way to the next step: who held that address, in this installation's logs, or the values copied
// into the provider's own search.
import { useState } from 'react';
import { openProvisionNoticeOnDevice } from '#shokai/custody';
import { api, apiClient } from '../api/client.ts';
import type { ProvisionNotice } from '../api/types.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { openHereOrOnHub } from '../lib/device.ts';
import { Link } from '../lib/router.tsx';
import { hasRole, useMe } from '../lib/session.tsx';
import { attributionPath } from '../lib/targets.ts';
import { useAction } from '../lib/use-action.ts';
import { viewerZone } from '../time/format.ts';
import { ErrorNotice, Facts, NoDeviceNotice, orgName, Time } from './common.tsx';
import { Table } from './table.tsx';

type Communication = NonNullable<ProvisionNotice['communications']>[number];

/** The communications as lines for the provider's own search: address, port, instant (ISO 8601), tab-separated. */
function asLines(cs: readonly Communication[]): string {
  return cs.map((c) => [c.address, c.port ?? '', c.at].join('\t')).join('\n');
}

export function ProvisionNoticeCard({ n }: { n: ProvisionNotice }) {
  const me = useMe();
  const { t, locale, instant } = useI18n();
  const { busy, error, run } = useAction();
  const [opened, setOpened] = useState<{
    communications: Communication[];
    onDevice: boolean;
    signedBy: ProvisionNotice['signedBy'];
  } | null>(null);
  const [noDevice, setNoDevice] = useState(false);
  const [copied, setCopied] = useState(false);
  // The lookup is offered only where this installation's records are the viewer's organisation's.
  const canLookUp = hasRole(me, 'provider_legal', 'provider_operator') && me.holdsRecords;
  const open = () =>
    run(async () => {
      setNoDevice(false);
      const got = await openHereOrOnHub(
        me.user.id,
        async (device) => ({ ...(await openProvisionNoticeOnDevice(apiClient, device, n.id)), onDevice: true }),
        async () => ({ ...(await api.provisionNotice(n.id)), onDevice: false }),
      );
      if (!got) setNoDevice(true);
      else setOpened({ communications: got.communications ?? [], onDevice: got.onDevice, signedBy: got.signedBy });
    });
  const copy = () =>
    run(async () => {
      await navigator.clipboard.writeText(asLines(opened?.communications ?? []));
      setCopied(true);
    });
  return (
    <div className="action-box" data-testid="provision-notice" data-notice={n.id}>
      <h3>
        {t('pnot.title')} {n.order.reference}
      </h3>
      <Facts
        rows={[
          ['pnot.court', orgName(n.order.court, locale)],
          ['civilForm.orderCaseNumber', n.order.caseNumber],
          ['civilForm.orderedAt', n.order.orderedAt ? instant(n.order.orderedAt) : null],
          ['pnot.contentProvider', orgName(n.contentProvider, locale)],
          ['pnot.application', n.applicationReference],
          ['pnot.lawOffice', orgName(n.lawOffice, locale)],
          ['pnot.sentAt', n.sentAt ? instant(n.sentAt) : null],
        ]}
      />
      <p className={n.order.signatureVerified ? 'badge ok' : 'field-error'} data-testid="order-signature">
        {t(n.order.signatureVerified ? 'aord.signatureValid' : 'aord.signatureInvalid')}
      </p>
      {!opened && (
        <button type="button" className="primary" disabled={busy} onClick={() => void open()}>
          {t('pnot.open')}
        </button>
      )}
      <ErrorNotice error={error} />
      {noDevice && <NoDeviceNotice text={t('pnot.noDevice')} testId="notice-no-device" />}
      {opened && (
        <div data-testid="provision-communications">
          {opened.onDevice && <p className="muted small">{t('answer.openedOnDevice')}</p>}
          {/* The content provider's signature inside, checked where it was opened (else refused there). */}
          {opened.signedBy ? (
            <p className="badge ok" data-testid="notice-signature">
              {opened.signedBy.person
                ? t('pnot.signedByPerson', {
                    person: opened.signedBy.person,
                    key: opened.signedBy.keyFingerprint.slice(0, 16),
                  })
                : t('pnot.signed', { key: opened.signedBy.keyFingerprint.slice(0, 16) })}
            </p>
          ) : (
            <p className="field-error" data-testid="notice-signature">
              {t('pnot.sealedOnHub')}
            </p>
          )}
          <Table
            caption={t('aord.communications')}
            rows={opened.communications}
            rowKey={(c) => `${c.address}-${c.port ?? ''}-${c.at}`}
            columns={[
              { head: t('whom.address'), cell: (c) => <code>{c.address}</code> },
              { head: t('target.port'), cell: (c) => (c.port === undefined ? '—' : <code>{c.port}</code>) },
              { head: t('pnot.at', { zone: viewerZone() }), cell: (c) => <Time value={c.at} /> },
              ...(canLookUp
                ? [
                    {
                      head: t('pnot.next'),
                      cell: (c: Communication) => <Link to={attributionPath(c)}>{t('pnot.lookUp')}</Link>,
                    },
                  ]
                : []),
            ]}
          />
          <p>
            <button type="button" disabled={busy} onClick={() => void copy()}>
              {t('pnot.copy')}
            </button>{' '}
            {copied && <span role="status">{t('pnot.copied')}</span>}
          </p>
          <p className="hint">{t(canLookUp ? 'pnot.nextIntro' : 'pnot.copyIntro')}</p>
        </div>
      )}
    </div>
  );
}
