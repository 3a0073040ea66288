// What `shokai agent review` prints of a request: its view as JSON (--json), or the lines a reviewer reads
// in the CLI's language — the request, what the hub said of its end, what the pinned log says of the court
// order it presents (as its page says), each target's finding, the draft (in words: its JSON is --json's), the
// files and how to approve it.

import type { HubRequestFacts } from '../agent/call-back.ts';
import { CALL_A_NUMBER_YOU_KNOW } from '../agent/call-back-texts.ts';
import { HELD_CONTENT_RULE_HEADING } from '../agent/content-rules-held.ts';
import { HUB_ENDED_NOTED } from '../agent/hub-ended-texts.ts';
import { ORDER_LOG_HEADING } from '../agent/order-log-texts.ts';
import { findingLines, targetLine, when } from '../agent/render.ts';
import { EARLIER_MISMATCH, REQUEST_FILE_STATE_LABELS } from '../agent/request-files.ts';
import type { AgentRequestView } from '../agent/review.ts';
import { plain } from '../agent/web-texts.ts';
import { answerHolderOf } from '../domain/answer-holder.ts';
import { phoneWords } from '../domain/shown-text.ts';
import {
  AGENT_REQUEST_STATE_LABELS,
  labelOf,
  type ProviderCategory,
  REQUEST_KIND_LABELS,
} from '../domain/vocabulary.ts';
import { cliLocale } from '../kernel/text.ts';
import { answerLines } from './answer-lines.ts';
import { tr } from './language.ts';
import { out, printJson } from './output.ts';

/**
 * The request as `shokai agent review` shows it to the reviewer `as` (JSON when `json`), with the call-back
 * the hub asks before an emergency is answered when `hub` (the hub's view, null when not read) says so; the draft
 * in the words of whose record it gives, by `providerCategory` (the installation's config) where it is set.
 */
export function printReview(
  v: AgentRequestView,
  o: { as: string; json?: boolean | undefined; providerCategory?: ProviderCategory | undefined },
  hub: HubRequestFacts | null = null,
): void {
  if (o.json) {
    printJson(hub ? { ...v, secondCheck: hub.secondCheck } : v);
    return;
  }
  const lang = cliLocale();
  out(
    `${v.reference}  ${labelOf(REQUEST_KIND_LABELS, v.kind)[lang]}  ` +
      `${labelOf(AGENT_REQUEST_STATE_LABELS, v.state)[lang]}`,
  );
  if (v.hubEnded) {
    const e = v.hubEnded;
    out(`${e.words[lang]}  ${when(e.at)}`);
    // The requester's words: a line of theirs cannot pass for one of ours (each further line indented).
    if (e.note) out(`  ${tr('依頼元の理由', "the requester's reason")}: ${e.note.replace(/\n/g, '\n      ')}`);
    out(`  ${tr('検証', 'check')}: ${e.checkText[lang]}`);
    out(`  ${HUB_ENDED_NOTED[lang]}: ${when(e.notedAt)}`);
    out(
      `  ${tr('回答・見送り・編集はできません（削除はしていません）', 'no longer answered, declined or edited here (nothing deleted)')}`,
    );
  }
  if (v.contentRule) {
    // The page's section: intake's words, the rule's, what to do.
    const r = v.contentRule;
    out(`${HELD_CONTENT_RULE_HEADING[lang]}:`);
    for (const m of [r.words, r.detail, r.todo]) out(`  ${m[lang]}`);
  }
  // Approved before the category was told and breaking the stage rule now: sent as approved, said for information.
  if (v.approvedStageNote) out(v.approvedStageNote[lang]);
  if (v.orderLog) {
    // The page's section, in its words: how the order stands by the pinned log, the records it rests on,
    // why it cannot be answered now, and the records ignored.
    const { standingWords, records, refusal, ignored } = v.orderLog;
    out(`${ORDER_LOG_HEADING[lang]}:`);
    out(`  ${standingWords[lang]}`);
    for (const m of records) out(`    ${m[lang]}`);
    if (refusal) out(`  ${refusal[lang].replace(/\n/g, '\n  ')}`);
    for (const m of ignored) out(`  - ${m[lang].replace(/\n/g, '\n    ')}`);
  }
  for (const t of v.findings ?? []) {
    out(`\n[${t.targetIndex + 1}] ${targetLine(t.target, lang)}`);
    if (t.finding) for (const l of findingLines(t.finding, lang)) out(`    ${l}`);
    if (t.why) out(`    ${t.why[lang]}`);
  }
  printCallBack(v, o.as, hub);
  out(`\n${tr('回答案', 'draft answer')}:`);
  if (v.draft === null) {
    out(
      tr(
        `  まだありません（作成: shokai agent edit ${v.requestId} ANSWER.json --as '${o.as}'）`,
        `  none yet (write one: shokai agent edit ${v.requestId} ANSWER.json --as '${o.as}')`,
      ),
    );
  } else {
    // In the words of whose record it gives: by the installation's own category (its config), else its request.
    const holder = answerHolderOf(o.providerCategory, v.content);
    for (const l of answerLines(v.draft, lang, { indent: '  ', withOutcome: true, holder })) out(l);
  }
  if (v.files.length > 0) out(`\n${tr('添付ファイル', 'attached files')}:`);
  for (const f of v.files) {
    const sent = f.uploadedAt ? tr(`送付 ${when(f.uploadedAt)}`, `sent ${when(f.uploadedAt)}`) : '';
    out(`  ${f.id}  ${f.fileName}  ${f.mediaType}  ${f.byteSize} B  sha256:${f.sha256}  ${sent}`.trimEnd());
  }
  if (v.requestFiles.length > 0) out(`\n${tr('要請の添付ファイル', 'request files')}:`);
  for (const f of v.requestFiles) {
    // A file verified from a later copy: the earlier copy that was not the one signed is said too.
    const at = when(f.mismatchAt);
    const earlier = !at ? '' : lang === 'ja' ? `（${EARLIER_MISMATCH.ja}: ${at}）` : ` (${EARLIER_MISMATCH.en}: ${at})`;
    const check = `${REQUEST_FILE_STATE_LABELS[f.state][lang]}${earlier}`;
    out(`  ${f.id}  ${f.fileName}  ${f.mediaType}  ${f.byteSize} B  sha256:${f.sha256}  ${check}`);
  }
  if (v.draftDigest && !v.hubEnded)
    out(
      `\n${tr('承認するには', 'to approve')}: shokai agent approve ${v.requestId} --digest ${v.draftDigest} --as '${o.as}'`,
    );
}

/** The call-back the hub asks, as the review page says it: needed and why, the number to call, or recorded. */
function printCallBack(v: AgentRequestView, as: string, hub: HubRequestFacts | null): void {
  const c = hub?.secondCheck;
  if (!c?.required) return;
  const lang = cliLocale();
  out(`\n${plain('callBack.heading', lang)}:`);
  if (c.confirmedAt) {
    out(`  ${plain('callBack.recorded', lang)}: ${c.confirmedBy ?? ''}  ${when(c.confirmedAt)}`);
    return;
  }
  out(`  ${plain(hub?.ownCallBack ? 'callBack.neededHere' : 'callBack.needed', lang)}`);
  out(`  ${plain('callBack.why', lang)}: ${c.reason[lang]}`);
  out(
    c.callbackPhone
      ? `  ${plain('callBack.number', lang)}: ${phoneWords(c.callbackPhone, lang)}`
      : `  ${plain('callBack.noNumber', lang)}`,
  );
  if (hub?.ownCallBack) out(`  ${CALL_A_NUMBER_YOU_KNOW[lang]}`);
  const dialled = hub?.ownCallBack ? " --dialled '…'" : '';
  const example =
    `shokai agent call-back ${v.requestId} --called-at YYYY-MM-DDThh:mm${dialled} ` +
    `--outcome '…' --confirmed --as '${as}'`;
  out(`  ${tr('記録するには', 'to record it')}: ${example}`);
}
