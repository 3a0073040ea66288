import { z } from 'zod';
import type { Caller, Principal } from '../domain/access.ts';
import { DomainError } from '../domain/errors.ts';
import { DirectoryExportSchema } from '../domain/pinned-directory.ts';
import { type PinnedOwnKey, pinnedOrganisation, pinnedOwnKeys } from '../domain/pinned-own-keys.ts';
import { shownInput } from '../domain/shown-text.ts';
import type { UnitOfWork } from '../kernel/unit-of-work.ts';
import { getSetting, SETTINGS } from '../store/settings.ts';

// Anyone holding a pinned copy of the hub's directory log (an agency, a law office, a court: no
// installation of their own, but `shokai directory import` on a machine of their own) watches an
// organisation's keys in it against a file of the keys its people registered (`shokai directory watch`):
// a key in the log that is not in the file is one the organisation did not know of — perhaps one the
// hub's operator slipped in. The file is the organisation's own, made and extended deliberately.

/** An organisation's keys in the pinned log, and the head they were read from. */
export interface OrganisationKeys {
  organisation: { id: string; nameJa: string; nameEn: string };
  head: { size: number; at: string };
  keys: PinnedOwnKey[];
}

export const noPinnedDirectory = () =>
  new DomainError(
    'KEY_UNKNOWN',
    {
      ja: 'ハブのディレクトリが固定されていません（shokai directory import で取り込んでください）',
      en: 'no hub directory is pinned (import one with shokai directory import)',
    },
    { field: 'directory' },
  );

/** The organisation's keys (its own, its units', its people's) in the pinned log; read only. */
export async function pinnedOrganisationKeys(
  uow: UnitOfWork,
  _caller: Principal | Caller,
  organisationId: string,
): Promise<OrganisationKeys> {
  const text = await getSetting(uow.tx, SETTINGS.pinnedDirectory);
  if (!text) throw noPinnedDirectory();
  const dir = DirectoryExportSchema.parse(JSON.parse(text));
  const org = pinnedOrganisation(dir, organisationId);
  if (!org) {
    throw new DomainError(
      'NOT_FOUND',
      {
        ja: `組織 ${shownInput(organisationId)} は固定済みのディレクトリにありません`,
        en: `the organisation ${shownInput(organisationId)} is not in the pinned directory`,
      },
      { field: 'organisation', value: organisationId },
    );
  }
  return {
    organisation: { id: organisationId, ...org },
    head: { size: dir.head.size, at: dir.head.at },
    keys: pinnedOwnKeys(dir, organisationId),
  };
}

export const KNOWN_KEYS_FORMAT = 'shokai-known-keys/v1';
/**
 * The keys an organisation knows as its own: each by fingerprint and, when recorded, key id (then both
 * must match the log's entry; the fingerprint is computed from the entry's public key, never the one the
 * log writes), with when it was accepted.
 */
export const KnownKeysSchema = z.strictObject({
  format: z.literal(KNOWN_KEYS_FORMAT),
  organisationId: z.string().min(1).max(200),
  keys: z
    .array(
      z.strictObject({
        fingerprint: z.string().min(1).max(200),
        keyId: z.string().min(1).max(200).optional(),
        acceptedAt: z.string().max(40).optional(),
      }),
    )
    .max(100_000),
});
export type KnownKeys = z.infer<typeof KnownKeysSchema>;

const isKnown = (k: PinnedOwnKey, known: KnownKeys) =>
  known.keys.some((x) => x.fingerprint === k.fingerprint && (x.keyId === undefined || x.keyId === k.id));

/** The keys in the log the known file does not hold. */
export function unknownKeys(keys: readonly PinnedOwnKey[], known: KnownKeys): PinnedOwnKey[] {
  return keys.filter((k) => !isKnown(k, known));
}

const entryOf = (k: PinnedOwnKey, at: string) => ({ fingerprint: k.fingerprint, keyId: k.id, acceptedAt: at });

/**
 * A known file holding every key of the organisation in the log now (first use), but those whose entry
 * disagrees with itself (a person's key filed under no organisation…): those a person accepts, or not.
 */
export function knownKeysOf(organisationId: string, keys: readonly PinnedOwnKey[], at: string): KnownKeys {
  return {
    format: KNOWN_KEYS_FORMAT,
    organisationId,
    keys: keys.filter((k) => !k.disagrees).map((k) => entryOf(k, at)),
  };
}

/**
 * The known file with these keys added, each named by its key id or its fingerprint (computed from its
 * public key), recorded by both. A name no key of the organisation in the log has is refused, and so is a
 * fingerprint more than one key has (name it by key id), naming it: nothing is added.
 */
export function acceptKeys(
  known: KnownKeys,
  keys: readonly PinnedOwnKey[],
  refs: readonly string[],
  at: string,
): KnownKeys {
  const added: KnownKeys['keys'] = [];
  for (const ref of refs) {
    const byId = keys.filter((k) => k.id === ref);
    const matching = byId.length > 0 ? byId : keys.filter((k) => k.fingerprint === ref);
    const [k, other] = matching;
    if (!k) {
      throw new DomainError(
        'NOT_FOUND',
        {
          ja: `鍵 ID または指紋 ${shownInput(ref)} の鍵は、固定済みログのこの組織の鍵にありません（何も追加していません）`,
          en:
            `no key of this organisation in the pinned log has the ` +
            `key id or fingerprint ${shownInput(ref)} (nothing was added)`,
        },
        { field: 'accept', value: ref },
      );
    }
    if (other) {
      throw new DomainError(
        'VALIDATION_FAILED',
        {
          ja:
            `指紋 ${shownInput(ref)} の鍵が複数あります（${matching.map((m) => shownInput(m.id)).join('、')}）。` +
            `鍵 ID で指定してください（何も追加していません）`,
          en:
            `more than one key has the fingerprint ${shownInput(ref)} ` +
            `(${matching.map((m) => shownInput(m.id)).join(', ')}): name it by key id (nothing was added)`,
        },
        { field: 'accept', value: ref },
      );
    }
    if (!isKnown(k, { ...known, keys: [...known.keys, ...added] })) added.push(entryOf(k, at));
  }
  return { ...known, keys: [...known.keys, ...added] };
}
