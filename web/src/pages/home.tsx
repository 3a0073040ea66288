import { ISSUED_OPEN_STATES } from '#shokai/vocabulary';
import { api } from '../api/client.ts';
import type { RequestState, RequestSummary } from '../api/types.ts';
import { LoadState, orgName, Section, urgencyOrder } from '../components/common.tsx';
import { OverlapNotices } from '../components/overlap-notices.tsx';
import { RequestTable } from '../components/request-table.tsx';
import type { MessageKey } from '../i18n/dictionary.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { useLiveRefresh } from '../lib/live.ts';
import { ADMIN, AUDIT_LOG, AUDIT_VERIFY, allows, ORGANISATION_STATISTICS } from '../lib/nav.ts';
import { Link } from '../lib/router.tsx';
import { hasRole, useMe } from '../lib/session.tsx';
import { useAsync } from '../lib/use-async.ts';
import { RoleScope } from './not-permitted.tsx';

interface Group {
  key: string;
  title: MessageKey;
  items: RequestSummary[];
  empty: MessageKey;
}

function by(items: RequestSummary[], states: RequestState[]): RequestSummary[] {
  return items.filter((r) => states.includes(r.state)).sort(urgencyOrder);
}

export function HomePage() {
  const me = useMe();
  const { t, locale, instant } = useI18n();
  const kind = me.organisation.kind;
  // A law office stands on the requesting side like a police unit (issue 15: civil disclosure).
  const requester = kind === 'agency' || kind === 'law_office';
  // Requests are shown to those with some request theirs to read: never an organisation's auditor, key
  // officer or administrator, whose home is their own tasks (an empty list would read as "none").
  const showsRequests = (requester || kind === 'provider') && me.readsRequests;
  const list = useAsync(
    () => (showsRequests ? api.requests({ limit: 200 }).then((r) => r.items) : Promise.resolve([] as RequestSummary[])),
    [showsRequests],
  );

  // A duty approver (当直責任者) on duty approves what the designation names, like the head.
  const myId = me.user.id;
  const mayBeOnDuty = showsRequests && kind === 'agency' && !hasRole(me, 'unit_head');
  const duty = useAsync(
    () =>
      mayBeOnDuty
        ? api.dutyDesignations().then((r) => r.items.filter((d) => d.status === 'active' && d.designee.id === myId))
        : Promise.resolve([]),
    [mayBeOnDuty, myId],
  );

  useLiveRefresh(list.refresh);

  const items = list.data ?? [];
  // The one who signs: a unit head, or a lawyer at a law office.
  const isHead = hasRole(me, 'unit_head', 'lawyer');
  const onDutyFor = new Set<string>((duty.data ?? []).flatMap((d) => d.kinds));
  // An emergency awaiting this viewer's own act leads the band: the head's approval, the provider's answer.
  const awaitsMe = (r: RequestSummary) =>
    (kind === 'agency' && r.state === 'awaiting_approval' && onDutyFor.has(r.kind)) ||
    (r.kind === 'emergency' &&
      ((kind === 'agency' && isHead && r.state === 'awaiting_approval') ||
        (kind === 'provider' && ['received', 'under_review', 'clarified'].includes(r.state))));
  // What must follow an answer and is late: the paperwork after an emergency, a preservation ending.
  const followUpLate = (r: RequestSummary) =>
    kind === 'agency' && (r.followUp?.status === 'overdue' || r.followUp?.status === 'escalated');
  const urgent = items
    .filter(
      (r) =>
        awaitsMe(r) ||
        followUpLate(r) ||
        (ISSUED_OPEN_STATES.includes(r.state) &&
          (r.kind === 'emergency' || r.deadline?.status === 'overdue' || r.deadline?.status === 'escalated')),
    )
    .sort((a, b) => Number(awaitsMe(b)) - Number(awaitsMe(a)) || urgencyOrder(a, b));

  const waitingOnClarification = by(items, ['clarification_requested']).length;

  const groups: Group[] = [];
  // A group of the requests in `states`, most urgent first; `empty` says what none there means.
  const inStates = (key: string, title: MessageKey, states: RequestState[], empty: MessageKey = 'home.noneWaiting') =>
    groups.push({ key, title, items: by(items, states), empty });
  if (requester) {
    if (isHead) inStates('approve', 'home.awaitingMyApproval', ['awaiting_approval'], 'home.nothingToApprove');
    inStates('clarify', 'home.clarificationAsked', ['clarification_requested']);
    // Emergency paperwork, preservation ends and MLAT reminders: an agency's kinds, never a law office's.
    if (kind === 'agency')
      groups.push({
        key: 'follow-up',
        title: 'home.followUps',
        items: items
          .filter((r) => r.followUp && r.followUp.status !== 'none')
          .sort((a, b) => (a.followUp?.dueAt ?? '').localeCompare(b.followUp?.dueAt ?? '')),
        empty: 'home.noneWaiting',
      });
    inStates('answered', 'home.answered', ['answered']);
    inStates('drafts', 'home.drafts', ['draft'], 'home.noDrafts');
    if (!isHead) inStates('approval', 'home.awaitingApproval', ['awaiting_approval']);
    inStates('waiting', 'home.issuedWaiting', ['issued', 'received', 'under_review', 'clarified', 'awaiting_opinion']);
    // The claimant's lawyer needs the refusals too: the provider's decision is the outcome.
    if (kind === 'law_office') inStates('declined', 'home.declined', ['declined']);
  } else if (kind === 'provider') {
    inStates('incoming', 'home.incoming', ['issued', 'received'], 'home.inboxEmpty');
    inStates('review', 'home.inReview', ['under_review', 'clarified']);
    inStates('opinion', 'home.opinion', ['awaiting_opinion']);
    inStates('asked', 'home.waitingForAgency', ['clarification_requested']);
    groups.push({
      key: 'done',
      title: 'home.recentlyDone',
      items: by(items, ['answered', 'declined', 'withdrawn', 'closed']).slice(0, 10),
      empty: 'home.noneWaiting',
    });
  }

  const orgLabel = orgName(me.organisation, locale);
  return (
    <div className="home">
      <h1>{t('home.title', { name: me.user.displayName })}</h1>
      <p className="muted">{orgLabel}</p>
      {me.secondFactorLock && (
        <div className="notice notice-warn" role="alert" data-testid="second-factor-locked">
          {t('home.secondFactorLocked', {
            n: me.secondFactorLock.failures,
            since: instant(me.secondFactorLock.since),
          })}
        </div>
      )}
      {me.secondFactorUnlock && (
        <div className="notice notice-warn" role="status" data-testid="second-factor-unlocked">
          {t(me.secondFactorUnlock.byName ? 'home.secondFactorUnlocked' : 'home.secondFactorUnlockedByOperator', {
            by: me.secondFactorUnlock.byName ?? '',
            at: instant(me.secondFactorUnlock.at),
            n: me.secondFactorUnlock.failures,
            since: instant(me.secondFactorUnlock.since),
          })}
        </div>
      )}
      {!showsRequests && <RoleScope />}
      {!showsRequests && (
        <Section title={t('home.yourTasks')}>
          <ul className="task-links">
            {[
              allows(AUDIT_LOG, me) && { to: '/audit/log', label: t('nav.auditLog'), hint: t('home.auditLogHint') },
              allows(AUDIT_VERIFY, me) && { to: '/audit', label: t('nav.audit'), hint: t('home.auditHint') },
              allows(ORGANISATION_STATISTICS, me) && {
                to: '/statistics',
                label: t('nav.statistics'),
                hint: t('home.statisticsHint'),
              },
              allows(ADMIN, me) && {
                to: '/admin',
                label: t('nav.admin'),
                hint: t(hasRole(me, 'admin', 'provider_legal') ? 'home.adminHint' : 'home.countersignHint'),
              },
              hasRole(me, 'judge') && {
                to: '/warrant-applications',
                label: t('nav.warrantInbox'),
                hint: t('home.courtInboxHint'),
              },
              hasRole(me, 'judge') && { to: '/warrants/attest', label: t('nav.attest'), hint: t('home.attestHint') },
            ].map(
              (task) =>
                task && (
                  <li key={task.to}>
                    <Link to={task.to}>{task.label}</Link> — {task.hint}
                  </li>
                ),
            )}
          </ul>
        </Section>
      )}
      <LoadState of={list} />
      {showsRequests && !list.loading && (
        <>
          {urgent.length > 0 ? (
            <section className="urgent-banner" aria-labelledby="urgent-h">
              <h2 id="urgent-h">⚠ {t('home.urgent', { n: urgent.length })}</h2>
              <RequestTable
                items={urgent}
                caption={t('home.urgentCaption')}
                side={kind === 'provider' ? 'provider' : 'agency'}
              />
            </section>
          ) : (
            <p className="notice notice-ok" role="status">
              {t('home.noUrgent')}
              {/* Nothing to do is not the whole story while a request waits on its requester's clarification. */}
              {kind === 'provider' && waitingOnClarification > 0 && (
                <>
                  {' '}
                  <span data-testid="home-waiting-clarification">
                    {t('home.waitingOnClarification', { n: waitingOnClarification })}
                  </span>
                </>
              )}
            </p>
          )}
          {kind === 'agency' && isHead && <OverlapNotices />}
          <div className="groups">
            {groups.map((g) => (
              <Section key={g.key} title={`${t(g.title)} (${g.items.length})`} id={`group-${g.key}`}>
                <RequestTable
                  items={g.items}
                  caption={t(g.title)}
                  side={kind === 'provider' ? 'provider' : 'agency'}
                  empty={t(g.empty)}
                />
              </Section>
            ))}
          </div>
          {kind === 'agency' && hasRole(me, 'investigator') && (
            <p>
              <Link className="button primary" to="/requests/new">
                {t('nav.newRequest')}
              </Link>
            </p>
          )}
          {kind === 'law_office' && hasRole(me, 'lawyer', 'legal_assistant') && (
            <p>
              <Link className="button primary" to="/civil/new">
                {t('nav.newCivil')}
              </Link>
            </p>
          )}
        </>
      )}
      <p className="muted small">{t('home.timesNote')}</p>
    </div>
  );
}
