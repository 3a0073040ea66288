import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { z } from 'zod';
import { groupOrOthersMayAccess } from '../crypto/key-wrap.ts';
import { DomainError } from '../domain/errors.ts';
import { notJson } from '../domain/json-keys.ts';
import { parseOrThrow } from '../domain/validation.ts';
import { PROVIDER_CATEGORIES } from '../domain/vocabulary.ts';
import type { HubTransportOptions } from './transport.ts';

// The configuration of a provider's own installation (`shokai agent`): one JSON file on its premises.
// Paths in it are relative to the file. It names no secret itself: the keys are files beside it, which
// never leave the installation (the hub has only their public parts).

const Pin = z
  .string()
  .regex(/^(sha256\/[A-Za-z0-9+/]{43}=|cert-sha256\/[0-9a-f]{64})$/, 'sha256/<base64> or cert-sha256/<hex>');

export const AgentConfigSchema = z.strictObject({
  /** The provider organisation this installation answers for (its id at the hub). */
  organisationId: z.string().min(1).max(200),
  /**
   * What kind of provider this is (isp, mobile, board, hosting, mail, cafe, other): the provider's own word,
   * by which intake applies the civil stage rule (an access provider is asked about a connection, a content
   * provider about a post). Absent: that rule is left to the hub.
   */
  providerCategory: z.enum(PROVIDER_CATEGORIES).optional(),
  hub: z.strictObject({
    url: z.string().url(),
    /** The hub's certificate pins: at least one for https (the agent refuses a hub it has not pinned). */
    pins: z.array(Pin).max(10).default([]),
    /** PEM file of the hub's private CA (else the system's trust anchors). */
    caFile: z.string().min(1).optional(),
    /** Mutual TLS: the installation's client certificate and key (PEM files). */
    clientCertFile: z.string().min(1).optional(),
    clientKeyFile: z.string().min(1).optional(),
    /** Only for tests on one machine: allow http:// to 127.0.0.1 / ::1. */
    allowLoopbackHttp: z.boolean().default(false),
  }),
  /** The machine key the agent signs its API calls with ({ keyId, privateKey }: shokai client keygen). */
  machineKeyFile: z.string().min(1),
  /** The installation key answers are signed with ({ keyId, privateKey }: shokai agent init). */
  installationKeyFile: z.string().min(1),
  /**
   * The installation's device of the provider's record key ({ format, deviceId, publicKey, privateKey }:
   * shokai agent device), to open the files requesters attach; none: they stay unopened.
   */
  deviceKeyFile: z.string().min(1).optional(),
  /** The installation's own store (SQLite path or postgres:// URL); its logs are ingested there. */
  store: z.string().min(1),
  /** Seconds between two pulls when running. */
  intervalSeconds: z.number().int().min(1).max(86400).default(60),
  /** Also follow the hub's event stream and pull at once when a request arrives (push). */
  push: z.boolean().default(false),
  /** What may leave without a person: nothing by default. */
  autoAnswer: z.strictObject({ none: z.boolean().default(false) }).default({ none: false }),
  /** The installation's own review pages (loopback by default). */
  ui: z
    .strictObject({ host: z.string().default('127.0.0.1'), port: z.number().int().min(0).max(65535).default(8090) })
    .default({ host: '127.0.0.1', port: 8090 }),
});
export type AgentConfig = z.infer<typeof AgentConfigSchema>;

/** A configuration with its file paths made absolute (relative to the configuration file). */
export function resolveConfigPaths(config: AgentConfig, baseDir: string): AgentConfig {
  const abs = (p: string) => (isAbsolute(p) ? p : resolve(baseDir, p));
  const store = /^postgres(ql)?:\/\//.test(config.store) ? config.store : abs(config.store);
  return {
    ...config,
    store,
    machineKeyFile: abs(config.machineKeyFile),
    installationKeyFile: abs(config.installationKeyFile),
    ...(config.deviceKeyFile ? { deviceKeyFile: abs(config.deviceKeyFile) } : {}),
    hub: {
      ...config.hub,
      ...(config.hub.caFile ? { caFile: abs(config.hub.caFile) } : {}),
      ...(config.hub.clientCertFile ? { clientCertFile: abs(config.hub.clientCertFile) } : {}),
      ...(config.hub.clientKeyFile ? { clientKeyFile: abs(config.hub.clientKeyFile) } : {}),
    },
  };
}

function readText(path: string, field: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw new DomainError(
      'VALIDATION_FAILED',
      { ja: `${field}: ${path} を読めません`, en: `${field}: cannot read ${path}` },
      { field, value: path, cause: (err as Error).message },
    );
  }
}

/** The JSON of the file `field` names; one not read or not JSON is refused, `named` saying which file. */
function readJson(path: string, field: string, named: string): unknown {
  const text = readText(path, field);
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new DomainError('VALIDATION_FAILED', notJson({ ja: named, en: named }, text, err), { field, value: path });
  }
}

export function loadAgentConfig(path: string): AgentConfig {
  const raw = readJson(path, 'config', path);
  return resolveConfigPaths(parseOrThrow(AgentConfigSchema, raw, 'config'), dirname(resolve(path)));
}

const KeyFileSchema = z.strictObject({
  /** Installation keys: the same file as `shokai provider key init` writes (and `register` completes). */
  format: z.literal('shokai-installation-key/v1').optional(),
  organisationId: z.string().min(1).max(200).optional(),
  /** The id the hub gave the key when it was registered (absent until then). */
  keyId: z.string().min(1).max(200).optional(),
  privateKey: z.string().min(1).max(200),
  publicKey: z.string().min(1).max(200).optional(),
});
export type KeyFile = z.infer<typeof KeyFileSchema>;

export function readKeyFile(path: string, field: string): KeyFile {
  const file = parseOrThrow(KeyFileSchema, readJson(path, field, `${field}: ${path}`), field);
  requirePrivateFile(path, field);
  return file;
}

/**
 * A file holding a private key (the machine key, the installation key, the device key, the TLS client key) is
 * refused when its group or others may read or write it, as the master key file is (src/crypto/key-wrap.ts):
 * another account on the machine reading the installation key signs answers in the provider's name; one writing
 * it swaps the key. `agent init` and `agent device` write them 0600; a copy restored or moved with the umask's
 * 0644 is refused before it is used, in words saying what to run.
 */
export function requirePrivateFile(path: string, field: string): void {
  if (!groupOrOthersMayAccess(path)) return;
  throw new DomainError(
    'VALIDATION_FAILED',
    {
      ja: `${field}: ${path} はグループや他の利用者も読み書きできます。chmod 600 ${path} を実行してください`,
      en: `${field}: ${path} is accessible by group or others; run: chmod 600 ${path}`,
    },
    { field, value: path },
  );
}

/** A key file whose key the hub has registered (it names the id the hub gave). */
export function registeredKey(file: KeyFile, path: string, field: string): { keyId: string; privateKey: string } {
  if (!file.keyId) {
    throw new DomainError(
      'VALIDATION_FAILED',
      {
        ja: `${field}: ${path} に keyId がありません。ハブでの登録時に返された鍵 ID を shokai agent keys で書き込んでください`,
        en: `${field}: ${path} has no keyId: write the id the hub gave at registration with shokai agent keys`,
      },
      { field, value: path },
    );
  }
  return { keyId: file.keyId, privateKey: file.privateKey };
}

/** A private key's text (the TLS client key), refused when group or others may read it. */
function privateText(path: string, field: string): string {
  const text = readText(path, field);
  requirePrivateFile(path, field);
  return text;
}

/** The transport options of a configuration (files read now). */
export function transportOptions(config: AgentConfig): HubTransportOptions {
  const h = config.hub;
  if ((h.clientCertFile === undefined) !== (h.clientKeyFile === undefined)) {
    throw new DomainError(
      'VALIDATION_FAILED',
      {
        ja: 'hub.clientCertFile と hub.clientKeyFile は両方とも指定してください（相互 TLS）',
        en: 'give both hub.clientCertFile and hub.clientKeyFile (mutual TLS), or neither',
      },
      { field: 'hub.clientCertFile' },
    );
  }
  return {
    url: h.url,
    pins: h.pins,
    allowLoopbackHttp: h.allowLoopbackHttp,
    ...(h.caFile ? { ca: readText(h.caFile, 'hub.caFile') } : {}),
    ...(h.clientCertFile && h.clientKeyFile
      ? {
          clientCert: {
            cert: readText(h.clientCertFile, 'hub.clientCertFile'),
            key: privateText(h.clientKeyFile, 'hub.clientKeyFile'),
          },
        }
      : {}),
  };
}
