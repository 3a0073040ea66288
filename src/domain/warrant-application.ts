import { canonicalJson, sha256Hex } from '../crypto/canonical.ts';
import type { Target } from './targets.ts';
import type { DataCategory, WarrantType } from './vocabulary.ts';

// What a unit head approves when sending a warrant application (令状請求) to the court: the canonical
// form of the application as reviewed, and its digest (the WebAuthn challenge of their passkey).

export const WARRANT_APPLICATION_PURPOSE = 'warrant-application';
/** Without a reason, a warrant is valid for seven days (刑事訴訟規則 300 条); longer ones need one. */
export const DEFAULT_WARRANT_VALID_DAYS = 7;
export const MAX_WARRANT_VALID_DAYS = 30;

export interface WarrantApplicationPayload {
  purpose: typeof WARRANT_APPLICATION_PURPOSE;
  id: string;
  reference: string;
  agencyOrganisationId: string;
  unitId: string;
  courtOrganisationId: string;
  providerOrganisationId: string;
  warrantType: WarrantType;
  caseReference: string;
  offence: string;
  facts: string;
  necessity: string;
  targets: Target[];
  categories: DataCategory[];
  recordsPeriod: { from: string; to: string } | null;
  validDays: number;
  validityReason: string | null;
}

/** The digest a unit head's own credential signs to send the application. */
export function warrantApplicationDigest(payload: WarrantApplicationPayload): string {
  return sha256Hex(canonicalJson(payload));
}
