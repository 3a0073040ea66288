import {
  ACTOR_TYPE_LABELS,
  AUDIT_ACTION_LABELS,
  isOneOf,
  LIFECYCLE_ACTION_LABELS,
  LIFECYCLE_ACTIONS,
  REQUEST_STATE_LABELS,
  REQUEST_STATES,
} from '#shokai/vocabulary';
import { api } from '../api/client.ts';
import type { AuditEvent } from '../api/types.ts';
import { LoadState, Time } from '../components/common.tsx';
import { type I18n, useI18n } from '../i18n/i18n.tsx';
import { Link } from '../lib/router.tsx';
import { useAsync } from '../lib/use-async.ts';

/** Every audit event of one request, oldest first. */
export function TimelinePage({ id }: { id: string }) {
  const { t, bi } = useI18n();
  const data = useAsync(async () => {
    const [detail, audit] = await Promise.all([api.request(id), api.requestAudit(id)]);
    return { detail, items: audit.items };
  }, [id]);
  if (data.loading || !data.data) return <LoadState of={data} />;
  const { detail, items } = data.data;
  return (
    <article aria-labelledby="tl-h">
      <h1 id="tl-h">{t('timeline.title', { ref: detail.reference })}</h1>
      <p>
        <Link to={`/requests/${id}`}>{t('timeline.back')}</Link>
      </p>
      {items.length === 0 ? (
        <p className="muted">{t('timeline.empty')}</p>
      ) : (
        <ol className="timeline" data-testid="timeline">
          {items.map((e) => (
            <li key={e.seq}>
              <p className="tl-head">
                <Time value={e.at} /> · <strong>{actionLabel(e, bi)}</strong>
              </p>
              <p className="small">
                {t('timeline.actor')}:{' '}
                {e.actorType === 'system'
                  ? bi(ACTOR_TYPE_LABELS.system)
                  : `${e.actorName ?? e.actorId ?? ''} (${bi(ACTOR_TYPE_LABELS[e.actorType])})`}{' '}
                · #{e.seq}
              </p>
              {e.details !== undefined &&
                e.details !== null &&
                typeof e.details === 'object' &&
                Object.keys(e.details).length > 0 && (
                  <details>
                    <summary>{t('common.details')}</summary>
                    <pre>{JSON.stringify(e.details, null, 2)}</pre>
                  </details>
                )}
            </li>
          ))}
        </ol>
      )}
    </article>
  );
}

function actionLabel(e: AuditEvent, bi: I18n['bi']): string {
  const d = (e.details && typeof e.details === 'object' ? e.details : {}) as Record<string, unknown>;
  // A transition reads as "what was done: from → to" in the viewer's language.
  if (e.action === 'request.transition' && typeof d.action === 'string') {
    const what = isOneOf(LIFECYCLE_ACTIONS, d.action) ? bi(LIFECYCLE_ACTION_LABELS[d.action]) : d.action;
    const state = (s: unknown) => (isOneOf(REQUEST_STATES, s) ? bi(REQUEST_STATE_LABELS[s]) : String(s ?? ''));
    const from = state(d.from);
    const to = state(d.to);
    return `${what}（${from} → ${to}）`;
  }
  return bi(AUDIT_ACTION_LABELS[e.action]);
}
