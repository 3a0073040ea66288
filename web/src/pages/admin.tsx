import { type FormEvent, useState } from 'react';
import {
  DATA_CATEGORIES,
  DATA_CATEGORY_LABELS,
  isOneOf,
  KEY_PURPOSE_LABELS,
  KEY_PURPOSES,
  KEY_REVOCATION_REASON_LABELS,
  KEY_REVOCATION_REASONS,
  type KeyPurpose,
  type KeyRevocationReason,
  MINIMUM_BASES,
  MINIMUM_BASIS_LABELS,
  ORGANISATION_KIND_LABELS,
  ORGANISATION_KINDS,
  ROLE_GRANT_STATE_LABELS,
  ROLE_LABELS,
  ROLES_BY_ORGANISATION_KIND,
  SUBSCRIBER_INVOLVEMENT,
  SUBSCRIBER_INVOLVEMENT_LABELS,
} from '#shokai/vocabulary';
import { api } from '../api/client.ts';
import type { OrganisationDetail, OrganisationKind, ProviderPolicy, Role } from '../api/types.ts';
import { ErrorNotice, Field, Loading, Section, TextField, Time } from '../components/common.tsx';
import { CredentialRequestsSection } from '../components/credential-requests.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { Link, navigate } from '../lib/router.tsx';
import { hasRole, useMe } from '../lib/session.tsx';
import { useAsync } from '../lib/use-async.ts';

export function AdminPage() {
  const me = useMe();
  const { t, bi, locale } = useI18n();
  const isAdmin = hasRole(me, 'admin');
  // Organisations are registered by the hub's (oversight) administrators; every other administrator
  // manages its own organisation.
  const isHubAdmin = isAdmin && me.organisation.kind === 'oversight';
  const orgs = useAsync(
    () => (isAdmin ? api.organisations().then((r) => r.items) : Promise.resolve([me.organisation])),
    [isAdmin, me.organisation],
  );
  const [kind, setKind] = useState<OrganisationKind>('provider');
  const [nameJa, setNameJa] = useState('');
  const [nameEn, setNameEn] = useState('');
  const [carrier, setCarrier] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const create = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const o = await api.createOrganisation({
        kind,
        nameJa: nameJa.trim(),
        nameEn: nameEn.trim(),
        ...(kind === 'provider' ? { isTelecomCarrier: carrier } : {}),
      });
      navigate(`/admin/organisations/${o.id}`);
    } catch (err) {
      setError(err);
    }
  };
  return (
    <div>
      <h1>{t('admin.title')}</h1>
      <p>
        <Link className="button primary" to={`/admin/organisations/${me.organisation.id}`}>
          {t('admin.myOrganisation', { name: locale === 'ja' ? me.organisation.nameJa : me.organisation.nameEn })}
        </Link>
      </p>
      {orgs.loading && <Loading />}
      <ErrorNotice error={orgs.error} />
      {orgs.data && (
        <Section title={t('admin.organisations')}>
          <div className="table-wrap">
            <table>
              <caption className="sr-only">{t('admin.organisations')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('admin.name')}</th>
                  <th scope="col">{t('admin.kind')}</th>
                  <th scope="col">{t('admin.carrier')}</th>
                </tr>
              </thead>
              <tbody>
                {orgs.data.map((o) => (
                  <tr key={o.id}>
                    <th scope="row">
                      <Link to={`/admin/organisations/${o.id}`}>{locale === 'ja' ? o.nameJa : o.nameEn}</Link>
                    </th>
                    <td>{bi(ORGANISATION_KIND_LABELS[o.kind])}</td>
                    <td>{o.kind === 'provider' ? (o.isTelecomCarrier ? t('common.yes') : t('common.no')) : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </Section>
      )}
      {isHubAdmin && (
        <Section title={t('admin.newOrganisation')}>
          <form onSubmit={(e) => void create(e)} aria-label={t('admin.newOrganisation')}>
            <ErrorNotice error={error} />
            <Field label={t('admin.kind')}>
              {(id) => (
                <select id={id} value={kind} onChange={(e) => setKind(e.target.value as OrganisationKind)}>
                  {ORGANISATION_KINDS.map((k) => (
                    <option key={k} value={k}>
                      {bi(ORGANISATION_KIND_LABELS[k])}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <TextField label={t('admin.nameJa')} required value={nameJa} onChange={setNameJa} />
            <TextField label={t('admin.nameEn')} required value={nameEn} onChange={setNameEn} />
            {kind === 'provider' && (
              <label className="check-line">
                <input type="checkbox" checked={carrier} onChange={(e) => setCarrier(e.target.checked)} />{' '}
                {t('admin.carrier')}
              </label>
            )}
            <button type="submit" className="primary">
              {t('admin.create')}
            </button>
          </form>
        </Section>
      )}
    </div>
  );
}

export function OrganisationAdminPage({ id }: { id: string }) {
  const me = useMe();
  const { t, bi, locale } = useI18n();
  const org = useAsync(() => api.organisation(id), [id]);
  // A user created with a privileged role adds a pending grant: the grants list reads again.
  const [grantsVersion, setGrantsVersion] = useState(0);
  if (org.loading && !org.data) return <Loading />;
  if (org.error || !org.data) return <ErrorNotice error={org.error} />;
  const o = org.data;
  const own = me.organisation.id === o.id;
  const isAdmin = hasRole(me, 'admin') && own;
  const canPolicy = o.kind === 'provider' && own && hasRole(me, 'admin', 'provider_legal');
  return (
    <div>
      <h1>{locale === 'ja' ? o.nameJa : o.nameEn}</h1>
      <p className="muted">
        {bi(ORGANISATION_KIND_LABELS[o.kind])} · <code>{o.id}</code>
      </p>
      <p>
        <Link to="/admin">{t('admin.back')}</Link>
      </p>
      <UnitsSection org={o} canEdit={isAdmin} reload={org.reload} />
      {isAdmin && <UsersSection org={o} onCreated={() => setGrantsVersion((v) => v + 1)} />}
      {own && hasRole(me, 'admin', 'key_officer') && <GrantsSection key={grantsVersion} org={o} />}
      {own && hasRole(me, 'admin', 'key_officer') && <CredentialRequestsSection />}
      {isAdmin && <KeysSection org={o} />}
      {canPolicy && <PolicySection org={o} reload={org.reload} />}
      {o.kind === 'provider' && isAdmin && <NetworksSection org={o} reload={org.reload} />}
      {!own && <p className="muted">{t('admin.notYours')}</p>}
    </div>
  );
}

function UnitsSection({ org, canEdit, reload }: { org: OrganisationDetail; canEdit: boolean; reload: () => void }) {
  const { t, locale } = useI18n();
  const [ja, setJa] = useState('');
  const [en, setEn] = useState('');
  const [error, setError] = useState<unknown>(null);
  const add = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await api.createUnit(org.id, { nameJa: ja.trim(), nameEn: en.trim() });
      setJa('');
      setEn('');
      reload();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <Section title={t('admin.units', { n: org.units.length })}>
      <ul>
        {org.units.map((u) => (
          <li key={u.id}>
            {locale === 'ja' ? u.nameJa : u.nameEn} <code className="small">{u.id}</code>
          </li>
        ))}
      </ul>
      {canEdit && (
        <form onSubmit={(e) => void add(e)} aria-label={t('admin.newUnit')} className="inline-form">
          <ErrorNotice error={error} />
          <TextField label={t('admin.nameJa')} required value={ja} onChange={setJa} />
          <TextField label={t('admin.nameEn')} required value={en} onChange={setEn} />
          <button type="submit" className="secondary">
            {t('admin.newUnit')}
          </button>
        </form>
      )}
    </Section>
  );
}

function UsersSection({ org, onCreated }: { org: OrganisationDetail; onCreated: () => void }) {
  const { t, bi, locale } = useI18n();
  const users = useAsync(() => api.users().then((r) => r.items.filter((u) => u.organisationId === org.id)), [org.id]);
  const [login, setLogin] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [unitId, setUnitId] = useState('');
  const [roles, setRoles] = useState<Role[]>([]);
  // A lawyer is registered with their registration number and bar association (issue 15).
  const [barNumber, setBarNumber] = useState('');
  const [barAssociation, setBarAssociation] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [created, setCreated] = useState<string | null>(null);
  const add = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setCreated(null);
    try {
      const r = await api.createUser({
        organisationId: org.id,
        unitId: unitId || null,
        login: login.trim(),
        displayName: displayName.trim(),
        roles,
        password,
        ...(roles.includes('lawyer') && barNumber.trim() ? { barRegistrationNumber: barNumber.trim() } : {}),
        ...(roles.includes('lawyer') && barAssociation.trim() ? { barAssociation: barAssociation.trim() } : {}),
      });
      const secret = r.totpSecret || r.otpauthUri || null;
      const pending = r.grants.filter((g) => g.state === 'pending').map((g) => bi(ROLE_LABELS[g.role]));
      setCreated(
        [
          secret ? t('admin.userCreatedTotp', { secret }) : t('admin.userCreated'),
          ...(pending.length > 0 ? [t('grants.pendingNotice', { roles: pending.join('、') })] : []),
        ].join(' '),
      );
      setLogin('');
      setDisplayName('');
      setPassword('');
      setRoles([]);
      setBarNumber('');
      setBarAssociation('');
      users.reload();
      onCreated();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <Section title={t('admin.users')}>
      {users.loading && <Loading />}
      <ErrorNotice error={users.error} />
      {users.data && (
        <div className="table-wrap">
          <table>
            <caption className="sr-only">{t('admin.users')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('signin.login')}</th>
                <th scope="col">{t('admin.displayName')}</th>
                <th scope="col">{t('admin.roles')}</th>
                <th scope="col">{t('admin.status')}</th>
                <th scope="col">
                  <span className="sr-only">{t('admin.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {users.data.map((u) => (
                <tr key={u.id}>
                  <th scope="row">{u.login}</th>
                  <td>{u.displayName}</td>
                  <td>
                    {u.roles.map((r) => bi(ROLE_LABELS[r])).join('、')}
                    {u.barRegistrationNumber && (
                      <span className="muted small">
                        {' '}
                        {t('admin.barShown', { number: u.barRegistrationNumber, bar: u.barAssociation ?? '' })}
                      </span>
                    )}
                  </td>
                  <td>{u.disabled ? t('admin.disabled') : t('admin.active')}</td>
                  <td>
                    {!u.disabled && (
                      <button
                        type="button"
                        className="link danger"
                        onClick={() => void api.disableUser(u.id).then(users.reload, setError)}
                      >
                        {t('admin.disable', { login: u.login })}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <form onSubmit={(e) => void add(e)} aria-label={t('admin.newUser')}>
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
          <TextField
            label={t('signin.password')}
            type="password"
            autoComplete="new-password"
            required
            value={password}
            onChange={setPassword}
          />
          <Field label={t('admin.unit')}>
            {(id) => (
              <select id={id} value={unitId} onChange={(e) => setUnitId(e.target.value)}>
                <option value="">—</option>
                {org.units.map((u) => (
                  <option key={u.id} value={u.id}>
                    {locale === 'ja' ? u.nameJa : u.nameEn}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <fieldset className="checks">
          <legend>{t('admin.roles')}</legend>
          {ROLES_BY_ORGANISATION_KIND[org.kind].map((r) => (
            <label key={r}>
              <input
                type="checkbox"
                checked={roles.includes(r)}
                onChange={(e) => setRoles((rs) => (e.target.checked ? [...rs, r] : rs.filter((x) => x !== r)))}
              />{' '}
              {bi(ROLE_LABELS[r])}
            </label>
          ))}
        </fieldset>
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
 * The second person of the two-person rule: grants of privileged roles wait here until another
 * administrator or the key officer (never the granter or the grantee) countersigns or refuses them.
 */
function GrantsSection({ org }: { org: OrganisationDetail }) {
  const me = useMe();
  const { t, bi } = useI18n();
  const grants = useAsync(() => api.roleGrants(org.id).then((r) => r.items), [org.id]);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const decide = (p: Promise<unknown>) => {
    setError(null);
    p.then(() => {
      setReason('');
      grants.reload();
    }, setError);
  };
  const pending = grants.data?.filter((g) => g.state === 'pending') ?? [];
  const decided = grants.data?.filter((g) => g.state !== 'pending') ?? [];
  return (
    <Section title={t('grants.title', { n: pending.length })}>
      <p className="hint">{t('grants.intro')}</p>
      {grants.loading && <Loading />}
      <ErrorNotice error={grants.error ?? error} />
      {pending.length === 0 && grants.data && <p className="muted">{t('grants.nonePending')}</p>}
      {pending.length > 0 && (
        <ul className="grants" data-testid="pending-grants">
          {pending.map((g) => {
            const self = g.grantedBy === me.user.id || g.userId === me.user.id;
            return (
              <li key={g.id} data-grant={g.id}>
                <strong>{g.userName}</strong> ({g.userLogin}) — {bi(ROLE_LABELS[g.role])} · <Time value={g.grantedAt} />{' '}
                {self ? (
                  <span className="muted">{t('grants.notYou')}</span>
                ) : (
                  <>
                    <button type="button" className="primary" onClick={() => decide(api.countersignGrant(g.id))}>
                      {t('grants.countersign', { login: g.userLogin })}
                    </button>{' '}
                    <button
                      type="button"
                      className="danger"
                      disabled={!reason.trim()}
                      onClick={() => decide(api.refuseGrant(g.id, reason.trim()))}
                    >
                      {t('grants.refuse')}
                    </button>
                  </>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {pending.length > 0 && <TextField label={t('grants.refusalReason')} value={reason} onChange={setReason} />}
      {decided.length > 0 && (
        <details>
          <summary>{t('grants.history', { n: decided.length })}</summary>
          <ul>
            {decided.map((g) => (
              <li key={g.id}>
                {g.userName} ({g.userLogin}) — {bi(ROLE_LABELS[g.role])} — {bi(ROLE_GRANT_STATE_LABELS[g.state])}
                {g.decidedAt && (
                  <>
                    {' '}
                    · <Time value={g.decidedAt} />
                  </>
                )}
                {g.state === 'active' && !g.countersignedBy && <span className="muted"> · {t('grants.legacy')}</span>}
              </li>
            ))}
          </ul>
        </details>
      )}
    </Section>
  );
}

function KeysSection({ org }: { org: OrganisationDetail }) {
  const { t, bi, locale } = useI18n();
  const keys = useAsync(() => api.keys(org.id).then((r) => r.items), [org.id]);
  const [owner, setOwner] = useState(org.units[0] ? `unit:${org.units[0].id}` : `organisation:${org.id}`);
  const [purpose, setPurpose] = useState<KeyPurpose>('signing');
  const [error, setError] = useState<unknown>(null);
  const [revokeReason, setRevokeReason] = useState<KeyRevocationReason>('superseded');
  const create = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    const [ownerType, ownerId] = owner.split(/:(.*)/s) as ['unit' | 'organisation', string];
    try {
      await api.createKey({ ownerType, ownerId, purpose });
      keys.reload();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <Section title={t('admin.keys')}>
      {keys.loading && <Loading />}
      <ErrorNotice error={keys.error ?? error} />
      {keys.data && (
        <div className="table-wrap">
          <table>
            <caption className="sr-only">{t('admin.keys')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('admin.fingerprint')}</th>
                <th scope="col">{t('admin.owner')}</th>
                <th scope="col">{t('admin.purpose')}</th>
                <th scope="col">{t('admin.validFrom')}</th>
                <th scope="col">{t('admin.status')}</th>
                <th scope="col">
                  <span className="sr-only">{t('admin.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {keys.data.map((k) => (
                <tr key={k.id}>
                  <th scope="row">
                    <code className="small break">{k.fingerprint}</code>
                  </th>
                  <td>
                    {k.ownerType}: <code className="small">{k.ownerId}</code>
                  </td>
                  <td>
                    {isOneOf(KEY_PURPOSES, k.purpose) ? bi(KEY_PURPOSE_LABELS[k.purpose]) : k.purpose} ({k.algorithm})
                  </td>
                  <td>
                    <Time value={k.validFrom} />
                  </td>
                  <td>
                    {k.revokedAt ? t('admin.revokedAt', { at: '' }) : t('admin.active')}
                    {k.revokedAt && <Time value={k.revokedAt} />}
                  </td>
                  <td>
                    {!k.revokedAt && (
                      <button
                        type="button"
                        className="link danger"
                        onClick={() => void api.revokeKey(k.id, revokeReason).then(keys.reload, setError)}
                      >
                        {t('admin.revoke')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Field label={t('admin.revokeReason')}>
        {(id) => (
          <select id={id} value={revokeReason} onChange={(e) => setRevokeReason(e.target.value as KeyRevocationReason)}>
            {KEY_REVOCATION_REASONS.map((r) => (
              <option key={r} value={r}>
                {bi(KEY_REVOCATION_REASON_LABELS[r])}
              </option>
            ))}
          </select>
        )}
      </Field>
      <form onSubmit={(e) => void create(e)} aria-label={t('admin.newKey')} className="inline-form">
        <h3>{t('admin.newKey')}</h3>
        <Field label={t('admin.owner')}>
          {(id) => (
            <select id={id} value={owner} onChange={(e) => setOwner(e.target.value)}>
              <option value={`organisation:${org.id}`}>{t('admin.ownerOrg')}</option>
              {org.units.map((u) => (
                <option key={u.id} value={`unit:${u.id}`}>
                  {t('admin.ownerUnit')}: {locale === 'ja' ? u.nameJa : u.nameEn}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('admin.purpose')}>
          {(id) => (
            <select id={id} value={purpose} onChange={(e) => setPurpose(e.target.value as KeyPurpose)}>
              {KEY_PURPOSES.map((k) => (
                <option key={k} value={k}>
                  {bi(KEY_PURPOSE_LABELS[k])}
                </option>
              ))}
            </select>
          )}
        </Field>
        <button type="submit" className="secondary">
          {t('admin.createKey')}
        </button>
      </form>
    </Section>
  );
}

type CategoryPolicy = ProviderPolicy['categories']['subscriber'];
type Policy = ProviderPolicy;

function PolicySection({ org, reload }: { org: OrganisationDetail; reload: () => void }) {
  const { t, bi } = useI18n();
  const [p, setP] = useState<Policy | null>(org.policy?.policy ?? null);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  if (!p) return null;
  const setCat = (c: (typeof DATA_CATEGORIES)[number], patch: Partial<CategoryPolicy>) =>
    setP({ ...p, categories: { ...p.categories, [c]: { ...p.categories[c], ...patch } } });
  const save = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setSaved(false);
    try {
      await api.putPolicy(org.id, { ...p, version: (org.policy?.version ?? p.version ?? 0) + 1 });
      setSaved(true);
      reload();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <Section title={t('policyAdmin.title')}>
      <form onSubmit={(e) => void save(e)} aria-label={t('policyAdmin.title')}>
        <ErrorNotice error={error} />
        {saved && (
          <p className="notice notice-ok" role="status">
            {t('policyAdmin.saved')}
          </p>
        )}
        <div className="table-wrap">
          <table className="policy-table">
            <caption>{t('policyAdmin.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('editor.categories')}</th>
                <th scope="col">{t('policyAdmin.minimumBasis')}</th>
                <th scope="col">{t('policyAdmin.emergency')}</th>
                <th scope="col">{t('policyAdmin.civil')}</th>
                <th scope="col">{t('policyAdmin.involvement')}</th>
              </tr>
            </thead>
            <tbody>
              {DATA_CATEGORIES.map((c) => {
                const cp = p.categories[c];
                const label = bi(DATA_CATEGORY_LABELS[c]);
                return (
                  <tr key={c}>
                    <th scope="row">{label}</th>
                    <td>
                      <select
                        aria-label={`${label}: ${t('policyAdmin.minimumBasis')}`}
                        value={cp.minimumBasis}
                        onChange={(e) => setCat(c, { minimumBasis: e.target.value as CategoryPolicy['minimumBasis'] })}
                      >
                        {MINIMUM_BASES.map((b) => (
                          <option key={b} value={b}>
                            {bi(MINIMUM_BASIS_LABELS[b])}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td>
                      <input
                        type="checkbox"
                        aria-label={`${label}: ${t('policyAdmin.emergency')}`}
                        checked={cp.acceptsEmergency}
                        onChange={(e) => setCat(c, { acceptsEmergency: e.target.checked })}
                      />
                    </td>
                    <td>
                      <input
                        type="checkbox"
                        aria-label={`${label}: ${t('policyAdmin.civil')}`}
                        checked={cp.acceptsCivilDisclosure}
                        onChange={(e) => setCat(c, { acceptsCivilDisclosure: e.target.checked })}
                      />
                    </td>
                    <td>
                      <select
                        aria-label={`${label}: ${t('policyAdmin.involvement')}`}
                        value={cp.subscriberInvolvement}
                        onChange={(e) =>
                          setCat(c, {
                            subscriberInvolvement: e.target.value as CategoryPolicy['subscriberInvolvement'],
                          })
                        }
                      >
                        {SUBSCRIBER_INVOLVEMENT.map((b) => (
                          <option key={b} value={b}>
                            {bi(SUBSCRIBER_INVOLVEMENT_LABELS[b])}
                          </option>
                        ))}
                      </select>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <h3>{t('policyAdmin.deadlines')}</h3>
        <div className="grid3">
          {(Object.keys(p.deadlines) as (keyof Policy['deadlines'])[]).map((k) => (
            <TextField
              key={k}
              label={t(`policyAdmin.deadline.${k}`)}
              inputMode="numeric"
              value={String(p.deadlines[k])}
              onChange={(s) => setP({ ...p, deadlines: { ...p.deadlines, [k]: Number(s) || 0 } })}
            />
          ))}
        </div>
        <button type="submit" className="primary">
          {t('policyAdmin.publish')}
        </button>
      </form>
    </Section>
  );
}

function NetworksSection({ org, reload }: { org: OrganisationDetail; reload: () => void }) {
  const { t } = useI18n();
  const n = org.networks ?? { cidrs: [], asns: [], domains: [] };
  const [cidrs, setCidrs] = useState(n.cidrs.join('\n'));
  const [asns, setAsns] = useState(n.asns.join('\n'));
  const [domains, setDomains] = useState(n.domains.join('\n'));
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const lines = (s: string) =>
    s
      .split(/[\s,]+/)
      .map((x) => x.trim())
      .filter(Boolean);
  const save = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setSaved(false);
    try {
      await api.putNetworks(org.id, {
        cidrs: lines(cidrs),
        asns: lines(asns).map((a) => Number(a.replace(/^AS/i, ''))),
        domains: lines(domains),
      });
      setSaved(true);
      reload();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <Section title={t('networks.title')}>
      <form onSubmit={(e) => void save(e)} aria-label={t('networks.title')}>
        <p className="hint">{t('networks.hint')}</p>
        <ErrorNotice error={error} />
        {saved && (
          <p className="notice notice-ok" role="status">
            {t('policyAdmin.saved')}
          </p>
        )}
        <div className="grid3">
          <TextField label={t('networks.cidrs')} multiline rows={4} value={cidrs} onChange={setCidrs} />
          <TextField label={t('networks.asns')} multiline rows={4} value={asns} onChange={setAsns} />
          <TextField label={t('networks.domains')} multiline rows={4} value={domains} onChange={setDomains} />
        </div>
        <button type="submit" className="secondary">
          {t('networks.save')}
        </button>
      </form>
    </Section>
  );
}
