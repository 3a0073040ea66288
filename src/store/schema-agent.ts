// Row types of the provider's own installation (`shokai agent`, migrations 024, 037, 056 and 059).

/** A request the agent took in: verified against the pinned directory before it was stored. */
export interface AgentRequestRow {
  request_id: string;
  envelope_id: string;
  payload_digest: string;
  /** The fingerprint of the hub key whose pinned directory verified the envelope. */
  hub_fingerprint: string;
  source: string; // 'pull' | 'file'
  kind: string; // RequestKind
  reference: string;
  /** The signed envelope as received (JSON). */
  envelope: string;
  state: string; // AgentRequestState
  /** The prepared findings per target (JSON), once prepared. */
  findings: string | null;
  /** The answer content as it stands for review (JSON): prepared, or edited by a person. */
  draft: string | null;
  edited_by: string | null;
  decided_by: string | null;
  decided_at: string | null;
  decline_reason: string | null;
  /** 1 when the provider's policy let it go without a person (e.g. a `none` answer). */
  automatic: number;
  /** The signed, sealed submission body (JSON) pushed to the hub or written to a file. */
  submission: string | null;
  sent_at: string | null;
  attempts: number;
  last_error: string | null;
  received_at: string;
  updated_at: string;
  /** Withdrawn or closed at the hub since it was taken in, per the hub (migration 056); null: not said. */
  hub_state?: string | null; // 'withdrawn' | 'closed'
  /** When, per the hub. */
  hub_state_at?: string | null;
  /** Why, per the hub: 'office' (the requester withdrew it) | 'order_set_aside'; null: none given. */
  hub_reason?: string | null;
  /** The requesting office's own words, when it withdrew it. */
  hub_note?: string | null;
  /** What the installation could check offline: HubEndedCheck (src/agent/hub-ended.ts). */
  hub_check?: string | null;
  /** When this installation learnt it. */
  hub_noted_at?: string | null;
  /**
   * The office's withdrawal signature as the hub gave it (JSON: key id and packed assertion, migration
   * 059), so that a check waiting on the pinned log is made again of the same withdrawal; null: none.
   */
  hub_signature?: string | null;
}

/** An envelope the agent refused: why, and the digest of what it refused (never its content). */
export interface AgentRefusalRow {
  id: string;
  request_id: string;
  envelope_digest: string;
  /** The size of the pinned directory it was checked against (a newer pin checks again). */
  directory_size: number;
  source: string;
  reason: string;
  refused_at: string;
}

/** A file a person attached to a draft answer (migration 037): its bytes, and once approved, sealed. */
export interface AgentAnswerFileRow {
  /** att_…, chosen when the file is added: the hub is given the same id (a second upload is refused). */
  id: string;
  request_id: string;
  file_name: string;
  media_type: string;
  byte_size: number;
  sha256: string;
  content: Uint8Array;
  added_by: string;
  added_at: string;
  /** The sealed upload (header line, then the boxes to the unit and to the provider), made at approval. */
  sealed: Uint8Array | null;
  /** When the hub took the sealed upload (or it was written out in file mode). */
  uploaded_at: string | null;
}

/**
 * A file of a request as the installation checked it (migration 042): the name, type, size and SHA-256
 * the signed envelope gives it (for a file the envelope does not name, what the hub said), the verdict,
 * and for a verified file the box as the hub handed it out, still sealed (JSON: `{ sealed, custodyKey }`).
 */
export interface AgentRequestFileRow {
  request_id: string;
  id: string;
  file_name: string;
  media_type: string;
  byte_size: number;
  sha256: string;
  /** verified | mismatch | missing | unsigned */
  state: string;
  sealed: string | null;
  checked_at: string;
  /** When a copy that was not the one signed was first recorded (kept once a later copy verified; migration 048). */
  mismatch_at: string | null;
}
