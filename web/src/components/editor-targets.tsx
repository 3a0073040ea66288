import { useState } from 'react';
import { targetValueProblem } from '#shokai/target-values';
import { TARGET_TYPE_LABELS, TARGET_TYPES } from '#shokai/vocabulary';
import type { api } from '../api/client.ts';
import type { MessageKey } from '../i18n/dictionary.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { rowPlace } from '../lib/editor-issues.ts';
import type { Form } from '../lib/request-form.ts';
import { emptyRow, type PasteResult, parseTargetList, type TargetRow } from '../lib/targets.ts';
import { AddresseeHint } from './addressee.tsx';
import { CheckedTextField, PortToleranceFields } from './checked-text-field.tsx';
import { SelectChoice } from './choices.tsx';
import { InstantInput, Section, TextField } from './common.tsx';
import { InstantSpan } from './instant-input.tsx';

/** A target row's fields that hold text. */
type RowText = Exclude<keyof TargetRow, 'key' | 'type'>;

type Provider = Awaited<ReturnType<typeof api.organisations>>['items'][number];

/** The targets of a request: typed one by one, or pasted as a list read in the chosen zone. */
export function TargetsSection({
  f,
  setF,
  zone,
  setZone,
  chosenProvider,
  fieldError,
}: {
  f: Form;
  setF: (fn: (f: Form) => Form) => void;
  zone: string;
  setZone: (z: string) => void;
  chosenProvider: Provider | null;
  /** What the server refused at a row's field (`row:<key>:value`), while the field still holds it. */
  fieldError: (place: string) => string | null;
}) {
  const { t, bi, locale } = useI18n();
  const [paste, setPaste] = useState('');
  const [pasteErrors, setPasteErrors] = useState<PasteResult['errors']>([]);
  const set = <K extends keyof Form>(k: K, v: Form[K]) => setF((old) => ({ ...old, [k]: v }));
  const setRow = (key: string, patch: Partial<TargetRow>) =>
    setF((old) => ({ ...old, rows: old.rows.map((r) => (r.key === key ? { ...r, ...patch } : r)) }));
  /** A row's text field: its value, its change and what the server refused there, from the field's name once. */
  const rowField = (r: TargetRow, field: RowText) => ({
    value: r[field],
    onChange: (v: string) => setRow(r.key, { [field]: v }),
    error: fieldError(rowPlace(r.key, field)),
  });
  /** A field of target `i` as a list of the form's problems names it (`対象 1 › 日時`). */
  const inTarget = (i: number, field: string) => `${t('editor.targetN', { n: i + 1 })} › ${field}`;
  const applyPaste = () => {
    const { rows, errors } = parseTargetList(paste, zone);
    setPasteErrors(errors);
    if (rows.length > 0) {
      setF((old) => ({ ...old, rows: [...old.rows.filter((r) => r.value.trim() !== ''), ...rows] }));
      if (errors.length === 0) setPaste('');
    }
  };
  return (
    <Section title={t('editor.targets', { n: f.rows.length })} id="targets">
      <ol className="targets">
        {f.rows.map((r, i) => (
          <li key={r.key} className="target-row">
            <fieldset>
              <legend>{t('editor.targetN', { n: i + 1 })}</legend>
              <div className="row-fields">
                <SelectChoice
                  label={t('editor.targetType')}
                  options={TARGET_TYPES}
                  labels={TARGET_TYPE_LABELS}
                  value={r.type}
                  onChange={(type) => setRow(r.key, { type })}
                />
                <CheckedTextField
                  label={t(`target.value.${r.type}` as MessageKey)}
                  issueLabel={inTarget(i, t(`target.value.${r.type}` as MessageKey))}
                  required
                  check={(v) => targetValueProblem(r.type, v)}
                  {...rowField(r, 'value')}
                />
                {r.type === 'ip' && (
                  <PortToleranceFields issueLabel={(name) => inTarget(i, name)} field={(k) => rowField(r, k)} />
                )}
                {r.type === 'account' && <TextField label={t('target.service')} {...rowField(r, 'service')} />}
                {r.type === 'url' && <TextField label={t('target.postId')} {...rowField(r, 'postId')} />}
              </div>
              {r.type === 'ip' && f.kind !== 'mlat' && (
                <AddresseeHint
                  address={r.value}
                  port={r.port}
                  at={r.at}
                  providerId={f.providerOrganisationId}
                  providerName={
                    chosenProvider ? (locale === 'ja' ? chosenProvider.nameJa : chosenProvider.nameEn) : null
                  }
                  providerIsAccess={
                    chosenProvider !== null &&
                    (chosenProvider.isTelecomCarrier ||
                      ['isp', 'mobile', 'cafe'].includes(chosenProvider.providerCategory ?? ''))
                  }
                  onChoose={(orgId) => set('providerOrganisationId', orgId)}
                />
              )}
              {r.type === 'ip' && (
                <InstantInput
                  key={`${r.key}-at`}
                  label={t('target.at')}
                  required
                  {...rowField(r, 'at')}
                  zone={zone}
                  onZoneChange={setZone}
                  issueLabel={inTarget(i, t('target.at'))}
                />
              )}
              {r.type === 'terminal' && (
                <div className="row-fields">
                  <InstantSpan
                    from={{
                      label: t('target.from'),
                      ...rowField(r, 'from'),
                      issueLabel: inTarget(i, t('target.from')),
                    }}
                    until={{
                      label: t('target.to'),
                      ...rowField(r, 'to'),
                      issueLabel: inTarget(i, t('target.to')),
                    }}
                    zone={zone}
                    onZoneChange={setZone}
                    filledFrom={r.key}
                  />
                </div>
              )}
              <button
                type="button"
                className="link danger"
                onClick={() => setF((old) => ({ ...old, rows: old.rows.filter((x) => x.key !== r.key) }))}
                disabled={f.rows.length === 1}
              >
                {t('editor.removeTarget', { n: i + 1 })}
              </button>
            </fieldset>
          </li>
        ))}
      </ol>
      <button
        type="button"
        className="secondary"
        onClick={() => setF((old) => ({ ...old, rows: [...old.rows, emptyRow(old.rows.at(-1)?.type ?? 'ip')] }))}
      >
        {t('editor.addTarget')}
      </button>
      <details className="paste">
        <summary>{t('editor.pasteTitle')}</summary>
        <TextField
          label={t('editor.pasteLabel')}
          multiline
          rows={5}
          value={paste}
          onChange={setPaste}
          hint={t('editor.pasteHint', { zone })}
          name="paste"
        />
        <button type="button" className="secondary" onClick={applyPaste} disabled={!paste.trim()}>
          {t('editor.pasteApply')}
        </button>
        {pasteErrors.length > 0 && (
          <div className="notice notice-warn" role="alert">
            {t('editor.pasteErrors')}
            <ul>
              {pasteErrors.map((e) => (
                <li key={e.line}>
                  {t('editor.line', { n: e.line })}: <code>{e.text}</code>
                  {e.problem ? ` — ${bi(e.problem)}` : ''}
                </li>
              ))}
            </ul>
          </div>
        )}
      </details>
    </Section>
  );
}
