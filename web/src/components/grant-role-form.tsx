// A role granted to a person who exists: back at the court, back in the department after their role was
// ended. A new period in the directory log; a privileged role waits for a second person's countersignature.
import { useState } from 'react';
import { ROLE_LABELS, ROLES_BY_ORGANISATION_KIND } from '#shokai/vocabulary';
import { api } from '../api/client.ts';
import type { OrganisationDetail, Role, User } from '../api/types.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { useAction } from '../lib/use-action.ts';
import { Select, SelectChoice } from './choices.tsx';
import { ErrorNotice } from './common.tsx';

/** The form: whom, which role; said done (or awaiting a countersignature) where it was sent. */
export function GrantRoleForm({
  org,
  people,
  onGranted,
}: {
  org: OrganisationDetail;
  people: readonly User[];
  onGranted: () => void;
}) {
  const { t, bi } = useI18n();
  const [userId, setUserId] = useState('');
  const [role, setRole] = useState<Role | ''>('');
  const [done, setDone] = useState<string | null>(null);
  const { error, submit } = useAction();
  const active = people.filter((u) => !u.disabled);
  const grant = submit(async () => {
    if (!role || !userId) return;
    setDone(null);
    const g = await api.grantRole(userId, role);
    const login = active.find((u) => u.id === userId)?.login ?? '';
    const words = { login, role: bi(ROLE_LABELS[role]) };
    setDone(g.state === 'pending' ? t('admin.grantRolePending', words) : t('admin.grantRoleDone', words));
    setRole('');
    onGranted();
  });
  return (
    <form onSubmit={grant} aria-label={t('admin.grantRole')}>
      <h3>{t('admin.grantRole')}</h3>
      <p className="muted small">{t('admin.grantRoleIntro')}</p>
      <ErrorNotice error={error} />
      {done && (
        <p className="notice notice-ok" role="status">
          {done}
        </p>
      )}
      <div className="grid2">
        <Select
          label={t('admin.grantRolePerson')}
          required
          none="—"
          value={userId}
          onChange={setUserId}
          options={active.map((u) => ({ value: u.id, text: `${u.displayName} (${u.login})` }))}
        />
        <SelectChoice
          label={t('admin.roles')}
          required
          none="—"
          options={ROLES_BY_ORGANISATION_KIND[org.kind]}
          labels={ROLE_LABELS}
          value={role}
          onChange={setRole}
        />
      </div>
      <button type="submit" className="primary">
        {t('admin.grantRole')}
      </button>
    </form>
  );
}
