import { type FormEvent, useEffect, useMemo, useRef, useState } from 'react';
import {
  DATA_CATEGORIES,
  DATA_CATEGORY_LABELS,
  REQUEST_KIND_LABELS,
  REQUEST_KINDS,
  REQUEST_KINDS_BY_ORGANISATION_KIND,
} from '#shokai/vocabulary';
import { ApiError, api } from '../api/client.ts';
import type { DataCategory, PolicyCheck, RequestDetail } from '../api/types.ts';
import { AddresseeFindings } from '../components/addressee.tsx';
import { Select, SelectChoice } from '../components/choices.tsx';
import { ErrorNotice, InstantInput, orgName, Section, TextField } from '../components/common.tsx';
import { defaultBasis, SECRECY_KINDS, SecrecySection } from '../components/confidentiality.tsx';
import { KindBlock } from '../components/editor-kind-block.tsx';
import { TargetsSection } from '../components/editor-targets.tsx';
import { policyFindingWords } from '../components/policy-finding.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { caseName } from '../lib/case-name.ts';
import { editorFieldWords, type FieldRefusals, fieldRefusals, refusalAt } from '../lib/editor-issues.ts';
import { type TextKey, textBinder, useFormState } from '../lib/form-state.ts';
import { blankForm, contentFromForm, type Form, formFromDetail } from '../lib/request-form.ts';
import { Link, navigate } from '../lib/router.tsx';
import { TypedProblemsProvider, useHeldIssuesAsReported, useTypedProblems } from '../lib/typed-problems.ts';
import { useAction } from '../lib/use-action.ts';
import { useAsync } from '../lib/use-async.ts';
import { viewerZone } from '../time/format.ts';
import { RecordUnavailable } from './not-found.tsx';

export function RequestEditorPage({ id }: { id?: string }) {
  const existing = useAsync(() => (id ? api.request(id) : Promise.resolve(null)), [id]);
  if (id && (existing.loading || existing.error)) return <RecordUnavailable what="request" of={existing} />;
  return <Editor key={id ?? 'new'} id={id} initial={existing.data ? formFromDetail(existing.data) : blankForm()} />;
}

function Editor({ id, initial }: { id: string | undefined; initial: Form }) {
  const { t, bi, locale } = useI18n();
  const [f, setF, set] = useFormState<Form>(initial);
  const [zone, setZone] = useState(viewerZone);
  const { busy, error, setError, run } = useAction();
  const [policy, setPolicy] = useState<{ check: PolicyCheck | null; error: unknown; pending: boolean }>({
    check: null,
    error: null,
    pending: false,
  });
  const idemKey = useRef(crypto.randomUUID());
  // Times their fields cannot read hold the save; what the server refused is shown at its field.
  const typed = useTypedProblems();
  useHeldIssuesAsReported(typed, setError);
  const [refusals, setRefusals] = useState<FieldRefusals | null>(null);
  const fieldError = (place: string): string | null => {
    const m = refusalAt(refusals, f, place);
    return m ? bi(m) : null;
  };
  // After a refusal the first field it marks takes the focus, as a held time's does (the buttons are far below).
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (refusals) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [refusals]);

  const providers = useAsync(() => api.organisations('provider').then((r) => r.items), []);
  const courts = useAsync(() => api.organisations('court').then((r) => r.items), []);
  const cases = useAsync(() => api.cases().then((r) => r.items), []);

  const bound = textBinder(f, set);
  // A text field of the request and what the server refused there, from the field's name once.
  const text = (key: TextKey<Form>) => ({ ...bound(key), error: fieldError(key) });

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

  const save = (e: FormEvent, thenSubmit: boolean) => {
    e.preventDefault();
    const sent = f;
    setRefusals(null);
    const refused = (err: unknown) => {
      if (err instanceof ApiError) setRefusals(fieldRefusals(err, sent));
    };
    void run(async () => {
      // Never send '' for a time typed but not read: say what was typed, in the field's own format.
      const held = typed.held();
      if (held) {
        typed.focusFirst();
        throw held;
      }
      const content = contentFromForm(f);
      let d: RequestDetail = id
        ? await api.updateRequest(id, content)
        : await api.createRequest(content, f.caseId || undefined, idemKey.current);
      if (thenSubmit) d = await api.transition(d.id, { action: 'submit' });
      navigate(`/requests/${d.id}`);
    }, refused);
  };

  const toggleCategory = (c: DataCategory, on: boolean) =>
    set(
      'categories',
      on ? DATA_CATEGORIES.filter((x) => x === c || f.categories.includes(x)) : f.categories.filter((x) => x !== c),
    );
  const refusedCategories = new Set((policy.check?.refusals ?? []).map((r) => r.category));

  return (
    <form ref={formRef} className="editor" onSubmit={(e) => save(e, false)} aria-labelledby="editor-h" noValidate>
      <TypedProblemsProvider value={typed.report}>
        <h1 id="editor-h">{id ? t('editor.titleEdit') : t('editor.titleNew')}</h1>
        <ErrorNotice error={error} fieldWords={editorFieldWords(refusals?.sent ?? f)} />
        <div className="editor-grid">
          <div className="editor-main">
            <Section title={t('editor.basics')}>
              <SelectChoice
                label={t('editor.kind')}
                hint={t('editor.civilNotPolice')}
                // A civil disclosure is the claimant's lawyer's (issue 15): only a draft kept from before shows it.
                options={f.kind === 'civil_disclosure' ? REQUEST_KINDS : REQUEST_KINDS_BY_ORGANISATION_KIND.agency}
                labels={REQUEST_KIND_LABELS}
                value={f.kind}
                onChange={(kind) => set('kind', kind)}
              />
              {f.kind !== 'mlat' && (
                <Select
                  label={`${t('editor.provider')} *`}
                  required
                  none={t('editor.choose')}
                  options={(providers.data ?? []).map((p) => ({
                    value: p.id,
                    text: orgName(p, locale) + (p.isTelecomCarrier ? ` (${t('editor.carrier')})` : ''),
                  }))}
                  value={f.providerOrganisationId}
                  onChange={(id) => set('providerOrganisationId', id)}
                  error={fieldError('providerOrganisationId')}
                />
              )}
              <Select
                label={t('editor.case')}
                hint={t('editor.caseHint')}
                none={t('editor.noCase')}
                options={(cases.data ?? []).map((c) => ({ value: c.id, text: caseName(c) }))}
                value={f.caseId}
                onChange={(caseId) => {
                  const c = (cases.data ?? []).find((x) => x.id === caseId);
                  setF((old) => ({ ...old, caseId, caseReference: c ? c.reference : old.caseReference }));
                }}
                disabled={Boolean(id)}
              />
              <TextField
                label={t('editor.caseReference')}
                required={f.kind !== 'emergency'}
                hint={f.kind === 'emergency' ? t('protection.hint') : undefined}
                {...text('caseReference')}
              />
              <TextField label={t('editor.offence')} required={f.kind !== 'emergency'} {...text('offence')} />
              <TextField
                label={t('editor.facts')}
                required
                multiline
                rows={5}
                hint={t('editor.factsHint')}
                {...text('facts')}
              />
              <TextField
                label={t('editor.necessity')}
                required
                multiline
                rows={3}
                hint={t('editor.necessityHint')}
                {...text('necessity')}
              />
              <InstantInput
                label={t('editor.requestedBy')}
                value={f.requestedBy}
                onChange={(v) => set('requestedBy', v)}
                zone={zone}
                onZoneChange={setZone}
                error={fieldError('requestedBy')}
              />
            </Section>

            <KindBlock
              f={f}
              setF={setF}
              zone={zone}
              setZone={setZone}
              courts={courts.data ?? []}
              fieldError={fieldError}
            />
            {SECRECY_KINDS.includes(f.kind) && (
              <SecrecySection
                value={f.secrecy}
                onChange={(next) =>
                  setF((o) => ({
                    ...o,
                    secrecy: next.secret && !o.secrecy.secret ? { ...next, basis: defaultBasis(o.kind) } : next,
                  }))
                }
                fieldError={fieldError}
              />
            )}

            <TargetsSection
              f={f}
              setF={setF}
              zone={zone}
              setZone={setZone}
              chosenProvider={chosenProvider}
              fieldError={fieldError}
            />

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
                    {policy.check.ok && policy.check.addressees.some((a) => a.notInternet !== null) ? (
                      // A check mark would contradict the warning that an address is not an Internet source.
                      <p className="notice notice-warn" data-testid="policy-headline">
                        ⚠ {t('policy.okWarned')}
                      </p>
                    ) : policy.check.ok ? (
                      <p className="notice notice-ok" data-testid="policy-headline">
                        ✓ {t('policy.ok')}
                      </p>
                    ) : (
                      <div className="notice notice-error">
                        <strong>✗ {t('policy.refused')}</strong>
                        <ul>
                          {policy.check.refusals.map((r) => {
                            // The code stays in an attribute for support; the drafter reads words only.
                            const words = policyFindingWords(r, locale);
                            return (
                              <li key={`${r.category}:${r.code}`} data-code={r.code}>
                                {words.category !== null && (
                                  <>
                                    <strong>{words.category}</strong>:{' '}
                                  </>
                                )}
                                {words.message}
                              </li>
                            );
                          })}
                        </ul>
                      </div>
                    )}
                    <AddresseeFindings addressees={policy.check.addressees} />
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
              <button type="button" className="primary" disabled={busy} onClick={(e) => save(e, true)}>
                {t('editor.saveAndSubmit')}
              </button>
              {id && <Link to={`/requests/${id}`}>{t('common.cancel')}</Link>}
            </div>
          </aside>
        </div>
      </TypedProblemsProvider>
    </form>
  );
}
