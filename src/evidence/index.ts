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
export type { ImportSummary } from './registry/registry.repository.ts';
export { type LoadReport, loadRegistryTable, loadRegistryTableWithReport } from './registry/registry-index.ts';
export { importRegistry, lookupRegistry, type RegistryFileInput } from './registry/registry-service.ts';
export { RegistryTable } from './registry/table.ts';
export type { RegistrySource } from './registry/types.ts';
