// An organisation's people: its users (created with their roles, each role's periods, a role ended or granted
// again, disabled, their second factor's lock lifted) and the grants of privileged roles a second person
// countersigns.
import { useState } from 'react';
import { UNCOUNTERSIGNED_WORDS } from '#shokai/role-periods';
import { ROLE_GRANT_STATE_LABELS, ROLE_LABELS, ROLES_BY_ORGANISATION_KIND } from '#shokai/vocabulary';
import { api } from '../api/client.ts';
import type { OrganisationDetail, Role, User } from '../api/types.ts';
import { Checks } from '../components/checks.tsx';
import { OrganisationSelect } from '../components/choices.tsx';
import { ErrorNotice, Section, TextField, Time } from '../components/common.tsx';
import { ConfirmFirst } from '../components/confirm-first.tsx';
import { GrantRoleForm } from '../components/grant-role-form.tsx';
import { RolePeriods } from '../components/role-periods.tsx';
import { SecondPersonQueue } from '../components/second-person.tsx';
import { AsyncTable } from '../components/table.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { toggled } from '../lib/form-state.ts';
import { useMe } from '../lib/session.tsx';
import { useAction } from '../lib/use-action.ts';
import { useAsync } from '../lib/use-async.ts';

/** The people of one organisation, as the administration's sections list them. */
function useOrganisationUsers(orgId: string) {
  return useAsync(() => api.users().then((r) => r.items.filter((u) => u.organisationId === orgId)), [orgId]);
}

/** What a new enrolment code says: for whom, the code, and until when (the viewer's zone). */
function useReissuedWords() {
  const { t, instant } = useI18n();
  return (login: string, e: { code: string; expiresAt: string }) =>
    t('admin.enrolmentReissued', { login, code: e.code, until: instant(e.expiresAt) });
}

export function UsersSection({ org, onChanged }: { org: OrganisationDetail; onChanged: () => void }) {
  const { t, bi, listText, instant } = useI18n();
  const reissued = useReissuedWords();
  const users = useOrganisationUsers(org.id);
  const [login, setLogin] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [unitId, setUnitId] = useState('');
  const [roles, setRoles] = useState<Role[]>([]);
  // A lawyer is registered with their registration number and bar association (issue 15).
  const [barNumber, setBarNumber] = useState('');
  const [barAssociation, setBarAssociation] = useState('');
  const { error, setError, submit } = useAction();
  const [created, setCreated] = useState<string | null>(null);
  // A new code: its own action (busy, errors), its result said where the section's notices are.
  const renewal = useAction();
  const reissue = (u: User) =>
    renewal.run(async () => {
      setCreated(null);
      const r = await api.reissueEnrolment(u.id);
      setCreated(r.enrolment ? reissued(u.login, r.enrolment) : t('admin.resetAwaiting', { login: u.login }));
      users.reload();
      onChanged();
    });
  // A second factor locked by wrong codes, lifted once the person says the codes were theirs.
  const mayUnlock = useMe().permissions.includes('user.unlock_second_factor');
  const unlock = (u: User) =>
    renewal.run(async () => {
      setCreated(null);
      await api.unlockSecondFactor(u.id);
      setCreated(t('admin.secondFactorUnlocked', { login: u.login }));
      users.reload();
    });
  const add = submit(async () => {
    setCreated(null);
    const r = await api.createUser({
      organisationId: org.id,
      unitId: unitId || null,
      login: login.trim(),
      displayName: displayName.trim(),
      roles,
      ...(roles.includes('lawyer') && barNumber.trim() ? { barRegistrationNumber: barNumber.trim() } : {}),
      ...(roles.includes('lawyer') && barAssociation.trim() ? { barAssociation: barAssociation.trim() } : {}),
    });
    const pending = r.grants.filter((g) => g.state === 'pending').map((g) => bi(ROLE_LABELS[g.role]));
    setCreated(
      [
        t('admin.userCreatedCode', { code: r.enrolment.code, until: instant(r.enrolment.expiresAt) }),
        ...(pending.length > 0 ? [t('grants.pendingNotice', { roles: listText(pending) })] : []),
      ].join(' '),
    );
    setLogin('');
    setDisplayName('');
    setRoles([]);
    setBarNumber('');
    setBarAssociation('');
    users.reload();
    onChanged();
  });
  return (
    <Section title={t('admin.users')}>
      <AsyncTable
        list={users}
        caption={t('admin.users')}
        rowKey={(u) => u.id}
        rowHeader
        columns={[
          { head: t('signin.login'), cell: (u) => u.login },
          { head: t('admin.displayName'), cell: (u) => u.displayName },
          {
            head: t('admin.roles'),
            cell: (u) => (
              <>
                {listText(u.roles.map((r) => bi(ROLE_LABELS[r])))}
                {u.barRegistrationNumber && (
                  <span className="muted small">
                    {' '}
                    {t('admin.barShown', { number: u.barRegistrationNumber, bar: u.barAssociation ?? '' })}
                  </span>
                )}
                <RolePeriods userId={u.id} login={u.login} listed={u} />
              </>
            ),
          },
          { head: t('admin.status'), cell: (u) => <UserStatus user={u} /> },
          {
            head: t('admin.actions'),
            hideHead: true,
            cell: (u) =>
              !u.disabled && (
                <div className="cell-actions">
                  {u.secondFactorLock && mayUnlock && (
                    <ConfirmFirst
                      label={t('admin.unlockSecondFactor', { login: u.login })}
                      warning={t('admin.unlockSecondFactorConfirm', { login: u.login })}
                      className="secondary"
                      busy={renewal.busy}
                      onConfirm={() => void unlock(u)}
                    />
                  )}
                  {u.enrolmentExpiresAt === null ? (
                    <ConfirmFirst
                      label={t('admin.reissue', { login: u.login })}
                      warning={t('admin.reissueConfirm', { login: u.login })}
                      className="secondary"
                      busy={renewal.busy}
                      onConfirm={() => void reissue(u)}
                    />
                  ) : (
                    <button type="button" className="link" disabled={renewal.busy} onClick={() => void reissue(u)}>
                      {t('admin.reissue', { login: u.login })}
                    </button>
                  )}
                  {u.roles.map((r) => (
                    <ConfirmFirst
                      key={r}
                      label={t('admin.endRole', { login: u.login, role: bi(ROLE_LABELS[r]) })}
                      warning={t('admin.endRoleConfirm', { login: u.login, role: bi(ROLE_LABELS[r]) })}
                      className="danger"
                      busy={false}
                      onConfirm={() => void api.endRole(u.id, r).then(users.reload, setError)}
                    />
                  ))}
                  <button
                    type="button"
                    className="link danger"
                    onClick={() => void api.disableUser(u.id).then(users.reload, setError)}
                  >
                    {t('admin.disable', { login: u.login })}
                  </button>
                </div>
              ),
          },
        ]}
      />
      <ErrorNotice error={renewal.error} />
      <GrantRoleForm
        org={org}
        people={users.data ?? []}
        onGranted={() => {
          users.reload();
          onChanged();
        }}
      />
      <form onSubmit={add} aria-label={t('admin.newUser')}>
        <h3>{t('admin.newUser')}</h3>
        <ErrorNotice error={error} />
        {created && (
          <p className="notice notice-ok" role="status">
            {created}
          </p>
        )}
        <div className="grid2">
          <TextField label={t('signin.login')} required value={login} onChange={setLogin} />
          <TextField label={t('admin.displayName')} required value={displayName} onChange={setDisplayName} />
          <OrganisationSelect
            label={t('admin.unit')}
            required={false}
            none="—"
            value={unitId}
            onChange={setUnitId}
            organisations={org.units}
          />
        </div>
        <Checks
          legend={t('admin.roles')}
          options={ROLES_BY_ORGANISATION_KIND[org.kind]}
          labels={ROLE_LABELS}
          value={roles}
          onToggle={(r, on) => setRoles((rs) => toggled(rs, r, on))}
        />
        {roles.includes('lawyer') && (
          <div className="grid2">
            <TextField
              label={t('admin.barNumber')}
              name="barRegistrationNumber"
              required
              inputMode="numeric"
              value={barNumber}
              onChange={setBarNumber}
            />
            <TextField
              label={t('admin.barAssociation')}
              name="barAssociation"
              required
              value={barAssociation}
              onChange={setBarAssociation}
            />
          </div>
        )}
        <button type="submit" className="primary">
          {t('admin.createUser')}
        </button>
      </form>
    </Section>
  );
}

/**
 * Where a person stands: disabled, their second factor locked after failed codes, a reset waiting for a
 * second person, awaiting their enrolment (until when, or lapsed), or active.
 */
function UserStatus({ user }: { user: User }) {
  const { t, instant } = useI18n();
  const [now] = useState(() => new Date().toISOString());
  if (user.disabled) return <>{t('admin.disabled')}</>;
  // Told first: someone who knows this person's password is guessing their codes (a reset is the remedy).
  if (user.secondFactorLock) {
    return (
      <strong className="danger" data-testid="second-factor-locked">
        {t('admin.secondFactorLocked', {
          n: user.secondFactorLock.failures,
          since: instant(user.secondFactorLock.since),
        })}
      </strong>
    );
  }
  if (user.resetRequest) return <span className="muted">{t('admin.resetAwaitingShort')}</span>;
  if (user.enrolmentExpiresAt === null) return <>{t('admin.active')}</>;
  if (user.enrolmentExpiresAt <= now) return <span className="muted">{t('admin.enrolmentLapsed')}</span>;
  return <span className="muted">{t('admin.awaitingEnrolment', { until: instant(user.enrolmentExpiresAt) })}</span>;
}

/**
 * The second person of a reset: people holding a privileged role whose reset one administrator asked for
 * wait here for another administrator or the key officer (never the one who asked, nor the person), who
 * completes it and receives the new enrolment code to hand over.
 */
export function ResetRequestsSection({ org }: { org: OrganisationDetail }) {
  const me = useMe();
  const { t } = useI18n();
  const reissued = useReissuedWords();
  const users = useOrganisationUsers(org.id);
  const { busy, error, run } = useAction();
  const [issued, setIssued] = useState<string | null>(null);
  const waiting = (users.data ?? []).filter((u) => u.resetRequest !== null);
  if (waiting.length === 0 && !issued) return null;
  const loginOf = (id: string) => users.data?.find((u) => u.id === id)?.login ?? '—';
  const complete = (u: User) =>
    run(async () => {
      const r = await api.reissueEnrolment(u.id);
      setIssued(r.enrolment ? reissued(u.login, r.enrolment) : null);
      users.reload();
    });
  return (
    <Section title={t('resets.title', { n: waiting.length })}>
      <p className="hint">{t('resets.intro')}</p>
      <ErrorNotice error={error} />
      {issued && (
        <p className="notice notice-ok" role="status">
          {issued}
        </p>
      )}
      <ul data-testid="pending-resets">
        {waiting.map((u) => {
          const asked = u.resetRequest ?? { by: '', at: '' };
          return (
            <li key={u.id}>
              <strong>{u.displayName}</strong> ({u.login}) — {t('resets.askedBy', { login: loginOf(asked.by) })} ·{' '}
              <Time value={asked.at} />{' '}
              {asked.by === me.user.id || u.id === me.user.id ? (
                <span className="muted">{t('resets.notYou')}</span>
              ) : (
                <button type="button" className="primary" disabled={busy} onClick={() => void complete(u)}>
                  {t('resets.complete', { login: u.login })}
                </button>
              )}
            </li>
          );
        })}
      </ul>
    </Section>
  );
}

/**
 * The second person of the two-person rule: grants of privileged roles wait here until another
 * administrator or the key officer (never the granter or the grantee) countersigns or refuses them.
 */
export function GrantsSection({ org }: { org: OrganisationDetail }) {
  const me = useMe();
  const { t, bi } = useI18n();
  const grants = useAsync(() => api.roleGrants(org.id).then((r) => r.items), [org.id]);
  return (
    <SecondPersonQueue
      list={grants}
      title={(n) => t('grants.title', { n })}
      intro={t('grants.intro')}
      nonePending={t('grants.nonePending')}
      history={(n) => t('grants.history', { n })}
      testId="pending-grants"
      itemAttribute="data-grant"
      describe={(g) => (
        <>
          <strong>{g.userName}</strong> ({g.userLogin}) — {bi(ROLE_LABELS[g.role])} · <Time value={g.grantedAt} />
        </>
      )}
      describeDecided={(g) => (
        <>
          {g.userName} ({g.userLogin}) — {bi(ROLE_LABELS[g.role])} — {bi(ROLE_GRANT_STATE_LABELS[g.state])}
        </>
      )}
      decidedNote={(g) =>
        g.uncountersigned && (
          <span className="muted" data-uncountersigned={g.uncountersigned}>
            {' '}
            · {bi(UNCOUNTERSIGNED_WORDS[g.uncountersigned])}
          </span>
        )
      }
      own={(g) => g.grantedBy === me.user.id || g.userId === me.user.id}
      confirmLabel={(g) => t('grants.countersign', { login: g.userLogin })}
      refuseLabel={t('grants.refuse')}
      confirm={(g) => api.countersignGrant(g.id)}
      refuse={(g, reason) => api.refuseGrant(g.id, reason)}
    />
  );
}
