import { z } from 'zod';
import { type Caller, type Principal, requirePermission, SYSTEM_CALLER } from '../domain/access.ts';
import { DomainError } from '../domain/errors.ts';
import type { DirectoryExport } from '../domain/pinned-directory.ts';
import { type PinnedOwnKey, pinnedOwnKeys } from '../domain/pinned-own-keys.ts';
import { shownInput } from '../domain/shown-text.ts';
import type { AppContext } from '../kernel/context.ts';
import { logger } from '../kernel/logger.ts';
import { inTransaction, type UnitOfWork } from '../kernel/unit-of-work.ts';
import type { Tx } from '../store/database.ts';
import { getSetting, putSetting, SETTINGS } from '../store/settings.ts';
import { type HubPeople, hubNames, hubPeople } from './hub-people.ts';
import { pinnedDirectory } from './intake.ts';

// The provider's own installation watches its pin for keys in its own organisation's name: a hub operator
// with database access can slip in a key row for one of its people (a passkey he minted for its legal
// officer), and at the hub's next signing it is in the log and signs answers that verify everywhere. The
// log is public; this is the one who reads it for the provider.
//
// Baseline (trust on first use): the keys of the organisation already in the pin when the watch first
// runs are taken as known (the status page says when and how many). Every later key entry of the
// organisation is "not yet confirmed" until a person of the provider at the installation says it is ours
// (confirm) or not ours (disown) — except the installation's own key, which it knows by its public key. Each
// unconfirmed key is audited once when first seen (`agent.key_unconfirmed`) and logged (its id, nothing
// else); confirm and disown are audited (`agent.key_confirmed`, `agent.key_disowned`). Checked after every
// pull and before a provision plan, as the networks monitor is (./networks-monitor.ts).
//
// A person's key is said by the name the hub gives that person, when the installation learned one
// (./hub-people.ts): the log has no names, and the words say the name is the hub's.
//
// Two settings, one writer each: the watch's own state (written by the watch) and the people's word
// (written by confirm and disown), so neither overwrites the other.

const WatchSchema = z.strictObject({
  organisationId: z.string(),
  /** When the watch began, the size of the pin then and how many of the organisation's keys it held. */
  baseline: z.strictObject({ at: z.string(), size: z.number().int().min(0), count: z.number().int().min(0) }),
  /**
   * Keys after the baseline the installation knows as its own, by id: entries whose public key is its
   * installation key's (never by the id the hub gave it: the hub could log that id with a key of its own).
   */
  own: z.array(z.string()),
  /** Keys audited as not yet confirmed (each once), by id. */
  audited: z.array(z.string()),
});
type Watch = z.infer<typeof WatchSchema>;

const DECISIONS = ['ours', 'not_ours'] as const;
export type KeyDecision = (typeof DECISIONS)[number];
const DecidedSchema = z.array(
  z.strictObject({
    keyId: z.string(),
    fingerprint: z.string(),
    decision: z.enum(DECISIONS),
    by: z.string(),
    at: z.string(),
  }),
);
type Decided = z.infer<typeof DecidedSchema>;

async function readWatch(tx: Tx): Promise<Watch | undefined> {
  const text = await getSetting(tx, SETTINGS.agentKeysWatch);
  return text ? WatchSchema.parse(JSON.parse(text)) : undefined;
}

async function readDecided(tx: Tx): Promise<Decided> {
  const text = await getSetting(tx, SETTINGS.agentKeysDecided);
  return text ? DecidedSchema.parse(JSON.parse(text)) : [];
}

/** A key of the watch with a person's word on it, when one was given. */
export interface WatchedKey extends PinnedOwnKey {
  decided: { decision: KeyDecision; by: string; at: string } | null;
}

/** The watch as the status page shows it. */
export interface OwnKeysWatch {
  /** When the watch began and how many keys of the organisation it took as known then (trust on first use). */
  baseline: { at: string; count: number };
  /** Keys that entered the log since, not the installation's own, that no person has confirmed yet. */
  unconfirmed: WatchedKey[];
  /** Keys a person of the provider said are not its own. */
  disowned: WatchedKey[];
  /** How many keys since the baseline a person confirmed, and how many are the installation's own. */
  confirmed: number;
  own: number;
  /** When the hub last named the organisation's people for these words, and how many; null: never. */
  names: { at: string; count: number } | null;
}

/** The keys after the baseline in the pin, sorted by what is known of them; people said by the hub's names. */
function sorted(pinned: DirectoryExport, watch: Watch, decided: Decided, people?: HubPeople): OwnKeysWatch {
  const own = new Set(watch.own);
  const word = new Map(decided.map((d) => [d.keyId, d]));
  const out: OwnKeysWatch = {
    baseline: { at: watch.baseline.at, count: watch.baseline.count },
    unconfirmed: [],
    disowned: [],
    confirmed: 0,
    own: 0,
    names: people ? { at: people.at, count: people.people.length } : null,
  };
  for (const k of pinnedOwnKeys(pinned, watch.organisationId, hubNames(people))) {
    // A key whose entry disagrees with itself is never taken as known on first use: a person says.
    if (k.index < watch.baseline.size && !k.disagrees) continue;
    if (own.has(k.id)) {
      out.own++;
      continue;
    }
    const d = word.get(k.id);
    const decidedOn = d && d.fingerprint === k.fingerprint ? { decision: d.decision, by: d.by, at: d.at } : null;
    if (decidedOn?.decision === 'ours') out.confirmed++;
    else if (decidedOn?.decision === 'not_ours') out.disowned.push({ ...k, decided: decidedOn });
    else out.unconfirmed.push({ ...k, decided: null });
  }
  return out;
}

/**
 * The watch now (the status page, `shokai agent own-keys`): null before it first ran with a pin.
 * `known`: the pin in force as the caller holds it (not read again).
 */
export async function ownKeysWatch(uow: UnitOfWork, known?: DirectoryExport): Promise<OwnKeysWatch | null> {
  const watch = await readWatch(uow.tx);
  const pinned = watch ? (known ?? (await pinnedDirectory(uow))) : undefined;
  if (!watch || !pinned) return null;
  return sorted(pinned, watch, await readDecided(uow.tx), await hubPeople(uow.tx, watch.organisationId));
}

/**
 * Checks the pin for keys in `organisationId`'s name: the first run takes those in the pin as known, later
 * ones are known when their public key is the installation key's (`installation.publicKey`; none known
 * when it is not given), else not yet confirmed until
 * a person says; each new unconfirmed one is audited and logged once. Nothing pinned: nothing done.
 * `known`: the pin in force as the caller holds it (not read again). The watch now.
 */
export async function monitorOwnKeys(
  ctx: AppContext,
  organisationId: string,
  installation: { publicKey?: string | undefined },
  known?: DirectoryExport | null,
): Promise<OwnKeysWatch | null> {
  return inTransaction(ctx, async (uow) => {
    const pinned = known ?? (await pinnedDirectory(uow));
    if (!pinned) return null;
    const before = await readWatch(uow.tx);
    const keys = pinnedOwnKeys(pinned, organisationId);
    const watch: Watch =
      before && before.organisationId === organisationId
        ? { ...before, own: [...before.own], audited: [...before.audited] }
        : {
            organisationId,
            baseline: { at: uow.now.toISOString(), size: pinned.entries.length, count: keys.length },
            own: [],
            audited: [],
          };
    for (const k of keys) {
      const ownKey = installation.publicKey !== undefined && k.publicKey === installation.publicKey;
      if (k.index >= watch.baseline.size && ownKey && !watch.own.includes(k.id)) watch.own.push(k.id);
    }
    const now = sorted(pinned, watch, await readDecided(uow.tx), await hubPeople(uow.tx, organisationId));
    for (const k of now.unconfirmed) {
      if (watch.audited.includes(k.id)) continue;
      watch.audited.push(k.id);
      await uow.auditBy(SYSTEM_CALLER, 'agent.key_unconfirmed', ['key', k.id], {
        fingerprint: k.fingerprint,
        at: k.at,
        purpose: k.purpose,
        passkey: k.passkey,
        ownerType: k.ownerType,
        ownerId: k.ownerId,
      });
      logger.warn('agent.key_unconfirmed', { keyId: k.id });
    }
    const text = JSON.stringify(watch);
    if (!before || text !== JSON.stringify(before)) {
      await putSetting(uow.tx, SETTINGS.agentKeysWatch, text, uow.now.toISOString());
    }
    return now;
  });
}

const notWatching = () =>
  new DomainError(
    'CONFLICT',
    {
      ja: '自社名義の鍵の監視はまだ始まっていません（ディレクトリを固定し、取得を一度実行してください）',
      en: 'the watch of the keys in your name has not begun yet (pin the directory and run a pull once)',
    },
    { field: 'key' },
  );

const noSuchKey = (ref: string) =>
  new DomainError(
    'NOT_FOUND',
    {
      ja: `鍵 ${shownInput(ref)} は、監視を始めてから固定済みログに入った自社名義の鍵にありません（鍵 ID か指紋で指定してください）`,
      en:
        `${shownInput(ref)} is not a key in your name that entered the ` +
        'pinned log since the watch began (name it by key id or fingerprint)',
    },
    { field: 'key', value: ref },
  );

const ambiguous = (ref: string) =>
  new DomainError(
    'VALIDATION_FAILED',
    {
      ja: `指紋 ${shownInput(ref)} の鍵が複数あります。鍵 ID で指定してください`,
      en: `more than one key has the fingerprint ${shownInput(ref)}: name it by key id`,
    },
    { field: 'key', value: ref },
  );

/**
 * A person of the provider says a key of the watch is the provider's own (`ours`) or not (`not_ours`).
 * The key is named by its id or its fingerprint; the installation's own key and those known at the
 * baseline need no word. Audited (`agent.key_confirmed`, `agent.key_disowned`); the same word again
 * changes nothing. The key as it now stands.
 */
export async function decideOwnKey(
  uow: UnitOfWork,
  p: Principal | Caller,
  ref: string,
  decision: KeyDecision,
): Promise<WatchedKey> {
  requirePermission(p, 'key.confirm_own');
  const watch = await readWatch(uow.tx);
  const pinned = watch ? await pinnedDirectory(uow) : undefined;
  if (!watch || !pinned) throw notWatching();
  const own = new Set(watch.own);
  const names = hubNames(await hubPeople(uow.tx, watch.organisationId));
  const candidates = pinnedOwnKeys(pinned, watch.organisationId, names).filter(
    (k) =>
      (k.index >= watch.baseline.size || k.disagrees !== null) &&
      !own.has(k.id) &&
      (k.id === ref || k.fingerprint === ref),
  );
  const [k, other] = candidates;
  if (!k) throw noSuchKey(ref);
  if (other) throw ambiguous(ref);
  const decided = await readDecided(uow.tx);
  const by = p.kind === 'system' ? 'system' : p.displayName;
  const was = decided.find((d) => d.keyId === k.id);
  if (was && was.decision === decision && was.fingerprint === k.fingerprint) {
    return { ...k, decided: { decision, by: was.by, at: was.at } };
  }
  const at = uow.now.toISOString();
  const next = [
    ...decided.filter((d) => d.keyId !== k.id),
    { keyId: k.id, fingerprint: k.fingerprint, decision, by, at },
  ];
  await putSetting(uow.tx, SETTINGS.agentKeysDecided, JSON.stringify(next), at);
  await uow.auditBy(p, decision === 'ours' ? 'agent.key_confirmed' : 'agent.key_disowned', ['key', k.id], {
    fingerprint: k.fingerprint,
    at: k.at,
    purpose: k.purpose,
    passkey: k.passkey,
    ...(was ? { before: was.decision } : {}),
  });
  logger.info(decision === 'ours' ? 'agent.key_confirmed' : 'agent.key_disowned', { keyId: k.id });
  return { ...k, decided: { decision, by, at } };
}
