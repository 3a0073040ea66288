import type { Command } from 'commander';
import { ZodError } from 'zod';
import { principalOfLogin } from '../auth/auth-service.ts';
import { ApiError } from '../client/client.ts';
import { type Caller, type Principal, SYSTEM_CALLER } from '../domain/access.ts';
import { DomainError, isDomainError } from '../domain/errors.ts';
import { fieldInWords } from '../domain/field-words.ts';
import { shownInput } from '../domain/shown-text.ts';
import { checkZone, TimeError } from '../domain/time.ts';
import { describeIssues } from '../domain/validation.ts';
import { EvidenceInputError } from '../evidence/messages.ts';
import { bootstrap } from '../kernel/bootstrap.ts';
import { loadConfig } from '../kernel/config.ts';
import type { AppContext } from '../kernel/context.ts';
import { cliLocale } from '../kernel/text.ts';
import { run, type UnitOfWork } from '../kernel/unit-of-work.ts';
import { openStore, type Store } from '../store/database.ts';
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

/** The options of a command the local operator may also run: the store, and the login acting (--as). */
export function localOptions(command: Command): Command {
  return command.option('--store <store>', storeOptionHelp()).option('--as <login>', asOptionHelp());
}

/** The options of a local command that prints its result: localOptions, and --json for JSON instead of text. */
export function localResultOptions(command: Command): Command {
  return localOptions(command).option('--json', tr('JSON で出力する', 'print JSON'));
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
async function callerFor(ctx: AppContext, login: string | undefined): Promise<Caller> {
  return login === undefined ? SYSTEM_CALLER : principalOfLogin(ctx.store.db, login);
}

/** Runs fn over the local store (--store) with who acts there: the login --as names, else the local operator. */
export function withCaller<T>(
  o: { store?: string; as?: string },
  fn: (ctx: AppContext, caller: Caller) => Promise<T>,
): Promise<T> {
  return withContext(o.store, async (ctx) => fn(ctx, await callerFor(ctx, o.as)));
}

type Service<C, A extends unknown[], T> = (uow: UnitOfWork, caller: C, ...args: A) => Promise<T>;

/** One service in one unit of work on the local store (--store), as the login --as names, else the local operator. */
export function runLocal<A extends unknown[], T>(
  o: { store?: string; as?: string },
  service: Service<Caller, A, T>,
  ...args: A
): Promise<T> {
  return withCaller(o, (ctx, caller) => run(ctx, service, caller, ...args));
}

/** One service in one unit of work on the local store (--store), as the person the required --as names. */
export function runAsLogin<A extends unknown[], T>(
  o: { store?: string; as: string },
  service: Service<Principal, A, T>,
  ...args: A
): Promise<T> {
  return withContext(o.store, async (ctx) => run(ctx, service, await principalOfLogin(ctx.store.db, o.as), ...args));
}

/** A long-running command's clean stop: on the first SIGINT or SIGTERM, runs `close`, then exits 0. */
export function exitOnSignal(close: () => Promise<void>): void {
  const stop = async () => {
    await close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

/** Runs fn over the store itself (--store, else the default), migrating nothing, closing it afterwards. */
export async function withStore<T>(location: string | undefined, fn: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore(location ?? defaultStore(), { migrate: false });
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

/** An error as programs read it (`--json`): its stable code, its message in both languages and its details. */
export interface CliErrorJson {
  error: { code: string; message: { ja: string; en: string }; details?: Record<string, unknown> };
}

/** The code, message and details of whatever went wrong, or null for an error that has none. */
function errorParts(err: unknown): CliErrorJson['error'] | null {
  if (err instanceof EvidenceInputError) return { code: err.code, message: { ja: err.ja, en: err.message } };
  if (isDomainError(err))
    return { code: err.code, message: err.messages, ...(err.details ? { details: err.details } : {}) };
  if (err instanceof ApiError)
    return { code: err.code, message: err.bilingual, ...(err.details ? { details: err.details } : {}) };
  if (err instanceof ZodError) {
    const [first] = describeIssues(err);
    if (first) return { code: first.code, message: first.message, details: { field: first.field } };
  }
  return fileSystemParts(err);
}

/** What the file system's refusals say, in words; the error's own text is Node's, in English. */
const FILE_SYSTEM_WORDS: Readonly<Record<string, { ja: string; en: string }>> = {
  ENOENT: { ja: 'ファイル {path} がありません', en: 'there is no file {path}' },
  EISDIR: { ja: '{path} はディレクトリです。ファイルを指定してください', en: '{path} is a directory: name a file' },
  ENOTDIR: { ja: '{path} の途中にディレクトリでないものがあります', en: 'a part of {path} is not a directory' },
  EACCES: { ja: '{path} を読み書きする権限がありません', en: 'no permission to read or write {path}' },
  EPERM: { ja: '{path} を読み書きする権限がありません', en: 'no permission to read or write {path}' },
};

/** A refusal of the file system naming its path (a file not there, a directory, no permission), or null. */
function fileSystemParts(err: unknown): CliErrorJson['error'] | null {
  if (!(err instanceof Error) || !('code' in err) || typeof err.code !== 'string') return null;
  const words = FILE_SYSTEM_WORDS[err.code];
  const path = 'path' in err && typeof err.path === 'string' ? err.path : undefined;
  if (words === undefined || path === undefined) return null;
  const shown = shownInput(path);
  return {
    code: 'FILE_UNREADABLE',
    message: { ja: words.ja.replace('{path}', shown), en: words.en.replace('{path}', shown) },
    details: { path, reason: err.code },
  };
}

/**
 * An error as one readable line in the CLI's language: its message in words, and — where the message
 * does not already name it — what it is about (the option or setting, and the value given). The stable
 * code and the field's path are for programs: `--json` prints them (cliErrorJson), a person never reads them.
 */
export function describeCliError(err: unknown): string {
  const locale = cliLocale();
  const parts = errorParts(err);
  if (parts === null) return err instanceof Error ? err.message : String(err);
  return `${parts.message[locale]}${aboutNote(parts.message[locale], parts.details, locale)}`;
}

/** The error for `--json`: code, bilingual message and details (the field's path among them). */
export function cliErrorJson(err: unknown): CliErrorJson {
  const said = describeCliError(err);
  return { error: errorParts(err) ?? { code: 'INTERNAL', message: { ja: said, en: said } } };
}

/** The words for the options and settings the CLI's errors name (a path's last name is looked up). */
const CLI_FIELDS: Readonly<Record<string, { ja: string; en: string }>> = {
  as: { ja: '確認者 --as', en: 'reviewer --as' },
  hub: { ja: 'ハブの設定', en: 'hub setting' },
  url: { ja: 'URL', en: 'URL' },
  file: { ja: 'ファイル', en: 'file' },
  key: { ja: '鍵', en: 'key' },
  keyFile: { ja: '鍵ファイル', en: 'key file' },
  deviceKeyFile: { ja: '端末の鍵ファイル', en: 'device key file' },
  installationKeyFile: { ja: '設置鍵のファイル', en: 'installation key file' },
  machineKeyFile: { ja: '連携システムの鍵ファイル', en: 'machine key file' },
  clientCertFile: { ja: 'クライアント証明書のファイル', en: 'client certificate file' },
  directory: { ja: 'ディレクトリ', en: 'directory' },
  config: { ja: '設定ファイル', en: 'configuration file' },
  state: { ja: '状態', en: 'state' },
  fileId: { ja: 'ファイル', en: 'file' },
  digest: { ja: 'SHA-256', en: 'SHA-256' },
  requestId: { ja: '照会', en: 'request' },
  id: { ja: 'ID', en: 'id' },
  organisationId: { ja: '組織', en: 'organisation' },
  half: { ja: '半期 --half', en: 'half-year --half' },
  login: { ja: 'ログイン名', en: 'login' },
  reason: { ja: '理由', en: 'reason' },
  limit: { ja: '件数の上限', en: 'limit' },
  providerId: { ja: '事業者', en: 'provider' },
  secondCheck: { ja: '二人目の確認', en: 'second check' },
  targetIndex: { ja: '対象の番号', en: 'target number' },
};

/**
 * What an error is about, in brackets: the option or setting in words unless the message already names
 * it, and the value given unless the message already says it (nothing when both are said).
 */
function aboutNote(message: string, details: Record<string, unknown> | undefined, locale: 'ja' | 'en'): string {
  const field = details?.field;
  if (typeof field !== 'string' || field === '') return '';
  const value = details?.value;
  const shown = typeof value === 'string' ? value : value === undefined || value === null ? '' : JSON.stringify(value);
  const valueSaid = shown === '' || message.includes(shown);
  const last =
    field
      .split('.')
      .filter((p) => !/^\d+$/.test(p))
      .pop() ?? field;
  // The CLI's own options and settings first; a request's fields by the editor's labels (対象 1 › 日時).
  const words = CLI_FIELDS[field]?.[locale] ?? CLI_FIELDS[last]?.[locale] ?? fieldInWords(field)?.[locale];
  const name = words ?? (field.startsWith('--') ? field : locale === 'ja' ? `設定「${field}」` : `setting "${field}"`);
  if (message.includes(name)) {
    if (valueSaid) return '';
    return locale === 'ja' ? `（値「${shown}」）` : ` (value "${shown}")`;
  }
  if (valueSaid) return locale === 'ja' ? `（${name}）` : ` (${name})`;
  return locale === 'ja' ? `（${name}: 「${shown}」）` : ` (${name}: "${shown}")`;
}

/**
 * The zone --zone names (an IANA zone), else this machine's (TZ), else UTC. An unknown one is refused
 * naming --zone, in the instant core's words with an example.
 */
export function zoneOption(given: string | undefined): string {
  if (given === undefined) return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  try {
    return checkZone(given);
  } catch (e) {
    if (!(e instanceof TimeError)) throw e;
    throw new DomainError(e.code, { ja: e.ja, en: e.en }, { field: '--zone', value: given }, { cause: e });
  }
}
