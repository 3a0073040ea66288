import { z } from 'zod';
import { sha256Hex } from '../crypto/canonical.ts';
import { listScope, type Principal } from '../domain/access.ts';
import { csvText } from '../domain/csv.ts';
import { InstantSchema, periodInUtc, ZoneSchema } from '../domain/instant.ts';
import type { RequestContent } from '../domain/request-content.ts';
import { formatIsoInZone, JAPAN_ZONE } from '../domain/time.ts';
import { FileLanguage, parseOrThrow } from '../domain/validation.ts';
import {
  type Bilingual,
  type Locale,
  REQUEST_KIND_LABELS,
  REQUEST_STATE_LABELS,
  SEARCH_SORTS,
} from '../domain/vocabulary.ts';
import type { UnitOfWork } from '../kernel/unit-of-work.ts';
import type { RequestRow } from '../store/schema.ts';
import type { RequestSummary } from './read-models.ts';
import { toSummaries } from './reads.ts';
import { searchRequestRows } from './search.queries.ts';

// Free-text search over the requests a person may see (the list scope of src/domain/access.ts): the
// reference, the case reference, the identifiers asked about and the parties' names, with filters by
// provider and date, a sort order, and a CSV export. The oversight body, who reads metadata only,
// searches the reference and the parties — never the content.

export const SearchInput = z.strictObject({
  /** Words that must all appear (case-insensitive); empty lists everything in scope. */
  q: z.string().max(200).default(''),
  providerId: z.string().trim().min(1).max(200).optional(),
  /** The request's date (issued, or created while still a draft) from this instant (inclusive)… */
  from: InstantSchema.optional(),
  /** …to this one (exclusive). */
  to: InstantSchema.optional(),
  sort: z.enum(SEARCH_SORTS).default('updated_desc'),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

/** How many rows the coarse SQL match may hand to the precise one. */
const CANDIDATES = 2000;

export interface SearchResult {
  items: RequestSummary[];
  /** More requests matched than were returned: narrow the search. */
  truncated: boolean;
}

/** The text a word is looked for in: what the viewer may read of the request, lower-cased. */
function haystack(s: RequestSummary, row: RequestRow, content: boolean): string {
  const names = [s.agency, s.unit, ...(s.provider ? [s.provider] : [])].flatMap((n) => [n.nameJa, n.nameEn]);
  const parts = [s.reference, ...names];
  if (content) {
    const c = JSON.parse(row.content) as Partial<RequestContent>;
    parts.push(c.caseReference ?? '');
    for (const t of c.targets ?? []) {
      for (const v of Object.values(t)) if (typeof v === 'string' || typeof v === 'number') parts.push(String(v));
    }
  }
  return parts.join('\n').toLowerCase();
}

/** Searches the caller's requests; the search (a digest of its words, the filters, what it returned) is audited. */
export async function searchRequests(uow: UnitOfWork, p: Principal, raw: unknown): Promise<SearchResult> {
  const input = parseOrThrow(SearchInput, raw);
  const { from, to } = periodInUtc(input);
  const scope = listScope(p);
  if (scope.kind === 'none') return { items: [], truncated: false };
  const content = scope.kind !== 'all';
  const words = [...new Set(input.q.toLowerCase().split(/\s+/).filter(Boolean))].slice(0, 10);
  const rows = await searchRequestRows(uow.tx, {
    scope,
    words,
    content,
    sort: input.sort,
    limit: CANDIDATES,
    ...(input.providerId ? { providerId: input.providerId } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
  });
  const summaries = await toSummaries(uow.tx, rows, uow.now);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const matched = summaries.filter((s) => {
    const row = byId.get(s.id);
    const text = row ? haystack(s, row, content) : '';
    return words.every((w) => text.includes(w));
  });
  const items = matched.slice(0, input.limit).map((s) => (content ? s : { ...s, caseReference: null, offence: null }));
  await uow.auditBy(p, 'requests.searched', ['search', null], {
    // The words may be an identifier: the log keeps their digest, not the words.
    queryDigest: words.length > 0 ? sha256Hex(words.join(' ')) : null,
    words: words.length,
    providerId: input.providerId ?? null,
    from: from ?? null,
    to: to ?? null,
    sort: input.sort,
    returned: items.map((s) => s.id),
  });
  return { items, truncated: matched.length > input.limit || rows.length === CANDIDATES };
}

const HEADINGS: Array<[Bilingual, (s: RequestSummary, l: Locale, zone: string) => string | number | null]> = [
  [{ ja: '照会番号', en: 'Reference' }, (s) => s.reference],
  [{ ja: '種別', en: 'Kind' }, (s, l) => REQUEST_KIND_LABELS[s.kind][l]],
  [{ ja: '状態', en: 'State' }, (s, l) => REQUEST_STATE_LABELS[s.state][l]],
  [{ ja: '事件番号', en: 'Case reference' }, (s) => s.caseReference],
  [{ ja: '照会機関', en: 'Agency' }, (s, l) => (l === 'ja' ? s.agency.nameJa : s.agency.nameEn)],
  [{ ja: '所属', en: 'Unit' }, (s, l) => (l === 'ja' ? s.unit.nameJa : s.unit.nameEn)],
  [
    { ja: '照会先', en: 'Provider' },
    (s, l) => (s.provider ? (l === 'ja' ? s.provider.nameJa : s.provider.nameEn) : ''),
  ],
  [{ ja: '対象数', en: 'Targets' }, (s) => s.targetCount],
  [{ ja: '発出日時', en: 'Issued' }, (s, _, z) => (s.issuedAt ? formatIsoInZone(new Date(s.issuedAt), z) : '')],
  [{ ja: '回答期限', en: 'Deadline' }, (s, _, z) => (s.deadlineAt ? formatIsoInZone(new Date(s.deadlineAt), z) : '')],
  [{ ja: '更新日時', en: 'Updated' }, (s, _, z) => formatIsoInZone(new Date(s.updatedAt), z)],
];

export const SearchExportInput = SearchInput.extend({
  /** The language of the headings and labels. */
  lang: FileLanguage,
  /** The IANA zone the times are written in, with their offsets. */
  zone: ZoneSchema.default(JAPAN_ZONE),
});

/** The same search as a CSV file (searchCsv) in the language and zone asked; audited as the search it is. */
export async function exportSearch(uow: UnitOfWork, p: Principal, raw: unknown): Promise<string> {
  const { lang, zone, ...search } = parseOrThrow(SearchExportInput, raw);
  return searchCsv((await searchRequests(uow, p, search)).items, lang, zone);
}

/**
 * Search results as CSV (RFC 4180, CRLF, UTF-8 with a BOM), labels in one language; times in `zone` with
 * the offset.
 */
export function searchCsv(items: readonly RequestSummary[], locale: Locale, zone = JAPAN_ZONE): string {
  return csvText([
    HEADINGS.map(([h]) => h[locale]),
    ...items.map((s) => HEADINGS.map(([, get]) => get(s, locale, zone))),
  ]);
}
