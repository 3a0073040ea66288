// A lookup's answer as a person reads it at the command line (`shokai logs lookup` without --json).
import type { Resolution } from '../attribution/resolver.ts';
import { queryOffset } from '../attribution/time.ts';
import { candidateSpans } from '../domain/finding.ts';
import { formatAtOffset, parseIsoInstant } from '../domain/time.ts';
import { CANDIDATE_SPAN_LABELS, FINDING_VERDICT_LABELS } from '../domain/vocabulary.ts';
import { ja } from './output.ts';

/**
 * A lookup's answer for a person: the verdict in words and every time at the offset the question was asked at
 * (`--at …+09:00`: +09:00), as the reasons and notes beneath name theirs — one answer, one offset, the asker's own,
 * whatever this machine's TZ (--json keeps the UTC instants for programs).
 */
export function humanResolution(r: Resolution): string {
  const en = !ja();
  const offset = queryOffset(r.query.at);
  const shown = (iso: string) => formatAtOffset(parseIsoInstant(iso), offset);
  const verdict = FINDING_VERDICT_LABELS[r.verdict][en ? 'en' : 'ja'];
  const port = r.query.port !== null ? `:${r.query.port}` : '';
  const lines = [`${r.query.ip}${port} @ ${shown(r.query.atUtc)} (±${r.query.tolerance}s): ${verdict}`];
  for (const c of r.candidates) {
    const account = c.account ?? (en ? '(unknown)' : '（不明）');
    const holder = c.holder ? ` — ${c.holder.name}` : '';
    const inside = c.insideAddress ? ` [${c.insideAddress}]` : '';
    lines.push(`  ${account}${holder}${inside}`);
    // the span the records confirm and, for a holding without an end record, the span it may have been held
    for (const x of candidateSpans(c)) {
      lines.push(`    ${CANDIDATE_SPAN_LABELS[x.span][en ? 'en' : 'ja']}: ${shown(x.from)} – ${shown(x.to)}`);
    }
    for (const s of c.sources)
      lines.push(`    ${s.file}:${s.line}${s.endLine && s.endLine !== s.line ? `–${s.endLine}` : ''}`);
    for (const n of c.notes) lines.push(`    ! ${n.message}`);
  }
  for (const x of r.reasons) lines.push(`  - ${x.message}`);
  return lines.join('\n');
}
