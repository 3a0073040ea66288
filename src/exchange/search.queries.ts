import { sql } from 'kysely';
import type { ListScope } from '../domain/access.ts';
import type { SearchSort } from '../domain/vocabulary.ts';
import type { Db, Tx } from '../store/database.ts';
import type { RequestRow } from '../store/schema.ts';
import { inListScope } from './request.repository.ts';

// Search over the requests a list scope shows: a coarse, case-insensitive LIKE in SQL (the reference,
// the parties' names and — for a viewer who may read content — the content text), refined precisely
// by the service on the fields it means.

export interface SearchFilter {
  scope: Exclude<ListScope, { kind: 'none' }>;
  /** Lower-cased words, every one of which must appear somewhere. */
  words: string[];
  /** Whether the content (case reference, identifiers) may be searched: false for the oversight body. */
  content: boolean;
  providerId?: string;
  /** UTC ISO instants: the request's date (issued, or created while a draft) in [from, to). */
  from?: string;
  to?: string;
  sort: SearchSort;
  limit: number;
}

/** `%word%` with LIKE's own wildcards escaped (the escape character is a backslash). */
const likePattern = (w: string) => `%${w.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export async function searchRequestRows(db: Db | Tx, f: SearchFilter): Promise<RequestRow[]> {
  let q = inListScope(
    db
      .selectFrom('requests')
      .innerJoin('organisations as ag', 'ag.id', 'requests.agency_organisation_id')
      .innerJoin('units as un', 'un.id', 'requests.unit_id')
      .leftJoin('organisations as pv', 'pv.id', 'requests.provider_organisation_id')
      .selectAll('requests'),
    f.scope,
  );
  const day = sql<string>`coalesce(requests.issued_at, requests.created_at)`;
  if (f.providerId) q = q.where('requests.provider_organisation_id', '=', f.providerId);
  if (f.from) q = q.where(day, '>=', f.from);
  if (f.to) q = q.where(day, '<', f.to);
  for (const w of f.words) {
    const p = likePattern(w);
    const like = (column: ReturnType<typeof sql>) => sql<boolean>`lower(${column}) like ${p} escape '\\'`;
    q = q.where((eb) =>
      eb.or([
        like(sql`requests.reference`),
        like(sql`ag.name_ja`),
        like(sql`ag.name_en`),
        like(sql`un.name_ja`),
        like(sql`un.name_en`),
        like(sql`coalesce(pv.name_ja, '')`),
        like(sql`coalesce(pv.name_en, '')`),
        ...(f.content ? [like(sql`requests.content`)] : []),
      ]),
    );
  }
  switch (f.sort) {
    case 'updated_desc':
      q = q.orderBy('requests.updated_at', 'desc');
      break;
    case 'updated_asc':
      q = q.orderBy('requests.updated_at', 'asc');
      break;
    case 'issued_desc':
      q = q.orderBy(day, 'desc');
      break;
    case 'issued_asc':
      q = q.orderBy(day, 'asc');
      break;
    case 'reference_asc':
      q = q.orderBy('requests.reference', 'asc');
      break;
  }
  return q.orderBy('requests.id').limit(f.limit).execute();
}
