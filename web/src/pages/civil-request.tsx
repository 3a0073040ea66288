// The claimant's lawyer files a civil sender-information disclosure request (発信者情報開示請求, issue
// 15): who the claimant is, the infringing posts, the rights infringed, the legitimate reason, and the
// sender information sought by the law's categories — or presents the court's order. The lawyer then
// signs it on their own passkey (the signing page); an assistant prepares it for the lawyer.
import { useEffect, useRef, useState } from 'react';
import { requestFieldWords } from '#shokai/field-words';
import {
  CIVIL_ROUTE_LABELS,
  CIVIL_ROUTES,
  CIVIL_STAGE_OF_CATEGORY,
  type CivilRoute,
  type CivilStage,
  COURT_ORDER_TYPE_LABELS,
  COURT_ORDER_TYPES,
  type CourtOrderType,
  DATA_CATEGORY_LABELS,
  DISCLOSURE_PURPOSE_LABELS,
  DISCLOSURE_PURPOSES,
  type DisclosurePurpose,
  INFRINGED_RIGHT_LABELS,
  INFRINGED_RIGHTS,
  type InfringedRight,
  SENDER_INFORMATION,
  SENDER_INFORMATION_CATEGORY,
  SENDER_INFORMATION_LABELS,
  type SenderInformation,
} from '#shokai/vocabulary';
import { api } from '../api/client.ts';
import type { RequestContentDraft, RequestDetail } from '../api/types.ts';
import { CheckedForm } from '../components/action-form.tsx';
import { Checks } from '../components/checks.tsx';
import { OrganisationSelect, SelectChoice } from '../components/choices.tsx';
import { ConnectionFields, filledConnections } from '../components/civil-connections.tsx';
import { useFollowedClaim } from '../components/civil-next.tsx';
import { ErrorNotice, RadioChoices, Section, TextField } from '../components/common.tsx';
import { CourtOrderFields } from '../components/order-issue-form.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { choiceBinder, fieldPatcher, listBinder, textBinder, useFormState } from '../lib/form-state.ts';
import { navigate } from '../lib/router.tsx';
import { hasRole, useMe } from '../lib/session.tsx';
import { emptyRow, rowFromTarget, type TargetRow, targetFromRow } from '../lib/targets.ts';
import { useAction } from '../lib/use-action.ts';
import { useAsync } from '../lib/use-async.ts';
import { viewerZone } from '../time/format.ts';
import { IssuedOrderPicker } from './disclosure-orders.tsx';

interface CivilForm {
  providerOrganisationId: string;
  caseReference: string;
  route: CivilRoute;
  claimant: string;
  claimantAddress: string;
  posts: string;
  /** The connections (IP address, port, time) disclosed by the content provider: the second stage's targets. */
  connections: TargetRow[];
  rights: InfringedRight[];
  rightsInfringed: string;
  facts: string;
  purposes: DisclosurePurpose[];
  necessity: string;
  senderInformation: SenderInformation[];
  order: { type: CourtOrderType; courtOrganisationId: string; caseNumber: string; orderedAt: string; content: string };
}

const blank: CivilForm = {
  providerOrganisationId: '',
  caseReference: '',
  route: 'lawyer_request',
  claimant: '',
  claimantAddress: '',
  posts: '',
  connections: [emptyRow('ip')],
  rights: [],
  rightsInfringed: '',
  facts: '',
  purposes: [],
  necessity: '',
  senderInformation: [],
  order: { type: 'disclosure_order', courtOrganisationId: '', caseNumber: '', orderedAt: '', content: '' },
};

function contentOf(f: CivilForm, stage: CivilStage): RequestContentDraft {
  const categories = [...new Set(f.senderInformation.map((i) => SENDER_INFORMATION_CATEGORY[i]))];
  const posts = f.posts
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  return {
    kind: 'civil_disclosure',
    providerOrganisationId: f.providerOrganisationId,
    caseReference: f.caseReference.trim(),
    facts: f.facts.trim(),
    necessity: f.necessity.trim(),
    targets: [
      ...posts.map((url) => ({ type: 'url' as const, url })),
      // A content provider is asked about the posts; an access provider (or one that may be either) about the
      // connections that sent them.
      ...(stage === 'content' ? [] : filledConnections(f.connections).map(targetFromRow)),
    ],
    categories,
    civil: {
      route: f.route,
      claimant: f.claimant.trim(),
      ...(f.claimantAddress.trim() ? { claimantAddress: f.claimantAddress.trim() } : {}),
      // Empty lists are left out, so that the server names what is missing.
      ...(f.rights.length ? { rights: f.rights } : {}),
      rightsInfringed: f.rightsInfringed.trim(),
      ...(f.purposes.length ? { purposes: f.purposes } : {}),
      ...(f.senderInformation.length ? { senderInformation: f.senderInformation } : {}),
      ...(f.route === 'court_order'
        ? {
            courtOrder: {
              type: f.order.type,
              courtOrganisationId: f.order.courtOrganisationId,
              caseNumber: f.order.caseNumber.trim(),
              orderedAt: f.order.orderedAt,
              content: f.order.content.trim(),
            },
          }
        : {}),
    },
  } as RequestContentDraft;
}

/**
 * The claim of the request an answer's connection is followed from, for the second stage: the claimant,
 * the posts, the rights, the reasons; the sender information sought is the subscriber's (name, address…).
 */
function claimOf(r: RequestDetail): Partial<CivilForm> {
  const c = r.content;
  const civil = c?.civil;
  if (c?.kind !== 'civil_disclosure' || !civil) return {};
  const subscriber = (civil.senderInformation ?? []).filter((i) => SENDER_INFORMATION_CATEGORY[i] === 'subscriber');
  return {
    caseReference: c.caseReference,
    claimant: civil.claimant,
    claimantAddress: civil.claimantAddress ?? '',
    posts: c.targets.flatMap((t) => (t.type === 'url' ? [t.url] : [])).join('\n'),
    facts: c.facts,
    rights: civil.rights ?? [],
    rightsInfringed: civil.rightsInfringed,
    purposes: civil.purposes ?? [],
    necessity: c.necessity,
    senderInformation: subscriber.length > 0 ? subscriber : ['name', 'address'],
  };
}

const CIVIL_WORDS = requestFieldWords('civil_disclosure');

export function CivilRequestPage() {
  const { t, bi, locale } = useI18n();
  const me = useMe();
  const lawyer = hasRole(me, 'lawyer');
  const [f, setF, set] = useFormState<CivilForm>(blank);
  const [zone, setZone] = useState(viewerZone);
  const { busy, error, run, submit } = useAction();
  const idemKey = useRef(crypto.randomUUID());
  const providers = useAsync(() => api.organisations('provider').then((r) => r.items), []);
  const courts = useAsync(() => api.organisations('court').then((r) => r.items), []);
  const text = textBinder(f, set);
  const list = listBinder(f, set);
  const choice = choiceBinder(f, set);
  const setOrder = fieldPatcher(setF, 'order');
  // What the addressee is asked about follows the stage it answers: the post, or the connection that sent it.
  const chosen = providers.data?.find((p) => p.id === f.providerOrganisationId);
  const answers: CivilStage = chosen ? CIVIL_STAGE_OF_CATEGORY[chosen.providerCategory ?? 'other'] : 'either';
  // Under a court's order the connection goes to the access provider by the court (提供命令), never by the
  // claimant: the application, like a first stage, names the post.
  const stage: CivilStage = f.route === 'court_order' && answers === 'access' ? 'content' : answers;
  // Opened from a connection an answer disclosed: the claim carried over, the connection as it was disclosed.
  const followed = useFollowedClaim();
  const [carriedKey, setCarriedKey] = useState<string | null>(null);
  const followedId = followed?.request.id;
  // biome-ignore lint/correctness/useExhaustiveDependencies: filled once, when the followed request has loaded
  useEffect(() => {
    if (!followed) return;
    const row = rowFromTarget({ type: 'ip', ...followed.record });
    setCarriedKey(row.key);
    setF((old) => ({ ...old, ...claimOf(followed.request), connections: [row] }));
  }, [followedId]);

  const file = async () => {
    const carried = f.connections.find((r) => r.key === carriedKey && r.value.trim());
    const d = await api.createRequest(
      contentOf(f, stage),
      followed?.request.caseId ?? undefined,
      idemKey.current,
      followed && carried && stage !== 'content'
        ? { source: 'answer', requestId: followed.request.id, identifier: targetFromRow(carried) }
        : undefined,
    );
    await api.transition(d.id, { action: 'submit' });
    // The lawyer signs next, on their own passkey; an assistant's draft waits for the lawyer.
    navigate(lawyer ? `/requests/${d.id}/approve` : `/requests/${d.id}`);
  };

  // The court-order route: apply to the court for the order with what the form says (申立て).
  const apply = async () => {
    const c = contentOf(f, stage);
    const a = await api.fileDisclosureOrder({
      courtOrganisationId: f.order.courtOrganisationId,
      providerOrganisationId: f.providerOrganisationId,
      caseReference: f.caseReference.trim(),
      claimant: f.claimant.trim(),
      ...(f.claimantAddress.trim() ? { claimantAddress: f.claimantAddress.trim() } : {}),
      rights: f.rights,
      rightsInfringed: f.rightsInfringed.trim(),
      purposes: f.purposes,
      senderInformation: f.senderInformation,
      targets: c.targets as never,
      facts: f.facts.trim(),
      necessity: f.necessity.trim(),
    });
    navigate(`/disclosure-orders/${a.id}`);
  };

  return (
    <article aria-labelledby="civil-h">
      <h1 id="civil-h">{t('civilForm.title')}</h1>
      <p className="hint">{t('civilForm.intro')}</p>
      {followed && (
        <p className="notice" role="status" data-testid="civil-follows">
          {t('civilForm.follows', { reference: followed.request.reference })}
        </p>
      )}
      <CheckedForm onSubmit={submit(file)} noValidate>
        <Section title={t('civilForm.addressee')}>
          <OrganisationSelect
            label={t('civilForm.provider')}
            name="provider"
            required={false}
            none={t('civilForm.choose')}
            value={f.providerOrganisationId}
            onChange={(id) => set('providerOrganisationId', id)}
            organisations={providers.data}
          />
          <TextField label={t('civilForm.caseReference')} required {...text('caseReference')} />
          <RadioChoices
            legend={t('civilForm.route')}
            options={CIVIL_ROUTES}
            labels={CIVIL_ROUTE_LABELS}
            {...choice('route')}
          />
        </Section>
        <Section title={t('civilForm.claimant')}>
          <TextField label={t('civil.claimant')} required {...text('claimant')} />
          <TextField label={t('civilForm.claimantAddress')} {...text('claimantAddress')} />
        </Section>
        {stage !== 'content' && (
          <ConnectionFields
            rows={f.connections}
            onChange={(connections) => set('connections', connections)}
            zone={zone}
            onZoneChange={setZone}
            required={stage === 'access'}
          />
        )}
        <Section title={t('civilForm.infringement')}>
          <TextField
            label={t(stage === 'access' ? 'civilForm.postsOptional' : 'civilForm.posts')}
            hint={t('civilForm.postsHint')}
            multiline
            rows={3}
            required={stage !== 'access'}
            {...text('posts')}
          />
          <TextField label={t('civilForm.facts')} multiline rows={3} required {...text('facts')} />
          <Checks
            legend={t('civil.rights')}
            options={INFRINGED_RIGHTS}
            labels={INFRINGED_RIGHT_LABELS}
            {...list('rights')}
          />
          <TextField label={t('civilForm.rightsInfringed')} multiline rows={3} required {...text('rightsInfringed')} />
        </Section>
        <Section title={t('civilForm.reason')}>
          <Checks
            legend={t('civilForm.purposes')}
            options={DISCLOSURE_PURPOSES}
            labels={DISCLOSURE_PURPOSE_LABELS}
            {...list('purposes')}
          />
          <TextField label={t('civilForm.necessity')} multiline rows={3} required {...text('necessity')} />
        </Section>
        <Section title={t('civilForm.sought')}>
          <Checks
            legend={t('civilForm.senderInformation')}
            options={SENDER_INFORMATION}
            labels={SENDER_INFORMATION_LABELS}
            {...list('senderInformation')}
            extra={(i) => (
              <span className="muted small">
                {locale === 'ja'
                  ? `（${bi(DATA_CATEGORY_LABELS[SENDER_INFORMATION_CATEGORY[i]])}）`
                  : `(${bi(DATA_CATEGORY_LABELS[SENDER_INFORMATION_CATEGORY[i]])})`}
              </span>
            )}
          />
        </Section>
        {f.route === 'court_order' && (
          <Section title={t('civilForm.order')}>
            {lawyer && <IssuedOrderPicker />}
            <OrganisationSelect
              label={t('civilForm.court')}
              name="court"
              required={false}
              none={t('civilForm.choose')}
              value={f.order.courtOrganisationId}
              onChange={(id) => setOrder({ courtOrganisationId: id })}
              organisations={courts.data}
            />
            <SelectChoice
              label={t('civilForm.orderType')}
              name="orderType"
              options={COURT_ORDER_TYPES}
              labels={COURT_ORDER_TYPE_LABELS}
              value={f.order.type}
              onChange={(type) => setOrder({ type })}
            />
            <CourtOrderFields value={f.order} onChange={setOrder} zone={zone} onZoneChange={setZone} />
          </Section>
        )}
        {/* Refused fields named as this form labels them (開示を請求する事業者), not by the inquiry's words. */}
        <ErrorNotice error={error} fieldWords={CIVIL_WORDS} />
        {f.route === 'court_order' && lawyer && (
          <button type="button" disabled={busy} onClick={() => void run(apply)}>
            {t('dord.apply')}
          </button>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {lawyer ? t('civilForm.fileAndSign') : t('civilForm.fileForLawyer')}
        </button>
      </CheckedForm>
    </article>
  );
}
