import { Fragment, type ReactNode, useId } from 'react';
import { DEADLINE_STATUS_LABELS, REQUEST_KIND_LABELS, requestStateLabel } from '#shokai/vocabulary';
import type { DeadlineStatus, RequestKind, RequestState, RequestSummary } from '../api/types.ts';
import type { MessageKey } from '../i18n/dictionary.ts';
import { useI18n } from '../i18n/i18n.tsx';
import type { FieldWords } from '../lib/error-text.ts';
import { Link } from '../lib/router.tsx';
import { ErrorNotice } from './error-notice.tsx';
import { WrittenText } from './written-text.tsx';

/** An instant: the viewer's zone with its offset; the Japanese era date as a tooltip. */
export function Time({ value, long = false }: { value: string | null | undefined; long?: boolean }) {
  const { instant, dateTime } = useI18n();
  if (!value) return <span>—</span>;
  if (long) {
    return (
      <time dateTime={value} title={dateTime(value)}>
        {dateTime(value)}
      </time>
    );
  }
  // "2026-12-03 19:37:18 +09:00" breaks, if at all, between the date and the time, never inside either.
  const text = instant(value);
  const cut = text.indexOf(' ');
  return (
    <time dateTime={value} title={dateTime(value)}>
      {cut < 0 ? (
        text
      ) : (
        <>
          <span className="nowrap">{text.slice(0, cut)}</span> <span className="nowrap">{text.slice(cut + 1)}</span>
        </>
      )}
    </time>
  );
}

/** A term and its instant in full (the era date, the time and its offset), as two children of a `dl`. */
export function TimeFact({ label, value }: { label: string; value: string | null | undefined }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>
        <Time value={value} long />
      </dd>
    </>
  );
}

/** A labelled text as its writer wrote it (its line breaks kept), as a row of a `dl.facts`. */
export function TextFact({ label, text }: { label: string; text: string }) {
  return (
    <>
      <dt>{label}</dt>
      <dd className="prewrap">
        <WrittenText text={text} />
      </dd>
    </>
  );
}

export { ErrorNotice };

export function Loading() {
  const { t } = useI18n();
  return (
    <p className="muted" role="status">
      {t('common.loading')}
    </p>
  );
}

/**
 * Where a load from the API stands: Loading while it runs, and its error once it failed (nothing
 * else; the caller shows the data).
 */
/** A load's progress and its refusal; `fieldWords` names the refused parameter as the page's controls do. */
export function LoadState({ of, fieldWords }: { of: { loading: boolean; error: unknown }; fieldWords?: FieldWords }) {
  return (
    <>
      {of.loading && <Loading />}
      <ErrorNotice error={of.error} {...(fieldWords ? { fieldWords } : {})} />
    </>
  );
}

const segmenters = new Map<string, Intl.Segmenter>();

/**
 * A label that may break between its words and nowhere else: a `<wbr>` at each word boundary the
 * browser's dictionary finds (`インターネット|カフェ|利用|記録|照会`), where a pill's `word-break: keep-all`
 * allows no break inside a word. The text is unchanged (a `<wbr>` has none).
 */
export function Words({ text }: { text: string }) {
  const { locale } = useI18n();
  let segmenter = segmenters.get(locale);
  if (!segmenter) {
    segmenter = new Intl.Segmenter(locale, { granularity: 'word' });
    segmenters.set(locale, segmenter);
  }
  return (
    <>
      {[...segmenter.segment(text)].map((s) => (
        <Fragment key={s.index}>
          {s.index > 0 && <wbr />}
          {s.segment}
        </Fragment>
      ))}
    </>
  );
}

export function KindBadge({ kind }: { kind: RequestKind }) {
  const { bi } = useI18n();
  return (
    <span className={`badge kind kind-${kind}`}>
      {kind === 'emergency' ? '⚠ ' : ''}
      <Words text={bi(REQUEST_KIND_LABELS[kind])} />
    </span>
  );
}

/** A request's state; with its kind, in that kind's words (a civil disclosure awaits its lawyer's signature). */
export function StateBadge({ state, kind }: { state: RequestState; kind?: RequestKind }) {
  const { bi } = useI18n();
  return (
    <span className={`badge state state-${state}`}>
      <Words text={bi(requestStateLabel(state, kind))} />
    </span>
  );
}

export function DeadlineBadge({
  deadline,
  deadlineAt,
  pausedSince,
  compact = false,
}: {
  deadline: { status: DeadlineStatus; remainingMs: number | null } | null | undefined;
  deadlineAt?: string | null | undefined;
  /** Since when the clock stands still (the request waits on the requester's clarification). */
  pausedSince?: string | null | undefined;
  /** In a list's column: a paused deadline in short, its why and since when in the badge's title. */
  compact?: boolean;
}) {
  const { t, bi, duration, instant } = useI18n();
  if (!deadline || deadline.status === 'none') return <span className="muted">—</span>;
  const ms = deadline.remainingMs ?? (deadlineAt ? Date.parse(deadlineAt) - Date.now() : 0);
  const late = deadline.status === 'overdue' || deadline.status === 'escalated';
  const paused = deadline.status === 'paused' && pausedSince ? instant(pausedSince) : null;
  const text = late
    ? t('deadline.overdueBy', { d: duration(-ms) })
    : paused
      ? t('deadline.pausedLeft', { d: duration(ms), since: paused })
      : t('deadline.left', { d: duration(ms) });
  const label = bi(DEADLINE_STATUS_LABELS[deadline.status]);
  if (compact && deadline.status === 'paused') {
    return (
      <span className="badge deadline deadline-paused" title={`${label}: ${text}`}>
        {t('deadline.pausedShort')}: {t('deadline.left', { d: duration(ms) })}
      </span>
    );
  }
  return (
    <span className={`badge deadline deadline-${deadline.status}`} title={deadlineAt ? instant(deadlineAt) : undefined}>
      {late ? '⏰ ' : ''}
      {label}: {text}
    </span>
  );
}

/** Emergency and late requests first, then by time left, then newest. */
export function urgencyOrder(a: RequestSummary, b: RequestSummary): number {
  const rank = (r: RequestSummary) => {
    const s = r.deadline?.status;
    if (s === 'escalated') return 0;
    if (s === 'overdue') return 1;
    if (r.kind === 'emergency') return 2;
    if (s === 'due_soon') return 3;
    return 4;
  };
  const d = rank(a) - rank(b);
  if (d !== 0) return d;
  const ra = a.deadline?.remainingMs ?? Number.POSITIVE_INFINITY;
  const rb = b.deadline?.remainingMs ?? Number.POSITIVE_INFINITY;
  if (ra !== rb) return ra - rb;
  return b.updatedAt.localeCompare(a.updatedAt);
}

export function Field({
  label,
  hint,
  children,
  error,
  id: given,
}: {
  label: string;
  hint?: string;
  error?: string | null;
  children: (id: string, describedBy: string | undefined) => ReactNode;
  /** The control's id, when the caller names it elsewhere (a form's list of problems focuses it). */
  id?: string;
}) {
  const own = useId();
  const id = given ?? own;
  const hintId = hint ? `${id}-hint` : undefined;
  const errId = error ? `${id}-err` : undefined;
  const describedBy = [hintId, errId].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children(id, describedBy)}
      {hint && (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field-error" id={errId}>
          {error}
        </p>
      )}
    </div>
  );
}

export { InstantInput, zoneOptions } from './instant-input.tsx';
export { TextField } from './text-field.tsx';

export function Section({
  title,
  children,
  id,
  actions,
}: {
  title: string;
  children: ReactNode;
  id?: string;
  actions?: ReactNode;
}) {
  const hid = useId();
  return (
    <section className="card" aria-labelledby={hid} id={id}>
      <div className="card-head">
        <h2 id={hid}>{title}</h2>
        {actions}
      </div>
      {children}
    </section>
  );
}

/** One of a closed list, each labelled in both languages, as a choice of it takes it. */
export type ClosedChoice<T extends string> = {
  options: readonly T[];
  labels: Readonly<Record<T, { ja: string; en: string }>>;
  value: T;
  onChange: (v: T) => void;
};

/** One choice of a closed list as radio buttons under a legend, each labelled in the viewer's language. */
export function RadioChoices<T extends string>({
  legend,
  name,
  options,
  labels,
  value,
  onChange,
  error,
}: { legend: string; name: string; error?: string | null } & ClosedChoice<T>) {
  const { bi } = useI18n();
  const errId = `${useId()}-err`;
  return (
    <fieldset className="checks">
      <legend>{legend}</legend>
      {options.map((o) => (
        <label key={o}>
          <input
            type="radio"
            name={name}
            checked={value === o}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? errId : undefined}
            onChange={() => onChange(o)}
          />{' '}
          {bi(labels[o])}
        </label>
      ))}
      {error && (
        <p className="field-error" id={errId}>
          {error}
        </p>
      )}
    </fieldset>
  );
}

/** One labelled row of a `dl.facts`: its term and what it says (`testId` on the latter). */
export function FactRow({ label, testId, children }: { label: string; testId?: string; children: ReactNode }) {
  return (
    <div className="dl-row">
      <dt>{label}</dt>
      <dd data-testid={testId}>{children}</dd>
    </div>
  );
}

/** Labelled values as a `dl.facts`, one row each; a value not known shows as a dash. */
export function Facts({ rows }: { rows: ReadonlyArray<readonly [MessageKey, string | null | undefined]> }) {
  const { t } = useI18n();
  return (
    <dl className="facts">
      {rows.map(([k, v]) => (
        <FactRow key={k} label={t(k)}>
          {v ? <WrittenText text={v} /> : '—'}
        </FactRow>
      ))}
    </dl>
  );
}

/** Counts at a glance: each a tile with its label over its value (`data-stat` names it for the tests). */
export function StatTiles({
  tiles,
  testId,
}: {
  tiles: ReadonlyArray<readonly [key: string, label: string, value: string | number]>;
  testId: string;
}) {
  return (
    <dl className="stat-tiles" data-testid={testId}>
      {tiles.map(([key, label, value]) => (
        <div key={key} className="stat-tile" data-stat={key}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

export function orgName(o: { nameJa: string; nameEn: string } | null | undefined, locale: 'ja' | 'en'): string {
  if (!o) return '—';
  return locale === 'ja' ? o.nameJa : o.nameEn;
}

/** "organisation / unit", or the organisation alone when the unit bears its name (a law office is its own unit). */
export function orgAndUnit(
  org: { nameJa: string; nameEn: string } | null | undefined,
  unit: { nameJa: string; nameEn: string } | null | undefined,
  locale: 'ja' | 'en',
): string {
  const o = orgName(org, locale);
  const u = unit ? orgName(unit, locale) : null;
  return u && u !== o ? `${o} / ${u}` : o;
}

export function personName(p: unknown): string {
  if (!p) return '—';
  if (typeof p === 'string') return p;
  if (typeof p === 'object') {
    const o = p as Record<string, unknown>;
    if (typeof o.displayName === 'string') return o.displayName;
    if (typeof o.nameJa === 'string') return o.nameJa;
    if (typeof o.login === 'string') return o.login;
    if (typeof o.id === 'string') return o.id;
  }
  return '—';
}

/** Something that opens only on the keys' enrolled devices, which this browser is not (yet): where to enrol it. */
export function NoDeviceNotice({ text, testId }: { text: string; testId: string }) {
  const { t } = useI18n();
  return (
    <p className="notice" data-testid={testId}>
      {text} <Link to="/devices">{t('nav.devices')}</Link>
    </p>
  );
}
