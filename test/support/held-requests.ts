// A request stored as an installation stored it before intake ran the hub's content rules: the row intake
// writes, `received`, or `prepared` as the installation's cycle prepared it then from its own records. The
// tests of what the installation does with such a request (test/agent/content-rules-held*.test.ts) build
// their envelope, breaking one rule, and store it through here.
import { insertAgentRequest } from '../../src/agent/agent.repository.ts';
import { receivedRequestRow } from '../../src/agent/intake.ts';
import { SYSTEM_CALLER } from '../../src/domain/access.ts';
import { arrivedDigest } from '../../src/domain/agent-intake.ts';
import type { SignedEnvelope } from '../../src/domain/envelope.ts';
import { RequestContentSchema } from '../../src/domain/request-content.ts';
import { prepareFindings } from '../../src/holders/findings.ts';
import type { AppContext } from '../../src/kernel/context.ts';
import { inTransaction } from '../../src/kernel/unit-of-work.ts';

/** Stores `envelope` in the installation `ctx` as taken in from a file, in `state`; returns its request id. */
export async function storeHeldRequest(
  ctx: AppContext,
  envelope: SignedEnvelope,
  state: 'received' | 'prepared',
): Promise<string> {
  await inTransaction(ctx, async (uow) => {
    const row = receivedRequestRow(uow.now.toISOString(), {
      request_id: envelope.payload.requestId,
      envelope_id: envelope.payload.envelopeId,
      payload_digest: arrivedDigest(envelope),
      hub_fingerprint: '',
      source: 'file',
      kind: envelope.payload.kind,
      reference: envelope.payload.reference,
      envelope: JSON.stringify(envelope),
    });
    if (state === 'received') return void (await insertAgentRequest(uow.tx, row));
    // Prepared then, as the installation prepared it: its own records looked up for the targets.
    const request = RequestContentSchema.parse(envelope.payload.content);
    const prepared = await prepareFindings(uow, SYSTEM_CALLER, { request });
    await insertAgentRequest(uow.tx, {
      ...row,
      state: 'prepared',
      findings: JSON.stringify(prepared.targets),
      draft: prepared.answer ? JSON.stringify(prepared.answer) : null,
    });
  });
  return envelope.payload.requestId;
}
