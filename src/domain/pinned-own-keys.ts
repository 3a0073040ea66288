import { publicKeyFingerprint } from '../crypto/keys.ts';
import type { DirectoryExport } from './pinned-directory.ts';
import { visibleText } from './shown-text.ts';
import { formatInstant, parseIsoInstant } from './time.ts';
import { type Bilingual, KEY_PURPOSE_LABELS, KEY_REVOCATION_REASON_LABELS, labelOf } from './vocabulary.ts';

// Watching an organisation's keys in a pinned directory log: a hub operator with database access can slip a
// key row in for a person of an organisation, and at the hub's next signing it is in the log and signs
// things that verify everywhere. What stops him is the log: the key is public there. These are the keys
// of one organisation in a pin (its own, its units', its people's), each with what the log tells of it in
// words, for the provider's own installation (src/agent/keys-monitor.ts) and for anyone holding a pinned
// copy (`shokai directory watch`, src/directory/key-watch.ts) to compare with what their people registered.

/** A key of the organisation as the pinned log shows it. */
export interface PinnedOwnKey {
  /** The position of its `key` entry in the log (0-based): the log only appends, so it never moves. */
  index: number;
  id: string;
  /** When it entered the log (the entry's instant, UTC). */
  at: string;
  /** Computed from the public key (never the one the log writes: a pin refuses a log where they differ). */
  fingerprint: string;
  publicKey: string;
  ownerType: string;
  ownerId: string;
  purpose: string;
  /** A person's WebAuthn credential (a passkey), not a key pair the hub or an installation holds. */
  passkey: boolean;
  /**
   * Whose key, as far as the log tells (a unit by name, a lawyer by name, a person or client by id); a
   * person by the name the hub gives, when one is known, said as the hub's word.
   */
  owner: Bilingual;
  /** Ended by rotation (the instant), when it was. */
  endedAt: string | null;
  /** Revoked (the instant and the reason's code), when it was. */
  revoked: { at: string; reason: string } | null;
  /**
   * Its fields disagree, in words: owned by the organisation, one of its units or one of its people, but
   * filed under another organisation or none, or with another owner type than its owner's. No check
   * trusts such a key (the one owner rule, ./key-trust.ts); a hub operator slipping one in shows himself.
   * Null when they agree.
   */
  disagrees: Bilingual | null;
}

/** The organisation a pin registers under this id: its names, or undefined when the pin has none. */
export function pinnedOrganisation(
  dir: DirectoryExport,
  organisationId: string,
): { nameJa: string; nameEn: string } | undefined {
  const o = dir.entries.find((e) => e.type === 'organisation' && e.id === organisationId);
  return o?.type === 'organisation' ? { nameJa: o.nameJa, nameEn: o.nameEn } : undefined;
}

/**
 * The organisation's keys in the pin, in the order they entered the log: those the log files under the
 * organisation, and those whose owner is the organisation, one of its units or one of the people the log
 * places in it (a grant of a role there, a lawyer of the office, a person's key filed under it) — whatever
 * owner type and organisation the entry writes, those that disagree flagged. `hubNames`: the names
 * the hub gives the organisation's people, by user id (the log has none): a person's key is said by it,
 * as the hub's word.
 */
export function pinnedOwnKeys(
  dir: DirectoryExport,
  organisationId: string,
  hubNames: ReadonlyMap<string, string> = new Map(),
): PinnedOwnKey[] {
  const units = new Map<string, Bilingual>();
  const lawyers = new Map<string, string>();
  const people = new Set<string>();
  for (const e of dir.entries) {
    if (e.type === 'unit' && e.organisationId === organisationId) units.set(e.id, { ja: e.nameJa, en: e.nameEn });
    if (e.type === 'lawyer' && e.organisationId === organisationId) lawyers.set(e.id, e.name);
    if (e.type === 'lawyer' && e.organisationId === organisationId) people.add(e.id);
    if (e.type === 'role' && e.organisationId === organisationId) people.add(e.userId);
    if (e.type === 'key' && e.organisationId === organisationId && e.ownerType === 'user') people.add(e.ownerId);
  }
  const org = pinnedOrganisation(dir, organisationId);
  const keys = new Map<string, PinnedOwnKey>();
  // Every key id in the log, the organisation's or not: one entered again never replaces the first (a pin
  // refuses such a log, ./pinned-directory.ts keyEntryProblem).
  const ids = new Set<string>();
  dir.entries.forEach((e, index) => {
    if (e.type === 'key') {
      if (ids.has(e.id)) return;
      ids.add(e.id);
      const ownerKind =
        e.ownerId === organisationId
          ? 'organisation'
          : units.has(e.ownerId)
            ? 'unit'
            : people.has(e.ownerId)
              ? 'user'
              : null;
      if (e.organisationId !== organisationId && ownerKind === null) return;
      // Filed under the organisation with an owner the log does not place: a person or client it does not
      // name agrees; an organisation or unit it does not know does not.
      const agrees =
        e.organisationId === organisationId &&
        (ownerKind === null ? e.ownerType !== 'organisation' && e.ownerType !== 'unit' : ownerKind === e.ownerType);
      keys.set(e.id, {
        index,
        id: e.id,
        at: e.at,
        fingerprint: publicKeyFingerprint(e.publicKey) ?? '-',
        publicKey: e.publicKey,
        ownerType: e.ownerType,
        ownerId: e.ownerId,
        purpose: e.purpose,
        passkey: e.credential !== null,
        owner: ownerWords(ownerKind ?? e.ownerType, e.ownerId, { org, units, lawyers, hubNames }),
        endedAt: null,
        revoked: null,
        disagrees: agrees ? null : disagreement(e.ownerType, e.organisationId, dir),
      });
    } else if (e.type === 'key.ended') {
      const k = keys.get(e.keyId);
      if (k) k.endedAt = e.at;
    } else if (e.type === 'key.revoked') {
      const k = keys.get(e.keyId);
      if (k) k.revoked = { at: e.at, reason: e.reason };
    }
  });
  return [...keys.values()];
}

/** What a key entry whose fields disagree writes of itself, in words. */
function disagreement(ownerType: string, filedUnder: string | null, dir: DirectoryExport): Bilingual {
  const filed = filedUnder === null ? undefined : pinnedOrganisation(dir, filedUnder);
  const where: Bilingual =
    filedUnder === null
      ? { ja: 'どの組織にも属さない', en: 'under no organisation' }
      : filed
        ? { ja: `組織「${filed.nameJa}」の`, en: `under the organisation "${filed.nameEn}"` }
        : { ja: `組織 ${filedUnder} の`, en: `under the organisation ${filedUnder}` };
  return {
    ja: `記録が食い違っています（持ち主の種別「${ownerType}」、${where.ja}鍵として記録。どの検証にも使われません。ハブの運営者に確認してください）`,
    en:
      `its entry disagrees with itself (owner type "${ownerType}", ` +
      `filed ${where.en}; no check trusts it: ask the hub's operator)`,
  };
}

function ownerWords(
  ownerType: string,
  ownerId: string,
  known: {
    org: { nameJa: string; nameEn: string } | undefined;
    units: Map<string, Bilingual>;
    lawyers: Map<string, string>;
    hubNames: ReadonlyMap<string, string>;
  },
): Bilingual {
  const unit = known.units.get(ownerId);
  const lawyer = known.lawyers.get(ownerId);
  const named = known.hubNames.get(ownerId);
  switch (ownerType) {
    case 'organisation':
      return known.org
        ? { ja: `組織（${known.org.nameJa}）自体`, en: `the organisation itself (${known.org.nameEn})` }
        : { ja: `組織 ${ownerId} 自体`, en: `the organisation ${ownerId} itself` };
    case 'unit':
      return unit
        ? { ja: `所属「${unit.ja}」`, en: `the unit "${unit.en}"` }
        : { ja: `所属 ${ownerId}`, en: `unit ${ownerId}` };
    case 'user':
      if (lawyer) return { ja: `弁護士 ${lawyer}（利用者 ${ownerId}）`, en: `the lawyer ${lawyer} (user ${ownerId})` };
      // The log has no names for a person: a name known is the hub's, whose operator the watch guards against.
      if (named) {
        return {
          ja: `${visibleText(named)}（ハブの登録名。利用者 ${ownerId}）`,
          en: `${visibleText(named)} (as the hub names user ${ownerId})`,
        };
      }
      return {
        ja: `個人（利用者 ${ownerId}。氏名はログにありません）`,
        en: `a person (user ${ownerId}; the log has no names)`,
      };
    case 'client':
      return { ja: `システム連携（${ownerId}）`, en: `a machine client (${ownerId})` };
    default:
      return { ja: `持ち主を特定できません（${ownerId}）`, en: `an owner the log does not name (${ownerId})` };
  }
}

const PASSKEY: Bilingual = { ja: 'パスキー', en: 'passkey' };
const KEY: Bilingual = { ja: '鍵', en: 'key' };

/** An instant as people read it in `zone`, with its offset (text that is not an instant is kept). */
function shown(at: string, zone: string): string {
  try {
    return formatInstant(parseIsoInstant(at), zone);
  } catch {
    return at;
  }
}

/** The key's standing in the log now, in words: in force, ended by rotation, or revoked and why. */
export function keyStandingWords(k: PinnedOwnKey, zone: string): Bilingual {
  if (k.revoked) {
    const why = labelOf(KEY_REVOCATION_REASON_LABELS, k.revoked.reason);
    const at = shown(k.revoked.at, zone);
    return k.revoked.reason === 'compromised'
      ? {
          ja: `${at} に漏えいとして失効（署名はすべて無効）`,
          en: `revoked as compromised at ${at} (every signature it made is void)`,
        }
      : {
          ja: `${at} に失効（${why.ja}。それまでの署名は有効）`,
          en: `revoked at ${at} (${why.en}; what it signed before counts)`,
        };
  }
  if (k.endedAt) return { ja: `${shown(k.endedAt, zone)} に使用終了`, en: `ended at ${shown(k.endedAt, zone)}` };
  return { ja: '有効', en: 'in force' };
}

/**
 * The key in one line, in words: its kind and purpose, whose it is, its fingerprint, when it entered the
 * log (in `zone`, with the offset) and its standing now. One line whatever the log writes: the names and
 * ids in it are the log's, and every character a terminal acts on (a newline too) is written out.
 */
export function pinnedKeyLine(k: PinnedOwnKey, lang: 'ja' | 'en', zone: string): string {
  const kind = (k.passkey ? PASSKEY : KEY)[lang];
  const purpose = labelOf(KEY_PURPOSE_LABELS, k.purpose)[lang];
  const at = shown(k.at, zone);
  const standing = keyStandingWords(k, zone)[lang];
  const line =
    lang === 'ja'
      ? `${kind}（${purpose}）、${k.owner.ja}、指紋 ${k.fingerprint}、ログへの記録 ${at}、${standing}`
      : `${kind} (${purpose.toLowerCase()}) of ${k.owner.en}, ` +
        `fingerprint ${k.fingerprint}, entered the log at ${at}, ${standing}`;
  return visibleText(k.disagrees ? `${line}${lang === 'ja' ? '。' : '; '}${k.disagrees[lang]}` : line);
}

/** What to do about a key the organisation says is not its own, in words. */
export const DISOWNED_KEY_STEPS: Bilingual = {
  ja:
    '自社の鍵ではないと確認されました。ハブで漏えい（compromised）として失効させ（失効するまで、この鍵の署名はどこでも検証を通ります）、' +
    'ハブの運営者に連絡し、この鍵の署名を検証する相手方（照会元の機関・裁判所・法律事務所）にも知らせてください',
  en:
    "Said not to be your organisation's key. Revoke it at the hub as compromised (until " +
    "it is, what it signs verifies everywhere), tell the hub's operator, and tell the " +
    'parties who verify its signatures (the requesting agencies, courts and law offices)',
};
