import { type ReactNode, useState } from 'react';
import {
  ACCESS_LOG_WORDS,
  answerHolderOf,
  SUBSCRIBER_RECORD_FIELDS,
  SUBSCRIBER_RECORD_WORDS,
} from '#shokai/answer-holder';
import {
  ACCESS_ACTION_LABELS,
  ANSWER_ITEM_RESULT_LABELS,
  ANSWER_OUTCOME_LABELS,
  ID_DOCUMENT_KIND_LABELS,
  labelOf,
  MEMBER_FIELD_LABELS,
  MEMBER_FIELDS,
  type ProviderCategory,
} from '#shokai/vocabulary';
import type { AccessRecord, AnswerContent, FindingVerdictRef, RequestContent, UnsealedAnswer } from '../api/types.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { keyed } from '../lib/keys.ts';
import { formatRecordDay } from '../time/format.ts';
import { FactRow, Time } from './common.tsx';
import { TargetText } from './content-view.tsx';
import { FindingView } from './finding.tsx';
import { Fingerprint } from './fingerprint.tsx';
import { Table } from './table.tsx';
import { WrittenText } from './written-text.tsx';

/** The unsealed answer, as members of the requesting unit (or the provider, its kept copy) read it. */
export function AnswerView({
  unsealed,
  content,
  signer,
  providerCategory,
  recordAction,
}: {
  unsealed: UnsealedAnswer;
  content: RequestContent;
  signer: string;
  /** The answering provider's category: whose record the answer gives, in whose words (see AnswerContentView). */
  providerCategory: ProviderCategory | null;
  /** A panel per access record, opened by its button (the requesting unit's "draft the next request"). */
  recordAction?: (record: AccessRecord, close: () => void, finding?: FindingVerdictRef) => ReactNode;
}) {
  const { t, bi } = useI18n();
  const credential = unsealed.signedBy.credential;
  return (
    <div className="answer-view" data-testid="answer-view">
      <p
        className={`verdict ${unsealed.signatureValid ? 'verdict-ok' : 'verdict-fail'}`}
        data-testid="answer-signature"
      >
        {unsealed.signatureValid ? `✓ ${t('answer.signatureValid')}` : `✗ ${t('answer.signatureInvalid')}`} —{' '}
        {t('answer.signedBy')}: {signer}
        {credential ? ` · ${t(credential === 'passkey' ? 'answer.byPasskey' : 'answer.byInstallationKey')}` : ''} (
        {t('answer.key')} <Fingerprint className="small" value={unsealed.signedBy.keyFingerprint} />)
      </p>
      {unsealed.signatureProblem && (
        <p className="verdict verdict-fail" data-testid="answer-signature-problem">
          {bi(unsealed.signatureProblem)}
        </p>
      )}
      <p className="muted small">
        {t('answer.readAt')} <Time value={unsealed.readAt} /> — {t('answer.readAudited')}
      </p>
      <AnswerContentView
        answer={unsealed.answer}
        content={content}
        providerCategory={providerCategory}
        recordAction={recordAction}
      />
    </div>
  );
}

/**
 * What an answer says, target by target (shared by the unsealed answer and the provider's preview), in the words of
 * whose record it gives (src/domain/answer-holder.ts): a board's account as registered and its posts, not a line's
 * 契約者 and access records.
 */
export function AnswerContentView({
  answer: a,
  content,
  providerCategory,
  recordAction,
}: {
  answer: AnswerContent;
  content: RequestContent;
  providerCategory: ProviderCategory | null | undefined;
  recordAction?: ((record: AccessRecord, close: () => void, finding?: FindingVerdictRef) => ReactNode) | undefined;
}) {
  const { t, bi, locale } = useI18n();
  const [openRecord, setOpenRecord] = useState<{ item: number; row: number } | null>(null);
  // A civil claim's next step is the request to the access provider, not a police inquiry.
  const civil = content.kind === 'civil_disclosure';
  const next = civil ? t('trace.civilNext') : t('trace.draftNext');
  const holder = answerHolderOf(providerCategory, content);
  const board = holder === 'board';
  const subscriberWords = SUBSCRIBER_RECORD_WORDS[board ? 'board' : 'carrier'];
  return (
    <>
      <p>
        {t('answer.outcome')}: <strong>{bi(ANSWER_OUTCOME_LABELS[a.outcome])}</strong>
      </p>
      {a.items.map((it) => {
        const tg = content.targets[it.targetIndex];
        return (
          <section
            key={it.targetIndex}
            className="answer-item"
            aria-label={t('editor.targetN', { n: it.targetIndex + 1 })}
          >
            <h4>
              {t('editor.targetN', { n: it.targetIndex + 1 })}: {tg ? <TargetText target={tg} /> : null}
            </h4>
            {/* With a finding, its verdict speaks: "found" beside an ambiguous finding would read as one
                subscriber. */}
            {(it.finding === undefined || it.finding.verdict === 'none') && (
              <p>
                <span className={`badge result-${it.result}`}>{bi(ANSWER_ITEM_RESULT_LABELS[it.result])}</span>
              </p>
            )}
            {it.finding && <FindingView finding={it.finding} />}
            {it.subscriber && (
              <dl className="facts">
                {SUBSCRIBER_RECORD_FIELDS.filter((k) => it.subscriber?.[k]).map((k) => (
                  <FactRow key={k} label={bi(subscriberWords[k])}>
                    {k === 'contractStart' || k === 'contractEnd'
                      ? formatRecordDay(it.subscriber?.[k] ?? '', locale)
                      : it.subscriber?.[k]}
                  </FactRow>
                ))}
              </dl>
            )}
            {it.member && (
              <dl className="facts" aria-label={t('answer.cafe.member')}>
                {MEMBER_FIELDS.map((k) => {
                  const v = it.member?.[k];
                  if (!v) return null;
                  return (
                    <FactRow key={k} label={bi(MEMBER_FIELD_LABELS[k])}>
                      {k === 'idDocument' ? (
                        bi(labelOf(ID_DOCUMENT_KIND_LABELS, v))
                      ) : k === 'idCheckedAt' ? (
                        <Time value={v} />
                      ) : (
                        <WrittenText text={v} />
                      )}
                    </FactRow>
                  );
                })}
              </dl>
            )}
            {it.terminalUse && it.terminalUse.length > 0 && (
              <Table
                className="log"
                caption={t('answer.cafe.uses')}
                showCaption
                rows={keyed(it.terminalUse)}
                rowKey={(r) => r.key}
                columns={[
                  { head: t('answer.cafe.terminal'), cell: ({ item: u }) => <WrittenText text={u.terminal} /> },
                  { head: t('answer.cafe.from'), cell: ({ item: u }) => <Time value={u.from} /> },
                  {
                    head: t('answer.cafe.to'),
                    cell: ({ item: u }) => (u.to ? <Time value={u.to} /> : t('answer.cafe.noExit')),
                  },
                ]}
              />
            )}
            {it.accessLog && it.accessLog.length > 0 && (
              <Table
                className="log"
                caption={bi(ACCESS_LOG_WORDS[board ? 'board' : 'carrier'])}
                showCaption
                rows={keyed(it.accessLog)}
                rowKey={(r) => r.key}
                columns={[
                  { head: t('answer.logTime'), cell: ({ item: l }) => <Time value={l.at} /> },
                  {
                    head: t(board ? 'answer.board.sourceAddress' : 'answer.logAddress'),
                    cell: ({ item: l }) => <code>{l.address}</code>,
                  },
                  { head: t(board ? 'answer.board.sourcePort' : 'target.port'), cell: ({ item: l }) => l.port ?? '—' },
                  {
                    head: t('answer.logAction'),
                    cell: ({ item: l }) => (l.action ? bi(labelOf(ACCESS_ACTION_LABELS, l.action)) : '—'),
                  },
                  recordAction !== undefined && {
                    head: next,
                    // 次の照会を起案 read as one action, not 次の照 / 会を起 / 案 in a narrow column; English may
                    // still break at its spaces, where one line would push the table past its card.
                    className: 'keep-words',
                    cell: ({ item: l, index: row }) => (
                      <button
                        type="button"
                        className="secondary small"
                        aria-expanded={openRecord?.item === it.targetIndex && openRecord.row === row}
                        aria-label={t(civil ? 'trace.civilNextFor' : 'trace.draftNextFor', {
                          record: l.port === undefined ? l.address : `${l.address}:${l.port}`,
                        })}
                        onClick={() => setOpenRecord({ item: it.targetIndex, row })}
                      >
                        {next}
                      </button>
                    ),
                  },
                ]}
              />
            )}
            {recordAction &&
              openRecord?.item === it.targetIndex &&
              (() => {
                const l = it.accessLog?.[openRecord.row];
                if (!l) return null;
                const record = { address: l.address, ...(l.port === undefined ? {} : { port: l.port }), at: l.at };
                // The verdict the record was read under goes with it: the hub refuses to follow an ambiguous one.
                const finding = it.finding ? { verdict: it.finding.verdict } : undefined;
                return <div key={`${openRecord.row}`}>{recordAction(record, () => setOpenRecord(null), finding)}</div>;
              })()}
            {it.preservedUntil && (
              <p>
                {t('answer.preservedUntil')}: <Time value={it.preservedUntil} long />
              </p>
            )}
            {it.note && (
              <p className="prewrap">
                <WrittenText text={it.note} />
              </p>
            )}
          </section>
        );
      })}
      {a.note && (
        <p className="prewrap">
          <WrittenText text={a.note} />
        </p>
      )}
    </>
  );
}

/**
 * Exactly what will leave the provider, shown before it is signed: the answer as the server will
 * sign it and the digest the answer names, so what was reviewed is what is sent.
 */
export function AnswerPreviewPanel({
  preview,
  content,
  providerCategory,
  busy,
  onConfirm,
  onBack,
}: {
  preview: { answer: AnswerContent; digest: string };
  content: RequestContent;
  /** The provider's own category: the preview reads as its answer will. */
  providerCategory: ProviderCategory | null | undefined;
  busy: boolean;
  onConfirm: () => void;
  onBack: () => void;
}) {
  const { t } = useI18n();
  return (
    <div className="answer-preview" data-testid="answer-preview">
      <p className="hint">{t('answer.previewHint')}</p>
      <AnswerContentView answer={preview.answer} content={content} providerCategory={providerCategory} />
      <p className="muted small">
        {t('answer.digest')}: <code data-testid="answer-digest">{preview.digest}</code>
      </p>
      <div className="button-row">
        <button type="button" className="primary" disabled={busy} onClick={onConfirm}>
          {t('answer.submit')}
        </button>
        <button type="button" disabled={busy} onClick={onBack}>
          {t('answer.back')}
        </button>
      </div>
    </div>
  );
}
