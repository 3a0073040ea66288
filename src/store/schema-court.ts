// The court's records of a disclosure-order case kept beside its application (migrations 083, 086), apart so
// schema.ts stays one screen of tables.

/** The court heard a party on a disclosure-order application (陳述聴取): who, when, how, and a note. */
export interface DisclosureOrderHearingRow {
  id: string;
  application_id: string;
  party: string; // HeardParty: 'provider' | 'claimant'
  /** When the party was heard (UTC). */
  heard_at: string;
  manner: string; // HearingManner: 'in_writing' | 'at_hearing_date'
  note: string;
  recorded_by: string;
  recorded_at: string;
  /** A hearing recorded by mistake is withdrawn, not deleted (migration 086): when (UTC), by whom, why. */
  withdrawn_at: string | null;
  withdrawn_by: string | null;
  withdraw_reason: string | null;
  /** The judge's passkey signature over the record (migration 088): his key, the packed assertion, when. */
  record_key_id: string | null;
  record_signature: string | null;
  record_signed_at: string | null;
  /** The withdrawing judge's passkey signature over the withdrawal (migration 088). */
  withdraw_key_id: string | null;
  withdraw_signature: string | null;
  withdraw_signed_at: string | null;
}
