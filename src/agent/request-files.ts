import { ApiError, type Schemas, unwrap } from '../client/client.ts';
import { type DeviceHandle, openSealedAttachment } from '../client/custody.ts';
import { type Principal, requirePermission, SYSTEM_CALLER } from '../domain/access.ts';
import type { AttachmentRef } from '../domain/attachments.ts';
import { DomainError } from '../domain/errors.ts';
import { shownInput } from '../domain/shown-text.ts';
import { type Bilingual, knownLabel } from '../domain/vocabulary.ts';
import type { AppContext } from '../kernel/context.ts';
import { logger } from '../kernel/logger.ts';
import { inTransaction, type UnitOfWork } from '../kernel/unit-of-work.ts';
import type { Db, Tx } from '../store/database.ts';
import type { AgentRequestFileRow, AgentRequestRow } from '../store/schema.ts';
import { storedField, storedValue } from '../store/stored-values.ts';
import { findAgentRequest, listAgentRequests } from './agent.repository.ts';
import type { HubLink } from './hub.ts';
import { findRequestFile, insertRequestFile, requestFilesOf, supersedeMismatch } from './request-files.repository.ts';
import { contentOfRow, requireAgentRequest } from './request-row.ts';

// The files a requester attached to a request, opened on the provider's own installation: the
// requester's browser sealed each to the provider's record key, and the approver's signed envelope names
// its SHA-256. The installation holds that key on its own device (a machine device of the provider's
// custody, which a person of the provider enrolled): it fetches each file the envelope names, opens it
// here, and keeps it only if its bytes are the ones signed — still sealed, as the hub handed it out, so
// it is opened again (and checked again) for each read. A file that is not the one signed, one the hub
// does not have, and one the hub holds but the envelope does not name are recorded as such and never
// offered as genuine. Every opening and every read is an audit entry of the installation.

export const REQUEST_FILE_STATES = ['verified', 'mismatch', 'missing', 'unsigned'] as const;
export type RequestFileState = (typeof REQUEST_FILE_STATES)[number];
const FILE_STATE = storedField(REQUEST_FILE_STATES, '添付ファイルの確認結果', "a request file's check");

export const REQUEST_FILE_STATE_LABELS: Record<RequestFileState | 'pending', Bilingual> = {
  verified: {
    ja: '開封済み・署名された SHA-256 と一致',
    en: 'opened; matches the SHA-256 the approver signed',
  },
  mismatch: {
    ja: '署名された SHA-256 と一致しません（差し替えの疑い）。提供しません',
    en: 'does not match the SHA-256 the approver signed (substituted?): not offered',
  },
  missing: { ja: 'ハブにありません。提供しません', en: 'the hub does not have it: not offered' },
  unsigned: {
    ja: '署名された要請に含まれていないファイルです。開封しません',
    en: 'not named in the signed request: not opened',
  },
  pending: {
    ja: '未確認（この設置の端末鍵が登録・承認されると開封して照合します）',
    en: "not checked yet (opened and checked once the installation's device key is enrolled)",
  },
};

/** A request file as the review shows it (no bytes). */
export interface RequestFileView {
  id: string;
  fileName: string;
  mediaType: string;
  byteSize: number;
  /** The SHA-256 the signed envelope names (for a file it does not name, the hub's). */
  sha256: string;
  state: RequestFileState | 'pending';
  checkedAt: string | null;
  /** For a file verified from a later copy: when an earlier copy was found not to be the one signed. */
  mismatchAt: string | null;
}

/** Said beside a file verified from a later copy, with the instant the earlier one was refused. */
export const EARLIER_MISMATCH: Bilingual = {
  ja: '以前に届いた写しは署名された SHA-256 と一致しませんでした',
  en: 'an earlier copy did not match the SHA-256 the approver signed',
};

/** The files the signed envelope names. */
const signedFiles = (row: AgentRequestRow): AttachmentRef[] => contentOfRow(row).attachments ?? [];

/** Every file the envelope names (pending until checked), then those the hub held that it does not name. */
export async function requestFileViews(db: Db | Tx, row: AgentRequestRow): Promise<RequestFileView[]> {
  const checked = new Map((await requestFilesOf(db, row.request_id)).map((f) => [f.id, f]));
  const named = signedFiles(row).map((ref): RequestFileView => {
    const f = checked.get(ref.id);
    checked.delete(ref.id);
    return {
      id: ref.id,
      fileName: ref.fileName,
      mediaType: ref.mediaType,
      byteSize: ref.byteSize,
      sha256: ref.sha256,
      state: f ? storedValue(FILE_STATE, f.state, f.id) : 'pending',
      checkedAt: f?.checked_at ?? null,
      mismatchAt: f?.state === 'verified' ? f.mismatch_at : null,
    };
  });
  const others = [...checked.values()].map(
    (f): RequestFileView => ({
      id: f.id,
      fileName: f.file_name,
      mediaType: f.media_type,
      byteSize: f.byte_size,
      sha256: f.sha256,
      state: storedValue(FILE_STATE, f.state, f.id),
      checkedAt: f.checked_at,
      mismatchAt: null,
    }),
  );
  return [...named, ...others];
}

type Checked = Omit<AgentRequestFileRow, 'request_id' | 'checked_at' | 'state'> & { state: RequestFileState };

const rowOf = (ref: AttachmentRef, state: RequestFileState, sealed: string | null = null): Checked => ({
  id: ref.id,
  file_name: ref.fileName,
  media_type: ref.mediaType,
  byte_size: ref.byteSize,
  sha256: ref.sha256,
  state,
  sealed,
  mismatch_at: null,
});

/** The hub's answer for a file it does not have (or does not show this provider). */
const notThere = (err: unknown) =>
  err instanceof ApiError && err.status === 404 && err.details?.field === 'attachmentId';

/**
 * Where a request's files come from: the hub (online), or a medium a person carried from it (file mode).
 * Each file comes sealed for the installation's device, as the hub hands it out.
 */
export interface RequestFileSource {
  /** The request's files the source holds, as the hub describes them (for one the envelope does not name). */
  held: readonly AttachmentRef[];
  /**
   * A file sealed for the device; 'missing' when the hub does not have it; 'mismatch' when what came is
   * no sealed file at all; undefined when not now (it stays pending).
   */
  sealed(ref: AttachmentRef): Promise<Schemas['SealedAttachment'] | 'missing' | 'mismatch' | undefined>;
  /**
   * Whether a file recorded as a mismatch is checked again from this source: a medium may carry a good
   * copy after a damaged or substituted one. (The hub serves the file it holds: asking it again each
   * cycle would only fetch the same file.)
   */
  recheckMismatch?: boolean;
}

/**
 * Checks the files of one request not yet checked, from `source` (network, media and opening outside the
 * store's transaction), then records each verdict with its audit entry. Without a device of its own the
 * installation cannot open them: nothing is recorded, and the files stay pending. A verdict is recorded
 * once, but for a mismatch a source may check again: a copy that verifies then makes the file verified,
 * keeping when the mismatch was recorded (and its audit entry) as evidence; one that does not leaves it.
 */
export async function checkRequestFiles(
  ctx: AppContext,
  device: DeviceHandle | undefined,
  requestId: string,
  source: RequestFileSource,
): Promise<Checked[]> {
  const row = await findAgentRequest(ctx.store.db, requestId);
  if (!row || !device) return [];
  const recorded = new Map((await requestFilesOf(ctx.store.db, requestId)).map((f) => [f.id, f.state]));
  const mismatch = (id: string) => recorded.get(id) === 'mismatch';
  const refs = signedFiles(row);
  const out: Checked[] = [];
  for (const a of source.held) {
    if (recorded.has(a.id) || refs.some((r) => r.id === a.id)) continue;
    out.push(rowOf(a, 'unsigned'));
  }
  for (const ref of refs) {
    if (recorded.has(ref.id) && !(source.recheckMismatch && mismatch(ref.id))) continue;
    const s = await source.sealed(ref);
    if (s === undefined) continue;
    if (s === 'missing' || s === 'mismatch') {
      out.push(rowOf(ref, s));
      continue;
    }
    try {
      await openSealedAttachment(s, device, requestId, ref.id, ref, 'request');
      out.push(rowOf(ref, 'verified', JSON.stringify(s)));
    } catch {
      out.push(rowOf(ref, 'mismatch'));
    }
  }
  if (out.length === 0) return out;
  await inTransaction(ctx, async (uow) => {
    const at = uow.now.toISOString();
    for (const f of out) {
      if (mismatch(f.id)) {
        // Checked again: a copy that is the one signed supersedes the mismatch, which stays as evidence.
        const was =
          f.state === 'verified' && f.sealed
            ? await supersedeMismatch(uow.tx, requestId, f.id, f.sealed, at)
            : undefined;
        if (was) {
          await uow.auditBy(SYSTEM_CALLER, 'agent.request_file_opened', ['request', requestId], {
            fileId: f.id,
            sha256: f.sha256,
            state: f.state,
            mismatchAt: was.mismatchAt,
          });
        }
        continue;
      }
      const mismatchAt = f.state === 'mismatch' ? at : null;
      if (
        !(await insertRequestFile(uow.tx, { ...f, request_id: requestId, checked_at: at, mismatch_at: mismatchAt }))
      ) {
        continue;
      }
      // The file's name may say whom it is about: the entry names it by id and digest.
      await uow.auditBy(SYSTEM_CALLER, 'agent.request_file_opened', ['request', requestId], {
        fileId: f.id,
        sha256: f.sha256,
        state: f.state,
      });
    }
  });
  for (const f of out) {
    if (f.state !== 'verified') logger.warn('agent.request_file_refused', { requestId, fileId: f.id, state: f.state });
  }
  return out;
}

/** Fetches and checks the files of one request not yet checked from the hub, sealed for the device. */
export async function syncRequestFiles(
  ctx: AppContext,
  hub: HubLink,
  device: DeviceHandle | undefined,
  requestId: string,
): Promise<Checked[]> {
  if (!device || !(await findAgentRequest(ctx.store.db, requestId))) return [];
  const listed = await unwrap(hub.api.GET('/v1/requests/{id}/attachments', { params: { path: { id: requestId } } }));
  return checkRequestFiles(ctx, device, requestId, {
    held: listed.items.filter((a) => a.purpose === 'request'),
    async sealed(ref) {
      if (!listed.items.some((a) => a.id === ref.id)) return 'missing';
      try {
        return await unwrap(
          hub.api.GET('/v1/requests/{id}/attachments/{attachmentId}/sealed', {
            params: { path: { id: requestId, attachmentId: ref.id }, query: { device: device.id } },
          }),
        );
      } catch (err) {
        if (notThere(err)) return 'missing';
        // Else (this device not given the key yet, the hub unreachable): pending, tried again next cycle.
        logger.warn('agent.request_file_unavailable', { requestId, fileId: ref.id });
        return undefined;
      }
    },
  });
}

/** Checks the files of the requests just taken in, and of any waiting for review with a file not yet checked. */
export async function syncAllRequestFiles(
  ctx: AppContext,
  hub: HubLink,
  device: DeviceHandle | undefined,
  stored: readonly string[],
): Promise<number> {
  if (!device) return 0;
  const ids = new Set(stored);
  for (const row of await listAgentRequests(ctx.store.db, ['received', 'prepared'], 500)) {
    if (signedFiles(row).length === 0) continue;
    const done = new Set((await requestFilesOf(ctx.store.db, row.request_id)).map((f) => f.id));
    if (signedFiles(row).some((r) => !done.has(r.id))) ids.add(row.request_id);
  }
  let checked = 0;
  for (const id of ids) {
    try {
      checked += (await syncRequestFiles(ctx, hub, device, id)).length;
    } catch {
      logger.warn('agent.request_files_failed', { requestId: id });
    }
  }
  return checked;
}

const notOffered = (fileId: string, state: string) =>
  new DomainError(
    'CONFLICT',
    {
      ja:
        `要請の添付ファイル ${fileId} は照合を通っていないため提供しません（` +
        `${(knownLabel(REQUEST_FILE_STATE_LABELS, state) ?? REQUEST_FILE_STATE_LABELS.pending).ja}）`,
      en:
        `request file ${fileId} did not pass the check and is not offered ` +
        `(${(knownLabel(REQUEST_FILE_STATE_LABELS, state) ?? REQUEST_FILE_STATE_LABELS.pending).en})`,
    },
    { field: 'fileId', value: fileId },
  );

/**
 * A person reads a request file (personal data: audited): opened again with the installation's device
 * and checked again against the SHA-256 the signed envelope names; only a file that passes is handed over.
 */
export async function readRequestFile(
  uow: UnitOfWork,
  p: Principal,
  requestId: string,
  fileId: string,
  device: DeviceHandle | undefined,
): Promise<{ fileName: string; mediaType: string; bytes: Uint8Array; sha256: string }> {
  requirePermission(p, 'request.answer');
  const row = await requireAgentRequest(uow.tx, requestId);
  const ref = signedFiles(row).find((r) => r.id === fileId);
  const f = await findRequestFile(uow.tx, requestId, fileId);
  if (!ref && !f) {
    throw new DomainError(
      'NOT_FOUND',
      {
        ja: `要請 ${shownInput(requestId)} に添付ファイル ${shownInput(fileId)} はありません`,
        en: `request ${shownInput(requestId)} has no file ${shownInput(fileId)}`,
      },
      { field: 'fileId', value: fileId },
    );
  }
  if (!ref || !f || f.state !== 'verified' || !f.sealed || !device) throw notOffered(fileId, f?.state ?? 'pending');
  const s = JSON.parse(f.sealed) as Schemas['SealedAttachment'];
  let opened: Awaited<ReturnType<typeof openSealedAttachment>>;
  try {
    opened = await openSealedAttachment(s, device, requestId, fileId, ref, 'request');
  } catch {
    throw notOffered(fileId, 'mismatch');
  }
  await uow.auditBy(p, 'agent.request_file_read', ['request', requestId], { fileId, sha256: opened.sha256 });
  return opened;
}
