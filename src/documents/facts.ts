import { mayTakeAnswerDocument, type Principal, type RequestAccessFacts } from '../domain/access.ts';
import type { DocumentFacts } from '../domain/documents.ts';
import { contentRetained } from '../domain/retained.ts';
import { findAnswer } from '../exchange/request.repository.ts';
import { findHearingOfRequest } from '../hearing/hearing.repository.ts';
import type { Db, Tx } from '../store/database.ts';
import type { RequestRow } from '../store/schema.ts';
import { requestKindOf } from '../store/stored-values.ts';

/**
 * What a request has come to for its printable documents, and whether this person may open its answer,
 * read once for both the request page's offer (src/exchange/reads.ts) and issuing (document-service.ts),
 * with the hearing's reply deadline and the day its letter was sent, which the 意見照会書 states (null before the
 * hearing letter is sent).
 */
export async function documentFactsOf(
  db: Db | Tx,
  p: Principal,
  row: RequestRow,
  access: RequestAccessFacts,
): Promise<{ facts: DocumentFacts; hearingDueAt: string | null; hearingSentAt: string | null }> {
  // Only a civil request has a hearing.
  const hearing = row.kind === 'civil_disclosure' ? await findHearingOfRequest(db, row.id) : undefined;
  return {
    facts: {
      kind: requestKindOf(row),
      signed: row.envelope !== null,
      removed: row.state === 'closed' && contentRetained(JSON.parse(row.content) as { targets?: unknown }),
      answered: (await findAnswer(db, row.id)) !== undefined,
      hearingLetterSent: hearing !== undefined,
      opensAnswer: mayTakeAnswerDocument(p, access),
    },
    hearingDueAt: hearing?.due_at ?? null,
    hearingSentAt: hearing?.sent_at ?? null,
  };
}
