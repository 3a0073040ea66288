// `shokai user grants | countersign | refuse`: the second person of the two-person rule, at the
// command line of the installation (the web's administration page does the same); `shokai user end-role`:
// a person's role ends while their account stays; `shokai user grant-role`: granted again (a new period);
// `shokai user roles`: a person's roles over time, as the web's people page shows them.
import type { Command } from 'commander';
import { endRole } from '../directory/role-ends.ts';
import { countersignGrant, listGrants, refuseGrant } from '../directory/role-grants.ts';
import { listRolePeriods } from '../directory/role-periods.ts';
import { grantRoleToUser } from '../directory/role-regrants.ts';
import { pendingRoleWords, rolePeriodWords, UNCOUNTERSIGNED_WORDS } from '../domain/role-periods.ts';
import { ROLE_GRANT_STATE_LABELS, ROLE_LABELS, ROLES } from '../domain/vocabulary.ts';
import { cliLocale } from '../kernel/text.ts';
import { runAsLogin, runLocal, zoneOption } from './context.ts';
import { tr } from './language.ts';
import { runAsLoginOn, runLocalOn } from './on-person.ts';
import { aligned, out, printResult } from './output.ts';
import { adminAsOptionHelp, storeOptionHelp } from './store-options.ts';
import { instantsIn } from './zone.ts';

export function registerGrantCommands(program: Command): void {
  const user = program.commands.find((c) => c.name() === 'user') ?? program.command('user');
  user
    .command('grants')
    .description(
      tr(
        '組織の特権ロールの付与と、二人目の副署があるか',
        'grants of privileged roles of an organisation, and whether a second person countersigned them',
      ),
    )
    .requiredOption('--org <id>', tr('組織の ID', 'organisation id'))
    .option('--state <state>', 'pending | active | refused | ended')
    .option('--store <store>', storeOptionHelp())
    .action(async (o: { org: string; state?: string; store?: string }) => {
      const grants = await runLocal(o, listGrants, o.org, o.state ? { state: o.state } : {});
      const lang = cliLocale();
      const rows = grants.map((g) => [
        g.id,
        g.userLogin,
        ROLE_LABELS[g.role][lang],
        ROLE_GRANT_STATE_LABELS[g.state][lang],
        g.uncountersigned ? UNCOUNTERSIGNED_WORDS[g.uncountersigned][lang] : '',
      ]);
      if (rows.length === 0) out(tr('特権ロールの付与はありません', 'no grants of privileged roles'));
      for (const line of aligned(rows, '')) out(line);
    });
  user
    .command('countersign <grantId>')
    .description(
      tr(
        '保留中の付与に、二人目の管理者または鍵管理責任者として副署する（付与した本人は不可）',
        'countersign a pending grant as a second administrator or the key officer (never the granter)',
      ),
    )
    .requiredOption(
      '--as <login>',
      tr('副署する管理者または鍵管理責任者のログイン', 'the administrator or key officer countersigning'),
    )
    .option('--store <store>', storeOptionHelp())
    .option('--json', tr('付与を JSON で出力する', 'print the grant as JSON'))
    .action(async (grantId: string, o: { as: string; store?: string; json?: boolean }) => {
      printResult(o.json, await runAsLogin(o, countersignGrant, grantId), (g) => {
        const role = ROLE_LABELS[g.role][cliLocale()];
        return tr(
          `副署しました: ${g.userLogin}（${g.userName}）の「${role}」は有効になりました`,
          `countersigned: ${g.userLogin} (${g.userName}) now holds the role ${role}`,
        );
      });
    });
  user
    .command('refuse <grantId>')
    .description(tr('保留中の付与を、理由を付けて拒否する', 'refuse a pending grant, with a reason'))
    .requiredOption('--as <login>', tr('拒否する管理者のログイン', 'the administrator refusing'))
    .requiredOption('--reason <text>', tr('理由', 'the reason'))
    .option('--store <store>', storeOptionHelp())
    .option('--json', tr('付与を JSON で出力する', 'print the grant as JSON'))
    .action(async (grantId: string, o: { as: string; reason: string; store?: string; json?: boolean }) => {
      printResult(o.json, await runAsLogin(o, refuseGrant, grantId, { reason: o.reason }), (g) => {
        const role = ROLE_LABELS[g.role][cliLocale()];
        return tr(
          `拒否しました: ${g.userLogin}（${g.userName}）への「${role}」の付与（理由: ${g.refusalReason ?? ''}）`,
          `refused: the role ${role} for ${g.userLogin} (${g.userName}); reason: ${g.refusalReason ?? ''}`,
        );
      });
    });
  roleCommand(
    user,
    'end-role',
    tr(
      '利用者の役割を一つ終了する（アカウントは残す。ディレクトリのログに終了時刻を記録し、以後の署名はその役割で受け付けない）',
      "end one of a person's roles while their account stays (the directory log records the end; " +
        'what they sign afterwards is not taken in that role)',
    ),
    tr('利用者を JSON で出力する', 'print the user as JSON'),
  ).action(async (login: string, o: RoleOptions) => {
    printResult(o.json, await runAsLoginOn(o, login, endRole, { role: o.role }), (u) => {
      const role = ROLES.find((r) => r === o.role);
      const label = role ? ROLE_LABELS[role][cliLocale()] : o.role;
      return tr(
        `${u.login}（${u.displayName}）の「${label}」の役割を終了しました（アカウントは有効のままです）`,
        `ended the role ${label} of ${u.login} (${u.displayName}); their account stays`,
      );
    });
  });
  roleCommand(
    user,
    'grant-role',
    tr(
      '登録済みの利用者に役割を付与する（特権ロールは二人目の副署待ち。ディレクトリのログでは新しい期間になる）',
      'grant a role to a person who exists (a privileged one waits for a countersignature; a new period in the log)',
    ),
    tr('付与を JSON で出力する', 'print the grant as JSON'),
  ).action(async (login: string, o: RoleOptions) => {
    printResult(o.json, await runAsLoginOn(o, login, grantRoleToUser, { role: o.role }), (g) => {
      const role = ROLE_LABELS[g.role][cliLocale()];
      const state = ROLE_GRANT_STATE_LABELS[g.state][cliLocale()];
      return tr(
        `${login} に「${role}」を付与しました（${state}: ${g.id}）`,
        `granted ${login} the role ${role} (${state.toLowerCase()}: ${g.id})`,
      );
    });
  });
  user
    .command('roles <login>')
    .description(
      tr(
        '利用者の役割の経緯（役割ごとに、開始と終了の日時、付与・副署・終了した者）',
        "a person's roles over time (each role's start and end, and who granted, countersigned or ended it)",
      ),
    )
    .option('--as <adminLogin>', tr('参照する管理者のログイン（省略時は設置の運用者）', 'the administrator reading'))
    .option('--zone <zone>', tr('日時を表示するタイムゾーン（IANA）', 'the time zone instants are shown in (IANA)'))
    .option('--store <store>', storeOptionHelp())
    .option('--json', tr('期間を JSON で出力する（日時は UTC）', 'print the periods as JSON (instants in UTC)'))
    .action(async (login: string, o: { as?: string; zone?: string; store?: string; json?: boolean }) => {
      const zone = zoneOption(o.zone);
      const lang = cliLocale();
      const instant = instantsIn(zone);
      printResult(o.json, await runLocalOn(o, login, listRolePeriods), ({ items, pending }) => {
        const held = items.map((p) => {
          const w = rolePeriodWords(p, lang, instant);
          return `${w.role}: ${w.start} — ${w.end}`;
        });
        const waiting = pending.map((p) => {
          const w = pendingRoleWords(p, lang, instant);
          return `${w.role}: ${w.state}`;
        });
        if (held.length === 0 && waiting.length === 0) {
          return [tr(`${login} に記録された役割はありません`, `no role is recorded for ${login}`)];
        }
        return waiting.length === 0
          ? held
          : [...held, tr('副署待ち（保持していない）:', 'pending (not held):'), ...waiting];
      });
    });
}

interface RoleOptions {
  role: string;
  as: string;
  store?: string;
  json?: boolean;
}

/** `user <name> <login> --role --as`: an administrator changes one role of a person who exists. */
function roleCommand(user: Command, name: string, description: string, jsonHelp: string): Command {
  return user
    .command(`${name} <login>`)
    .description(description)
    .requiredOption('--role <role>', ROLES.join(' | '))
    .requiredOption('--as <adminLogin>', adminAsOptionHelp())
    .option('--store <store>', storeOptionHelp())
    .option('--json', jsonHelp);
}
