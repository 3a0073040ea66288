// Evidence intake: e-mail header analysis and IP registry lookup, offline.
export { analyzeMessage } from './mail/analyze.ts';
export type { AuthResult } from './mail/auth-results.ts';
export { MAIL_LIMITS } from './mail/headers.ts';
export type { AnalyzeOptions, MailAnalysis, MailAuthentication, MailHop, MailSummary } from './mail/types.ts';
export { EvidenceInputError, type Notice, type NoticeJson } from './messages.ts';
export { parseRegistryFile } from './registry/import.ts';
export { type AddressLookup, lookupAddresses } from './registry/lookup.ts';
export {
  buildProviderJoin,
  joinProvider,
  type ProviderMatch,
  type ProviderNetworkDeclaration,
  type RegistryFacts,
} from './registry/provider-join.ts';
export {
  type ImportSummary,
  importParsed,
  loadRegistryTable,
  openRegistryStore,
  type RegistryStore,
} from './registry/store.ts';
export { RegistryTable } from './registry/table.ts';
export type { RegistrySource } from './registry/types.ts';

import { type AddressLookup, lookupAddresses } from './registry/lookup.ts';
import type { ProviderNetworkDeclaration } from './registry/provider-join.ts';
import { loadRegistryTable, openRegistryStore } from './registry/store.ts';

/** Convenience for one-off callers: open the store, load the table, look up, close. */
export async function lookupAddressesInStore(
  storeUrl: string,
  addresses: readonly string[],
  declarations: readonly ProviderNetworkDeclaration[] = [],
): Promise<AddressLookup[]> {
  const store = await openRegistryStore(storeUrl);
  try {
    const table = await loadRegistryTable(store);
    return lookupAddresses(table, addresses, declarations);
  } finally {
    await store.close();
  }
}
