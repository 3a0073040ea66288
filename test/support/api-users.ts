// Units and people an organisation's administrator makes through the API in a test (POST
// /v1/organisations/{id}/units, POST /v1/users), each made or the test fails naming the refusal.
import assert from 'node:assert/strict';
import { type Client, call, signInMade, type TestHub } from './exchange.ts';

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

/** The person with `login` enrols over the API with `code`, choosing `password`: their TOTP secret. */
export async function enrolledOverApi(
  hub: Pick<TestHub, 'url'>,
  enrolment: { login: string; code: string; password: string },
): Promise<string> {
  const r = await call<{ totpSecret: string }>(hub.url, 'POST', '/v1/enrolment', enrolment);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return r.body.totpSecret;
}

/**
 * A person `admin` makes, who then enrols over the API with the code the administrator received (choosing
 * `password`), signed in: their user id and their client.
 */
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
  const { password, ...made } = person;
  const r = await admin.call<{ user: { id: string }; enrolment: { code: string } }>('POST', '/v1/users', made);
  assert.equal(r.status, 201, JSON.stringify(r.body));
  const totpSecret = await enrolledOverApi(hub, { login: person.login, code: r.body.enrolment.code, password });
  return { id: r.body.user.id, client: await signInMade(hub, person.login, password, totpSecret) };
}

/**
 * A unit `admin` adds to the force `organisationId` (named `unit`) and an investigator of it `admin` makes,
 * enrolled and signed in (`person`): what a test of need-to-know between two units of one force stands
 * beside the demo's unit. The unit's id, the investigator's user id and client.
 */
export async function investigatorOfNewUnit(
  hub: Pick<TestHub, 'ctx' | 'url'>,
  admin: Client,
  organisationId: string,
  unit: { nameJa: string; nameEn: string },
  person: { login: string; displayName: string; password: string },
): Promise<{ unitId: string; id: string; client: Client }> {
  const unitId = await unitMadeBy(admin, organisationId, unit);
  const made = await personMadeBy(hub, admin, { organisationId, unitId, roles: ['investigator'], ...person });
  return { unitId, ...made };
}
