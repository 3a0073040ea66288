import { candidateSpans } from '#shokai/candidate-spans';
import { asReceivedWords } from '#shokai/shown-text';
import {
  CANDIDATE_SPAN_LABELS,
  FINDING_RECORDS_LABELS,
  FINDING_VERDICT_LABELS,
  ID_DOCUMENT_KIND_LABELS,
  LINE_USE_LABELS,
  SOURCE_RECORD_KIND_LABELS,
} from '#shokai/vocabulary';
import type { Finding, FindingCandidate } from '../api/types.ts';
import type { MessageKey } from '../i18n/dictionary.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { formatRecordDay } from '../time/format.ts';
import { SUBSCRIBER_PERSON_FIELDS } from './answer-shape.ts';
import { FactRow, Time } from './common.tsx';
import { Table } from './table.tsx';
import { WrittenText } from './written-text.tsx';

// What the provider's records say about one target (issue 13). An ambiguous finding is shown as
// such: never as a subscriber — its candidates are listed under a warning, with what would make it
// unique; a finding without records says why.

const PERSON_FIELDS: [keyof NonNullable<FindingCandidate['person']>, MessageKey][] = [
  ...SUBSCRIBER_PERSON_FIELDS,
  ['birthDate', 'finding.birthDate'],
  ['contractStart', 'subscriber.contractStart'],
  ['contractEnd', 'subscriber.contractEnd'],
];

function Candidate({ c, title }: { c: FindingCandidate; title: string }) {
  const { t, bi, locale } = useI18n();
  return (
    <section className="finding-candidate" aria-label={title} data-testid="finding-candidate">
      <h6>{title}</h6>
      <dl className="facts">
        {c.account !== undefined && (
          <FactRow label={t('subscriber.account')}>
            <WrittenText text={c.account} />
          </FactRow>
        )}
        {PERSON_FIELDS.filter(([k]) => c.person?.[k]).map(([k, label]) => (
          <FactRow key={k} label={t(label)}>
            {k === 'contractStart' || k === 'contractEnd' ? (
              formatRecordDay(c.person?.[k] ?? '', locale)
            ) : (
              <WrittenText text={c.person?.[k] ?? ''} />
            )}
          </FactRow>
        ))}
        {c.line && <FactRow label={t('finding.line')}>{bi(LINE_USE_LABELS[c.line.use])}</FactRow>}
        {c.insideAddress !== undefined && (
          <FactRow label={t('finding.insideAddress')}>
            <code>{c.insideAddress}</code>
          </FactRow>
        )}
        {/* the span the records confirm, and the span it may have been held when its end was not logged */}
        {candidateSpans(c).map((s) => (
          <FactRow key={s.span} label={bi(CANDIDATE_SPAN_LABELS[s.span])}>
            <Time value={s.from} /> – <Time value={s.to} />
          </FactRow>
        ))}
      </dl>
      {c.posts && c.posts.length > 0 && (
        <Table
          className="log"
          caption={t('finding.posts')}
          showCaption
          rows={c.posts}
          rowKey={(p) => `${p.at}|${p.address}|${p.port}|${p.account}`}
          columns={[
            { head: t('answer.logTime'), cell: (p) => <Time value={p.at} /> },
            { head: t('answer.logAddress'), cell: (p) => <code>{p.address ?? '—'}</code> },
            { head: t('target.port'), cell: (p) => p.port ?? '—' },
            { head: t('subscriber.account'), cell: (p) => (p.account ? <WrittenText text={p.account} /> : '—') },
          ]}
        />
      )}
      {c.terminalUse && c.terminalUse.length > 0 && (
        <ul aria-label={t('finding.terminalUse')}>
          {c.terminalUse.map((u) => (
            <li key={`${u.terminal}|${u.enteredAt}`}>
              <WrittenText text={u.terminal} />: <Time value={u.enteredAt} /> – <Time value={u.exitedAt} />
            </li>
          ))}
        </ul>
      )}
      {c.idChecks && c.idChecks.length > 0 && (
        <ul aria-label={t('finding.idChecks')}>
          {c.idChecks.map((k) => (
            <li key={`${k.documentKind}|${k.checkedAt}`}>
              {bi(ID_DOCUMENT_KIND_LABELS[k.documentKind])}: <Time value={k.checkedAt} />
            </li>
          ))}
        </ul>
      )}
      {c.notes.length > 0 && (
        <ul className="notes">
          {c.notes.map((n) => (
            <li key={n.code}>{bi(n.text)}</li>
          ))}
        </ul>
      )}
      <details>
        <summary>{t('finding.sources')}</summary>
        <ul>
          {c.sources.map((s) => (
            <li key={`${s.kind}|${s.file}|${s.line}`}>
              {bi(SOURCE_RECORD_KIND_LABELS[s.kind])}:{' '}
              <code>
                {s.file}:{s.line}
                {s.endLine ? `–${s.endLine}` : ''}
              </code>
            </li>
          ))}
        </ul>
      </details>
    </section>
  );
}

export function FindingView({ finding: f }: { finding: Finding }) {
  const { t, bi, locale } = useI18n();
  return (
    <div className={`finding verdict-${f.verdict}`} data-testid="finding" data-verdict={f.verdict}>
      <h5>{t('finding.title')}</h5>
      <p>
        {t('finding.verdict')}:{' '}
        <strong className={`badge verdict-${f.verdict}`} data-testid="finding-verdict">
          {bi(FINDING_VERDICT_LABELS[f.verdict])}
        </strong>{' '}
        <span className="muted small">
          {t('finding.records')}: {bi(FINDING_RECORDS_LABELS[f.records])}
        </span>
      </p>
      {f.verdict === 'ambiguous' && (
        <p className="notice notice-warn" role="note" data-testid="finding-warning">
          {t('finding.ambiguousWarning')}
        </p>
      )}
      <dl className="facts">
        <FactRow label={t('finding.asked')}>
          <code>{asReceivedWords(f.query.asReceived, locale)}</code>
        </FactRow>
        {f.query.window && (
          <FactRow label={t('finding.window')}>
            <Time value={f.query.window.from} /> – <Time value={f.query.window.to} />
          </FactRow>
        )}
      </dl>
      {f.reasons.length > 0 && (
        <ul aria-label={t('finding.reasons')} data-testid="finding-reasons">
          {f.reasons.map((r) => (
            <li key={r.code}>{bi(r.text)}</li>
          ))}
        </ul>
      )}
      {f.resolveBy.length > 0 && (
        <div data-testid="finding-resolve">
          <h6>{t('finding.resolveBy')}</h6>
          <ul>
            {f.resolveBy.map((h) => (
              <li key={h.code}>{bi(h.text)}</li>
            ))}
          </ul>
        </div>
      )}
      {f.verdict === 'ambiguous' && <h6>{t('finding.candidates')}</h6>}
      {f.candidates.map((c, i) => (
        <Candidate
          key={`${c.account ?? ''}|${c.insideAddress ?? ''}|${c.from ?? ''}`}
          c={c}
          title={f.verdict === 'unique' ? t('finding.candidate') : t('finding.candidateN', { n: i + 1 })}
        />
      ))}
    </div>
  );
}
