import { useState } from 'react';
import type { WarrantType } from '#shokai/vocabulary';
import { api } from '../api/client.ts';
import type { DataCategory } from '../api/types.ts';
import { CheckedForm, SubmitButton } from '../components/action-form.tsx';
import { OrganisationSelect, WarrantTypeSelect } from '../components/choices.tsx';
import { Section, TextField } from '../components/common.tsx';
import { CategoryChecks, PastedTargets } from '../components/target-fields.tsx';
import { WarrantValidity } from '../components/warrant-fields.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { usePatchState } from '../lib/form-state.ts';
import { signIfPasskey } from '../lib/passkey.ts';
import { parseTargetList, targetFromRow } from '../lib/targets.ts';
import { useAction } from '../lib/use-action.ts';
import { useAsync } from '../lib/use-async.ts';
import { viewerZone } from '../time/format.ts';

/**
 * A judge attests a warrant electronically: the court's signature the provider verifies. A CheckedForm:
 * while the issue time, the validity or a pasted target line cannot be read, nothing is previewed or signed.
 */
export function WarrantAttestPage() {
  const { t } = useI18n();
  const agencies = useAsync(() => api.organisations('agency').then((r) => r.items), []);
  const providers = useAsync(() => api.organisations('provider').then((r) => r.items), []);
  const [zone, setZone] = useState(viewerZone);
  const [type, setType] = useState<WarrantType>('seizure');
  const [warrantNumber, setWarrantNumber] = useState('');
  const [agency, setAgency] = useState('');
  const [provider, setProvider] = useState('');
  const [targets, setTargets] = useState('');
  const [categories, setCategories] = useState<DataCategory[]>(['subscriber']);
  const [validity, patchValidity] = usePatchState({ issuedAt: '', validUntil: '' });
  const { busy, error, submit } = useAction();
  const [result, setResult] = useState<{ keyId: string; signature: string } | null>(null);
  const parsed = parseTargetList(targets, zone);

  const attest = submit(async () => {
    setResult(null);
    const body = {
      warrantNumber: warrantNumber.trim(),
      type,
      agencyOrganisationId: agency,
      providerOrganisationId: provider,
      targets: parsed.rows.map(targetFromRow) as never,
      categories,
      ...validity,
    };
    // A judge with a registered passkey signs the attestation digest on their own device.
    const preview = await api.attestationPreview(body);
    const assertion = await signIfPasskey(preview.digest, preview.passkey);
    const r = await api.attestWarrant({ ...body, ...(assertion ? { assertion: assertion as never } : {}) });
    setResult(r);
  });
  return (
    <div>
      <h1>{t('attest.title')}</h1>
      <p className="hint">{t('attest.intro')}</p>
      <CheckedForm onSubmit={attest} label={t('attest.title')} error={error}>
        <WarrantTypeSelect value={type} onChange={setType} />
        <TextField label={t('warrant.number')} required value={warrantNumber} onChange={setWarrantNumber} />
        <OrganisationSelect label={t('col.agency')} value={agency} onChange={setAgency} organisations={agencies.data} />
        <OrganisationSelect
          label={t('editor.provider')}
          value={provider}
          onChange={setProvider}
          organisations={providers.data}
        />
        <PastedTargets value={targets} onChange={setTargets} zone={zone} parsed={parsed} />
        <CategoryChecks value={categories} onChange={setCategories} />
        <WarrantValidity {...validity} onChange={patchValidity} zone={zone} onZoneChange={setZone} />
        <SubmitButton className="primary" busy={busy}>
          {t('attest.submit')}
        </SubmitButton>
      </CheckedForm>
      {result && (
        <Section title={t('attest.result')}>
          <dl className="facts">
            <dt>{t('warrant.keyId')}</dt>
            <dd>
              <code className="break" data-testid="attest-key">
                {result.keyId}
              </code>
            </dd>
            <dt>{t('warrant.signature')}</dt>
            <dd>
              <code className="break" data-testid="attest-signature">
                {result.signature}
              </code>
            </dd>
          </dl>
        </Section>
      )}
    </div>
  );
}
