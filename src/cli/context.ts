import { ZodError } from 'zod';
import { principalOfLogin } from '../auth/auth-service.ts';
import { ApiError } from '../client/client.ts';
import { type Caller, SYSTEM_CALLER } from '../domain/access.ts';
import { isDomainError } from '../domain/errors.ts';
import { describeIssues } from '../domain/validation.ts';
import { bootstrap } from '../kernel/bootstrap.ts';
import { loadConfig } from '../kernel/config.ts';
import type { AppContext } from '../kernel/context.ts';
import { cliLocale } from '../kernel/text.ts';
import { tr } from './language.ts';

/**
 * The store a command uses when --store is not given — the same as the server's: DATABASE_URL, else
 * shokai.sqlite in SHOKAI_DATA_DIR (./data/shokai.sqlite by default).
 */
export function defaultStore(): string {
  return loadConfig().databaseUrl;
}

/** The help of every --store option. */
export function storeOptionHelp(): string {
  return tr(
    'SQLite のファイルパスまたは postgres:// URL（省略時: DATABASE_URL、なければ ./data/shokai.sqlite）',
    'SQLite file path or postgres:// URL (default: DATABASE_URL, else ./data/shokai.sqlite)',
  );
}

/** The help of every --as option of a command that the local operator may also run (logs, registry). */
export function asOptionHelp(): string {
  return tr(
    '実行する利用者のログイン名（省略時: ローカル運用者）。監査ログにこの名前で記録される',
    'the login acting (default: the local operator); audited under that name',
  );
}

/** Runs fn with an application context over DATABASE_URL (or --store), closing the store afterwards. */
export async function withContext<T>(store: string | undefined, fn: (ctx: AppContext) => Promise<T>): Promise<T> {
  const ctx = await bootstrap(loadConfig(), store ? { databaseUrl: store } : {});
  try {
    return await fn(ctx);
  } finally {
    await ctx.store.close();
  }
}

/** Who runs a local command: the login named by `--as`, else the installation's local operator. */
export async function callerFor(ctx: AppContext, login: string | undefined): Promise<Caller> {
  return login === undefined ? SYSTEM_CALLER : principalOfLogin(ctx.store.db, login);
}

/**
 * An error as one readable line in the CLI's language, with its stable code and the field it is about:
 * a domain error raised here, an error answer of a hub (remote commands, the agent) or a failed parse.
 */
export function describeCliError(err: unknown): string {
  const locale = cliLocale();
  if (isDomainError(err)) return `${err.code}: ${err.messages[locale]}${fieldNote(err.details)}`;
  if (err instanceof ApiError) return `${err.code}: ${err.bilingual[locale]}${fieldNote(err.details)}`;
  if (err instanceof ZodError) {
    const [first] = describeIssues(err);
    if (first) return `${first.code}: ${first.message[locale]}${fieldNote({ field: first.field })}`;
  }
  return err instanceof Error ? err.message : String(err);
}

function fieldNote(details: Record<string, unknown> | undefined): string {
  const field = details?.field;
  if (typeof field !== 'string' || field === '') return '';
  return ` [${field}${details?.value !== undefined ? `=${JSON.stringify(details.value)}` : ''}]`;
}
