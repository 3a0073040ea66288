// Units and people an organisation's administrator makes through the API in a test (POST
// /v1/organisations/{id}/units, POST /v1/users), each made or the test fails naming the refusal.
import assert from 'node:assert/strict';
import { type Client, signInMade, type TestHub } from './exchange.ts';

/** A unit `admin` adds to the organisation `organisationId`: its id. */
export async function unitMadeBy(
  admin: Client,
  organisationId: string,
  names: { nameJa: string; nameEn: string },
): Promise<string> {
  const unit = await admin.call<{ id: string }>('POST', `/v1/organisations/${organisationId}/units`, names);
  assert.equal(unit.status, 201, JSON.stringify(unit.body));
  return unit.body.id;
}

/** A person `admin` makes (with the password given), signed in: their user id and their client. */
export async function personMadeBy(
  hub: Pick<TestHub, 'ctx' | 'url'>,
  admin: Client,
  person: {
    organisationId: string;
    unitId: string | null;
    login: string;
    displayName: string;
    roles: string[];
    password: string;
  },
): Promise<{ id: string; client: Client }> {
  const made = await admin.call<{ user: { id: string }; totpSecret: string }>('POST', '/v1/users', person);
  assert.equal(made.status, 201, JSON.stringify(made.body));
  return { id: made.body.user.id, client: await signInMade(hub, person.login, person.password, made.body.totpSecret) };
}
