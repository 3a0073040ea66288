import type { Db, Tx } from './database.ts';

// The installation's own settings, kept with its data (they travel with a backup of the store).

export const SETTINGS = {
  /** The provider organisation the attribution data (subscribers, logs) of this installation belongs to. */
  attributionOwner: 'attribution.owner',
  /** Deconfliction: days an issued request counts as recent for a match (default in src/overlap). */
  overlapWindowDays: 'overlap.window_days',
  /** Deconfliction: matches a unit's issuances may notify in 24 hours before further ones are held. */
  overlapNoticesPerDay: 'overlap.notices_per_day',
  /** Retention: JSON of per-kind periods and modes overriding the defaults (src/domain/retention.ts). */
  retentionPolicy: 'retention.policy',
  /**
   * Key transparency: the hub directory this installation imported and pinned
   * (JSON, src/domain/pinned-directory.ts).
   */
  pinnedDirectory: 'directory.pinned',
  /**
   * Key transparency, on the hub: the latest head it signed of its own directory log (JSON, a signed
   * DirectoryHead), taken only when the log extends the one before (src/directory/published-log.ts).
   */
  publishedDirectoryHead: 'directory.published_head',
  /**
   * Key transparency: for each run of positions a pin's extension appended, the instant this installation first
   * pinned it (JSON, src/directory/first-pinned.ts); empty again at a first pin. A key ages from the later of it
   * and its entry's own `at` (src/domain/pinned-times.ts).
   */
  firstPinned: 'directory.first_pinned',
  /** The provider's own installation: its reviewers (names and hashes of their access codes, JSON). */
  agentReviewers: 'agent.reviewers',
  /** The provider's own installation: the hub's log refused as not extending the pin, while it lasts (JSON). */
  agentPinRefused: 'agent.pin_refused',
  /** The provider's own installation: when the pin was last found to be the hub's whole log (JSON). */
  agentPinConfirmed: 'agent.pin_confirmed',
  /**
   * The provider's own installation: the ids the hub listed and answered with an error for, counted under the
   * pin's size (JSON, src/agent/not-given.ts), so an id answered so a few times is not fetched until the pin grows.
   */
  agentNotGiven: 'agent.not_given',
  /**
   * The provider's own installation: the `networks` entries in its own name in the pin that it did not
   * sign with its installation key (JSON, src/agent/networks-monitor.ts).
   */
  agentNetworksForeign: 'agent.networks_foreign',
  /**
   * The provider's own installation: the watch of the keys in its own organisation's name in the pin —
   * where it began (trust on first use), the keys it knows as its own, those audited as unconfirmed
   * (JSON, src/agent/keys-monitor.ts). Written by the watch only.
   */
  agentKeysWatch: 'agent.keys_watch',
  /** The provider's own installation: its people's word on each key of the watch, ours or not ours (JSON). */
  agentKeysDecided: 'agent.keys_decided',
  /**
   * The provider's own installation: the people of its organisation as the hub last named them (id, display
   * name, login, roles; JSON, src/agent/hub-people.ts), so a key of a person in the pin is said by name.
   * Replaced each time the hub answers, kept when it does not.
   */
  agentHubPeople: 'agent.hub_people',
  /**
   * The provider's own installation: the words of disclosure orders as changed on an objection suit, by
   * their SHA-256 (the pinned log publishes only the digest; JSON, src/agent/changed-orders.ts).
   */
  agentChangedOrders: 'agent.changed_orders',
  /**
   * The provider's own installation: the category it last opened with (agent.json's `providerCategory`; empty:
   * none said), kept to notice and audit a change; held requests are judged by each process's own category
   * (src/agent/own-category.ts).
   */
  agentProviderCategory: 'agent.provider_category',
} as const;
export type SettingKey = (typeof SETTINGS)[keyof typeof SETTINGS];

export async function getSetting(db: Db | Tx, key: SettingKey): Promise<string | undefined> {
  const r = await db.selectFrom('installation_settings').select('value').where('key', '=', key).executeTakeFirst();
  return r?.value;
}

/** Sets a setting only if it is not set yet; returns the value in force. */
export async function setSettingOnce(tx: Tx, key: SettingKey, value: string, at: string): Promise<string> {
  await tx
    .insertInto('installation_settings')
    .values({ key, value, set_at: at })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  return (await getSetting(tx, key)) ?? value;
}

/**
 * Sets a setting to `value` only if it still holds `expected` (undefined: not set yet); whether it did. Two
 * writers that read the same value: the second finds it changed (a row lock on PostgreSQL, the write lock on
 * SQLite) and writes nothing.
 */
export async function replaceSettingIf(
  tx: Tx,
  key: SettingKey,
  expected: string | undefined,
  value: string,
  at: string,
): Promise<boolean> {
  if (expected === undefined) {
    const r = await tx
      .insertInto('installation_settings')
      .values({ key, value, set_at: at })
      .onConflict((oc) => oc.column('key').doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
  }
  const r = await tx
    .updateTable('installation_settings')
    .set({ value, set_at: at })
    .where('key', '=', key)
    .where('value', '=', expected)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Sets (or replaces) a setting. */
export async function putSetting(tx: Tx, key: SettingKey, value: string, at: string): Promise<void> {
  await tx
    .insertInto('installation_settings')
    .values({ key, value, set_at: at })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value, set_at: at }))
    .execute();
}
