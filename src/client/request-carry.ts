import { type ApiClient, type Schemas, unwrap } from './client.ts';

// What a person of the provider takes to the provider's installation when it has no line to the hub
// (file mode): the request's signed envelope as the hub serves it, and each of the request's files sealed
// for the installation's enrolled machine device (the box to the record key, that key wrapped to the
// device), exactly as the installation would fetch them online. Nothing of it is in clear: the person's
// session is only the courier, and the installation checks everything against the approver's signature.

export interface RequestToCarry {
  /** The body of GET /v1/requests/{id}/envelope. */
  envelope: { envelope: Schemas['SignedEnvelope'] | null };
  /** The request's files, each sealed for the installation's device. */
  files: Array<Schemas['SealedAttachment']>;
}

/** Fetches a request's envelope and its files sealed for `deviceId`; any refusal fails the whole. */
export async function requestToCarry(api: ApiClient, requestId: string, deviceId: string): Promise<RequestToCarry> {
  const path = { id: requestId };
  const envelope = await unwrap(api.GET('/v1/requests/{id}/envelope', { params: { path } }));
  const listed = await unwrap(api.GET('/v1/requests/{id}/attachments', { params: { path } }));
  const files: Array<Schemas['SealedAttachment']> = [];
  for (const a of listed.items) {
    if (a.purpose !== 'request') continue;
    files.push(
      await unwrap(
        api.GET('/v1/requests/{id}/attachments/{attachmentId}/sealed', {
          params: { path: { id: requestId, attachmentId: a.id }, query: { device: deviceId } },
        }),
      ),
    );
  }
  return { envelope, files };
}
