import { useState } from 'react';
import { REQUEST_KIND_LABELS } from '#shokai/vocabulary';
import { api } from '../api/client.ts';
import type { AccessRecord, CaseSummary, FindingVerdictRef, NextFrom, NextRequestProposal } from '../api/types.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { caseName } from '../lib/case-name.ts';
import { blankWarrant } from '../lib/request-form.ts';
import { navigate } from '../lib/router.tsx';
import { TypedProblemsProvider, useHeldIssuesAsReported, useTypedProblems } from '../lib/typed-problems.ts';
import { useAction } from '../lib/use-action.ts';
import { useAsync } from '../lib/use-async.ts';
import { viewerZone } from '../time/format.ts';
import { Select } from './choices.tsx';
import { ErrorNotice, FactRow, LoadState } from './common.tsx';
import { TargetList } from './content-view.tsx';
import { WarrantFields } from './warrant-fields.tsx';

/**
 * "Draft the next request" for one access record the unit member read in an answer: the hub proposes
 * the holder and the kind (from the address, the legal matrix and the holder's policy) and drafts it
 * with the record's exact address, port and instant — nothing is typed again. Only the record the
 * member read is sent: the answer itself stays sealed to the unit.
 */
export function DraftNextPanel({
  caseId,
  requestId,
  record,
  finding,
  onClose,
}: {
  caseId: string;
  /** The request whose answer carried the record; absent for an analysed e-mail's origin. */
  requestId?: string;
  record: AccessRecord;
  /** The verdict of the answer item's finding the record was read under, when it had one. */
  finding?: FindingVerdictRef | undefined;
  onClose: () => void;
}) {
  // The panel is mounted per record (keyed by it): what it asks about is fixed for its life.
  const [from] = useState<NextFrom>(() =>
    requestId ? { source: 'answer', requestId, record, ...(finding ? { finding } : {}) } : { source: 'mail', record },
  );
  const proposal = useAsync(() => api.proposeNext(caseId, { from }), [caseId, from]);
  if (proposal.loading || !proposal.data) return <LoadState of={proposal} />;
  return <ProposalPanel caseId={caseId} from={from} proposal={proposal.data} onClose={onClose} />;
}

function ProposalPanel({
  caseId,
  from,
  proposal,
  onClose,
}: {
  caseId: string;
  from: NextFrom;
  proposal: NextRequestProposal;
  onClose: () => void;
}) {
  const { t, bi } = useI18n();
  const { step, holder } = proposal;
  const needsWarrant = step.kind === 'warrant';
  const courts = useAsync(
    () => (needsWarrant ? api.organisations('court').then((r) => r.items) : Promise.resolve([])),
    [needsWarrant],
  );
  const [w, setW] = useState(blankWarrant);
  // The unit's warrants the court issued for exactly these targets and categories at this holder:
  // choosing one fills the court's block — nothing is copied by hand.
  const issued = useAsync(async () => {
    if (!needsWarrant || !holder.organisationId) return [];
    const attested = (await api.warrantApplications()).items.filter(
      (a) => a.state === 'attested' && a.provider.id === holder.organisationId,
    );
    const full = await Promise.all(attested.map((a) => api.warrantApplication(a.id)));
    const same = (x: unknown, y: unknown) => JSON.stringify(x) === JSON.stringify(y);
    return full.filter(
      (a) => a.warrant && !a.requestId && same(a.targets, step.targets) && same(a.categories, step.categories),
    );
  }, [needsWarrant, holder.organisationId, step.targets, step.categories]);
  const [chosen, setChosen] = useState('');
  const choose = (id: string) => {
    setChosen(id);
    const a = issued.data?.find((x) => x.id === id);
    if (!a?.warrant) return setW(blankWarrant());
    setW({
      type: a.warrantType,
      courtOrganisationId: a.court.id,
      warrantNumber: a.warrant.number,
      issuedAt: a.warrant.issuedAt,
      validUntil: a.warrant.validUntil,
      keyId: a.warrant.attestation.keyId,
      signature: a.warrant.attestation.signature,
    });
  };
  /**
   * Applies to the chosen court for exactly this step's warrant: the application opens drafted, keeping what
   * it follows (the answer's record or the e-mail's origin) and the case, as a request drafted here would.
   */
  const apply = async () => {
    const c = (proposal.content ?? {}) as Record<string, unknown>;
    const text = (k: string) => (typeof c[k] === 'string' ? (c[k] as string) : '');
    const { follows } = proposal;
    // The application is filed under the case it follows from: its reference, not a request's as typed.
    const kase = await api.case(caseId);
    const a = await api.draftWarrantApplication({
      caseId,
      follows: {
        source: follows.source,
        ...(follows.requestId ? { requestId: follows.requestId } : {}),
        identifier: follows.identifier,
      },
      courtOrganisationId: w.courtOrganisationId,
      providerOrganisationId: holder.organisationId ?? '',
      warrantType: w.type,
      caseReference: kase.reference,
      offence: text('offence'),
      facts: text('facts'),
      necessity: text('necessity'),
      targets: step.targets as never,
      categories: step.categories as never,
    });
    navigate(`/warrant-applications/${a.id}`);
  };
  const [zone, setZone] = useState(viewerZone);
  const [preserve, setPreserve] = useState(false);
  const { busy, error, setError, run } = useAction();
  // The warrant's times hold the draft while their fields cannot read what was typed.
  const typed = useTypedProblems();
  useHeldIssuesAsReported(typed, setError);
  const create = async () => {
    const held = typed.held();
    if (held) throw held;
    const period = issued.data?.find((x) => x.id === chosen)?.recordsPeriod;
    const r = await api.draftNext(caseId, {
      from,
      ...(preserve ? { preserveFirst: true } : {}),
      ...(needsWarrant
        ? {
            warrant: {
              type: w.type,
              courtOrganisationId: w.courtOrganisationId,
              warrantNumber: w.warrantNumber.trim(),
              issuedAt: w.issuedAt,
              validUntil: w.validUntil,
              // The chosen warrant's period of records is part of what the judge attested.
              ...(period ? { recordsPeriod: period } : {}),
              attestation: { keyId: w.keyId.trim(), signature: w.signature.trim() },
            },
          }
        : {}),
    });
    navigate(`/requests/${r.request.id}`);
  };
  const holderName = holder.name ? bi(holder.name) : holder.country ? holder.country : '—';
  return (
    <section className="next-request" aria-label={t('trace.proposal')} data-testid="next-proposal">
      <h4>{t('trace.proposal')}</h4>
      <dl className="facts">
        <FactRow label={t('trace.holder')} testId="next-holder">
          {holderName}
        </FactRow>
        <FactRow label={t('trace.kind')} testId="next-kind">
          {step.kind ? bi(REQUEST_KIND_LABELS[step.kind]) : '—'}
        </FactRow>
        <FactRow label={t('trace.targets')}>
          <TargetList targets={step.targets} />
        </FactRow>
        <FactRow label={t('trace.reasons')}>
          <ul>
            {step.reasons.map((r) => (
              <li key={r.en}>{bi(r)}</li>
            ))}
          </ul>
        </FactRow>
        {step.preservationFirst && (
          <FactRow label={t('trace.preservationSuggested')}>{bi(step.preservationFirst.reason)}</FactRow>
        )}
      </dl>
      {step.action === 'none' || !proposal.content ? (
        <p className="notice">{t('trace.noneDraftable')}</p>
      ) : (
        <>
          {needsWarrant && (
            <TypedProblemsProvider value={typed.report}>
              <fieldset>
                <legend>{t('trace.warrantNeeded')}</legend>
                {(issued.data ?? []).length > 0 && (
                  <Select
                    label={t('trace.issuedWarrant')}
                    none={t('editor.choose')}
                    options={(issued.data ?? []).map((a) => ({
                      value: a.id,
                      text: `${a.reference} — ${a.warrant?.number ?? ''}`,
                    }))}
                    value={chosen}
                    onChange={choose}
                    testId="issued-warrant"
                  />
                )}
                <WarrantFields
                  w={w}
                  onChange={(patch) => setW((o) => ({ ...o, ...patch }))}
                  courts={courts.data}
                  zone={zone}
                  onZoneChange={setZone}
                  filledFrom={chosen}
                />
                {!chosen && (
                  <p>
                    <span className="hint">{t('trace.applyHint')}</span>{' '}
                    <button
                      type="button"
                      disabled={busy || !w.courtOrganisationId}
                      onClick={() => void run(apply)}
                      data-testid="apply-warrant"
                    >
                      {t('trace.applyWarrant')}
                    </button>
                  </p>
                )}
              </fieldset>
            </TypedProblemsProvider>
          )}
          {step.preservationFirst && step.kind !== 'mlat' && (
            <label>
              <input type="checkbox" checked={preserve} onChange={(e) => setPreserve(e.target.checked)} />{' '}
              {t('trace.preserveFirst')}
            </label>
          )}
          <p className="hint">{t('trace.approvalNote')}</p>
          <ErrorNotice error={error} />
          <div className="button-row">
            <button type="button" className="primary" disabled={busy} onClick={() => void run(create)}>
              {busy ? t('trace.creating') : t('trace.create')}
            </button>
            <button type="button" disabled={busy} onClick={onClose}>
              {t('trace.close')}
            </button>
          </div>
        </>
      )}
    </section>
  );
}

/** The origin an e-mail analysis named: choose the case, then the same proposal as from an answer. */
export function MailDraftNext({ record }: { record: AccessRecord }) {
  const { t } = useI18n();
  const cases = useAsync(() => api.cases().then((r) => r.items), []);
  const [caseId, setCaseId] = useState('');
  const [open, setOpen] = useState(false);
  return (
    <div className="mail-next" data-testid="mail-next">
      <Select
        label={t('editor.case')}
        none={t('editor.choose')}
        options={(cases.data ?? []).map((c: CaseSummary) => ({ value: c.id, text: caseName(c) }))}
        value={caseId}
        onChange={(id) => {
          setCaseId(id);
          setOpen(false);
        }}
      />
      {!open ? (
        <button type="button" className="secondary" disabled={!caseId} onClick={() => setOpen(true)}>
          {t('trace.draftNext')}
        </button>
      ) : (
        <DraftNextPanel key={caseId} caseId={caseId} record={record} onClose={() => setOpen(false)} />
      )}
    </div>
  );
}
