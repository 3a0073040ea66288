import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { analyzeMessage } from '../evidence/mail/analyze.ts';
import type { MailAnalysis } from '../evidence/mail/types.ts';
import { cliLocale, type Locale } from '../kernel/text.ts';
import { tr } from './language.ts';
import { JSON_HELP, printResult } from './output.ts';

const L = {
  origin: { ja: '発信元アドレス', en: 'Originating address' },
  time: { ja: '発信時刻（最後の信頼できる受信）', en: 'Originating time (last trusted receipt)' },
  none: { ja: '（特定できません）', en: '(not established)' },
  // The source port the last trusted server wrote with the address: behind CGNAT it names one subscriber.
  port: { ja: '送信元ポート', en: 'source port' },
  hops: { ja: '経由（下から順に）', en: 'Hops (bottom-up)' },
  trusted: { ja: '信頼', en: 'trusted' },
  claim: { ja: '主張（偽造の可能性）', en: 'claim (may be forged)' },
  auth: { ja: '認証結果（受信時の記録）', en: 'Authentication results (as stated at delivery)' },
  authNone: { ja: '（信頼できる Authentication-Results なし）', en: '(no trusted Authentication-Results)' },
  warnings: { ja: '警告', en: 'Warnings' },
  hop: { ja: '経由', en: 'hop' },
  delay: { ja: '遅延', en: 'delay' },
  // A hop's time as its Received header writes it, and the same instant in UTC.
  hopTime: { ja: '記載の時刻', en: 'time' },
  utc: { ja: '協定世界時', en: 'UTC' },
} as const;

export function renderMailTable(a: MailAnalysis, locale: Locale): string {
  const t = (k: keyof typeof L): string => L[k][locale];
  const out: string[] = [];
  const port = a.originatingPort === null ? '' : `  ${t('port')}: ${a.originatingPort}`;
  out.push(`${t('origin')}: ${a.originatingIp ?? t('none')}${a.originatingIp === null ? '' : port}`);
  out.push(`${t('time')}: ${a.originatingTime ?? t('none')}`);
  // Trust extended through an internal address: said beside the origin, not only among the warnings.
  const internal = a.warnings.find((w) => w.code === 'MAIL_TRUST_EXTENDED_INTERNAL' && w.details?.address);
  if (internal) out.push(`!! ${locale === 'ja' ? internal.messageJa : internal.message}`);
  out.push('', `${t('hops')}:`);
  a.hops.forEach((h, i) => {
    const from =
      [
        h.from.helo && `HELO ${h.from.helo}`,
        h.from.rdns && `rDNS ${h.from.rdns}`,
        h.from.ip && `IP ${h.from.ip}`,
        h.from.port !== null && `${t('port')} ${h.from.port}`,
      ]
        .filter(Boolean)
        .join(', ') || '-';
    out.push(`  [${i}] ${h.trusted ? t('trusted') : t('claim')}`);
    out.push(`      from: ${from}`);
    out.push(`      by: ${h.by ?? '-'}  with: ${h.with ?? '-'}  id: ${h.id ?? '-'}${h.for ? `  for: ${h.for}` : ''}`);
    out.push(
      `      ${t('hopTime')}: ${h.time ?? '-'}  ${t('utc')}: ${h.timeUtc ?? '-'}` +
        `${h.delaySeconds !== null ? `  ${t('delay')}: ${h.delaySeconds}${locale === 'ja' ? ' 秒' : 's'}` : ''}`,
    );
  });
  out.push('', `${t('auth')}:`);
  if (a.authentication.results.length === 0) out.push(`  ${t('authNone')}`);
  for (const r of a.authentication.results)
    out.push(`  ${r.method}=${r.result}${r.domain ? ` (${r.domain}${r.selector ? `, s=${r.selector}` : ''})` : ''}`);
  out.push(`  ${locale === 'ja' ? a.authentication.note.messageJa : a.authentication.note.message}`);
  if (a.warnings.length > 0) {
    out.push('', `${t('warnings')}:`);
    // Each in words, with the hop it concerns; the code is for programs (--json).
    for (const w of a.warnings) {
      const hop = w.hop !== undefined ? `${t('hop')} ${w.hop}: ` : '';
      out.push(`  - ${hop}${locale === 'ja' ? w.messageJa : w.message}`);
    }
  }
  return out.join('\n');
}

export function registerMailCommands(program: Command): void {
  const mail = program.command('mail').description(tr('メールの証拠解析', 'e-mail evidence'));
  mail
    .command('analyze')
    .description(
      tr(
        'メールのヘッダから発信元アドレスと時刻を特定する（オフライン）',
        "find the originating address and time from a message's headers (offline)",
      ),
    )
    .argument(
      '<file>',
      tr('.eml またはヘッダのみのファイル（"-" は標準入力）', '.eml or headers alone; "-" reads standard input'),
    )
    .option(
      '--trusted <list>',
      tr(
        '受信側組織の中継サーバ: アドレス、CIDR、ホスト名（カンマ区切り、繰り返し可）',
        "receiving organisation's relays: addresses, CIDRs, host names (comma-separated, repeatable)",
      ),
      (v: string, prev: string[]) => [...prev, v],
      [] as string[],
    )
    .option(
      '--authserv-id <id>',
      tr(
        'この authserv-id の Authentication-Results を信頼する',
        'authserv-id whose Authentication-Results are trusted',
      ),
    )
    .option('--json', JSON_HELP())
    .action((file: string, opts: { trusted: string[]; authservId?: string; json?: boolean }) => {
      const raw = file === '-' ? readFileSync(0) : readFileSync(file);
      const analysis = analyzeMessage(raw, {
        trusted: opts.trusted,
        ...(opts.authservId ? { authservId: opts.authservId } : {}),
      });
      printResult(opts.json, analysis, (a) => renderMailTable(a, cliLocale()));
    });
}
