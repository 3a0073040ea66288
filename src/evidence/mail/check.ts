import { noticeJson } from '../messages.ts';
import { analyzeMessage } from './analyze.ts';
import { checkDmarc } from './dmarc-check.ts';
import type { DnsRecords } from './dns-records.ts';
import { checkSpf } from './policy-check.ts';
import { POLICY_TEXT } from './policy-text.ts';
import type { AnalyzeOptions, MailAnalysis } from './types.ts';
import { verifySignatures } from './verify.ts';
import { SIGNATURE_TEXT as S } from './verify-text.ts';

/**
 * The header analysis with its DKIM signatures and ARC chain checked against the supplied key records
 * (none supplied: each says "not verified: no key supplied"), SPF at the trust boundary and DMARC of the
 * From domain against the supplied TXT records (a record needed and not supplied: "not supplied").
 * Which results are believed does not change: the checks are said beside them.
 */
export async function analyzeAndVerify(
  raw: string | Uint8Array,
  records: DnsRecords,
  options: AnalyzeOptions = {},
): Promise<MailAnalysis> {
  const analysis = analyzeMessage(raw, options);
  // An x= expiry is judged when the final server received the message (the topmost Received), as it
  // would have checked it then; without one, at the analysis time.
  const finalReceipt = analysis.hops[analysis.hops.length - 1]?.timeUtc ?? null;
  const at = finalReceipt !== null ? new Date(finalReceipt) : (options.now ?? new Date());
  const signed = await verifySignatures(raw, records, at);
  // SPF at the boundary, then DMARC from the verdicts above: both against the supplied records only.
  const spf = await checkSpf(analysis, records);
  const dmarc = await checkDmarc(signed.from, signed.check, spf, records);
  const note = POLICY_TEXT.recordsNote();
  const check = { ...signed.check, spf, dmarc, recordsNote: { message: note.en, messageJa: note.ja } };
  analysis.authentication.verification = check;
  const fromArc = analysis.warnings.findIndex((w) => w.code === 'MAIL_AUTH_RESULTS_FROM_ARC');
  const instance = analysis.warnings[fromArc]?.details?.instance;
  const seal = check.arc.seals.find((s) => s.instance === instance);
  if (fromArc >= 0 && typeof instance === 'number') {
    const key = seal ? `${seal.selector ?? '?'}._domainkey.${seal.domain ?? '?'}` : '?';
    const notice = S.sealOfUsedSet(instance, seal?.verdict ?? 'not_verified', key);
    analysis.warnings.splice(fromArc + 1, 0, noticeJson(notice, { details: { instance, key } }));
  }
  return analysis;
}
