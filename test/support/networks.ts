// A provider's networks declared as its own installation declares them (`shokai provider networks
// declare`): signed with the demo's copy of its installation key, then sent to the hub.
import assert from 'node:assert/strict';
import { installationKeySigner } from '../../src/client/answer-seal.ts';
import { demoInstallationSigner } from '../../src/demo/installation.ts';
import { declareNetworks } from '../../src/directory/networks.ts';
import { SYSTEM_CALLER } from '../../src/domain/access.ts';
import { networksSigningInput } from '../../src/domain/pinned-networks.ts';
import { run } from '../../src/kernel/unit-of-work.ts';
import type { TestHub } from './exchange.ts';

let step = 0;

/** The set (blocks canonical, domains lower case) declared by `organisationId`, signed with its installation key. */
export async function declareSigned(
  hub: Pick<TestHub, 'ctx' | 'demo'>,
  organisationId: string,
  set: { cidrs: string[]; asns: number[]; domains: string[] },
) {
  const own = hub.demo.installationKeys?.find((k) => k.organisationId === organisationId);
  if (!own) return assert.fail(`the demo has no installation key of ${organisationId}`);
  const signer = installationKeySigner(own.keyId, await demoInstallationSigner(own));
  // Each declaration signed a millisecond later than the one before (the hub refuses one not newer).
  const signedAt = new Date(hub.ctx.clock().getTime() + ++step).toISOString();
  const { signature } = await signer.sign(networksSigningInput({ organisationId, ...set }, signedAt), '');
  return run(hub.ctx, declareNetworks, SYSTEM_CALLER, organisationId, {
    ...set,
    signature: { keyId: own.keyId, signedAt, value: signature },
  });
}
