import { type FormEvent, useState } from 'react';
import { personDateProblems } from '#shokai/person-record';
import {
  ANSWER_ITEM_RESULT_LABELS,
  ANSWER_ITEM_RESULTS,
  ANSWER_OUTCOME_LABELS,
  type Bilingual,
  type ProviderCategory,
  REQUIRED_MESSAGE,
} from '#shokai/vocabulary';
import type { AnswerContent, AnswerItem, ItemResult, RequestContent, SubscriberRecord } from '../api/types.ts';
import { messages } from '../i18n/dictionary.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { answerFieldWords, type SentItem } from '../lib/answer-field-words.ts';
import { type FieldWords, FormIssues, issueText } from '../lib/error-text.ts';
import { keyed } from '../lib/keys.ts';
import { viewerZone } from '../time/format.ts';
import { CheckedForm } from './action-form.tsx';
import {
  blankMember,
  MemberFields,
  type MemberForm,
  memberOf,
  type UseRow,
  UseRows,
  usesOf,
} from './answer-cafe-fields.tsx';
import { answerShapeOf, LOG_WORDS, SUBSCRIBER_FIELDS_OF } from './answer-shape.ts';
import { SelectChoice } from './choices.tsx';
import { InstantInput, TextField } from './common.tsx';
import { TargetText } from './content-view.tsx';

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
  member: MemberForm;
  uses: UseRow[];
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
    member: blankMember(),
    uses: [],
    preservedUntil: '',
    note: '',
  };
}

/** The provider's answer, structured per target of the request. */
export function AnswerForm({
  content,
  providerCategory,
  busy,
  onSubmit,
}: {
  content: RequestContent;
  /** What kind of holder the provider is (its directory category): the fields it answers with follow it. */
  providerCategory: ProviderCategory | null | undefined;
  busy: boolean;
  /** The answer, and the words its refusal names its fields by (the target and the form's row of each entry). */
  onSubmit: (a: AnswerContent, words: FieldWords) => void;
}) {
  const { t, bi } = useI18n();
  // A log row filled in part is said, never sent without its time or address nor left out unsaid; so is a
  // subscriber's date that is none.
  const [unfinished, setUnfinished] = useState<FormIssues | null>(null);
  const [zone, setZone] = useState(viewerZone);
  const [items, setItems] = useState<ItemForm[]>(() => content.targets.map(blankItem));
  const [note, setNote] = useState('');
  const wantsSubscriber = content.categories.includes('subscriber');
  const wantsLog = content.categories.includes('access_log') || content.categories.includes('traffic');
  const isPreservation = content.kind === 'preservation';
  const shape = answerShapeOf(providerCategory, content.kind);
  const subscriberFields = shape === 'cafe' ? [] : SUBSCRIBER_FIELDS_OF[shape];
  const logWords = LOG_WORDS[shape === 'cafe' ? 'carrier' : shape];
  const upd = (i: number, patch: Partial<ItemForm>) =>
    setItems((xs) => xs.map((x, j) => (j === i ? { ...x, ...patch } : x)));
  const outcome: AnswerContent['outcome'] = items.every((x) => x.result === 'found') ? 'full' : 'partial';

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const sent: SentItem[] = [];
    const half: Bilingual[] = [];
    const out: AnswerItem[] = items.map((x, i) => {
      const item: AnswerItem = { targetIndex: i, result: x.result };
      const logRows: number[] = [];
      sent.push({ targetIndex: i, logRows });
      if (x.result === 'found') {
        // the item's problems are named by its target (and field), as the form labels them
        const itemWords = answerFieldWords([{ targetIndex: i, logRows: [] }], shape);
        if (wantsSubscriber && shape === 'cafe') {
          const member = memberOf(x.member);
          if (member) item.member = member;
        }
        if (wantsSubscriber && shape !== 'cafe') {
          const sub: SubscriberRecord = {};
          for (const [k] of subscriberFields) if (x.subscriber[k].trim()) sub[k] = x.subscriber[k].trim();
          if (Object.keys(sub).length > 0) item.subscriber = sub;
          // a date typed that is none ("2026/13/01", "そのうち") is said here, before anything is signed
          for (const p of personDateProblems(x.subscriber)) {
            half.push(issueText(p.message, `items.0.subscriber.${p.field}`, itemWords));
          }
        }
        if (wantsLog && shape === 'cafe') {
          const uses = usesOf(x.uses, i, half, logRows);
          if (uses.length > 0) item.terminalUse = uses;
        }
        if (wantsLog && shape !== 'cafe' && x.log.length > 0) {
          const entries: NonNullable<AnswerItem['accessLog']> = [];
          x.log.forEach((l, j) => {
            const blank = !l.at && !l.address.trim() && !l.port.trim() && !l.action.trim();
            if (blank) return;
            const words = answerFieldWords([{ targetIndex: i, logRows: [j] }], shape);
            for (const [missing, field] of [
              [!l.at, 'at'],
              [!l.address.trim(), 'address'],
            ] as const) {
              if (missing) half.push(issueText(REQUIRED_MESSAGE, `items.0.accessLog.0.${field}`, words));
            }
            if (!l.at || !l.address.trim()) return;
            logRows.push(j);
            entries.push({
              at: l.at,
              address: l.address.trim(),
              ...(l.port.trim() ? { port: Number(l.port) } : {}),
              ...(l.action.trim() ? { action: l.action.trim() } : {}),
            });
          });
          if (entries.length > 0) item.accessLog = entries;
        }
        if (isPreservation && x.preservedUntil) item.preservedUntil = x.preservedUntil;
        // "found" and nothing given would be signed as an answer that found the person and says nothing
        const given = [item.subscriber, item.accessLog, item.member, item.terminalUse].some((g) => g !== undefined);
        if (!isPreservation && (wantsSubscriber || wantsLog) && !given) {
          half.push(issueText(messages['answer.foundEmpty'], 'items.0', itemWords));
        }
      }
      if (x.note.trim()) item.note = x.note.trim();
      return item;
    });
    if (half.length > 0) {
      setUnfinished(new FormIssues(half));
      return;
    }
    setUnfinished(null);
    onSubmit({ outcome, items: out, ...(note.trim() ? { note: note.trim() } : {}) }, answerFieldWords(sent, shape));
  };

  return (
    <CheckedForm onSubmit={submit} error={unfinished} className="answer-form" label={t('answer.formTitle')}>
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
            <SelectChoice
              label={t('answer.result')}
              options={ANSWER_ITEM_RESULTS}
              labels={ANSWER_ITEM_RESULT_LABELS}
              value={x.result}
              onChange={(result) => upd(i, { result })}
            />
            {x.result === 'found' && wantsSubscriber && shape === 'cafe' && (
              <MemberFields value={x.member} onChange={(member) => upd(i, { member })} />
            )}
            {x.result === 'found' && wantsLog && shape === 'cafe' && (
              <UseRows rows={x.uses} onChange={(uses) => upd(i, { uses })} zone={zone} onZoneChange={setZone} />
            )}
            {x.result === 'found' && wantsSubscriber && shape !== 'cafe' && (
              <div className="grid2">
                {subscriberFields.map(([k, label]) => (
                  <TextField
                    key={k}
                    label={t(label)}
                    value={x.subscriber[k]}
                    onChange={(v) => upd(i, { subscriber: { ...x.subscriber, [k]: v } })}
                  />
                ))}
              </div>
            )}
            {x.result === 'found' && wantsLog && shape !== 'cafe' && (
              <div className="log-rows">
                <h4>{t(logWords.title)}</h4>
                {x.log.map((l, j) => (
                  <div key={l.key} className="row-fields">
                    <InstantInput
                      label={t(logWords.at, { n: j + 1 })}
                      value={l.at}
                      onChange={(v) => upd(i, { log: x.log.map((y, k) => (k === j ? { ...y, at: v } : y)) })}
                      zone={zone}
                      onZoneChange={setZone}
                    />
                    <TextField
                      label={t(logWords.address)}
                      value={l.address}
                      onChange={(v) => upd(i, { log: x.log.map((y, k) => (k === j ? { ...y, address: v } : y)) })}
                    />
                    <TextField
                      label={t(logWords.port)}
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
                  {t(logWords.add)}
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
    </CheckedForm>
  );
}
