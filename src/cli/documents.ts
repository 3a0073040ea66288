// `shokai document verify FILE`: checks a printed document's PDF offline against the signed data it carries.
import type { Command } from 'commander';
import { documentFont } from '../documents/font.ts';
import { signerAlgorithm } from '../documents/signer-words.ts';
import { type DocumentVerification, verifyDocument } from '../documents/verify.ts';
import { shownFingerprint } from '../domain/shown-text.ts';
import { DOCUMENT_CHECK_LABELS, DOCUMENT_TYPE_LABELS } from '../domain/vocabulary.ts';
import { cliLocale, type Locale } from '../kernel/text.ts';
import { readNamedFile } from './json-file.ts';
import { tr } from './language.ts';
import { JSON_HELP, printCheck } from './output.ts';

const MARK = { pass: '✔', fail: '✖', skipped: '-' } as const;

/** The report as people read it, in the CLI's language. */
export function renderDocumentReport(r: DocumentVerification, file: string, locale: Locale): string {
  const ja = locale === 'ja';
  const what = r.type ? DOCUMENT_TYPE_LABELS[r.type][locale] : ja ? '文書' : 'document';
  const head = r.serial ? `${file}: ${what} ${r.serial}` : `${file}`;
  const verdict = r.ok
    ? ja
      ? '検証に成功しました（署名済みデータと一致）'
      : 'verified: it matches the signed data it carries'
    : ja
      ? '検証に失敗しました'
      : 'verification FAILED';
  const out = [`${head} — ${verdict}`];
  for (const c of r.checks)
    out.push(`  ${MARK[c.result]} ${DOCUMENT_CHECK_LABELS[c.check][locale]}: ${c.message[locale]}`);
  for (const u of r.unsigned) out.push(`  ! ${ja ? '署名の対象外' : 'not signed'}: ${u[locale]}`);
  if (r.verificationCode) out.push(`${ja ? '検証コード' : 'Verification code'}: ${r.verificationCode}`);
  if (r.envelopeDigest) out.push(`${ja ? '署名対象の SHA-256' : 'SHA-256 of the signed request'}: ${r.envelopeDigest}`);
  for (const s of r.signers) {
    const role = {
      approver: ja ? '決裁者の鍵' : "approver's key",
      unit: ja ? '所属の鍵' : "unit's key",
      court: ja ? '裁判所の鍵' : "court's key",
    }[s.role];
    const algorithm = signerAlgorithm(s)[locale];
    out.push(`${role}: ${shownFingerprint(s.fingerprint)}${ja ? `（${algorithm}）` : ` (${algorithm})`}`);
  }
  return out.join('\n');
}

export function registerDocumentCommands(program: Command): void {
  const document = program.command('document').description(tr('印刷用文書（PDF）', 'printable documents (PDF)'));
  document
    .command('verify')
    .description(
      tr(
        'PDF の文書を、埋め込まれた署名済みデータと照合する（オフライン）。失敗すると終了コード 2',
        'check a document PDF against the signed data it carries (offline); exits 2 when it fails',
      ),
    )
    .argument('<file>', tr('PDF ファイル', 'the PDF file'))
    .option('--json', JSON_HELP())
    .action(async (file: string, opts: { json?: boolean }) => {
      const report = await verifyDocument(readNamedFile(file), documentFont());
      printCheck(opts.json, report, (r) => renderDocumentReport(r, file, cliLocale()));
    });
}
