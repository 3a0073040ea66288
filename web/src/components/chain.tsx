import type { ReactNode } from 'react';
import { LINK_SOURCE_LABELS } from '#shokai/vocabulary';
import type { AccessRecord, ChainHop, FindingVerdictRef, RequestDetail } from '../api/types.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { Link } from '../lib/router.tsx';
import { Section, Time } from './common.tsx';
import { TargetText } from './content-view.tsx';
import { DraftNextPanel } from './next-request.tsx';

/** The "draft the next request" panel for an access record of an answer to this request. */
export function nextRequestAction(
  caseId: string,
  requestId: string,
): (record: AccessRecord, close: () => void, finding?: FindingVerdictRef) => ReactNode {
  return (record, close, finding) => (
    <DraftNextPanel caseId={caseId} requestId={requestId} record={record} finding={finding} onClose={close} />
  );
}

function Hop({ hop }: { hop: ChainHop }) {
  const { t, bi } = useI18n();
  return (
    <li>
      {hop.requestId ? (
        <Link to={`/requests/${hop.requestId}`}>{hop.reference ?? hop.requestId}</Link>
      ) : (
        t('trace.fromMail')
      )}{' '}
      — <TargetText target={hop.identifier} />{' '}
      <span className="muted small">
        ({bi(LINK_SOURCE_LABELS[hop.source])}, <Time value={hop.at} />)
      </span>
    </li>
  );
}

/** One side of the chain under its heading; nothing when it has no hop. */
function Hops({ title, hops, testId }: { title: string; hops: ChainHop[]; testId: string }) {
  if (hops.length === 0) return null;
  return (
    <>
      <h3>{title}</h3>
      <ul data-testid={testId}>
        {hops.map((h) => (
          <Hop key={`${h.requestId}:${h.at}`} hop={h} />
        ))}
      </ul>
    </>
  );
}

/** Where this request came from in its case's chain, and what followed it (the issuing side only). */
export function ChainSection({ d }: { d: RequestDetail }) {
  const { t } = useI18n();
  const { follows, followedBy } = d.chain;
  if (follows.length === 0 && followedBy.length === 0) return null;
  return (
    <Section title={t('trace.title')} id="chain">
      <Hops title={t('trace.follows')} hops={follows} testId="chain-follows" />
      <Hops title={t('trace.followedByThis')} hops={followedBy} testId="chain-followed-by" />
    </Section>
  );
}
