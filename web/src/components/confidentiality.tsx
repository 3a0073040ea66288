// Do-not-notify (秘匿): the editor's choice and the mark as every reader of the request sees it.
import {
  NON_DISCLOSURE_BASES,
  NON_DISCLOSURE_BASIS_LABELS,
  type NonDisclosureBasis,
  type RequestKind,
} from '#shokai/vocabulary';
import type { RequestContent } from '../api/types.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { RadioChoices, Section, TextField } from './common.tsx';
import { WrittenText } from './written-text.tsx';

export interface SecrecyForm {
  secret: boolean;
  basis: NonDisclosureBasis;
  reason: string;
}

/** The kinds that may carry the mark: criminal requests to a provider (a civil disclosure never). */
export const SECRECY_KINDS: readonly RequestKind[] = [
  'inquiry',
  'warrant',
  'preservation',
  'emergency',
  'cafe_records',
];

/** The basis that fits a kind by default: the statute for an inquiry or preservation, else secrecy. */
export function defaultBasis(kind: RequestKind): NonDisclosureBasis {
  return kind === 'inquiry' || kind === 'preservation' || kind === 'cafe_records'
    ? 'ccp_197_5'
    : 'investigation_secrecy';
}

/** The editor's choice; `fieldError` says what the server refused at its basis or reason (`confidentiality.reason`). */
export function SecrecySection({
  value,
  onChange,
  fieldError = () => null,
}: {
  value: SecrecyForm;
  onChange: (v: SecrecyForm) => void;
  fieldError?: (place: string) => string | null;
}) {
  const { t } = useI18n();
  return (
    <Section title={t('secrecy.title')}>
      <label className="check-line">
        <input
          type="checkbox"
          name="doNotNotify"
          checked={value.secret}
          onChange={(e) => onChange({ ...value, secret: e.target.checked })}
        />{' '}
        {t('secrecy.ask')}
      </label>
      {value.secret && (
        <>
          <RadioChoices
            legend={t('secrecy.basis')}
            name="secrecy-basis"
            options={NON_DISCLOSURE_BASES}
            labels={NON_DISCLOSURE_BASIS_LABELS}
            value={value.basis}
            onChange={(basis) => onChange({ ...value, basis })}
            error={fieldError('confidentiality.basis')}
          />
          <TextField
            label={t('secrecy.reason')}
            name="secrecyReason"
            required
            multiline
            rows={3}
            value={value.reason}
            onChange={(reason) => onChange({ ...value, reason })}
            error={fieldError('confidentiality.reason')}
          />
        </>
      )}
    </Section>
  );
}

/** The mark on a request, with its basis and reason, for the agency and the provider alike. */
export function SecrecyMark({ content }: { content: RequestContent }) {
  const { t, bi } = useI18n();
  const c = content.confidentiality;
  if (!c) return null;
  return (
    <div className="urgent-banner" data-testid="do-not-notify">
      <strong>{t('secrecy.title')}</strong>
      <p>{t('secrecy.marked')}</p>
      <p>
        {t('secrecy.basis')}: {bi(NON_DISCLOSURE_BASIS_LABELS[c.basis])}
      </p>
      <p>
        {t('secrecy.reason')}: <WrittenText text={c.reason} />
      </p>
    </div>
  );
}
