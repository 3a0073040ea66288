// A request file is checked against the request as the approver SIGNED it: the envelope the hub holds, or,
// after retention archived the request, the envelope sealed into the requesting unit's archive box.
import { z } from 'zod';
import type { AttachmentRef } from '../domain/attachments.ts';
import { AttachmentRefSchema } from '../domain/attachments.ts';
import { type ApiClient, unwrap } from './client.ts';
import { type DeviceHandle, openArchiveOnDevice } from './custody.ts';
import { archiveOfAnother, fileNotNamed, signedRequestRemoved } from './device-errors.ts';

/**
 * A request file as the SIGNED envelope names it (its id, name, type, size and SHA-256, which the
 * approver signed with the request): the reference a file opened on either side is checked against.
 * For an issued request: throws when the envelope does not name the file, or `PURGED` when retention took it.
 * When retention archived the envelope into the requesting unit's box, a `device` of that unit opens the box
 * (an audited read of the archive) and the file is checked against the envelope found there.
 */
export async function requestFileInEnvelope(
  api: ApiClient,
  requestId: string,
  attachmentId: string,
  device?: DeviceHandle,
): Promise<AttachmentRef> {
  const { envelope: held } = await unwrap(
    api.GET('/v1/requests/{id}/envelope', { params: { path: { id: requestId } } }),
  );
  const envelope = held ?? (device ? await archivedEnvelope(api, device, requestId) : null);
  if (!envelope) throw signedRequestRemoved(attachmentId);
  const content = envelope.payload.content as { attachments?: unknown } | undefined;
  const refs = AttachmentRefSchema.array().safeParse(content?.attachments ?? []);
  const ref = refs.success ? refs.data.find((r) => r.id === attachmentId) : undefined;
  if (envelope.payload.requestId !== requestId || !ref) throw fileNotNamed(attachmentId, 'request');
  return ref;
}

/** What a file's check reads of the envelope in an archive box. */
const ArchivedEnvelopeSchema = z.object({
  payload: z.object({ requestId: z.string(), content: z.object({ attachments: z.unknown() }) }),
});

/**
 * The signed envelope retention sealed into the requesting unit's archive box, opened on its `device`; null
 * when the box holds none (purge mode leaves no box: the hub's refusal is passed on).
 */
async function archivedEnvelope(api: ApiClient, device: DeviceHandle, requestId: string) {
  const { envelope } = await openArchiveOnDevice(api, device, requestId);
  if (envelope === null) return null;
  // Only what the check reads (the domain's envelope schema hashes with node:crypto, which a browser lacks).
  const parsed = ArchivedEnvelopeSchema.safeParse(JSON.parse(envelope));
  if (!parsed.success || parsed.data.payload.requestId !== requestId) throw archiveOfAnother(requestId);
  return parsed.data;
}
