import { type FormEvent, useState } from 'react';
import { WARRANT_TYPE_LABELS, WARRANT_TYPES, type WarrantType } from '#shokai/vocabulary';
import { api } from '../api/client.ts';
import type { DataCategory } from '../api/types.ts';
import { ErrorNotice, Field, InstantInput, Section, TextField } from '../components/common.tsx';
import { CategoryChecks, PastedTargets } from '../components/target-fields.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { signDigest } from '../lib/passkey.ts';
import { parseTargetList, targetFromRow } from '../lib/targets.ts';
import { useAsync } from '../lib/use-async.ts';

/** A judge attests a warrant electronically: the court's signature the provider verifies. */
export function WarrantAttestPage() {
  const { t, bi, locale } = useI18n();
  const agencies = useAsync(() => api.organisations('agency').then((r) => r.items), []);
  const providers = useAsync(() => api.organisations('provider').then((r) => r.items), []);
  const [zone, setZone] = useState('Asia/Tokyo');
  const [type, setType] = useState<WarrantType>('seizure');
  const [warrantNumber, setWarrantNumber] = useState('');
  const [agency, setAgency] = useState('');
  const [provider, setProvider] = useState('');
  const [targets, setTargets] = useState('');
  const [categories, setCategories] = useState<DataCategory[]>(['subscriber']);
  const [issuedAt, setIssuedAt] = useState('');
  const [validUntil, setValidUntil] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<{ keyId: string; signature: string } | null>(null);
  const parsed = parseTargetList(targets, zone);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setResult(null);
    try {
      const body = {
        warrantNumber: warrantNumber.trim(),
        type,
        agencyOrganisationId: agency,
        providerOrganisationId: provider,
        targets: parsed.rows.map(targetFromRow) as never,
        categories,
        issuedAt,
        validUntil,
      };
      // A judge with a registered passkey signs the attestation digest on their own device.
      const preview = await api.attestationPreview(body);
      const assertion = preview.passkey ? await signDigest(preview.digest, preview.passkey) : undefined;
      const r = await api.attestWarrant({ ...body, ...(assertion ? { assertion: assertion as never } : {}) });
      setResult(r);
    } catch (err) {
      setError(err);
    }
  };
  return (
    <div>
      <h1>{t('attest.title')}</h1>
      <p className="hint">{t('attest.intro')}</p>
      <form onSubmit={(e) => void submit(e)} aria-label={t('attest.title')}>
        <ErrorNotice error={error} />
        <Field label={t('warrant.type')}>
          {(id) => (
            <select id={id} value={type} onChange={(e) => setType(e.target.value as WarrantType)}>
              {WARRANT_TYPES.map((x) => (
                <option key={x} value={x}>
                  {bi(WARRANT_TYPE_LABELS[x])}
                </option>
              ))}
            </select>
          )}
        </Field>
        <TextField label={t('warrant.number')} required value={warrantNumber} onChange={setWarrantNumber} />
        <Field label={`${t('col.agency')} *`}>
          {(id) => (
            <select id={id} value={agency} onChange={(e) => setAgency(e.target.value)}>
              <option value="">{t('editor.choose')}</option>
              {(agencies.data ?? []).map((o) => (
                <option key={o.id} value={o.id}>
                  {locale === 'ja' ? o.nameJa : o.nameEn}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={`${t('editor.provider')} *`}>
          {(id) => (
            <select id={id} value={provider} onChange={(e) => setProvider(e.target.value)}>
              <option value="">{t('editor.choose')}</option>
              {(providers.data ?? []).map((o) => (
                <option key={o.id} value={o.id}>
                  {locale === 'ja' ? o.nameJa : o.nameEn}
                </option>
              ))}
            </select>
          )}
        </Field>
        <PastedTargets value={targets} onChange={setTargets} zone={zone} parsed={parsed} />
        <CategoryChecks value={categories} onChange={setCategories} />
        <InstantInput
          label={t('warrant.issuedAt')}
          required
          value={issuedAt}
          onChange={setIssuedAt}
          zone={zone}
          onZoneChange={setZone}
        />
        <InstantInput
          label={t('warrant.validUntil')}
          required
          value={validUntil}
          onChange={setValidUntil}
          zone={zone}
          onZoneChange={setZone}
        />
        <button type="submit" className="primary">
          {t('attest.submit')}
        </button>
      </form>
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
