// The shapes of the API's replies as tests read them: the API's own contract (the types generated from
// its OpenAPI document, through `#shokai/client`) and the web's reading of it. A test names the shape it
// expects (`c.call<RequestDetail>(…)`); its assertions are what check it.
import type { paths, Schemas } from '#shokai/client';
import type { RequestContent } from '../../web/src/api/types.ts';

export type { ApiErrorBody as ApiError } from '#shokai/client';
export type {
  AuditEvent,
  AuditVerification,
  CaseDetail,
  CaseSummary,
  KeyInfo,
  Me,
  Organisation,
  PolicyCheck,
  RequestDetail,
  RequestSummary,
  UnsealedAnswer,
  User,
  Verification,
} from '../../web/src/api/types.ts';

/** A page of a list. */
export interface List<T> {
  items: T[];
  nextCursor: string | null;
}

/** `GET /v1/requests/{id}/envelope`: the signed envelope as issued (its content is the request's). */
export interface EnvelopeReply {
  envelope: Schemas['SignedEnvelope'] & { payload: { content: RequestContent } };
}

export type SigningPreview = Schemas['SigningPreview'];
export type AnswerPreview = Schemas['AnswerPreview'];
export type MlatPackage = Schemas['MlatPackage'];
export type MailAnalysis = Schemas['MailAnalysis'];
export type NextRequestProposal = Schemas['NextRequestProposal'];
export type NextRequestDraft = Schemas['NextRequestDraft'];
/** `POST /v1/warrants/attest`: the court's attestation. */
export type WarrantAttestation = paths['/v1/warrants/attest']['post']['responses'][200]['content']['application/json'];
/** `POST /v1/clients`: the registered machine client. */
export type RegisteredClient = paths['/v1/clients']['post']['responses'][201]['content']['application/json'];
