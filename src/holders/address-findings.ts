import type { Finding, FindingCandidate } from '../domain/finding.ts';
import { parseInstant } from '../domain/instant.ts';
import type { IpTarget } from '../domain/targets.ts';
import { FINDING_REASONS, isOneOf } from '../domain/vocabulary.ts';
import { formatHostPort } from '../net/address.ts';
import type { Resolution } from './attribution-bridge.ts';
import { compact, hint, isoAt, lineFacts, note, reason } from './finding-text.ts';

// An address target's finding: the attribution engine's resolution (verdict, candidates, reasons,
// window, source lines), mapped — the engine decides, nothing here re-decides.

/** The engine's resolution of an IP target, as a finding (times with the question's offset). */
export function addressFinding(target: IpTarget, r: Resolution): Finding {
  const offset = parseInstant(target.at, 'at').offsetMinutes;
  const at = (utc: string) => isoAt(Date.parse(utc), offset);
  const host = formatHostPort(target.address, target.port);
  const reasons = r.reasons.map((x) => {
    if (!isOneOf(FINDING_REASONS, x.code)) {
      throw new Error(`the attribution engine gave a reason the vocabulary does not know: ${x.code}`);
    }
    return reason(x.code, x.text);
  });
  const candidates = r.candidates.map((c): FindingCandidate => {
    const h = c.holder;
    const person = h
      ? compact({
          name: h.name,
          nameKana: h.nameKana,
          installationAddress: h.installationAddress,
          billingAddress: h.billingAddress,
          phone: h.phone,
          email: h.email,
          contractStart: h.contractStart,
          contractEnd: h.contractEnd,
        })
      : undefined;
    const line = h ? lineFacts(h.installationAddress, h.billingAddress, h.lineUse) : undefined;
    const notes = c.notes.map((n) => note(n.code, n.text));
    if (h) notes.push(note('line_not_person'));
    if (line?.addressesDiffer) notes.push(note('addresses_differ'));
    if (line?.use === 'shared') notes.push(note('shared_line'));
    if (line?.use === 'business') notes.push(note('business_line'));
    return {
      ...(c.account === null ? {} : { account: c.account }),
      ...(person === undefined ? {} : { person }),
      ...(line === undefined ? {} : { line }),
      ...(c.insideAddress === null ? {} : { insideAddress: c.insideAddress }),
      ...(c.from === '' ? {} : { from: at(c.from) }),
      ...(c.to === '' ? {} : { to: at(c.to) }),
      ...(c.possibleTo === '' || c.possibleTo === c.to ? {} : { possibleTo: at(c.possibleTo) }),
      sources: c.sources.map((s) => ({
        kind: s.kind,
        file: s.file,
        line: s.line,
        ...(s.endLine === null ? {} : { endLine: s.endLine }),
      })),
      notes,
    };
  });
  const codes = new Set(reasons.map((x) => x.code));
  const resolveBy: Finding['resolveBy'] = [];
  if (r.verdict === 'ambiguous') {
    if (codes.has('no_port_cgnat')) resolveBy.push(hint('source_port'));
    if (codes.has('handover') || (codes.has('several_accounts') && r.query.tolerance > 0)) {
      resolveBy.push(hint('narrower_window'));
    }
    if (resolveBy.length === 0) resolveBy.push(hint('other_records'));
  }
  return {
    verdict: r.verdict,
    records: 'address_logs',
    query: {
      asReceived: `${host} ${target.at}${target.toleranceSeconds > 0 ? ` ±${target.toleranceSeconds}s` : ''}`,
      window: { from: at(r.query.window.from), to: at(r.query.window.to) },
    },
    candidates,
    reasons,
    resolveBy,
  };
}
