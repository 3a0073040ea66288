import { firstClientAct } from '../audit/client-acts.repository.ts';
import type { Principal, Side } from '../domain/access.ts';
import type { LifecycleAction } from '../domain/vocabulary.ts';
import type { Db, Tx } from '../store/database.ts';
import type { RequestRow } from '../store/schema.ts';
import type { RequestDetail } from './read-models.ts';

// A request the provider's own installation took (its machine client acted on it first): the provider's
// people read so on the hub's page, and the hub's pages leave answering and declining it to the
// installation, so that two places never answer one request (docs/decisions.md). The API is unchanged.

/** The installation that took the request, for the provider's side; null when none did or another side reads. */
export async function installationOf(
  db: Db | Tx,
  row: Pick<RequestRow, 'id' | 'provider_organisation_id'>,
  side: Side,
): Promise<RequestDetail['installation']> {
  if (side !== 'provider' || !row.provider_organisation_id) return null;
  const taken = await firstClientAct(db, 'request', row.id, row.provider_organisation_id);
  return taken ? { clientName: taken.name, takenAt: taken.at } : null;
}

/** Whether the hub's pages offer `action` to `p` (a person: not answer or decline what the installation took). */
export const offeredHere = (p: Principal, installation: RequestDetail['installation'], action: LifecycleAction) =>
  !(installation && p.kind === 'user' && (action === 'answer' || action === 'decline'));
