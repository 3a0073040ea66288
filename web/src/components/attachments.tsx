import { useState } from 'react';
import { uploadSealedFile } from '#shokai/attachment-seal';
import { ApiError } from '#shokai/client';
import { checkFileBytes, openAnswerFileOnDevice, openAttachmentOnDevice, removedByRetention } from '#shokai/custody';
import { requestFileInEnvelope } from '#shokai/request-file-check';
import { api, apiClient } from '../api/client.ts';
import type { AttachmentPurpose, RequestDetail } from '../api/types.ts';
import type { MessageKey } from '../i18n/dictionary.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { loadDevice } from '../lib/device.ts';
import { ShownError } from '../lib/error-text.ts';
import { useLiveRefresh } from '../lib/live.ts';
import { saveBlob } from '../lib/save-file.ts';
import { useMe } from '../lib/session.tsx';
import { useAction } from '../lib/use-action.ts';
import { useAsync } from '../lib/use-async.ts';
import { ErrorNotice, LoadState, Section, Time } from './common.tsx';
import { FilePick } from './file-pick.tsx';
import { Table } from './table.tsx';

const PURPOSE_LABEL: Record<AttachmentPurpose, MessageKey> = {
  request: 'attachments.purpose.request',
  clarification: 'attachments.purpose.clarification',
  answer: 'attachments.purpose.answer',
};

/** What this viewer may attach now (the server decides again): mirrors src/exchange/attachments.ts. */
function purposesNow(d: RequestDetail): AttachmentPurpose[] {
  const out: AttachmentPurpose[] = [];
  if (d.viewerSide === 'agency' && d.state === 'draft') out.push('request');
  if (
    (d.viewerSide === 'agency' && d.allowedActions.includes('clarify')) ||
    (d.viewerSide === 'provider' && d.allowedActions.includes('request_clarification'))
  )
    out.push('clarification');
  if (d.viewerSide === 'provider' && d.allowedActions.includes('answer')) out.push('answer');
  return out;
}

/** A refusal of this side's own checks (the file's type, size, name), shown as the hub's would be. */
function asApiError(e: unknown): unknown {
  if (typeof e === 'object' && e !== null && 'code' in e && 'messages' in e) {
    const x = e as { code: string; messages: { ja: string; en: string }; details?: Record<string, unknown> };
    return new ApiError(x.code === 'PAYLOAD_TOO_LARGE' ? 413 : 400, {
      error: { code: x.code, message: x.messages, details: x.details ?? {} },
    });
  }
  return e;
}

/** The request's files: each with its SHA-256 (signed in the envelope or the answer), to open or add. */
export function AttachmentsSection({ d }: { d: RequestDetail }) {
  const { t } = useI18n();
  const me = useMe();
  const list = useAsync(() => api.attachments(d.id).then((r) => r.items), [d.id]);
  // Files the other side adds show up as the request changes.
  useLiveRefresh(list.refresh);
  const purposes = purposesNow(d);
  const [purpose, setPurpose] = useState<AttachmentPurpose | ''>('');
  const [file, setFile] = useState<File | null>(null);
  const { busy, error, setError, run } = useAction();
  const chosen = purpose === '' ? purposes[0] : purpose;
  // Every file is sealed in this browser once the request names its provider (the keys it goes to).
  const sealHere = chosen === 'answer' || d.provider !== null;
  const items = list.data ?? [];
  // The drafter removes a file from the draft (the server decides again), after saying so once more.
  const mayRemove = d.viewerSide === 'agency' && d.state === 'draft' && d.draftedBy.id === me.user.id;
  const [removing, setRemoving] = useState<{ id: string; fileName: string } | null>(null);

  async function remove(attachmentId: string) {
    await run(async () => {
      list.setData(await api.removeAttachment(d.id, attachmentId).then((r) => r.items));
      setRemoving(null);
    });
  }

  /**
   * Opens a file: on the hub for a key it holds, else on this browser's enrolled device; saves it. An
   * answer file is checked there against the answer as the provider signed it, a request file against
   * the request as the approver signed it (its SHA-256, type, size), wherever it was opened.
   */
  async function openFile(attachmentId: string, fileName: string, purpose: AttachmentPurpose) {
    setError(null);
    try {
      const device = await loadDevice(me.user.id);
      // The requesting unit's device also opens the archive box, where retention sealed the signed request.
      const archiveDevice = d.viewerSide === 'agency' ? (device ?? undefined) : undefined;
      const signed =
        purpose === 'request' && d.envelopeId
          ? await requestFileInEnvelope(apiClient, d.id, attachmentId, archiveDevice)
          : undefined;
      let blob = await api.downloadAttachment(d.id, attachmentId);
      if (blob === 'on-device') {
        if (!device) throw new ShownError(t('attachments.noDevice'));
        const f =
          purpose === 'answer' && d.viewerSide === 'agency'
            ? await openAnswerFileOnDevice(apiClient, device, d.id, attachmentId)
            : await openAttachmentOnDevice(apiClient, device, d.id, attachmentId, signed, 'request');
        blob = new Blob([new Uint8Array(f.bytes)], { type: f.mediaType });
      } else if (signed) {
        await checkFileBytes(new Uint8Array(await blob.arrayBuffer()), signed);
      }
      saveBlob(blob, fileName);
    } catch (err) {
      // A request file that does not open, or is not the file the approver signed, is not handed over;
      // one whose signed request retention took says so (nothing differs: there is nothing to check by).
      const unchecked =
        purpose === 'request' &&
        d.envelopeId &&
        !(err instanceof ApiError) &&
        !(err instanceof ShownError) &&
        !removedByRetention(err);
      setError(unchecked ? new ShownError(t('attachments.notAsSigned')) : err);
    }
  }

  async function upload(e: React.FormEvent) {
    e.preventDefault();
    if (!file || !chosen) return;
    await run(async () => {
      if (sealHere) {
        // The file is sealed HERE, to the requesting unit's key and to the provider's, before it leaves
        // this browser (issue 11): the hub receives ciphertext only.
        const bytes = new Uint8Array(await file.arrayBuffer());
        await uploadSealedFile(apiClient, d.id, chosen, { fileName: file.name, mediaType: file.type, bytes }).catch(
          (e: unknown) => {
            throw asApiError(e);
          },
        );
      } else {
        await api.uploadAttachment(d.id, chosen, file);
      }
      setFile(null);
      list.refresh();
    });
  }

  if (items.length === 0 && purposes.length === 0 && !list.loading) return null;
  return (
    <Section title={`${t('attachments.title')} (${items.length})`} id="attachments">
      <LoadState of={list} />
      {items.length > 0 && (
        <Table
          caption={t('attachments.title')}
          rows={items}
          rowKey={(a) => a.id}
          columns={[
            {
              head: t('attachments.file'),
              // Past retention the bytes may be gone (purged) and the name is (the one shown is the id's).
              cell: (a) => (
                <>
                  {a.purged ? (
                    a.fileName
                  ) : (
                    <button type="button" className="link" onClick={() => void openFile(a.id, a.fileName, a.purpose)}>
                      {a.fileName}
                    </button>
                  )}
                  {a.purged && <span className="muted">（{t('attachments.purged')}）</span>}
                  {a.nameRemoved && <span className="muted">（{t('attachments.nameRemoved')}）</span>}
                </>
              ),
            },
            { head: t('attachments.purpose'), cell: (a) => t(PURPOSE_LABEL[a.purpose]) },
            { head: t('attachments.size'), cell: (a) => t('attachments.bytes', { n: a.byteSize.toLocaleString() }) },
            { head: t('attachments.uploaded'), cell: (a) => <Time value={a.uploadedAt} /> },
            { head: 'SHA-256', cell: (a) => <code title={a.sha256}>{a.sha256.slice(0, 16)}…</code> },
            mayRemove && {
              head: t('attachments.remove'),
              hideHead: true,
              cell: (a) =>
                a.purpose === 'request' && (
                  <button
                    type="button"
                    className="danger"
                    aria-label={`${t('attachments.remove')}: ${a.fileName}`}
                    disabled={busy}
                    onClick={() => setRemoving({ id: a.id, fileName: a.fileName })}
                  >
                    {t('attachments.remove')}
                  </button>
                ),
            },
          ]}
        />
      )}
      {removing && (
        <div
          className="notice notice-warn"
          role="alertdialog"
          aria-labelledby="remove-file-ask"
          data-testid="remove-file"
        >
          <p id="remove-file-ask">{t('attachments.removeAsk', { name: removing.fileName })}</p>
          <div className="button-row">
            <button type="button" className="danger" disabled={busy} onClick={() => void remove(removing.id)}>
              {t('attachments.removeYes')}
            </button>
            <button type="button" disabled={busy} onClick={() => setRemoving(null)}>
              {t('attachments.removeNo')}
            </button>
          </div>
        </div>
      )}
      {purposes.length > 0 && (
        <form onSubmit={upload} className="attachment-upload">
          <p className="hint">{t('attachments.limits')}</p>
          {sealHere && (
            <p className="hint" data-testid="file-sealed-here">
              {t('attachments.sealedHere')}
            </p>
          )}
          {purposes.length > 1 && (
            <label>
              {t('attachments.purpose')}{' '}
              <select value={chosen} onChange={(e) => setPurpose(e.target.value as AttachmentPurpose)}>
                {purposes.map((p) => (
                  <option key={p} value={p}>
                    {t(PURPOSE_LABEL[p])}
                  </option>
                ))}
              </select>
            </label>
          )}
          <FilePick
            label={t('attachments.choose')}
            accept="image/png,image/jpeg,image/gif,image/webp,application/pdf,text/plain,text/csv"
            file={file}
            onChange={setFile}
          />{' '}
          <button type="submit" className="button" disabled={!file || busy}>
            {t('attachments.upload')}
          </button>
        </form>
      )}
      <ErrorNotice error={error} />
    </Section>
  );
}
