import { canonicalJson } from '../crypto/canonical.ts';
import type { Target } from '../domain/targets.ts';
import { newId } from '../kernel/ids.ts';
import type { UnitOfWork } from '../kernel/unit-of-work.ts';
import type { Db, Tx } from '../store/database.ts';
import type { RequestRow, RetentionHoldRow } from '../store/schema.ts';
import { endHolds, insertHold, standingHolds } from './holds.repository.ts';

// Retention holds: while a court's erasure-prohibition order (消去禁止命令, art. 16 of the Act) stands,
// retention keeps the bound provider's requests about the order's targets — their targets, envelope,
// messages, answer and files — whatever their period. The court's services place a hold when the order
// is issued and end it when the order ceases (the case ended); the audit entries are theirs.

/** Places a hold on a provider's data about `targets`, for the order `sourceId`. */
export async function placeHold(
  uow: UnitOfWork,
  hold: { providerOrganisationId: string; targets: readonly Target[]; sourceType: string; sourceId: string },
): Promise<RetentionHoldRow> {
  const row: RetentionHoldRow = {
    id: newId('hold'),
    provider_organisation_id: hold.providerOrganisationId,
    targets: JSON.stringify(hold.targets),
    source_type: hold.sourceType,
    source_id: hold.sourceId,
    placed_at: uow.now.toISOString(),
    lifted_at: null,
  };
  await insertHold(uow.tx, row);
  return row;
}

/** Ends the holds the order `sourceId` placed; how many. */
export async function liftHolds(uow: UnitOfWork, sourceType: string, sourceId: string): Promise<number> {
  return endHolds(uow.tx, sourceType, sourceId, uow.now.toISOString());
}

/** The standing hold that covers a request (its provider, any one of its targets), if any. */
export async function holdOn(
  db: Db | Tx,
  request: Pick<RequestRow, 'provider_organisation_id' | 'content'>,
): Promise<RetentionHoldRow | undefined> {
  if (!request.provider_organisation_id) return undefined;
  const holds = await standingHolds(db, request.provider_organisation_id);
  if (holds.length === 0) return undefined;
  const content = JSON.parse(request.content) as { targets?: unknown[] };
  const mine = new Set((content.targets ?? []).map((t) => canonicalJson(t)));
  return holds.find((h) => (JSON.parse(h.targets) as unknown[]).some((t) => mine.has(canonicalJson(t))));
}
