import { preservationExpiry } from '../domain/deadlines.ts';
import { SignedEnvelopeSchema } from '../domain/envelope.ts';
import { toUtcIso } from '../domain/instant.ts';
import { type RequestContent, RequestContentSchema } from '../domain/request-content.ts';
import { TerminalTargetSchema } from '../domain/targets.ts';
import { OPEN_REQUEST_STATES } from '../domain/vocabulary.ts';
import type { AgentRequestRow, RequestRow } from '../store/schema.ts';

// What a café's purge must keep past the three years: the terminal use a request received here asks
// about, while that request holds it. A request holds its terminal targets while it is open here (not
// yet answered or declined: the records it asks for must still be there to answer from), and a
// preservation request (保全要請) for as long as the preservation runs, whatever the three years say.
// The hub knows a preservation's end (`preservation_until`, moved by an extension); the provider's own
// installation does not see an extension, so it keeps the records for the longest a preservation may
// run with its one extension (CCP 197(4)) from when it answered.

/** A terminal's use over a period (UTC) that the purge keeps, and the request that holds it. */
export interface HeldTerminal {
  terminal: string;
  from: string;
  to: string;
  requestId: string;
  /** The request's reference, as people name it. */
  reference: string;
}

/** A request as the hold rule reads it, from whichever table this installation keeps requests in. */
export interface HoldingRequest {
  requestId: string;
  reference: string;
  content: RequestContent;
  /** Whether the request is still open here. */
  open: boolean;
  /** For a preservation that was answered: until when it runs (UTC). */
  preservedUntil: string | null;
}

/** The terminal use that the requests hold at `now`. */
export function heldTerminals(requests: readonly HoldingRequest[], now: Date): HeldTerminal[] {
  return requests
    .filter((r) => r.open || (r.preservedUntil !== null && Date.parse(r.preservedUntil) > now.getTime()))
    .flatMap((r) =>
      r.content.targets.flatMap((t) => {
        const parsed = TerminalTargetSchema.safeParse(t);
        if (!parsed.success) return [];
        const { terminal, from, to } = parsed.data;
        return [{ terminal, from: toUtcIso(from), to: toUtcIso(to), requestId: r.requestId, reference: r.reference }];
      }),
    );
}

/** States of a request on the hub in which the provider has it and has not yet answered or declined. */
export const HUB_HOLDING_STATES: readonly string[] = OPEN_REQUEST_STATES.filter(
  (s) => s !== 'draft' && s !== 'awaiting_approval' && s !== 'issued',
);

/** States of a request in the provider's own installation before it answered or declined. */
export const AGENT_HOLDING_STATES: readonly string[] = ['received', 'prepared', 'approved'];

/** A hub request to the café (its content as the hub keeps it). */
export function hubHoldingRequest(
  row: Pick<RequestRow, 'id' | 'reference' | 'state' | 'content' | 'preservation_until'>,
): HoldingRequest {
  return {
    requestId: row.id,
    reference: row.reference,
    content: RequestContentSchema.parse(JSON.parse(row.content)),
    open: HUB_HOLDING_STATES.includes(row.state),
    preservedUntil: row.preservation_until,
  };
}

/** A request the provider's own installation took in (its content as verified on intake). */
export function agentHoldingRequest(
  row: Pick<AgentRequestRow, 'request_id' | 'reference' | 'state' | 'envelope' | 'sent_at'>,
): HoldingRequest {
  const content = RequestContentSchema.parse(SignedEnvelopeSchema.parse(JSON.parse(row.envelope)).payload.content);
  const answeredAt = row.state === 'sent' ? row.sent_at : null;
  return {
    requestId: row.request_id,
    reference: row.reference,
    content,
    open: AGENT_HOLDING_STATES.includes(row.state),
    preservedUntil:
      answeredAt !== null && content.kind === 'preservation'
        ? preservationExpiry(new Date(answeredAt), content.preservation.days, true).toISOString()
        : null,
  };
}
