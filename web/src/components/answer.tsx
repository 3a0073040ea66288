import { type FormEvent, type ReactNode, useState } from 'react';
import { ANSWER_ITEM_RESULT_LABELS, ANSWER_ITEM_RESULTS, ANSWER_OUTCOME_LABELS } from '#shokai/vocabulary';
import type {
  AccessRecord,
  AnswerContent,
  AnswerItem,
  FindingVerdictRef,
  ItemResult,
  RequestContent,
  SubscriberRecord,
  UnsealedAnswer,
} from '../api/types.ts';
import type { MessageKey } from '../i18n/dictionary.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { keyed } from '../lib/keys.ts';
import { Field, InstantInput, TextField, Time } from './common.tsx';
import { TargetText } from './content-view.tsx';
import { FindingView } from './finding.tsx';

const SUBSCRIBER_FIELDS: (keyof SubscriberRecord)[] = [
  'account',
  'name',
  'nameKana',
  'installationAddress',
  'billingAddress',
  'phone',
  'email',
  'contractStart',
  'contractEnd',
];

interface LogRow {
  /** A key for React that stays with the row while it is edited. */
  key: string;
  at: string;
  address: string;
  port: string;
  action: string;
}
interface ItemForm {
  result: ItemResult;
  subscriber: Record<keyof SubscriberRecord, string>;
  log: LogRow[];
  preservedUntil: string;
  note: string;
}

let logRows = 0;
function blankLogRow(): LogRow {
  logRows++;
  return { key: `log${logRows}`, at: '', address: '', port: '', action: '' };
}

function blankItem(): ItemForm {
  return {
    result: 'found',
    subscriber: {
      account: '',
      name: '',
      nameKana: '',
      installationAddress: '',
      billingAddress: '',
      phone: '',
      email: '',
      contractStart: '',
      contractEnd: '',
    },
    log: [],
    preservedUntil: '',
    note: '',
  };
}

/** The provider's answer, structured per target of the request. */
export function AnswerForm({
  content,
  busy,
  onSubmit,
}: {
  content: RequestContent;
  busy: boolean;
  onSubmit: (a: AnswerContent) => void;
}) {
  const { t, bi } = useI18n();
  const [zone, setZone] = useState('Asia/Tokyo');
  const [items, setItems] = useState<ItemForm[]>(() => content.targets.map(blankItem));
  const [note, setNote] = useState('');
  const wantsSubscriber = content.categories.includes('subscriber');
  const wantsLog = content.categories.includes('access_log') || content.categories.includes('traffic');
  const isPreservation = content.kind === 'preservation';
  const upd = (i: number, patch: Partial<ItemForm>) =>
    setItems((xs) => xs.map((x, j) => (j === i ? { ...x, ...patch } : x)));
  const outcome: AnswerContent['outcome'] = items.every((x) => x.result === 'found') ? 'full' : 'partial';

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const out: AnswerItem[] = items.map((x, i) => {
      const item: AnswerItem = { targetIndex: i, result: x.result };
      if (x.result === 'found') {
        if (wantsSubscriber) {
          const sub: SubscriberRecord = {};
          for (const k of SUBSCRIBER_FIELDS) if (x.subscriber[k].trim()) sub[k] = x.subscriber[k].trim();
          if (Object.keys(sub).length > 0) item.subscriber = sub;
        }
        if (wantsLog && x.log.length > 0) {
          item.accessLog = x.log
            .filter((l) => l.at && l.address.trim())
            .map((l) => ({
              at: l.at,
              address: l.address.trim(),
              ...(l.port.trim() ? { port: Number(l.port) } : {}),
              ...(l.action.trim() ? { action: l.action.trim() } : {}),
            }));
        }
        if (isPreservation && x.preservedUntil) item.preservedUntil = x.preservedUntil;
      }
      if (x.note.trim()) item.note = x.note.trim();
      return item;
    });
    onSubmit({ outcome, items: out, ...(note.trim() ? { note: note.trim() } : {}) });
  };

  return (
    <form onSubmit={submit} className="answer-form" aria-label={t('answer.formTitle')}>
      <p>
        {t('answer.outcome')}: <strong data-testid="answer-outcome">{bi(ANSWER_OUTCOME_LABELS[outcome])}</strong>
      </p>
      {keyed(content.targets).map(({ key, item: tg, index: i }) => {
        const x = items[i] as ItemForm;
        return (
          <fieldset key={key} className="answer-item">
            <legend>
              {t('editor.targetN', { n: i + 1 })}: <TargetText target={tg} />
            </legend>
            <Field label={t('answer.result')}>
              {(id) => (
                <select id={id} value={x.result} onChange={(e) => upd(i, { result: e.target.value as ItemResult })}>
                  {ANSWER_ITEM_RESULTS.map((r) => (
                    <option key={r} value={r}>
                      {bi(ANSWER_ITEM_RESULT_LABELS[r])}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            {x.result === 'found' && wantsSubscriber && (
              <div className="grid2">
                {SUBSCRIBER_FIELDS.map((k) => (
                  <TextField
                    key={k}
                    label={t(`subscriber.${k}` as MessageKey)}
                    value={x.subscriber[k]}
                    onChange={(v) => upd(i, { subscriber: { ...x.subscriber, [k]: v } })}
                  />
                ))}
              </div>
            )}
            {x.result === 'found' && wantsLog && (
              <div className="log-rows">
                <h4>{t('answer.accessLog')}</h4>
                {x.log.map((l, j) => (
                  <div key={l.key} className="row-fields">
                    <InstantInput
                      label={t('answer.logAt', { n: j + 1 })}
                      value={l.at}
                      onChange={(v) => upd(i, { log: x.log.map((y, k) => (k === j ? { ...y, at: v } : y)) })}
                      zone={zone}
                      onZoneChange={setZone}
                    />
                    <TextField
                      label={t('answer.logAddress')}
                      value={l.address}
                      onChange={(v) => upd(i, { log: x.log.map((y, k) => (k === j ? { ...y, address: v } : y)) })}
                    />
                    <TextField
                      label={t('target.port')}
                      inputMode="numeric"
                      value={l.port}
                      onChange={(v) => upd(i, { log: x.log.map((y, k) => (k === j ? { ...y, port: v } : y)) })}
                    />
                    <TextField
                      label={t('answer.logAction')}
                      value={l.action}
                      onChange={(v) => upd(i, { log: x.log.map((y, k) => (k === j ? { ...y, action: v } : y)) })}
                    />
                  </div>
                ))}
                <button type="button" className="secondary" onClick={() => upd(i, { log: [...x.log, blankLogRow()] })}>
                  {t('answer.addLog')}
                </button>
              </div>
            )}
            {x.result === 'found' && isPreservation && (
              <InstantInput
                label={t('answer.preservedUntil')}
                value={x.preservedUntil}
                onChange={(v) => upd(i, { preservedUntil: v })}
                zone={zone}
                onZoneChange={setZone}
              />
            )}
            <TextField label={t('answer.itemNote')} value={x.note} onChange={(v) => upd(i, { note: v })} />
          </fieldset>
        );
      })}
      <TextField label={t('answer.note')} multiline rows={3} value={note} onChange={setNote} />
      <p className="hint">{t('answer.sealHint')}</p>
      <button type="submit" className="primary" disabled={busy}>
        {t('answer.review')}
      </button>
    </form>
  );
}

/** The unsealed answer, as members of the requesting unit (or the provider, its kept copy) read it. */
export function AnswerView({
  unsealed,
  content,
  signer,
  recordAction,
}: {
  unsealed: UnsealedAnswer;
  content: RequestContent;
  signer: string;
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
        {t('answer.key')} <code className="small">{unsealed.signedBy.keyFingerprint}</code>)
      </p>
      {unsealed.signatureProblem && (
        <p className="verdict verdict-fail" data-testid="answer-signature-problem">
          {bi(unsealed.signatureProblem)}
        </p>
      )}
      <p className="muted small">
        {t('answer.readAt')} <Time value={unsealed.readAt} /> — {t('answer.readAudited')}
      </p>
      <AnswerContentView answer={unsealed.answer} content={content} recordAction={recordAction} />
    </div>
  );
}

/** What an answer says, target by target (shared by the unsealed answer and the provider's preview). */
export function AnswerContentView({
  answer: a,
  content,
  recordAction,
}: {
  answer: AnswerContent;
  content: RequestContent;
  recordAction?: ((record: AccessRecord, close: () => void, finding?: FindingVerdictRef) => ReactNode) | undefined;
}) {
  const { t, bi } = useI18n();
  const [openRecord, setOpenRecord] = useState<{ item: number; row: number } | null>(null);
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
            {/* With a finding, its verdict speaks: "found" beside an ambiguous finding would read as one subscriber. */}
            {(it.finding === undefined || it.finding.verdict === 'none') && (
              <p>
                <span className={`badge result-${it.result}`}>{bi(ANSWER_ITEM_RESULT_LABELS[it.result])}</span>
              </p>
            )}
            {it.finding && <FindingView finding={it.finding} />}
            {it.subscriber && (
              <dl className="facts">
                {SUBSCRIBER_FIELDS.filter((k) => it.subscriber?.[k]).map((k) => (
                  <div key={k} className="dl-row">
                    <dt>{t(`subscriber.${k}` as MessageKey)}</dt>
                    <dd>{it.subscriber?.[k]}</dd>
                  </div>
                ))}
              </dl>
            )}
            {it.accessLog && it.accessLog.length > 0 && (
              <table className="log">
                <caption>{t('answer.accessLog')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('answer.logTime')}</th>
                    <th scope="col">{t('answer.logAddress')}</th>
                    <th scope="col">{t('target.port')}</th>
                    <th scope="col">{t('answer.logAction')}</th>
                    {recordAction && <th scope="col">{t('trace.draftNext')}</th>}
                  </tr>
                </thead>
                <tbody>
                  {keyed(it.accessLog).map(({ key, item: l, index: row }) => (
                    <tr key={key}>
                      <td>
                        <Time value={l.at} />
                      </td>
                      <td>
                        <code>{l.address}</code>
                      </td>
                      <td>{l.port ?? '—'}</td>
                      <td>{l.action ?? '—'}</td>
                      {recordAction && (
                        <td>
                          <button
                            type="button"
                            className="secondary small"
                            aria-expanded={openRecord?.item === it.targetIndex && openRecord.row === row}
                            aria-label={t('trace.draftNextFor', {
                              record: l.port === undefined ? l.address : `${l.address}:${l.port}`,
                            })}
                            onClick={() => setOpenRecord({ item: it.targetIndex, row })}
                          >
                            {t('trace.draftNext')}
                          </button>
                        </td>
                      )}
                    </tr>
                  ))}
                </tbody>
              </table>
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
            {it.note && <p className="prewrap">{it.note}</p>}
          </section>
        );
      })}
      {a.note && <p className="prewrap">{a.note}</p>}
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
  busy,
  onConfirm,
  onBack,
}: {
  preview: { answer: AnswerContent; digest: string };
  content: RequestContent;
  busy: boolean;
  onConfirm: () => void;
  onBack: () => void;
}) {
  const { t } = useI18n();
  return (
    <div className="answer-preview" data-testid="answer-preview">
      <p className="hint">{t('answer.previewHint')}</p>
      <AnswerContentView answer={preview.answer} content={content} />
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
