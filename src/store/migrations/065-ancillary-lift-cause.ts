import { type Kysely, sql } from 'kysely';
import type { StoreDialect } from '../location.ts';

// An ancillary order (付随命令) that ceased because its main case was declined or withdrawn recorded the main
// case's own reason as its lift reason: the court's reasons for declining, or the law office's for
// withdrawing, which the bound provider then read on the order. It now records how the case ended, in both
// languages (src/court/ancillary-orders.ts, CASE_ENDED); the reasons stay on the main application. Rows written
// before are rewritten the same way, matched by the main case's state and reason (the texts below are frozen
// with this migration). The same for an ancillary application still pending when its case ended (its
// withdraw reason). Down writes the main case's reason back.
const ENDED = {
  declined: {
    state: 'declined',
    column: 'decline_reason',
    text: '本案の申立ての却下 / the main application was declined',
  },
  withdrawn: {
    state: 'withdrawn',
    column: 'withdraw_reason',
    text: '本案の申立ての取下げ / the main application was withdrawn',
  },
} as const;
const OWN = [
  { state: 'lifted', column: 'lift_reason' },
  { state: 'withdrawn', column: 'withdraw_reason' },
] as const;

export async function up<DB>(db: Kysely<DB>, _dialect: StoreDialect): Promise<void> {
  for (const main of Object.values(ENDED)) {
    for (const own of OWN) {
      await sql`UPDATE ancillary_order_applications SET ${sql.ref(own.column)} = ${main.text}
        WHERE state = ${own.state} AND ${sql.ref(own.column)} = (SELECT m.${sql.ref(main.column)}
          FROM disclosure_order_applications m
          WHERE m.id = ancillary_order_applications.application_id AND m.state = ${main.state})`.execute(db);
    }
  }
}

export async function down<DB>(db: Kysely<DB>, _dialect: StoreDialect): Promise<void> {
  for (const main of Object.values(ENDED)) {
    for (const own of OWN) {
      await sql`UPDATE ancillary_order_applications SET ${sql.ref(own.column)} = (SELECT m.${sql.ref(main.column)}
          FROM disclosure_order_applications m WHERE m.id = ancillary_order_applications.application_id)
        WHERE state = ${own.state} AND ${sql.ref(own.column)} = ${main.text} AND EXISTS (SELECT 1
          FROM disclosure_order_applications m
          WHERE m.id = ancillary_order_applications.application_id AND m.state = ${main.state})`.execute(db);
    }
  }
}
