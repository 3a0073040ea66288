// A chain of provision orders down to a reseller (提供命令, art. 15): the access provider named by a
// content provider's order (a wholesaler) carries out its own order from the notice it received — the
// communications filled in from the notice opened on its device (or the hub), not retyped — naming for
// each the provider its records show holds the line (an MVNO, a virtual ISP). The lawyer sees each
// order's link up the chain (the order that named its respondent) and down (the case it notified).
import { type FormEvent, useState } from 'react';
import { openProvisionNoticeOnDevice } from '#shokai/custody';
import { api, apiClient } from '../api/client.ts';
import type { AncillaryOrder, ProvisionNotice } from '../api/types.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { openHereOrOnHub } from '../lib/device.ts';
import { provideSigned } from '../lib/provide-signed.ts';
import { Link } from '../lib/router.tsx';
import { useMe } from '../lib/session.tsx';
import { useAsync } from '../lib/use-async.ts';
import { ActionForm } from './action-form.tsx';
import type { Act } from './application-steps.tsx';
import { ErrorNotice, NoDeviceNotice, orgName, Time } from './common.tsx';

type Communication = NonNullable<ProvisionNotice['communications']>[number];
type NamedUnder = NonNullable<AncillaryOrder['namedUnder']>;
type Row = { c: Communication; give: boolean; accessProviderOrganisationId: string };

/** The order above this one: the provision order whose notice went to this order's provider for its case. */
export function NamedUnderLine({ n }: { n: NamedUnder }) {
  const { t, locale } = useI18n();
  const what = `${n.reference}（${orgName(n.provider, locale)}）`;
  return (
    <p data-testid="named-under">
      {t('chain.namedUnder')}:{' '}
      {n.applicationId ? <Link to={`/disclosure-orders/${n.applicationId}#ancillary-orders`}>{what}</Link> : what}
    </p>
  );
}

/** The case down the chain a named access provider was notified with (the office's view). */
export function NotifiedCase({ application }: { application: { id: string; reference: string } | null }) {
  const { t } = useI18n();
  if (!application) return null;
  return (
    <>
      {' '}
      ({t('chain.notifiedCase')}{' '}
      <Link to={`/disclosure-orders/${application.id}#ancillary-orders`}>{application.reference}</Link>)
    </>
  );
}

/**
 * The access provider carries out its own order from the notice it received: opened here, its
 * communications listed, each ticked and with the provider the access provider's records name.
 */
export function ProvideFromNotice({ o, busy, act }: { o: AncillaryOrder; busy: boolean; act: Act }) {
  const me = useMe();
  const { t, locale } = useI18n();
  const n = o.namedUnder;
  const providers = useAsync(
    () => api.organisations('provider').then((r) => r.items.filter((x) => x.id !== me.user.organisationId)),
    [me.user.organisationId],
  );
  const [rows, setRows] = useState<Row[] | null>(null);
  const [noDevice, setNoDevice] = useState(false);
  const [openError, setOpenError] = useState<unknown>(null);
  if (!n?.noticeId) return null;
  const noticeId = n.noticeId;
  const open = () => {
    setOpenError(null);
    setNoDevice(false);
    openHereOrOnHub(
      me.user.id,
      (device) => openProvisionNoticeOnDevice(apiClient, device, noticeId),
      () => api.provisionNotice(noticeId),
    ).then(
      (got) => {
        if (!got) setNoDevice(true);
        else setRows((got.communications ?? []).map((c) => ({ c, give: true, accessProviderOrganisationId: '' })));
      },
      (e: unknown) => setOpenError(e),
    );
  };
  const change = (i: number, patch: Partial<Row>) =>
    setRows((rows ?? []).map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const given = (rows ?? []).filter((r) => r.give);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void act(() =>
      provideSigned(
        o.id,
        {
          noticeId,
          communications: given.map(({ c, accessProviderOrganisationId: id }) => ({
            ...c,
            ...(id ? { accessProviderOrganisationId: id } : {}),
          })),
        },
        t('aord.passkeyNone'),
      ),
    );
  };
  return (
    <ActionForm label={t('aord.provide')} onSubmit={submit} busy={busy} ready={given.length > 0}>
      <p className="hint">
        {t('chain.provideIntro', { reference: n.reference, provider: orgName(n.provider, locale) })}
      </p>
      {!rows && (
        <p>
          <button type="button" onClick={open} disabled={busy}>
            {t('chain.open')}
          </button>
        </p>
      )}
      <ErrorNotice error={openError ?? providers.error} />
      {noDevice && <NoDeviceNotice text={t('pnot.noDevice')} testId="chain-no-device" />}
      {rows && (
        <fieldset data-testid="notice-communications">
          <legend>{t('aord.communications')}</legend>
          {rows.length === 0 && <p className="muted">{t('chain.empty')}</p>}
          <ul>
            {rows.map((r, i) => (
              <li key={`${r.c.address}-${r.c.port ?? ''}-${r.c.at}`}>
                <label>
                  <input
                    type="checkbox"
                    name="giveCommunication"
                    checked={r.give}
                    onChange={(e) => change(i, { give: e.target.checked })}
                  />{' '}
                  <code>{r.c.address}</code>
                  {r.c.port !== undefined && (
                    <>
                      {' '}
                      <code>{r.c.port}</code>
                    </>
                  )}{' '}
                  <Time value={r.c.at} />
                </label>{' '}
                <label>
                  {t('chain.whose')}{' '}
                  <select
                    name={`lineHolder-${i}`}
                    value={r.accessProviderOrganisationId}
                    onChange={(e) => change(i, { accessProviderOrganisationId: e.target.value })}
                  >
                    <option value="">{t('chain.whomToAsk')}</option>
                    {(providers.data ?? []).map((p) => (
                      <option key={p.id} value={p.id}>
                        {orgName(p, locale)}
                      </option>
                    ))}
                  </select>
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
      )}
    </ActionForm>
  );
}
