import { type AnswerContent, AnswerContentSchema } from '../domain/answer-content.ts';
import { type SignedEnvelope, SignedEnvelopeSchema } from '../domain/envelope.ts';
import { DomainError } from '../domain/errors.ts';
import { type RequestContent, RequestContentSchema } from '../domain/request-content.ts';
import { shownInput } from '../domain/shown-text.ts';
import { AGENT_REQUEST_STATE_LABELS, AGENT_REQUEST_STATES, type Bilingual, isOneOf } from '../domain/vocabulary.ts';
import type { Db, Tx } from '../store/database.ts';
import type { AgentRequestRow } from '../store/schema.ts';
import { findAgentRequest } from './agent.repository.ts';
import { requireNotEndedAtHub } from './hub-ended-texts.ts';

// A request of the installation as every action reads it: the request is here, in the state the action
// needs, and its envelope and content as verified on intake. The review (review.ts), the answer's files
// (answer-files.ts), sealing (seal.ts) and the runner share them.

export const envelopeOf = (row: AgentRequestRow): SignedEnvelope =>
  SignedEnvelopeSchema.parse(JSON.parse(row.envelope));
export const contentOfRow = (row: AgentRequestRow): RequestContent =>
  RequestContentSchema.parse(envelopeOf(row).payload.content);

/** The draft answer the row holds (as prepared or last edited), or null before one is prepared. */
export const draftOfRow = (row: AgentRequestRow): AnswerContent | null =>
  row.draft ? AnswerContentSchema.parse(JSON.parse(row.draft)) : null;

/** The request's row, or NOT_FOUND naming it. */
export async function requireAgentRequest(db: Db | Tx, requestId: string): Promise<AgentRequestRow> {
  const row = await findAgentRequest(db, requestId);
  if (!row) {
    throw new DomainError(
      'NOT_FOUND',
      {
        ja: `要請 ${shownInput(requestId)} はこの設置にありません`,
        en: `request ${shownInput(requestId)} is not in this installation`,
      },
      { field: 'requestId', value: requestId },
    );
  }
  return row;
}

/** The request, while people may still change its draft answer: prepared, and not ended at the hub. */
export async function requireOpenDraft(db: Db | Tx, requestId: string): Promise<AgentRequestRow> {
  const row = await requireAgentRequest(db, requestId);
  if (row.state !== 'prepared') throw notIn(row, 'prepared');
  requireNotEndedAtHub(row);
  return row;
}

/** A state of the installation's request as people read it (its label; the code only if unknown). */
function stateText(state: string): Bilingual {
  return isOneOf(AGENT_REQUEST_STATES, state) ? AGENT_REQUEST_STATE_LABELS[state] : { ja: state, en: state };
}

/** The refusal of an action the request's state does not allow now; `wanted`, the state it needs. */
export function notIn(row: Pick<AgentRequestRow, 'reference' | 'state'>, wanted: string): DomainError {
  const now = stateText(row.state);
  const need = stateText(wanted);
  return new DomainError(
    'ILLEGAL_TRANSITION',
    {
      ja: `要請 ${row.reference}は「${now.ja}」のため、この操作はできません（「${need.ja}」の要請に対する操作です）`,
      en: `request ${row.reference} is "${now.en}": this can be done only while it is "${need.en}"`,
    },
    { field: 'state', value: row.state },
  );
}
