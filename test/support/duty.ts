// A unit head's duty designation, made as the head makes it at the hub (signed with his passkey).
import assert from 'node:assert/strict';
import { type SignedDutyDesignation, SignedDutyDesignationSchema } from '../../src/domain/duty.ts';
import { passkeyAssertion, type TestHub } from './exchange.ts';

const HOUR = 3600_000;

/** The unit head designates `designeeId` as duty approver for the next hour (signed with his passkey). */
export async function designate(
  hub: TestHub,
  head: Awaited<ReturnType<TestHub['as']>>,
  designeeId: string,
  at: Date,
): Promise<{ id: string; signed: SignedDutyDesignation }> {
  const p = await head.call<{ designation: object; digest: string }>('POST', '/v1/duty-designations/preview', {
    designeeUserId: designeeId,
    validFrom: new Date(at.getTime() - 60_000).toISOString(),
    validUntil: new Date(at.getTime() + HOUR).toISOString(),
    kinds: ['emergency'],
    reason: '所属長の研修のため',
  });
  assert.equal(p.status, 200, JSON.stringify(p.body));
  const made = await head.call<{ id: string }>('POST', '/v1/duty-designations', {
    designation: p.body.designation,
    assertion: passkeyAssertion(head, p.body.digest),
  });
  assert.equal(made.status, 201, JSON.stringify(made.body));
  const row = await hub.ctx.store.db
    .selectFrom('duty_designations')
    .select('signed')
    .where('id', '=', made.body.id)
    .executeTakeFirstOrThrow();
  return { id: made.body.id, signed: SignedDutyDesignationSchema.parse(JSON.parse(row.signed)) };
}
