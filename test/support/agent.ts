import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectHub, type HubLink } from '../../src/agent/hub.ts';
import type { Fetch, HubTransportOptions } from '../../src/agent/transport.ts';
import { principalOfLogin } from '../../src/auth/auth-service.ts';
import { registerClient } from '../../src/auth/clients.ts';
import { generateKekSecret, kekFromSecret } from '../../src/crypto/key-wrap.ts';
import { generateSigningKeyPair } from '../../src/crypto/keys.ts';
import { exportDirectory, importDirectory } from '../../src/directory/transparency.ts';
import { createUser } from '../../src/directory/users.ts';
import { SYSTEM_CALLER } from '../../src/domain/access.ts';
import { type AppContext, createContext } from '../../src/kernel/context.ts';
import { run } from '../../src/kernel/unit-of-work.ts';
import { openStore } from '../../src/store/database.ts';
import { type Dialect, freshLocation } from './dialects.ts';
import { orgId, type TestHub } from './exchange.ts';

/** A provider's own installation in a test: its own store (one dialect), its machine key at the hub. */
export interface TestAgent {
  ctx: AppContext;
  dir: string;
  storeUrl: string;
  organisationId: string;
  machineKey: { keyId: string; privateKey: string; publicKey: string };
  /** Pins the hub's directory as it is now (what `shokai directory import` does with an exported file). */
  pin(): Promise<void>;
  /** A link to the hub over the given transport (the hub's URL by default; loopback http allowed). */
  link(transport?: Partial<HubTransportOptions>, wrap?: (f: Fetch) => Fetch): HubLink;
  close(): Promise<void>;
}

/** Gives the provider an administrator at the hub (when it has none) and registers a machine client. */
export async function registerMachine(
  hub: TestHub,
  organisationId: string,
  name: string,
): Promise<{ keyId: string; privateKey: string; publicKey: string }> {
  const login = `${name}.admin`;
  try {
    await principalOfLogin(hub.ctx.store.db, login);
  } catch {
    await run(hub.ctx, createUser, SYSTEM_CALLER, {
      organisationId,
      login,
      displayName: `${name} admin`,
      roles: ['admin'],
      password: 'correct horse battery staple',
    });
  }
  const admin = await principalOfLogin(hub.ctx.store.db, login);
  const pair = generateSigningKeyPair();
  const reg = await run(hub.ctx, registerClient, admin, {
    name: `${name}-agent`,
    publicKey: pair.publicKey,
    roles: ['provider_intake', 'provider_legal'],
  });
  return { keyId: reg.keyId, privateKey: pair.privateKey, publicKey: pair.publicKey };
}

export async function startAgent(hub: TestHub, dialect: Dialect, providerNameEn: string): Promise<TestAgent> {
  const dir = mkdtempSync(join(tmpdir(), 'shokai-agent-'));
  const loc = await freshLocation(dialect, dir);
  const store = await openStore(loc.location);
  const ctx = await createContext(store, kekFromSecret(generateKekSecret()));
  const organisationId = await orgId(hub, providerNameEn);
  const machineKey = await registerMachine(hub, organisationId, providerNameEn.split(' ')[0]?.toLowerCase() ?? 'p');
  const links: HubLink[] = [];
  return {
    ctx,
    dir,
    storeUrl: loc.url,
    organisationId,
    machineKey,
    async pin() {
      const d = await run(hub.ctx, exportDirectory, SYSTEM_CALLER);
      await run(ctx, importDirectory, SYSTEM_CALLER, JSON.parse(JSON.stringify(d)));
    },
    link(transport = {}, wrap) {
      const l = connectHub(
        { url: hub.url, pins: [], allowLoopbackHttp: true, ...transport },
        machineKey,
        wrap ? { wrap } : {},
      );
      links.push(l);
      return l;
    },
    async close() {
      for (const l of links) l.close();
      await store.close();
      await loc.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
