/**
 * RDAP `type` values (each RIR writes its whois `status` / ARIN `NetType` there) that say the registry
 * itself gave the range to its holder, independently of any provider: the holder keeps it when it changes
 * upstream. A record of such a type lying strictly inside a block a provider declared, registered after
 * the declaration, is a transfer the RIR statistics may not show (`provider-join.ts`). Compared
 * case-insensitively, spaces collapsed; anything else — a provider's own delegation to a customer — is not.
 *
 * - RIPE NCC and AFRINIC (`status` of inetnum/inet6num; RIPE Database documentation §4.2.4 "Description of
 *   the INETNUM Object" and §4.2.3 for inet6num): `ASSIGNED PI` (provider independent), `ASSIGNED ANYCAST`
 *   (assigned by the RIPE NCC itself), `LEGACY` (held from before the RIR, outside any LIR's allocation).
 *   Not: `ALLOCATED PA`, `ASSIGNED PA`, `SUB-ALLOCATED PA`, `LIR-PARTITIONED PA`, `ALLOCATED-BY-LIR`,
 *   `AGGREGATED-BY-LIR`, `ASSIGNED` (an LIR's own or its customer's).
 * - APNIC and the NIRs under it, JPNIC among them (APNIC "Attributes of the inetnum object" and "Recording
 *   network assignments": portable = created by APNIC/NIRs, kept when the upstream changes):
 *   `ALLOCATED PORTABLE`, `ASSIGNED PORTABLE`. Not: `ALLOCATED NON-PORTABLE`, `ASSIGNED NON-PORTABLE`.
 * - ARIN (NetType, "Reporting Reassignments": a direct allocation or assignment is issued by ARIN; a
 *   reallocation or reassignment by a customer from its allocation): `DIRECT ALLOCATION`,
 *   `DIRECT ASSIGNMENT`. Not: `REALLOCATION`, `REASSIGNMENT`.
 * - LACNIC's types (`ALLOCATED`, `ASSIGNED`, `REALLOCATED`, `REASSIGNED`) do not tell a direct delegation
 *   from a provider's: none is listed.
 */
export const PROVIDER_INDEPENDENT_TYPES: readonly string[] = [
  'ASSIGNED PI',
  'ASSIGNED ANYCAST',
  'LEGACY',
  'ALLOCATED PORTABLE',
  'ASSIGNED PORTABLE',
  'DIRECT ALLOCATION',
  'DIRECT ASSIGNMENT',
];

const INDEPENDENT = new Set(PROVIDER_INDEPENDENT_TYPES);

/** Whether an RDAP record's `type` says the registry gave the range to its holder directly (see above). */
export function isProviderIndependent(type: string | null): boolean {
  return type !== null && INDEPENDENT.has(type.trim().replace(/\s+/g, ' ').toUpperCase());
}
