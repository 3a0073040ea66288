import { sql } from 'kysely';
import { type Db, openStore } from '../store/database.ts';

/** What a provider declared it serves: whom to ask next about an address, ASN or domain. */
export interface ProviderNetworkDeclaration {
  organisationId: string;
  nameJa: string;
  nameEn: string;
  cidrs: string[];
  asns: number[];
  domains: string[];
}

/** Every provider's declarations, or one provider's when organisationId is given. */
export async function listProviderNetworks(db: Db, organisationId?: string): Promise<ProviderNetworkDeclaration[]> {
  const rows = await db
    .selectFrom('provider_networks as n')
    .innerJoin('organisations as o', 'o.id', 'n.organisation_id')
    .select(['o.id as organisationId', 'o.name_ja', 'o.name_en', 'n.kind', 'n.value'])
    .where('o.kind', '=', 'provider')
    .$if(organisationId !== undefined, (q) => q.where('o.id', '=', organisationId ?? ''))
    .orderBy('o.id')
    .execute();
  const byOrg = new Map<string, ProviderNetworkDeclaration>();
  for (const r of rows) {
    let d = byOrg.get(r.organisationId);
    if (!d) {
      d = { organisationId: r.organisationId, nameJa: r.name_ja, nameEn: r.name_en, cidrs: [], asns: [], domains: [] };
      byOrg.set(r.organisationId, d);
    }
    if (r.kind === 'cidr') d.cidrs.push(r.value);
    else if (r.kind === 'asn') d.asns.push(Number(r.value));
    else if (r.kind === 'domain') d.domains.push(r.value);
  }
  return [...byOrg.values()];
}

/**
 * The declarations in the main store at `storeUrl` (a SQLite path or postgres:// URL).
 * A store that has no directory yet yields [] — it is not created by this read.
 */
export async function loadProviderNetworks(storeUrl: string): Promise<ProviderNetworkDeclaration[]> {
  const store = await openStore(storeUrl, { migrate: false });
  try {
    const probe = await sql<{ n: number }>`SELECT count(*) AS n FROM schema_migrations`
      .execute(store.db)
      .catch(() => null);
    if (!probe) return [];
    return await listProviderNetworks(store.db);
  } finally {
    await store.close();
  }
}
