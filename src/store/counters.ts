import type { Db, Tx } from './database.ts';

// Numbered series (a request's SHK-…, a warrant application's WA-…, a consultation's CON-…): one row
// a series and year in `counters`, counted up in the same transaction as the row it numbers.

/** The next value of a named counter; one upsert, safe under concurrency on both dialects. */
export async function nextCounter(tx: Db | Tx, name: string): Promise<number> {
  const r = await tx
    .insertInto('counters')
    .values({ name, value: 1 })
    .onConflict((oc) => oc.column('name').doUpdateSet((eb) => ({ value: eb('counters.value', '+', 1) })))
    .returning('value')
    .executeTakeFirstOrThrow();
  return Number(r.value);
}

/** The next reference of a yearly series, `PREFIX-YYYY-NNNNNN`, counted by the counter `series:YYYY`. */
export async function nextYearlyReference(tx: Db | Tx, series: string, prefix: string, now: Date): Promise<string> {
  const year = now.getUTCFullYear();
  const n = await nextCounter(tx, `${series}:${year}`);
  return `${prefix}-${year}-${String(n).padStart(6, '0')}`;
}
