// The 回答書 of an answer in device custody, made on the device that opened it (browser or CLI): the
// hub's frame of the document (envelope, names, keys) and its font, the opened answer added here, the
// PDF rendered here. The hub never reads the answer (src/documents/device.ts renders).
import { type DocumentData, renderAnswerDocument } from '../documents/device.ts';
import { type ApiClient, ApiError, unwrap } from './client.ts';
import type { OpenedOnDevice } from './custody.ts';

/** Renders the 回答書 of an answer this device opened; refused when the provider's key is unknown. */
export async function answerDocumentOnDevice(
  api: ApiClient,
  requestId: string,
  opened: Pick<OpenedOnDevice, 'inner' | 'signerKey'>,
): Promise<Uint8Array> {
  if (!opened.signerKey) {
    throw new ApiError(409, {
      error: {
        code: 'KEY_UNKNOWN',
        message: {
          ja: '回答の署名鍵がディレクトリにないため回答書を作成できません',
          en: "the answer's signing key is not in the directory: no 回答書 can be made",
        },
      },
    });
  }
  const raw = await unwrap(api.GET('/v1/requests/{id}/answer-document-frame', { params: { path: { id: requestId } } }));
  // The envelope's content is any JSON in the contract (optional there); the signed payload always has it.
  const frame: DocumentData = {
    ...raw,
    envelope: { ...raw.envelope, payload: { ...raw.envelope.payload, content: raw.envelope.payload.content } },
  };
  const font = await api.GET('/v1/documents/font', { parseAs: 'arrayBuffer' });
  if (!font.data) throw new ApiError(font.response.status, null);
  return renderAnswerDocument(frame, opened.inner, opened.signerKey, new Uint8Array(font.data));
}
