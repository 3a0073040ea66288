import { type ReactNode, useEffect, useRef, useState } from 'react';
import { ROLE_LABELS } from '#shokai/vocabulary';
import type { Me } from './api/types.ts';
import { orgAndUnit } from './components/common.tsx';
import { LanguageSwitch } from './components/language-switch.tsx';
import type { MessageKey } from './i18n/dictionary.ts';
import { useI18n } from './i18n/i18n.tsx';
import { type IdKind, isIdOf } from './lib/ids.ts';
import { type LiveEvent, useLive } from './lib/live.ts';
import {
  ADMIN,
  AUDIT_LOG,
  AUDIT_VERIFY,
  allows,
  CASES,
  type Gate,
  NAV,
  REQUESTS,
  STATISTICS,
  visible,
} from './lib/nav.ts';
import { Link, match, navigate, useLocation } from './lib/router.tsx';
import { hasRole, useSession } from './lib/session.tsx';
import { AdminPage, OrganisationAdminPage } from './pages/admin.tsx';
import { ApprovalPage } from './pages/approval.tsx';
import { AttributionPage } from './pages/attribution.tsx';
import { AuditPage } from './pages/audit.tsx';
import { AuditLogPage } from './pages/audit-log.tsx';
import { CaseListPage, CasePage } from './pages/cases.tsx';
import { CivilRequestPage } from './pages/civil-request.tsx';
import { ConsultationListPage, ConsultationNewPage, ConsultationPage } from './pages/consultations.tsx';
import { CourtOrdersPage } from './pages/court-orders.tsx';
import { DevicesPage } from './pages/devices.tsx';
import { DisclosureOrderListPage, DisclosureOrderPage } from './pages/disclosure-orders.tsx';
import { DocumentVerifyPage } from './pages/document-verify.tsx';
import { DutyPage } from './pages/duty.tsx';
import { EnrolPage } from './pages/enrol.tsx';
import { HearingReplyPage } from './pages/hearing-reply.tsx';
import { HomePage } from './pages/home.tsx';
import { IntakePage } from './pages/intake.tsx';
import { MailAnalysisPage } from './pages/mail-analysis.tsx';
import { NotFoundPage } from './pages/not-found.tsx';
import { NotPermittedPage } from './pages/not-permitted.tsx';
import { PasskeysPage } from './pages/passkeys.tsx';
import { RequestEditorPage } from './pages/request-editor.tsx';
import { RequestListPage } from './pages/request-list.tsx';
import { RequestPage } from './pages/request-page.tsx';
import { SearchPage } from './pages/search.tsx';
import { SignInPage } from './pages/sign-in.tsx';
import { StatisticsPage } from './pages/statistics.tsx';
import { TimelinePage } from './pages/timeline.tsx';
import {
  WarrantApplicationListPage,
  WarrantApplicationNewPage,
  WarrantApplicationPage,
} from './pages/warrant-applications.tsx';
import { WarrantAttestPage } from './pages/warrant-attest.tsx';
import { WhomPage } from './pages/whom.tsx';

interface Route {
  pattern: string;
  render: (p: Record<string, string>) => ReactNode;
  /** Who the page is for, and its name when it is not theirs (a page reached by address says so in words). */
  gate?: { for: Gate; page: MessageKey };
}

const forRequests = { for: REQUESTS, page: 'nav.requests' } as const;
const forCases = { for: CASES, page: 'nav.cases' } as const;
/** A page of one request, named as that page (not the list's name) when it is not the viewer's. */
const oneRequest = (page: MessageKey): Route['gate'] => ({ for: REQUESTS, page });
const forAdmin = { for: ADMIN, page: 'nav.admin' } as const;
const forConsultations = {
  for: { permissions: ['consultation.read'] },
  page: 'nav.consultations',
} satisfies Route['gate'];

/** A page of one record; a segment that is no id of its kind (`/requests/abc/edit`) is not sent to the API. */
const ofId =
  (kind: IdKind, page: (id: string) => ReactNode) =>
  (p: Record<string, string>): ReactNode =>
    isIdOf(kind, p.id ?? '') ? page(p.id ?? '') : <NotFoundPage what={kind} />;

const routes: Route[] = [
  { pattern: '/', render: () => <HomePage /> },
  { pattern: '/requests', render: () => <RequestListPage />, gate: forRequests },
  {
    pattern: '/requests/new',
    render: () => <RequestEditorPage />,
    gate: { for: { permissions: ['request.draft'] }, page: 'nav.newRequest' },
  },
  { pattern: '/civil/new', render: () => <CivilRequestPage /> },
  { pattern: '/disclosure-orders', render: () => <DisclosureOrderListPage /> },
  { pattern: '/disclosure-orders/:id', render: ofId('disclosureOrder', (id) => <DisclosureOrderPage id={id} />) },
  { pattern: '/court-orders', render: () => <CourtOrdersPage /> },
  {
    pattern: '/requests/:id',
    render: ofId('request', (id) => <RequestPage id={id} />),
    gate: oneRequest('page.request'),
  },
  {
    pattern: '/requests/:id/edit',
    render: ofId('request', (id) => <RequestEditorPage id={id} />),
    gate: oneRequest('page.requestEdit'),
  },
  {
    pattern: '/requests/:id/approve',
    render: ofId('request', (id) => <ApprovalPage id={id} />),
    gate: oneRequest('page.approval'),
  },
  {
    pattern: '/requests/:id/timeline',
    render: ofId('request', (id) => <TimelinePage id={id} />),
    gate: oneRequest('page.timeline'),
  },
  { pattern: '/cases', render: () => <CaseListPage />, gate: forCases },
  {
    pattern: '/cases/:id',
    render: ofId('case', (id) => <CasePage id={id} />),
    gate: { ...forCases, page: 'page.case' },
  },
  { pattern: '/audit', render: () => <AuditPage />, gate: { for: AUDIT_VERIFY, page: 'nav.audit' } },
  { pattern: '/audit/log', render: () => <AuditLogPage />, gate: { for: AUDIT_LOG, page: 'nav.auditLog' } },
  { pattern: '/admin', render: () => <AdminPage />, gate: forAdmin },
  {
    pattern: '/admin/organisations/:id',
    render: (p) => <OrganisationAdminPage id={p.id as string} />,
    gate: { ...forAdmin, page: 'page.organisation' },
  },
  { pattern: '/intake', render: () => <IntakePage /> },
  { pattern: '/evidence/mail', render: () => <MailAnalysisPage /> },
  { pattern: '/evidence/whom', render: () => <WhomPage /> },
  { pattern: '/attribution', render: () => <AttributionPage /> },
  { pattern: '/warrants/attest', render: () => <WarrantAttestPage /> },
  { pattern: '/warrant-applications', render: () => <WarrantApplicationListPage /> },
  { pattern: '/warrant-applications/new', render: () => <WarrantApplicationNewPage /> },
  {
    pattern: '/warrant-applications/:id',
    render: ofId('warrantApplication', (id) => <WarrantApplicationPage id={id} />),
  },
  { pattern: '/statistics', render: () => <StatisticsPage />, gate: { for: STATISTICS, page: 'nav.statistics' } },
  { pattern: '/search', render: () => <SearchPage />, gate: { for: REQUESTS, page: 'nav.search' } },
  { pattern: '/consultations', render: () => <ConsultationListPage />, gate: forConsultations },
  { pattern: '/consultations/new', render: () => <ConsultationNewPage />, gate: forConsultations },
  {
    pattern: '/consultations/:id',
    render: ofId('consultation', (id) => <ConsultationPage id={id} />),
    gate: { ...forConsultations, page: 'page.consultation' },
  },
  { pattern: '/documents/verify', render: () => <DocumentVerifyPage /> },
  { pattern: '/devices', render: () => <DevicesPage /> },
  { pattern: '/duty', render: () => <DutyPage /> },
  { pattern: '/passkeys', render: () => <PasskeysPage /> },
];

/**
 * Whether a change puts an emergency in front of this viewer: received by their provider, or awaiting their
 * approval.
 */
function emergencyForMe(e: LiveEvent, me: Me): boolean {
  if (e.kind !== 'emergency') return false;
  if (me.organisation.kind === 'provider') return e.state === 'received' && e.previousState !== 'received';
  return e.state === 'awaiting_approval' && hasRole(me, 'unit_head');
}

/**
 * An unmistakable signal for a new emergency, on whatever page the viewer is: an alert banner that
 * stays until dismissed, the page title, and a short tone where the browser allows sound.
 */
function EmergencyAlerts({ me }: { me: Me }) {
  const { t } = useI18n();
  const [alerts, setAlerts] = useState<LiveEvent[]>([]);
  useLive((e) => {
    if (!emergencyForMe(e, me)) return;
    setAlerts((xs) => (xs.some((x) => x.requestId === e.requestId) ? xs : [e, ...xs]));
    beep();
  });
  useEffect(() => {
    if (alerts.length === 0) return;
    const base = document.title;
    document.title = `【${t('live.emergencyTitle')}】${base}`;
    return () => {
      document.title = base;
    };
  }, [alerts.length, t]);
  if (alerts.length === 0) return null;
  return (
    <div className="emergency-alerts" role="alert" data-testid="emergency-alert">
      {alerts.map((a) => {
        const label = a.state === 'awaiting_approval' ? 'live.emergencyToApprove' : 'live.emergencyReceived';
        return (
          <p key={a.requestId}>
            <strong>⚠ {t(label)}</strong> <Link to={`/requests/${a.requestId}`}>{a.reference}</Link>{' '}
            <button type="button" className="link" onClick={() => setAlerts((xs) => xs.filter((x) => x !== a))}>
              {t('live.dismiss')}
            </button>
          </p>
        );
      })}
    </div>
  );
}

/** A short tone; browsers that allow no sound before a user gesture stay silent (the banner remains). */
function beep(): void {
  try {
    const audio = new AudioContext();
    const osc = audio.createOscillator();
    osc.frequency.value = 880;
    osc.connect(audio.destination);
    osc.start();
    osc.stop(audio.currentTime + 0.25);
  } catch {
    // no sound available
  }
}

export function App() {
  const { state, signOut } = useSession();
  const { t, bi, locale, listText } = useI18n();
  const { path } = useLocation();
  const mainRef = useRef<HTMLElement>(null);

  useEffect(() => {
    document.title = `${t('app.name')} — ${t('app.tagline')}`;
  }, [t]);
  // After navigation (a new path), move focus to the main region so keyboard and screen-reader users land there.
  const shownPath = useRef(path);
  useEffect(() => {
    if (shownPath.current === path) return;
    shownPath.current = path;
    mainRef.current?.focus({ preventScroll: true });
  }, [path]);

  // The subscriber's reply link (意見照会) needs no sign-in: the letter's one-time code stands for it.
  const hearingToken = match('/hearing/:token', path)?.token;
  if (hearingToken) return <HearingReplyPage token={hearingToken} />;
  // A person's first visit: their enrolment code stands for them until they have a password.
  if (path === '/enrol') return <EnrolPage />;
  if (state.status === 'loading') {
    return (
      <main className="center" id="main">
        <p role="status">{t('common.loading')}</p>
      </main>
    );
  }
  if (state.status === 'signed_out') {
    if (path !== '/signin' && path !== '/') {
      // Remember where the viewer wanted to go; sign-in returns there.
      sessionStorage.setItem('shokai.returnTo', path + location.search);
    }
    return <SignInPage notice={state.notice} />;
  }
  const me = state.me;
  if (path === '/signin') {
    navigate('/', { replace: true });
  }
  let page: ReactNode = <NotFoundPage />;
  for (const r of routes) {
    const p = match(r.pattern, path === '/signin' ? '/' : path);
    if (p) {
      page = !r.gate || allows(r.gate.for, me) ? r.render(p) : <NotPermittedPage page={r.gate.page} />;
      break;
    }
  }
  return (
    <>
      <a className="skip-link" href="#main">
        {t('a11y.skip')}
      </a>
      <header className="topbar">
        <div className="brand">
          <Link to="/" className="brand-link">
            <span className="brand-ja" lang="ja">
              照会
            </span>{' '}
            <span className="brand-en" lang="en">
              shokai
            </span>
          </Link>
        </div>
        <div className="who">
          <span className="sr-only">{t('shell.signedInAs')}</span>
          <span className="who-name" data-testid="who-name">
            {me.user.displayName}
          </span>
          <span className="who-org">{orgAndUnit(me.organisation, me.unit, locale)}</span>
          <span className="who-roles">{listText(me.user.roles.map((r) => bi(ROLE_LABELS[r])))}</span>
        </div>
        <LanguageSwitch />
        <button
          type="button"
          className="secondary"
          onClick={() => void signOut().then(() => navigate('/signin', { replace: true }))}
        >
          {t('shell.signOut')}
        </button>
      </header>
      <nav className="sidenav" aria-label={t('nav.label')}>
        <ul>
          {NAV.filter((n) => visible(n, me)).map((n) => {
            const current =
              n.to === '/'
                ? path === '/'
                : path === n.to ||
                  (path.startsWith(`${n.to}/`) && n.to !== '/requests') ||
                  (n.to === '/requests' && path.startsWith('/requests/') && path !== '/requests/new');
            return (
              <li key={n.to}>
                <Link to={n.to} aria-current={current ? 'page' : undefined}>
                  {t(n.label)}
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>
      <EmergencyAlerts me={me} />
      <main id="main" ref={mainRef} tabIndex={-1}>
        {page}
      </main>
      <footer className="footer">
        <span>{t('shell.footer')}</span>
      </footer>
    </>
  );
}
