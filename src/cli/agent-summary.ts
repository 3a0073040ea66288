import { HELD_HERE_STATUS } from '../agent/held-here.ts';
import { PASSED_OVER_STATUS, RETRY_LATER_STATUS, waitingFacts } from '../agent/not-given-texts.ts';
import { baselineWords, namesWords } from '../agent/own-keys-texts.ts';
import { when } from '../agent/render.ts';
import type { CycleSummary } from '../agent/runner.ts';
import type { AgentStatus } from '../agent/status.ts';
import { arrivalSourceText, plain } from '../agent/web-texts.ts';
import { AGENT_REFUSALS } from '../domain/agent-intake.ts';
import { bracketed } from '../domain/audit-details.ts';
import { visibleText } from '../domain/shown-text.ts';
import { AGENT_REQUEST_STATE_LABELS, labelOf } from '../domain/vocabulary.ts';
import { cliLocale } from '../kernel/text.ts';
import { tr } from './language.ts';

// What `shokai agent pull`, `send` and `status` tell a person, in the CLI's language: the counts and
// what needs a person, in words, the status page's texts. `--json` keeps the summary as data for programs.

const lang = () => cliLocale();
const refusalWords = (reason: string): string => labelOf(AGENT_REFUSALS, reason)[lang()];
const aside = (text: string): string => bracketed(text, lang());
/** A value from outside (the hub's words, an id a carried file named) on one line, its controls written out. */
const one = (text: string): string => visibleText(text);
const sourceWords = (source: string): string => arrivalSourceText(source, lang()) ?? one(source);
const sep = (): string => (lang() === 'ja' ? '、' : '; ');

/** One cycle of `shokai agent pull`: what was listed, taken in, refused, prepared and sent. */
export function pullLines(s: CycleSummary): string[] {
  const p = s.pulled;
  const lines = [
    tr(
      `ハブの要請 ${p?.listed ?? 0} 件を確認し、${p?.stored.length ?? 0} 件を新たに受領しました（拒否 ${p?.refused.length ?? 0} 件）。` +
        `回答案の作成 ${s.prepared} 件、送付 ${s.sent} 件`,
      `${p?.listed ?? 0} requests listed at the hub, ${p?.stored.length ?? 0} taken in ` +
        `(${p?.refused.length ?? 0} refused); ${s.prepared} prepared, ${s.sent} sent`,
    ),
  ];
  for (const r of p?.refused ?? []) {
    lines.push(
      `  ${tr('受領を拒否', 'refused')}: ${r.requestId ? one(r.requestId) : tr('（要請番号なし）', '(no request id)')} — ` +
        `${refusalWords(r.reason)}`,
    );
  }
  // A request held here by its reference, as the review pages name it (its id where none is held).
  const named = (id: string): string => one(p?.references[id] ?? id);
  if (p?.endedAtHub.length) {
    lines.push(tr('ハブで取下げ・終了となった要請:', 'withdrawn or closed at the hub:'));
    for (const id of p.endedAtHub) lines.push(`  ${named(id)}`);
  }
  if (p?.checkedAgain.length) {
    lines.push(tr('固定した記録が伸びたため検証し直した要請:', 'checked again as the pin grew:'));
    for (const id of p.checkedAgain) lines.push(`  ${named(id)}`);
  }
  // What the hub listed and did not give, and refusals left for the next pull (a hub listing made-up ids).
  if (p?.unfetched) {
    lines.push(
      tr(
        `ハブが封筒を渡さなかった要請: ${p.unfetched} 件（何も保存していません）`,
        `${p.unfetched} listed requests the hub gave no envelope for (nothing stored)`,
      ),
    );
  }
  if (p?.passedOver) {
    lines.push(
      tr(
        `ハブが同じ固定のもとで繰り返し封筒を渡さなかったため取得しなかった要請: ${p.passedOver} 件` +
          '（固定が伸びるか、1日経てば再取得します）',
        `${p.passedOver} listed requests not fetched: the hub gave no envelope for them again and again under ` +
          'this pin (fetched again once the pin grows, or in a day)',
      ),
    );
  }
  if (p?.retryLater) {
    lines.push(
      tr(
        `ハブがエラーで答え続けているため、間隔を空けて再取得する要請: ${p.retryLater} 件`,
        `${p.retryLater} listed requests the hub keeps answering with errors for: fetched again after a wait`,
      ),
    );
  }
  if (p?.deferred) {
    lines.push(
      tr(
        `この回の拒否の記録の上限を超えた封筒: ${p.deferred} 件（次回の取得で検証します）`,
        `${p.deferred} more envelopes that did not verify, past this pull's share of refusals (checked next pull)`,
      ),
    );
  }
  if (p?.held) {
    lines.push(
      tr(`検証を見送った封筒: ${p.held} 件（次回の取得で検証します）`, `${p.held} envelopes held for the next pull`),
    );
  }
  return lines;
}

/** `shokai agent send`: how many answers and declines left, and how many the hub refused. */
export function sendLines(s: { sent: number; failed: number }): string[] {
  const lines = [tr(`送付 ${s.sent} 件、送付できなかったもの ${s.failed} 件`, `${s.sent} sent, ${s.failed} not sent`)];
  if (s.failed > 0) {
    lines.push(
      tr(
        '送付できなかった理由は `shokai agent status` と確認画面の稼働状況に表示されます',
        'why they were not sent: `shokai agent status` and the status page say it',
      ),
    );
  }
  return lines;
}

/** `shokai agent status`: what needs a person first, then the pin, the watch of own keys, counts, refusals. */
export function statusLines(s: AgentStatus): string[] {
  const l = lang();
  const lines: string[] = [];
  if (s.sendRefused.length) {
    lines.push(`! ${plain('status.sendRefused', l)}`);
    for (const r of s.sendRefused) {
      lines.push(
        `  ${one(r.reference)}: ${one(r.refusal.message[l])}${aside(
          `${plain('sendRefused.since', l)} ${when(r.refusal.since)}${sep()}` +
            `${plain('sendRefused.last', l)} ${when(r.lastAttemptAt)}`,
        )}`,
      );
    }
  }
  if (s.heldHere.length) {
    lines.push(`! ${HELD_HERE_STATUS[l]}`);
    for (const r of s.heldHere) lines.push(`  ${one(r.reference)}: ${one(r.why[l])}`);
  }
  for (const [words, rows] of [
    [PASSED_OVER_STATUS, s.notGiven.passedOver],
    [RETRY_LATER_STATUS, s.notGiven.retryLater],
  ] as const) {
    if (rows.length === 0) continue;
    lines.push(`! ${words[l]}${aside(String(rows.length))}`);
    for (const w of rows) lines.push(`  ${one(w.requestId)}: ${waitingFacts(w, l)}`);
  }
  if (s.pinRefused) {
    lines.push(`! ${plain('status.pinRefused', l)}`);
    lines.push(
      `  ${s.pinRefused.message[l]}${aside(`${plain('status.pinRefusedSince', l)}: ${when(s.pinRefused.since)}`)}`,
    );
  }
  if (s.foreignNetworks.length) {
    lines.push(`! ${plain('status.networksForeign', l)}`);
    for (const f of s.foreignNetworks) lines.push(`  ${one(f.id)} ${when(f.at)}: ${one(f.why[l])}`);
  }
  lines.push(`${plain('status.pin', l)}:`);
  if (s.pin) {
    lines.push(`  ${plain('status.pinHead', l)}: ${when(s.pin.headAt)}`);
    lines.push(`  ${plain('status.pinEntries', l)}: ${s.pin.size}`);
    lines.push(
      `  ${plain('status.pinConfirmed', l)}: ` +
        `${s.pin.confirmedAt ? when(s.pin.confirmedAt) : plain('status.pinNotConfirmed', l)}`,
    );
  } else {
    lines.push(`  ${plain('status.notPinned', l)}`);
  }
  if (s.ownKeys) {
    lines.push(`  ${baselineWords(s.ownKeys)[l]}`);
    lines.push(`  ${one(namesWords(s.ownKeys)[l])}`);
  }
  lines.push(`${plain('common.counts', l)}:`);
  const states = Object.entries(s.states);
  if (states.length === 0) lines.push(`  ${tr('要請はありません', 'no requests')}`);
  for (const [state, n] of states) lines.push(`  ${labelOf(AGENT_REQUEST_STATE_LABELS, state)[l]}: ${n}`);
  if (s.endedAtHub > 0) lines.push(`  ${plain('hubEnded.heading', l)}: ${s.endedAtHub}`);
  lines.push(`${plain('status.refused', l)}${aside(String(s.refused))}:`);
  for (const r of s.recentRefusals) {
    lines.push(`  ${when(r.at)} ${one(r.requestId)} ${refusalWords(r.reason)}${aside(sourceWords(r.source))}`);
  }
  return lines;
}
