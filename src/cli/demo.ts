// What `serve --demo` and `demo` print: the demo logins on the first start, on a restart how to see
// them again (the password read back from the file that keeps them), and why `serve` refuses a demo
// store without --demo.
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { DEMO_ISP_HEADING, demoIspCommands, demoIspCommandsPath } from '../demo/isp-records.ts';
import type { DemoResult } from '../demo/seed.ts';
import { byLocalhostName } from '../domain/host-names.ts';
import { labelOf, REQUEST_KIND_LABELS, REQUEST_STATE_LABELS, ROLE_LABELS } from '../domain/vocabulary.ts';
import { tr } from './language.ts';
import { aligned, ja, out } from './output.ts';

/** The demo's logins and requests as the first start prints them: roles, kinds and states in words. */
function demoLines(r: DemoResult): string[] {
  const say = (label: { ja: string; en: string }) => (ja() ? label.ja : label.en);
  const logins = aligned(
    r.logins.map((l) => [
      l.login,
      l.roles.map((role) => say(labelOf(ROLE_LABELS, role))).join(tr('、', ', ')),
      tr(l.organisation, l.organisationEn),
      `${tr('TOTP の秘密鍵', 'TOTP secret')} ${l.totpSecret}`,
    ]),
  );
  const requests = aligned(
    r.requests.map((q) => [
      q.reference,
      say(labelOf(REQUEST_KIND_LABELS, q.kind)),
      say(labelOf(REQUEST_STATE_LABELS, q.state)),
      tr(q.summaryJa, q.summary),
    ]),
  );
  return [
    tr(
      `デモ用ログイン（パスワード共通: ${r.logins[0]?.password ?? ''}、確認コードは TOTP）:`,
      `Demo logins (shared password: ${r.logins[0]?.password ?? ''}; second factor: TOTP):`,
    ),
    ...logins,
    tr(
      '確認コードの表示: npm run shokai -- user totp <login>',
      'Current code for a login: npm run shokai -- user totp <login>',
    ),
    tr('デモの照会:', 'Demo requests:'),
    ...requests,
    ...(r.logins.some((l) => l.login === 'hibari.legal') ? resellerLines() : []),
  ];
}

/**
 * Where a person opens the hub in a browser, when the URL the server gives is a loopback address and passkeys
 * are scoped to `localhost` (the default relying party): a browser refuses a passkey on an IP address, so the
 * same server is named by the host name. Null when the URL already names the host people reach.
 */
export function browserUrl(url: string, rpId: string): string | null {
  const u = rpId === 'localhost' ? byLocalhostName(url) : null;
  return u ? u.toString().replace(/\/$/, '') : null;
}

/** The line that says where the browser opens the hub (passkeys need the host name), when it differs. */
export function browserLine(url: string, rpId: string): string[] {
  const b = browserUrl(url, rpId);
  if (!b) return [];
  return [
    tr(
      `ブラウザでは ${b} を開いてください（パスキーは IP アドレスでは使えません）`,
      `Open ${b} in a browser (passkeys do not work on an IP address)`,
    ),
  ];
}

export function printDemo(r: DemoResult, dataDir: string, url?: string, rpId = 'localhost'): void {
  if (url) {
    out(ja() ? `\nshokai を起動しました: ${url}` : `\nshokai is running: ${url}`);
    for (const line of browserLine(url, rpId)) out(line);
  }
  for (const line of demoLines(r)) out(line);
  if (r.ispTrace) {
    for (const line of ja() ? DEMO_ISP_HEADING.ja : DEMO_ISP_HEADING.en) out(line);
    for (const line of demoIspCommands(dataDir, r.ispTrace)) out(`  ${line}`);
  }
}

/** The demo's reseller (an MVNO): the chain of provision orders down to it and its compromised earlier key. */
function resellerLines(): string[] {
  return ja()
    ? [
        'デモの再販事業者（MVNO）:',
        '  提供命令の連鎖 さくら掲示板 → 日本ネットワーク通信 → ひばりモバイル',
        '  （lawyer の開示命令事件、hibari.legal の裁判所命令）',
        '  漏えいとして記録された以前の回答鍵: 封緘し直す通知 1 件（hibari.legal の端末ページ。',
        '  この端末を登録し、データフォルダの demo-recovery-hibari.legal.json を回復鍵として読み込むと表示されます）',
      ]
    : [
        "The demo's reseller (an MVNO):",
        "  a chain of provision orders Sakura Board → Nihon Network Communications → Hibari Mobile (the lawyer's",
        "  disclosure-order cases, hibari.legal's court orders)",
        "  an earlier answer key marked compromised: one notice left to seal again (hibari.legal's devices page:",
        '  register this browser, then load demo-recovery-hibari.legal.json from the data folder as the recovery key)',
      ];
}

/** Where the logins were kept, after printing them on the first start. */
export function keptLine(loginsFile: string): string {
  return tr(`（ログインは ${loginsFile} に保存しました）`, `(logins kept in ${loginsFile})`);
}

/**
 * What a restarted demo says: its logins were printed on the first start and kept in `loginsFile`;
 * how to list them, their password (read back from that file) and how to get a code. The commands
 * are run as written, from the project's folder, over the same DATABASE_URL.
 */
export function demoAgainLines(
  loginsFile: string,
  kept: { demo: DemoResult } | { problem: 'missing' | 'other_store' | 'unreadable' },
): string[] {
  const ispCommands = demoIspCommandsPath(dirname(loginsFile));
  const password =
    'demo' in kept
      ? (kept.demo.logins[0]?.password ?? '')
      : kept.problem === 'other_store'
        ? tr(`（${loginsFile} は別のストアのものです）`, `(${loginsFile} belongs to another store)`)
        : kept.problem === 'missing'
          ? tr(
              `（${loginsFile} がありません。作成時にのみ表示しました）`,
              `(${loginsFile} is missing; it was printed when the demo was seeded)`,
            )
          : tr(`（${loginsFile} を読めません）`, `(${loginsFile} cannot be read)`);
  return [
    tr(
      `デモデータは作成済みです（ログインは最初の起動時に表示し、${loginsFile} に保存しました）。`,
      `The demo data exists already (its logins were printed on the first start and kept in ${loginsFile}).`,
    ),
    `  ${tr('ログインの一覧', 'Logins')}: npm run shokai -- user list`,
    `  ${tr('パスワード（デモの全ログイン共通）', 'Password (every demo login)')}: ${password}`,
    `  ${tr('確認コード（TOTP）', 'Second-factor code (TOTP)')}: npm run shokai -- user totp <login>`,
    ...(existsSync(ispCommands)
      ? [`  ${tr('ISP が自社の記録で特定する手順', "The ISP's lookup in its own records")}: ${ispCommands}`]
      : []),
  ];
}

/** Why `serve` without --demo refuses a store holding the demo's accounts, and the ways out. */
export function demoStoreRefusal(store: string, logins: string[]): string {
  const some = `${logins.slice(0, 4).join(', ')}${logins.length > 4 ? ', …' : ''}`;
  return ja()
    ? `このストア（${store}）にはデモ用アカウント（${logins.length} 件: ${some}）があり、そのパスワードはデモを起動した人に表示されています。` +
        'デモとして起動するなら `shokai serve --demo`（npm start）、本番なら DATABASE_URL に別の（デモを含まない）ストアを指定してください。'
    : `this store (${store}) holds the demo's accounts (${logins.length}: ${some}), ` +
        'whose password was printed to whoever ran the demo. ' +
        'To run the demo, start it with `shokai serve --demo` (npm start); ' +
        'for a real installation, point DATABASE_URL ' +
        'at another store, one without the demo.';
}
