// Envelopes as another installation makes them: signed with the unit's key and the unit head's own
// passkey (v2), for tests that take a request in from outside; and what a provider's own installation
// concludes of an envelope the hub hands out.
import assert from 'node:assert/strict';
import { SIGNATURE_PURPOSES, signCanonical } from '../../src/crypto/signatures.ts';
import { challengeOf, demoOrigin, softAssert } from '../../src/demo/soft-authenticator.ts';
import { keyById, toPublicKey } from '../../src/directory/key.repository.ts';
import { requireCurrentKey, unwrapPrivateKey } from '../../src/directory/keys.ts';
import { type AgentIntakeVerdict, checkArrivedEnvelope } from '../../src/domain/agent-intake.ts';
import {
  approvalDigest,
  type EnvelopePayload,
  type SignedEnvelope,
  SignedEnvelopeSchema,
} from '../../src/domain/envelope.ts';
import { DirectoryExportSchema } from '../../src/domain/pinned-directory.ts';
import type { VerificationFacts } from '../../src/domain/verification.ts';
import type { Client, TestHub } from './exchange.ts';

/** The unit's part of an envelope: `payload` signed with the unit's signing key current at `at`. */
async function unitSignature(
  hub: Pick<TestHub, 'ctx'>,
  payload: EnvelopePayload,
  at: Date,
): Promise<SignedEnvelope['signatures']['unit']> {
  const key = await requireCurrentKey(hub.ctx.store.db, 'unit', payload.unitId, 'signing', at);
  return {
    keyId: key.id,
    signature: signCanonical(unwrapPrivateKey(hub.ctx, key), SIGNATURE_PURPOSES.requestUnit, payload),
  };
}

/**
 * `payload` signed as an installation holding its unit's key and its approver's passkey would sign it:
 * the approver (`approverLogin`, the demo's software authenticator) signs the approval digest on his
 * device, the unit's current signing key signs the payload.
 */
export async function signedByUnit(
  hub: TestHub,
  payload: EnvelopePayload,
  approverLogin = 'tanaka',
): Promise<SignedEnvelope> {
  const db = hub.ctx.store.db;
  const now = hub.ctx.clock();
  const approverKey = await requireCurrentKey(db, 'user', payload.approverUserId, 'signing', now);
  const passkey = hub.demo.authenticators?.[approverLogin] ?? assert.fail(`${approverLogin} has a passkey`);
  const assertion = softAssert(passkey, challengeOf(approvalDigest(payload)), demoOrigin('localhost'));
  return {
    v: 2,
    payload,
    signatures: {
      approver: {
        keyId: approverKey.id,
        credentialId: assertion.id,
        authenticatorData: assertion.response.authenticatorData,
        clientDataJSON: assertion.response.clientDataJSON,
        signature: assertion.response.signature,
      },
      unit: await unitSignature(hub, payload, now),
    },
  };
}

/**
 * What a lying hub signs: `payload` with the hub-held approver key `approverKeyId` (a v1 envelope, no passkey)
 * and the unit's key current at `at` — the forgery a provider's installation must refuse.
 */
export async function forgedWithApproverKey(
  hub: Pick<TestHub, 'ctx'>,
  payload: EnvelopePayload,
  approverKeyId: string,
  at: Date,
): Promise<SignedEnvelope> {
  const db = hub.ctx.store.db;
  const ak = (await keyById(db, approverKeyId)) ?? assert.fail('approver key');
  return {
    v: 1,
    payload,
    signatures: {
      approver: {
        keyId: ak.id,
        signature: signCanonical(unwrapPrivateKey(hub.ctx, ak), SIGNATURE_PURPOSES.requestApproval, payload),
      },
      unit: await unitSignature(hub, payload, at),
    },
  };
}

/**
 * What a provider `receivingProviderId` checks `env`'s signatures with: the approver's and the unit's
 * public keys as the hub's directory holds them, and nothing more (no approver, grant or court; not seen
 * before). A test adds what its check needs.
 */
export async function signatureFacts(
  hub: Pick<TestHub, 'ctx'>,
  env: SignedEnvelope,
  receivingProviderId: string,
): Promise<VerificationFacts> {
  const key = async (id: string) =>
    toPublicKey((await keyById(hub.ctx.store.db, id)) ?? assert.fail(`the directory has no key ${id}`));
  return {
    approverKey: await key(env.signatures.approver.keyId),
    unitKey: await key(env.signatures.unit.keyId),
    approver: undefined,
    approverGrant: undefined,
    courtKey: undefined,
    courtIsCourt: false,
    alreadySeen: false,
    warrantUsedElsewhere: false,
    receivingProviderId,
    content: undefined,
    contentProblem: null,
  };
}

/** The envelope the hub signed for request `requestId` when it was approved (as its store keeps it). */
export async function issuedEnvelope(hub: Pick<TestHub, 'ctx'>, requestId: string): Promise<SignedEnvelope> {
  const row = await hub.ctx.store.db
    .selectFrom('requests')
    .select('envelope')
    .where('id', '=', requestId)
    .executeTakeFirstOrThrow();
  return SignedEnvelopeSchema.parse(JSON.parse(row.envelope ?? 'null'));
}

/**
 * What provider `providerOrgId`'s own installation concludes of request `requestId`'s envelope as `by`
 * fetches it, against the hub's directory log as `provider` (a person of that provider) exports it now.
 */
export async function checkedAtInstallation(
  hub: Pick<TestHub, 'ctx'>,
  p: { by: Client; provider: Client; providerOrgId: string },
  requestId: string,
): Promise<AgentIntakeVerdict> {
  const env = await p.by.call<{ envelope: unknown }>('GET', `/v1/requests/${requestId}/envelope`);
  assert.equal(env.status, 200, JSON.stringify(env.body));
  const dir = await p.provider.call<unknown>('GET', '/v1/directory/export');
  return checkArrivedEnvelope(
    env.body.envelope,
    DirectoryExportSchema.parse(dir.body),
    p.providerOrgId,
    hub.ctx.clock(),
  );
}
