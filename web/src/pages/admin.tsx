import { useState } from 'react';
import { ORGANISATION_KIND_LABELS, ORGANISATION_KINDS } from '#shokai/vocabulary';
import { api } from '../api/client.ts';
import type { OrganisationDetail, OrganisationKind } from '../api/types.ts';
import { SelectChoice } from '../components/choices.tsx';
import { ErrorNotice, Loading, LoadState, orgName, Section, TextField } from '../components/common.tsx';
import { CredentialRequestsSection } from '../components/credential-requests.tsx';
import { KeyRegistrationsSection } from '../components/key-registrations.tsx';
import { Table } from '../components/table.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { Link, navigate } from '../lib/router.tsx';
import { hasRole, useMe } from '../lib/session.tsx';
import { useAction } from '../lib/use-action.ts';
import { useAsync } from '../lib/use-async.ts';
import { GrantsSection, ResetRequestsSection, UsersSection } from './admin-people.tsx';
import { KeysSection, NetworksSection, PolicySection } from './admin-provider.tsx';

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
  const { error, submit } = useAction();
  const create = submit(async () => {
    const o = await api.createOrganisation({
      kind,
      nameJa: nameJa.trim(),
      nameEn: nameEn.trim(),
      ...(kind === 'provider' ? { isTelecomCarrier: carrier } : {}),
    });
    navigate(`/admin/organisations/${o.id}`);
  });
  return (
    <div>
      <h1>{t('admin.title')}</h1>
      <p>
        <Link className="button primary" to={`/admin/organisations/${me.organisation.id}`}>
          {t('admin.myOrganisation', { name: orgName(me.organisation, locale) })}
        </Link>
      </p>
      <LoadState of={orgs} />
      {orgs.data && (
        <Section title={t('admin.organisations')}>
          <Table
            caption={t('admin.organisations')}
            rows={orgs.data}
            rowKey={(o) => o.id}
            rowHeader
            columns={[
              {
                head: t('admin.name'),
                cell: (o) => <Link to={`/admin/organisations/${o.id}`}>{orgName(o, locale)}</Link>,
              },
              { head: t('admin.kind'), cell: (o) => bi(ORGANISATION_KIND_LABELS[o.kind]) },
              {
                head: t('admin.carrier'),
                cell: (o) => (o.kind === 'provider' ? (o.isTelecomCarrier ? t('common.yes') : t('common.no')) : '—'),
              },
            ]}
          />
        </Section>
      )}
      {isHubAdmin && (
        <Section title={t('admin.newOrganisation')}>
          <form onSubmit={create} aria-label={t('admin.newOrganisation')}>
            <ErrorNotice error={error} />
            <SelectChoice
              label={t('admin.kind')}
              options={ORGANISATION_KINDS}
              labels={ORGANISATION_KIND_LABELS}
              value={kind}
              onChange={setKind}
            />
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
      <h1>{orgName(o, locale)}</h1>
      <p className="muted">
        {bi(ORGANISATION_KIND_LABELS[o.kind])} · {t('admin.idForCommands')} <code>{o.id}</code>
      </p>
      <p>
        <Link to="/admin">{t('admin.back')}</Link>
      </p>
      <UnitsSection org={o} canEdit={isAdmin} reload={org.reload} />
      {isAdmin && <UsersSection org={o} onChanged={() => setGrantsVersion((v) => v + 1)} />}
      {own && hasRole(me, 'admin', 'key_officer') && <GrantsSection key={grantsVersion} org={o} />}
      {own && hasRole(me, 'admin', 'key_officer') && <ResetRequestsSection key={grantsVersion} org={o} />}
      {own && hasRole(me, 'admin', 'key_officer') && <CredentialRequestsSection />}
      {own && o.kind === 'provider' && hasRole(me, 'admin', 'key_officer') && <KeyRegistrationsSection org={o} />}
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
  const { error, submit } = useAction();
  const add = submit(async () => {
    await api.createUnit(org.id, { nameJa: ja.trim(), nameEn: en.trim() });
    setJa('');
    setEn('');
    reload();
  });
  return (
    <Section title={t('admin.units', { n: org.units.length })}>
      <ul>
        {org.units.map((u) => (
          <li key={u.id}>
            {orgName(u, locale)}{' '}
            <span className="muted small">
              {t('admin.idForCommands')} <code>{u.id}</code>
            </span>
          </li>
        ))}
      </ul>
      {canEdit && (
        <form onSubmit={add} aria-label={t('admin.newUnit')} className="inline-form">
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
