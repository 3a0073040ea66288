// Row types of the tables of deconfliction, retention and attachments (migration 021), kept apart so
// that src/store/schema.ts stays readable; the Database interface there lists them.

/** A keyed hash (HMAC) of one identifier an issued request names: never the identifier itself. */
export interface OverlapIndexRow {
  digest: string;
  request_id: string;
  agency_organisation_id: string;
  unit_id: string;
  issued_at: string;
}

/** Two forces' requests naming the same identifier: a pointer notice to both unit heads when notified. */
export interface OverlapMatchRow {
  id: string;
  request_id: string; // the request whose issuance found the match
  unit_id: string;
  other_request_id: string;
  other_unit_id: string;
  matched_at: string;
  notified: number; // 0 when held back by the rate limit
}

/** What retention did to a closed request's personal data. */
export interface RetentionRecordRow {
  request_id: string;
  mode: string; // RetentionMode
  at: string;
  closed_at: string;
  retention_days: number;
  archive: string | null; // JSON SealedBox of what was removed (mode archive), to the issuing unit's key
  /** The custody key `archive` is sealed to (049; null: sealed the legacy way, or none). Written by the repository. */
  archive_key_id?: string | null;
  removed: string; // JSON: what was removed (counts and digests only)
}

/** A file attached to a request, a message or an answer: its bytes only sealed, to each party. */
export interface AttachmentRow {
  id: string;
  request_id: string;
  owner_type: string; // 'request' | 'message' | 'answer'
  owner_id: string | null;
  side: string; // 'agency' | 'provider'
  file_name: string;
  media_type: string;
  byte_size: number;
  sha256: string;
  sealed_for_agency: string | null; // JSON SealedBox
  sealed_for_provider: string | null; // JSON SealedBox
  /** The custody keys the two boxes are sealed to (049; null: legacy or none). Written by the repository. */
  sealed_for_agency_key_id?: string | null;
  sealed_for_provider_key_id?: string | null;
  /** 'provider' when the provider's side sealed the boxes (migration 035); null when the hub did. */
  sealed_by: string | null;
  uploaded_by: string;
  created_at: string;
  purged_at: string | null;
}
