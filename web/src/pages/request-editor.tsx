import { type FormEvent, useEffect, useMemo, useRef, useState } from 'react';
import {
  DATA_CATEGORIES,
  DATA_CATEGORY_LABELS,
  EMERGENCY_BASIS_LABELS,
  MLAT_ASSISTANCE,
  MLAT_ASSISTANCE_LABELS,
  MLAT_HOP_LABELS,
  MLAT_TREATIES,
  MLAT_TREATY_LABELS,
  REQUEST_KIND_LABELS,
  REQUEST_KINDS,
  REQUEST_KINDS_BY_ORGANISATION_KIND,
  SUICIDE_NOTICE_CONDITION_LABELS,
  SUICIDE_NOTICE_CONDITIONS,
  TARGET_TYPE_LABELS,
  TARGET_TYPES,
  WARRANT_TYPE_LABELS,
  WARRANT_TYPES,
  type WarrantType,
} from '#shokai/vocabulary';
import { api } from '../api/client.ts';
import type { DataCategory, PolicyCheck, RequestContentDraft, RequestDetail, RequestKind } from '../api/types.ts';
import { AddresseeFindings, AddresseeHint } from '../components/addressee.tsx';
import { ErrorNotice, Field, InstantInput, Loading, Section, TextField } from '../components/common.tsx';
import { defaultBasis, SECRECY_KINDS, type SecrecyForm, SecrecySection } from '../components/confidentiality.tsx';
import type { MessageKey } from '../i18n/dictionary.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { Link, navigate } from '../lib/router.tsx';
import { emptyRow, parseTargetList, rowFromTarget, type TargetRow, targetFromRow } from '../lib/targets.ts';
import { useAsync } from '../lib/use-async.ts';

type Conditions = { imminent: boolean; realistic: boolean; intentExpressed: boolean; notJokeOrFiction: boolean };

interface Form {
  kind: RequestKind;
  caseId: string;
  caseReference: string;
  providerOrganisationId: string;
  offence: string;
  facts: string;
  necessity: string;
  categories: DataCategory[];
  requestedBy: string;
  rows: TargetRow[];
  warrant: {
    type: WarrantType;
    courtOrganisationId: string;
    warrantNumber: string;
    issuedAt: string;
    validUntil: string;
    keyId: string;
    signature: string;
  };
  preservationDays: string;
  emergencyBasis: 'suicide_notice' | 'threat_to_life';
  conditions: Conditions;
  statement: string;
  civil: { claimant: string; counsel: string; rightsInfringed: string; courtOrderReference: string };
  cafeStoreName: string;
  mlat: {
    requestedCountry: string;
    foreignAuthority: string;
    foreignProvider: string;
    treaty: string;
    assistance: 'evidence' | 'preservation';
    centralAuthority: '' | 'npa' | 'moj';
    language: string;
  };
  secrecy: SecrecyForm;
}

function blankForm(): Form {
  return {
    kind: 'inquiry',
    caseId: '',
    caseReference: '',
    providerOrganisationId: '',
    offence: '',
    facts: '',
    necessity: '',
    categories: ['subscriber'],
    requestedBy: '',
    rows: [emptyRow('ip')],
    warrant: {
      type: 'seizure',
      courtOrganisationId: '',
      warrantNumber: '',
      issuedAt: '',
      validUntil: '',
      keyId: '',
      signature: '',
    },
    preservationDays: '30',
    emergencyBasis: 'suicide_notice',
    conditions: { imminent: false, realistic: false, intentExpressed: false, notJokeOrFiction: false },
    statement: '',
    civil: { claimant: '', counsel: '', rightsInfringed: '', courtOrderReference: '' },
    cafeStoreName: '',
    mlat: {
      requestedCountry: '',
      foreignAuthority: '',
      foreignProvider: '',
      treaty: '',
      assistance: 'evidence',
      centralAuthority: '',
      language: 'en',
    },
    secrecy: { secret: false, basis: 'ccp_197_5', reason: '' },
  };
}

function formFromDetail(d: RequestDetail): Form {
  const f = blankForm();
  const c = d.content;
  // The drafter always reads their own draft's content.
  if (!c) return f;
  f.kind = c.kind;
  f.caseId = d.caseId ?? '';
  f.caseReference = c.caseReference;
  f.providerOrganisationId = c.providerOrganisationId ?? '';
  f.offence = c.offence;
  f.facts = c.facts;
  f.necessity = c.necessity;
  f.categories = [...c.categories];
  f.requestedBy = c.requestedBy ?? '';
  f.rows = c.targets.map(rowFromTarget);
  if (c.warrant)
    f.warrant = { ...c.warrant, keyId: c.warrant.attestation.keyId, signature: c.warrant.attestation.signature };
  if (c.preservation) f.preservationDays = String(c.preservation.days);
  if (c.emergency) {
    f.emergencyBasis = c.emergency.basis;
    f.statement = c.emergency.statement;
    if (c.emergency.basis === 'suicide_notice') f.conditions = { ...c.emergency.conditions };
  }
  if (c.civil)
    f.civil = {
      claimant: c.civil.claimant,
      counsel: c.civil.counsel ?? '',
      rightsInfringed: c.civil.rightsInfringed,
      courtOrderReference: c.civil.courtOrderReference ?? '',
    };
  if (c.cafe) f.cafeStoreName = c.cafe.storeName ?? '';
  if (c.mlat) {
    f.mlat = {
      ...c.mlat,
      foreignProvider: c.mlat.foreignProvider ?? '',
      assistance: c.mlat.assistance ?? 'evidence',
      centralAuthority: c.mlat.centralAuthority ?? '',
    };
  }
  if (c.confidentiality) f.secrecy = { secret: true, basis: c.confidentiality.basis, reason: c.confidentiality.reason };
  return f;
}

function contentFromForm(f: Form): RequestContentDraft {
  const common = {
    caseReference: f.caseReference.trim(),
    offence: f.offence.trim(),
    facts: f.facts.trim(),
    necessity: f.necessity.trim(),
    targets: f.rows.map(targetFromRow),
    categories: f.categories,
    ...(f.requestedBy ? { requestedBy: f.requestedBy } : {}),
  };
  const addressed = { ...common, providerOrganisationId: f.providerOrganisationId };
  const secrecy =
    f.secrecy.secret && SECRECY_KINDS.includes(f.kind)
      ? {
          confidentiality: {
            doNotNotify: true as const,
            basis: f.secrecy.basis,
            reason: f.secrecy.reason.trim(),
          },
        }
      : {};
  // Each kind carries exactly its own block; the server validates the whole.
  switch (f.kind) {
    case 'inquiry':
      return { kind: 'inquiry', ...addressed, ...secrecy };
    case 'warrant':
      return {
        kind: 'warrant',
        ...addressed,
        ...secrecy,
        warrant: {
          type: f.warrant.type,
          courtOrganisationId: f.warrant.courtOrganisationId,
          warrantNumber: f.warrant.warrantNumber.trim(),
          issuedAt: f.warrant.issuedAt,
          validUntil: f.warrant.validUntil,
          attestation: { keyId: f.warrant.keyId.trim(), signature: f.warrant.signature.trim() },
        },
      };
    case 'preservation':
      return {
        kind: 'preservation',
        ...addressed,
        ...secrecy,
        preservation: { days: Number(f.preservationDays) || 30 },
      };
    case 'emergency':
      return {
        kind: 'emergency',
        ...addressed,
        ...secrecy,
        emergency:
          f.emergencyBasis === 'suicide_notice'
            ? { basis: 'suicide_notice', conditions: f.conditions, statement: f.statement.trim() }
            : { basis: 'threat_to_life', statement: f.statement.trim() },
      };
    case 'civil_disclosure':
      return {
        kind: 'civil_disclosure',
        ...addressed,
        civil: {
          claimant: f.civil.claimant.trim(),
          counsel: f.civil.counsel.trim(),
          rightsInfringed: f.civil.rightsInfringed.trim(),
          ...(f.civil.courtOrderReference.trim() ? { courtOrderReference: f.civil.courtOrderReference.trim() } : {}),
        },
      };
    case 'cafe_records':
      return {
        kind: 'cafe_records',
        ...addressed,
        ...secrecy,
        ...(f.cafeStoreName.trim() ? { cafe: { storeName: f.cafeStoreName.trim() } } : {}),
      };
    case 'mlat':
      return {
        kind: 'mlat',
        ...common,
        mlat: {
          requestedCountry: f.mlat.requestedCountry.trim().toUpperCase(),
          foreignAuthority: f.mlat.foreignAuthority.trim(),
          treaty: f.mlat.treaty.trim(),
          ...(f.mlat.assistance === 'preservation' ? { assistance: 'preservation' as const } : {}),
          ...(f.mlat.centralAuthority ? { centralAuthority: f.mlat.centralAuthority } : {}),
          language: f.mlat.language.trim(),
          ...(f.mlat.foreignProvider.trim() ? { foreignProvider: f.mlat.foreignProvider.trim() } : {}),
        },
      };
  }
}

export function RequestEditorPage({ id }: { id?: string }) {
  const existing = useAsync(() => (id ? api.request(id) : Promise.resolve(null)), [id]);
  if (id && existing.loading) return <Loading />;
  if (existing.error) return <ErrorNotice error={existing.error} />;
  return <Editor key={id ?? 'new'} id={id} initial={existing.data ? formFromDetail(existing.data) : blankForm()} />;
}

function Editor({ id, initial }: { id: string | undefined; initial: Form }) {
  const { t, bi, locale } = useI18n();
  const [f, setF] = useState<Form>(initial);
  const [zone, setZone] = useState('Asia/Tokyo');
  const [paste, setPaste] = useState('');
  const [pasteErrors, setPasteErrors] = useState<{ line: number; text: string }[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [policy, setPolicy] = useState<{ check: PolicyCheck | null; error: unknown; pending: boolean }>({
    check: null,
    error: null,
    pending: false,
  });
  const idemKey = useRef(crypto.randomUUID());

  const providers = useAsync(() => api.organisations('provider').then((r) => r.items), []);
  const courts = useAsync(() => api.organisations('court').then((r) => r.items), []);
  const cases = useAsync(() => api.cases().then((r) => r.items), []);

  const set = <K extends keyof Form>(k: K, v: Form[K]) => setF((old) => ({ ...old, [k]: v }));
  const setRow = (key: string, patch: Partial<TargetRow>) =>
    setF((old) => ({ ...old, rows: old.rows.map((r) => (r.key === key ? { ...r, ...patch } : r)) }));

  // The address targets as typed (a stable key, so the check reruns only when they change).
  const addressKey = JSON.stringify(
    f.rows.flatMap((r, i) => (r.type === 'ip' && r.value.trim() ? [{ targetIndex: i, address: r.value.trim() }] : [])),
  );
  const chosenProvider = providers.data?.find((p) => p.id === f.providerOrganisationId) ?? null;

  // The provider's policy check runs as the request takes shape (debounced).
  const policyInput = useMemo(
    () =>
      f.kind === 'mlat' || !f.providerOrganisationId || f.categories.length === 0
        ? null
        : {
            kind: f.kind,
            providerOrganisationId: f.providerOrganisationId,
            categories: f.categories,
            ...(f.kind === 'emergency' ? { emergencyBasis: f.emergencyBasis } : {}),
            ...(f.secrecy.secret && SECRECY_KINDS.includes(f.kind) ? { doNotNotify: true } : {}),
            addresses: addressKey ? (JSON.parse(addressKey) as { targetIndex: number; address: string }[]) : [],
          },
    [f.kind, f.providerOrganisationId, f.categories, f.emergencyBasis, f.secrecy.secret, addressKey],
  );
  useEffect(() => {
    if (!policyInput) {
      setPolicy({ check: null, error: null, pending: false });
      return;
    }
    let live = true;
    setPolicy((p) => ({ ...p, pending: true }));
    const h = setTimeout(() => {
      api.policyCheck(policyInput).then(
        (check) => live && setPolicy({ check, error: null, pending: false }),
        (err: unknown) => live && setPolicy({ check: null, error: err, pending: false }),
      );
    }, 300);
    return () => {
      live = false;
      clearTimeout(h);
    };
  }, [policyInput]);

  const save = async (e: FormEvent, thenSubmit: boolean) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const content = contentFromForm(f);
      let d: RequestDetail = id
        ? await api.updateRequest(id, content)
        : await api.createRequest(content, f.caseId || undefined, idemKey.current);
      if (thenSubmit) d = await api.transition(d.id, { action: 'submit' });
      navigate(`/requests/${d.id}`);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const applyPaste = () => {
    const { rows, errors } = parseTargetList(paste, zone);
    setPasteErrors(errors);
    if (rows.length > 0) {
      setF((old) => ({ ...old, rows: [...old.rows.filter((r) => r.value.trim() !== ''), ...rows] }));
      if (errors.length === 0) setPaste('');
    }
  };

  const toggleCategory = (c: DataCategory, on: boolean) =>
    set(
      'categories',
      on ? DATA_CATEGORIES.filter((x) => x === c || f.categories.includes(x)) : f.categories.filter((x) => x !== c),
    );
  const refusedCategories = new Set((policy.check?.refusals ?? []).map((r) => r.category));

  return (
    <form className="editor" onSubmit={(e) => void save(e, false)} aria-labelledby="editor-h" noValidate>
      <h1 id="editor-h">{id ? t('editor.titleEdit') : t('editor.titleNew')}</h1>
      <ErrorNotice error={error} />
      <div className="editor-grid">
        <div className="editor-main">
          <Section title={t('editor.basics')}>
            <Field label={t('editor.kind')} hint={t('editor.civilNotPolice')}>
              {(fid, describedBy) => (
                <select
                  id={fid}
                  aria-describedby={describedBy}
                  value={f.kind}
                  onChange={(e) => set('kind', e.target.value as RequestKind)}
                >
                  {/* A civil disclosure is the claimant's lawyer's (issue 15): only a draft kept from before shows it. */}
                  {(f.kind === 'civil_disclosure' ? REQUEST_KINDS : REQUEST_KINDS_BY_ORGANISATION_KIND.agency).map(
                    (k) => (
                      <option key={k} value={k}>
                        {bi(REQUEST_KIND_LABELS[k])}
                      </option>
                    ),
                  )}
                </select>
              )}
            </Field>
            {f.kind !== 'mlat' && (
              <Field label={`${t('editor.provider')} *`}>
                {(fid) => (
                  <select
                    id={fid}
                    required
                    value={f.providerOrganisationId}
                    onChange={(e) => set('providerOrganisationId', e.target.value)}
                  >
                    <option value="">{t('editor.choose')}</option>
                    {(providers.data ?? []).map((p) => (
                      <option key={p.id} value={p.id}>
                        {locale === 'ja' ? p.nameJa : p.nameEn}
                        {p.isTelecomCarrier ? ` (${t('editor.carrier')})` : ''}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            )}
            <Field label={t('editor.case')} hint={t('editor.caseHint')}>
              {(fid, desc) => (
                <select
                  id={fid}
                  aria-describedby={desc}
                  value={f.caseId}
                  onChange={(e) => {
                    const c = (cases.data ?? []).find((x) => x.id === e.target.value);
                    setF((old) => ({
                      ...old,
                      caseId: e.target.value,
                      caseReference: c ? c.reference : old.caseReference,
                    }));
                  }}
                  disabled={Boolean(id)}
                >
                  <option value="">{t('editor.noCase')}</option>
                  {(cases.data ?? []).map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.reference} — {c.title}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <TextField
              label={t('editor.caseReference')}
              required={f.kind !== 'emergency'}
              hint={f.kind === 'emergency' ? t('protection.hint') : undefined}
              value={f.caseReference}
              onChange={(v) => set('caseReference', v)}
              name="caseReference"
            />
            <TextField
              label={t('editor.offence')}
              required={f.kind !== 'emergency'}
              value={f.offence}
              onChange={(v) => set('offence', v)}
              name="offence"
            />
            <TextField
              label={t('editor.facts')}
              required
              multiline
              rows={5}
              value={f.facts}
              onChange={(v) => set('facts', v)}
              name="facts"
              hint={t('editor.factsHint')}
            />
            <TextField
              label={t('editor.necessity')}
              required
              multiline
              rows={3}
              value={f.necessity}
              onChange={(v) => set('necessity', v)}
              name="necessity"
              hint={t('editor.necessityHint')}
            />
            <InstantInput
              label={t('editor.requestedBy')}
              value={f.requestedBy}
              onChange={(v) => set('requestedBy', v)}
              zone={zone}
              onZoneChange={setZone}
            />
          </Section>

          <KindBlock f={f} setF={setF} zone={zone} setZone={setZone} courts={courts.data ?? []} />
          {SECRECY_KINDS.includes(f.kind) && (
            <SecrecySection
              value={f.secrecy}
              onChange={(next) =>
                setF((o) => ({
                  ...o,
                  secrecy: next.secret && !o.secrecy.secret ? { ...next, basis: defaultBasis(o.kind) } : next,
                }))
              }
            />
          )}

          <Section title={t('editor.targets', { n: f.rows.length })} id="targets">
            <ol className="targets">
              {f.rows.map((r, i) => (
                <li key={r.key} className="target-row">
                  <fieldset>
                    <legend>{t('editor.targetN', { n: i + 1 })}</legend>
                    <div className="row-fields">
                      <Field label={t('editor.targetType')}>
                        {(fid) => (
                          <select
                            id={fid}
                            value={r.type}
                            onChange={(e) => setRow(r.key, { type: e.target.value as TargetRow['type'] })}
                          >
                            {TARGET_TYPES.map((tt) => (
                              <option key={tt} value={tt}>
                                {bi(TARGET_TYPE_LABELS[tt])}
                              </option>
                            ))}
                          </select>
                        )}
                      </Field>
                      <TextField
                        label={t(`target.value.${r.type}` as MessageKey)}
                        required
                        value={r.value}
                        onChange={(v) => setRow(r.key, { value: v })}
                      />
                      {r.type === 'ip' && (
                        <TextField
                          label={t('target.port')}
                          inputMode="numeric"
                          value={r.port}
                          onChange={(v) => setRow(r.key, { port: v })}
                          hint={t('target.portHint')}
                        />
                      )}
                      {r.type === 'ip' && (
                        <TextField
                          label={t('target.tolerance')}
                          inputMode="numeric"
                          value={r.tolerance}
                          onChange={(v) => setRow(r.key, { tolerance: v })}
                        />
                      )}
                      {r.type === 'account' && (
                        <TextField
                          label={t('target.service')}
                          value={r.service}
                          onChange={(v) => setRow(r.key, { service: v })}
                        />
                      )}
                      {r.type === 'url' && (
                        <TextField
                          label={t('target.postId')}
                          value={r.postId}
                          onChange={(v) => setRow(r.key, { postId: v })}
                        />
                      )}
                    </div>
                    {r.type === 'ip' && f.kind !== 'mlat' && (
                      <AddresseeHint
                        address={r.value}
                        port={r.port}
                        at={r.at}
                        providerId={f.providerOrganisationId}
                        providerName={
                          chosenProvider ? (locale === 'ja' ? chosenProvider.nameJa : chosenProvider.nameEn) : null
                        }
                        providerIsAccess={
                          chosenProvider !== null &&
                          (chosenProvider.isTelecomCarrier ||
                            ['isp', 'mobile', 'cafe'].includes(chosenProvider.providerCategory ?? ''))
                        }
                        onChoose={(orgId) => set('providerOrganisationId', orgId)}
                      />
                    )}
                    {r.type === 'ip' && (
                      <InstantInput
                        key={`${r.key}-at`}
                        label={t('target.at')}
                        required
                        value={r.at}
                        onChange={(v) => setRow(r.key, { at: v })}
                        zone={zone}
                        onZoneChange={setZone}
                      />
                    )}
                    {r.type === 'terminal' && (
                      <div className="row-fields">
                        <InstantInput
                          key={`${r.key}-from`}
                          label={t('target.from')}
                          required
                          value={r.from}
                          onChange={(v) => setRow(r.key, { from: v })}
                          zone={zone}
                          onZoneChange={setZone}
                        />
                        <InstantInput
                          key={`${r.key}-to`}
                          label={t('target.to')}
                          required
                          value={r.to}
                          onChange={(v) => setRow(r.key, { to: v })}
                          zone={zone}
                          onZoneChange={setZone}
                        />
                      </div>
                    )}
                    <button
                      type="button"
                      className="link danger"
                      onClick={() => setF((old) => ({ ...old, rows: old.rows.filter((x) => x.key !== r.key) }))}
                      disabled={f.rows.length === 1}
                    >
                      {t('editor.removeTarget', { n: i + 1 })}
                    </button>
                  </fieldset>
                </li>
              ))}
            </ol>
            <button
              type="button"
              className="secondary"
              onClick={() => setF((old) => ({ ...old, rows: [...old.rows, emptyRow(old.rows.at(-1)?.type ?? 'ip')] }))}
            >
              {t('editor.addTarget')}
            </button>
            <details className="paste">
              <summary>{t('editor.pasteTitle')}</summary>
              <TextField
                label={t('editor.pasteLabel')}
                multiline
                rows={5}
                value={paste}
                onChange={setPaste}
                hint={t('editor.pasteHint', { zone })}
                name="paste"
              />
              <button type="button" className="secondary" onClick={applyPaste} disabled={!paste.trim()}>
                {t('editor.pasteApply')}
              </button>
              {pasteErrors.length > 0 && (
                <div className="notice notice-warn" role="alert">
                  {t('editor.pasteErrors')}
                  <ul>
                    {pasteErrors.map((e) => (
                      <li key={e.line}>
                        {t('editor.line', { n: e.line })}: <code>{e.text}</code>
                      </li>
                    ))}
                  </ul>
                </div>
              )}
            </details>
          </Section>

          <Section title={t('editor.categories')}>
            <fieldset className="checks">
              <legend className="sr-only">{t('editor.categories')}</legend>
              {DATA_CATEGORIES.map((c) => (
                <label key={c} className={refusedCategories.has(c) ? 'refused' : undefined}>
                  <input
                    type="checkbox"
                    checked={f.categories.includes(c)}
                    onChange={(e) => toggleCategory(c, e.target.checked)}
                  />{' '}
                  {bi(DATA_CATEGORY_LABELS[c])}
                  {refusedCategories.has(c) ? ` — ${t('policy.wouldRefuse')}` : ''}
                </label>
              ))}
            </fieldset>
          </Section>
        </div>

        <aside className="editor-side" aria-label={t('policy.title')}>
          <section className="card policy" aria-labelledby="policy-h">
            <h2 id="policy-h">{t('policy.title')}</h2>
            <div aria-live="polite" data-testid="policy-result">
              {!policyInput && <p className="muted">{f.kind === 'mlat' ? t('policy.mlat') : t('policy.choose')}</p>}
              {policyInput && policy.pending && <p className="muted">{t('policy.checking')}</p>}
              {policyInput && !policy.pending && <ErrorNotice error={policy.error} />}
              {policyInput && !policy.pending && policy.check && (
                <>
                  {policy.check.ok ? (
                    <p className="notice notice-ok">✓ {t('policy.ok')}</p>
                  ) : (
                    <div className="notice notice-error">
                      <strong>✗ {t('policy.refused')}</strong>
                      <ul>
                        {policy.check.refusals.map((r) => (
                          <li key={`${r.category}:${r.code}`}>
                            <strong>
                              {DATA_CATEGORY_LABELS[r.category as DataCategory]
                                ? bi(DATA_CATEGORY_LABELS[r.category as DataCategory])
                                : r.category}
                            </strong>
                            : {bi(r.message)} <span className="code">({r.code})</span>
                          </li>
                        ))}
                      </ul>
                    </div>
                  )}
                  <AddresseeFindings check={policy.check} />
                  {policy.check.notices.length > 0 && (
                    <ul className="notices">
                      {policy.check.notices.map((n) => (
                        <li key={`${n.category}:${n.code}`}>ℹ {bi(n.message)}</li>
                      ))}
                    </ul>
                  )}
                </>
              )}
            </div>
          </section>
          <div className="editor-actions">
            <button type="submit" className="secondary" disabled={busy}>
              {t('editor.saveDraft')}
            </button>
            <button type="button" className="primary" disabled={busy} onClick={(e) => void save(e, true)}>
              {t('editor.saveAndSubmit')}
            </button>
            {id && <Link to={`/requests/${id}`}>{t('common.cancel')}</Link>}
          </div>
        </aside>
      </div>
    </form>
  );
}

function KindBlock({
  f,
  setF,
  zone,
  setZone,
  courts,
}: {
  f: Form;
  setF: (fn: (f: Form) => Form) => void;
  zone: string;
  setZone: (z: string) => void;
  courts: { id: string; nameJa: string; nameEn: string }[];
}) {
  const { t, bi, locale } = useI18n();
  switch (f.kind) {
    case 'warrant': {
      const w = f.warrant;
      const setW = (patch: Partial<Form['warrant']>) => setF((o) => ({ ...o, warrant: { ...o.warrant, ...patch } }));
      return (
        <Section title={t('editor.warrant')}>
          <Field label={t('warrant.type')}>
            {(fid) => (
              <select id={fid} value={w.type} onChange={(e) => setW({ type: e.target.value as WarrantType })}>
                {WARRANT_TYPES.map((x) => (
                  <option key={x} value={x}>
                    {bi(WARRANT_TYPE_LABELS[x])}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={`${t('warrant.court')} *`}>
            {(fid) => (
              <select
                id={fid}
                value={w.courtOrganisationId}
                onChange={(e) => setW({ courtOrganisationId: e.target.value })}
              >
                <option value="">{t('editor.choose')}</option>
                {courts.map((c) => (
                  <option key={c.id} value={c.id}>
                    {locale === 'ja' ? c.nameJa : c.nameEn}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <TextField
            label={t('warrant.number')}
            required
            value={w.warrantNumber}
            onChange={(v) => setW({ warrantNumber: v })}
          />
          <InstantInput
            label={t('warrant.issuedAt')}
            required
            value={w.issuedAt}
            onChange={(v) => setW({ issuedAt: v })}
            zone={zone}
            onZoneChange={setZone}
          />
          <InstantInput
            label={t('warrant.validUntil')}
            required
            value={w.validUntil}
            onChange={(v) => setW({ validUntil: v })}
            zone={zone}
            onZoneChange={setZone}
          />
          <TextField
            label={t('warrant.keyId')}
            required
            value={w.keyId}
            onChange={(v) => setW({ keyId: v })}
            hint={t('warrant.attestHint')}
          />
          <TextField
            label={t('warrant.signature')}
            required
            value={w.signature}
            onChange={(v) => setW({ signature: v })}
          />
        </Section>
      );
    }
    case 'preservation':
      return (
        <Section title={t('editor.preservation')}>
          <TextField
            label={t('preservation.days')}
            inputMode="numeric"
            required
            value={f.preservationDays}
            onChange={(v) => setF((o) => ({ ...o, preservationDays: v }))}
            hint={t('preservation.hint')}
          />
        </Section>
      );
    case 'emergency':
      return (
        <Section title={t('editor.emergency')}>
          <fieldset className="checks">
            <legend>{t('emergency.basis')}</legend>
            {(['suicide_notice', 'threat_to_life'] as const).map((b) => (
              <label key={b}>
                <input
                  type="radio"
                  name="emergency-basis"
                  checked={f.emergencyBasis === b}
                  onChange={() => setF((o) => ({ ...o, emergencyBasis: b }))}
                />{' '}
                {bi(EMERGENCY_BASIS_LABELS[b])}
              </label>
            ))}
          </fieldset>
          {f.emergencyBasis === 'suicide_notice' && (
            <fieldset className="checks">
              <legend>{t('emergency.conditions')}</legend>
              {SUICIDE_NOTICE_CONDITIONS.map((c) => (
                <label key={c}>
                  <input
                    type="checkbox"
                    checked={f.conditions[c]}
                    onChange={(e) => setF((o) => ({ ...o, conditions: { ...o.conditions, [c]: e.target.checked } }))}
                  />{' '}
                  {bi(SUICIDE_NOTICE_CONDITION_LABELS[c])}
                </label>
              ))}
              {SUICIDE_NOTICE_CONDITIONS.some((c) => !f.conditions[c]) && (
                <p className="field-error">{t('emergency.allFour')}</p>
              )}
            </fieldset>
          )}
          <TextField
            label={t('emergency.statement')}
            required
            multiline
            rows={4}
            value={f.statement}
            onChange={(v) => setF((o) => ({ ...o, statement: v }))}
          />
        </Section>
      );
    case 'civil_disclosure': {
      const setC = (patch: Partial<Form['civil']>) => setF((o) => ({ ...o, civil: { ...o.civil, ...patch } }));
      return (
        <Section title={t('editor.civil')}>
          <TextField
            label={t('civil.claimant')}
            required
            value={f.civil.claimant}
            onChange={(v) => setC({ claimant: v })}
          />
          <TextField
            label={t('civil.counsel')}
            required
            value={f.civil.counsel}
            onChange={(v) => setC({ counsel: v })}
          />
          <TextField
            label={t('civil.rights')}
            required
            multiline
            rows={3}
            value={f.civil.rightsInfringed}
            onChange={(v) => setC({ rightsInfringed: v })}
          />
          <TextField
            label={t('civil.courtOrder')}
            value={f.civil.courtOrderReference}
            onChange={(v) => setC({ courtOrderReference: v })}
          />
        </Section>
      );
    }
    case 'cafe_records':
      return (
        <Section title={t('editor.cafe')}>
          <TextField
            label={t('cafe.storeName')}
            value={f.cafeStoreName}
            onChange={(v) => setF((o) => ({ ...o, cafeStoreName: v }))}
            hint={t('cafe.hint')}
          />
        </Section>
      );
    case 'mlat': {
      const setM = (patch: Partial<Form['mlat']>) => setF((o) => ({ ...o, mlat: { ...o.mlat, ...patch } }));
      return (
        <Section title={t('editor.mlat')}>
          <TextField
            label={t('mlat.country')}
            required
            value={f.mlat.requestedCountry}
            onChange={(v) => setM({ requestedCountry: v })}
            hint={t('mlat.countryHint')}
          />
          <TextField
            label={t('mlat.authority')}
            required
            value={f.mlat.foreignAuthority}
            onChange={(v) => setM({ foreignAuthority: v })}
          />
          <TextField
            label={t('mlat.provider')}
            value={f.mlat.foreignProvider}
            onChange={(v) => setM({ foreignProvider: v })}
          />
          <Field label={`${t('mlat.treaty')} *`}>
            {(fid) => (
              <select id={fid} required value={f.mlat.treaty} onChange={(e) => setM({ treaty: e.target.value })}>
                <option value="">{t('mlat.chooseTreaty')}</option>
                {MLAT_TREATIES.map((k) => (
                  <option key={k} value={k}>
                    {bi(MLAT_TREATY_LABELS[k])}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('mlat.assistance')}>
            {(fid) => (
              <select
                id={fid}
                value={f.mlat.assistance}
                onChange={(e) => setM({ assistance: e.target.value as Form['mlat']['assistance'] })}
              >
                {MLAT_ASSISTANCE.map((k) => (
                  <option key={k} value={k}>
                    {bi(MLAT_ASSISTANCE_LABELS[k])}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('mlat.central')}>
            {(fid) => (
              <select
                id={fid}
                value={f.mlat.centralAuthority}
                onChange={(e) => setM({ centralAuthority: e.target.value as Form['mlat']['centralAuthority'] })}
              >
                <option value="">{t('mlat.centralDefault')}</option>
                <option value="npa">{bi(MLAT_HOP_LABELS.npa)}</option>
                <option value="moj">{bi(MLAT_HOP_LABELS.moj)}</option>
              </select>
            )}
          </Field>
          <TextField
            label={t('mlat.language')}
            required
            value={f.mlat.language}
            onChange={(v) => setM({ language: v })}
          />
        </Section>
      );
    }
    default:
      return null;
  }
}
