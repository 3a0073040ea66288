// An outgoing MLAT request's route (issue 15): unit → central authority → (foreign ministry) → foreign
// authority, what happened on it, the reminder due, and the form with which the unit records each step.
import { useState } from 'react';
import { DEADLINE_STATUS_LABELS, MLAT_EVENT_LABELS, MLAT_HOP_LABELS, type MlatEvent } from '#shokai/vocabulary';
import { api } from '../api/client.ts';
import type { MessageKey } from '../i18n/dictionary.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { useAction } from '../lib/use-action.ts';
import { useAsync } from '../lib/use-async.ts';
import { formatJapanDay, viewerZone } from '../time/format.ts';
import { CheckedForm, SubmitButton } from './action-form.tsx';
import { ErrorNotice, InstantInput, Section, TextField, Time } from './common.tsx';
import { Table } from './table.tsx';

export function MlatRoutePanel({ requestId }: { requestId: string }) {
  const { t, bi, locale } = useI18n();
  const tracking = useAsync(() => api.mlatTracking(requestId), [requestId]);
  const [choice, setChoice] = useState('');
  const [at, setAt] = useState('');
  const [zone, setZone] = useState(viewerZone);
  const [official, setOfficial] = useState('');
  const [reference, setReference] = useState('');
  const [note, setNote] = useState('');
  const { busy, error, submit } = useAction();
  const m = tracking.data;
  if (!m) return <ErrorNotice error={tracking.error} />;
  const next = m.next;
  const picked = next.find((n) => `${n.event}:${n.hop ?? ''}` === choice) ?? next[0];
  const record = submit(async () => {
    if (!picked) return;
    await api.recordMlatEvent(requestId, {
      event: picked.event,
      ...(picked.hop ? { hop: picked.hop } : {}),
      at,
      ...(official.trim() ? { official: official.trim() } : {}),
      ...(reference.trim() ? { reference: reference.trim() } : {}),
      ...(note.trim() ? { note: note.trim() } : {}),
    });
    setOfficial('');
    setReference('');
    setNote('');
    setChoice('');
    tracking.refresh();
  });
  const stepLabel = (event: MlatEvent, hop: string | null) =>
    `${bi(MLAT_EVENT_LABELS[event])}` +
    `${hop && hop in MLAT_HOP_LABELS ? ` — ${bi(MLAT_HOP_LABELS[hop as keyof typeof MLAT_HOP_LABELS])}` : ''}`;
  return (
    <Section title={t('mlat.route')} id="mlat-route">
      <p>
        {bi(m.treaty.label)}
        {m.treaty.inForce && (
          <span className="muted">
            {locale === 'ja' ? '（' : ' ('}
            {t('mlat.inForce', { date: formatJapanDay(m.treaty.inForce, locale) })}
            {locale === 'ja' ? '）' : ')'}
          </span>
        )}
      </p>
      <ol className="mlat-route">
        {m.route.map((h) => (
          <li key={h.hop} data-state={h.state}>
            <strong>{bi(h.holder)}</strong> — {t(`mlat.state.${h.state}` as MessageKey)}
            <br />
            <span className="small">
              {t('mlat.approves')}: {bi(h.approves)}
            </span>
          </li>
        ))}
      </ol>
      {m.reminder && (
        <p data-status={m.reminder.status}>
          {t('mlat.awaiting')}: {stepLabel(m.reminder.awaiting, m.reminder.from)} · {t('mlat.reminder')}:{' '}
          <Time value={m.reminder.dueAt} long /> ({bi(DEADLINE_STATUS_LABELS[m.reminder.status])})
        </p>
      )}
      {m.events.length > 0 && (
        <Table
          caption={t('mlat.events')}
          showCaption
          rows={m.events}
          rowKey={(e) => e.seq}
          columns={[
            { head: t('mlat.at'), cell: (e) => <Time value={e.at} long /> },
            { head: t('mlat.event'), cell: (e) => stepLabel(e.event, e.hop) },
            { head: t('mlat.official'), cell: (e) => e.official ?? '—' },
            { head: t('mlat.reference'), className: 'col-ref', cell: (e) => e.reference ?? '—' },
            { head: t('mlat.note'), cell: (e) => e.note ?? '—' },
            { head: t('mlat.recordedBy'), cell: (e) => e.recordedBy },
          ]}
        />
      )}
      {next.length > 0 && (
        <CheckedForm onSubmit={record} className="action-box" error={error}>
          <label>
            {t('mlat.event')}
            <select value={choice} onChange={(e) => setChoice(e.target.value)}>
              {next.map((n) => (
                <option key={`${n.event}:${n.hop ?? ''}`} value={`${n.event}:${n.hop ?? ''}`}>
                  {stepLabel(n.event, n.hop)}
                </option>
              ))}
            </select>
          </label>
          <InstantInput label={t('mlat.at')} value={at} onChange={setAt} required zone={zone} onZoneChange={setZone} />
          <TextField label={t('mlat.official')} value={official} onChange={setOfficial} />
          <TextField label={t('mlat.reference')} value={reference} onChange={setReference} />
          <TextField label={t('mlat.note')} value={note} onChange={setNote} />
          <SubmitButton busy={busy} ready={at !== ''}>
            {t('mlat.record')}
          </SubmitButton>
        </CheckedForm>
      )}
    </Section>
  );
}
