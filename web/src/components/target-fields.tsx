// The fields a warrant form asks the way the request editor does: the targets pasted one per line (read
// in the form's zone, each shown as read, lines not read named) and the data categories asked for.
import { useContext, useEffect, useId } from 'react';
import { type Bilingual, DATA_CATEGORIES, DATA_CATEGORY_LABELS } from '#shokai/vocabulary';
import type { DataCategory } from '../api/types.ts';
import { messages } from '../i18n/dictionary.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { type PasteResult, quotedLine, targetFromRow } from '../lib/targets.ts';
import { TypedProblems } from '../lib/typed-problems.ts';
import { Checks } from './checks.tsx';
import { TextField } from './common.tsx';
import { TargetText } from './content-view.tsx';

/**
 * The targets pasted one per line, each shown as read. A line it cannot read is named under the field
 * (its number and text, the field marked invalid and described by it) and reported to the form, as a
 * time field reports a time (lib/typed-problems.ts): a CheckedForm sends nothing while one is left —
 * never the list without it — and lists each (`対象 3 行目: "…" は対象として読み取れません（…）`).
 */
export function PastedTargets(props: {
  value: string;
  onChange: (v: string) => void;
  zone: string;
  /** `value` as parseTargetList read it in `zone`. */
  parsed: PasteResult;
  testId?: string;
}) {
  const { t, bi, listText, locale } = useI18n();
  const id = useId();
  const report = useContext(TypedProblems);
  const { errors } = props.parsed;
  // The lines not read, as a value the effect can compare (the parse is a new object every render).
  const unread = JSON.stringify(errors.map((e) => [e.line, quotedLine(e.text), e.problem ?? null]));
  const named = listText(
    errors.map(
      (e) => `${t('editor.line', { n: e.line })} ${quotedLine(e.text)}${e.problem ? `（${bi(e.problem)}）` : ''}`,
    ),
  );
  useEffect(() => {
    if (!report) return;
    const why = messages['editor.pasteUnreadLine'];
    const keys = (JSON.parse(unread) as Array<[number, string, Bilingual | null]>).map(([n, text, problem]) => {
      const key = `${id}:${n}`;
      report(key, {
        // The field's name in the viewer's language, as a time field's label is (reported anew on a switch).
        label: messages['editor.pasteLine'][locale].replaceAll('{n}', String(n)),
        // A line read as a target the request would refuse says why; one not read, that it was not.
        // (A function, so that a `$&` pasted is not read as a replacement pattern.)
        problem: problem ?? {
          ja: why.ja.replaceAll('{text}', () => text),
          en: why.en.replaceAll('{text}', () => text),
        },
        inputId: id,
      });
      return key;
    });
    return () => {
      for (const key of keys) report(key, null);
    };
  }, [report, id, unread, locale]);
  return (
    <>
      <TextField
        id={id}
        label={t('editor.pasteLabel')}
        multiline
        rows={4}
        value={props.value}
        onChange={props.onChange}
        hint={t('editor.pasteHint', { zone: props.zone })}
        error={errors.length > 0 ? `${t('editor.pasteErrors')} ${named}` : null}
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
