// What an organisation publishes about itself: its keys (rotated, revoked), and for a provider its
// policy and the networks it declares.
import { useState } from 'react';
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
  SUBSCRIBER_INVOLVEMENT,
  SUBSCRIBER_INVOLVEMENT_LABELS,
} from '#shokai/vocabulary';
import { api } from '../api/client.ts';
import type { OrganisationDetail, ProviderPolicy } from '../api/types.ts';
import { Select, SelectChoice } from '../components/choices.tsx';
import { type ClosedChoice, ErrorNotice, orgName, Section, TextField, Time } from '../components/common.tsx';
import { Fingerprint } from '../components/fingerprint.tsx';
import { keyOwnerWords } from '../components/key-owner.ts';
import { AsyncTable, phrased } from '../components/table.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { typedList } from '../lib/form-state.ts';
import { useAction } from '../lib/use-action.ts';
import { useAsync } from '../lib/use-async.ts';

export function KeysSection({ org }: { org: OrganisationDetail }) {
  const { t, bi, locale } = useI18n();
  const keys = useAsync(() => api.keys(org.id).then((r) => r.items), [org.id]);
  // A person's key is named by the person (the section is an administrator's, who may list the people).
  const users = useAsync(() => api.users().then((r) => r.items), []);
  const owners = { organisation: org, units: org.units, users: users.data ?? undefined };
  const [owner, setOwner] = useState(org.units[0] ? `unit:${org.units[0].id}` : `organisation:${org.id}`);
  const [purpose, setPurpose] = useState<KeyPurpose>('signing');
  const { error, setError, submit } = useAction();
  const [revokeReason, setRevokeReason] = useState<KeyRevocationReason>('superseded');
  const create = submit(async () => {
    const [ownerType, ownerId] = owner.split(/:(.*)/s) as ['unit' | 'organisation', string];
    await api.createKey({ ownerType, ownerId, purpose });
    keys.reload();
  });
  return (
    <Section title={t('admin.keys')}>
      <ErrorNotice error={error} />
      <AsyncTable
        list={keys}
        caption={t('admin.keys')}
        rowKey={(k) => k.id}
        rowHeader
        columns={[
          { head: t('admin.fingerprint'), cell: (k) => <Fingerprint className="small break" value={k.fingerprint} /> },
          {
            head: t('admin.owner'),
            cell: (k) => keyOwnerWords(k, owners, locale),
          },
          {
            head: t('admin.purpose'),
            cell: (k) => (
              <>
                {isOneOf(KEY_PURPOSES, k.purpose) ? bi(KEY_PURPOSE_LABELS[k.purpose]) : k.purpose} ({k.algorithm})
              </>
            ),
          },
          { head: t('admin.validFrom'), cell: (k) => <Time value={k.validFrom} /> },
          {
            head: t('admin.status'),
            cell: (k) => (
              <>
                {k.revokedAt ? t('admin.revokedAt', { at: '' }) : t('admin.active')}
                {k.revokedAt && <Time value={k.revokedAt} />}
              </>
            ),
          },
          {
            head: t('admin.actions'),
            hideHead: true,
            cell: (k) =>
              !k.revokedAt && (
                <button
                  type="button"
                  className="link danger"
                  onClick={() => void api.revokeKey(k.id, revokeReason).then(keys.reload, setError)}
                >
                  {t('admin.revoke')}
                </button>
              ),
          },
        ]}
      />
      <SelectChoice
        label={t('admin.revokeReason')}
        options={KEY_REVOCATION_REASONS}
        labels={KEY_REVOCATION_REASON_LABELS}
        value={revokeReason}
        onChange={setRevokeReason}
      />
      <form onSubmit={create} aria-label={t('admin.newKey')} className="inline-form">
        <h3>{t('admin.newKey')}</h3>
        <Select
          label={t('admin.owner')}
          options={[
            { value: `organisation:${org.id}`, text: t('admin.ownerOrg') },
            ...org.units.map((u) => ({
              value: `unit:${u.id}`,
              text: `${t('admin.ownerUnit')}: ${orgName(u, locale)}`,
            })),
          ]}
          value={owner}
          onChange={setOwner}
        />
        <SelectChoice
          label={t('admin.purpose')}
          options={KEY_PURPOSES}
          labels={KEY_PURPOSE_LABELS}
          value={purpose}
          onChange={setPurpose}
        />
        <button type="submit" className="secondary">
          {t('admin.createKey')}
        </button>
      </form>
    </Section>
  );
}

type CategoryPolicy = ProviderPolicy['categories']['subscriber'];
type Policy = ProviderPolicy;

/** A cell of the policy table: one of a closed list, named (row and column) for assistive technology. */
function ChoiceCell<T extends string>({ name, options, labels, value, onChange }: { name: string } & ClosedChoice<T>) {
  const { bi } = useI18n();
  return (
    <td>
      <select
        aria-label={name}
        value={value}
        onChange={(e) => {
          const o = options.find((x) => x === e.target.value);
          if (o !== undefined) onChange(o);
        }}
      >
        {options.map((o) => (
          <option key={o} value={o}>
            {bi(labels[o])}
          </option>
        ))}
      </select>
    </td>
  );
}

/** A cell of the policy table: yes or no, named (row and column) for assistive technology. */
function CheckCell({ name, checked, onChange }: { name: string; checked: boolean; onChange: (v: boolean) => void }) {
  return (
    <td>
      <input type="checkbox" aria-label={name} checked={checked} onChange={(e) => onChange(e.target.checked)} />
    </td>
  );
}

/**
 * A section's form that puts what it holds and then reads the organisation again: the putting, and
 * what it came to (the refusal, or "saved" until the next try).
 */
function useSave(reload: () => void) {
  const { error, submit } = useAction();
  const [saved, setSaved] = useState(false);
  const save = (put: () => Promise<unknown>) =>
    submit(async () => {
      setSaved(false);
      await put();
      setSaved(true);
      reload();
    });
  return { error, saved, save };
}

/** What a section's last save came to: its refusal, or that it was saved. */
function SaveNotices({ error, saved }: { error: unknown; saved: boolean }) {
  const { t } = useI18n();
  return (
    <>
      <ErrorNotice error={error} />
      {saved && (
        <p className="notice notice-ok" role="status">
          {t('policyAdmin.saved')}
        </p>
      )}
    </>
  );
}

export function PolicySection({ org, reload }: { org: OrganisationDetail; reload: () => void }) {
  const { t, bi } = useI18n();
  const [p, setP] = useState<Policy | null>(org.policy?.policy ?? null);
  const { error, saved, save } = useSave(reload);
  if (!p) return null;
  const setCat = (c: (typeof DATA_CATEGORIES)[number], patch: Partial<CategoryPolicy>) =>
    setP({ ...p, categories: { ...p.categories, [c]: { ...p.categories[c], ...patch } } });
  const publish = save(() => api.putPolicy(org.id, { ...p, version: (org.policy?.version ?? p.version ?? 0) + 1 }));
  return (
    <Section title={t('policyAdmin.title')}>
      <form onSubmit={publish} aria-label={t('policyAdmin.title')}>
        <SaveNotices error={error} saved={saved} />
        <div className="table-wrap">
          <table className="policy-table">
            <caption>{t('policyAdmin.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{phrased(t('editor.categories'))}</th>
                <th scope="col">{phrased(t('policyAdmin.minimumBasis'))}</th>
                <th scope="col">{phrased(t('policyAdmin.emergency'))}</th>
                <th scope="col">{phrased(t('policyAdmin.civil'))}</th>
                <th scope="col">{phrased(t('policyAdmin.involvement'))}</th>
              </tr>
            </thead>
            <tbody>
              {DATA_CATEGORIES.map((c) => {
                const cp = p.categories[c];
                const label = bi(DATA_CATEGORY_LABELS[c]);
                return (
                  <tr key={c}>
                    <th scope="row">{label}</th>
                    <ChoiceCell
                      name={`${label}: ${t('policyAdmin.minimumBasis')}`}
                      options={MINIMUM_BASES}
                      labels={MINIMUM_BASIS_LABELS}
                      value={cp.minimumBasis}
                      onChange={(minimumBasis) => setCat(c, { minimumBasis })}
                    />
                    <CheckCell
                      name={`${label}: ${t('policyAdmin.emergency')}`}
                      checked={cp.acceptsEmergency}
                      onChange={(acceptsEmergency) => setCat(c, { acceptsEmergency })}
                    />
                    <CheckCell
                      name={`${label}: ${t('policyAdmin.civil')}`}
                      checked={cp.acceptsCivilDisclosure}
                      onChange={(acceptsCivilDisclosure) => setCat(c, { acceptsCivilDisclosure })}
                    />
                    <ChoiceCell
                      name={`${label}: ${t('policyAdmin.involvement')}`}
                      options={SUBSCRIBER_INVOLVEMENT}
                      labels={SUBSCRIBER_INVOLVEMENT_LABELS}
                      value={cp.subscriberInvolvement}
                      onChange={(subscriberInvolvement) => setCat(c, { subscriberInvolvement })}
                    />
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

export function NetworksSection({ org, reload }: { org: OrganisationDetail; reload: () => void }) {
  const { t } = useI18n();
  const n = org.networks ?? { cidrs: [], asns: [], domains: [] };
  const [cidrs, setCidrs] = useState(n.cidrs.join('\n'));
  const [asns, setAsns] = useState(n.asns.join('\n'));
  const [domains, setDomains] = useState(n.domains.join('\n'));
  const { error, saved, save } = useSave(reload);
  const put = save(() =>
    api.putNetworks(org.id, {
      cidrs: typedList(cidrs),
      asns: typedList(asns).map((a) => Number(a.replace(/^AS/i, ''))),
      domains: typedList(domains),
    }),
  );
  if (org.networksFromInstallation) {
    // Declared signed from the provider's installation only: shown here, not changed.
    return (
      <Section title={t('networks.title')}>
        <p className="notice" role="note" data-testid="networks-from-installation">
          {t('networks.fromInstallation')}
        </p>
        <dl>
          <dt>{t('networks.cidrs')}</dt>
          <dd>{n.cidrs.join(', ') || '—'}</dd>
          <dt>{t('networks.asns')}</dt>
          <dd>{n.asns.join(', ') || '—'}</dd>
          <dt>{t('networks.domains')}</dt>
          <dd>{n.domains.join(', ') || '—'}</dd>
        </dl>
      </Section>
    );
  }
  return (
    <Section title={t('networks.title')}>
      <form onSubmit={put} aria-label={t('networks.title')}>
        <p className="hint">{t('networks.hint')}</p>
        <SaveNotices error={error} saved={saved} />
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
