// A person's roles over time on the people page: each period from its start (registered with it, granted,
// countersigned) to its end (ended alone, or the person disabled), each instant in the viewer's zone with its
// offset, who acted by name where the store records them; loaded when the viewer opens it, and read again,
// while open, whenever the page lists the person anew (a role ended or granted, the person disabled there).

import { useEffect, useRef, useState } from 'react';
import { pendingRoleWords, rolePeriodWords } from '#shokai/role-periods';
import { api } from '../api/client.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { useAsync } from '../lib/use-async.ts';
import { LoadState } from './common.tsx';

/**
 * "Roles over time" of one person: a disclosure that reads their periods once opened. `listed` is the person
 * as the page last listed them: a new one (the list read again after a change made on the page) reads the
 * periods again, keeping those shown until the new ones arrive.
 */
export function RolePeriods({ userId, login, listed }: { userId: string; login: string; listed: unknown }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  return (
    <details className="small" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{t('admin.rolePeriods', { login })}</summary>
      {open && <PeriodList userId={userId} listed={listed} />}
    </details>
  );
}

function PeriodList({ userId, listed }: { userId: string; listed: unknown }) {
  const { t, locale, instant } = useI18n();
  const periods = useAsync(() => api.rolePeriods(userId), [userId]);
  // Opened, the periods are read once (above); listed anew, again — quietly, what is shown stays meanwhile.
  const shown = useRef(listed);
  const { refresh } = periods;
  useEffect(() => {
    if (shown.current === listed) return;
    shown.current = listed;
    void refresh();
  }, [listed, refresh]);
  if (periods.loading || !periods.data) return <LoadState of={periods} />;
  const { items, pending } = periods.data;
  if (items.length === 0 && pending.length === 0) return <p className="muted">{t('admin.rolePeriodsNone')}</p>;
  return (
    <>
      {items.length > 0 && (
        <ol data-testid="role-periods">
          {items.map((p) => {
            const w = rolePeriodWords(p, locale, (iso) => instant(iso));
            return (
              <li key={`${p.role}:${p.from ?? ''}:${p.start}`}>
                <strong>{w.role}</strong>: {w.start} — {w.end}
              </li>
            );
          })}
        </ol>
      )}
      {pending.length > 0 && (
        <>
          <p className="muted">{t('admin.rolePeriodsPending')}</p>
          <ul data-testid="roles-pending">
            {pending.map((p) => {
              const w = pendingRoleWords(p, locale, (iso) => instant(iso));
              return (
                <li key={`${p.role}:${p.grantedAt}`}>
                  <strong>{w.role}</strong>: {w.state}
                </li>
              );
            })}
          </ul>
        </>
      )}
    </>
  );
}
