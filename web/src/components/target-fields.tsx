// The fields a warrant form asks the way the request editor does: the targets pasted one per line (read
// in the form's zone, each shown as read, lines not read named) and the data categories asked for.
import { DATA_CATEGORIES, DATA_CATEGORY_LABELS } from '#shokai/vocabulary';
import type { DataCategory } from '../api/types.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { type PasteResult, targetFromRow } from '../lib/targets.ts';
import { Checks } from './checks.tsx';
import { TextField } from './common.tsx';
import { TargetText } from './content-view.tsx';

export function PastedTargets(props: {
  value: string;
  onChange: (v: string) => void;
  zone: string;
  /** `value` as parseTargetList read it in `zone`. */
  parsed: PasteResult;
  testId?: string;
}) {
  const { t } = useI18n();
  return (
    <>
      <TextField
        label={t('editor.pasteLabel')}
        multiline
        rows={4}
        value={props.value}
        onChange={props.onChange}
        hint={t('editor.pasteHint', { zone: props.zone })}
      />
      {props.parsed.rows.length > 0 && (
        <ol data-testid={props.testId}>
          {props.parsed.rows.map((r) => (
            <li key={r.key}>
              <TargetText target={targetFromRow(r)} />
            </li>
          ))}
        </ol>
      )}
      {props.parsed.errors.length > 0 && (
        <p className="field-error">
          {t('editor.pasteErrors')} {props.parsed.errors.map((e) => e.line).join(', ')}
        </p>
      )}
    </>
  );
}

/** The data categories asked for, kept in the vocabulary's order. */
export function CategoryChecks(props: {
  value: DataCategory[];
  onChange: (update: (categories: DataCategory[]) => DataCategory[]) => void;
}) {
  const { t } = useI18n();
  return (
    <Checks
      legend={t('editor.categories')}
      options={DATA_CATEGORIES}
      labels={DATA_CATEGORY_LABELS}
      value={props.value}
      onToggle={(c, on) =>
        props.onChange((cs) =>
          on ? DATA_CATEGORIES.filter((x) => x === c || cs.includes(x)) : cs.filter((x) => x !== c),
        )
      }
    />
  );
}
