import type { Principal, Side } from '../domain/access.ts';
import { DomainError } from '../domain/errors.ts';
import { shownInput } from '../domain/shown-text.ts';
import { type Bilingual, labelOf, REQUEST_STATE_LABELS } from '../domain/vocabulary.ts';
import type { UnitOfWork } from '../kernel/unit-of-work.ts';
import type { Tx } from '../store/database.ts';
import type { RequestRow } from '../store/schema.ts';
import { attachmentsOf, deleteAttachment, findAttachment } from './attachments.repository.ts';
import { type AttachmentView, listAttachments, nameFilesInDraft } from './attachments.ts';
import { loadVisible } from './requests.ts';

// The files of a draft request while it is still a draft: its drafter removes one attached by mistake,
// and the draft's provider does not change under files sealed to the one it named before (each request
// file is sealed in the drafter's browser to that provider's record key: the new one could never open it).

/**
 * Only the drafter changes a draft, and only while it is one: refused naming who may, or the state the
 * request is in. `doing` completes "only the drafter can …" and "you can … only while it is a draft".
 */
export function requireEditableDraft(p: Principal, row: RequestRow, side: Side, doing: Bilingual): void {
  if (side !== 'agency' || row.drafted_by !== p.id) {
    throw new DomainError(
      'FORBIDDEN',
      { ja: `起案者のみが${doing.ja}ことができます`, en: `only the drafter can ${doing.en}` },
      { id: row.id },
    );
  }
  if (row.state !== 'draft') {
    const state = labelOf(REQUEST_STATE_LABELS, row.state);
    throw new DomainError(
      'ILLEGAL_TRANSITION',
      {
        ja: `この要請は「${state.ja}」の状態です。${doing.ja}ことができるのは下書きの間だけです`,
        en: `this request is no longer a draft (it is “${state.en}”): you can ${doing.en} only while it is a draft`,
      },
      { state: row.state },
    );
  }
}

/**
 * The drafter removes a file from the draft: the stored ciphertext is deleted and the draft no longer
 * names it. The audit keeps what identifies the file (id, type, size, SHA-256), never its name.
 * Answers the files of the request the caller may still read.
 */
export async function removeRequestFile(
  uow: UnitOfWork,
  p: Principal,
  requestId: string,
  attachmentId: string,
): Promise<AttachmentView[]> {
  const { row, side } = await loadVisible(uow.tx, p, requestId, uow.now);
  requireEditableDraft(p, row, side, { ja: '下書きから添付ファイルを外す', en: 'remove files from a draft' });
  const a = await findAttachment(uow.tx, requestId, attachmentId);
  if (a?.owner_type !== 'request') {
    throw new DomainError(
      'NOT_FOUND',
      {
        ja: `この下書きに添付ファイル ${shownInput(attachmentId)} はありません`,
        en: `this draft has no file ${shownInput(attachmentId)}`,
      },
      { field: 'attachmentId', value: attachmentId },
    );
  }
  await deleteAttachment(uow.tx, requestId, a.id);
  await nameFilesInDraft(uow, row, await attachmentsOf(uow.tx, requestId));
  await uow.auditBy(p, 'attachment.removed', ['request', requestId], {
    attachmentId: a.id,
    purpose: 'request',
    mediaType: a.media_type,
    byteSize: a.byte_size,
    sha256: a.sha256,
  });
  return listAttachments(uow, p, requestId);
}

/**
 * A draft's provider changes only while no request file is sealed to the one it names now: those files
 * are named, to be removed first (and attached again, sealed to the new provider).
 */
export async function refuseProviderChangeUnderFiles(tx: Tx, row: RequestRow, next: string | null): Promise<void> {
  if (next === row.provider_organisation_id) return;
  const sealed = (await attachmentsOf(tx, row.id)).filter(
    (a) => a.owner_type === 'request' && a.sealed_for_provider !== null,
  );
  if (sealed.length === 0) return;
  const names = sealed.map((a) => a.file_name);
  throw new DomainError(
    'CONFLICT',
    {
      ja:
        `添付ファイル ${names.map((n) => `「${n}」`).join('、')} は今の宛先の事業者の鍵に封緘されているため、` +
        `宛先を変えると新しい宛先では開けません。` +
        `先に下書きからこれらのファイルを外し、宛先を変えてから付け直してください`,
      en:
        `the files ${names.map((n) => `“${n}”`).join(', ')} are sealed to the ` +
        `current provider's key, so a new provider could never open them: remove ` +
        `them from the draft first, then change the provider and attach them again`,
    },
    { field: 'content.providerOrganisationId', value: next, files: sealed.map((a) => a.id) },
  );
}
