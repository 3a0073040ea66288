import { z } from 'zod';
import { SYSTEM_CALLER } from '../domain/access.ts';
import { changedContentDigestOf, changedDigestsOf } from '../domain/order-contest.ts';
import { presentedOrderOf } from '../domain/order-set-aside.ts';
import type { AppContext } from '../kernel/context.ts';
import { logger } from '../kernel/logger.ts';
import { inTransaction, type UnitOfWork } from '../kernel/unit-of-work.ts';
import type { Db, Tx } from '../store/database.ts';
import { getSetting, putSetting, SETTINGS } from '../store/settings.ts';
import { awaitingHere, findAgentRequest } from './agent.repository.ts';
import { fetchRequestIfShown, type HubLink } from './hub.ts';
import { pinnedDirectory } from './intake.ts';
import { contentOfRow, envelopeOf } from './request-row.ts';

// The words of a disclosure order as changed on the objection suit. The pinned log publishes only their
// SHA-256 (the proceedings are not public and every installation pins the log), but the judge signed the
// words: so for a request held here awaiting a person whose order the pin shows changed, by a signed
// entry whose words are not held yet, the pull asks the hub for the request's own view (GET
// /v1/requests/{id}: only the request's parties read the order's standing there), and keeps the words
// only when their SHA-256 is the entry's digest — a different text is refused, audited, and the order
// stays held. The words are kept by their digest with the installation's settings (they travel with a
// backup), and ../domain/order-contest.ts verifies the judge's signature with them.

const Digest = z.string().regex(/^[0-9a-f]{64}$/);
const TextsSchema = z.record(Digest, z.string().max(5000));

/** The part of the hub's view of a request (GET /v1/requests/{id}) read here: the order's words as changed. */
const HubStandingSchema = z.object({
  courtOrderStanding: z
    .object({ outcome: z.object({ changedContent: z.string().max(5000).nullable() }).nullable() })
    .nullable()
    .optional(),
});

/** The words of changed orders held here, by their SHA-256. */
export async function changedOrderTexts(db: Db | Tx): Promise<Map<string, string>> {
  const raw = await getSetting(db, SETTINGS.agentChangedOrders);
  const parsed = raw ? TextsSchema.safeParse(JSON.parse(raw)) : undefined;
  return new Map(parsed?.success ? Object.entries(parsed.data) : []);
}

/**
 * The requests held here awaiting a person whose order's signed entry in the pin asks for words as changed
 * not held here, each with that digest: the pin and the words held read once for all of them.
 */
async function wantedDigests(uow: UnitOfWork): Promise<Array<{ id: string; wanted: string }>> {
  const dir = await pinnedDirectory(uow);
  if (!dir) return [];
  const held = await changedOrderTexts(uow.tx);
  const wanted: Array<{ id: string; wanted: string }> = [];
  for (const id of await awaitingHere(uow.tx)) {
    const row = await findAgentRequest(uow.tx, id);
    const order = row && presentedOrderOf(contentOfRow(row), envelopeOf(row).payload.agencyOrganisationId);
    const digest = order ? changedDigestsOf(dir.entries, order).find((d) => !held.has(d)) : undefined;
    if (digest) wanted.push({ id, wanted: digest });
  }
  return wanted;
}

/** Keeps the words fetched for `requestId` when their SHA-256 is `wanted`, else refuses them; audited. */
async function keepOrRefuse(uow: UnitOfWork, requestId: string, wanted: string, text: string): Promise<boolean> {
  const got = changedContentDigestOf(text);
  if (got !== wanted) {
    logger.warn('agent.changed_order_refused', { requestId, wanted, got });
    await uow.auditBy(SYSTEM_CALLER, 'agent.changed_order_refused', ['request', requestId], { wanted, got });
    return false;
  }
  const texts = await changedOrderTexts(uow.tx);
  texts.set(wanted, text);
  const at = uow.now.toISOString();
  await putSetting(uow.tx, SETTINGS.agentChangedOrders, JSON.stringify(Object.fromEntries(texts)), at);
  await uow.auditBy(SYSTEM_CALLER, 'agent.changed_order_fetched', ['request', requestId], { digest: wanted });
  logger.info('agent.changed_order_fetched', { requestId, digest: wanted });
  return true;
}

/**
 * Fetches from the hub the words as changed of each order the pin shows changed whose words are not held
 * here, for the requests held awaiting a person (one read each; none when nothing is missing): the
 * requests whose words were kept now. A request the hub does not show (404, 403) is left as it is.
 */
export async function learnChangedOrders(ctx: AppContext, hub: HubLink): Promise<string[]> {
  const kept: string[] = [];
  const keptNow = new Set<string>();
  for (const { id, wanted } of await inTransaction(ctx, wantedDigests)) {
    // Words two requests' orders share are fetched once.
    if (keptNow.has(wanted)) continue;
    const view = HubStandingSchema.safeParse(await fetchRequestIfShown(hub, id));
    const text = view.success ? view.data.courtOrderStanding?.outcome?.changedContent : undefined;
    if (typeof text !== 'string') {
      logger.warn('agent.changed_order_not_shown', { requestId: id, digest: wanted });
      continue;
    }
    if (await inTransaction(ctx, (uow) => keepOrRefuse(uow, id, wanted, text))) {
      kept.push(id);
      keptNow.add(wanted);
    }
  }
  return kept;
}
