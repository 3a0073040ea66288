// The actions on one consultation at the desk: open a case from it (with an emergency request when it
// is urgent), or close it with the advice given and the referrals.
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import {
  CONSULTATION_REFERRAL_LABELS,
  type ConsultationReferral,
  SUICIDE_NOTICE_CONDITION_LABELS,
  SUICIDE_NOTICE_CONDITIONS,
  type SuicideNoticeCondition,
} from '#shokai/vocabulary';
import { ApiError, api } from '../api/client.ts';
import type { Consultation } from '../api/types.ts';
import { Checks } from '../components/checks.tsx';
import { OrganisationSelect } from '../components/choices.tsx';
import { ErrorNotice, Section, TextField } from '../components/common.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { toggled } from '../lib/form-state.ts';
import { navigate } from '../lib/router.tsx';
import { useAction } from '../lib/use-action.ts';
import { useAsync } from '../lib/use-async.ts';

/** The conditions a refusal names as not affirmed (details.missing of `emergency.conditions`), in their order. */
function refusedConditions(error: unknown): SuicideNoticeCondition[] {
  if (!(error instanceof ApiError) || error.details?.field !== 'emergency.conditions') return [];
  const missing = error.details.missing;
  return Array.isArray(missing) ? SUICIDE_NOTICE_CONDITIONS.filter((c) => missing.includes(c)) : [];
}

export function OpenCase({ consultation: d, onDone }: { consultation: Consultation; onDone: () => void }) {
  const { t, bi } = useI18n();
  const providers = useAsync(() => api.organisations('provider').then((r) => r.items), []);
  const [reference, setReference] = useState('');
  const [offence, setOffence] = useState(d.urgency === 'suicide_notice' ? '' : d.playbook.offence.ja);
  const [provider, setProvider] = useState('');
  const [conditions, setConditions] = useState<Record<SuicideNoticeCondition, boolean>>({
    imminent: false,
    realistic: false,
    intentExpressed: false,
    notJokeOrFiction: false,
  });
  const [statement, setStatement] = useState('');
  const { busy, error, run } = useAction();
  const urgent = d.urgency !== 'none';
  // A refusal for conditions not affirmed marks each still unticked, tied to its message; the first takes the focus.
  const refused = refusedConditions(error);
  const marked = (k: SuicideNoticeCondition) => refused.includes(k) && !conditions[k];
  const conditionsId = `${useId()}-conditions`;
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (error) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [error]);
  const open = (emergency: boolean) =>
    run(async () => {
      const r = await api.openCaseFromConsultation(d.id, {
        caseReference: reference.trim(),
        ...(offence.trim() ? { offence: offence.trim() } : {}),
        ...(provider ? { providerOrganisationId: provider } : {}),
        ...(emergency
          ? {
              emergency: {
                ...(d.urgency === 'suicide_notice' ? { conditions } : {}),
                statement: statement.trim(),
              },
            }
          : {}),
      });
      const first = r.requestIds[0];
      if (first) navigate(`/requests/${first}`);
      else onDone();
    });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void open(false);
  };
  return (
    <Section title={t('consult.openCase')} id="open-case">
      <form onSubmit={onSubmit} aria-label={t('consult.openCase')} ref={formRef}>
        <ErrorNotice error={error} />
        <TextField
          label={t('consult.caseReference')}
          name="caseReference"
          required
          value={reference}
          onChange={setReference}
        />
        <TextField label={t('consult.offence')} name="offence" value={offence} onChange={setOffence} />
        {(d.firstStep === 'board_inquiry' || urgent) && (
          <OrganisationSelect
            label={t('consult.provider')}
            name="provider"
            required={false}
            none={t('consult.providerAuto')}
            value={provider}
            onChange={setProvider}
            organisations={providers.data}
          />
        )}
        {urgent && (
          <fieldset className="checks" data-testid="emergency-conditions">
            <legend>{t('consult.urgentTitle')}</legend>
            {d.urgency === 'suicide_notice' && (
              <>
                <p>{t('consult.conditions')}</p>
                {SUICIDE_NOTICE_CONDITIONS.map((k) => (
                  <label key={k} className="check-line">
                    <input
                      type="checkbox"
                      name={`condition-${k}`}
                      checked={conditions[k]}
                      aria-invalid={marked(k) ? true : undefined}
                      aria-describedby={marked(k) ? conditionsId : undefined}
                      onChange={(e) => setConditions((c) => ({ ...c, [k]: e.target.checked }))}
                    />{' '}
                    {bi(SUICIDE_NOTICE_CONDITION_LABELS[k])}
                  </label>
                ))}
                {error instanceof ApiError && SUICIDE_NOTICE_CONDITIONS.some(marked) && (
                  <p className="field-error" id={conditionsId}>
                    {bi(error.bilingual)}
                  </p>
                )}
              </>
            )}
            <TextField
              label={t('consult.statement')}
              name="statement"
              multiline
              rows={3}
              value={statement}
              onChange={setStatement}
            />
            <button
              type="button"
              className="primary danger"
              disabled={busy || !reference.trim() || !statement.trim()}
              aria-describedby={!reference.trim() || !statement.trim() ? 'emergency-needs' : undefined}
              onClick={() => void open(true)}
            >
              {t('consult.openEmergency')}
            </button>
            {(!reference.trim() || !statement.trim()) && (
              <p className="hint" id="emergency-needs" data-testid="emergency-needs">
                {t('consult.emergencyNeeds')}
              </p>
            )}
          </fieldset>
        )}
        <p className="muted">{t(`consult.firstStep.${d.firstStep}`)}</p>
        <button type="submit" className={urgent ? 'secondary' : 'primary'} disabled={busy}>
          {t('consult.openCase')}
        </button>
      </form>
    </Section>
  );
}

export function Advise({ consultation: d, onDone }: { consultation: Consultation; onDone: () => void }) {
  const { t } = useI18n();
  const [chosen, setChosen] = useState<ConsultationReferral[]>(d.playbook.referrals);
  const [note, setNote] = useState('');
  const { error, submit } = useAction();
  const advise = submit(async () => {
    await api.adviseConsultation(d.id, { referrals: chosen, ...(note.trim() ? { note: note.trim() } : {}) });
    onDone();
  });
  const all = Object.keys(CONSULTATION_REFERRAL_LABELS) as ConsultationReferral[];
  return (
    <Section title={t('consult.advise')}>
      <form onSubmit={advise} aria-label={t('consult.advise')}>
        <ErrorNotice error={error} />
        <Checks
          legend={t('consult.referrals')}
          options={all}
          labels={CONSULTATION_REFERRAL_LABELS}
          value={chosen}
          onToggle={(r, on) => setChosen((xs) => toggled(xs, r, on))}
        />
        <TextField label={t('consult.adviceNote')} name="note" multiline rows={3} value={note} onChange={setNote} />
        <button type="submit" className="secondary">
          {t('consult.adviseSubmit')}
        </button>
      </form>
    </Section>
  );
}
