import { generateKekSecret, kekFromSecret } from '../../src/crypto/key-wrap.ts';
import { createOrganisation, createUnit } from '../../src/directory/organisations.ts';
import { createUser } from '../../src/directory/users.ts';
import { SYSTEM_CALLER } from '../../src/domain/access.ts';
import type { Role } from '../../src/domain/vocabulary.ts';
import { type AppContext, createContext } from '../../src/kernel/context.ts';
import { run } from '../../src/kernel/unit-of-work.ts';
import { openStore, type Store } from '../../src/store/database.ts';
import type { Dialect, ScratchLocations } from './dialects.ts';

/**
 * A fresh, migrated store from `scratch` and its context (a master key of its own): where a test runs use
 * cases on a store of their own, or builds the rows an old store had before it takes them through a
 * migration. The test closes the store.
 */
export async function freshStore(
  dialect: Dialect,
  scratch: Pick<ScratchLocations, 'fresh'>,
): Promise<{ store: Store; ctx: AppContext }> {
  const loc = await scratch.fresh(dialect);
  const store = await openStore(loc.location);
  return { store, ctx: await createContext(store, kekFromSecret(generateKekSecret())) };
}

/** `freshStore` with a police force with one unit in it. */
export async function storeWithUnit(
  dialect: Dialect,
  scratch: Pick<ScratchLocations, 'fresh'>,
): Promise<{ store: Store; ctx: AppContext; police: { id: string }; unit: { id: string } }> {
  const { store, ctx } = await freshStore(dialect, scratch);
  const police = await run(ctx, createOrganisation, SYSTEM_CALLER, {
    kind: 'agency',
    nameJa: '旧県警',
    nameEn: 'Old Prefectural Police',
  });
  const unit = await run(ctx, createUnit, SYSTEM_CALLER, police.id, { nameJa: '旧課', nameEn: 'Old Unit' });
  return { store, ctx, police, unit };
}

/** An organisation of `kind` made in `ctx`, and how to make one of its people (no unit) holding `roles`. */
export async function organisationOf(
  ctx: AppContext,
  org: { kind: 'court' | 'provider'; nameJa: string; nameEn: string },
  roles: Role[],
) {
  const made = await run(ctx, createOrganisation, SYSTEM_CALLER, org);
  const person = (login: string) =>
    run(ctx, createUser, SYSTEM_CALLER, { organisationId: made.id, unitId: null, login, displayName: login, roles });
  return { org: made, person };
}

/** A person disabled long ago (dated: 2025-05-01), as an old store holds them: the row only, nothing audited. */
export async function disabledLongAgo(store: Store, userId: string): Promise<void> {
  await store.db
    .updateTable('users')
    .set({ disabled: 1, disabled_at: '2025-05-01T00:00:00.000Z' })
    .where('id', '=', userId)
    .execute();
}
