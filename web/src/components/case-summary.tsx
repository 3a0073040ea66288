// What a case has identified so far, at a glance: how many requests were answered, declined or are
// still open (overdue among them), the identifiers asked about, and those that answers revealed and
// were followed — from the case's own requests and links (no answer is opened here).
import { OPEN_REQUEST_STATES } from '#shokai/vocabulary';
import type { CaseDetail } from '../api/types.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { Link } from '../lib/router.tsx';
import { Section, StatTiles } from './common.tsx';
import { TargetText } from './content-view.tsx';

const OPEN = new Set<string>(OPEN_REQUEST_STATES);

export function CaseSummary({ d }: { d: CaseDetail }) {
  const { t } = useI18n();
  const count = (f: (r: CaseDetail['requests'][number]) => boolean) => d.requests.filter(f).length;
  const tiles: Array<[string, string, number]> = [
    ['total', t('caseSummary.requests'), d.requests.length],
    ['answered', t('caseSummary.answered'), count((r) => r.state === 'answered')],
    ['declined', t('caseSummary.declined'), count((r) => r.state === 'declined')],
    ['open', t('caseSummary.open'), count((r) => OPEN.has(r.state))],
    ['closed', t('caseSummary.closed'), count((r) => r.state === 'closed' || r.state === 'withdrawn')],
    [
      'overdue',
      t('caseSummary.overdue'),
      count((r) => r.deadline.status === 'overdue' || r.deadline.status === 'escalated'),
    ],
  ];
  // Each identifier once, with the requests that asked about it.
  const asked = new Map<
    string,
    { target: CaseDetail['requests'][number]['targets'][number]; refs: Array<{ id: string; reference: string }> }
  >();
  for (const r of d.requests) {
    for (const target of r.targets) {
      const key = JSON.stringify(target);
      const entry = asked.get(key) ?? { target, refs: [] };
      entry.refs.push({ id: r.id, reference: r.reference });
      asked.set(key, entry);
    }
  }
  const reference = (id: string | null) => d.requests.find((r) => r.id === id)?.reference ?? '—';
  const revealed = d.links.filter((l) => l.source === 'answer');
  return (
    <Section title={t('caseSummary.title')} id="case-summary">
      <StatTiles tiles={tiles} testId="case-summary" />
      <h3>{t('caseSummary.revealed', { n: revealed.length })}</h3>
      {revealed.length === 0 ? (
        <p className="muted">{t('caseSummary.noneRevealed')}</p>
      ) : (
        <ul data-testid="case-revealed">
          {revealed.map((l) => (
            <li key={`${l.from}-${l.to}`}>
              <TargetText target={l.identifier} /> — {t('caseSummary.revealedBy')}{' '}
              <Link to={`/requests/${l.from}`}>{reference(l.from)}</Link> → {t('caseSummary.askedIn')}{' '}
              <Link to={`/requests/${l.to}`}>{reference(l.to)}</Link>
            </li>
          ))}
        </ul>
      )}
      <h3>{t('caseSummary.asked', { n: asked.size })}</h3>
      <ul data-testid="case-asked">
        {[...asked.entries()].map(([key, a]) => (
          <li key={key}>
            <TargetText target={a.target} />{' '}
            {a.refs.map((r, i) => (
              <span key={r.id}>
                {i > 0 ? '、' : ''}
                <Link to={`/requests/${r.id}`}>{r.reference}</Link>
              </span>
            ))}
          </li>
        ))}
      </ul>
    </Section>
  );
}
