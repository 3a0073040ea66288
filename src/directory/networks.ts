import { type Caller, requirePermission, requireSameOrganisation } from '../domain/access.ts';
import { parseOrThrow } from '../domain/validation.ts';
import { newId } from '../kernel/ids.ts';
import type { UnitOfWork } from '../kernel/unit-of-work.ts';
import type { Db, Tx } from '../store/database.ts';
import { insertNetworkDeclaration, listNetworkRows, replaceNetworkRows } from './directory.repository.ts';
import { requireProvider } from './lookups.ts';
import { DeclareNetworksInput, type Networks } from './model.ts';
import { checkDeclarationSignature } from './network-signatures.ts';
import { networkDeclarationRows } from './transparency.repository.ts';

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
export async function listProviderNetworks(
  db: Db | Tx,
  organisationId?: string,
): Promise<ProviderNetworkDeclaration[]> {
  const byOrg = new Map<string, ProviderNetworkDeclaration>();
  for (const r of await listNetworkRows(db, organisationId)) {
    let d = byOrg.get(r.organisationId);
    if (!d) {
      d = { organisationId: r.organisationId, nameJa: r.nameJa, nameEn: r.nameEn, cidrs: [], asns: [], domains: [] };
      byOrg.set(r.organisationId, d);
    }
    if (r.kind === 'cidr') d.cidrs.push(r.value);
    else if (r.kind === 'asn') d.asns.push(Number(r.value));
    else if (r.kind === 'domain') d.domains.push(r.value);
  }
  return [...byOrg.values()];
}

/** Every domain any provider declares it serves: the names a target's host must not read as (look-alikes). */
export async function declaredDomains(db: Db | Tx): Promise<string[]> {
  return (await listProviderNetworks(db)).flatMap((d) => d.domains);
}

/**
 * Every domain the providers declared as their declarations stood at `at`: each organisation's latest logged
 * declaration made at or before it (by instant). What a request signed at `at` was compared with; a store's
 * declarations from before the log are not known at any instant and give nothing.
 */
export async function declaredDomainsAt(db: Db | Tx, at: Date): Promise<string[]> {
  const latest = new Map<string, { t: number; id: string; domains: string }>();
  for (const r of await networkDeclarationRows(db)) {
    const t = Date.parse(r.declared_at);
    if (Number.isNaN(t) || t > at.getTime()) continue;
    const before = latest.get(r.organisation_id);
    if (!before || t > before.t || (t === before.t && r.id > before.id)) {
      latest.set(r.organisation_id, { t, id: r.id, domains: r.domains });
    }
  }
  return [...latest.values()].flatMap(({ domains }) => {
    const parsed: unknown = JSON.parse(domains);
    return Array.isArray(parsed) ? parsed.filter((d): d is string => typeof d === 'string') : [];
  });
}

/**
 * Since when (ISO 8601 UTC) each organisation has declared each CIDR (as written) without a break, read
 * from its log of whole declarations: the earliest of the latest run of declarations that all name it.
 * A CIDR no logged declaration names (a store before the log) gives null.
 */
export async function cidrsDeclaredSince(
  db: Db | Tx,
): Promise<(organisationId: string, cidr: string) => string | null> {
  const rows = [...(await networkDeclarationRows(db))].sort((a, b) =>
    a.declared_at < b.declared_at ? -1 : a.declared_at > b.declared_at ? 1 : a.id < b.id ? -1 : 1,
  );
  const byOrg = new Map<string, Map<string, string>>();
  for (const r of rows) {
    const before = byOrg.get(r.organisation_id) ?? new Map<string, string>();
    const now = new Map<string, string>();
    const cidrs: unknown = JSON.parse(r.cidrs);
    if (Array.isArray(cidrs))
      for (const c of cidrs) if (typeof c === 'string') now.set(c.trim(), before.get(c.trim()) ?? r.declared_at);
    byOrg.set(r.organisation_id, now);
  }
  return (organisationId, cidr) => byOrg.get(organisationId)?.get(cidr.trim()) ?? null;
}

/**
 * Every provider's declarations, as each organisation's page shows them to anyone signed in: an
 * installation resolves whom to ask on its own side from them, so the addresses never reach the hub.
 */
export async function allProviderNetworks(uow: UnitOfWork): Promise<ProviderNetworkDeclaration[]> {
  return listProviderNetworks(uow.tx);
}

/**
 * Replaces the address ranges, ASNs and domains a provider declares it serves. The whole declaration
 * also enters the directory log (./transparency.ts), which installations pin and route notices by. A
 * provider with an installation key must sign it there (./network-signatures.ts); the signature is kept
 * and logged with it.
 */
export async function declareNetworks(
  uow: UnitOfWork,
  caller: Caller,
  providerId: string,
  raw: unknown,
): Promise<Networks> {
  requirePermission(caller, 'networks.declare');
  requireSameOrganisation(caller, providerId);
  const { signature: given, ...input } = parseOrThrow(DeclareNetworksInput, raw);
  const org = await requireProvider(uow.tx, providerId, 'id');
  // Domains compare without case: the hub's rows and the logged declaration keep the same lower case.
  const domains = input.domains.map((v) => v.toLowerCase());
  const declared = { organisationId: org.id, cidrs: input.cidrs, asns: input.asns, domains };
  const signature = await checkDeclarationSignature(uow, declared, given);
  const rows = [
    ...input.cidrs.map((v) => ({ kind: 'cidr', value: v })),
    ...input.asns.map((v) => ({ kind: 'asn', value: String(v) })),
    ...domains.map((v) => ({ kind: 'domain', value: v })),
  ].map((r) => ({ id: newId('net'), ...r }));
  await replaceNetworkRows(uow.tx, org.id, rows);
  await insertNetworkDeclaration(uow.tx, {
    id: newId('netdecl'),
    organisation_id: org.id,
    cidrs: JSON.stringify(input.cidrs),
    asns: JSON.stringify(input.asns),
    domains: JSON.stringify(domains),
    declared_at: uow.now.toISOString(),
    signed_key_id: signature?.keyId ?? null,
    signed_at: signature?.signedAt ?? null,
    signature: signature?.value ?? null,
  });
  await uow.auditBy(caller, 'networks.declared', ['organisation', org.id], {
    cidrs: input.cidrs.length,
    asns: input.asns.length,
    domains: input.domains.length,
    signedWith: signature?.keyId ?? null,
  });
  return input;
}
