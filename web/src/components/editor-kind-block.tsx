import { useId } from 'react';
import {
  EMERGENCY_BASIS_LABELS,
  MLAT_ASSISTANCE,
  MLAT_ASSISTANCE_LABELS,
  MLAT_HOP_LABELS,
  MLAT_TREATIES,
  MLAT_TREATY_LABELS,
  SUICIDE_NOTICE_CONDITION_LABELS,
  SUICIDE_NOTICE_CONDITIONS,
} from '#shokai/vocabulary';
import { useI18n } from '../i18n/i18n.tsx';
import { fieldPatcher, partTextBinder } from '../lib/form-state.ts';
import type { Form } from '../lib/request-form.ts';
import { Select, SelectChoice } from './choices.tsx';
import { RadioChoices, Section, TextField } from './common.tsx';
import { WarrantFields } from './warrant-fields.tsx';

export function KindBlock({
  f,
  setF,
  zone,
  setZone,
  courts,
  fieldError,
}: {
  f: Form;
  setF: (fn: (f: Form) => Form) => void;
  zone: string;
  setZone: (z: string) => void;
  courts: { id: string; nameJa: string; nameEn: string }[];
  /** What the server refused at a field of the block (`civil.claimant`), while the field still holds it. */
  fieldError: (place: string) => string | null;
}) {
  const { t, bi } = useI18n();
  const id = useId();
  // A refusal names the conditions not affirmed: each is marked, all described by the one message.
  const conditionError = (c: (typeof SUICIDE_NOTICE_CONDITIONS)[number]) => fieldError(`emergency.conditions.${c}`);
  const conditionsError = SUICIDE_NOTICE_CONDITIONS.map(conditionError).find(Boolean) ?? null;
  switch (f.kind) {
    case 'warrant': {
      return (
        <Section title={t('editor.warrant')}>
          <WarrantFields
            w={f.warrant}
            onChange={fieldPatcher(setF, 'warrant')}
            courts={courts}
            zone={zone}
            onZoneChange={setZone}
            keyHint={t('warrant.attestHint')}
            fieldError={fieldError}
          />
        </Section>
      );
    }
    case 'preservation':
      return (
        <Section title={t('editor.preservation')}>
          <TextField
            label={t('preservation.days')}
            inputMode="numeric"
            required
            value={f.preservationDays}
            onChange={(v) => setF((o) => ({ ...o, preservationDays: v }))}
            hint={t('preservation.hint')}
            error={fieldError('preservation.days')}
          />
        </Section>
      );
    case 'emergency':
      return (
        <Section title={t('editor.emergency')}>
          <RadioChoices
            legend={t('emergency.basis')}
            name="emergency-basis"
            options={['suicide_notice', 'threat_to_life'] as const}
            labels={EMERGENCY_BASIS_LABELS}
            value={f.emergencyBasis}
            onChange={(b) => setF((o) => ({ ...o, emergencyBasis: b }))}
          />
          {f.emergencyBasis === 'suicide_notice' && (
            <fieldset className="checks">
              <legend>{t('emergency.conditions')}</legend>
              {SUICIDE_NOTICE_CONDITIONS.map((c) => (
                <label key={c}>
                  <input
                    type="checkbox"
                    name={`condition-${c}`}
                    checked={f.conditions[c]}
                    aria-invalid={conditionError(c) ? true : undefined}
                    aria-describedby={conditionError(c) ? `${id}-conditions` : undefined}
                    onChange={(e) => setF((o) => ({ ...o, conditions: { ...o.conditions, [c]: e.target.checked } }))}
                  />{' '}
                  {bi(SUICIDE_NOTICE_CONDITION_LABELS[c])}
                </label>
              ))}
              {conditionsError ? (
                <p className="field-error" id={`${id}-conditions`}>
                  {conditionsError}
                </p>
              ) : (
                SUICIDE_NOTICE_CONDITIONS.some((c) => !f.conditions[c]) && (
                  <p className="field-error">{t('emergency.allFour')}</p>
                )
              )}
            </fieldset>
          )}
          <TextField
            label={t('emergency.statement')}
            required
            multiline
            rows={4}
            value={f.statement}
            onChange={(v) => setF((o) => ({ ...o, statement: v }))}
            error={fieldError('emergency.statement')}
          />
        </Section>
      );
    case 'civil_disclosure': {
      const civil = partTextBinder(f, setF, 'civil', fieldError);
      return (
        <Section title={t('editor.civil')}>
          <TextField label={t('civil.claimant')} required {...civil('claimant')} />
          <TextField label={t('civil.counsel')} required {...civil('counsel')} />
          <TextField label={t('civil.rights')} required multiline rows={3} {...civil('rightsInfringed')} />
          <TextField label={t('civil.courtOrder')} {...civil('courtOrderReference')} />
        </Section>
      );
    }
    case 'cafe_records':
      return (
        <Section title={t('editor.cafe')}>
          <TextField
            label={t('cafe.storeName')}
            value={f.cafeStoreName}
            onChange={(v) => setF((o) => ({ ...o, cafeStoreName: v }))}
            hint={t('cafe.hint')}
            error={fieldError('cafe.storeName')}
          />
        </Section>
      );
    case 'mlat': {
      const setM = fieldPatcher(setF, 'mlat');
      const mlat = partTextBinder(f, setF, 'mlat', fieldError);
      return (
        <Section title={t('editor.mlat')}>
          <TextField label={t('mlat.country')} required hint={t('mlat.countryHint')} {...mlat('requestedCountry')} />
          <TextField label={t('mlat.authority')} required {...mlat('foreignAuthority')} />
          <TextField label={t('mlat.provider')} {...mlat('foreignProvider')} />
          <Select
            label={`${t('mlat.treaty')} *`}
            required
            none={t('mlat.chooseTreaty')}
            options={MLAT_TREATIES.map((k) => ({ value: k, text: bi(MLAT_TREATY_LABELS[k]) }))}
            value={f.mlat.treaty}
            onChange={(treaty) => setM({ treaty })}
            error={fieldError('mlat.treaty')}
          />
          <SelectChoice
            label={t('mlat.assistance')}
            options={MLAT_ASSISTANCE}
            labels={MLAT_ASSISTANCE_LABELS}
            value={f.mlat.assistance}
            onChange={(assistance) => setM({ assistance })}
          />
          <SelectChoice<'npa' | 'moj'>
            label={t('mlat.central')}
            none={t('mlat.centralDefault')}
            options={['npa', 'moj']}
            labels={MLAT_HOP_LABELS}
            value={f.mlat.centralAuthority}
            onChange={(centralAuthority: Form['mlat']['centralAuthority']) => setM({ centralAuthority })}
          />
          <TextField label={t('mlat.language')} required {...mlat('language')} />
        </Section>
      );
    }
    default:
      return null;
  }
}
