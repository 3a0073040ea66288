import { type Kysely, sql } from 'kysely';
import type { StoreDialect } from '../location.ts';

// The resolver walks a series of holdings (one address or prefix; one public address and port_low) from
// the newest row back. It may stop only where no older row still reaches the question's window, and an
// older row can end later than a newer one (an inside address reused behind two CGNs, A&PDM sessions on
// one public port, two DHCP servers). Each row therefore keeps its series' reach: the latest end (t1)
// among the rows of the series that start no later than it, itself included. NULL where that is the
// row's own t1 (the common case: no older row outlasts it), so the column costs next to nothing.
// The ingest keeps it (src/attribution/store/); up fills it for the rows already stored, down drops it.
// Frozen with this migration: the statements below are its own.
const SERIES = [
  { table: 'attr_assign', series: ['addr', 'plen'], key: ['addr', 'plen', 't0', 'account'] },
  { table: 'attr_nat_block', series: ['pub', 'plo'], key: ['pub', 'plo', 't0', 'inside'] },
  { table: 'attr_nat_session', series: ['pub', 'plo'], key: ['pub', 'plo', 't0', 'inside'] },
] as const;

export async function up<DB>(db: Kysely<DB>, dialect: StoreDialect): Promise<void> {
  const i8 = dialect === 'postgres' ? 'int8' : 'integer';
  for (const s of SERIES) {
    await db.schema.alterTable(s.table).addColumn('reach', i8).execute();
    const partition = sql.join(s.series.map((c) => sql.ref(c)));
    const cols = sql.join(s.key.map((c) => sql.ref(c)));
    const match = sql.join(
      s.key.map((c) => sql`${sql.ref(`${s.table}.${c}`)} = ${sql.ref(`f.${c}`)}`),
      sql` AND `,
    );
    // max(t1) over the series up to and including the row's t0 (the default frame takes rows of equal t0).
    await sql`UPDATE ${sql.table(s.table)} SET reach = f.w
      FROM (SELECT ${cols}, t1, max(t1) OVER (PARTITION BY ${partition} ORDER BY t0) AS w
        FROM ${sql.table(s.table)}) AS f
      WHERE ${match} AND f.w > f.t1`.execute(db);
  }
}

export async function down<DB>(db: Kysely<DB>, _dialect: StoreDialect): Promise<void> {
  for (const s of [...SERIES].reverse()) await db.schema.alterTable(s.table).dropColumn('reach').execute();
}
