import {
  FINDING_VERDICT_LABELS,
  LINK_SOURCE_LABELS,
  TRACE_ANSWER_READING_LABELS,
  TRACE_IDENTIFIER_KIND_LABELS,
} from '#shokai/vocabulary';
import { api } from '../api/client.ts';
import type { CaseTrace, TraceNode } from '../api/types.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { answersReadIn } from '../lib/answers-read.ts';
import { Link } from '../lib/router.tsx';
import { useAsync } from '../lib/use-async.ts';
import { KindBadge, LoadState, orgName, Section, StateBadge } from './common.tsx';
import { TargetText } from './content-view.tsx';

type RequestNode = Extract<TraceNode, { type: 'request' }>;
type IdentifierNode = Extract<TraceNode, { type: 'identifier' }>;

/** An identifier: its target (whose tag names its kind), or the kind alone when the hub holds none (a subscriber). */
function Identifier({ node }: { node: IdentifierNode }) {
  const { bi } = useI18n();
  return (
    <span className={`trace-id trace-${node.kind}`}>
      {node.target ? (
        <TargetText target={node.target} />
      ) : (
        <span className="badge">{bi(TRACE_IDENTIFIER_KIND_LABELS[node.kind])}</span>
      )}
    </span>
  );
}

/**
 * What an answered request found, as far as this client read it: the hub cannot open an answer, so
 * an answer not opened here is shown as sealed (with the way to open it), an ambiguous one as
 * candidates without a subscriber — never as a disclosed subscriber it may not have named.
 */
function AnswerReading({ r, disclosed }: { r: RequestNode; disclosed: boolean }) {
  const { t, bi } = useI18n();
  const a = r.answer;
  if (!a) return null;
  const verdicts = [...new Set(a.verdicts)];
  const text = bi(TRACE_ANSWER_READING_LABELS[a.reading]);
  return (
    <p
      className={`trace-answer trace-answer-${a.reading}${a.reading === 'ambiguous' ? ' notice notice-warn' : ''}`}
      data-testid="trace-answer"
      data-reading={a.reading}
    >
      {a.reading === 'subscriber' && disclosed ? `✓ ${text}` : text}
      {a.reading === 'sealed' && (
        <>
          {' '}
          <Link to={`/requests/${r.requestId}`}>{t('trace.openAnswer')}</Link>
        </>
      )}
      {verdicts.length > 0 && (
        <span className="muted small">
          {' '}
          ({t('finding.verdict')}: {verdicts.map((v) => bi(FINDING_VERDICT_LABELS[v])).join(' / ')})
        </span>
      )}
    </p>
  );
}

/**
 * The case's chain, hop by hop: each request with what it asks about, what its answer revealed and
 * which request followed — from the post or the e-mail to the subscriber.
 */
export function TraceView({ trace }: { trace: CaseTrace }) {
  const { t, bi, locale } = useI18n();
  const byId = new Map(trace.nodes.map((n) => [n.id, n]));
  const ident = (id: string) => {
    const n = byId.get(id);
    return n && n.type === 'identifier' ? n : null;
  };
  const requests = trace.nodes
    .filter((n): n is RequestNode => n.type === 'request')
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const askers = (identifierId: string) =>
    trace.edges
      .filter((e) => e.to === identifierId && e.kind === 'asks_about')
      .map((e) => byId.get(e.from))
      .filter((n): n is RequestNode => n?.type === 'request');
  const mails = trace.edges.filter((e) => e.kind === 'origin_of');
  if (requests.length === 0) return <p className="muted">{t('trace.empty')}</p>;
  return (
    <div className="trace" data-testid="case-trace">
      {mails.length > 0 && (
        <ul className="trace-mail">
          {mails.map((e) => {
            const to = ident(e.to);
            return (
              <li key={`${e.from}-${e.to}`}>
                {t('trace.mail')}: {to && <Identifier node={to} />} →{' '}
                {askers(e.to).map((r) => (
                  <Link key={r.id} to={`/requests/${r.requestId}`}>
                    {r.reference}
                  </Link>
                ))}
              </li>
            );
          })}
        </ul>
      )}
      <ol className="trace-hops">
        {requests.map((r) => {
          const out = trace.edges.filter((e) => e.from === r.id);
          const asks = out.filter((e) => e.kind === 'asks_about').map((e) => ident(e.to));
          const revealed = out.filter((e) => e.kind === 'revealed');
          const disclosed = out.some((e) => e.kind === 'discloses');
          return (
            <li key={r.id} data-testid="trace-hop">
              <p>
                <Link to={`/requests/${r.requestId}`}>{r.reference}</Link> <KindBadge kind={r.kind} />{' '}
                <StateBadge state={r.state} /> →{' '}
                {r.kind === 'mlat' ? t('request.foreignAuthority') : orgName(r.provider, locale)}
              </p>
              <p>
                {t('trace.asks')}: {asks.map((n) => n && <Identifier key={n.id} node={n} />)}
              </p>
              {revealed.map((e) => {
                const n = ident(e.to);
                const next = askers(e.to).filter((x) => x.id !== r.id);
                return (
                  <p key={e.to} className="trace-revealed">
                    {t('trace.revealed')}: {n && <Identifier node={n} />} → {t('trace.followedBy')}:{' '}
                    {next.length === 0
                      ? t('trace.notFollowed')
                      : next.map((x) => (
                          <Link key={x.id} to={`/requests/${x.requestId}`}>
                            {x.reference}
                          </Link>
                        ))}
                    {e.source && <span className="muted small"> ({bi(LINK_SOURCE_LABELS[e.source])})</span>}
                  </p>
                );
              })}
              <AnswerReading r={r} disclosed={disclosed} />
            </li>
          );
        })}
      </ol>
    </div>
  );
}

/**
 * The trace section of the case page (reading it is audited), with what this tab read in the case's
 * answers it opened on the device.
 */
export function CaseTraceSection({ caseId }: { caseId: string }) {
  const { t } = useI18n();
  const trace = useAsync(() => {
    const answers = answersReadIn(caseId);
    // A reading the hub refuses (a request since moved or reopened) leaves the answers shown as sealed.
    return answers.length > 0
      ? api.caseTraceRead(caseId, { answers }).catch(() => api.caseTrace(caseId))
      : api.caseTrace(caseId);
  }, [caseId]);
  return (
    <Section title={t('trace.title')} id="trace">
      <LoadState of={trace} />
      {trace.data && <TraceView trace={trace.data} />}
    </Section>
  );
}
