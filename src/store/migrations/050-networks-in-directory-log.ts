import { type Kysely, sql } from 'kysely';
import type { StoreDialect } from '../location.ts';

// The networks a provider declares (address ranges, ASNs, domains) enter the directory log, so an
// installation routes provision notices by the declarations in its pin, not by the hub's unsigned list.
// Each declaration is kept whole, when it was made (`declared_at`); a later one supersedes it. The
// declarations held now enter the log at this migration's instant, after every entry a provider may
// have pinned, so an old pin is extended, not rewritten. `provider_networks` stays the current set (the
// hub's whom-to-ask reads it).
export async function up<DB>(db: Kysely<DB>, _dialect: StoreDialect): Promise<void> {
  await db.schema
    .createTable('provider_network_declarations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull())
    .addColumn('cidrs', 'text', (c) => c.notNull())
    .addColumn('asns', 'text', (c) => c.notNull())
    .addColumn('domains', 'text', (c) => c.notNull())
    .addColumn('declared_at', 'text', (c) => c.notNull())
    .execute();
  const now = new Date().toISOString();
  const rows = await sql<{ organisation_id: string; kind: string; value: string }>`
    SELECT n.organisation_id, n.kind, n.value FROM provider_networks n
    JOIN organisations o ON o.id = n.organisation_id WHERE o.kind = 'provider'
    ORDER BY n.organisation_id, n.kind, n.value`.execute(db);
  const byOrg = new Map<string, { cidrs: string[]; asns: number[]; domains: string[] }>();
  for (const r of rows.rows) {
    const d = byOrg.get(r.organisation_id) ?? { cidrs: [], asns: [], domains: [] };
    byOrg.set(r.organisation_id, d);
    if (r.kind === 'cidr') d.cidrs.push(r.value);
    else if (r.kind === 'asn') d.asns.push(Number(r.value));
    else if (r.kind === 'domain') d.domains.push(r.value);
  }
  for (const [organisationId, d] of byOrg) {
    d.asns.sort((a, b) => a - b);
    await sql`INSERT INTO provider_network_declarations (id, organisation_id, cidrs, asns, domains, declared_at)
      VALUES (${`netdecl_${organisationId}_upgrade`}, ${organisationId}, ${JSON.stringify(d.cidrs)},
        ${JSON.stringify(d.asns)}, ${JSON.stringify(d.domains)}, ${now})`.execute(db);
  }
}

export async function down<DB>(db: Kysely<DB>, _dialect: StoreDialect): Promise<void> {
  await db.schema.dropTable('provider_network_declarations').execute();
}
