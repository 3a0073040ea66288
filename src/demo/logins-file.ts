import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { ROLES } from '../domain/vocabulary.ts';
import { writeDemoIspRecords } from './isp-records.ts';
import type { DemoResult } from './seed.ts';
import { type SoftCredential, SoftCredentialSchema } from './soft-authenticator.ts';

// The demo's logins (the installation's random password and each login's TOTP secret) are printed
// once when the demo is seeded, and kept in the data directory so that a restarted demo can print
// them again: `data/demo-logins.json`, readable by its owner only (0600), like the master key.

export const DEMO_LOGINS_FILE = 'demo-logins.json';

export function demoLoginsPath(dataDir: string): string {
  return join(dataDir, DEMO_LOGINS_FILE);
}

/**
 * The demo's software authenticators (DEMO ONLY): the private keys of the passkeys the demo's signers
 * registered. They stand in for those people's devices, so they live beside the logins, outside the
 * store, mode 0600 — the hub's store and master key never hold them.
 */
export const DEMO_AUTHENTICATORS_FILE = 'demo-authenticators.json';

const AuthenticatorsFile = z.object({
  v: z.literal(1),
  store: z.string(),
  demoOnly: z.literal(true),
  authenticators: z.record(z.string(), SoftCredentialSchema),
});

function writePrivate(path: string, value: unknown): void {
  const dir = dirname(path);
  if (!existsSync(dir)) mkdirSync(dir, { recursive: true, mode: 0o700 });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600, flag: 'w' });
  chmodSync(tmp, 0o600);
  renameSync(tmp, path);
}

/** The authenticators file kept next to the logins file. */
export function demoAuthenticatorsPath(loginsPath: string): string {
  return join(dirname(loginsPath), DEMO_AUTHENTICATORS_FILE);
}

/** The demo's software authenticators kept for `store` (empty when there are none or they are another store's). */
export function readDemoAuthenticators(loginsPath: string, store: string): Record<string, SoftCredential> {
  const path = demoAuthenticatorsPath(loginsPath);
  if (!existsSync(path)) return {};
  try {
    const f = AuthenticatorsFile.parse(JSON.parse(readFileSync(path, 'utf8')));
    return f.store === store ? f.authenticators : {};
  } catch {
    return {};
  }
}

const DemoFile = z.object({
  v: z.literal(1),
  store: z.string(),
  logins: z.array(
    z.object({
      login: z.string(),
      password: z.string(),
      totpSecret: z.string(),
      displayName: z.string(),
      roles: z.array(z.enum(ROLES)),
      organisation: z.string(),
      // Absent from a file kept before the names were bilingual: the Japanese name stands in.
      organisationEn: z.string().optional(),
    }),
  ),
  requests: z.array(
    z.object({
      id: z.string(),
      reference: z.string(),
      kind: z.string(),
      state: z.string(),
      provider: z.string().nullable(),
      summary: z.string(),
      // Absent from a file kept before the summaries were bilingual: the English one stands in.
      summaryJa: z.string().optional(),
    }),
  ),
  // DEMO ONLY: the demo members' device keys (the hub's store never holds them).
  devices: z
    .array(
      z.object({
        login: z.string(),
        deviceId: z.string(),
        kind: z.enum(['machine', 'recovery']),
        publicKey: z.string(),
        privateKey: z.string(),
      }),
    )
    .optional(),
  // DEMO ONLY: the demo providers' installation keys (they sign answers; the hub's store never holds them).
  installationKeys: z
    .array(
      z.object({
        organisationId: z.string(),
        name: z.string().optional(),
        keyId: z.string(),
        publicKey: z.string(),
        privateKey: z.string(),
      }),
    )
    .optional(),
});

/**
 * A demo head's recovery key as the devices page downloads one (`shokai-recovery-key/v1`), DEMO ONLY: a
 * newcomer who signs in as that head in a browser registers it and enrols it from this file (the page's
 * recovery field), so the browser holds the owner's keys, earlier ones too (the re-seal work shows).
 */
export function demoRecoveryPath(loginsPath: string, login: string): string {
  return join(dirname(loginsPath), `demo-recovery-${login}.json`);
}

/**
 * A demo provider's installation key as `shokai provider key init` writes one (`shokai-installation-key/v1`,
 * registered: it carries its id), DEMO ONLY: `provider answer --key-file` and `provider networks declare`
 * sign with it as the provider's own system would.
 */
export function demoInstallationKeyPath(loginsPath: string, name: string): string {
  return join(dirname(loginsPath), `demo-installation-${name}.key`);
}

/** Writes the file atomically (a temporary file renamed into place), mode 0600, its directory 0700. */
export function writeDemoLogins(path: string, store: string, demo: DemoResult): void {
  // The demo devices' keys (DEMO ONLY) are kept with the logins: the demo's own file, never the store.
  writePrivate(path, {
    v: 1,
    store,
    logins: demo.logins,
    requests: demo.requests,
    ...(demo.devices ? { devices: demo.devices } : {}),
    ...(demo.installationKeys ? { installationKeys: demo.installationKeys } : {}),
  });
  for (const d of demo.devices ?? []) {
    if (d.kind !== 'recovery') continue;
    const { deviceId, publicKey, privateKey } = d;
    writePrivate(demoRecoveryPath(path, d.login), {
      format: 'shokai-recovery-key/v1',
      deviceId,
      publicKey,
      privateKey,
    });
  }
  for (const k of demo.installationKeys ?? []) {
    if (k.name === undefined) continue;
    const { organisationId, publicKey, privateKey, keyId } = k;
    writePrivate(demoInstallationKeyPath(path, k.name), {
      format: 'shokai-installation-key/v1',
      organisationId,
      publicKey,
      privateKey,
      keyId,
    });
  }
  // The demo ISP's own records (sample data), for its own installation's lookup: not the hub's.
  if (demo.ispTrace) writeDemoIspRecords(dirname(path), demo.ispTrace);
  if (demo.authenticators) {
    writePrivate(demoAuthenticatorsPath(path), {
      v: 1,
      store,
      demoOnly: true,
      authenticators: demo.authenticators,
    });
  }
}

/**
 * The demo's logins as kept for `store`; `missing` when there is no file, `other_store` when the file
 * was written for another store (then its password would be the wrong one).
 */
export function readDemoLogins(
  path: string,
  store: string,
): { demo: DemoResult } | { problem: 'missing' | 'other_store' | 'unreadable' } {
  if (!existsSync(path)) return { problem: 'missing' };
  let parsed: z.infer<typeof DemoFile>;
  try {
    parsed = DemoFile.parse(JSON.parse(readFileSync(path, 'utf8')));
  } catch {
    return { problem: 'unreadable' };
  }
  if (parsed.store !== store) return { problem: 'other_store' };
  return {
    demo: {
      logins: parsed.logins.map((l) => ({ ...l, organisationEn: l.organisationEn ?? l.organisation })),
      requests: parsed.requests.map((r) => ({ ...r, summaryJa: r.summaryJa ?? r.summary })),
      ...(parsed.devices ? { devices: parsed.devices } : {}),
      ...(parsed.installationKeys ? { installationKeys: parsed.installationKeys } : {}),
    },
  };
}
