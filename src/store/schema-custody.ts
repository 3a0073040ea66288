// The tables of answers in device custody (migration 017), kept apart so schema.ts stays one screen of tables.

/** A member's device holding custody keys (issue 11): its public key only; the private part never leaves it. */
export interface DeviceRow {
  id: string;
  organisation_id: string;
  owner_type: string; // 'unit' | 'organisation'
  owner_id: string;
  user_id: string;
  kind: string; // 'browser' | 'machine' | 'recovery'
  label: string;
  public_key: string; // P-256 raw point, base64url
  fingerprint: string;
  registered_at: string;
  enrolled_at: string | null;
  enrolled_by: string | null;
  removed_at: string | null;
  removed_by: string | null;
}

/** A custody key's private part wrapped (sealed) to one device by a member who holds it. */
export interface CustodyKeyWrapRow {
  key_id: string;
  device_id: string;
  wrapped: string; // JSON DeviceBox
  wrapped_by: string;
  created_at: string;
}

/** A box sealed again to an owner's current key after the key it was sealed to was found compromised (046). */
export interface ResealedBoxRow {
  kind: string; // 'answer' | 'attachment' | 'archive' | 'notice'
  item_id: string;
  owner_type: string;
  owner_id: string;
  from_key_id: string;
  to_key_id: string;
  box: string; // JSON DeviceBox, the original's aad
  content_sha256: string;
  device_id: string;
  resealed_by: string;
  resealed_at: string;
  /** The re-sealing device's MAC over its declaration, keyed by the new key (049; null: kept before 049). */
  declaration_tag: string | null;
}
