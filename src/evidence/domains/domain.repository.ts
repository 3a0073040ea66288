import type { Db, Tx } from '../../store/database.ts';
import type { DomainRegistrationRow } from '../../store/schema.ts';

// All SQL of the domain registration data.

/** Replaces the registration of each domain in `rows` (a newer import of a domain wins). */
export async function replaceDomainRegistrations(tx: Tx, rows: DomainRegistrationRow[]): Promise<void> {
  for (const r of rows) {
    await tx.deleteFrom('domain_registrations').where('domain', '=', r.domain).execute();
    await tx.insertInto('domain_registrations').values(r).execute();
  }
}

/** The stored registrations of any of `names` (a name and its parent domains). */
export async function findDomainRegistrations(db: Db | Tx, names: string[]): Promise<DomainRegistrationRow[]> {
  if (names.length === 0) return [];
  return db.selectFrom('domain_registrations').selectAll().where('domain', 'in', names).execute();
}
