// A request to the carrier with a file attached, and what whoever holds the hub's store may do to that
// file: swap it for another picture sealed to the same key, or lose it and add one the approver never
// signed. The carrier's installation must tell each apart (test/agent/request-files*.test.ts), and a
// provider's device the swapped file (test/attachments/sealed-request-files.test.ts). The installation's
// tests take the hub and carrier they run on, with the warrant their files ride on, from requestFileHooks.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import { uploadSealedFile } from '../../src/client/attachment-seal.ts';
import { createApiClient } from '../../src/client/client.ts';
import { sealBox } from '../../src/crypto/device-seal.ts';
import { sealedAttachmentAad } from '../../src/domain/attachments.ts';
import { warrantToCarrier } from './agent.ts';
import { hubAndCarrierHooks } from './carrier-hooks.ts';
import { type Dialect, otherDialect } from './dialects.ts';
import type { TestHub } from './exchange.ts';

export const REQUEST_FILE_MARK = 'AGENT-REQUEST-FILE-MARKER-7731';
/** The drafter's screenshot: a PNG signature, then a marker a test looks for in the stores. */
export const SCREENSHOT = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from(REQUEST_FILE_MARK),
]);
export const sha256Hex = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

/** A warrant to the carrier whose drafter attaches a screenshot (sealed in his client): its id and the file's. */
export async function warrantWithScreenshot(
  hub: TestHub,
  carrier: { organisationId: string },
  caseId: string,
  port: number,
  n: string,
): Promise<{ id: string; fileId: string }> {
  let fileId = '';
  const id = await warrantToCarrier(hub, carrier, caseId, n, { port }, async (draftId) => {
    const api = createApiClient({ baseUrl: hub.url, token: (await hub.as('sato')).token });
    const file = { fileName: `投稿の画面-${n}.png`, mediaType: 'image/png', bytes: SCREENSHOT };
    fileId = (await uploadSealedFile(api, draftId, 'request', file)).id;
  });
  return { id, fileId };
}

/**
 * For one describe block: the hub on `dialect` and the carrier's installation on the other dialect (see
 * hubAndCarrierHooks); `withFile(port, n)`, a warrant to the carrier with the screenshot attached; and
 * `deviceKeyPath`, where the installation keeps its device key, in a directory removed after the block.
 */
export function requestFileHooks(dialect: Dialect, caseReference: string) {
  const carrier = hubAndCarrierHooks(dialect, otherDialect(dialect), caseReference);
  const keyDir = mkdtempSync(join(tmpdir(), 'shokai-request-files-'));
  after(() => rmSync(keyDir, { recursive: true, force: true }));
  return Object.assign(carrier, {
    deviceKeyPath: join(keyDir, 'device.key'),
    withFile: (port: number, n: string) => warrantWithScreenshot(carrier.hub, carrier.agent, carrier.caseId, port, n),
  });
}

const hubRow = (hub: TestHub, fileId: string) =>
  hub.ctx.store.db.selectFrom('attachments').selectAll().where('id', '=', fileId).executeTakeFirstOrThrow();

/**
 * Whoever holds the hub's store seals another picture to the provider's key and rewrites the file's row:
 * the picture returned, self-consistent on its own, not the file the approver signed.
 */
export async function swapFileAtHub(hub: TestHub, requestId: string, fileId: string): Promise<Buffer> {
  const row = await hubRow(hub, fileId);
  const box = JSON.parse(row.sealed_for_provider ?? '{}') as { recipientKeyId: string };
  const key = await hub.ctx.store.db
    .selectFrom('keys')
    .selectAll()
    .where('id', '=', box.recipientKeyId)
    .executeTakeFirstOrThrow();
  const forged = Buffer.concat([SCREENSHOT.subarray(0, 8), Buffer.from('not the screenshot the approver signed')]);
  const decl = { id: fileId, sha256: sha256Hex(forged), mediaType: 'image/png', byteSize: forged.length };
  const sealed = await sealBox(key.public_key, key.id, forged, sealedAttachmentAad(requestId, decl));
  await hub.ctx.store.db
    .updateTable('attachments')
    .set({ sealed_for_provider: JSON.stringify(sealed), sha256: decl.sha256, byte_size: decl.byteSize })
    .where('id', '=', fileId)
    .execute();
  return forged;
}

/** The hub adds a file of its own to the request (its id returned) and loses the one the approver signed. */
export async function loseFileAtHub(hub: TestHub, fileId: string): Promise<string> {
  const row = await hubRow(hub, fileId);
  const extra = `att_${'Z'.repeat(24)}`;
  await hub.ctx.store.db
    .insertInto('attachments')
    .values({ ...row, id: extra, file_name: 'extra.png' })
    .execute();
  await hub.ctx.store.db.deleteFrom('attachments').where('id', '=', fileId).execute();
  return extra;
}
