import { DomainError } from './errors.ts';
import type { LifecycleAction, RequestKind, RequestState } from './vocabulary.ts';
import {
  LIFECYCLE_ACTION_LABELS,
  LIFECYCLE_ACTIONS,
  NO_OPINION_HEARING,
  OPEN_REQUEST_STATES,
  REQUEST_KIND_LABELS,
  REQUEST_STATE_LABELS,
} from './vocabulary.ts';

/**
 * The one request state machine; agency and provider see the same states. Which side and which
 * roles may take an action is the access rules' business (access.ts: ACTION_SIDES, the permission
 * table); this module only says which action is legal in which state, for which kind, and where it
 * leads.
 */

export { LIFECYCLE_ACTION_LABELS, LIFECYCLE_ACTIONS, type LifecycleAction } from './vocabulary.ts';

/**
 * A request's move, as open screens are told of it once it committed: the request's identity, kind and
 * state, never personal data. The server's live event carries this, and the web reads it.
 */
export interface RequestChange {
  requestId: string;
  reference: string;
  kind: RequestKind;
  state: RequestState;
  previousState: RequestState | null;
  at: string;
}

type Transitions = Partial<Record<RequestState, Partial<Record<LifecycleAction, RequestState>>>>;

export { NO_OPINION_HEARING };

/** Withdrawal is possible until the provider has answered or declined. */
const WITHDRAWABLE: readonly RequestState[] = OPEN_REQUEST_STATES;

function build(kind: RequestKind): Transitions {
  const t: Transitions = {};
  const add = (from: RequestState, action: LifecycleAction, to: RequestState) => {
    t[from] = { ...t[from], [action]: to };
  };
  add('draft', 'submit', 'awaiting_approval');
  add('awaiting_approval', 'approve', 'issued');
  add('awaiting_approval', 'reject_approval', 'draft');
  if (kind === 'mlat') {
    // The package is handed to the foreign authority outside the system: no provider answers it here.
    add('issued', 'close', 'closed');
    for (const s of ['draft', 'awaiting_approval', 'issued'] as const) add(s, 'withdraw', 'withdrawn');
    add('withdrawn', 'close', 'closed');
    return t;
  }
  add('issued', 'deliver', 'received');
  add('received', 'start_review', 'under_review');
  add('under_review', 'request_clarification', 'clarification_requested');
  add('clarification_requested', 'clarify', 'clarified');
  add('clarified', 'start_review', 'under_review');
  if (!NO_OPINION_HEARING.includes(kind)) add('under_review', 'start_opinion_hearing', 'awaiting_opinion');
  // A warrant whose hearing began before warrants stopped hearing the subscriber can still have the opinion
  // recorded (or be declined), so that it does not stay in the hearing for ever.
  if (!NO_OPINION_HEARING.includes(kind) || kind === 'warrant')
    add('awaiting_opinion', 'record_opinion', 'under_review');
  add('under_review', 'answer', 'answered');
  // A life is at stake: the provider may answer an emergency request as soon as it has it, after the
  // second check (a call-back) when the approver's credential is new.
  if (kind === 'emergency') {
    add('received', 'answer', 'answered');
    add('received', 'confirm_second_check', 'received');
    add('under_review', 'confirm_second_check', 'under_review');
  }
  for (const s of ['received', 'under_review', 'clarified', 'awaiting_opinion'] as const) add(s, 'decline', 'declined');
  for (const s of WITHDRAWABLE) add(s, 'withdraw', 'withdrawn');
  if (kind === 'preservation') add('answered', 'extend_preservation', 'answered');
  for (const s of ['answered', 'declined', 'withdrawn'] as const) add(s, 'close', 'closed');
  return t;
}

const KINDS: readonly RequestKind[] = Object.keys(REQUEST_KIND_LABELS) as RequestKind[];
const TABLE: Record<RequestKind, Transitions> = Object.fromEntries(KINDS.map((k) => [k, build(k)])) as Record<
  RequestKind,
  Transitions
>;

/** The actions legal for a kind in a state, in LIFECYCLE_ACTIONS order. */
export function allowedActions(kind: RequestKind, state: RequestState): LifecycleAction[] {
  const row = TABLE[kind][state] ?? {};
  return LIFECYCLE_ACTIONS.filter((a) => row[a] !== undefined);
}

/** The state an action leads to; throws ILLEGAL_TRANSITION (details: state, action, allowed). */
export function nextState(kind: RequestKind, from: RequestState, action: LifecycleAction): RequestState {
  const to = TABLE[kind][from]?.[action];
  if (to !== undefined) return to;
  const allowed = allowedActions(kind, from);
  // Read by people (a button pressed on a page another person has moved on): labels, never codes.
  const label = (a: LifecycleAction) => LIFECYCLE_ACTION_LABELS[a];
  const list =
    allowed.length === 0
      ? { ja: 'なし', en: 'none' }
      : { ja: allowed.map((a) => label(a).ja).join('、'), en: allowed.map((a) => label(a).en).join(', ') };
  throw new DomainError(
    'ILLEGAL_TRANSITION',
    {
      ja:
        `${REQUEST_KIND_LABELS[kind].ja}が「${REQUEST_STATE_LABELS[from].ja}」の状態では` +
        `「${label(action).ja}」はできません。可能な操作: ${list.ja}`,
      en:
        `"${label(action).en}" is not possible while the ${REQUEST_KIND_LABELS[kind].en.toLowerCase()} ` +
        `is "${REQUEST_STATE_LABELS[from].en}"; possible now: ${list.en}`,
    },
    { field: 'action', value: action, kind, state: from, action, allowed },
  );
}

/** Only `closed` ends a request: nothing can happen to it any more. */
export function isTerminal(state: RequestState): boolean {
  return state === 'closed';
}

/** States in which the provider has given its last word (or the agency withdrew): no answer is pending. */
export const SETTLED_STATES: readonly RequestState[] = ['answered', 'declined', 'withdrawn', 'closed'];

/** Open: not settled — a draft, awaiting approval, or waiting for the provider or the agency. */
export function isOpen(state: RequestState): boolean {
  return !SETTLED_STATES.includes(state);
}

/** Every legal (kind, state, action, next) — for documentation and UI hints. */
export function transitionTable(): Array<{
  kind: RequestKind;
  from: RequestState;
  action: LifecycleAction;
  to: RequestState;
}> {
  const out: Array<{ kind: RequestKind; from: RequestState; action: LifecycleAction; to: RequestState }> = [];
  for (const kind of KINDS) {
    for (const [from, row] of Object.entries(TABLE[kind]) as Array<
      [RequestState, Partial<Record<LifecycleAction, RequestState>>]
    >) {
      for (const action of LIFECYCLE_ACTIONS) {
        const to = row[action];
        if (to !== undefined) out.push({ kind, from, action, to });
      }
    }
  }
  return out;
}
