import { type Caller, ownOrNotFound } from '../domain/access.ts';
import { DomainError } from '../domain/errors.ts';
import { defaultProviderPolicy, type ProviderPolicy, ProviderPolicySchema } from '../domain/policy.ts';
import { shownInput } from '../domain/shown-text.ts';
import type { ProviderCategory } from '../domain/vocabulary.ts';
import type { Db, Tx } from '../store/database.ts';
import { STORED, storedValueOrUnknown } from '../store/stored-values.ts';
import { findOrganisation, findUnit, findUser, latestPolicyRow } from './directory.repository.ts';
import {
  type Organisation,
  toOrganisation,
  toUnit,
  toUser,
  UNRECORDED_CATEGORY,
  type Unit,
  type User,
} from './model.ts';

// Reading the directory by id, with a clear NOT_FOUND naming the field: what every service needs.

/** The entries of the directory a caller names by id, as a person reads them. */
const ENTRIES = {
  organisation: { ja: '組織', en: 'organisation' },
  unit: { ja: '所属', en: 'unit' },
  user: { ja: '利用者', en: 'user' },
} as const;

/** NOT_FOUND for an entry of the directory, naming the field that named it (by default `unitId` etc.). */
export function notInDirectory(entry: keyof typeof ENTRIES, id: string, field = `${entry}Id`): DomainError {
  const { ja, en } = ENTRIES[entry];
  return new DomainError(
    'NOT_FOUND',
    { ja: `${ja} ${shownInput(id)} は存在しません`, en: `${en} ${shownInput(id)} does not exist` },
    { field, value: id },
  );
}

/** An organisation by id, or NOT_FOUND naming the field. */
export async function getOrganisation(db: Db | Tx, id: string): Promise<Organisation> {
  const r = await findOrganisation(db, id);
  if (!r) throw notInDirectory('organisation', id);
  return toOrganisation(r);
}

export async function getUnit(db: Db | Tx, id: string): Promise<Unit> {
  const r = await findUnit(db, id);
  if (!r) throw notInDirectory('unit', id);
  return toUnit(r);
}

export async function getUser(db: Db | Tx, id: string): Promise<User> {
  const r = await findUser(db, id);
  if (!r) throw notInDirectory('user', id);
  return toUser(r);
}

// An administrator names people and units of their own organisation: another's answers as a missing one.

/** A unit of the caller's organisation by id; one of another organisation is NOT_FOUND exactly as a missing one. */
export async function getOwnUnit(db: Db | Tx, caller: Caller, id: string, field = 'unitId'): Promise<Unit> {
  const r = await findUnit(db, id);
  return toUnit(
    ownOrNotFound(
      caller,
      r,
      (u) => u.organisation_id,
      () => notInDirectory('unit', id, field),
    ),
  );
}

/** A person of the caller's organisation by id; one of another organisation is NOT_FOUND exactly as a missing one. */
export async function getOwnUser(db: Db | Tx, caller: Caller, id: string, field = 'userId'): Promise<User> {
  const r = await findUser(db, id);
  return toUser(
    ownOrNotFound(
      caller,
      r,
      (u) => u.organisation_id,
      () => notInDirectory('user', id, field),
    ),
  );
}

export interface PublishedPolicy {
  policy: ProviderPolicy;
  version: number;
  publishedAt: string | null;
}

/** The provider's current published policy; the default matrix if it has published none. */
export async function currentPolicy(db: Db | Tx, provider: Organisation): Promise<PublishedPolicy> {
  const r = await latestPolicyRow(db, provider.id);
  if (!r) return { policy: defaultProviderPolicy(provider.isTelecomCarrier), version: 0, publishedAt: null };
  return { policy: ProviderPolicySchema.parse(JSON.parse(r.policy)), version: r.version, publishedAt: r.published_at };
}

/** The organisation, or NOT_FOUND / NOT_A_PROVIDER naming `field` when it is none or not a provider. */
export async function requireProvider(
  db: Db | Tx,
  id: string,
  field = 'providerOrganisationId',
): Promise<Organisation> {
  const r = await findOrganisation(db, id);
  if (!r) throw notInDirectory('organisation', id, field);
  const org = toOrganisation(r);
  if (org.kind !== 'provider') {
    throw new DomainError(
      'NOT_A_PROVIDER',
      { ja: `${org.nameJa}は事業者ではありません`, en: `${org.nameEn} is not a provider` },
      { field, value: id, organisationId: org.id, kind: org.kind },
    );
  }
  return org;
}

/**
 * A provider's category as the directory holds it, for the words its answer is said in (a board's registered user,
 * not a line's subscriber): `other` where none is recorded, as the directory lists it (toOrganisation); null where
 * there is no provider, or one this version does not know (logged: what names it is still shown, in the shared
 * words). answerHolderOf reads `other` as not known, and goes by the request.
 */
export async function providerCategoryOf(db: Db | Tx, id: string | null): Promise<ProviderCategory | null> {
  const org = id ? await findOrganisation(db, id) : undefined;
  if (org?.kind !== 'provider') return null;
  if (org.provider_category === null) return UNRECORDED_CATEGORY;
  return storedValueOrUnknown(STORED.providerCategory, org.provider_category, org.id);
}
