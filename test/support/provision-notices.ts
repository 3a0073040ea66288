// Provision notices made by a test: the reseller whose key the hub holds, the board's installation
// signer, a body sealed to an access provider's current key, and an order carried out with such notices
// and released to the lawyer's cases against both access providers.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import {
  type AnswerSigner,
  installationKeySigner,
  passkeySigner,
  sealToRecipient,
} from '../../src/client/answer-seal.ts';
import { signProvisionNotice } from '../../src/client/provision-notice-seal.ts';
import { demoInstallationSigner } from '../../src/demo/installation.ts';
import { softAssert } from '../../src/demo/soft-authenticator.ts';
import { currentKey } from '../../src/directory/key.repository.ts';
import { createKey } from '../../src/directory/keys.ts';
import { SYSTEM_CALLER } from '../../src/domain/access.ts';
import { provisionNoticeAad } from '../../src/domain/ancillary-order.ts';
import { isDomainError } from '../../src/domain/errors.ts';
import type { SignedProvisionNotice } from '../../src/domain/provision-notice.ts';
import { run } from '../../src/kernel/unit-of-work.ts';
import type { Client, TestHub } from './exchange.ts';
import { fileOrderCase, resellerSignedIn } from './provision.ts';

/** A reseller (MVNO) whose encryption key the hub holds, made as the hub's own carrying out makes it. */
export async function resellerWithHubKey(hub: TestHub): Promise<{ id: string; client: Client }> {
  const reseller = await resellerSignedIn(hub);
  const key = {
    organisationId: reseller.id,
    ownerType: 'organisation',
    ownerId: reseller.id,
    purpose: 'encryption',
  } as const;
  await run(hub.ctx, (uow) => createKey(uow, SYSTEM_CALLER, key));
  return reseller;
}

/** The board's installation key as its installation signs with it. */
export async function boardSigner(hub: TestHub, boardId: string): Promise<AnswerSigner> {
  const k = hub.demo.installationKeys?.find((x) => x.organisationId === boardId);
  assert.ok(k, 'the board has a demo installation key');
  return installationKeySigner(k.keyId, await demoInstallationSigner(k));
}

/** `who`'s passkey as the page asks it to sign (the demo's software authenticator). */
export const pageSigner = (who: Client, keyId: string): AnswerSigner =>
  passkeySigner(keyId, async (challenge) =>
    softAssert(who.passkey ?? assert.fail('a passkey'), challenge, who.origin ?? ''),
  );

/**
 * The log made to say that `login`'s roles ended before `signedAt` (half way from when they were made),
 * the row only: their keys stay valid, so only the role speaks. `restore` puts the row back.
 */
export async function rolesEndedBefore(hub: TestHub, login: string, signedAt: string) {
  const db = hub.ctx.store.db;
  const row = await db.selectFrom('users').select('created_at').where('login', '=', login).executeTakeFirstOrThrow();
  const ended = new Date((Date.parse(row.created_at) + Date.parse(signedAt)) / 2).toISOString();
  const users = db.updateTable('users').where('login', '=', login);
  await users.set({ disabled_at: ended }).execute();
  return { created_at: row.created_at, restore: () => users.set({ disabled_at: null }).execute() };
}

/** A notice refused on the device because its signer held no provider's role then (`as`: the case). */
export function signerRoleRefused(e: unknown, as = ''): true {
  assert.ok(isDomainError(e), String(e));
  assert.equal(e.code, 'SIGNATURE_INVALID', as);
  assert.equal((e.details as { reason?: string }).reason, 'signer_role', as);
  assert.match(e.messages.ja, SIGNER_ROLE.ja, as);
  assert.match(e.messages.en, SIGNER_ROLE.en, as);
  assert.doesNotMatch(JSON.stringify(e), /203\.0\.113\.77/, 'no communication named');
  return true;
}
/** The words of that refusal. */
export const SIGNER_ROLE = {
  ja: /署名した時点で、署名者は提供したプロバイダで提供命令に応じる役割/,
  en: /the signer did not hold a role of the giving provider/,
};

/** A notice to `holder`, its body made by `body` for the notice's id, sealed to the holder's current key. */
export async function sealedNotice(hub: TestHub, holder: string, body: (noticeId: string) => Promise<unknown>) {
  const key = await currentKey(hub.ctx.store.db, 'organisation', holder, 'encryption', hub.ctx.clock());
  assert.ok(key, `${holder} has an encryption key`);
  const id = `prov_${randomUUID()}`;
  const sealed = await sealToRecipient(
    { id: key.id, publicKey: key.public_key, algorithm: key.algorithm },
    JSON.stringify(await body(id)),
    provisionNoticeAad(id),
  );
  return { id, accessProviderOrganisationId: holder, communications: 1, sealed };
}

/** What the board signs for a notice `id` to `holder` under `order`, naming `communications` (signed now). */
export function boardNoticeBody(
  id: string,
  boardId: string,
  holder: string,
  order: { id: string; reference: string },
  communications: SignedProvisionNotice['communications'],
): SignedProvisionNotice {
  return {
    noticeId: id,
    orderId: order.id,
    orderReference: order.reference,
    contentProviderOrganisationId: boardId,
    accessProviderOrganisationId: holder,
    signedAt: new Date().toISOString(),
    communications,
  };
}

/** A notice to `holder` under `order`, signed by the board's installation key and sealed to the holder's key. */
export function boardNoticeTo(
  hub: TestHub,
  boardId: string,
  holder: string,
  order: { id: string; reference: string },
  communications: SignedProvisionNotice['communications'],
) {
  return sealedNotice(hub, holder, async (id) =>
    signProvisionNotice(await boardSigner(hub, boardId), boardNoticeBody(id, boardId, holder, order, communications)),
  );
}

/**
 * The board carries out the order at `path` with `notices`, and the lawyer's cases against the ISP and the
 * MVNO (numbered `numbers`) are filed and notified under it, which releases the notices: the two cases.
 */
export async function carriedOutAndReleased(
  p: { board: Client; lawyer: Client; courtId: string; ispId: string; mvnoId: string },
  path: string,
  notices: object[],
  numbers: [string, string],
) {
  const done = await p.board.call('POST', `${path}/provide-sealed`, { notices });
  assert.equal(done.status, 200, JSON.stringify(done.body));
  const ispCase = await fileOrderCase(p.lawyer, p.courtId, p.ispId, numbers[0], ['name', 'address']);
  const mvnoCase = await fileOrderCase(p.lawyer, p.courtId, p.mvnoId, numbers[1], ['ip_and_port', 'timestamp']);
  for (const c of [ispCase, mvnoCase]) {
    const notified = await p.lawyer.call('POST', `${path}/notify`, { applicationId: c.id });
    assert.equal(notified.status, 200, JSON.stringify(notified.body));
  }
  return { ispCase, mvnoCase };
}
