import { ZodError } from 'zod';
import { principalOfLogin } from '../auth/auth-service.ts';
import { ApiError, unreachedReason } from '../client/client.ts';
import { CryptoRefusal } from '../crypto/errors.ts';
import { type Caller, type Principal, SYSTEM_CALLER } from '../domain/access.ts';
import { DomainError, isDomainError } from '../domain/errors.ts';
import { answerFieldInWords, fieldInWords } from '../domain/field-words.ts';
import { shownInput } from '../domain/shown-text.ts';
import { checkZone, TimeError } from '../domain/time.ts';
import { describeIssues } from '../domain/validation.ts';
import { EvidenceInputError } from '../evidence/messages.ts';
import { bootstrap } from '../kernel/bootstrap.ts';
import { loadConfig } from '../kernel/config.ts';
import type { AppContext } from '../kernel/context.ts';
import { cliLocale } from '../kernel/text.ts';
import { run, type UnitOfWork } from '../kernel/unit-of-work.ts';
import { formatHostPort } from '../net/address.ts';
import { openStore, type Store, storeHasSchema } from '../store/database.ts';
import { describeStoreLocation } from '../store/location.ts';
import { fileSystemParts } from './json-file.ts';
import { refuseMissingStore, type StoreUse, storeMissing } from './store-presence.ts';

/**
 * The store a command uses when --store is not given — the same as the server's: DATABASE_URL, else
 * shokai.sqlite in SHOKAI_DATA_DIR (./data/shokai.sqlite by default).
 */
export function defaultStore(): string {
  return loadConfig().databaseUrl;
}

/**
 * Runs fn with an application context over DATABASE_URL (or --store), closing the store afterwards. A
 * SQLite store that is not there (or holds no shokai tables) is refused before anything is written, unless
 * the command is one that creates stores (`use.create`: `demo`).
 */
export async function withContext<T>(
  store: string | undefined,
  fn: (ctx: AppContext) => Promise<T>,
  use: StoreUse = {},
): Promise<T> {
  const config = loadConfig();
  if (!use.create) await refuseUnpreparedStore(store ?? config.databaseUrl, store !== undefined);
  const ctx = await bootstrap(config, store ? { databaseUrl: store, nameStore: false } : {});
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

export type Service<C, A extends unknown[], T> = (uow: UnitOfWork, caller: C, ...args: A) => Promise<T>;

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

/** A SQLite store that is not there, or that holds no shokai tables, refused (PostgreSQL is left to its server). */
async function refuseUnpreparedStore(location: string, given: boolean): Promise<void> {
  const file = refuseMissingStore(location, given);
  if (file === null) return;
  const store = await openStore(location, { migrate: false });
  try {
    if (!(await storeHasSchema(store))) throw storeMissing(file, given, 'empty');
  } finally {
    await store.close();
  }
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

/**
 * Runs fn over the store itself (--store, else the default), migrating nothing, closing it afterwards. A
 * store that is not there or holds no shokai tables is refused, unless the command prepares stores
 * (`use.create`: `db migrate`).
 */
export async function withStore<T>(
  location: string | undefined,
  fn: (store: Store) => Promise<T>,
  use: StoreUse = {},
): Promise<T> {
  const where = location ?? defaultStore();
  const file = use.create ? null : refuseMissingStore(where, location !== undefined);
  const store = await openStore(where, { migrate: false });
  try {
    if (!use.create && !(await storeHasSchema(store))) {
      throw storeMissing(file ?? describeStoreLocation(store.location), location !== undefined, 'empty');
    }
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
  const parts = ownParts(err);
  const flag = parts ? flagNotGiven(parts) : null;
  return parts && flag ? { ...parts, message: flag } : parts;
}

function ownParts(err: unknown): CliErrorJson['error'] | null {
  if (err instanceof EvidenceInputError) return { code: err.code, message: { ja: err.ja, en: err.message } };
  if (isDomainError(err))
    return { code: err.code, message: err.messages, ...(err.details ? { details: err.details } : {}) };
  if (err instanceof ApiError)
    return { code: err.code, message: err.bilingual, ...(err.details ? { details: err.details } : {}) };
  // The key work's refusals a person reads (the master key, a device's keys) carry their words in both languages.
  if (err instanceof CryptoRefusal) return { code: err.code, message: err.messages };
  if (err instanceof ZodError) {
    const [first] = describeIssues(err);
    if (first) return { code: first.code, message: first.message, details: { field: first.field } };
  }
  return fileSystemParts(err) ?? networkParts(err);
}

/**
 * The settings a command fills from a flag when it is given (`--confirmed` gives `confirmed: 'yes'`):
 * left out, the refusal says the flag is to be given, not the value the setting wants.
 */
const FLAG_SETTINGS: Readonly<Record<string, { ja: string; en: string }>> = {
  confirmed: {
    ja: '--confirmed を指定してください（照会元所属がこの要請を発したと確認できたときだけ）',
    en: 'give --confirmed (only when the issuing unit confirmed that it issued this request)',
  },
};

function flagNotGiven(parts: CliErrorJson['error']): { ja: string; en: string } | null {
  const field = parts.details?.field;
  if (typeof field !== 'string' || parts.details?.value !== undefined) return null;
  return FLAG_SETTINGS[field] ?? null;
}

/** What a server's start meets when it cannot listen, in words, by the code. */
const LISTEN_WORDS: Readonly<Record<string, { ja: string; en: string }>> = {
  EADDRINUSE: {
    ja: 'ポート {port}（{host}）は既に使われています。使っているプログラムを止めるか、別のポートを指定してください',
    en: 'the port {port} on {host} is already in use: stop the program that uses it or choose another port',
  },
  EACCES: {
    ja: 'ポート {port}（{host}）で待ち受ける権限がありません（1024 未満のポートには特別な権限が要ります）',
    en: 'no permission to listen on port {port} on {host} (ports below 1024 need special privileges)',
  },
  EADDRNOTAVAIL: {
    ja: '{host} はこのマシンのアドレスではないため、待ち受けられません',
    en: 'cannot listen on {host}: it is not an address of this machine',
  },
};

/**
 * A refusal of the network, in words, or null: a port a server cannot listen on (`shokai serve`, `shokai
 * agent run`), else a server that cannot be reached, with the typed client's reason (unreachedReason).
 */
function networkParts(err: unknown): CliErrorJson['error'] | null {
  // Node tries each address of a host name in turn and reports the failures together.
  const one = err instanceof AggregateError && !('syscall' in err) ? err.errors[0] : err;
  if (!(one instanceof Error) || !('code' in one) || typeof one.code !== 'string') return null;
  const said = (key: string): string => {
    const v: unknown = Reflect.get(one, key);
    return typeof v === 'string' || typeof v === 'number' ? String(v) : '';
  };
  const host = said('hostname') || said('address');
  const port = said('port');
  const message = said('syscall') === 'listen' ? listenWords(one.code, host, port) : connectWords(one, host, port);
  if (message === null) return null;
  return {
    code: 'NETWORK_REFUSED',
    message,
    details: { reason: one.code, ...(host ? { host } : {}), ...(port ? { port: Number(port) } : {}) },
  };
}

function listenWords(code: string, host: string, port: string): { ja: string; en: string } | null {
  const words = LISTEN_WORDS[code];
  if (words === undefined) return null;
  const fill = (text: string) => text.replace('{host}', shownInput(host)).replace('{port}', port);
  return { ja: fill(words.ja), en: fill(words.en) };
}

function connectWords(err: Error, host: string, port: string): { ja: string; en: string } | null {
  const why = unreachedReason(err);
  if (why === null) return null;
  if (host === '') return why;
  const target = port ? formatHostPort(host, Number(port)) : shownInput(host);
  return { ja: `${target} に接続できません: ${why.ja}`, en: `cannot connect to ${target}: ${why.en}` };
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
  // `shokai user create` and `shokai unit create`: each by the option that gives it.
  roles: { ja: 'ロール --roles', en: 'roles --roles' },
  displayName: { ja: '表示名 --name', en: 'display name --name' },
  unitId: { ja: '部署 --unit', en: 'unit --unit' },
  password: { ja: 'パスワード', en: 'password' },
  barRegistrationNumber: { ja: '弁護士登録番号 --bar-number', en: 'bar registration number --bar-number' },
  barAssociation: { ja: '所属弁護士会 --bar-association', en: 'bar association --bar-association' },
  nameJa: { ja: '名称（日本語）--name-ja', en: 'Japanese name --name-ja' },
  nameEn: { ja: '名称（英語）--name-en', en: 'English name --name-en' },
  // The key files, receipts and other files the commands read.
  format: { ja: '形式', en: 'format' },
  privateKey: { ja: '秘密鍵', en: 'private key' },
  publicKey: { ja: '公開鍵', en: 'public key' },
  keyId: { ja: '鍵 ID', en: 'key id' },
  deviceId: { ja: '端末 ID', en: 'device id' },
  // The hub's custody refusals (`shokai device …`): the options and the keys the CLI wrapped.
  removeDeviceIds: { ja: '外す端末 --remove-device', en: 'devices to remove --remove-device' },
  wraps: { ja: '包んだ鍵', en: 'wrapped keys' },
  recipientKeyId: { ja: '渡し先の鍵', en: "recipient's key" },
  receipt: { ja: '受領証', en: 'receipt' },
  treeHead: { ja: '署名付きツリーヘッド', en: 'signed tree head' },
  registration: { ja: '登録ファイル', en: 'registration file' },
  // `shokai agent call-back`.
  calledAt: { ja: '電話した日時 --called-at', en: 'time of the call --called-at' },
  confirmed: { ja: '--confirmed', en: '--confirmed' },
  dialled: { ja: '電話した番号 --dialled', en: 'the number dialled --dialled' },
};

/** A setting of the environment (PORT, SHOKAI_TRUSTED_PROXIES …): named as the variable the operator sets. */
const ENVIRONMENT_VARIABLE = /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/;

/**
 * A field in words: the CLI's own options and settings first (a file's part after the file:
 * 鍵ファイル › 秘密鍵), a request's fields by the editor's labels (対象 1 › 日時), a variable of the
 * environment by its name; null when there are none.
 */
function fieldWords(field: string, locale: 'ja' | 'en'): string | null {
  if (ENVIRONMENT_VARIABLE.test(field))
    return locale === 'ja' ? `環境変数 ${field}` : `the environment variable ${field}`;
  // A field of an answer read from a file (`provider answer`, `agent edit --file`): the item by its place.
  const inAnswer = answerFieldInWords(field);
  if (inAnswer !== null) return inAnswer[locale];
  // `wraps[1].deviceId` as `wraps.1.deviceId`: the positions are left out of the words.
  const names = field
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter((p) => !/^\d+$/.test(p));
  const first = names[0] ?? field;
  const last = names.at(-1) ?? field;
  const whole = CLI_FIELDS[field]?.[locale];
  if (whole !== undefined) return whole;
  const [outer, inner] = [CLI_FIELDS[first]?.[locale], CLI_FIELDS[last]?.[locale]];
  if (names.length > 1 && outer !== undefined && inner !== undefined) return `${outer} › ${inner}`;
  return inner ?? fieldInWords(field)?.[locale] ?? null;
}

/**
 * What an error is about, in brackets: the option or setting in words unless the message already names
 * it, and the value given unless the message already says it (nothing when both are said). A refused
 * file's message lists every problem by line, field and value (`details.problems`): its field, the first
 * problem's place for programs, is not said again after the last line.
 */
function aboutNote(message: string, details: Record<string, unknown> | undefined, locale: 'ja' | 'en'): string {
  const field = details?.field;
  if (typeof field !== 'string' || field === '' || Array.isArray(details?.problems)) return '';
  const value = details?.value;
  const shown = typeof value === 'string' ? value : value === undefined || value === null ? '' : JSON.stringify(value);
  const valueSaid = shown === '' || message.includes(shown);
  const words = fieldWords(field, locale);
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
