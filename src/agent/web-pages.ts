import { AGENT_REFUSALS } from '../domain/agent-intake.ts';
import { answerHolderOf } from '../domain/answer-holder.ts';
import { candidateSpans, type Finding } from '../domain/finding.ts';
import {
  AGENT_REQUEST_STATE_LABELS,
  type Bilingual,
  CANDIDATE_SPAN_LABELS,
  DECLINE_REASON_LABELS,
  declineReasonsFor,
  FINDING_NOTE_LABELS,
  FINDING_REASON_LABELS,
  FINDING_VERDICT_LABELS,
  knownLabel,
  LINE_USE_LABELS,
  type ProviderCategory,
  REQUEST_KIND_LABELS,
  RESOLVE_HINT_LABELS,
} from '../domain/vocabulary.ts';
import type { HubRequestFacts } from './call-back.ts';
import { HELD_CONTENT_RULE_HEADING, HELD_CONTENT_RULE_SHORT } from './content-rules-held.ts';
import { HELD_HERE_SHORT, heldHereHtml, heldHereStatusHtml } from './held-here.ts';
import { notGivenStatusHtml } from './not-given-texts.ts';
import type { Lang } from './render.ts';
import { esc, targetLine, when, written } from './render.ts';
import type { AgentRequestView, listForReview } from './review.ts';
import type { LastCycle } from './runner.ts';
import { SEND_REFUSED_WORDS } from './send-refusal.ts';
import type { AgentStatus } from './status.ts';
import { TRANSPORT_REFUSALS } from './transport.ts';
import { callBackHtml } from './web-call-back.ts';
import { draftHtml } from './web-draft.ts';
import { type EditError, editFormHtml } from './web-edit-form.ts';
import { filesHtml, requestFilesHtml } from './web-files.ts';
import { ownKeysAlerts, ownKeysHtml } from './web-own-keys.ts';
import { requestFactsHtml } from './web-request-facts.ts';
import { arrivalSourceText, plain, t } from './web-texts.ts';

// The installation's own review pages, rendered on the server (no script): Japanese by default, English
// with ?lang=en. Personal data appears only on a request's page, after sign-in, and each view is audited.

const label = (b: Bilingual | undefined, lang: Lang, fallback: string) => esc(b ? b[lang] : fallback);
/** A coded note with its own text: the label, and the text when it says more than the label. */
const labelled = (b: Bilingual | undefined, text: Bilingual, lang: Lang, fallback: string) =>
  b && b[lang] !== text[lang] ? `${label(b, lang, fallback)}: ${esc(text[lang])}` : esc(text[lang]);

export function page(lang: Lang, title: string, body: string, signedIn: boolean): string {
  const other = lang === 'ja' ? 'en' : 'ja';
  return (
    `<!doctype html><html lang="${lang}"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width">
<title>${esc(title)} — ${t('page.title', lang)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:1rem auto;padding:0 1rem;line-height:1.5}
table{border-collapse:collapse}td,th{border:1px solid #999;padding:.25rem .5rem;text-align:left}
.verdict{font-weight:bold}.unique{color:#064}.ambiguous{color:#850}.none{color:#555}
nav a,nav button{margin-right:1rem}textarea{width:100%;min-height:12rem;font-family:monospace}
textarea.note{min-height:4rem;font-family:inherit}fieldset{margin:.5rem 0}ul.plain{list-style:none;padding-left:0}` +
    `.field-error{color:#a00;font-weight:bold}.nowrap{white-space:nowrap}
.hidden-char{font-family:monospace;font-size:.85em;color:#a00;background:#fde8e8;unicode-bidi:isolate}</style></head>
<body><nav><a href="/">${t('page.requests', lang)}</a><a href="/records">${t('page.records', lang)}</a>` +
    `<a href="/provision-orders">${t('page.provisionOrders', lang)}</a>` +
    `<a href="/status">${t('page.status', lang)}</a><a href="?lang=${other}">${t('page.otherLanguage', lang)}</a>${
      signedIn
        ? '<form method="post" action="/logout" style="display:inline">' +
          `<button>${t('page.signOut', lang)}</button></form>`
        : ''
    }</nav><main><h1>${esc(title)}</h1>${body}</main></body></html>`
  );
}

export function loginPage(lang: Lang, failed: boolean): string {
  return page(
    lang,
    plain('signIn.title', lang),
    `${failed ? `<p role="alert">${t('signIn.badCode', lang)}</p>` : ''}<form method="post" action="/login">
<label>${t('signIn.code', lang)} <input name="code" type="password" autocomplete="current-password" required></label>
<button>${t('signIn.title', lang)}</button></form>`,
    false,
  );
}

type ListRow = Awaited<ReturnType<typeof listForReview>>[number];

/** A request's state as the list shows it: what the hub said of its end, when it said one. */
function stateCell(r: ListRow, lang: Lang): string {
  const refused = r.sendRefused
    ? ` <strong class="field-error" data-send-refused="${esc(r.requestId)}">${t('sendRefused.short', lang)}</strong>`
    : '';
  if (r.hubEnded) {
    return (
      `<span data-hub-ended="${esc(r.hubEnded.state)}">${esc(r.hubEnded.words[lang])}</span> ` +
      `<span class="nowrap">${esc(when(r.hubEnded.at))}</span>`
    );
  }
  const state = label(knownLabel(AGENT_REQUEST_STATE_LABELS, r.state), lang, r.state);
  const rule = r.breaksContentRule
    ? ` <strong class="field-error" data-content-rule="${esc(r.requestId)}">` +
      `${esc(HELD_CONTENT_RULE_SHORT[lang])}</strong>`
    : '';
  const held = r.heldHere
    ? ` <strong class="field-error" data-held-here="${esc(r.requestId)}">${esc(HELD_HERE_SHORT[lang])}</strong>`
    : '';
  return `${state}${r.automatic ? ` (${t('request.automatic', lang)})` : ''}${refused}${held}${rule}`;
}

/** A send the hub refuses, on the request's page: the hub's words, since when, what to do. */
function sendRefusedHtml(v: AgentRequestView, lang: Lang): string {
  const r = v.sendRefused;
  if (!r) return '';
  const callBack = r.code === 'SECOND_CHECK_REQUIRED' ? `<p>${t('sendRefused.callBackBelow', lang)}</p>` : '';
  return (
    `<section role="alert" id="send-refused"><h2>${esc(SEND_REFUSED_WORDS[lang])}</h2><dl>` +
    `<dt>${t('sendRefused.hubSays', lang)}</dt><dd id="send-refused-words">${esc(r.message[lang])}</dd>` +
    `<dt>${t('sendRefused.since', lang)}</dt><dd>${esc(when(r.since))}</dd>` +
    `<dt>${t('sendRefused.attempts', lang)}</dt><dd>${v.attempts}</dd></dl>` +
    `<p>${t('sendRefused.retry', lang)}</p>${callBack}</section>`
  );
}

/**
 * What the pinned log says of the request's order: its standing, the records it rests on, the refusal in
 * the hub's words, the records ignored (`shokai agent review` prints the same, ../cli/agent-review-print.ts).
 */
function orderLogHtml(o: NonNullable<AgentRequestView['orderLog']>, lang: Lang): string {
  const list = (items: Bilingual[]) => `<ul>${items.map((m) => `<li>${esc(m[lang])}</li>`).join('')}</ul>`;
  const standing = `<p id="order-standing" data-standing="${esc(o.standing)}">${esc(o.standingWords[lang])}</p>`;
  const refusal = o.refusal ? `<p>${esc(o.refusal[lang])}</p>` : '';
  const ignored = o.ignored.length > 0 ? list(o.ignored) : '';
  return (
    `<section role="status" id="order-log"><h2>${t('orderLog.heading', lang)}</h2>` +
    `${standing}${list(o.records)}${refusal}${ignored}</section>`
  );
}

/**
 * Why a request taken in before intake ran the content rules cannot be answered: intake's words, the rule's,
 * what to do (`shokai agent review` prints the same, ../cli/agent-review-print.ts).
 */
function contentRuleHtml(r: NonNullable<AgentRequestView['contentRule']>, lang: Lang): string {
  return (
    `<section role="alert" id="content-rule"><h2>${esc(HELD_CONTENT_RULE_HEADING[lang])}</h2>` +
    `<p>${esc(r.words[lang])}</p><p id="content-rule-detail">${esc(r.detail[lang])}</p>` +
    `<p>${esc(r.todo[lang])}</p></section>`
  );
}

/** What the hub said of the request's end, on its page (the request stays readable). */
function hubEndedHtml(e: NonNullable<AgentRequestView['hubEnded']>, lang: Lang): string {
  const note = e.note ? `<dt>${t('hubEnded.note', lang)}</dt><dd>${written(e.note, lang)}</dd>` : '';
  return (
    `<section role="status" id="hub-ended"><h2>${t('hubEnded.heading', lang)}</h2>` +
    `<p>${esc(e.words[lang])}</p><dl><dt>${t('hubEnded.at', lang)}</dt>` +
    `<dd>${esc(when(e.at))}</dd>${note}<dt>${t('hubEnded.check', lang)}</dt>` +
    `<dd>${esc(e.checkText[lang])}</dd><dt>${t('hubEnded.noted', lang)}</dt>` +
    `<dd>${esc(when(e.notedAt))}</dd></dl><p>${t('hubEnded.kept', lang)}</p></section>`
  );
}

export function listPage(lang: Lang, rows: ListRow[]): string {
  const body =
    rows.length === 0
      ? `<p>${t('request.none', lang)}</p>`
      : `<table><thead><tr><th>${t('request.reference', lang)}</th><th>${t('request.kind', lang)}</th>` +
        `<th>${t('request.state', lang)}</th><th>${t('request.received', lang)}</th></tr></thead><tbody>${rows
          .map(
            (r) =>
              `<tr><td><a href="/requests/${esc(r.requestId)}">${esc(r.reference)}</a></td>` +
              `<td>${label(knownLabel(REQUEST_KIND_LABELS, r.kind), lang, r.kind)}</td>` +
              `<td>${stateCell(r, lang)}</td><td>${esc(when(r.receivedAt))}</td></tr>`,
          )
          .join('')}</tbody></table>`;
  return page(lang, plain('page.requests', lang), body, true);
}

/** A prepared finding on the review page; what the records wrote shows its hidden characters as marks. */
export function findingHtml(f: Finding, lang: Lang): string {
  const cands = f.candidates
    .map((c) => {
      const who = [c.account, c.person?.name]
        .filter(Boolean)
        .map((s) => written(s, lang))
        .join(' / ');
      const line = c.line
        ? `<li>${t('finding.line', lang)}: ${label(LINE_USE_LABELS[c.line.use], lang, c.line.use)}; ` +
          `${t('finding.installed', lang)} ${written(c.line.installationAddress ?? '—', lang)}; ` +
          `${t('finding.billed', lang)} ${written(c.line.billingAddress ?? '—', lang)}</li>`
        : '';
      const sources = c.sources.map((s) => `<li><code>${written(s.file, lang)}:${esc(s.line)}</code></li>`).join('');
      const notes = c.notes
        .map((n) => `<li>${labelled(FINDING_NOTE_LABELS[n.code], n.text, lang, n.code)}</li>`)
        .join('');
      const spans = candidateSpans(c)
        .map(
          (x) =>
            `<li>${label(CANDIDATE_SPAN_LABELS[x.span], lang, x.span)}: ${esc(when(x.from))} – ${esc(when(x.to))}</li>`,
        )
        .join('');
      return (
        `<li>${who}${c.insideAddress ? ` [${esc(c.insideAddress)}]` : ''}` +
        `<ul>${spans}${line}${notes}` +
        `<li>${t('finding.sources', lang)}<ul>${sources}</ul></li></ul></li>`
      );
    })
    .join('');
  const reasons = f.reasons
    .map((r) => `<li>${labelled(FINDING_REASON_LABELS[r.code], r.text, lang, r.code)}</li>`)
    .join('');
  const hints = f.resolveBy.map((h) => `<li>${label(RESOLVE_HINT_LABELS[h.code], lang, h.code)}</li>`).join('');
  return `<p class="verdict ${esc(f.verdict)}" data-verdict="${esc(f.verdict)}">${label(
    FINDING_VERDICT_LABELS[f.verdict],
    lang,
    f.verdict,
  )}</p>
${
  f.query.window
    ? `<p>${t('finding.window', lang)}: ${esc(when(f.query.window.from))} – ${esc(when(f.query.window.to))}</p>`
    : ''
}
${cands ? `<h4>${t('finding.candidates', lang)}</h4><ol>${cands}</ol>` : ''}${
  reasons ? `<h4>${t('finding.reasons', lang)}</h4><ul>${reasons}</ul>` : ''
}${hints ? `<h4>${t('finding.resolveBy', lang)}</h4><ul>${hints}</ul>` : ''}`;
}

/**
 * The approval: a box the reviewer ticks to say they read the request and checked the answer, then the
 * button that signs; a refusal (the box not ticked) is shown next to the box.
 */
function approveFormHtml(v: AgentRequestView, lang: Lang, error: EditError | null): string {
  const alert = error ? `<p role="alert" class="field-error" id="err-reviewed">${esc(error.messages[lang])}</p>` : '';
  return (
    `<form method="post" action="/requests/${esc(v.requestId)}/approve" id="approve-form">` +
    `<input type="hidden" name="digest" value="${esc(v.draftDigest)}">` +
    `<p><label><input type="checkbox" id="reviewed" name="reviewed" value="yes" required${
      error ? ' aria-describedby="err-reviewed"' : ''
    }> ${t('draft.reviewed', lang)}</label></p>${alert}` +
    `<button id="approve">${t('draft.approve', lang)}</button></form>`
  );
}

/** Where a refused form's message goes on a request's page: the form it names, next to its control. */
export type PlacedError = EditError & { form: 'fields' | 'files' | 'call-back' | 'approve' };

/**
 * A request's page; `error` is a refused edit, file or call-back, shown next to its control in the form it
 * names; `hub` what the hub says of the request now (the call-back it asks), null when it cannot say; `category`
 * the installation's own (its config), for the words of whose record the draft gives.
 */
export function requestPage(
  lang: Lang,
  v: AgentRequestView,
  error: PlacedError | null = null,
  hub: HubRequestFacts | null = null,
  { now = new Date(), category }: { now?: Date; category?: ProviderCategory | undefined } = {},
): string {
  const files = filesHtml(v, lang, error?.form === 'files' ? error : null);
  // The draft in the words of whose record it gives: the installation's own category, else the request's targets.
  const holder = answerHolderOf(category, v.content);
  const targets = (v.findings ?? [])
    .map(
      (x) =>
        `<section><h3>${t('common.target', lang)} ${x.targetIndex + 1}: ` +
        `<code>${esc(targetLine(x.target, lang))}</code></h3>${
          x.finding ? findingHtml(x.finding, lang) : `<p>${esc(x.why?.[lang] ?? '')}</p>`
        }</section>`,
    )
    .join('');
  const open = v.state === 'prepared' && !v.hubEnded;
  const actions = v.hubEnded
    ? `${hubEndedHtml(v.hubEnded, lang)}<h2>${t('draft.heading', lang)}</h2>${draftHtml(v.draft, lang, holder)}${files}`
    : open
      ? `<h2>${t('draft.heading', lang)}</h2>${draftHtml(v.draft, lang, holder)}${files}
${editFormHtml(v, lang, error?.form === 'fields' ? error : null, holder)}
<details><summary>${t('draft.editJson', lang)}</summary>` +
        `<form method="post" action="/requests/${esc(v.requestId)}/edit">` +
        `<label for="answer">${t('draft.json', lang)}</label>` +
        `<textarea id="answer" name="answer">${esc(JSON.stringify(v.draft, null, 2))}</textarea>` +
        `<button>${t('draft.saveJson', lang)}</button></form></details>
${v.draftDigest ? approveFormHtml(v, lang, error?.form === 'approve' ? error : null) : ''}
<form method="post" action="/requests/${esc(v.requestId)}/decline">` +
        `<label for="reason">${t('draft.declineReason', lang)}</label> ` +
        `<select id="reason" name="reason">${declineReasonsFor(v.kind)
          .map((r) => `<option value="${r}">${esc(DECLINE_REASON_LABELS[r][lang])}</option>`)
          .join('')}</select> <label>${t('draft.declineNote', lang)} <input name="note"></label> ` +
        `<button>${t('draft.decline', lang)}</button></form>`
      : `<p>${t('request.decided', lang)}: ${esc(v.decidedBy ?? plain('request.automatic', lang))} ` +
        `${esc(when(v.decidedAt))}</p>${files}`;
  const head =
    `<p>${t('request.kind', lang)}: ${label(knownLabel(REQUEST_KIND_LABELS, v.kind), lang, v.kind)} ` +
    `· ${t('request.state', lang)}: <span id="state">` +
    `${label(knownLabel(AGENT_REQUEST_STATE_LABELS, v.state), lang, v.state)}</span></p>`;
  const orderLog = v.orderLog ? orderLogHtml(v.orderLog, lang) : '';
  const rule = v.contentRule ? contentRuleHtml(v.contentRule, lang) : '';
  const note = v.approvedStageNote;
  const stageNote = note ? `<p role="note" id="approved-stage-note">${esc(note[lang])}</p>` : '';
  const facts = requestFactsHtml(v, hub, lang, now);
  return page(
    lang,
    v.reference,
    `${heldHereHtml(v.heldHere ?? null, lang)}${sendRefusedHtml(v, lang)}${rule}${stageNote}${head}${facts}` +
      `${orderLog}${callBackHtml(v, hub, lang, now, error?.form === 'call-back' ? error : null)}` +
      `${requestFilesHtml(v, lang)}${targets}${actions}`,
    true,
  );
}

export function statusPage(lang: Lang, s: AgentStatus, last: LastCycle | null): string {
  const counts = Object.entries(s.states)
    .map(([k, n]) => `<tr><td>${label(knownLabel(AGENT_REQUEST_STATE_LABELS, k), lang, k)}</td><td>${n}</td></tr>`)
    .join('')
    .concat(
      s.endedAtHub > 0
        ? `<tr id="ended-at-hub"><td>${t('hubEnded.heading', lang)}</td><td>${s.endedAtHub}</td></tr>`
        : '',
    );
  const refused = s.recentRefusals
    .map(
      (r) =>
        `<tr><td><code>${esc(r.requestId)}</code></td><td>` +
        `${label(knownLabel(AGENT_REFUSALS, r.reason), lang, r.reason)}</td>` +
        `<td>${esc(arrivalSourceText(r.source, lang) ?? r.source)}</td><td>${esc(when(r.at))}</td></tr>`,
    )
    .join('');
  const cycle = last
    ? `<p>${esc(when(last.at))}: ${
        last.ok
          ? t('status.hubOk', lang)
          : `${t('status.hubFail', lang)} (${label(
              last.failure === null ? undefined : knownLabel(TRANSPORT_REFUSALS, last.failure),
              lang,
              plain('status.unreachable', lang),
            )})`
      }</p>`
    : `<p>${t('status.notYet', lang)}</p>`;
  const pin = s.pinRefused
    ? `<div role="alert" id="pin-refused"><p>${t('status.pinRefused', lang)}</p>` +
      `<p>${esc(s.pinRefused.message[lang])}</p><p>` +
      `${t('status.pinRefusedSince', lang)}: ${esc(when(s.pinRefused.since))}</p></div>`
    : '';
  const sendRefused = s.sendRefused.length
    ? `<div role="alert" id="send-refused"><p>${t('status.sendRefused', lang)}</p><ul>${s.sendRefused
        .map(
          (r) =>
            `<li data-request="${esc(r.requestId)}"><a href="/requests/${esc(r.requestId)}">` +
            `${esc(r.reference)}</a>: ${esc(r.refusal.message[lang])} (${t('sendRefused.since', lang)} ` +
            `${esc(when(r.refusal.since))}; ${t('sendRefused.last', lang)} ${esc(when(r.lastAttemptAt))})</li>`,
        )
        .join('')}</ul></div>`
    : '';
  const foreign = s.foreignNetworks.length
    ? `<div role="alert" id="networks-foreign"><p>${t('status.networksForeign', lang)}</p><ul>${s.foreignNetworks
        .map((f) => `<li><code>${esc(f.id)}</code> ${esc(when(f.at))}: ${esc(f.why[lang])}</li>`)
        .join('')}</ul></div>`
    : '';
  // When the pin was last found to be the hub's whole log: a pull confirms it without rewriting it.
  const pinned = s.pin
    ? `<dl id="pin"><dt>${t('status.pinHead', lang)}</dt><dd>${esc(when(s.pin.headAt))}</dd>` +
      `<dt>${t('status.pinEntries', lang)}</dt><dd>${s.pin.size}</dd><dt>${t('status.pinConfirmed', lang)}</dt>` +
      `<dd>${s.pin.confirmedAt ? esc(when(s.pin.confirmedAt)) : t('status.pinNotConfirmed', lang)}</dd></dl>`
    : `<p id="pin">${t('status.notPinned', lang)}</p>`;
  return page(
    lang,
    plain('page.status', lang),
    `${sendRefused}${heldHereStatusHtml(s.heldHere, lang)}${notGivenStatusHtml(s.notGiven, lang)}${pin}` +
      `${foreign}${ownKeysAlerts(s.ownKeys, lang)}` +
      `<h2>${t('status.lastCycle', lang)}</h2>${cycle}<h2>${t('status.pin', lang)}</h2>` +
      `${pinned}${ownKeysHtml(s.ownKeys, lang)}<h2>${t('common.counts', lang)}</h2><table>${counts}</table>` +
      `<h2>${t('status.refused', lang)} (${s.refused})</h2><table>${refused}</table>`,
    false,
  );
}
