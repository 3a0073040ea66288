import { generateInstallationKey, importInstallationKey, installationKeyProof } from '../client/answer-seal.ts';
import { b64uToBytes, bytesToB64u, type WebKey } from '../crypto/device-seal.ts';
import { registerInstallationKey } from '../directory/installation-keys.ts';
import { confirmKeyRegistration } from '../directory/key-registrations.ts';
import { type Caller, SYSTEM_CALLER } from '../domain/access.ts';
import type { AppContext } from '../kernel/context.ts';
import { run } from '../kernel/unit-of-work.ts';

// DEMO ONLY. The demo's providers get installation keys through the same ceremony as a real provider
// (`shokai provider key init` on its own machine, then its administrator registers the public part with
// a proof of possession), scripted here. A real installation keeps its key file on its own machine; the
// demo keeps its copies in its own file (data/demo-logins.json, mode 0600) — never in the hub's store.

export interface DemoInstallationKey {
  organisationId: string;
  /** A short name for its key file (`demo-installation-<name>.key`): board, isp, cafe, hibari. */
  name?: string;
  keyId: string;
  publicKey: string;
  /** PKCS#8, base64url: the demo's copy of the provider's installation key (demo only). */
  privateKey: string;
}

export async function registerDemoInstallationKey(
  ctx: AppContext,
  caller: Caller,
  organisationId: string,
  name: string,
): Promise<DemoInstallationKey> {
  const made = await generateInstallationKey();
  const proof = await installationKeyProof(await importInstallationKey(made.pkcs8), organisationId, made.publicKey);
  const key = await run(ctx, registerInstallationKey, caller, organisationId, { publicKey: made.publicKey, proof });
  // An administrator's registration waits for a second person: the operator, for a provider with no other.
  if (key.state === 'pending') await run(ctx, confirmKeyRegistration, SYSTEM_CALLER, key.id);
  return { organisationId, name, keyId: key.keyId, publicKey: made.publicKey, privateKey: bytesToB64u(made.pkcs8) };
}

/** The demo provider's installation key as its system holds it (non-extractable). */
export async function demoInstallationSigner(k: DemoInstallationKey): Promise<WebKey> {
  const pkcs8 = b64uToBytes(k.privateKey);
  if (!pkcs8) throw new Error(`demo installation key ${k.keyId}: the private key is not base64url`);
  return importInstallationKey(pkcs8);
}
