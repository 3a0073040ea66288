// What the directory's commands print for people (`shokai org create | add-unit`, `user create | disable`,
// `key list | rotate | revoke`): names, kinds, roles, key purposes and revocation reasons by their labels in
// the CLI's language. The objects themselves, with their codes, are what --json prints for programs.

import type { Organisation, Unit, User } from '../directory/model.ts';
import { listOrganisations, listUnits } from '../directory/organisations.ts';
import { type createUser, type Enrolment, listUsers } from '../directory/users.ts';
import { SYSTEM_CALLER } from '../domain/access.ts';
import type { PublicKeyRecord } from '../domain/key-trust.ts';
import { shownFingerprint } from '../domain/shown-text.ts';
import { formatDateTime } from '../domain/time.ts';
import {
  type Bilingual,
  KEY_PURPOSE_LABELS,
  KEY_REVOCATION_REASON_LABELS,
  labelOf,
  ORGANISATION_KIND_LABELS,
  ROLE_GRANT_STATE_LABELS,
  ROLE_LABELS,
  type Role,
} from '../domain/vocabulary.ts';
import type { AppContext } from '../kernel/context.ts';
import { cliLocale } from '../kernel/text.ts';
import { run } from '../kernel/unit-of-work.ts';
import { zoneOption } from './context.ts';
import { tr } from './language.ts';
import { aligned } from './output.ts';
import type { ShowInstant } from './zone.ts';

/** Who holds a key, by the kind of its owner (as the web's administration page says it). */
const KEY_OWNER_LABELS: Record<string, Bilingual> = {
  organisation: { ja: '組織', en: 'Organisation' },
  unit: { ja: '所属', en: 'Unit' },
  user: { ja: '利用者', en: 'Person' },
  client: { ja: '連携システム', en: 'Machine client' },
  system: { ja: 'この設置のシステム', en: "This installation's system" },
};

/** The owners of keys known by name (organisation, units, people), by their id. */
export type OwnerNames = ReadonlyMap<string, Bilingual>;

/** A user's roles by their labels in the CLI's language (`法務担当、データ抽出担当`), never the role keys. */
export function rolesInWords(roles: readonly Role[]): string {
  const lang = cliLocale();
  return roles.map((r) => ROLE_LABELS[r][lang]).join(lang === 'ja' ? '、' : ', ');
}

/** `org create`: the organisation registered, its kind in words, and its id (which later commands take). */
export function organisationLine(o: Organisation): string {
  const kind = ORGANISATION_KIND_LABELS[o.kind];
  return tr(
    `組織を登録しました: ${o.nameJa}（${kind.ja}${o.isTelecomCarrier ? '・電気通信事業者' : ''}）  ID ${o.id}`,
    `registered the organisation ${o.nameEn} (${kind.en}${o.isTelecomCarrier ? ', telecommunications carrier' : ''})` +
      `, id ${o.id}`,
  );
}

/** `org add-unit`: the unit added and its id. */
export function unitLine(u: Unit): string {
  return tr(
    `所属を加えました: ${u.nameJa}  ID ${u.id}（署名用と暗号化用の鍵も作りました）`,
    `added the unit ${u.nameEn}, id ${u.id} (with its signing and encryption keys)`,
  );
}

/**
 * `user create`: who was made, with which roles; the privileged roles that wait for a second person's
 * countersignature (with the grant to name); and the enrolment code, shown this once.
 */
export function createdUserLines(r: Awaited<ReturnType<typeof createUser>>): string[] {
  const u = r.user;
  const lines = [
    tr(
      `利用者を作りました: ${u.login}（${u.displayName}）  ID ${u.id}`,
      `created the user ${u.login} (${u.displayName}), id ${u.id}`,
    ),
  ];
  if (u.roles.length > 0) lines.push(`${tr('ロール', 'roles')}: ${rolesInWords(u.roles)}`);
  for (const g of r.grants.filter((g) => g.state === 'pending')) {
    lines.push(
      tr(
        `${ROLE_GRANT_STATE_LABELS.pending.ja}: ${ROLE_LABELS[g.role].ja}` +
          `（二人目の管理者か鍵管理責任者が shokai user countersign ${g.id} --as <ログイン名> で副署すると有効になります）`,
        `${ROLE_GRANT_STATE_LABELS.pending.en.toLowerCase()}: ${ROLE_LABELS[g.role].en} ` +
          `(it takes effect once a second administrator or the key officer countersigns it: ` +
          `shokai user countersign ${g.id} --as <their login>)`,
      ),
    );
  }
  return [...lines, ...enrolmentLines(u, r.enrolment)];
}

/**
 * The enrolment code to hand to the person, shown this once, with when it lapses (this machine's zone, with
 * its offset) and what they do with it: the administrator never learns their password or TOTP secret.
 */
export function enrolmentLines(u: Pick<User, 'login'>, e: Enrolment): string[] {
  const until = new Date(e.expiresAt);
  const zone = zoneOption(undefined);
  return [
    tr(
      `登録コード（表示はこの一度だけです。${u.login} さん本人に渡してください）: ${e.code}`,
      `enrolment code (shown this once: hand it to ${u.login} in person): ${e.code}`,
    ),
    tr(
      `有効期限: ${formatDateTime(until, 'ja', zone)}。本人がハブの /enrol でこのコードを使い、` +
        'パスワードを決めて TOTP の秘密鍵を受け取ります',
      `valid until ${formatDateTime(until, 'en', zone)}; with it the person chooses their password and ` +
        "receives their TOTP secret at the hub's /enrol",
    ),
  ];
}

/** `user enrolment` of a privileged person: the reset waits for a second person, who runs the same command. */
export function resetAwaitingLine(u: Pick<User, 'login' | 'displayName'>): string {
  return tr(
    `${u.login}（${u.displayName}）のやり直しを依頼しました。特権のある役割を持つ人のため、二人目の管理者か` +
      `鍵管理責任者が 24 時間以内に shokai user enrolment ${u.login} --as <ログイン名> を実行すると登録コードが発行されます`,
    `asked to reset ${u.login} (${u.displayName}): they hold a privileged role, so the code is issued when ` +
      `a second administrator or the key officer runs shokai user enrolment ${u.login} --as <their login> ` +
      'within 24 hours',
  );
}

/** `user disable`: who was disabled. */
export function disabledUserLine(u: User): string {
  return tr(
    `利用者を無効にしました: ${u.login}（${u.displayName}）。ログイン中のセッションも終了しました`,
    `disabled ${u.login} (${u.displayName}); their sessions are ended`,
  );
}

/**
 * A key's cells: id, owner, purpose, fingerprint, validity, and its revocation when revoked; its instants in the
 * operator's zone with the offset (`shown`).
 */
function keyCells(k: PublicKeyRecord, names: OwnerNames, shown: ShowInstant): string[] {
  const lang = cliLocale();
  const name = names.get(k.ownerId)?.[lang];
  const owner = `${labelOf(KEY_OWNER_LABELS, k.ownerType)[lang]}: ${name ? `${name} (${k.ownerId})` : k.ownerId}`;
  const [from, to] = [shown(k.validFrom), shown(k.validTo)];
  const validity = k.validTo
    ? tr(`有効 ${from} 〜 ${to}`, `valid ${from} to ${to}`)
    : tr(`有効 ${from} 〜`, `valid from ${from}`);
  const reason = k.revocationReason ? labelOf(KEY_REVOCATION_REASON_LABELS, k.revocationReason)[lang] : null;
  const revoked = k.revokedAt
    ? tr(
        `失効 ${shown(k.revokedAt)}${reason ? `（${reason}）` : ''}`,
        `revoked ${shown(k.revokedAt)}${reason ? ` (${reason})` : ''}`,
      )
    : '';
  const purpose = labelOf(KEY_PURPOSE_LABELS, k.purpose)[lang];
  return [k.id, owner, purpose, shownFingerprint(k.fingerprint), `${validity}${revoked ? `  ${revoked}` : ''}`];
}

/** The organisation, its units and its people by name, for the owners of its keys. */
export async function keyOwnerNames(ctx: AppContext, organisationId: string): Promise<OwnerNames> {
  const names = new Map<string, Bilingual>();
  const org = (await run(ctx, (uow) => listOrganisations(uow))).find((x) => x.id === organisationId);
  if (org) names.set(org.id, { ja: org.nameJa, en: org.nameEn });
  for (const u of await run(ctx, (uow) => listUnits(uow, organisationId)))
    names.set(u.id, { ja: u.nameJa, en: u.nameEn });
  for (const u of await run(ctx, listUsers, SYSTEM_CALLER, organisationId))
    names.set(u.id, { ja: u.displayName, en: u.displayName });
  return names;
}

/** `key list`: one line a key, in columns, its owner by name when `names` knows it. */
export function keyLines(keys: readonly PublicKeyRecord[], names: OwnerNames, shown: ShowInstant): string[] {
  return aligned(
    keys.map((k) => keyCells(k, names, shown)),
    '',
  );
}

/** `key rotate`: the new key. */
export function rotatedKeyLine(k: PublicKeyRecord, names: OwnerNames, shown: ShowInstant): string {
  return `${tr('鍵を新しくしました', 'rotated; the new key')}: ${keyCells(k, names, shown).join('  ')}`;
}

/** `key revoke`: the key revoked, and why. */
export function revokedKeyLine(k: PublicKeyRecord): string {
  const reason = k.revocationReason ? labelOf(KEY_REVOCATION_REASON_LABELS, k.revocationReason) : null;
  return tr(
    `鍵を失効させました: ${k.id}${reason ? `（理由: ${reason.ja}）` : ''}`,
    `revoked the key ${k.id}${reason ? ` (reason: ${reason.en})` : ''}`,
  );
}
