// The connections a civil disclosure request to an access provider names (the second stage of 発信者情報
// 開示): each the IP address, the source port (needed where a carrier-grade NAT shares the address), the
// instant the post was sent with its offset, and a tolerance — the same fields and checks as an address
// target of an inquiry, so that the ISP can look its subscriber up as it does for a warrant.
import { targetValueProblem } from '#shokai/target-values';
import { useI18n } from '../i18n/i18n.tsx';
import { emptyRow, type TargetRow } from '../lib/targets.ts';
import { CheckedTextField, PortToleranceFields } from './checked-text-field.tsx';
import { InstantInput, Section } from './common.tsx';

/** The rows that hold an address (an empty row is the form's blank line, not a connection). */
export const filledConnections = (rows: readonly TargetRow[]): TargetRow[] => rows.filter((r) => r.value.trim());

export function ConnectionFields({
  rows,
  onChange,
  zone,
  onZoneChange,
  required,
}: {
  rows: TargetRow[];
  onChange: (rows: TargetRow[]) => void;
  zone: string;
  onZoneChange: (z: string) => void;
  /** The addressee is an access provider: at least one connection is needed. */
  required: boolean;
}) {
  const { t } = useI18n();
  const setRow = (key: string, patch: Partial<TargetRow>) =>
    onChange(rows.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const field = (r: TargetRow, k: 'value' | 'port' | 'tolerance' | 'at') => ({
    value: r[k],
    onChange: (v: string) => setRow(r.key, { [k]: v }),
  });
  const inRow = (i: number, name: string) => `${t('civilForm.connectionN', { n: i + 1 })} › ${name}`;
  return (
    <Section title={t('civilForm.connections')} id="connections">
      <p className="hint">{t(required ? 'civilForm.connectionsNeeded' : 'civilForm.connectionsHint')}</p>
      <ol className="targets" data-testid="civil-connections">
        {rows.map((r, i) => (
          <li key={r.key} className="target-row">
            <fieldset>
              <legend>{t('civilForm.connectionN', { n: i + 1 })}</legend>
              <div className="row-fields">
                <CheckedTextField
                  label={t('target.value.ip')}
                  issueLabel={inRow(i, t('target.value.ip'))}
                  required={required && i === 0}
                  check={(v) => targetValueProblem('ip', v)}
                  {...field(r, 'value')}
                />
                <PortToleranceFields issueLabel={(name) => inRow(i, name)} field={(k) => field(r, k)} />
              </div>
              <InstantInput
                key={`${r.key}-at`}
                label={t('civilForm.connectionAt')}
                required={r.value.trim() !== ''}
                {...field(r, 'at')}
                zone={zone}
                onZoneChange={onZoneChange}
                issueLabel={inRow(i, t('civilForm.connectionAt'))}
              />
              <button
                type="button"
                className="link danger"
                onClick={() => onChange(rows.filter((x) => x.key !== r.key))}
                disabled={rows.length === 1}
              >
                {t('civilForm.removeConnection', { n: i + 1 })}
              </button>
            </fieldset>
          </li>
        ))}
      </ol>
      <button type="button" className="secondary" onClick={() => onChange([...rows, emptyRow('ip')])}>
        {t('civilForm.addConnection')}
      </button>
    </Section>
  );
}
