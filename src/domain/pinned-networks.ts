import { z } from 'zod';

// The networks a provider declares it serves (address blocks, ASNs, domains), as an entry of the
// directory log (./pinned-directory.ts). Each entry is the whole declared set at `at`; a later entry of
// the same organisation supersedes it (an empty set withdraws them all). An installation that pins the
// log finds whom a communication's address belongs to from these entries, never from the hub's list.

export const NetworksEntrySchema = z.strictObject({
  type: z.literal('networks'),
  at: z.string().min(1).max(40),
  id: z.string().min(1).max(200),
  organisationId: z.string().min(1).max(200),
  cidrs: z.array(z.string().max(100)).max(10_000),
  asns: z.array(z.number().int().min(0)).max(10_000),
  domains: z.array(z.string().max(300)).max(10_000),
});
export type NetworksEntry = z.infer<typeof NetworksEntrySchema>;

/**
 * The declaration in force of each organisation: its last entry in log order. The entries are the
 * networks entries of a directory already parsed (its schema checked each), so they are not parsed again.
 */
export function declarationsInForce(entries: readonly NetworksEntry[]): Map<string, NetworksEntry> {
  const latest = new Map<string, NetworksEntry>();
  for (const e of entries) latest.set(e.organisationId, e);
  return latest;
}
