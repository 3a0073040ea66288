import type { NoticeJson } from '../messages.ts';
import type { AuthResult } from './auth-results.ts';

/** What a Received field says besides its sender and date (by, with, id, for, the envelope sender). */
export interface ReceivedClauses {
  by: string | null;
  with: string | null;
  id: string | null;
  for: string | null;
  envelopeFrom: string | null;
}

/** One Received hop, bottom-up. Null wherever the header does not say. */
export interface MailHop extends ReceivedClauses {
  /**
   * What the receiving server recorded about the sender; `ip` is the TCP peer, never a HELO literal;
   * `port` the peer's source port when the server wrote it with the address (`[ip]:port`, Exim, XMail).
   */
  from: { helo: string | null; rdns: string | null; ip: string | null; port: number | null };
  /** As written, ISO 8601 with the written offset (no offset when the header gives none). */
  time: string | null;
  timeUtc: string | null;
  /** Seconds since the hop below; negative means time ran backwards (a warning is raised). */
  delaySeconds: number | null;
  /** Written by a server inside the trust boundary; false means a claim that may be forged. */
  trusted: boolean;
  /** The unfolded field value. */
  raw: string;
}

export interface MailAuthentication {
  /** The configured authserv-id, or null when none was given (then nothing here is trusted). */
  authservId: string | null;
  /**
   * Results of Authentication-Results fields that carry the configured authserv-id and sit above the trust
   * boundary.
   */
  results: Array<AuthResult & { authservId: string }>;
  /** Authentication-Results fields not used (other or no configured authserv-id, or below the boundary). */
  ignoredFields: number;
  /** ARC-Authentication-Results sets: what intermediaries claim; never verified here. */
  arc: Array<{ instance: number; authservId: string; results: AuthResult[] }>;
  /** DKIM-Signature fields present (d= and s=), as claimed; `verification` says whether each verified. */
  dkimSignatures: Array<{ domain: string | null; selector: string | null }>;
  /**
   * The DKIM signatures and the ARC chain checked against the key records the analyst supplied (never
   * DNS); null when the analysis was run without the check (the synchronous header analysis alone).
   */
  verification: SignatureCheck | null;
  /** Always present: results are what the receiving server stated at delivery time. */
  note: { message: string; messageJa: string };
}

export interface MailSummary {
  from: string | null;
  sender: string | null;
  replyTo: string | null;
  returnPath: string | null;
  /**
   * The Return-Path above sits above the lowest trusted Received: a trusted server wrote it (at final
   * delivery). False when it sits below (the sender wrote it) or there is none.
   */
  returnPathTrusted: boolean;
  subject: string | null;
  date: string | null;
  messageId: string | null;
}

export interface MailAnalysis {
  originatingIp: string | null;
  /**
   * The originating address's source port as the lowest trusted server wrote it (`[ip]:port`); null when
   * it wrote none or no address is named. Behind a shared address (CGNAT) the port names one subscriber.
   */
  originatingPort: number | null;
  /** When the last trusted server received the message, ISO 8601 with that server's offset. */
  originatingTime: string | null;
  hops: MailHop[];
  authentication: MailAuthentication;
  warnings: NoticeJson[];
  /** Decoded From/Sender/Reply-To/Return-Path/Subject/Date/Message-ID (encoded words decoded). */
  message: MailSummary;
}

export interface AnalyzeOptions {
  /**
   * The receiving organisation's relays: addresses, CIDR networks, host names (`*.example.jp` or `.example.jp`
   * for a domain).
   */
  trusted?: string[];
  /** The authserv-id of the receiving organisation's Authentication-Results. */
  authservId?: string;
  /** Reference time for "in the future" checks (default: the current time). */
  now?: Date;
  /** Date header further than this from the first trusted receipt is flagged (default 3600 s). */
  dateSkewSeconds?: number;
}

/** pass: verified with the supplied key; fail: checked and wrong; not_verified: could not be checked. */
export type SignatureVerdict = 'pass' | 'fail' | 'not_verified';

export interface DkimVerification {
  domain: string | null;
  selector: string | null;
  /** a= as written, e.g. rsa-sha256, ed25519-sha256. */
  algorithm: string | null;
  verdict: SignatureVerdict;
  /** Why it did not pass; null on pass. */
  reason:
    | 'no_key'
    | 'no_body'
    | 'key_testing'
    | 'body_hash'
    | 'signature'
    | 'expired'
    | 'weak_key'
    | 'key_unusable'
    | 'unreadable'
    | 'from_unsigned'
    | 'from_fields'
    | 'unsigned_copies'
    | 'identity'
    | 'body_length'
    | 'other'
    | null;
  message: string;
  messageJa: string;
  /** mailauth's own words (English), for the expert; null when it said nothing. */
  detail: string | null;
}

export interface ArcSealCheck {
  instance: number;
  /** The seal's d= and s=: the key that signs it. */
  domain: string | null;
  selector: string | null;
  /** The seal of this set verified together with every seal below it. */
  verdict: SignatureVerdict;
}

export interface ArcVerification {
  /** The chain (every seal and the newest ARC-Message-Signature); none: the message has no ARC set. */
  verdict: SignatureVerdict | 'none';
  /** The i= of the sets found, oldest first. */
  instances: number[];
  message: string;
  messageJa: string;
  detail: string | null;
  seals: ArcSealCheck[];
}

export interface SignatureCheck {
  /** How many key records the analyst supplied. */
  keysSupplied: number;
  /** False for a header block alone: no body hash can be checked. */
  bodyPresent: boolean;
  /** The instant an x= expiry was judged against (the final receipt when the message records it). */
  checkedAt: string;
  dkim: DkimVerification[];
  arc: ArcVerification;
  /** SPF at the trust boundary, against the supplied TXT records. */
  spf: SpfCheck;
  /** DMARC of the From domain, from the DKIM verdicts above, the SPF result and the supplied records. */
  dmarc: DmarcCheck;
  /** Always present: SPF and DMARC reflect the records as supplied, not as they stood when it was sent. */
  recordsNote: { message: string; messageJa: string };
}

/**
 * RFC 7208's results, plus not_supplied (a record it needed was not in the supplied ones: never looked up)
 * and not_evaluated (no connecting address at the boundary, or no envelope sender to check).
 */
export type SpfVerdict =
  | 'pass'
  | 'fail'
  | 'softfail'
  | 'neutral'
  | 'none'
  | 'permerror'
  | 'not_supplied'
  | 'not_evaluated';

export interface SpfCheck {
  verdict: SpfVerdict;
  /** The domain whose SPF record was checked (its A-label form); null when not evaluated. */
  domain: string | null;
  /** The same domain in Unicode (U-labels) when it is an internationalised name; else null. */
  domainUnicode: string | null;
  /** The connecting address at the trust boundary (the originating address). */
  ip: string | null;
  /** The envelope sender checked (Return-Path, or the boundary's envelope-from); null: empty or none. */
  envelopeFrom: string | null;
  /**
   * Where the envelope sender was read: a Return-Path a trusted server added (return-path), or the
   * envelope-from of the boundary's Received field (received); null when none was recorded.
   */
  senderSource: 'return-path' | 'received' | null;
  /** The HELO name the boundary server recorded. */
  helo: string | null;
  /** Which identity was checked: the envelope sender, or the HELO name for an empty sender (`<>`). */
  identity: 'mailfrom' | 'helo' | null;
  /** Records the evaluation needed that were not supplied, as `name (TYPE)`. */
  missing: string[];
  /** The SPF record of `domain` as supplied, when one was found. */
  record: string | null;
  message: string;
  messageJa: string;
  /** mailauth's own words (English), for the expert. */
  detail: string | null;
}

/**
 * pass / fail as DMARC decides them; none: the supplied records give the domain no DMARC record;
 * not_supplied: a `_dmarc` record it needed was not supplied; incomplete: nothing checked aligns, but a
 * DKIM signature or SPF could not be checked; not_evaluated: no single From domain.
 */
export type DmarcVerdict = 'pass' | 'fail' | 'none' | 'not_supplied' | 'incomplete' | 'not_evaluated';

export interface DmarcCheck {
  verdict: DmarcVerdict;
  /** The From field's domain (the author domain). */
  fromDomain: string | null;
  /** The same domain in Unicode (U-labels) when it is an internationalised name; else null. */
  fromDomainUnicode: string | null;
  /**
   * Why the verdict is none: no DMARC record among those supplied (absent), a record without a valid
   * policy that asks for no reports (invalid), several records at one name, all discarded (several), or a
   * From address literal, which is no domain (address_literal); null for any other verdict.
   */
  noneReason: 'absent' | 'invalid' | 'several' | 'address_literal' | null;
  /** The policy tags as published in `record`, quoted as written (null: the tag is absent). */
  published: { p: string | null; sp: string | null; np: string | null; pct: string | null; t: string | null } | null;
  /** The domain whose `_dmarc` record applies (the From domain or a parent); null without one. */
  recordDomain: string | null;
  /** The record's text as supplied (several discarded ones: each on its own line). */
  record: string | null;
  /** The policy it asks receivers to apply to a failing message (after sp=, np= and t=y). */
  policy: 'none' | 'quarantine' | 'reject' | null;
  /** t=y: the domain is testing its policy (applied one level lower). */
  testMode: boolean;
  /** The passing DKIM signing domain and SPF domain that aligned with the From domain, if any. */
  alignedDkim: string | null;
  alignedSpf: string | null;
  /** adkim=s / aspf=s: strict alignment (the same domain, not only the same organisational domain). */
  strictDkim: boolean;
  strictSpf: boolean;
  missing: string[];
  message: string;
  messageJa: string;
  /** The published tags and the policy that applies to this message, and why, in words; null: no policy. */
  policyMessage: string | null;
  policyMessageJa: string | null;
  detail: string | null;
}
