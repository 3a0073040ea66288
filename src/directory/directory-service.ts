import { Secret } from 'otpauth';
import { z } from 'zod';
import type { AppContext } from '../app/context.ts';
import { actorOf, type Principal, requireRole, requireSameOrganisation } from '../app/principal.ts';
import { type Audit, inTransaction, newId } from '../app/unit-of-work.ts';
import type { ActorRef } from '../audit/audit-log.ts';
import { hashPassword, wrapKey } from '../crypto/key-wrap.ts';
import { DomainError } from '../domain/errors.ts';
import { defaultProviderPolicy, type ProviderPolicy, ProviderPolicySchema } from '../domain/policy.ts';
import {
  ORGANISATION_KINDS,
  type OrganisationKind,
  ROLES,
  ROLES_BY_ORGANISATION_KIND,
  type Role,
} from '../domain/vocabulary.ts';
import type { Db, Tx } from '../store/database.ts';
import type { OrganisationRow, UnitRow, UserRow } from '../store/schema.ts';
import { createKey, type KeyOwnerType, type KeyPurpose, type PublicKeyRecord, revokeKey } from './keys.ts';

export interface Organisation {
  id: string;
  kind: OrganisationKind;
  nameJa: string;
  nameEn: string;
  isTelecomCarrier: boolean;
  createdAt: string;
}
export interface Unit {
  id: string;
  organisationId: string;
  nameJa: string;
  nameEn: string;
}
export interface User {
  id: string;
  organisationId: string;
  unitId: string | null;
  login: string;
  displayName: string;
  roles: Role[];
  disabled: boolean;
  createdAt: string;
}

export const toOrganisation = (r: OrganisationRow): Organisation => ({
  id: r.id,
  kind: r.kind as OrganisationKind,
  nameJa: r.name_ja,
  nameEn: r.name_en,
  isTelecomCarrier: r.is_telecom_carrier === 1,
  createdAt: r.created_at,
});
export const toUnit = (r: UnitRow): Unit => ({
  id: r.id,
  organisationId: r.organisation_id,
  nameJa: r.name_ja,
  nameEn: r.name_en,
});
export const toUser = (r: UserRow): User => ({
  id: r.id,
  organisationId: r.organisation_id,
  unitId: r.unit_id,
  login: r.login,
  displayName: r.display_name,
  roles: JSON.parse(r.roles) as Role[],
  disabled: r.disabled === 1,
  createdAt: r.created_at,
});

export function totpAad(userId: string): string {
  return `shokai/totp/${userId}`;
}

// ---- inputs (validated at the boundary; the same schemas serve the API and the CLI) ----
const Name = z.string().trim().min(1).max(200);
export const CreateOrganisationInput = z.strictObject({
  kind: z.enum(ORGANISATION_KINDS),
  nameJa: Name,
  nameEn: Name,
  isTelecomCarrier: z.boolean().default(false),
});
export const CreateUnitInput = z.strictObject({ nameJa: Name, nameEn: Name });
export const CreateUserInput = z.strictObject({
  organisationId: z.string().min(1),
  unitId: z.string().min(1).nullable().default(null),
  login: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9._-]{1,62}$/, 'login: 2–63 characters a-z 0-9 . _ -'),
  displayName: Name,
  roles: z.array(z.enum(ROLES)).min(1),
  password: z.string().min(12, 'password: at least 12 characters').max(200),
});
export const NetworksInput = z.strictObject({
  cidrs: z
    .array(z.string().regex(/^[0-9a-fA-F:.]+\/\d{1,3}$/, 'cidr: address/prefix'))
    .max(10000)
    .default([]),
  asns: z.array(z.number().int().min(1).max(4294967295)).max(1000).default([]),
  domains: z.array(z.string().min(1).max(253)).max(1000).default([]),
});

export async function getOrganisation(db: Db | Tx, id: string): Promise<Organisation> {
  const r = await db.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r)
    throw new DomainError(
      'NOT_FOUND',
      { ja: `組織 ${id} は存在しません`, en: `organisation ${id} does not exist` },
      { field: 'organisationId', value: id },
    );
  return toOrganisation(r);
}

export async function listOrganisations(db: Db, kind?: OrganisationKind): Promise<Organisation[]> {
  let q = db.selectFrom('organisations').selectAll().orderBy('name_en');
  if (kind) q = q.where('kind', '=', kind);
  return (await q.execute()).map(toOrganisation);
}

export async function getUnit(db: Db | Tx, id: string): Promise<Unit> {
  const r = await db.selectFrom('units').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r)
    throw new DomainError(
      'NOT_FOUND',
      { ja: `所属 ${id} は存在しません`, en: `unit ${id} does not exist` },
      { field: 'unitId', value: id },
    );
  return toUnit(r);
}

export async function listUnits(db: Db, organisationId: string): Promise<Unit[]> {
  return (
    await db
      .selectFrom('units')
      .selectAll()
      .where('organisation_id', '=', organisationId)
      .orderBy('created_at')
      .execute()
  ).map(toUnit);
}

export async function getUser(db: Db | Tx, id: string): Promise<User> {
  const r = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r)
    throw new DomainError(
      'NOT_FOUND',
      { ja: `利用者 ${id} は存在しません`, en: `user ${id} does not exist` },
      { field: 'userId', value: id },
    );
  return toUser(r);
}

export async function listUsers(db: Db, organisationId: string): Promise<User[]> {
  return (
    await db.selectFrom('users').selectAll().where('organisation_id', '=', organisationId).orderBy('login').execute()
  ).map(toUser);
}

/** The provider's current published policy; the default matrix if it has published none. */
export async function currentPolicy(
  db: Db | Tx,
  provider: Organisation,
): Promise<{ policy: ProviderPolicy; version: number; publishedAt: string | null }> {
  const r = await db
    .selectFrom('provider_policies')
    .selectAll()
    .where('organisation_id', '=', provider.id)
    .orderBy('version', 'desc')
    .executeTakeFirst();
  if (!r) return { policy: defaultProviderPolicy(provider.isTelecomCarrier), version: 0, publishedAt: null };
  return { policy: ProviderPolicySchema.parse(JSON.parse(r.policy)), version: r.version, publishedAt: r.published_at };
}

// ---- writes used by administration (API and CLI) and by the demo: the same code paths ----

/** Organisations are created by a system administrator (the CLI runs as `system`). */
export async function createOrganisation(ctx: AppContext, actor: ActorRef, raw: unknown): Promise<Organisation> {
  const input = CreateOrganisationInput.parse(raw);
  return inTransaction(ctx, async (tx, audit, now) => {
    const row: OrganisationRow = {
      id: newId('org'),
      kind: input.kind,
      name_ja: input.nameJa,
      name_en: input.nameEn,
      is_telecom_carrier: input.isTelecomCarrier ? 1 : 0,
      created_at: now.toISOString(),
    };
    await tx.insertInto('organisations').values(row).execute();
    await audit({
      actor,
      action: 'organisation.created',
      subjectType: 'organisation',
      subjectId: row.id,
      details: { kind: input.kind, nameEn: input.nameEn },
    });
    // Providers sign answers and courts sign warrant attestations with an organisation key.
    if (input.kind === 'provider' || input.kind === 'court') {
      await createKey(ctx, tx, audit, now, actor, {
        organisationId: row.id,
        ownerType: 'organisation',
        ownerId: row.id,
        purpose: 'signing',
      });
    }
    return toOrganisation(row);
  });
}

/** A unit gets a signing key (the unit's seal) and an encryption key (answers are sealed to it). */
export async function createUnit(
  ctx: AppContext,
  actor: ActorRef,
  organisationId: string,
  raw: unknown,
): Promise<Unit> {
  const input = CreateUnitInput.parse(raw);
  return inTransaction(ctx, async (tx, audit, now) => {
    await getOrganisation(tx, organisationId);
    const row: UnitRow = {
      id: newId('unit'),
      organisation_id: organisationId,
      name_ja: input.nameJa,
      name_en: input.nameEn,
      created_at: now.toISOString(),
    };
    await tx.insertInto('units').values(row).execute();
    await audit({
      actor,
      action: 'unit.created',
      subjectType: 'unit',
      subjectId: row.id,
      details: { organisationId, nameEn: input.nameEn },
    });
    await createKey(ctx, tx, audit, now, actor, {
      organisationId,
      ownerType: 'unit',
      ownerId: row.id,
      purpose: 'signing',
    });
    await createKey(ctx, tx, audit, now, actor, {
      organisationId,
      ownerType: 'unit',
      ownerId: row.id,
      purpose: 'encryption',
    });
    return toUnit(row);
  });
}

/** Creates a user with a TOTP secret (returned once, stored wrapped); a unit head gets a personal signing key. */
export async function createUser(
  ctx: AppContext,
  actor: ActorRef,
  raw: unknown,
): Promise<{ user: User; totpSecret: string }> {
  const input = CreateUserInput.parse(raw);
  const passwordHash = await hashPassword(input.password);
  return inTransaction(ctx, async (tx, audit, now) => {
    const org = await getOrganisation(tx, input.organisationId);
    const allowed = ROLES_BY_ORGANISATION_KIND[org.kind];
    const foreign = input.roles.filter((r) => !allowed.includes(r));
    if (foreign.length > 0) {
      throw new DomainError(
        'VALIDATION_FAILED',
        {
          ja: `${org.nameJa} の利用者には付与できない役割です: ${foreign.join(', ')}`,
          en: `a member of ${org.nameEn} cannot hold: ${foreign.join(', ')}`,
        },
        { field: 'roles', value: foreign, allowed },
      );
    }
    if (input.unitId) {
      const unit = await getUnit(tx, input.unitId);
      if (unit.organisationId !== org.id) {
        throw new DomainError(
          'VALIDATION_FAILED',
          { ja: '所属が組織に属していません', en: 'the unit does not belong to the organisation' },
          { field: 'unitId', value: input.unitId },
        );
      }
    }
    if (input.roles.includes('unit_head') && !input.unitId) {
      throw new DomainError(
        'VALIDATION_FAILED',
        { ja: '所属長には所属が必要です', en: 'a unit head needs a unit' },
        { field: 'unitId', value: null },
      );
    }
    const exists = await tx.selectFrom('users').select('id').where('login', '=', input.login).executeTakeFirst();
    if (exists)
      throw new DomainError(
        'CONFLICT',
        { ja: `ログイン名 ${input.login} は使用済みです`, en: `login ${input.login} is taken` },
        { field: 'login', value: input.login },
      );
    const id = newId('usr');
    const totpSecret = new Secret({ size: 20 }).base32;
    const row: UserRow = {
      id,
      organisation_id: org.id,
      unit_id: input.unitId,
      login: input.login,
      display_name: input.displayName,
      roles: JSON.stringify(input.roles),
      password_hash: passwordHash,
      totp_secret_wrapped: wrapKey(ctx.kek, totpSecret, totpAad(id)),
      totp_last_step: 0,
      disabled: 0,
      created_at: now.toISOString(),
    };
    await tx.insertInto('users').values(row).execute();
    await audit({
      actor,
      action: 'user.created',
      subjectType: 'user',
      subjectId: id,
      details: { login: input.login, roles: input.roles, organisationId: org.id, unitId: input.unitId },
    });
    if (input.roles.includes('unit_head')) {
      await createKey(ctx, tx, audit, now, actor, {
        organisationId: org.id,
        ownerType: 'user',
        ownerId: id,
        purpose: 'signing',
      });
    }
    return { user: toUser(row), totpSecret };
  });
}

export async function disableUser(ctx: AppContext, principal: Principal, userId: string): Promise<User> {
  requireRole(principal, ['admin']);
  return inTransaction(ctx, async (tx, audit) => {
    const user = await getUser(tx, userId);
    requireSameOrganisation(principal, user.organisationId);
    await tx.updateTable('users').set({ disabled: 1 }).where('id', '=', userId).execute();
    await tx.deleteFrom('sessions').where('user_id', '=', userId).execute();
    await audit({ actor: actorOf(principal), action: 'user.disabled', subjectType: 'user', subjectId: userId });
    return { ...user, disabled: true };
  });
}

/** Creates or rotates a key of a unit, user or organisation of the caller's organisation. */
export async function rotateKey(
  ctx: AppContext,
  principal: Principal,
  input: { ownerType: KeyOwnerType; ownerId: string; purpose: KeyPurpose; publicKey?: string },
): Promise<PublicKeyRecord> {
  requireRole(principal, ['admin']);
  return inTransaction(ctx, async (tx, audit, now) => {
    const organisationId = await ownerOrganisation(tx, input.ownerType, input.ownerId);
    requireSameOrganisation(principal, organisationId);
    return createKey(ctx, tx, audit, now, actorOf(principal), { organisationId, ...input });
  });
}

export async function revokeKeyAs(
  ctx: AppContext,
  principal: Principal,
  keyId: string,
  reason: string,
): Promise<PublicKeyRecord> {
  requireRole(principal, ['admin']);
  return inTransaction(ctx, async (tx, audit, now) => {
    const row = await tx.selectFrom('keys').select(['organisation_id']).where('id', '=', keyId).executeTakeFirst();
    if (!row?.organisation_id)
      throw new DomainError(
        'NOT_FOUND',
        { ja: `鍵 ${keyId} は存在しません`, en: `key ${keyId} does not exist` },
        { field: 'keyId', value: keyId },
      );
    requireSameOrganisation(principal, row.organisation_id);
    return revokeKey(tx, audit, now, actorOf(principal), keyId, reason);
  });
}

async function ownerOrganisation(tx: Tx, ownerType: KeyOwnerType, ownerId: string): Promise<string> {
  if (ownerType === 'organisation') return (await getOrganisation(tx, ownerId)).id;
  if (ownerType === 'unit') return (await getUnit(tx, ownerId)).organisationId;
  if (ownerType === 'user') return (await getUser(tx, ownerId)).organisationId;
  const k = await tx
    .selectFrom('keys')
    .select('organisation_id')
    .where('owner_type', '=', 'client')
    .where('owner_id', '=', ownerId)
    .executeTakeFirst();
  if (!k?.organisation_id)
    throw new DomainError(
      'NOT_FOUND',
      { ja: `クライアント ${ownerId} は存在しません`, en: `client ${ownerId} does not exist` },
      { field: 'ownerId', value: ownerId },
    );
  return k.organisation_id;
}

function requireProvider(org: Organisation): void {
  if (org.kind !== 'provider') {
    throw new DomainError(
      'NOT_A_PROVIDER',
      { ja: `${org.nameJa} は事業者ではありません`, en: `${org.nameEn} is not a provider` },
      { organisationId: org.id, kind: org.kind },
    );
  }
}

/** Publishes a new version of a provider's policy (its own admin or legal reviewer). */
export async function publishPolicy(
  ctx: AppContext,
  actor: ActorRef,
  principal: Principal | null,
  providerId: string,
  raw: unknown,
): Promise<{ version: number; policy: ProviderPolicy }> {
  if (principal) {
    requireRole(principal, ['admin', 'provider_legal'], ['provider']);
    requireSameOrganisation(principal, providerId);
  }
  const policy = ProviderPolicySchema.parse(raw);
  return inTransaction(ctx, async (tx, audit, now) => {
    const org = await getOrganisation(tx, providerId);
    requireProvider(org);
    const { version } = await currentPolicy(tx, org);
    const next = version + 1;
    await tx
      .insertInto('provider_policies')
      .values({
        organisation_id: org.id,
        version: next,
        policy: JSON.stringify(policy),
        published_at: now.toISOString(),
      })
      .execute();
    await audit({
      actor,
      action: 'policy.published',
      subjectType: 'organisation',
      subjectId: org.id,
      details: { version: next },
    });
    return { version: next, policy };
  });
}

/** Replaces the address ranges, ASNs and domains a provider declares it serves. */
export async function declareNetworks(
  ctx: AppContext,
  actor: ActorRef,
  principal: Principal | null,
  providerId: string,
  raw: unknown,
): Promise<z.infer<typeof NetworksInput>> {
  if (principal) {
    requireRole(principal, ['admin'], ['provider']);
    requireSameOrganisation(principal, providerId);
  }
  const input = NetworksInput.parse(raw);
  return inTransaction(ctx, async (tx, audit) => {
    const org = await getOrganisation(tx, providerId);
    requireProvider(org);
    await tx.deleteFrom('provider_networks').where('organisation_id', '=', org.id).execute();
    const rows = [
      ...input.cidrs.map((v) => ({ kind: 'cidr', value: v })),
      ...input.asns.map((v) => ({ kind: 'asn', value: String(v) })),
      ...input.domains.map((v) => ({ kind: 'domain', value: v.toLowerCase() })),
    ].map((r) => ({ id: newId('net'), organisation_id: org.id, ...r }));
    if (rows.length > 0) await tx.insertInto('provider_networks').values(rows).execute();
    await audit({
      actor,
      action: 'networks.declared',
      subjectType: 'organisation',
      subjectId: org.id,
      details: { cidrs: input.cidrs.length, asns: input.asns.length, domains: input.domains.length },
    });
    return input;
  });
}

export type { Audit };
