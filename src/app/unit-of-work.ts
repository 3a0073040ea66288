import { randomUUID } from 'node:crypto';
import { type AuditEvent, appendAudit } from '../audit/audit-log.ts';
import type { Tx } from '../store/database.ts';
import type { AppContext } from './context.ts';

export type Audit = (event: AuditEvent) => Promise<void>;

/**
 * One transaction for a change and the audit entries that record it: both commit or neither does.
 * `now` is read once from the injectable clock so every row of the change carries the same instant.
 */
export async function inTransaction<T>(
  ctx: AppContext,
  fn: (tx: Tx, audit: Audit, now: Date) => Promise<T>,
): Promise<T> {
  return ctx.store.transaction(async (tx) => {
    const now = ctx.clock();
    // After its first append the transaction holds the audit head (row lock / SQLite's write lock),
    // so later appends chain onto the entry it wrote instead of reading the head again.
    let head: { seq: number; hash: string } | undefined;
    const audit: Audit = async (event) => {
      const entry = await appendAudit(tx, ctx.store.dialect, now, event, ctx.auditSigner, head);
      head = { seq: entry.seq, hash: entry.hash };
    };
    return fn(tx, audit, now);
  });
}

export function newId(prefix: string): string {
  return `${prefix}_${randomUUID()}`;
}
