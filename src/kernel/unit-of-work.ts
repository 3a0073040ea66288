import { AsyncLocalStorage } from 'node:async_hooks';
import {
  type AuditHeadState,
  appendAudit,
  flushAudit,
  signTreeHeadNow,
  writtenKey,
} from '../audit/audit.repository.ts';
import type { AuditAction, AuditEvent } from '../audit/events.ts';
import type { SignedTreeHead } from '../crypto/tree-head.ts';
import type { StoreDialect, Tx } from '../store/database.ts';
import type { AppContext } from './context.ts';
import { logger } from './logger.ts';
import { actorOf, type Caller } from './principal.ts';

export type Audit = (event: AuditEvent) => Promise<void>;

/** What an audit entry is about: its type and id (null for an entry about no one row). */
export type AuditSubject = readonly [type: string, id: string | null];

/**
 * One change in progress: the transaction, the single instant of the change, the audit writer that
 * appends inside the same transaction, and hooks that run only once the change has committed.
 * Services take a unit of work as their first argument; only `inTransaction` makes one.
 */
export interface UnitOfWork {
  readonly ctx: AppContext;
  readonly tx: Tx;
  readonly dialect: StoreDialect;
  /** Read once from the injectable clock: every row of the change carries the same instant. */
  readonly now: Date;
  readonly audit: Audit;
  /**
   * The audit entry of a change a caller made to one subject, the caller being the actor:
   * `uow.auditBy(p, 'request.approved', ['request', id], { reference })`. `audit` remains for entries
   * whose actor is not the caller (another party's envelope, a system job naming a person).
   */
  auditBy(by: Caller, action: AuditAction, subject: AuditSubject, details?: Record<string, unknown>): Promise<void>;
  /**
   * Signs a tree head of the audit log as it stands in this unit of work, entries of this change
   * included (a receipt); the latest head when it already covers everything. Null for an empty log.
   */
  checkpoint(): Promise<SignedTreeHead | null>;
  /** The seq of the last audit entry this unit of work wrote about a subject with an action, if any. */
  auditedSeq(subjectType: string, subjectId: string, action: string): number | undefined;
  /** Runs after COMMIT (never for a change that rolled back): the place for notifications. */
  afterCommit(hook: () => void | Promise<void>): void;
}

/**
 * Thrown from inside a unit of work to keep what it wrote (typically an audit entry of a refused
 * attempt, or a forged envelope kept as declined) and still answer the caller with `error`.
 */
export class KeepChanges extends Error {
  readonly error: Error;
  constructor(error: Error) {
    super(error.message);
    this.name = 'KeepChanges';
    this.error = error;
  }
}

const inside = new AsyncLocalStorage<true>();

/** Whether the caller runs inside a unit of work (repositories and tests may assert it). */
export function insideTransaction(): boolean {
  return inside.getStore() === true;
}

/**
 * The one transaction entry point. The change and the audit entries that record it commit together
 * or not at all; SQLite "busy" and PostgreSQL serialisation conflicts are retried by the store (each
 * attempt starts afresh: new instant, no hooks from the failed attempt). Units of work do not nest:
 * a service that needs another service's work takes the caller's unit of work instead.
 */
export async function inTransaction<T>(ctx: AppContext, fn: (uow: UnitOfWork) => Promise<T>): Promise<T> {
  if (insideTransaction()) {
    throw new Error('inTransaction called inside a unit of work: pass the caller’s unit of work instead');
  }
  let hooks: Array<() => void | Promise<void>> = [];
  let kept: Error | undefined;
  const result = await inside.run(true, () =>
    ctx.store.transaction(async (tx) => {
      hooks = [];
      kept = undefined;
      const now = ctx.clock();
      // After its first append the transaction holds the audit head (row lock / SQLite's write lock),
      // so later appends (and an on-demand tree head) go on from the head it holds in memory.
      let head: AuditHeadState | undefined;
      const audit: Audit = async (event) => {
        head = (await appendAudit(tx, ctx.store.dialect, now, event, ctx.auditSigner, head)).state;
      };
      const uow: UnitOfWork = {
        ctx,
        tx,
        dialect: ctx.store.dialect,
        now,
        audit,
        auditBy: (by, action, [subjectType, subjectId], details) =>
          audit({ actor: actorOf(by), action, subjectType, subjectId, ...(details ? { details } : {}) }),
        checkpoint: async () => {
          const r = await signTreeHeadNow(tx, ctx.store.dialect, ctx.auditSigner, now, head);
          head = r.state;
          return r.head;
        },
        auditedSeq: (subjectType, subjectId, action) => head?.written.get(writtenKey(subjectType, subjectId, action)),
        afterCommit: (hook) => {
          hooks.push(hook);
        },
      };
      let out: T | undefined;
      try {
        out = await fn(uow);
      } catch (err) {
        if (!(err instanceof KeepChanges)) throw err;
        kept = err.error;
      }
      // The tree nodes and the head row the appends changed: written once, before COMMIT.
      if (head) await flushAudit(tx, head);
      return out;
    }),
  );
  for (const hook of hooks) {
    try {
      await hook();
    } catch (err) {
      logger.error('after-commit hook failed', { error: err instanceof Error ? err.message : String(err) });
    }
  }
  if (kept) throw kept;
  return result as T;
}

/** Runs one service in a unit of work of its own: `run(ctx, createDraft, principal, input)`. */
export function run<A extends unknown[], T>(
  ctx: AppContext,
  service: (uow: UnitOfWork, ...args: A) => Promise<T>,
  ...args: A
): Promise<T> {
  return inTransaction(ctx, (uow) => service(uow, ...args));
}
