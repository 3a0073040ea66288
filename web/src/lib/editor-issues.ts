// The request editor's refusals placed on its fields: which input an API issue's path (`content.
// targets.0.address`) concerns, the input's own label for it (`対象 1 › IPアドレス`, not the generic
// `アドレス`), and whether the input still holds the value that was refused.
import { type Bilingual, SUICIDE_NOTICE_CONDITIONS } from '#shokai/vocabulary';
import { messages } from '../i18n/dictionary.ts';
import { type FieldWords, fieldInWords, refusalIssueList } from './error-text.ts';
import type { TargetRow } from './targets.ts';

/** The editor's fields outside the target rows, by an issue's path after `content.`: the value each holds. */
const FIELDS: Readonly<Record<string, (f: Form) => string | undefined>> = {
  providerOrganisationId: (f) => f.providerOrganisationId,
  caseReference: (f) => f.caseReference,
  offence: (f) => f.offence,
  facts: (f) => f.facts,
  necessity: (f) => f.necessity,
  requestedBy: (f) => f.requestedBy,
  'warrant.courtOrganisationId': (f) => f.warrant?.courtOrganisationId,
  'warrant.warrantNumber': (f) => f.warrant?.warrantNumber,
  'warrant.issuedAt': (f) => f.warrant?.issuedAt,
  'warrant.validUntil': (f) => f.warrant?.validUntil,
  'warrant.attestation.keyId': (f) => f.warrant?.keyId,
  'warrant.attestation.signature': (f) => f.warrant?.signature,
  'preservation.days': (f) => f.preservationDays,
  'emergency.statement': (f) => f.statement,
  // A condition not affirmed: the refusal names the missing ones (details.missing), each its checkbox.
  ...Object.fromEntries(
    SUICIDE_NOTICE_CONDITIONS.map((c) => [`emergency.conditions.${c}`, (f: Form) => String(f.conditions?.[c])]),
  ),
  'confidentiality.basis': (f) => f.secrecy?.basis,
  'confidentiality.reason': (f) => f.secrecy?.reason,
  'civil.claimant': (f) => f.civil?.claimant,
  'civil.counsel': (f) => f.civil?.counsel,
  'civil.rightsInfringed': (f) => f.civil?.rightsInfringed,
  'civil.courtOrderReference': (f) => f.civil?.courtOrderReference,
  'cafe.storeName': (f) => f.cafeStoreName,
  'mlat.requestedCountry': (f) => f.mlat?.requestedCountry,
  'mlat.foreignAuthority': (f) => f.mlat?.foreignAuthority,
  'mlat.foreignProvider': (f) => f.mlat?.foreignProvider,
  'mlat.treaty': (f) => f.mlat?.treaty,
  'mlat.language': (f) => f.mlat?.language,
};

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

type Top = 'providerOrganisationId' | 'caseReference' | 'offence' | 'facts' | 'necessity' | 'requestedBy';

/**
 * What of the editor's form (request-form.ts's Form) a refusal is placed on: its text fields, its
 * target rows and the kind's block (which a form of one kind may leave out).
 */
export type Form = Readonly<Record<Top, string>> & { readonly rows: readonly TargetRow[] } & Partial<KindBlock>;

/** The kind's block as request-form.ts's Form holds it (only what a refusal may be placed on). */
type Texts<K extends string> = Readonly<Record<K, string>>;
interface KindBlock {
  readonly warrant: Texts<'courtOrganisationId' | 'warrantNumber' | 'issuedAt' | 'validUntil' | 'keyId' | 'signature'>;
  readonly preservationDays: string;
  readonly statement: string;
  readonly civil: Texts<'claimant' | 'counsel' | 'rightsInfringed' | 'courtOrderReference'>;
  readonly cafeStoreName: string;
  readonly mlat: Texts<'requestedCountry' | 'foreignAuthority' | 'foreignProvider' | 'treaty' | 'language'>;
  readonly conditions: Readonly<Record<(typeof SUICIDE_NOTICE_CONDITIONS)[number], boolean>>;
  readonly secrecy: Texts<'basis' | 'reason'>;
}

/** The place of a target row's field (`row:<key>:<field>`), as `placeOf` gives it and `valueAt` reads it. */
export const rowPlace = (key: string, field: string): string => `row:${key}:${field}`;

/**
 * A place in the form: a field outside the rows, by its path (`caseReference`, `warrant.warrantNumber`),
 * or a field of a target row (`row:<key>:value`).
 */
export function placeOf(path: string, f: Form): string | null {
  const p = path.replace(/^content\./, '');
  if (Object.hasOwn(FIELDS, p)) return p;
  const m = /^targets\.(\d+)\.(\w+)$/.exec(p);
  const row = m ? f.rows[Number(m[1])] : undefined;
  const field = m ? ROW_FIELDS[m[2] as string] : undefined;
  return row && field ? rowPlace(row.key, field) : null;
}

/** The value a place holds in `f` (undefined once its row is gone). */
function valueAt(f: Form, place: string): string | undefined {
  const own = Object.hasOwn(FIELDS, place) ? FIELDS[place] : undefined;
  if (own) return own(f);
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
  const missing = refusal.details?.missing;
  // A refusal of a group that names its missing members (an emergency's conditions) places each of them.
  const fields =
    typeof field !== 'string'
      ? []
      : Array.isArray(missing) && missing.length > 0
        ? missing.filter((m): m is string => typeof m === 'string').map((m) => `${field}.${m}`)
        : [field];
  if (issues.length === 0) for (const f of fields) issues.push({ field: f, message: refusal.bilingual });
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
