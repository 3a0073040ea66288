import { z } from 'zod';
import { findOrganisations, findUserByLogin } from '../directory/directory.repository.ts';
import { shownRoles } from '../directory/stored-roles.ts';
import { auditScope, type Caller } from '../domain/access.ts';
import { organisationIdsIn } from '../domain/audit-details.ts';
import { DomainError } from '../domain/errors.ts';
import { InstantSchema, periodInUtc, ZoneSchema } from '../domain/instant.ts';
import { shownInput } from '../domain/shown-text.ts';
import { JAPAN_ZONE } from '../domain/time.ts';
import { FileLanguage, parseOrThrow } from '../domain/validation.ts';
import {
  ACTOR_TYPES,
  AUDIT_ACTION_GROUP_MEMBERS,
  AUDIT_ACTION_GROUPS,
  AUDIT_ACTIONS,
  type AuditAction,
  isOneOf,
  type Locale,
  REQUEST_KINDS,
  type RequestKind,
  ROLES,
  type Role,
} from '../domain/vocabulary.ts';
import type { UnitOfWork } from '../kernel/unit-of-work.ts';
import { STORED, storedValueReader } from '../store/stored-values.ts';
import { type AuditSearchRow, searchAuditRows } from './audit-search.queries.ts';

// The audit log read for oversight: an auditor asks who in their organisation did what, when, about
// what — identities looked up, answers opened, content read on a recorded reason — within their part of
// the log (auditScope in src/domain/access.ts). Newest first, paged by seq; the read itself is audited.

/** The most entries one page returns. */
export const AUDIT_PAGE_MAX = 200;

/** A request's reference as drafting numbers it (src/exchange/drafting.ts): SHK-2026-000001. */
const REQUEST_REFERENCE = /^SHK-\d{4}-\d{6,}$/;
const REFERENCE_WORDS = {
  ja: 'SHK-2026-000001 のような照会番号を指定してください',
  en: 'a request number such as SHK-2026-000001 is expected',
};

export const AuditSearchInput = z.strictObject({
  /** Entries at or after this instant (with an offset)… */
  from: InstantSchema.optional(),
  /** …and before this one. */
  to: InstantSchema.optional(),
  /** The acting person, by login name. */
  person: z.string().trim().min(1).max(200).optional(),
  /** A group of actions (reads of personal data, …). */
  group: z.enum(AUDIT_ACTION_GROUPS).optional(),
  /** One action. */
  action: z.enum(AUDIT_ACTIONS).optional(),
  /** About the request with this reference (照会番号): a reference's shape, else refused (not "nothing matches"). */
  request: z
    .string()
    .trim()
    .toUpperCase()
    .refine((v) => REQUEST_REFERENCE.test(v), { message: REFERENCE_WORDS.en, params: { ja: REFERENCE_WORDS.ja } })
    .optional(),
  /** The page after the one that ended at this seq. */
  before: z.coerce.number().int().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(AUDIT_PAGE_MAX).default(50),
});

const NameSchema = z.object({ nameJa: z.string(), nameEn: z.string() });

export const AuditLogEntrySchema = z.object({
  seq: z.number(),
  at: z.string(),
  action: z.enum(AUDIT_ACTIONS),
  actor: z.object({
    type: z.enum(ACTOR_TYPES),
    /** The person's display name, or the machine client's name; null for the system. */
    name: z.string().nullable(),
    /** The roles the actor holds now (the log records the act, not the roles then). */
    roles: z.array(z.enum(ROLES)),
    organisation: NameSchema.nullable(),
  }),
  /**
   * The request the entry is about, when it is about one the reader may be told of, with its kind: a step of a
   * civil disclosure is said in the lawyer's words (`auditHeading`). A kind this version does not know is null
   * (logged): the entry is still listed, in the shared words.
   */
  request: z.object({ id: z.string(), reference: z.string(), kind: z.enum(REQUEST_KINDS).nullable() }).nullable(),
  details: z.record(z.string(), z.unknown()),
});
export type AuditLogEntry = z.infer<typeof AuditLogEntrySchema>;

export const AuditLogPageSchema = z.object({
  items: z.array(AuditLogEntrySchema),
  /** The `before` of the next page, or null when this was the last. */
  next: z.number().nullable(),
  /**
   * The organisations the page's details name by id ("addressed to", a court, …), with their names from the
   * directory (which every signed-in person may read), so the details say them in the reader's language.
   */
  organisations: z.array(NameSchema.extend({ id: z.string() })),
});
export type AuditLogPage = z.infer<typeof AuditLogPageSchema>;

function detailsOf(text: string): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(text);
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** The roles an entry's person or client holds now (none for the system): read as the directory reads them. */
function actorRoles(type: AuditLogEntry['actor']['type'], r: AuditSearchRow): Role[] {
  if (r.actor_id === null) return [];
  if (type === 'user') return shownRoles(r.user_roles, { kind: 'user', id: r.actor_id, name: r.user_name });
  if (type === 'client') return shownRoles(r.client_roles, { kind: 'client', id: r.actor_id, name: r.client_name });
  return [];
}

/** A request's kind as stored, read once per read: a kind this version does not know is logged once, not per row. */
type KindReader = (value: string, record: string) => RequestKind | null;

function toEntry(r: AuditSearchRow, kindOf: KindReader): AuditLogEntry {
  const type = isOneOf(ACTOR_TYPES, r.actor_type) ? r.actor_type : 'system';
  return {
    seq: r.seq,
    at: r.at,
    // Written only from the closed list (events.ts); hash-chained, so a hand edit is found by the chain's check.
    action: r.action as AuditAction,
    actor: {
      type,
      name: type === 'user' ? r.user_name : type === 'client' ? r.client_name : null,
      roles: actorRoles(type, r),
      organisation:
        r.organisation_name_ja !== null && r.organisation_name_en !== null
          ? { nameJa: r.organisation_name_ja, nameEn: r.organisation_name_en }
          : null,
    },
    request:
      r.subject_type === 'request' && r.subject_id !== null && r.reference !== null
        ? {
            id: r.subject_id,
            reference: r.reference,
            kind: r.request_kind === null ? null : kindOf(r.request_kind, r.subject_id),
          }
        : null,
    details: detailsOf(r.details),
  };
}

/**
 * The entries of the caller's part of the audit log that match, newest first (a page; `next` continues
 * it). Refused without `audit.read`; a period bound without an offset is refused naming its field. The
 * read is itself an entry (its filters and how many entries it returned), like every read of personal data.
 */
export async function searchAuditLog(uow: UnitOfWork, caller: Caller, raw: unknown): Promise<AuditLogPage> {
  const q = auditQuery(caller, () => parseOrThrow(AuditSearchInput, raw));
  await requireKnownPerson(uow, q);
  const rows = await auditRows(uow, q, q.input.limit + 1, q.input.before);
  const page = rows.slice(0, q.input.limit);
  const last = page[page.length - 1];
  const kindOf = storedValueReader(STORED.requestKind);
  const items = page.map((r) => toEntry(r, kindOf));
  await auditTheRead(uow, caller, q, items.length, false);
  return {
    items,
    next: rows.length > q.input.limit && last ? last.seq : null,
    organisations: await namedOrganisations(uow, items),
  };
}

/** The most entries one export holds: a longer period is refused, to be narrowed. */
export const AUDIT_EXPORT_MAX = 10_000;

export const AuditExportInput = AuditSearchInput.omit({ before: true, limit: true }).extend({
  /** The IANA zone the file writes its times in (with their offset). */
  zone: ZoneSchema.default(JAPAN_ZONE),
  /** The language of its headings and words. */
  lang: FileLanguage,
});

/**
 * Every entry of the caller's part of the log that matches, newest first, for a file (the CSV export):
 * the same filters and scope as a page, refused naming `from` when more than `max` (AUDIT_EXPORT_MAX) match.
 * One audit entry records the export (its filters, how many it returned, `exported`).
 */
export async function exportAuditLog(
  uow: UnitOfWork,
  caller: Caller,
  raw: unknown,
  max: number = AUDIT_EXPORT_MAX,
): Promise<Pick<AuditLogPage, 'items' | 'organisations'> & { zone: string; lang: Locale }> {
  const q = auditQuery(caller, () => parseOrThrow(AuditExportInput, raw));
  await requireKnownPerson(uow, q);
  const rows = await auditRows(uow, q, max + 1, undefined);
  if (rows.length > max) {
    throw new DomainError(
      'VALIDATION_FAILED',
      {
        ja: `該当する記録が ${max.toLocaleString('ja-JP')} 件を超えます。期間などで絞り込んでから書き出してください`,
        en:
          `more than ${max.toLocaleString('en-GB')} entries match: narrow the period ` +
          `(or another filter) before exporting`,
      },
      { field: 'from', value: q.input.from ?? null },
    );
  }
  const kindOf = storedValueReader(STORED.requestKind);
  const items = rows.map((r) => toEntry(r, kindOf));
  await auditTheRead(uow, caller, q, items.length, true);
  return { items, organisations: await namedOrganisations(uow, items), zone: q.input.zone, lang: q.input.lang };
}

/** The filters a page and an export share (a page adds its limit and cursor, an export its zone). */
type AuditFilters = Omit<z.infer<typeof AuditSearchInput>, 'before' | 'limit'>;

interface AuditQuery<I extends AuditFilters> {
  scope: ReturnType<typeof auditScope>;
  input: I;
  from: string | undefined;
  to: string | undefined;
  /** The actions asked for; undefined: any; empty: none can match. */
  actions: AuditAction[] | undefined;
}

/**
 * The caller's scope and the filters, the period's bounds in UTC. Refused without `audit.read` before the
 * input is read: one without the right learns nothing from a bad filter.
 */
function auditQuery<I extends AuditFilters>(caller: Caller, parse: () => I): AuditQuery<I> {
  const scope = auditScope(caller);
  const input = parse();
  const { from, to } = periodInUtc(input);
  const groupActions = input.group ? AUDIT_ACTION_GROUP_MEMBERS[input.group] : undefined;
  const actions =
    input.action && groupActions
      ? groupActions.filter((a) => a === input.action)
      : input.action
        ? [input.action]
        : groupActions;
  return { scope, input, from, to, actions: actions ? [...actions] : undefined };
}

/**
 * The person filter names a login the reader could choose: anyone's on the hub for a reader of the whole log
 * (the local operator, the oversight body), one of its own people's for an organisation's auditor. Else it
 * is refused naming the value, not answered "nothing matches" — and an organisation's auditor is told the
 * same for a login of another organisation as for one nobody holds, so that the refusal does not say who
 * exists elsewhere. A disabled person's login stays a choice: their past acts are what is looked for.
 */
async function requireKnownPerson(uow: UnitOfWork, q: AuditQuery<AuditFilters>): Promise<void> {
  const login = q.input.person;
  if (login === undefined) return;
  const user = await findUserByLogin(uow.tx, login);
  const scope = q.scope;
  if (scope.kind === 'all' ? user !== undefined : user?.organisation_id === scope.organisationId) return;
  const shown = shownInput(login);
  throw new DomainError(
    'VALIDATION_FAILED',
    scope.kind === 'all'
      ? { ja: `利用者 ${shown} は存在しません`, en: `user ${shown} does not exist` }
      : {
          ja: `「${shown}」はこの組織の人のログイン名ではありません`,
          en: `"${shown}" is not the login of anyone in your organisation`,
        },
    { field: 'person', value: login },
  );
}

async function auditRows(
  uow: UnitOfWork,
  q: AuditQuery<AuditFilters>,
  limit: number,
  before: number | undefined,
): Promise<AuditSearchRow[]> {
  if (q.actions !== undefined && q.actions.length === 0) return [];
  return searchAuditRows(uow.tx, {
    scope: q.scope,
    limit,
    ...(q.from ? { from: q.from } : {}),
    ...(q.to ? { to: q.to } : {}),
    ...(q.input.person ? { login: q.input.person } : {}),
    ...(q.actions ? { actions: q.actions } : {}),
    ...(q.input.request ? { reference: q.input.request } : {}),
    ...(before ? { before } : {}),
  });
}

/** The read of the log is itself an entry: its filters and how many entries it gave (and whether as a file). */
async function auditTheRead(
  uow: UnitOfWork,
  caller: Caller,
  q: AuditQuery<AuditFilters>,
  returned: number,
  exported: boolean,
): Promise<void> {
  await uow.auditBy(caller, 'audit.searched', ['audit', null], {
    scope: q.scope.kind,
    from: q.from ?? null,
    to: q.to ?? null,
    person: q.input.person ?? null,
    group: q.input.group ?? null,
    action: q.input.action ?? null,
    request: q.input.request ?? null,
    returned,
    ...(exported ? { exported: true } : {}),
  });
}

/** The organisations the entries' details name by id, with their names from the directory. */
async function namedOrganisations(
  uow: UnitOfWork,
  items: readonly AuditLogEntry[],
): Promise<AuditLogPage['organisations']> {
  const named = [...new Set(items.flatMap((e) => organisationIdsIn(e.action, e.details)))];
  return (await findOrganisations(uow.tx, named)).map((o) => ({ id: o.id, nameJa: o.name_ja, nameEn: o.name_en }));
}
