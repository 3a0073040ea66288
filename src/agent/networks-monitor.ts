import { z } from 'zod';
import { SYSTEM_CALLER } from '../domain/access.ts';
import type { DirectoryExport } from '../domain/pinned-directory.ts';
import { NETWORKS_ENTRY_PROBLEMS, type NetworksEntryProblem } from '../domain/pinned-networks.ts';
import { foreignOwnDeclarations } from '../domain/pinned-networks-routing.ts';
import type { Bilingual } from '../domain/vocabulary.ts';
import type { AppContext } from '../kernel/context.ts';
import { logger } from '../kernel/logger.ts';
import { inTransaction } from '../kernel/unit-of-work.ts';
import type { Db, Tx } from '../store/database.ts';
import { getSetting, putSetting, SETTINGS } from '../store/settings.ts';
import { pinnedDirectory } from './intake.ts';

// The provider's own installation watches its pin for `networks` entries in its own name that it did not
// sign with its installation key: a declaration the hub made in its name, which an installation that does
// not yet know the provider signs would route provision notices by (src/domain/pinned-networks-routing.ts).
// Checked after every pull and before a provision plan; each new one is audited and logged (its entry id
// and why, nothing else) and all are kept for the status page, until the pin no longer shows one.

const PROBLEMS = Object.keys(NETWORKS_ENTRY_PROBLEMS) as [NetworksEntryProblem, ...NetworksEntryProblem[]];
const ForeignSchema = z.array(z.strictObject({ id: z.string(), at: z.string(), problem: z.enum(PROBLEMS) }));

/** An entry in the installation's own name it did not sign: when it entered the log and why, in words. */
export interface ForeignNetworks {
  id: string;
  at: string;
  why: Bilingual;
}

const withWhy = (list: z.infer<typeof ForeignSchema>): ForeignNetworks[] =>
  list.map(({ id, at, problem }) => ({ id, at, why: NETWORKS_ENTRY_PROBLEMS[problem] }));

/** The entries found at the last check (for the status page). */
export async function foreignNetworks(db: Db | Tx): Promise<ForeignNetworks[]> {
  const text = await getSetting(db, SETTINGS.agentNetworksForeign);
  return text ? withWhy(ForeignSchema.parse(JSON.parse(text))) : [];
}

/**
 * Checks the pin for `networks` entries in `organisationId`'s name not signed with `ownKeyId` (the
 * installation key); records them, audits and logs each one not seen before. Nothing pinned: none.
 * `known`: the pin in force as the caller holds it (not read again).
 */
export async function monitorOwnNetworks(
  ctx: AppContext,
  organisationId: string,
  ownKeyId: string,
  known?: DirectoryExport | null,
): Promise<ForeignNetworks[]> {
  return inTransaction(ctx, async (uow) => {
    // The pin the caller just extended and holds, else the one in force.
    const pinned = known ?? (await pinnedDirectory(uow));
    if (!pinned) return [];
    const found = foreignOwnDeclarations(pinned.entries, organisationId, ownKeyId).map(({ id, at, problem }) => ({
      id,
      at,
      problem,
    }));
    const text = await getSetting(uow.tx, SETTINGS.agentNetworksForeign);
    const before = new Set((text ? ForeignSchema.parse(JSON.parse(text)) : []).map((f) => f.id));
    const now = JSON.stringify(found);
    if (now !== (text ?? '[]')) await putSetting(uow.tx, SETTINGS.agentNetworksForeign, now, uow.now.toISOString());
    for (const f of found) {
      if (before.has(f.id)) continue;
      await uow.auditBy(SYSTEM_CALLER, 'agent.networks_foreign', ['directory', pinned.hubKey.fingerprint], {
        entryId: f.id,
        at: f.at,
        problem: f.problem,
      });
      logger.warn('agent.networks_foreign', { entryId: f.id, problem: f.problem });
    }
    return withWhy(found);
  });
}
