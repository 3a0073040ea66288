// The second person of a two-person rule (a role grant, a new signing credential): confirm what waits,
// or refuse it with the reason typed below the list; a person is never the second person of their own.
// The queue itself (what waits, the reason, what was decided) is one component for both.
import { type ReactNode, useState } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import type { Async } from '../lib/use-async.ts';
import { ErrorNotice, Loading, Section, TextField, Time } from './common.tsx';

export function SecondPersonButtons(props: {
  /** The caller's own (granted by or to them, or their credential): they may not decide it. */
  own: boolean;
  confirmLabel: string;
  refuseLabel: string;
  /** The refusal reason typed so far: refusing needs one. */
  reason: string;
  onConfirm: () => void;
  onRefuse: () => void;
}) {
  const { t } = useI18n();
  if (props.own) return <span className="muted">{t('grants.notYou')}</span>;
  return (
    <>
      <button type="button" className="primary" onClick={props.onConfirm}>
        {props.confirmLabel}
      </button>{' '}
      <button type="button" className="danger" disabled={!props.reason.trim()} onClick={props.onRefuse}>
        {props.refuseLabel}
      </button>
    </>
  );
}

type Decidable = { id: string; state: string; decidedAt?: string | null | undefined };

/**
 * The queue of a two-person rule: what waits for a second person (each with its buttons), the one
 * refusal reason below them, and what was decided, folded away.
 */
export function SecondPersonQueue<T extends Decidable>(props: {
  list: Async<T[]>;
  /** The section's title and intro, given how many wait. */
  title: (pending: number) => string;
  intro: string;
  nonePending: string;
  /** The decided ones' summary, given how many. */
  history: (decided: number) => string;
  testId: string;
  /** The attribute naming each waiting item for tests (`data-grant`). */
  itemAttribute: `data-${string}`;
  /** What waits, in words (before its buttons), and what was decided (before its time). */
  describe: (item: T) => ReactNode;
  describeDecided: (item: T) => ReactNode;
  /** A note after a decided item's time. */
  decidedNote?: (item: T) => ReactNode;
  own: (item: T) => boolean;
  confirmLabel: (item: T) => string;
  refuseLabel: string;
  confirm: (item: T) => Promise<unknown>;
  refuse: (item: T, reason: string) => Promise<unknown>;
}) {
  const { t } = useI18n();
  const { list } = props;
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const decide = (p: Promise<unknown>) => {
    setError(null);
    p.then(() => {
      setReason('');
      list.reload();
    }, setError);
  };
  const pending = list.data?.filter((r) => r.state === 'pending') ?? [];
  const decided = list.data?.filter((r) => r.state !== 'pending') ?? [];
  return (
    <Section title={props.title(pending.length)}>
      <p className="hint">{props.intro}</p>
      {list.loading && <Loading />}
      <ErrorNotice error={list.error ?? error} />
      {pending.length === 0 && list.data && <p className="muted">{props.nonePending}</p>}
      {pending.length > 0 && (
        <ul className="grants" data-testid={props.testId}>
          {pending.map((r) => (
            <li key={r.id} {...{ [props.itemAttribute]: r.id }}>
              {props.describe(r)}{' '}
              <SecondPersonButtons
                own={props.own(r)}
                confirmLabel={props.confirmLabel(r)}
                refuseLabel={props.refuseLabel}
                reason={reason}
                onConfirm={() => decide(props.confirm(r))}
                onRefuse={() => decide(props.refuse(r, reason.trim()))}
              />
            </li>
          ))}
        </ul>
      )}
      {pending.length > 0 && <TextField label={t('grants.refusalReason')} value={reason} onChange={setReason} />}
      {decided.length > 0 && (
        <details>
          <summary>{props.history(decided.length)}</summary>
          <ul>
            {decided.map((r) => (
              <li key={r.id}>
                {props.describeDecided(r)}
                {r.decidedAt && (
                  <>
                    {' '}
                    · <Time value={r.decidedAt} />
                  </>
                )}
                {props.decidedNote?.(r)}
              </li>
            ))}
          </ul>
        </details>
      )}
    </Section>
  );
}
