import { deadlineStatus } from '../domain/deadlines.ts';
import type { RequestKind, RequestState } from '../domain/vocabulary.ts';
import type { RequestRow } from '../store/schema.ts';
import type { RequestSummary } from './read-models.ts';

/**
 * Where a request stands against its response deadline at `now`, and since when it waits on the requester's
 * clarification (its clock stands still meanwhile: docs/lifecycle.md "Deadlines").
 */
export function deadlineOf(
  row: Pick<RequestRow, 'deadline_at' | 'received_at' | 'clarification_asked_at'>,
  { kind, state }: { kind: RequestKind; state: RequestState },
  now: Date,
): Pick<RequestSummary, 'deadline' | 'clarificationAskedAt'> {
  const asked = state === 'clarification_requested' ? row.clarification_asked_at : null;
  const deadline = deadlineStatus(row.deadline_at ? new Date(row.deadline_at) : null, now, state, {
    kind,
    ...(row.received_at ? { startedAt: new Date(row.received_at) } : {}),
    ...(asked ? { clarificationAskedAt: new Date(asked) } : {}),
  });
  return { deadline, clarificationAskedAt: asked };
}
