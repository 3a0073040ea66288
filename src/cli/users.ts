// `shokai user …`: the people of an organisation on the local store, as its operator (or the administrator
// --as names) manages them: made with a one-time enrolment code for the person (never a password of the
// operator's choosing), a new code when it lapsed or was lost, listed, disabled, their second factor's lock
// lifted; and, for local administration and the demo, a login's current one-time code. Thin: parses
// options, calls src/directory, prints (directory-lines.ts says the results in words).
import type { Command } from 'commander';
import { totpFor, unknownLogin } from '../auth/auth-service.ts';
import { unwrapKey } from '../crypto/key-wrap.ts';
import { findUserByLogin } from '../directory/directory.repository.ts';
import { listOrganisations } from '../directory/organisations.ts';
import { unlockSecondFactor } from '../directory/second-factor-unlock.ts';
import { createUser, disableUser, listUsers, reissueEnrolment, totpAad } from '../directory/users.ts';
import { SYSTEM_CALLER } from '../domain/access.ts';
import { ROLES } from '../domain/vocabulary.ts';
import { run } from '../kernel/unit-of-work.ts';
import { runLocal, withContext } from './context.ts';
import {
  createdUserLines,
  disabledUserLine,
  enrolmentLines,
  resetAwaitingLine,
  rolesInWords,
} from './directory-lines.ts';
import { tr } from './language.ts';
import { runAsLoginOn, runLocalOn } from './on-person.ts';
import { aligned, ja, out, printResult } from './output.ts';
import { adminAsOptionHelp, storeOptionHelp, storeOptions, storeResultOptions } from './store-options.ts';

export function registerUserCommands(program: Command): void {
  const user = program.command('user').description(tr('利用者の管理', 'user administration'));
  user
    .command('create')
    .requiredOption('--org <id>', tr('組織の ID', 'organisation id'))
    .option('--unit <id>', tr('部署の ID', 'unit id'))
    .requiredOption('--login <login>', tr('ログイン名', 'login name'))
    .requiredOption('--name <displayName>', tr('表示名', 'display name'))
    .requiredOption('--roles <roles>', `${tr('カンマ区切り', 'comma-separated')}: ${ROLES.join(', ')}`)
    .option(
      '--bar-number <number>',
      tr('弁護士登録番号（弁護士のみ）', "a lawyer's registration number (lawyers only)"),
    )
    .option('--bar-association <name>', tr('所属弁護士会（弁護士のみ）', "a lawyer's bar association (lawyers only)"))
    .option('--store <store>', storeOptionHelp())
    .option('--json', tr('{ user, enrolment } を JSON で出力する', 'print { user, enrolment } as JSON'))
    .description(
      tr(
        '利用者を作る。本人がパスワードを決め TOTP の秘密鍵を受け取るための登録コードを一度だけ表示する',
        'create a user; prints, once, the enrolment code with which the person chooses their password ' +
          'and receives their TOTP secret',
      ),
    )
    .action(async (o: UserCreateOptions) => {
      const r = await runLocal(o, createUser, {
        organisationId: o.org,
        unitId: o.unit ?? null,
        login: o.login,
        displayName: o.name,
        roles: o.roles.split(',').map((s) => s.trim()),
        ...(o.barNumber ? { barRegistrationNumber: o.barNumber } : {}),
        ...(o.barAssociation ? { barAssociation: o.barAssociation } : {}),
      });
      printResult(o.json, { user: r.user, enrolment: r.enrolment }, () => createdUserLines(r));
    });
  user
    .command('enrolment <login>')
    .description(
      tr(
        '新しい登録コードを発行する（期限切れ・紛失、パスワードや認証アプリをなくした人）。それまでのパスワードと TOTP は使えなくなる',
        'issue a new enrolment code (a lapsed or lost code, a lost password or authenticator); ' +
          'the password and TOTP held until now stop working',
      ),
    )
    .option('--as <adminLogin>', tr('発行する管理者のログイン', 'the administrator issuing it'))
    .option('--store <store>', storeOptionHelp())
    .option('--json', tr('{ user, enrolment } を JSON で出力する', 'print { user, enrolment } as JSON'))
    .action(async (login: string, o: { as?: string; store?: string; json?: boolean }) => {
      // By its row, not as a principal: a disabled person is refused by the service, in its words.
      const r = await runLocalOn(o, login, reissueEnrolment);
      printResult(o.json, r, ({ user, enrolment }) =>
        enrolment ? enrolmentLines(user, enrolment) : resetAwaitingLine(user),
      );
    });
  user
    .command('list')
    .description(
      tr(
        '利用者の一覧（--org があればその組織の、なければすべての組織の利用者を組織ごとに）',
        "list users: one organisation's with --org, otherwise every organisation's, grouped",
      ),
    )
    .option('--org <id>', tr('この組織の利用者だけ', "only this organisation's users"))
    .option('--store <store>', storeOptionHelp())
    .action(async (o: { org?: string; store?: string }) => {
      await withContext(o.store, async (ctx) => {
        const orgs = await run(ctx, (uow) => listOrganisations(uow));
        const users = await run(ctx, listUsers, SYSTEM_CALLER, o.org);
        // One table for all, so that the columns line up across organisations (Japanese words are wide).
        const rows = users.map((u) => [u.login, rolesInWords(u.roles), `${userStanding(u)}${u.displayName}`]);
        const lines = aligned(rows);
        for (const org of orgs) {
          const members = users.flatMap((u, i) => (u.organisationId === org.id ? [lines[i] ?? ''] : []));
          if (members.length === 0 && o.org !== org.id) continue;
          out(`${ja() ? org.nameJa : org.nameEn} (${org.id})`);
          for (const line of members) out(line);
          if (members.length === 0) out(`  ${tr('利用者はいません', 'no users')}`);
        }
      });
    });
  storeOptions(user.command('totp <login>'))
    .description(
      tr(
        'ログインの現在のワンタイムコードを表示する（ローカルの管理とデモ用。マスター鍵が必要）',
        "print the login's current one-time code (local administration and the demo; needs the master key)",
      ),
    )
    .action(async (login: string, o: { store?: string }) => {
      await withContext(o.store, async (ctx) => {
        const row = await findUserByLogin(ctx.store.db, login);
        if (!row) throw unknownLogin(login);
        if (!row.totp_secret_wrapped) {
          throw new Error(
            tr(
              `${login} はまだ登録していません（本人が登録コードで登録すると TOTP の秘密鍵ができます）`,
              `${login} has not enrolled yet (the TOTP secret is made when they enrol with their code)`,
            ),
          );
        }
        out(
          totpFor(unwrapKey(ctx.kek, row.totp_secret_wrapped, totpAad(row.id))).generate({
            timestamp: ctx.clock().getTime(),
          }),
        );
      });
    });
  storeResultOptions(user.command('disable <login>'))
    .description(tr('利用者を無効にする', 'disable a user'))
    .requiredOption('--as <adminLogin>', adminAsOptionHelp())
    .action(async (login: string, o: { as: string; store?: string; json?: boolean }) => {
      printResult(o.json, await runAsLoginOn(o, login, disableUser), disabledUserLine);
    });
  storeResultOptions(user.command('unlock <login>'))
    .description(
      tr(
        '確認コードの誤りで止まった二要素目を解除する（本人の打ち間違いと確かめてから。パスワードが漏れたならやり直しを）',
        'lift a second factor locked by wrong codes (once the person says they were theirs; if not, the ' +
          'password is known: reset them instead)',
      ),
    )
    .option('--as <adminLogin>', tr('解除する管理者のログイン', 'the administrator lifting it'))
    .action(async (login: string, o: { as?: string; store?: string; json?: boolean }) => {
      const r = await runLocalOn(o, login, unlockSecondFactor);
      printResult(o.json, r, (u) =>
        tr(
          `${u.login}（${u.displayName}）の二要素目の停止を解除しました。本人の画面にも知らせます`,
          `lifted the second-factor lock of ${u.login} (${u.displayName}); they are told on their screen`,
        ),
      );
    });
}

/**
 * What `user list` says before a person's name: disabled, their second factor locked after failed codes (the
 * password is known to someone: reset them), or not yet enrolled; nothing for an active person.
 */
function userStanding(u: {
  disabled: boolean;
  enrolmentExpiresAt: string | null;
  secondFactorLock: { failures: number } | null;
}): string {
  if (u.disabled) return `${tr('無効', 'disabled')} `;
  if (u.secondFactorLock) {
    const n = u.secondFactorLock.failures;
    return `${tr(`二要素目停止中（確認コードの誤り${n}回）`, `second factor locked (${n} wrong codes)`)} `;
  }
  return u.enrolmentExpiresAt === null ? '' : `${tr('登録待ち', 'not yet enrolled')} `;
}

interface UserCreateOptions {
  json?: boolean;
  org: string;
  unit?: string;
  login: string;
  name: string;
  roles: string;
  barNumber?: string;
  barAssociation?: string;
  store?: string;
}
