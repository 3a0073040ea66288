// The duty approver (当直責任者, issue 15): the unit head designates a member of the unit for a period
// and the kinds that cannot wait, and signs the designation on his own passkey; the unit sees who is on
// duty, and the head ends a designation early.
import { useState } from 'react';
import { DUTY_KINDS, type DutyKind, REQUEST_KIND_LABELS } from '#shokai/vocabulary';
import { api } from '../api/client.ts';
import { CheckedForm, SubmitButton } from '../components/action-form.tsx';
import { Checks } from '../components/checks.tsx';
import { Select } from '../components/choices.tsx';
import { ErrorNotice, Section, TextField, Time } from '../components/common.tsx';
import { InstantSpan } from '../components/instant-input.tsx';
import { AsyncTable } from '../components/table.tsx';
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
      <ErrorNotice error={error} />
      <Section title={t('duty.list')}>
        <AsyncTable
          list={list}
          empty={t('duty.none')}
          testId="duty-designations"
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
        {isHead && <TextField label={t('duty.revokeReason')} value={revokeReason} onChange={setRevokeReason} />}
      </Section>
      {isHead && (
        <Section title={t('duty.new')}>
          <CheckedForm onSubmit={designate}>
            <Select
              label={`${t('duty.designee')} *`}
              required
              none={t('editor.choose')}
              options={(members.data ?? []).map((u) => ({ value: u.id, text: u.displayName }))}
              value={designee}
              onChange={setDesignee}
            />
            <InstantSpan
              from={{ label: t('duty.from'), value: from, onChange: setFrom }}
              until={{ label: t('duty.until'), value: until, onChange: setUntil }}
              zone={zone}
              onZoneChange={setZone}
            />
            <Checks
              legend={t('duty.kinds')}
              options={DUTY_KINDS}
              labels={REQUEST_KIND_LABELS}
              value={kinds}
              onToggle={(k, on) => setKinds((o) => toggled(o, k, on))}
            />
            <TextField label={t('duty.reason')} required value={reason} onChange={setReason} />
            <SubmitButton
              className="primary"
              busy={busy}
              ready={designee !== '' && from !== '' && until !== '' && kinds.length > 0}
            >
              {t('duty.sign')}
            </SubmitButton>
          </CheckedForm>
        </Section>
      )}
    </div>
  );
}
