// What each side does next with a warrant application: the unit head sends it signed with his passkey,
// the judge registers a passkey and attests it or declines it, the investigator drafts the request.
import { useState } from 'react';
import { api } from '../api/client.ts';
import type { WarrantApplication } from '../api/types.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { usePatchState } from '../lib/form-state.ts';
import { signIfPasskey, useRegisterPasskey } from '../lib/passkey.ts';
import { navigate } from '../lib/router.tsx';
import { viewerZone } from '../time/format.ts';
import { CheckedForm, SubmitButton } from './action-form.tsx';
import { type Act, NextSteps, NoteSteps, StepButton, useJudgeSigned, useOfferedSteps } from './application-steps.tsx';
import { ErrorNotice, TextField } from './common.tsx';
import { WarrantValidity } from './warrant-fields.tsx';

export function ApplicationActions({ a, reload }: { a: WarrantApplication; reload: () => void }) {
  const { t } = useI18n();
  const { busy, error, act, has } = useOfferedSteps(a.actions, reload);
  if (a.actions.length === 0) return null;
  return (
    <NextSteps error={error}>
      {has('submit') && (
        <StepButton
          label={t('wapp.submit')}
          busy={busy}
          onPress={() => act(() => api.submitWarrantApplication(a.id))}
        />
      )}
      {has('send') && (
        <StepButton
          label={t('wapp.send')}
          busy={busy}
          onPress={() =>
            act(async () => {
              const preview = await api.warrantApplicationSendPreview(a.id);
              const assertion = await signIfPasskey(preview.digest, preview.passkey);
              return api.sendWarrantApplication(a.id, {
                digest: preview.digest,
                ...(assertion ? { assertion: assertion as never } : {}),
              });
            })
          }
        />
      )}
      {has('attest') && <AttestForm a={a} busy={busy} act={act} />}
      {has('open_request') && (
        <StepButton
          label={t('wapp.openRequest')}
          busy={busy}
          onPress={() =>
            act(
              () => api.openWarrantRequest(a.id),
              (r) => navigate(`/requests/${(r as WarrantApplication).requestId ?? ''}`),
            )
          }
        />
      )}
      <NoteSteps
        noteLabel={t('wapp.note')}
        busy={busy}
        act={act}
        steps={[
          has('return') && { label: t('wapp.return'), send: (note) => api.returnWarrantApplication(a.id, note) },
          has('decline') && {
            label: t('wapp.decline'),
            send: (note) => api.declineWarrantApplication(a.id, note),
            warning: t('wapp.declineWarning'),
          },
          has('withdraw') && { label: t('wapp.withdraw'), send: (note) => api.withdrawWarrantApplication(a.id, note) },
        ]}
      />
    </NextSteps>
  );
}

/** A judge who has no passkey yet registers one here (the ceremony of the approval page). */
function RegisterPasskey() {
  const { t } = useI18n();
  const registration = useRegisterPasskey();
  const [error, setError] = useState<unknown>(null);
  const register = async () => {
    setError(null);
    try {
      await registration.register();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <div className="secondary-actions">
      <ErrorNotice error={error} />
      <p className="hint">{t('wapp.passkeyHint')}</p>
      {registration.registered ? (
        <p role="status">{registration.registered}</p>
      ) : (
        <button type="button" onClick={() => void register()}>
          {t('passkey.register')}
        </button>
      )}
    </div>
  );
}

/**
 * The judge issues the warrant: its number, issue time (never in the future) and validity, then his passkey.
 * A CheckedForm: while either time cannot be read, nothing is previewed or signed.
 */
function AttestForm({ a, busy, act }: { a: WarrantApplication; busy: boolean; act: Act }) {
  const { t } = useI18n();
  const [zone, setZone] = useState(viewerZone);
  const [number, setNumber] = useState('');
  const [validity, patchValidity] = usePatchState({ issuedAt: '', validUntil: '' });
  const submit = useJudgeSigned(
    act,
    { warrantNumber: number.trim(), ...validity },
    (body) => api.warrantApplicationAttestationPreview(a.id, body),
    (body) => api.attestWarrantApplication(a.id, body),
  );
  return (
    <CheckedForm onSubmit={submit} label={t('wapp.attest')} className="attest-form">
      <p className="hint">{t('wapp.attestIntro', { n: a.validDays })}</p>
      <TextField label={t('warrant.number')} required value={number} onChange={setNumber} />
      <WarrantValidity {...validity} onChange={patchValidity} zone={zone} onZoneChange={setZone} />
      <SubmitButton className="primary" busy={busy}>
        {t('wapp.attest')}
      </SubmitButton>
      <RegisterPasskey />
    </CheckedForm>
  );
}
