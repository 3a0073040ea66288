// The court hears the parties before it grants a disclosure order (当事者の陳述聴取): what was heard, on the
// application's page for both sides (whose statement, when in the viewer's zone, how, a note, the judge who
// recorded it), and the judge's form to record a hearing. The order is issued only once the respondent
// (the provider) was heard; until then the page says so beside the steps. A record made by mistake is withdrawn
// by a judge of the court, with the reason, before the court decides: it stays on the page struck through, with
// who withdrew it, when and why, and no longer counts. Recording and withdrawing are signed with the judge's own
// passkey as the court's other acts are; each record shows the hub's verdict on its signature, checked when the
// page was read, and the digest signed, and only a record whose signature verifies counts for the order.
import { useState } from 'react';
import {
  HEARD_PARTIES,
  HEARD_PARTY_LABELS,
  HEARING_MANNER_LABELS,
  HEARING_MANNERS,
  type HeardParty,
  type HearingManner,
} from '#shokai/vocabulary';
import { api } from '../api/client.ts';
import type { DisclosureOrderApplication } from '../api/types.ts';
import type { MessageKey } from '../i18n/dictionary.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { ActionForm } from './action-form.tsx';
import { type Act, useApplicationStep, useJudgeSigned } from './application-steps.tsx';
import { SelectChoice } from './choices.tsx';
import { ErrorNotice, InstantInput, Section, TextField, TimeFact } from './common.tsx';
import { SignatureVerdictFact } from './signature-verdict.tsx';
import { WrittenText } from './written-text.tsx';

type Hearing = DisclosureOrderApplication['hearings'][number];
type HearingSignature = Hearing['signature'];

const SIGNATURE_TEXT: Record<HearingSignature['verdict'], MessageKey> = {
  verified: 'dord.heard.sig.verified',
  failed: 'dord.heard.sig.failed',
  unsigned: 'dord.heard.sig.unsigned',
  not_judge: 'dord.heard.sig.notJudge',
  not_in_log: 'dord.heard.sig.notInLog',
  copy: 'dord.heard.sig.copy',
};

/** A withdrawal's verdicts in its own words: whatever its signature, the record stays withdrawn and uncounted. */
const WITHDRAWAL_TEXT: Record<HearingSignature['verdict'], MessageKey> = {
  verified: 'dord.heard.sig.verified',
  failed: 'dord.heard.wsig.failed',
  unsigned: 'dord.heard.wsig.unsigned',
  not_judge: 'dord.heard.wsig.notJudge',
  not_in_log: 'dord.heard.wsig.notInLog',
  copy: 'dord.heard.sig.copy',
};

/** The judge's signature over a record or its withdrawal: the hub's verdict and the digest signed (`dl` children). */
function HearingSignatureFacts({
  label,
  sig,
  texts,
  testId,
}: {
  label: string;
  sig: HearingSignature;
  texts: Record<HearingSignature['verdict'], MessageKey>;
  testId: string;
}) {
  const { t } = useI18n();
  return (
    <>
      <SignatureVerdictFact label={label} verdict={sig.verdict} texts={texts} testId={testId} />
      <dt>{t('dord.heard.digest')}</dt>
      <dd>
        <code className="digest">{sig.digest}</code>
      </dd>
    </>
  );
}

/** The parties the court heard on the application, in the order heard; what is still missing, before it decides. */
export function HearingsPanel({ a, reload }: { a: DisclosureOrderApplication; reload: () => void }) {
  const { t, bi } = useI18n();
  const step = useApplicationStep(reload);
  const providerHeard = a.hearings.some(
    (h) => h.party === 'provider' && h.withdrawn === null && h.signature.verdict === 'verified',
  );
  const mayWithdraw = a.actions.includes('withdraw_hearing');
  return (
    <Section title={t('dord.heard.title')}>
      <div data-testid="order-hearings">
        {a.hearings.length === 0 && <p className="muted">{t('dord.heard.none')}</p>}
        {a.hearings.map((h) => (
          <div
            key={h.id}
            className={h.withdrawn ? 'hearing hearing-withdrawn' : 'hearing'}
            data-testid="order-hearing"
            data-withdrawn={h.withdrawn ? 'true' : 'false'}
          >
            <dl className="facts">
              <dt>{t('dord.heard.party')}</dt>
              <dd>{bi(HEARD_PARTY_LABELS[h.party])}</dd>
              <TimeFact label={t('dord.heard.at')} value={h.heardAt} />
              <dt>{t('dord.heard.manner')}</dt>
              <dd>{bi(HEARING_MANNER_LABELS[h.manner])}</dd>
              <dt>{t('dord.heard.note')}</dt>
              <dd>
                <WrittenText text={h.note} />
              </dd>
              <dt>{t('dord.heard.recordedBy')}</dt>
              <dd>{h.recordedBy.displayName}</dd>
              <HearingSignatureFacts
                label={t('dord.heard.signature')}
                sig={h.signature}
                texts={SIGNATURE_TEXT}
                testId="order-hearing-signature"
              />
            </dl>
            {h.withdrawn && (
              <div className="notice" data-testid="order-hearing-withdrawal">
                <p>
                  <strong>{t('dord.heard.withdrawn')}</strong>
                </p>
                <dl className="facts">
                  <dt>{t('dord.heard.withdrawnBy')}</dt>
                  <dd>{h.withdrawn.by.displayName}</dd>
                  <TimeFact label={t('dord.heard.withdrawnAt')} value={h.withdrawn.at} />
                  <dt>{t('dord.heard.withdrawReason')}</dt>
                  <dd>
                    <WrittenText text={h.withdrawn.reason} />
                  </dd>
                  <HearingSignatureFacts
                    label={t('dord.heard.withdrawSignature')}
                    sig={h.withdrawn.signature}
                    texts={WITHDRAWAL_TEXT}
                    testId="order-hearing-withdrawal-signature"
                  />
                </dl>
              </div>
            )}
            {mayWithdraw && !h.withdrawn && (
              <WithdrawHearingForm applicationId={a.id} hearingId={h.id} busy={step.busy} act={step.act} />
            )}
          </div>
        ))}
        <ErrorNotice error={step.error} />
        {a.state === 'filed' && a.side === 'court' && !providerHeard && (
          <p className="notice notice-warn" data-testid="order-hearing-missing">
            {t('dord.heard.needProvider')}
          </p>
        )}
      </div>
    </Section>
  );
}

/**
 * A judge withdraws one hearing recorded by mistake, saying why, signed with his own passkey; the record stays,
 * struck through.
 */
function WithdrawHearingForm({
  applicationId,
  hearingId,
  busy,
  act,
}: {
  applicationId: string;
  hearingId: string;
  busy: boolean;
  act: Act;
}) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const submit = useJudgeSigned(
    act,
    { reason: reason.trim() },
    (body) => api.disclosureOrderHearingWithdrawPreview(applicationId, hearingId, body),
    (body) => api.withdrawDisclosureOrderHearing(applicationId, hearingId, body),
  );
  return (
    <details className="hearing-withdraw">
      <summary>{t('dord.heard.withdraw')}</summary>
      <ActionForm label={t('dord.heard.withdrawSign')} onSubmit={submit} busy={busy} ready={reason.trim() !== ''}>
        <p className="hint">{t('dord.heard.withdrawIntro')}</p>
        <TextField
          label={t('dord.heard.withdrawReason')}
          name="withdrawReason"
          required
          multiline
          rows={2}
          value={reason}
          onChange={setReason}
        />
      </ActionForm>
    </details>
  );
}

/**
 * The judge records that a party was heard: who, when (in a zone he picks), how, and a short note, signed with
 * his own passkey over the previewed digest.
 */
export function RecordHearingForm({ id, busy, act }: { id: string; busy: boolean; act: Act }) {
  const { t } = useI18n();
  const [party, setParty] = useState<HeardParty>('provider');
  const [heardAt, setHeardAt] = useState('');
  const [manner, setManner] = useState<HearingManner>('in_writing');
  const [note, setNote] = useState('');
  const submit = useJudgeSigned(
    act,
    { party, heardAt, manner, note: note.trim() },
    (body) => api.disclosureOrderHearingPreview(id, body),
    (body) => api.recordDisclosureOrderHearing(id, body),
  );
  return (
    <ActionForm label={t('dord.heard.record')} onSubmit={submit} busy={busy} ready={heardAt !== ''}>
      <p className="hint">{t('dord.heard.recordIntro')}</p>
      <SelectChoice
        label={t('dord.heard.party')}
        required
        options={HEARD_PARTIES}
        labels={HEARD_PARTY_LABELS}
        value={party}
        onChange={setParty}
      />
      <InstantInput label={t('dord.heard.at')} required value={heardAt} onChange={setHeardAt} />
      <SelectChoice
        label={t('dord.heard.manner')}
        required
        options={HEARING_MANNERS}
        labels={HEARING_MANNER_LABELS}
        value={manner}
        onChange={setManner}
      />
      <TextField
        label={t('dord.heard.note')}
        name="hearingNote"
        required
        multiline
        rows={2}
        value={note}
        onChange={setNote}
      />
    </ActionForm>
  );
}
