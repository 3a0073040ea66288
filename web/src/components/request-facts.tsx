import { DEADLINE_STATUS_LABELS, DECLINE_REASON_LABELS } from '#shokai/vocabulary';
import { api } from '../api/client.ts';
import type { RequestDetail } from '../api/types.ts';
import type { MessageKey } from '../i18n/dictionary.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { Link, navigate } from '../lib/router.tsx';
import { hasRole, useMe } from '../lib/session.tsx';
import { useAction } from '../lib/use-action.ts';
import { ErrorNotice, orgAndUnit, orgName, personName, Section, Time, TimeFact } from './common.tsx';
import { WrittenText } from './written-text.tsx';

/** The facts of a request: who, when, the follow-up it calls for, how it ended. */
export function RequestFacts({ d }: { d: RequestDetail }) {
  const me = useMe();
  const { t, bi, locale } = useI18n();
  return (
    <Section title={t('request.overview')}>
      <dl className="facts two-col">
        <dt>{t(d.kind === 'civil_disclosure' ? 'col.lawOffice' : 'col.agency')}</dt>
        <dd>{orgAndUnit(d.agency, d.unit, locale)}</dd>
        {/* An MLAT request goes to a foreign authority, not to a provider. */}
        <dt>{t(d.kind === 'mlat' ? 'mlat.authority' : 'col.provider')}</dt>
        <dd>{d.kind === 'mlat' ? (d.content?.mlat?.foreignAuthority ?? '—') : orgName(d.provider, locale)}</dd>
        <dt>{t('request.draftedBy')}</dt>
        <dd>{personName(d.draftedBy)}</dd>
        <dt>{t('request.approvedBy')}</dt>
        <dd data-testid="approved-by">
          {/* Before approval the line says so; "—" read as a request nobody had to approve. */}
          {!d.approvedBy && (d.state === 'draft' || d.state === 'awaiting_approval')
            ? t('request.notYetApproved')
            : personName(d.approvedBy)}
        </dd>
        <When label="request.created" at={d.createdAt} />
        <When label="request.issued" at={d.issuedAt} />
        <When label="request.received" at={d.receivedAt} />
        <When label="col.deadline" at={d.deadlineAt} />
        <When label="request.preservationUntil" at={d.preservationUntil} />
        {d.followUp && (
          <>
            <dt>
              {t(
                d.followUp.kind === 'paperwork'
                  ? 'followUp.paperwork'
                  : d.followUp.kind === 'mlat_reply'
                    ? 'followUp.mlatReply'
                    : 'followUp.preservationEnd',
              )}
            </dt>
            <dd data-testid="follow-up" data-status={d.followUp.status}>
              <Time value={d.followUp.dueAt} long />{' '}
              {d.followUp.doneBy ? (
                <>
                  {t('followUp.doneBy')}{' '}
                  <Link to={`/requests/${d.followUp.doneBy.id}`}>{d.followUp.doneBy.reference}</Link>
                </>
              ) : (
                d.followUp.status !== 'none' && bi(DEADLINE_STATUS_LABELS[d.followUp.status])
              )}
              {d.followUp.kind === 'paperwork' &&
                !d.followUp.doneBy &&
                d.viewerSide === 'agency' &&
                d.unit.id === me.user.unitId &&
                hasRole(me, 'investigator') && <PaperworkButton requestId={d.id} />}
            </dd>
          </>
        )}
        <When label="request.answeredAt" at={d.answeredAt} />
        {d.declineReason && (
          <>
            <dt>{t('request.declineReason')}</dt>
            <dd data-testid="decline-reason">
              {DECLINE_REASON_LABELS[d.declineReason] ? bi(DECLINE_REASON_LABELS[d.declineReason]) : d.declineReason}
              {d.declineNote ? (
                <>
                  {' — '}
                  <WrittenText text={d.declineNote} />
                </>
              ) : null}
            </dd>
          </>
        )}
        <When label="request.closedAt" at={d.closedAt} />
      </dl>
    </Section>
  );
}

/** One instant of the request as a labelled fact, when it has one. */
/** One time of the overview: every one written alike, the era year beside the Western one (日付 and time). */
function When({ label, at }: { label: MessageKey; at: string | null | undefined }) {
  const { t } = useI18n();
  if (!at) return null;
  return <TimeFact label={t(label)} value={at} />;
}

/** After an emergency answer: one action drafts the inquiry that covers it, then opens it for review. */
function PaperworkButton({ requestId }: { requestId: string }) {
  const { t } = useI18n();
  const { busy, error, run } = useAction();
  return (
    <>
      {' '}
      <button
        type="button"
        disabled={busy}
        onClick={() =>
          void run(async () => {
            const d = await api.draftPaperwork(requestId);
            navigate(`/requests/${d.id}`);
          })
        }
      >
        {t('followUp.draftPaperwork')}
      </button>
      <ErrorNotice error={error} />
    </>
  );
}
