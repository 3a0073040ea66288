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

/** The enrolled machine devices of the provider's installation the caller may carry request files to. */
export async function installationDevices(api: ApiClient): Promise<Array<Schemas['Device']>> {
  return (await unwrap(api.GET('/v1/custody/installation-devices'))).items;
}

/**
 * The request as the hub shows the caller (GET /v1/requests/{id}): its state and, once it has ended, the
 * office's withdrawal and the thread's word on why — what a medium carries of its end.
 */
export async function requestView(api: ApiClient, requestId: string): Promise<unknown> {
  return unwrap(api.GET('/v1/requests/{id}', { params: { path: { id: requestId } } }));
}

/**
 * Fetches a request's envelope and its files sealed for the device `deviceFor` names (asked once, and
 * only when the request has a file); any refusal fails the whole.
 */
export async function requestToCarry(
  api: ApiClient,
  requestId: string,
  deviceFor: () => Promise<string>,
): Promise<RequestToCarry> {
  const path = { id: requestId };
  const envelope = await unwrap(api.GET('/v1/requests/{id}/envelope', { params: { path } }));
  const listed = await unwrap(api.GET('/v1/requests/{id}/attachments', { params: { path } }));
  const files: Array<Schemas['SealedAttachment']> = [];
  let device: string | undefined;
  for (const a of listed.items) {
    if (a.purpose !== 'request') continue;
    device ??= await deviceFor();
    files.push(
      await unwrap(
        api.GET('/v1/requests/{id}/attachments/{attachmentId}/sealed', {
          params: { path: { id: requestId, attachmentId: a.id }, query: { device } },
        }),
      ),
    );
  }
  return { envelope, files };
}
