// How an issued disclosure order stands after it was made (異議の訴え, 確定): what both parties read —
// on the application's page (the law office, the court) and on a request presenting the order (the
// provider, the law office) — and the court's forms to record an objection suit, its outcome, or the
// order's finality, each signed with the judge's own passkey.

import { useState } from 'react';
import {
  DISCLOSURE_ORDER_STANDING_LABELS,
  OBJECTION_OUTCOME_LABELS,
  OBJECTION_OUTCOMES,
  OBJECTION_PARTIES,
  OBJECTION_PARTY_LABELS,
  type ObjectionOutcome,
  type ObjectionParty,
  SET_ASIDE_GROUND_LABELS,
  SET_ASIDE_GROUNDS,
  type SetAsideGround,
} from '#shokai/vocabulary';
import { api } from '../api/client.ts';
import type { DisclosureOrderApplication } from '../api/types.ts';
import type { MessageKey } from '../i18n/dictionary.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { ActionForm } from './action-form.tsx';
import { type Act, useJudgeSigned } from './application-steps.tsx';
import { SelectChoice } from './choices.tsx';
import { FactRow, InstantInput, Section, TextFact, TextField, TimeFact } from './common.tsx';
import { SignatureVerdictFact, unverified } from './signature-verdict.tsx';

export type Standing = NonNullable<DisclosureOrderApplication['standing']>;
/** The hub's verdict on a judge's record: a withdrawal's verdicts, and `not_judge`. */
type RecordVerdict = NonNullable<Standing['finalSignature']>;

const SIGNATURE_TEXT: Record<RecordVerdict, MessageKey> = {
  verified: 'dstand.sig.verified',
  failed: 'dstand.sig.failed',
  unsigned: 'dstand.sig.unsigned',
  not_in_log: 'dstand.sig.notInLog',
  not_judge: 'dstand.sig.notJudge',
};

/** Whether the judge's signature over a record verifies, as the hub checked it when the page was read. */
function SignatureFact({ sig, testId }: { sig: RecordVerdict; testId: string }) {
  const { t } = useI18n();
  return <SignatureVerdictFact label={t('dstand.signature')} verdict={sig} texts={SIGNATURE_TEXT} testId={testId} />;
}

/** The order's standing, with the suit, its outcome and finality; set aside or contested said plainly. */
export function OrderStandingPanel({ s }: { s: Standing }) {
  const { t, bi, japanDay } = useI18n();
  const o = s.outcome;
  return (
    <Section title={t('dstand.title')}>
      <div data-testid="order-standing">
        {s.standing === 'set_aside' && (
          <p className="notice notice-error" role="alert">
            {t('dstand.setAside')}
          </p>
        )}
        {s.standing === 'contested' && <p className="notice notice-warn">{t('dstand.contested')}</p>}
        {s.standing === 'contested' && unverified(s.objection?.signature) && (
          <p className="notice notice-warn" data-testid="held-as-recorded">
            {t('dstand.heldAsRecorded')}
          </p>
        )}
        {o && o.outcome !== 'set_aside' && unverified(o.signature) && (
          <p className="notice notice-error" role="alert" data-testid="end-unverified">
            {t('dstand.endUnverified')}
          </p>
        )}
        {o?.outcome === 'changed' && <p className="notice notice-warn">{t('dstand.changed')}</p>}
        <dl className="facts">
          <dt>{t('dstand.standing')}</dt>
          <dd data-testid="standing-label">{bi(DISCLOSURE_ORDER_STANDING_LABELS[s.standing])}</dd>
          {s.standing === 'not_final' && (
            <>
              <dt>{t('dstand.periodLastDay')}</dt>
              <dd data-testid="period-last-day">{japanDay(s.periodLastDay)}</dd>
              <TimeFact label={t('dstand.finalFrom')} value={s.finalFrom} />
            </>
          )}
          {s.objection && (
            <>
              <TimeFact label={t('dstand.objectionFiledAt')} value={s.objection.filedAt} />
              <dt>{t('dstand.objectionBy')}</dt>
              <dd>{bi(OBJECTION_PARTY_LABELS[s.objection.by])}</dd>
              <dt>{t('dstand.objectionCaseNumber')}</dt>
              <dd>{s.objection.caseNumber}</dd>
              <dt>{t('dstand.noticedOn')}</dt>
              <dd>{s.objection.noticedOn ? japanDay(s.objection.noticedOn) : t('dstand.noticedOnNotNamed')}</dd>
              <dt>{t('dstand.objectionLastDay')}</dt>
              <dd data-testid="objection-last-day">
                {japanDay(s.objection.lastDay ?? s.periodLastDay)}
                {s.objection.lastDay ? '' : ` ${t('dstand.countedFromOrder')}`}
              </dd>
              <SignatureFact sig={s.objection.signature} testId="objection-signature" />
            </>
          )}
          {o && (
            <>
              <dt>{t('dstand.outcome')}</dt>
              <dd>{bi(OBJECTION_OUTCOME_LABELS[o.outcome])}</dd>
              <TimeFact label={t('dstand.outcomeAt')} value={o.at} />
              {o.ground && <FactRow label={t('dstand.ground')}>{bi(SET_ASIDE_GROUND_LABELS[o.ground])}</FactRow>}
              <TextFact label={t('dstand.outcomeReason')} text={o.reason} />
              {o.changedContent && <TextFact label={t('dstand.changedContent')} text={o.changedContent} />}
              <SignatureFact sig={o.signature} testId="outcome-signature" />
            </>
          )}
          {s.finalAt && (
            <>
              <TimeFact label={t('dstand.finalAt')} value={s.finalAt} />
              {s.finalSignature && <SignatureFact sig={s.finalSignature} testId="final-signature" />}
            </>
          )}
        </dl>
        {s.standing === 'not_final' && <p className="hint">{t('dstand.periodHint')}</p>}
      </div>
    </Section>
  );
}

/** The further closed days typed in one field, separated by commas or spaces. */
const holidaysOf = (typed: string): string[] => typed.split(/[\s,、]+/).filter((d) => d !== '');

/** The field a judge names other days the court was closed at the end of a month in. */
function HolidaysField({ value, onChange }: { value: string; onChange: (v: string) => void }) {
  const { t } = useI18n();
  return (
    <TextField
      label={t('dstand.holidays')}
      name="holidays"
      hint={t('dstand.holidaysHint')}
      value={value}
      onChange={onChange}
    />
  );
}

/** The judge records that a party brought an objection suit: when, by whom, its case number. */
export function RecordObjectionForm({ id, busy, act }: { id: string; busy: boolean; act: Act }) {
  const { t } = useI18n();
  const [filedAt, setFiledAt] = useState('');
  const [noticedOn, setNoticedOn] = useState('');
  const [holidays, setHolidays] = useState('');
  const [by, setBy] = useState<ObjectionParty>('provider');
  const [caseNumber, setCaseNumber] = useState('');
  const named = holidaysOf(holidays);
  const submit = useJudgeSigned(
    act,
    {
      filedAt,
      by,
      caseNumber: caseNumber.trim(),
      ...(noticedOn === '' ? {} : { noticedOn }),
      ...(named.length === 0 ? {} : { holidays: named }),
    },
    (body) => api.disclosureOrderObjectionPreview(id, body),
    (body) => api.recordDisclosureOrderObjection(id, body),
  );
  return (
    <ActionForm label={t('dstand.recordObjection')} onSubmit={submit} busy={busy} ready={filedAt !== ''}>
      <p className="hint">{t('dstand.recordHint')}</p>
      <InstantInput label={t('dstand.objectionFiledAt')} required value={filedAt} onChange={setFiledAt} />
      <TextField
        label={t('dstand.noticedOn')}
        name="noticedOn"
        type="date"
        hint={t('dstand.noticedOnHint')}
        value={noticedOn}
        onChange={setNoticedOn}
      />
      <HolidaysField value={holidays} onChange={setHolidays} />
      <SelectChoice
        label={t('dstand.objectionBy')}
        required
        options={OBJECTION_PARTIES}
        labels={OBJECTION_PARTY_LABELS}
        value={by}
        onChange={setBy}
      />
      <TextField
        label={t('dstand.objectionCaseNumber')}
        name="objectionCaseNumber"
        required
        value={caseNumber}
        onChange={setCaseNumber}
      />
    </ActionForm>
  );
}

/** The judge records how the suit ended: upheld, changed (with the new operative part) or set aside. */
export function RecordOutcomeForm({ id, busy, act }: { id: string; busy: boolean; act: Act }) {
  const { t } = useI18n();
  const [outcome, setOutcome] = useState<ObjectionOutcome>('upheld');
  const [decidedAt, setDecidedAt] = useState('');
  const [reason, setReason] = useState('');
  const [changedContent, setChangedContent] = useState('');
  const [ground, setGround] = useState<SetAsideGround | ''>('');
  const changed = outcome === 'changed' ? { changedContent: changedContent.trim() } : {};
  const why = outcome === 'set_aside' && ground !== '' ? { ground } : {};
  const submit = useJudgeSigned(
    act,
    { outcome, decidedAt, reason: reason.trim(), ...changed, ...why },
    (body) => api.disclosureOrderOutcomePreview(id, body),
    (body) => api.recordDisclosureOrderOutcome(id, body),
  );
  return (
    <ActionForm label={t('dstand.recordOutcome')} onSubmit={submit} busy={busy} ready={decidedAt !== ''}>
      <p className="hint">{t('dstand.recordHint')}</p>
      <SelectChoice
        label={t('dstand.outcome')}
        required
        options={OBJECTION_OUTCOMES}
        labels={OBJECTION_OUTCOME_LABELS}
        value={outcome}
        onChange={setOutcome}
      />
      <InstantInput label={t('dstand.outcomeAt')} required value={decidedAt} onChange={setDecidedAt} />
      <TextField
        label={t('dstand.outcomeReason')}
        name="outcomeReason"
        required
        multiline
        rows={3}
        value={reason}
        onChange={setReason}
      />
      {outcome === 'changed' && (
        <TextField
          label={t('dstand.changedContent')}
          name="changedContent"
          required
          multiline
          rows={3}
          value={changedContent}
          onChange={setChangedContent}
        />
      )}
      {outcome === 'set_aside' && (
        <SelectChoice
          label={t('dstand.ground')}
          hint={t('dstand.groundHint')}
          required
          none={t('dstand.groundNone')}
          options={SET_ASIDE_GROUNDS}
          labels={SET_ASIDE_GROUND_LABELS}
          value={ground}
          onChange={setGround}
        />
      )}
      {outcome === 'set_aside' && <p className="notice notice-warn">{t('dstand.setAsideWarning')}</p>}
    </ActionForm>
  );
}

/** The judge records that the month passed without an objection suit: the order is final. */
export function RecordFinalForm({ id, busy, act }: { id: string; busy: boolean; act: Act }) {
  const { t } = useI18n();
  const [finalAt, setFinalAt] = useState('');
  const [provider, setProvider] = useState('');
  const [claimant, setClaimant] = useState('');
  const [holidays, setHolidays] = useState('');
  const named = holidaysOf(holidays);
  const notices = [
    { name: 'noticedOnProvider', label: t('dstand.finalNoticedProvider'), value: provider, set: setProvider },
    { name: 'noticedOnClaimant', label: t('dstand.finalNoticedClaimant'), value: claimant, set: setClaimant },
  ];
  const submit = useJudgeSigned(
    act,
    { finalAt, noticedOn: { provider, claimant }, ...(named.length === 0 ? {} : { holidays: named }) },
    (body) => api.disclosureOrderFinalPreview(id, body),
    (body) => api.recordDisclosureOrderFinal(id, body),
  );
  return (
    <ActionForm
      label={t('dstand.recordFinal')}
      onSubmit={submit}
      busy={busy}
      ready={finalAt !== '' && provider !== '' && claimant !== ''}
    >
      <p className="hint">{t('dstand.recordHint')}</p>
      <InstantInput label={t('dstand.finalAt')} required value={finalAt} onChange={setFinalAt} />
      <p className="hint">{t('dstand.finalNoticedHint')}</p>
      {notices.map((d) => (
        <TextField key={d.name} label={d.label} name={d.name} type="date" required value={d.value} onChange={d.set} />
      ))}
      <HolidaysField value={holidays} onChange={setHolidays} />
    </ActionForm>
  );
}
