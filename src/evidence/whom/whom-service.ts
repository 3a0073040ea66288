import { z } from 'zod';
import { getCase } from '../../cases/case-service.ts';
import { getOrganisation } from '../../directory/lookups.ts';
import { cidrsDeclaredSince, listProviderNetworks } from '../../directory/networks.ts';
import { type Caller, requirePermission } from '../../domain/access.ts';
import { InstantSchema, parseInstant } from '../../domain/instant.ts';
import { IpAddressSchema } from '../../domain/targets.ts';
import { parseOrThrow } from '../../domain/validation.ts';
import type { UnitOfWork } from '../../kernel/unit-of-work.ts';
import { requireAddress, STRICT_SYNTAX } from '../../net/address.ts';
import type { Store } from '../../store/database.ts';
import { lookupAddresses } from '../registry/lookup.ts';
import { sourcesFingerprint } from '../registry/registry.repository.ts';
import { loadRegistryTableWithReport, saveRegistrySnapshot } from '../registry/registry-index.ts';
import type { RegistryTable } from '../registry/table.ts';
import { decideWhom, type HolderFacts, type WhomAnswer } from './whom.ts';

export { type WhomAnswer, WhomAnswerSchema } from './whom.ts';

/** The question: an address, and when known the source port and the instant (with its offset). */
export const WhomInput = z.strictObject({
  /** IPv4 (dotted quad) or IPv6; a zone index is refused. */
  address: IpAddressSchema,
  port: z.number().int().min(0).max(65535).optional(),
  /** The instant of the access, ISO 8601 with an offset (`2026-11-30T23:42:17+09:00`). */
  at: InstantSchema.optional(),
  /** The case the question belongs to (recorded in the audit entry); another organisation's case is not found. */
  caseId: z.string().min(1).max(100).optional(),
});
export type WhomQuestion = z.input<typeof WhomInput>;

/** The last registry index loaded per store, reused while the stored sources are unchanged. */
const tables = new WeakMap<Store, { fingerprint: string; table: RegistryTable }>();

async function registryTable(uow: UnitOfWork): Promise<RegistryTable> {
  const cached = tables.get(uow.ctx.store);
  if (cached && cached.fingerprint === (await sourcesFingerprint(uow.tx))) return cached.table;
  const report = await loadRegistryTableWithReport({ db: uow.tx, dialect: uow.dialect }, { save: false });
  if (report.from === 'rows') {
    uow.afterCommit(async () => {
      await saveRegistrySnapshot(uow.ctx.store, report.table, report.fingerprint);
    });
  }
  tables.set(uow.ctx.store, { fingerprint: report.fingerprint, table: report.table });
  return report.table;
}

/**
 * Whom to ask about an address (use case; stable signature, see docs/evidence.md): the directory's
 * declared networks first, then the imported registry data. Says domestic / foreign / internet café,
 * the declaring organisation (with its id, to address a request to it), the registry record and why.
 * Needs `registry.lookup`; one audit entry per question (address, port, instant, case, verdict).
 */
export async function whomToAsk(uow: UnitOfWork, caller: Caller, raw: unknown): Promise<WhomAnswer> {
  requirePermission(caller, 'registry.lookup');
  const input = parseOrThrow(WhomInput, raw);
  if (input.caseId !== undefined && caller.kind !== 'system') await getCase(uow, caller, input.caseId);
  const atUtc = input.at === undefined ? null : parseInstant(input.at, 'at').utc;
  const [answer] = await answerWhom(uow, [{ address: input.address, port: input.port ?? null, at: input.at ?? null }]);
  if (!answer) throw new Error('whom to ask: no answer');
  await uow.auditBy(caller, 'evidence.whom_asked', ['address', answer.address], {
    address: answer.address,
    port: answer.port,
    at: atUtc,
    caseId: input.caseId ?? null,
    verdict: answer.verdict,
    holder: answer.holder?.organisationId ?? null,
  });
  return answer;
}

/**
 * The decision for already-validated questions, without access check or audit: for other use cases
 * that check and audit themselves (the policy check, the submit path). Addresses must parse.
 */
export async function answerWhom(
  uow: UnitOfWork,
  questions: ReadonlyArray<{ address: string; port: number | null; at: string | null }>,
): Promise<WhomAnswer[]> {
  if (questions.length === 0) return [];
  const declarations = await listProviderNetworks(uow.tx);
  const table = await registryTable(uow);
  const holders = new Map<string, HolderFacts>();
  const out: WhomAnswer[] = [];
  const declaredSince = await cidrsDeclaredSince(uow.tx);
  for (const q of questions) {
    const address = requireAddress(q.address, STRICT_SYNTAX);
    const atUtc = q.at === null ? null : parseInstant(q.at, 'at').utc;
    const at = atUtc === null ? null : Date.parse(atUtc);
    const [lookup] = lookupAddresses(table, [address.text], declarations, { declaredSince, at });
    if (!lookup) throw new Error('registry lookup returned nothing');
    let holder: HolderFacts | null = null;
    const orgId = lookup.provider.organisationId;
    if (orgId !== null) {
      holder = holders.get(orgId) ?? null;
      if (!holder) {
        const org = await getOrganisation(uow.tx, orgId);
        holder = {
          organisationId: org.id,
          nameJa: org.nameJa,
          nameEn: org.nameEn,
          providerCategory: org.providerCategory,
          isTelecomCarrier: org.isTelecomCarrier,
        };
        holders.set(orgId, holder);
      }
    }
    const rivals = table.rivalHolders(table.find(address).holder).map((r) => ({
      name: r.holder ?? '',
      file: r.source.file,
      recordDate: r.recordDate,
    }));
    out.push(decideWhom({ address, port: q.port, at: q.at, atUtc, lookup, holder, rivals }));
  }
  return out;
}
