import type { Locale } from '#shokai/vocabulary';
import { type MessageKey, messages } from '../i18n/dictionary.ts';

/** The kinds of a key's owner (the directory's KEY_OWNER_TYPES), in words. */
const OWNER_KIND_KEYS: Readonly<Record<string, MessageKey>> = {
  organisation: 'admin.ownerOrg',
  unit: 'admin.ownerUnit',
  user: 'admin.ownerUser',
  client: 'admin.ownerClient',
  system: 'admin.ownerSystem',
};

type Named = { id: string; nameJa: string; nameEn: string };

/** The owners a page knows by name: its organisation and units, and its people when it has loaded them. */
export interface KnownOwners {
  organisation: Named;
  units: readonly Named[];
  users?: ReadonlyArray<{ id: string; displayName: string }> | undefined;
}

/**
 * A key's owner as people read it: its kind in words, then its name when the page knows it
 * ("所属: 捜査第一課", "Person: Sato Ichiro"); never the owner's id or the raw kind.
 */
export function keyOwnerWords(key: { ownerType: string; ownerId: string }, known: KnownOwners, locale: Locale): string {
  const kindKey = Object.hasOwn(OWNER_KIND_KEYS, key.ownerType) ? OWNER_KIND_KEYS[key.ownerType] : undefined;
  const kind = messages[kindKey ?? 'admin.ownerOther'][locale];
  const name = ownerName(key, known, locale);
  return name ? `${kind}: ${name}` : kind;
}

function ownerName(key: { ownerType: string; ownerId: string }, known: KnownOwners, locale: Locale): string | null {
  const named = (o: Named | undefined) => (o ? (locale === 'ja' ? o.nameJa : o.nameEn) : null);
  switch (key.ownerType) {
    case 'organisation':
      return key.ownerId === known.organisation.id ? named(known.organisation) : null;
    case 'unit':
      return named(known.units.find((u) => u.id === key.ownerId));
    case 'user':
      return known.users?.find((u) => u.id === key.ownerId)?.displayName ?? null;
    default:
      return null;
  }
}
