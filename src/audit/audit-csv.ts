import { auditDetailLines, auditHeading } from '../domain/audit-details.ts';
import { csvText } from '../domain/csv.ts';
import { visibleText } from '../domain/shown-text.ts';
import { formatIsoInZone, parseIsoInstant } from '../domain/time.ts';
import type { Bilingual, Locale } from '../domain/vocabulary.ts';
import { ACTOR_TYPE_LABELS, ROLE_LABELS } from '../domain/vocabulary.ts';
import type { AuditLogEntry, AuditLogPage } from './audit-search.ts';

// The audit log read for oversight as a file (GET /v1/audit/export): one row per entry, newest first, in
// the reader's language — when (ISO 8601 with the zone's offset), who and of which organisation, what was
// done (a step in the words of its request's kind: a civil disclosure's in the lawyer's), the request, and the
// details in words (one "label: value" line each in one cell).

const HEADINGS: Bilingual[] = [
  { ja: '番号', en: 'No.' },
  { ja: '日時', en: 'When' },
  { ja: '行った人', en: 'Who' },
  { ja: '役割', en: 'Roles' },
  { ja: '組織', en: 'Organisation' },
  { ja: '行為', en: 'What was done' },
  { ja: '照会番号', en: 'Request' },
  { ja: '詳細', en: 'Details' },
];

export function auditCsv(page: Pick<AuditLogPage, 'items' | 'organisations'>, zone: string, locale: Locale): string {
  const names = new Map(page.organisations.map((o) => [o.id, locale === 'ja' ? o.nameJa : o.nameEn]));
  const instant = (iso: string) => {
    try {
      return formatIsoInZone(parseIsoInstant(iso), zone);
    } catch {
      return iso;
    }
  };
  const row = (e: AuditLogEntry) => [
    e.seq,
    instant(e.at),
    e.actor.name ?? ACTOR_TYPE_LABELS[e.actor.type][locale],
    e.actor.roles.map((r) => ROLE_LABELS[r][locale]).join(locale === 'ja' ? '、' : ', '),
    e.actor.organisation ? (locale === 'ja' ? e.actor.organisation.nameJa : e.actor.organisation.nameEn) : '',
    auditHeading(e.action, e.details, locale, e.request?.kind ?? undefined),
    e.request?.reference ?? '',
    auditDetailLines(e.action, e.details, {
      locale,
      instant,
      organisationName: (id) => names.get(id),
      ...(e.request?.kind ? { kind: e.request.kind } : {}),
    })
      .map((d) => `${d.label}: ${d.value}`)
      .join('\n'),
  ];
  // Recorded text (a reason, a note, a file's name) is written as recorded, but no control character reaches a
  // terminal or a spreadsheet: each is written out (`\u001b`); a line break within a cell stays.
  const visible = (v: string | number) => (typeof v === 'string' ? visibleText(v, { keepLines: true }) : v);
  return csvText([HEADINGS.map((h) => h[locale]), ...page.items.map((e) => row(e).map(visible))]);
}
