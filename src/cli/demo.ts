// What `serve --demo` and `demo` print: the demo logins on the first start, and on a restart how to see
// them again.
import { DEMO_PASSWORD, type DemoResult } from '../demo/seed.ts';
import { cliLocale } from '../kernel/text.ts';
import { tr } from './language.ts';

const out = (s: string) => process.stdout.write(`${s}\n`);
const ja = () => cliLocale() === 'ja';

export function printDemo(r: DemoResult, url?: string): void {
  if (url) out(ja() ? `\nshokai を起動しました: ${url}` : `\nshokai is running: ${url}`);
  out(
    ja()
      ? `デモ用ログイン（パスワード共通: ${r.logins[0]?.password ?? ''}、確認コードは TOTP）:`
      : `Demo logins (shared password: ${r.logins[0]?.password ?? ''}; second factor: TOTP):`,
  );
  for (const l of r.logins)
    out(`  ${l.login.padEnd(14)} ${l.roles.join(',').padEnd(44)} ${l.organisation}  TOTP secret ${l.totpSecret}`);
  out(
    ja()
      ? '確認コードの表示: npm run shokai -- user totp <login>'
      : 'Current code for a login: npm run shokai -- user totp <login>',
  );
  out(ja() ? 'デモ要請:' : 'Demo requests:');
  for (const q of r.requests) out(`  ${q.reference}  ${q.kind.padEnd(16)} ${q.state.padEnd(24)} ${q.summary}`);
}

/**
 * What a restarted demo says: the logins were printed on the first start, and here is how to see them
 * again (the command is run as written, from the project's folder, over the same DATABASE_URL).
 */
export function demoAgainLines(): string[] {
  return [
    tr(
      'デモデータは作成済みです（ログインは最初の起動時に表示しました）。',
      'The demo data exists already (its logins were printed on the first start).',
    ),
    `  ${tr('ログインの一覧', 'Logins')}: npm run shokai -- user list`,
    `  ${tr('パスワード（デモの全ログイン共通）', 'Password (every demo login)')}: ${DEMO_PASSWORD}`,
    `  ${tr('確認コード（TOTP）', 'Second-factor code (TOTP)')}: npm run shokai -- user totp <login>`,
  ];
}
