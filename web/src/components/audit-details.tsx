import { auditDetailLines, type DetailContext } from '#shokai/audit-details';
import type { RequestKind } from '#shokai/vocabulary';
import type { AuditEvent, RequestDetail } from '../api/types.ts';
import { useI18n } from '../i18n/i18n.tsx';

/** The organisations a request's page knows by name (its agency, unit and addressee), for its entries. */
export function organisationsOf(detail: Pick<RequestDetail, 'agency' | 'unit' | 'provider'>) {
  const all = [detail.agency, detail.unit, detail.provider].filter((o) => o !== null);
  return (id: string, locale: 'ja' | 'en') => {
    const o = all.find((x) => x.id === id);
    return o ? (locale === 'ja' ? o.nameJa : o.nameEn) : undefined;
  };
}

/**
 * An audit entry's details, collapsed, as labelled lines in the viewer's language (src/domain/audit-details.ts);
 * nothing at all (no toggle) when the entry has nothing to show.
 */
export function AuditDetails({
  entry,
  organisationName,
  kind,
}: {
  entry: Pick<AuditEvent, 'action' | 'details'>;
  organisationName?: (id: string, locale: 'ja' | 'en') => string | undefined;
  /** The kind of the request the entry is about: its details in that kind's words (a lawyer's key, not 決裁者). */
  kind?: RequestKind | null | undefined;
}) {
  const { t, locale, instant } = useI18n();
  const c: DetailContext = {
    locale,
    instant,
    ...(organisationName ? { organisationName: (id: string) => organisationName(id, locale) } : {}),
    ...(kind ? { kind } : {}),
  };
  const lines = auditDetailLines(entry.action, entry.details, c);
  if (lines.length === 0) return null;
  return (
    <details>
      <summary>{t('common.details')}</summary>
      <dl className="facts" data-testid="audit-details">
        {lines.map((l) => (
          <div className="dl-row" key={`${l.label}|${l.value}`}>
            <dt>{l.label}</dt>
            <dd>{l.code ? <code className="break">{l.value}</code> : l.value}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
