// What a café answers with (answer-shape.ts): its member as the identity check registered them, and its records of
// the terminal's use — in place of a carrier's subscriber and access records.
import {
  type Bilingual,
  ID_DOCUMENT_KIND_LABELS,
  ID_DOCUMENT_KINDS,
  MEMBER_FIELD_LABELS,
  type MemberField,
  REQUIRED_MESSAGE,
} from '#shokai/vocabulary';
import type { AnswerItem } from '../api/types.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { answerFieldWords } from '../lib/answer-field-words.ts';
import { issueText } from '../lib/error-text.ts';
import { SelectChoice } from './choices.tsx';
import { InstantInput, TextField } from './common.tsx';

export type MemberForm = Record<MemberField, string>;
export interface UseRow {
  /** A key for React that stays with the row while it is edited. */
  key: string;
  terminal: string;
  from: string;
  to: string;
}

export const blankMember = (): MemberForm => ({
  memberNumber: '',
  name: '',
  nameKana: '',
  address: '',
  phone: '',
  idDocument: '',
  idCheckedAt: '',
});

let useRows = 0;
export function blankUseRow(): UseRow {
  useRows++;
  return { key: `use${useRows}`, terminal: '', from: '', to: '' };
}

const TEXT_FIELDS = ['memberNumber', 'name', 'nameKana', 'address', 'phone'] as const;

/** The member as the form sends it: only what was given; undefined when nothing was. */
export function memberOf(m: MemberForm): AnswerItem['member'] {
  const out: NonNullable<AnswerItem['member']> = {};
  for (const k of TEXT_FIELDS) if (m[k].trim()) out[k] = m[k].trim();
  const doc = ID_DOCUMENT_KINDS.find((d) => d === m.idDocument);
  if (doc) out.idDocument = doc;
  if (m.idCheckedAt) out.idCheckedAt = m.idCheckedAt;
  return Object.keys(out).length > 0 ? out : undefined;
}

/**
 * The uses the form sends for target `targetIndex`: a row left blank is not sent, one filled in part is said in
 * `half` (its terminal or its start missing), named by its row; `sentRows` gets the form's row of each sent.
 */
export function usesOf(
  rows: UseRow[],
  targetIndex: number,
  half: Bilingual[],
  sentRows: number[],
): NonNullable<AnswerItem['terminalUse']> {
  const out: NonNullable<AnswerItem['terminalUse']> = [];
  rows.forEach((r, j) => {
    if (!r.terminal.trim() && !r.from && !r.to) return;
    const words = answerFieldWords([{ targetIndex, logRows: [j] }], 'cafe');
    for (const [missing, field] of [
      [!r.terminal.trim(), 'terminal'],
      [!r.from, 'from'],
    ] as const) {
      if (missing) half.push(issueText(REQUIRED_MESSAGE, `items.0.terminalUse.0.${field}`, words));
    }
    if (!r.terminal.trim() || !r.from) return;
    sentRows.push(j);
    out.push({ terminal: r.terminal.trim(), from: r.from, ...(r.to ? { to: r.to } : {}) });
  });
  return out;
}

export function MemberFields({ value, onChange }: { value: MemberForm; onChange: (m: MemberForm) => void }) {
  const { t, bi } = useI18n();
  return (
    <fieldset className="answer-member">
      <legend>{t('answer.cafe.member')}</legend>
      <div className="grid2">
        {TEXT_FIELDS.map((k) => (
          <TextField
            key={k}
            label={bi(MEMBER_FIELD_LABELS[k])}
            value={value[k]}
            onChange={(v) => onChange({ ...value, [k]: v })}
          />
        ))}
        <SelectChoice
          label={bi(MEMBER_FIELD_LABELS.idDocument)}
          options={ID_DOCUMENT_KINDS}
          labels={ID_DOCUMENT_KIND_LABELS}
          none="—"
          value={ID_DOCUMENT_KINDS.find((d) => d === value.idDocument) ?? ''}
          onChange={(idDocument) => onChange({ ...value, idDocument })}
        />
        <InstantInput
          label={bi(MEMBER_FIELD_LABELS.idCheckedAt)}
          value={value.idCheckedAt}
          onChange={(idCheckedAt) => onChange({ ...value, idCheckedAt })}
        />
      </div>
    </fieldset>
  );
}

export function UseRows({
  rows,
  onChange,
  zone,
  onZoneChange,
}: {
  rows: UseRow[];
  onChange: (rows: UseRow[]) => void;
  zone: string;
  onZoneChange: (z: string) => void;
}) {
  const { t } = useI18n();
  const set = (j: number, patch: Partial<UseRow>) => onChange(rows.map((r, k) => (k === j ? { ...r, ...patch } : r)));
  return (
    <div className="log-rows">
      <h4>{t('answer.cafe.uses')}</h4>
      {rows.map((r, j) => (
        <div key={r.key} className="row-fields">
          <TextField
            label={t('answer.cafe.terminal')}
            value={r.terminal}
            onChange={(terminal) => set(j, { terminal })}
          />
          <InstantInput
            label={t('answer.cafe.useFrom', { n: j + 1 })}
            value={r.from}
            onChange={(from) => set(j, { from })}
            zone={zone}
            onZoneChange={onZoneChange}
          />
          <InstantInput
            label={t('answer.cafe.useTo', { n: j + 1 })}
            value={r.to}
            onChange={(to) => set(j, { to })}
            zone={zone}
            onZoneChange={onZoneChange}
          />
        </div>
      ))}
      <button type="button" className="secondary" onClick={() => onChange([...rows, blankUseRow()])}>
        {t('answer.cafe.addUse')}
      </button>
    </div>
  );
}
