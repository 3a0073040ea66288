import type { z } from 'zod';
import { type Caller, requirePermission, requireSameOrganisation } from '../domain/access.ts';
import { parseOrThrow } from '../domain/validation.ts';
import type { OrganisationKind } from '../domain/vocabulary.ts';
import { newId } from '../kernel/ids.ts';
import type { UnitOfWork } from '../kernel/unit-of-work.ts';
import { STORED, storedValuesKnown } from '../store/stored-values.ts';
import { insertOrganisation, insertUnit, listOrganisationRows, listUnitRows } from './directory.repository.ts';
import { createKey } from './keys.ts';
import { currentPolicy, getOrganisation } from './lookups.ts';
import {
  CreateOrganisationInput,
  CreateUnitInput,
  type Organisation,
  toOrganisation,
  toUnit,
  type Unit,
} from './model.ts';
import { installationKeyOf } from './network-signatures.ts';
import { listProviderNetworks } from './networks.ts';

/** The directory is public to every signed-in caller: names, kinds and units, never people. */
export async function listOrganisations(uow: UnitOfWork, kind?: OrganisationKind): Promise<Organisation[]> {
  // A row whose kind or category this version does not know is left out of the list (and logged).
  const rows = await listOrganisationRows(uow.tx, kind);
  return rows
    .filter(
      (r) =>
        storedValuesKnown(r.id, [STORED.organisationKind, r.kind]) &&
        (r.kind !== 'provider' ||
          r.provider_category === null ||
          storedValuesKnown(r.id, [STORED.providerCategory, r.provider_category])),
    )
    .map(toOrganisation);
}

export async function listUnits(uow: UnitOfWork, organisationId: string): Promise<Unit[]> {
  return (await listUnitRows(uow.tx, organisationId)).map(toUnit);
}

/**
 * A provider signs with an organisation key; a court has none — its judges attest with their own
 * credentials (issue 11). The hub's oversight administrators register organisations.
 */
export async function createOrganisation(uow: UnitOfWork, caller: Caller, raw: unknown): Promise<Organisation> {
  requirePermission(caller, 'organisation.create');
  const input = parseOrThrow(CreateOrganisationInput, raw);
  const row = {
    id: newId('org'),
    kind: input.kind,
    name_ja: input.nameJa,
    name_en: input.nameEn,
    is_telecom_carrier: input.isTelecomCarrier ? 1 : 0,
    created_at: uow.now.toISOString(),
    provider_category: input.kind === 'provider' ? (input.providerCategory ?? 'other') : null,
  };
  await insertOrganisation(uow.tx, row);
  await uow.auditBy(caller, 'organisation.created', ['organisation', row.id], {
    kind: input.kind,
    nameEn: input.nameEn,
  });
  // A law office is one unit, its office: its seal signs with the lawyer's, answers are sealed to it.
  if (input.kind === 'law_office') {
    await addUnit(uow, caller, row.id, { nameJa: input.nameJa, nameEn: input.nameEn });
  }
  if (input.kind === 'provider') {
    await createKey(uow, caller, {
      organisationId: row.id,
      ownerType: 'organisation',
      ownerId: row.id,
      purpose: 'signing',
    });
  }
  return toOrganisation(row);
}

/** A unit gets a signing key (the unit's seal) and an encryption key (answers are sealed to it). */
export async function createUnit(uow: UnitOfWork, caller: Caller, organisationId: string, raw: unknown): Promise<Unit> {
  requirePermission(caller, 'unit.create');
  requireSameOrganisation(caller, organisationId);
  const input = parseOrThrow(CreateUnitInput, raw);
  await getOrganisation(uow.tx, organisationId);
  return addUnit(uow, caller, organisationId, input);
}

async function addUnit(
  uow: UnitOfWork,
  caller: Caller,
  organisationId: string,
  input: z.infer<typeof CreateUnitInput>,
): Promise<Unit> {
  const row = {
    id: newId('unit'),
    organisation_id: organisationId,
    name_ja: input.nameJa,
    name_en: input.nameEn,
    created_at: uow.now.toISOString(),
    callback_phone: input.callbackPhone ?? null,
  };
  await insertUnit(uow.tx, row);
  await uow.auditBy(caller, 'unit.created', ['unit', row.id], { organisationId, nameEn: input.nameEn });
  await createKey(uow, caller, { organisationId, ownerType: 'unit', ownerId: row.id, purpose: 'signing' });
  await createKey(uow, caller, { organisationId, ownerType: 'unit', ownerId: row.id, purpose: 'encryption' });
  return toUnit(row);
}

/**
 * An organisation with its units, and for a provider its published policy and declared networks, and
 * whether it declares them from its installation (it holds an installation key: the hub's page cannot).
 */
export async function organisationDetail(uow: UnitOfWork, id: string) {
  const org = await getOrganisation(uow.tx, id);
  const units = (await listUnitRows(uow.tx, org.id)).map(toUnit);
  if (org.kind !== 'provider') {
    return { ...org, units, policy: null, networks: null, networksFromInstallation: false };
  }
  const policy = await currentPolicy(uow.tx, org);
  const [nets] = await listProviderNetworks(uow.tx, org.id);
  return {
    ...org,
    units,
    policy,
    networks: { cidrs: nets?.cidrs ?? [], asns: nets?.asns ?? [], domains: nets?.domains ?? [] },
    networksFromInstallation: !!(await installationKeyOf(uow, org.id)),
  };
}
