// The warrant a request carries, as the request editor and the next-request form take it, and its
// validity as a judge enters it and as the pages show it.
import { useI18n } from '../i18n/i18n.tsx';
import type { WarrantDraft } from '../lib/request-form.ts';
import { OrganisationSelect, WarrantTypeSelect } from './choices.tsx';
import { TextField, TimeFact } from './common.tsx';
import { InstantSpan } from './instant-input.tsx';

/**
 * The warrant's kind, issuing court, number, when it was issued and until when it is valid (in one
 * zone), and the court's key and signature over it.
 */
export function WarrantFields({
  w,
  onChange,
  courts,
  zone,
  onZoneChange,
  keyHint,
  filledFrom = '',
  fieldError = () => null,
}: {
  w: WarrantDraft;
  onChange: (patch: Partial<WarrantDraft>) => void;
  courts: ReadonlyArray<{ id: string; nameJa: string; nameEn: string }> | undefined;
  zone: string;
  onZoneChange: (zone: string) => void;
  keyHint?: string;
  /** What filled the fields (an issued warrant): when it changes, the instants are shown afresh. */
  filledFrom?: string;
  /** What the server refused at a field, by its path in the request (`warrant.warrantNumber`). */
  fieldError?: (place: string) => string | null;
}) {
  const { t } = useI18n();
  return (
    <>
      <WarrantTypeSelect value={w.type} onChange={(type) => onChange({ type })} />
      <OrganisationSelect
        label={t('warrant.court')}
        value={w.courtOrganisationId}
        onChange={(courtOrganisationId) => onChange({ courtOrganisationId })}
        organisations={courts}
        error={fieldError('warrant.courtOrganisationId')}
      />
      <TextField
        label={t('warrant.number')}
        required
        value={w.warrantNumber}
        onChange={(warrantNumber) => onChange({ warrantNumber })}
        error={fieldError('warrant.warrantNumber')}
      />
      <WarrantValidity
        issuedAt={w.issuedAt}
        validUntil={w.validUntil}
        onChange={onChange}
        zone={zone}
        onZoneChange={onZoneChange}
        filledFrom={filledFrom}
        errors={{ issuedAt: fieldError('warrant.issuedAt'), validUntil: fieldError('warrant.validUntil') }}
      />
      {filledFrom ? (
        // The issued warrant chosen carries the judge's signature: said in words, not shown as its key id
        // and signature value to copy or edit.
        <p className="hint" data-testid="warrant-attestation-carried">
          {t('warrant.attestationCarried')}
        </p>
      ) : (
        <>
          <TextField
            label={t('warrant.keyId')}
            required
            value={w.keyId}
            onChange={(keyId) => onChange({ keyId })}
            error={fieldError('warrant.attestation.keyId')}
            {...(keyHint ? { hint: keyHint } : {})}
          />
          <TextField
            label={t('warrant.signature')}
            required
            value={w.signature}
            onChange={(signature) => onChange({ signature })}
            error={fieldError('warrant.attestation.signature')}
          />
        </>
      )}
    </>
  );
}

/** When a warrant was issued and until when it is valid, both in one zone. */
export function WarrantValidity({
  issuedAt,
  validUntil,
  onChange,
  zone,
  onZoneChange,
  filledFrom = '',
  errors,
}: {
  issuedAt: string;
  validUntil: string;
  onChange: (patch: { issuedAt?: string; validUntil?: string }) => void;
  zone: string;
  onZoneChange: (zone: string) => void;
  /** What filled the fields: when it changes, the instants are shown afresh. */
  filledFrom?: string;
  /** What the server refused at either. */
  errors?: { issuedAt: string | null; validUntil: string | null };
}) {
  const { t } = useI18n();
  return (
    <InstantSpan
      from={{
        label: t('warrant.issuedAt'),
        value: issuedAt,
        onChange: (v) => onChange({ issuedAt: v }),
        error: errors?.issuedAt,
      }}
      until={{
        label: t('warrant.validUntil'),
        value: validUntil,
        onChange: (v) => onChange({ validUntil: v }),
        error: errors?.validUntil,
      }}
      zone={zone}
      onZoneChange={onZoneChange}
      filledFrom={filledFrom}
    />
  );
}

/** When a warrant was issued and until when it is valid, as two rows of a `dl.facts`. */
export function WarrantValidityFacts({ issuedAt, validUntil }: { issuedAt: string; validUntil: string }) {
  const { t } = useI18n();
  return (
    <>
      <TimeFact label={t('warrant.issuedAt')} value={issuedAt} />
      <TimeFact label={t('warrant.validUntil')} value={validUntil} />
    </>
  );
}
