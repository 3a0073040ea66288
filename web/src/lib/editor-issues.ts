// The request editor's refusals placed on its fields: which input an API issue's path (`content.
// targets.0.address`) concerns, the input's own label for it (`対象 1 › IPアドレス`, not the generic
// `アドレス`), and whether the input still holds the value that was refused.
import type { Bilingual } from '#shokai/vocabulary';
import { messages } from '../i18n/dictionary.ts';
import { type FieldWords, fieldInWords, refusalIssueList } from './error-text.ts';
import type { TargetRow } from './targets.ts';

/** The editor's text fields an issue may name directly. */
const TOP = ['providerOrganisationId', 'caseReference', 'offence', 'facts', 'necessity', 'requestedBy'] as const;
type Top = (typeof TOP)[number];

/** The row field a target's part is typed in: its identifier (by type) in `value`, the others by name. */
const ROW_FIELDS: Readonly<Record<string, keyof TargetRow>> = {
  address: 'value',
  id: 'value',
  number: 'value',
  name: 'value',
  url: 'value',
  terminal: 'value',
  port: 'port',
  toleranceSeconds: 'tolerance',
  at: 'at',
  service: 'service',
  postId: 'postId',
  from: 'from',
  to: 'to',
};

const isTop = (s: string): s is Top => (TOP as readonly string[]).includes(s);

/** What of the editor's form (request-form.ts's Form) a refusal is placed on: its text fields and target rows. */
export type Form = Readonly<Record<Top, string>> & { readonly rows: readonly TargetRow[] };

/** A place in the form: a field of the form (`caseReference`) or of a target row (`row:<key>:value`). */
export function placeOf(path: string, f: Form): string | null {
  const p = path.replace(/^content\./, '');
  if (isTop(p)) return p;
  const m = /^targets\.(\d+)\.(\w+)$/.exec(p);
  const row = m ? f.rows[Number(m[1])] : undefined;
  const field = m ? ROW_FIELDS[m[2] as string] : undefined;
  return row && field ? `row:${row.key}:${field}` : null;
}

/** The value a place holds in `f` (undefined once its row is gone). */
function valueAt(f: Form, place: string): string | undefined {
  if (isTop(place)) return f[place];
  const [, key, field] = place.split(':');
  const row = f.rows.find((r) => r.key === key);
  return row ? row[field as keyof TargetRow] : undefined;
}

/** The editor's words for a path: a target's identifier by the label its row shows, the rest as fieldInWords. */
export function editorFieldWords(f: Form): FieldWords {
  return (path) => {
    const m = /^(?:content\.)?targets\.(\d+)\.(\w+)$/.exec(path);
    const row = m ? f.rows[Number(m[1])] : undefined;
    if (!m || !row || ROW_FIELDS[m[2] as string] !== 'value') return fieldInWords(path);
    const n = String(Number(m[1]) + 1);
    const target = messages['editor.targetN'];
    const label = messages[`target.value.${row.type}`];
    return {
      ja: `${target.ja.replace('{n}', n)} › ${label.ja}`,
      en: `${target.en.replace('{n}', n)} › ${label.en}`,
    };
  };
}

/** What the server refused, placed on the editor's fields, with the form as it was sent. */
export interface FieldRefusals {
  sent: Form;
  byPlace: ReadonlyMap<string, Bilingual>;
}

/**
 * A refusal's issues placed on the fields of `sent` (the first message for a place wins); a refusal
 * without issues (one a service made) is placed by its own field.
 */
export function fieldRefusals(
  refusal: { bilingual: Bilingual; details?: Record<string, unknown> | undefined },
  sent: Form,
): FieldRefusals {
  const byPlace = new Map<string, Bilingual>();
  const issues = refusalIssueList(refusal.details);
  const field = refusal.details?.field;
  if (issues.length === 0 && typeof field === 'string') issues.push({ field, message: refusal.bilingual });
  for (const issue of issues) {
    const place = placeOf(issue.field, sent);
    if (place && !byPlace.has(place)) byPlace.set(place, issue.message);
  }
  return { sent, byPlace };
}

/** The refusal of a place while the field still holds the value refused (typing anew clears it). */
export function refusalAt(r: FieldRefusals | null, f: Form, place: string): Bilingual | null {
  const message = r?.byPlace.get(place);
  if (!message || !r) return null;
  return valueAt(f, place) === valueAt(r.sent, place) ? message : null;
}
