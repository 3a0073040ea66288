import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { principalOfLogin } from '../../src/auth/auth-service.ts';
import { judgeRecordToSign, withJudgeSignature } from '../../src/court/judge-record-signature.ts';
import { blankStanding, findStanding, saveStanding } from '../../src/court/order-standing.repository.ts';
import { type SoftCredential, softRegister } from '../../src/demo/soft-authenticator.ts';
import type { Db } from '../../src/store/database.ts';
import type { DisclosureOrderStandingRow } from '../../src/store/schema.ts';
import { anOrder, fileOrderApplication, issueOrder, requestFromOrder } from './disclosure-order.ts';
import { type Client, orgId, type TestHub } from './exchange.ts';
import { insertSoftPasskeyKey, softSignature } from './soft-passkey-key.ts';

// What an operator with the hub's database does to forge a judge's record of a disclosure order: a passkey
// of his own making written straight into the keys table as a signing credential of a judge of the court,
// then a record written into the order's standing and signed with it — a signature that verifies under
// that key row, so only a check against the hub's signed directory log tells it from a judge's.

/** A key the operator made: its id in the keys table and the software passkey that signs with it. */
export interface SlippedInKey {
  keyId: string;
  credential: SoftCredential;
}

/**
 * A passkey of the operator's making written into the keys table as a signing credential of a judge of
 * court `courtId`, valid from `validFrom`, scoped like the judge `login`'s own (`origin`: his browser's).
 * Its owner is a person of the operator's naming, so the real judge's current passkey stays his.
 */
export async function slippedInKey(
  db: Db,
  s: { courtId: string; login: string; origin: string; validFrom: string },
): Promise<SlippedInKey> {
  const judgeId = (await principalOfLogin(db, s.login)).id;
  const own = await db.selectFrom('keys').select('rp_id').where('owner_id', '=', judgeId).execute();
  const rpId = own.find((k) => k.rp_id)?.rp_id ?? assert.fail('the judge has a passkey');
  const ownerId = `usr_op_${randomBytes(6).toString('hex')}`;
  const { credential } = softRegister({ challenge: 'x', rp: { id: rpId }, user: { id: ownerId } }, s.origin);
  const keyId = `key_op_${randomBytes(6).toString('hex')}`;
  await insertSoftPasskeyKey(db, s.validFrom, { id: keyId, organisationId: s.courtId, ownerId, credential });
  return { keyId, credential };
}

/** The operator writes a filing of an objection suit at `at` into order `id`'s standing, signed with `key`. */
export async function forgedFiling(db: Db, id: string, key: SlippedInKey, origin: string, at: string): Promise<void> {
  const order =
    (await db.selectFrom('disclosure_order_applications').selectAll().where('id', '=', id).executeTakeFirst()) ??
    assert.fail('an order');
  const kept = (await findStanding(db, id)) ?? blankStanding(order, at);
  const next: DisclosureOrderStandingRow = {
    ...kept,
    updated_at: at,
    objection_filed_at: at,
    objection_by: 'provider',
    objection_case_number: '令和8年(ワ)第6666号',
    objection_logged_at: at,
  };
  const { digest } = judgeRecordToSign(order, next, 'objection');
  const signature = softSignature(key.credential, origin, digest);
  const signed = withJudgeSignature(next, 'objection', { keyId: key.keyId, signature, signedAt: at });
  await db.transaction().execute((tx) => saveStanding(tx, signed));
}

const moment = () => new Promise((r) => setTimeout(r, 5));

/**
 * On a hub that runs on the real clock (the browser tests'): the lawyer's order application against the
 * board under `caseNumber`, issued by `judge`, the request opened from it, then a key slipped in and a filing
 * forged with it, each a moment after the one before. The order's and the request's ids.
 */
export async function forgedOnIssuedOrder(
  hub: Pick<TestHub, 'ctx'> & { client(login: string): Promise<Client> },
  caseNumber: string,
): Promise<{ orderId: string; requestId: string }> {
  const [lawyer, judge] = [await hub.client('lawyer'), await hub.client('judge')];
  const courtId = await orgId(hub, 'Tokyo District Court');
  const filed = await fileOrderApplication(lawyer, courtId, await orgId(hub, 'Sakura Board K.K.'), caseNumber);
  const order = await issueOrder(judge, filed.id, anOrder(new Date().toISOString()));
  const requestId = await requestFromOrder(lawyer, order.id);
  const [db, origin] = [hub.ctx.store.db, judge.origin ?? ''];
  await moment();
  const key = await slippedInKey(db, { courtId, login: 'judge', origin, validFrom: new Date().toISOString() });
  await moment();
  await forgedFiling(db, order.id, key, origin, new Date().toISOString());
  await moment();
  return { orderId: order.id, requestId };
}
