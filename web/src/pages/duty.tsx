// The duty approver (当直責任者, issue 15): the unit head designates a member of the unit for a period
// and the kinds that cannot wait, and signs the designation on his own passkey; the unit sees who is on
// duty, and the head ends a designation early.
import { useState } from 'react';
import { DUTY_KINDS, type DutyKind, REQUEST_KIND_LABELS } from '#shokai/vocabulary';
import { api } from '../api/client.ts';
import { ErrorNotice, InstantInput, Loading, Section, TextField, Time } from '../components/common.tsx';
import { Table } from '../components/table.tsx';
import type { MessageKey } from '../i18n/dictionary.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { toggled } from '../lib/form-state.ts';
import { signDigest } from '../lib/passkey.ts';
import { hasRole, useMe } from '../lib/session.tsx';
import { useAction } from '../lib/use-action.ts';
import { useAsync } from '../lib/use-async.ts';
import { viewerZone } from '../time/format.ts';

type Assertion = NonNullable<Parameters<typeof api.designateDuty>[0]['assertion']>;

export function DutyPage() {
  const me = useMe();
  const { t, bi, listText } = useI18n();
  const isHead = hasRole(me, 'unit_head');
  const list = useAsync(() => api.dutyDesignations().then((r) => r.items), []);
  const members = useAsync(
    () =>
      isHead
        ? api
            .users()
            .then((r) =>
              r.items.filter((u) => u.unitId === me.user.unitId && u.roles.includes('investigator') && !u.disabled),
            )
        : Promise.resolve([]),
    [isHead, me.user.unitId],
  );
  const [designee, setDesignee] = useState('');
  const [from, setFrom] = useState('');
  const [until, setUntil] = useState('');
  const [zone, setZone] = useState(viewerZone);
  const [kinds, setKinds] = useState<DutyKind[]>(['emergency']);
  const [reason, setReason] = useState('');
  const [revokeReason, setRevokeReason] = useState('');
  const { busy, error, run, submit } = useAction();

  const designate = submit(async () => {
    const preview = await api.previewDuty({
      designeeUserId: designee,
      validFrom: from,
      validUntil: until,
      kinds,
      reason: reason.trim(),
    });
    // The head signs exactly the designation shown, on his own passkey (a head without one yet: the hub's key).
    let assertion: Assertion | undefined;
    if (preview.passkey) {
      assertion = (await signDigest(preview.digest, preview.passkey)) as Assertion;
    }
    await api.designateDuty({ designation: preview.designation, ...(assertion ? { assertion } : {}) });
    setReason('');
    list.refresh();
  });
  const revoke = (id: string) =>
    run(async () => {
      await api.revokeDuty(id, { reason: revokeReason.trim() });
      setRevokeReason('');
      list.refresh();
    });

  return (
    <div>
      <h1>{t('duty.title')}</h1>
      <p className="muted">{t('duty.intro')}</p>
      <ErrorNotice error={error ?? list.error} />
      <Section title={t('duty.list')}>
        {list.loading ? (
          <Loading />
        ) : (list.data ?? []).length === 0 ? (
          <p>{t('duty.none')}</p>
        ) : (
          <Table
            testId="duty-designations"
            rows={list.data ?? []}
            rowKey={(d) => d.id}
            rowProps={(d) => ({ 'data-status': d.status })}
            columns={[
              { head: t('duty.designee'), cell: (d) => d.designee.name },
              { head: t('duty.from'), cell: (d) => <Time value={d.validFrom} long /> },
              { head: t('duty.until'), cell: (d) => <Time value={d.validUntil} long /> },
              { head: t('duty.kinds'), cell: (d) => listText(d.kinds.map((k) => bi(REQUEST_KIND_LABELS[k]))) },
              { head: t('duty.status'), cell: (d) => t(`duty.status.${d.status}` as MessageKey) },
              { head: t('duty.reason'), cell: (d) => (d.revokeReason ? `${d.reason} / ${d.revokeReason}` : d.reason) },
              isHead && {
                head: t('admin.actions'),
                hideHead: true,
                cell: (d) =>
                  (d.status === 'active' || d.status === 'upcoming') && (
                    <button type="button" disabled={busy || !revokeReason.trim()} onClick={() => void revoke(d.id)}>
                      {t('duty.revoke')}
                    </button>
                  ),
              },
            ]}
          />
        )}
        {isHead && <TextField label={t('duty.revokeReason')} value={revokeReason} onChange={setRevokeReason} />}
      </Section>
      {isHead && (
        <Section title={t('duty.new')}>
          <form onSubmit={designate}>
            <label>
              {t('duty.designee')} *
              <select required value={designee} onChange={(e) => setDesignee(e.target.value)}>
                <option value="">{t('editor.choose')}</option>
                {(members.data ?? []).map((u) => (
                  <option key={u.id} value={u.id}>
                    {u.displayName}
                  </option>
                ))}
              </select>
            </label>
            <InstantInput
              label={t('duty.from')}
              value={from}
              onChange={setFrom}
              required
              zone={zone}
              onZoneChange={setZone}
            />
            <InstantInput
              label={t('duty.until')}
              value={until}
              onChange={setUntil}
              required
              zone={zone}
              onZoneChange={setZone}
            />
            <fieldset>
              <legend>{t('duty.kinds')}</legend>
              {DUTY_KINDS.map((k) => (
                <label key={k}>
                  <input
                    type="checkbox"
                    checked={kinds.includes(k)}
                    onChange={(e) => setKinds((o) => toggled(o, k, e.target.checked))}
                  />{' '}
                  {bi(REQUEST_KIND_LABELS[k])}
                </label>
              ))}
            </fieldset>
            <TextField label={t('duty.reason')} required value={reason} onChange={setReason} />
            <button
              type="submit"
              className="primary"
              disabled={busy || !designee || !from || !until || kinds.length === 0}
            >
              {t('duty.sign')}
            </button>
          </form>
        </Section>
      )}
    </div>
  );
}
