import { z } from 'zod';
import { type Caller, requireSameOrganisation } from '../domain/access.ts';
import { DomainError } from '../domain/errors.ts';
import { RefusalReasonInput } from '../domain/refusal.ts';
import { shownInput } from '../domain/shown-text.ts';
import { parseOrThrow } from '../domain/validation.ts';
import {
  CREDENTIAL_REQUEST_STATE_LABELS,
  CREDENTIAL_REQUEST_STATES,
  KEY_REGISTRATION_KINDS,
  labelOf,
  ROLES,
  type Role,
} from '../domain/vocabulary.ts';
import { newId } from '../kernel/ids.ts';
import type { UnitOfWork } from '../kernel/unit-of-work.ts';
import type { Tx } from '../store/database.ts';
import { forgetErasedPages } from '../store/erasure.ts';
import type { KeyRegistrationRow } from '../store/schema.ts';
import { STORED, storedValue, storedValuesKnown } from '../store/stored-values.ts';
import { findUser, insertClient } from './directory.repository.ts';
import { insertKey, insertOwnerHeldSigningKey, keysOfOrganisation, newKeyRow } from './key.repository.ts';
import {
  findKeyRegistration,
  insertKeyRegistration,
  pendingKeyRegistrations,
  pendingWithPublicKey,
} from './key-registration.repository.ts';
import { decidePending, requestedRowsOf } from './second-person.repository.ts';
import {
  decideOrConflict,
  REQUEST_DECISION_FIELDS,
  RequestListQuery,
  requestDecisionOf,
  requireCountersignerOrOperator,
} from './second-person.ts';
import { shownRoles } from './stored-roles.ts';

// The two-person rule for what acts in a provider's name without a person's own passkey: its installation
// key (the organisation's signing key: it signs every answer) and a machine client (its own system, which
// reads its requests and answers them). One administrator's registration is kept here, pending, until a
// second person of the organisation who countersigns grants (another administrator or the key officer,
// never the one who registered it) confirms it: only then does the key enter the directory, ending the
// provider's earlier installation key, or the client's key open the API. Otherwise one stolen or rogue
// administrator account, which by design reads no request, could register its own key and sign answers
// the requesting unit would take for the provider's. The installation's operator (the command line, who
// holds the store) registers alone, and may be the second person of a provider with one administrator.

export const KeyRegistrationSchema = z.object({
  id: z.string(),
  kind: z.enum(KEY_REGISTRATION_KINDS),
  state: z.enum(CREDENTIAL_REQUEST_STATES),
  organisationId: z.string(),
  /** The key's id, given at the registration: the installation writes it into its key file at once. */
  keyId: z.string(),
  fingerprint: z.string(),
  /** A machine client's id, name and roles; null for an installation key. */
  client: z.object({ id: z.string(), name: z.string(), roles: z.array(z.enum(ROLES)) }).nullable(),
  /** Who registered it; null for the installation's operator. */
  requestedBy: z.object({ id: z.string(), login: z.string(), displayName: z.string() }).nullable(),
  ...REQUEST_DECISION_FIELDS,
});
export type KeyRegistration = z.infer<typeof KeyRegistrationSchema>;

export const KeyRegistrationListQuery = RequestListQuery;

/** What a registration names, checked by its caller (proof of possession, roles) before it is kept. */
export type KeyRegistrationDraft = Pick<KeyRegistrationRow, 'organisation_id' | 'public_key' | 'fingerprint'> &
  ({ kind: 'installation_key' } | { kind: 'client'; client_name: string; client_roles: Role[] });

/**
 * Keeps a registration for a second person, or — the installation's operator — carries it out now. A new
 * installation key supersedes the organisation's earlier one still pending: one key at a time waits.
 */
export async function submitKeyRegistration(
  uow: UnitOfWork,
  caller: Caller,
  draft: KeyRegistrationDraft,
): Promise<KeyRegistration> {
  if (await pendingWithPublicKey(uow.tx, draft.public_key)) {
    throw new DomainError(
      'CONFLICT',
      { ja: 'この鍵は既に確認待ちです', en: 'this key is already awaiting confirmation' },
      { field: 'publicKey', value: draft.public_key },
    );
  }
  const at = uow.now.toISOString();
  const client = draft.kind === 'client';
  const row: KeyRegistrationRow = {
    id: newId('kreg'),
    organisation_id: draft.organisation_id,
    kind: draft.kind,
    state: 'pending',
    key_id: newId('key'),
    client_id: client ? newId('cli') : null,
    client_name: client ? draft.client_name : null,
    client_roles: client ? JSON.stringify(draft.client_roles) : null,
    public_key: draft.public_key,
    fingerprint: draft.fingerprint,
    requested_by: caller.kind === 'system' ? null : caller.id,
    requested_at: at,
    decided_by: null,
    decided_at: null,
    refusal_reason: null,
  };
  if (caller.kind === 'system') {
    const done = { ...row, state: 'confirmed', decided_at: at };
    await insertKeyRegistration(uow.tx, done);
    await install(uow, caller, done);
    return toRegistration(uow, done);
  }
  if (draft.kind === 'installation_key') {
    for (const old of await pendingKeyRegistrations(uow.tx, draft.organisation_id, 'installation_key')) {
      const superseded = { state: 'superseded', decided_by: caller.id, decided_at: at, refusal_reason: null };
      await decidePending(uow.tx, 'key_registrations', old.id, superseded);
    }
  }
  await insertKeyRegistration(uow.tx, row);
  await uow.auditBy(caller, 'key_registration.requested', ['key', row.key_id], {
    registrationId: row.id,
    kind: row.kind,
    fingerprint: row.fingerprint,
    ...(draft.kind === 'client' ? { name: draft.client_name, roles: draft.client_roles } : {}),
  });
  return toRegistration(uow, row);
}

/**
 * CONFLICT when `publicKey` is already one of the organisation's keys: asked when the key is registered,
 * and again when a second person confirms it (another registration may have installed it meanwhile).
 */
export async function refuseRegisteredInstallationKey(
  tx: Tx,
  organisationId: string,
  publicKey: string,
): Promise<void> {
  if ((await keysOfOrganisation(tx, organisationId)).some((k) => k.public_key === publicKey)) {
    throw new DomainError(
      'CONFLICT',
      { ja: 'この設置鍵は既に登録されています', en: 'this installation key is already registered' },
      { field: 'publicKey', value: publicKey },
    );
  }
}

/** Carries a registration out: the installation key becomes the provider's signing key, the client exists. */
async function install(uow: UnitOfWork, by: Caller, r: KeyRegistrationRow): Promise<void> {
  const at = uow.now.toISOString();
  const requestedBy = r.requested_by ? { requestedBy: r.requested_by } : {};
  const key = {
    id: r.key_id,
    organisation_id: r.organisation_id,
    purpose: 'signing',
    algorithm: 'Ed25519',
    public_key: r.public_key,
    private_key_wrapped: null,
    fingerprint: r.fingerprint,
  };
  if (r.kind === 'installation_key') {
    await refuseRegisteredInstallationKey(uow.tx, r.organisation_id, r.public_key);
    // The hub keeps no way of signing as the provider: every signing key it held for it loses its private part.
    const row = newKeyRow(at, { ...key, owner_type: 'organisation', owner_id: r.organisation_id });
    await insertOwnerHeldSigningKey(uow.tx, 'organisation', row);
    uow.afterCommit(() => forgetErasedPages(uow.ctx.store));
    await uow.auditBy(by, 'installation_key.registered', ['key', r.key_id], {
      organisationId: r.organisation_id,
      fingerprint: r.fingerprint,
      algorithm: 'Ed25519',
      custody: 'owner',
      ...requestedBy,
    });
    return;
  }
  const clientId = r.client_id ?? '';
  await insertClient(uow.tx, {
    id: clientId,
    organisation_id: r.organisation_id,
    name: r.client_name ?? '',
    roles: r.client_roles ?? '[]',
    disabled: 0,
    created_at: at,
  });
  await insertKey(uow.tx, newKeyRow(at, { ...key, owner_type: 'client', owner_id: clientId }));
  await uow.auditBy(by, 'key.created', ['key', r.key_id], {
    ownerType: 'client',
    ownerId: clientId,
    name: r.client_name,
    fingerprint: r.fingerprint,
    custody: 'client',
    ...requestedBy,
  });
}

async function toRegistration(uow: UnitOfWork, r: KeyRegistrationRow): Promise<KeyRegistration> {
  const by = r.requested_by ? await findUser(uow.tx, r.requested_by) : undefined;
  return {
    id: r.id,
    kind: storedValue(STORED.keyRegistrationKind, r.kind, r.id),
    state: storedValue(STORED.credentialRequestState, r.state, r.id),
    organisationId: r.organisation_id,
    keyId: r.key_id,
    fingerprint: r.fingerprint,
    client:
      r.client_id === null
        ? null
        : {
            id: r.client_id,
            name: r.client_name ?? '',
            roles: shownRoles(r.client_roles, { kind: 'client', id: r.client_id, name: r.client_name }),
          },
    requestedBy: by ? { id: by.id, login: by.login, displayName: by.display_name } : null,
    ...requestDecisionOf(r),
  };
}

/** The organisation's registrations awaiting (or past) a second person's decision, newest first. */
export async function listKeyRegistrations(
  uow: UnitOfWork,
  caller: Caller,
  organisationId: string,
  raw: unknown,
): Promise<KeyRegistration[]> {
  // The installation's operator may list and decide them too: it registers alone, holding the store.
  requireCountersignerOrOperator(caller);
  requireSameOrganisation(caller, organisationId);
  const { state } = parseOrThrow(KeyRegistrationListQuery, raw ?? {});
  const out: KeyRegistration[] = [];
  // A row whose kind or state this version does not know is left out of a list (and logged).
  for (const r of await requestedRowsOf(uow.tx, 'key_registrations', organisationId, state)) {
    const known = storedValuesKnown(
      r.id,
      [STORED.keyRegistrationKind, r.kind],
      [STORED.credentialRequestState, r.state],
    );
    if (known) out.push(await toRegistration(uow, r));
  }
  return out;
}

/** A pending registration the caller may decide: of their organisation, not their own, its registrant active. */
async function pendingForDecision(uow: UnitOfWork, caller: Caller, id: string): Promise<KeyRegistrationRow> {
  requireCountersignerOrOperator(caller);
  const r = await findKeyRegistration(uow.tx, id);
  if (!r || (caller.kind !== 'system' && r.organisation_id !== caller.organisationId)) {
    throw new DomainError(
      'NOT_FOUND',
      { ja: `鍵の登録申請 ${shownInput(id)} は存在しません`, en: `key registration ${shownInput(id)} does not exist` },
      { field: 'id', value: id },
    );
  }
  if (caller.kind !== 'system' && r.requested_by === caller.id) {
    throw new DomainError(
      'SELF_APPROVAL',
      {
        ja: '自分が登録した鍵は確認できません。組織の別の管理者または鍵管理責任者が確認します',
        en: 'you cannot confirm a key you registered yourself: another administrator or the key officer does',
      },
      { field: 'id', value: id },
    );
  }
  if (r.state !== 'pending') throw decided(id, r.state);
  const by = r.requested_by ? await findUser(uow.tx, r.requested_by) : undefined;
  if (by?.disabled) {
    throw new DomainError(
      'CONFLICT',
      {
        ja: `この登録を申請した ${by.login} は無効にされています。必要なら改めて登録してください`,
        en: `${by.login}, who registered this, has been disabled since: register it again if it is still wanted`,
      },
      { field: 'id', value: id },
    );
  }
  return r;
}

const decided = (id: string, state: string) => {
  const words = labelOf(CREDENTIAL_REQUEST_STATE_LABELS, state);
  return new DomainError(
    'ILLEGAL_TRANSITION',
    {
      ja: `この登録申請は既に処理されています（${words?.ja ?? state}）`,
      en: `this key registration was already decided (${words?.en ?? state})`,
    },
    { field: 'state', value: state, id },
  );
};

/** A second person confirms the registration: the key enters the directory now. */
export async function confirmKeyRegistration(uow: UnitOfWork, caller: Caller, id: string): Promise<KeyRegistration> {
  const r = await pendingForDecision(uow, caller, id);
  const at = uow.now.toISOString();
  const by = caller.kind === 'system' ? null : caller.id;
  const changes = { state: 'confirmed', decided_by: by, decided_at: at, refusal_reason: null };
  await decideOrConflict(uow.tx, 'key_registrations', id, changes);
  await install(uow, caller, r);
  await uow.auditBy(caller, 'key_registration.confirmed', ['key', r.key_id], {
    registrationId: id,
    kind: r.kind,
    fingerprint: r.fingerprint,
    ...(r.requested_by ? { requestedBy: r.requested_by } : {}),
  });
  return toRegistration(uow, { ...r, ...changes });
}

/** A second person refuses the registration (a key nobody at the provider recognises, say), with a reason. */
export async function refuseKeyRegistration(
  uow: UnitOfWork,
  caller: Caller,
  id: string,
  raw: unknown,
): Promise<KeyRegistration> {
  const r = await pendingForDecision(uow, caller, id);
  const { reason } = parseOrThrow(RefusalReasonInput, raw);
  const by = caller.kind === 'system' ? null : caller.id;
  const changes = { state: 'refused', decided_by: by, decided_at: uow.now.toISOString(), refusal_reason: reason };
  await decideOrConflict(uow.tx, 'key_registrations', id, changes);
  await uow.auditBy(caller, 'key_registration.refused', ['key', r.key_id], {
    registrationId: id,
    kind: r.kind,
    fingerprint: r.fingerprint,
    reason,
  });
  return toRegistration(uow, { ...r, ...changes });
}
