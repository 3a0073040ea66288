import type { DirectoryExport } from '../domain/pinned-directory.ts';
import type { AppContext } from '../kernel/context.ts';
import { monitorOwnKeys } from './keys-monitor.ts';
import { monitorOwnNetworks } from './networks-monitor.ts';

// What the provider's own installation watches in its pin in its own name, after each pull and before a
// provision plan: `networks` entries it did not sign (./networks-monitor.ts) and keys none of its people
// confirmed (./keys-monitor.ts). Each records, audits and logs what it finds; here, how many.

export async function monitorOwnName(
  ctx: AppContext,
  organisationId: string,
  installation: { keyId: string; publicKey?: string | undefined },
  known?: DirectoryExport | null,
): Promise<{ foreignNetworks: number; unconfirmedKeys: number }> {
  const foreign = await monitorOwnNetworks(ctx, organisationId, installation.keyId, known);
  const keys = await monitorOwnKeys(ctx, organisationId, installation, known);
  return { foreignNetworks: foreign.length, unconfirmedKeys: keys?.unconfirmed.length ?? 0 };
}
