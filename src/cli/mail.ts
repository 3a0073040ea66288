import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { analyzeAndVerify } from '../evidence/mail/check.ts';
import { parseDnsRecords } from '../evidence/mail/dns-records.ts';
import type { DmarcVerdict, MailAnalysis, SpfVerdict } from '../evidence/mail/types.ts';
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
  sigs: { ja: '署名の検証（提供された鍵レコードによる）', en: 'Signatures checked (against the key records supplied)' },
  sigsNone: { ja: '（DKIM-Signature 欄なし）', en: '(no DKIM-Signature field)' },
  arc: { ja: 'ARC チェーン', en: 'ARC chain' },
  seal: { ja: '封印', en: 'seal' },
  // mailauth's own sentence, in English in either language: labelled so a Japanese reader does not take it
  // for ours (the verdict's words above it are ours, in both languages).
  detail: { ja: '詳細（ライブラリ mailauth の原文・英語）', en: "detail (mailauth's words)" },
  policies: { ja: 'SPF と DMARC（提供されたレコードによる）', en: 'SPF and DMARC (against the records supplied)' },
  policy: { ja: 'ポリシー', en: 'policy' },
  record: { ja: 'レコード（提供されたもの）', en: 'record (as supplied)' },
  missing: { ja: '提供されていないレコード', en: 'records not supplied' },
} as const;

// Each verdict in words; the codes are for programs (--json).
const SPF_VERDICT: Record<SpfVerdict, { ja: string; en: string }> = {
  pass: { ja: '成功', en: 'pass' },
  fail: { ja: '失敗', en: 'FAIL' },
  softfail: { ja: '弱い失敗', en: 'soft fail' },
  neutral: { ja: '中立', en: 'neutral' },
  none: { ja: 'なし', en: 'none' },
  permerror: { ja: 'レコードの誤り', en: 'record error' },
  not_supplied: { ja: '未判定（レコード未提供）', en: 'not decided (records not supplied)' },
  not_evaluated: { ja: '未判定', en: 'not checked' },
};
const DMARC_VERDICT: Record<DmarcVerdict, { ja: string; en: string }> = {
  ...SPF_VERDICT,
  incomplete: { ja: '未判定（未検証の署名などあり）', en: 'not decided (something unchecked)' },
};

const VERDICT: Record<'pass' | 'fail' | 'not_verified' | 'none', { ja: string; en: string }> = {
  pass: { ja: '成功', en: 'pass' },
  fail: { ja: '失敗', en: 'FAIL' },
  not_verified: { ja: '未検証', en: 'not verified' },
  none: { ja: 'なし', en: 'none' },
};

/** The record as supplied (each line of several) and the records a verdict needed that were not supplied. */
function recordLines(c: { record: string | null; missing: string[] }, locale: Locale): string[] {
  const out = (c.record ?? '')
    .split('\n')
    .filter((r) => r !== '')
    .map((r) => `      ${L.record[locale]}: ${r}`);
  if (c.missing.length > 0) out.push(`      ${L.missing[locale]}: ${c.missing.join(', ')}`);
  return out;
}

function renderSignatures(a: MailAnalysis, locale: Locale): string[] {
  const v = a.authentication.verification;
  if (v === null) return [];
  const t = (k: keyof typeof L): string => L[k][locale];
  const say = (n: { message: string; messageJa: string }) => (locale === 'ja' ? n.messageJa : n.message);
  const out = ['', `${t('sigs')}:`];
  if (v.dkim.length === 0) out.push(`  ${t('sigsNone')}`);
  for (const d of v.dkim) {
    out.push(`  DKIM d=${d.domain ?? '-'} s=${d.selector ?? '-'}: ${VERDICT[d.verdict][locale]} — ${say(d)}`);
    if (d.detail && d.verdict !== 'pass') out.push(`      ${t('detail')}: ${d.detail}`);
  }
  const instances = v.arc.instances.length > 0 ? ` i=${v.arc.instances.join(',')}` : '';
  out.push(`  ${t('arc')}${instances}: ${VERDICT[v.arc.verdict][locale]} — ${say(v.arc)}`);
  if (v.arc.detail && v.arc.verdict !== 'pass') out.push(`      ${t('detail')}: ${v.arc.detail}`);
  for (const s of v.arc.seals)
    out.push(
      `    ${t('seal')} i=${s.instance} d=${s.domain ?? '-'} s=${s.selector ?? '-'}: ${VERDICT[s.verdict][locale]}`,
    );
  out.push('', `${t('policies')}:`, `  ${say(v.recordsNote)}`);
  const shown = (d: string, u: string | null) => (u === null ? d : `${d} (${u})`);
  const spfAt =
    v.spf.domain !== null ? ` ${shown(v.spf.domain, v.spf.domainUnicode)}${v.spf.ip ? ` ← ${v.spf.ip}` : ''}` : '';
  out.push(`  SPF${spfAt}: ${SPF_VERDICT[v.spf.verdict][locale]} — ${say(v.spf)}`);
  out.push(...recordLines(v.spf, locale));
  if (v.spf.detail && v.spf.verdict !== 'pass') out.push(`      ${t('detail')}: ${v.spf.detail}`);
  const d = v.dmarc;
  const author = d.fromDomain ? ` ${shown(d.fromDomain, d.fromDomainUnicode)}` : '';
  out.push(`  DMARC${author}: ${DMARC_VERDICT[d.verdict][locale]} — ${say(d)}`);
  const policy = locale === 'ja' ? d.policyMessageJa : d.policyMessage;
  if (policy !== null) out.push(`      ${t('policy')}: ${policy}`);
  out.push(...recordLines(d, locale));
  return out;
}

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
  out.push(...renderSignatures(a, locale));
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
    .option(
      '--dns-records <file>',
      tr(
        'DKIM・ARC の鍵、SPF、_dmarc の TXT レコードと、SPF の a・mx・ptr・exists が参照する A・AAAA・MX・PTR ' +
          'レコード（1 行に 1 件: s._domainkey.example.jp TXT "v=DKIM1; p=..."、example.jp TXT "v=spf1 ..."、' +
          'example.jp A 192.0.2.1、example.jp MX 10 mail.example.jp、192.0.2.1 PTR mail.example.jp、' +
          'その種類のレコードがない名前は example.jp A NONE、存在しない名前は example.jp A NXDOMAIN）。DNS は引きません',
        'DNS records to check DKIM, ARC, SPF and DMARC against, one a line: TXT (s._domainkey.example.jp TXT ' +
          '"v=DKIM1; p=...", example.jp TXT "v=spf1 ..."), and the A, AAAA, MX and PTR records SPF\'s a, mx, ptr ' +
          'and exists need (example.jp A 192.0.2.1, example.jp MX 10 mail.example.jp, 192.0.2.1 PTR ' +
          'mail.example.jp); example.jp A NONE for a name with none of that type, example.jp A NXDOMAIN for a name ' +
          'that does not exist. DNS is never queried',
      ),
    )
    .option('--json', JSON_HELP())
    .action(
      async (file: string, opts: { trusted: string[]; authservId?: string; dnsRecords?: string; json?: boolean }) => {
        // The records first: a bad line is refused before anything is read from the message.
        const records = parseDnsRecords(opts.dnsRecords ? readFileSync(opts.dnsRecords, 'utf8') : '');
        const raw = file === '-' ? readFileSync(0) : readFileSync(file);
        const analysis = await analyzeAndVerify(raw, records, {
          trusted: opts.trusted,
          ...(opts.authservId ? { authservId: opts.authservId } : {}),
        });
        printResult(opts.json, analysis, (a) => renderMailTable(a, cliLocale()));
      },
    );
}
