import { dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import { DomainError } from '../domain/errors.ts';
import { shownInput } from '../domain/shown-text.ts';
import { describeIssues } from '../domain/validation.ts';

/** A WebAuthn relying-party id: a host name, in words when it is not one. */
const HOST_NAME = /^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/;
const HOST_NAME_WORDS = {
  ja: 'hub.example.jp や localhost のようなホスト名を指定してください',
  en: 'a host name such as hub.example.jp or localhost',
};

const PUBLIC_URL_WORDS = {
  ja: 'https://hub.example.jp のように、https の起点（パスなし）を指定してください（http は localhost のみ）',
  en: 'an https origin without a path, such as https://hub.example.jp (http only for localhost)',
};

/** The origin people reach the hub on, as a link printed for them names it; undefined when it is not one. */
export function publicOrigin(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  const local = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  const scheme = url.protocol === 'https:' || (url.protocol === 'http:' && local);
  const bare = url.pathname === '/' && !url.search && !url.hash && !url.username && !url.password;
  return scheme && bare && !value.endsWith('?') && !value.endsWith('#') ? url.origin : undefined;
}

/** Environment → typed configuration, validated at start-up (fails loudly, naming the variable). */
const ConfigSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().default('127.0.0.1'),
  SHOKAI_DATA_DIR: z.string().default('data'),
  DATABASE_URL: z.string().optional(),
  SHOKAI_MASTER_KEY: z.string().optional(),
  SHOKAI_MASTER_KEY_FILE: z.string().optional(),
  // Comma-separated addresses or prefixes of reverse proxies whose X-Forwarded-For is believed.
  SHOKAI_TRUSTED_PROXIES: z.string().optional(),
  SHOKAI_AUDIT_PUBLIC_KEY: z.string().optional(),
  SHOKAI_AUDIT_KEY_FILE: z.string().optional(),
  // The WebAuthn relying-party id (the host name people reach the hub on): passkeys are scoped to it.
  SHOKAI_WEBAUTHN_RP_ID: z
    .string()
    .refine((v) => HOST_NAME.test(v), { message: HOST_NAME_WORDS.en, params: { ja: HOST_NAME_WORDS.ja } })
    .default('localhost'),
  // The origin people reach the hub on (https://hub.example.jp): the links the hub prints for people outside
  // it (the hearing letter's reply link) name it, never the Host a request came with.
  SHOKAI_PUBLIC_URL: z
    .string()
    .refine((v) => publicOrigin(v) !== undefined, {
      message: PUBLIC_URL_WORDS.en,
      params: { ja: PUBLIC_URL_WORDS.ja },
    })
    .optional(),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string;
  masterKey: string | undefined;
  masterKeyFile: string;
  trustedProxies: string[];
  /** The pinned audit public key(s), from the environment (wins over the file). */
  auditPublicKey: string | undefined;
  /** The pin file next to the master key (data/audit-key.pub), written at a store's first start. */
  auditKeyFile: string;
  /** The WebAuthn relying-party id owner-held credentials are registered for. */
  webauthnRpId: string;
  /** The origin people reach the hub on (SHOKAI_PUBLIC_URL), when set. */
  publicUrl: string | undefined;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const r = ConfigSchema.safeParse(env);
  if (!r.success) throw configurationError(r.error, env);
  const c = r.data;
  const dataDir = resolve(c.SHOKAI_DATA_DIR);
  const masterKeyFile = c.SHOKAI_MASTER_KEY_FILE ?? join(dataDir, 'master.key');
  return {
    port: c.PORT,
    host: c.HOST,
    dataDir,
    databaseUrl: c.DATABASE_URL ?? join(dataDir, 'shokai.sqlite'),
    masterKey: c.SHOKAI_MASTER_KEY,
    masterKeyFile,
    trustedProxies: (c.SHOKAI_TRUSTED_PROXIES ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== ''),
    auditPublicKey: c.SHOKAI_AUDIT_PUBLIC_KEY,
    auditKeyFile: c.SHOKAI_AUDIT_KEY_FILE ?? join(dirname(masterKeyFile), 'audit-key.pub'),
    webauthnRpId: c.SHOKAI_WEBAUTHN_RP_ID,
    publicUrl: c.SHOKAI_PUBLIC_URL === undefined ? undefined : publicOrigin(c.SHOKAI_PUBLIC_URL),
  };
}

/**
 * A setting of the environment that cannot be used, in both languages: the variable by its name (what the
 * operator sets), the value given (never a key's) and what it must be.
 */
function configurationError(error: z.ZodError, env: NodeJS.ProcessEnv): DomainError {
  const issue = describeIssues(error)[0];
  const name = issue?.field ?? '(root)';
  const given = env[name];
  const value = given === undefined || /KEY/.test(name) ? undefined : given;
  const shown = value === undefined ? '' : shownInput(value);
  const message = issue?.message ?? { ja: '値が不正です', en: 'not a value it takes' };
  return new DomainError(
    'VALIDATION_FAILED',
    value === undefined
      ? { ja: `環境変数 ${name}: ${message.ja}`, en: `the environment variable ${name}: ${message.en}` }
      : {
          ja: `環境変数 ${name} の値「${shown}」は使えません: ${message.ja}`,
          en: `the environment variable ${name} ("${shown}") cannot be used: ${message.en}`,
        },
    { field: name, ...(value === undefined ? {} : { value }) },
  );
}
