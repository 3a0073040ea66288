import { phoneWords } from '../domain/shown-text.ts';
import { formatWallIso, zonedWall } from '../domain/time.ts';
import type { HubRequestFacts } from './call-back.ts';
import { CALL_A_NUMBER_YOU_KNOW, DIALLED_LABEL } from './call-back-texts.ts';
import { RECORDED_HERE_ONLY } from './own-call-back.ts';
import { esc, type Lang, REVIEW_ZONE, when } from './render.ts';
import type { AgentRequestView } from './review.ts';
import { t } from './web-texts.ts';

// The call-back the hub asks before an emergency is answered, on the request's page (./call-back.ts):
// before approval the reviewer reads that it is needed, why, and the unit's registered number in the
// domestic form; while the request is still to be answered here they record the call they made (who is
// the signed-in reviewer; when, the outcome, and that the unit confirmed). Once recorded: who, when, note.

/** A refused call-back form: the message next to the control it names. */
export interface CallBackError {
  field: string;
  messages: { ja: string; en: string };
}

export function callBackHtml(
  v: AgentRequestView,
  facts: HubRequestFacts | null,
  lang: Lang,
  now: Date,
  error: CallBackError | null,
): string {
  const refusal = error
    ? `<p role="alert" class="field-error" id="err-call-back">${esc(error.messages[lang])}</p>`
    : '';
  const c = facts?.secondCheck;
  if (!c?.required) {
    // A refused call-back whose state the hub did not give (not reached): the refusal, without the form.
    return error
      ? '<section role="alert" id="call-back" data-call-back="unread">' +
          `<h2>${t('callBack.heading', lang)}</h2>${refusal}</section>`
      : '';
  }
  const phone = c.callbackPhone
    ? `<p>${t('callBack.number', lang)}: <strong id="call-back-number" class="nowrap">` +
      `${esc(phoneWords(c.callbackPhone, lang))}</strong></p>`
    : `<p>${t('callBack.noNumber', lang)}</p>`;
  const reason = `<p>${t('callBack.why', lang)}: ${esc(c.reason[lang])}</p>`;
  // The installation's own ask (./own-call-back.ts): said as its own, recorded here.
  const here = facts?.ownCallBack === true;
  const by = here ? 'callBack.recordedByHere' : 'callBack.recordedBy';
  const where = here && facts?.hubAsksToo !== true ? esc(RECORDED_HERE_ONLY[lang]) : t('callBack.who', lang);
  if (c.confirmedAt) {
    const note = c.note
      ? `<dt>${t('callBack.note', lang)}</dt><dd style="white-space:pre-line">${esc(c.note)}</dd>`
      : '';
    return (
      `<section id="call-back" data-call-back="recorded"><h2>${t('callBack.heading', lang)}</h2>` +
      `<p>${t('callBack.recorded', lang)}</p><dl><dt>${t(by, lang)}</dt>` +
      `<dd>${esc(c.confirmedBy ?? '')}</dd><dt>${t('callBack.recordedAt', lang)}</dt>` +
      `<dd>${esc(when(c.confirmedAt))}</dd>${note}</dl></section>`
    );
  }
  const open = (v.state === 'prepared' || v.state === 'approved') && !v.hubEnded;
  const errAt = (field: string) => (error?.field === field ? refusal : '');
  const other =
    error && !['calledAt', 'outcome', 'confirmed', 'dialled'].includes(error.field) ? errAt(error.field) : '';
  // The installation's own ask: a number known apart from the hub, written down (./call-back-texts.ts).
  const dialled =
    `<p><label for="dialled">${esc(DIALLED_LABEL[lang])}</label> ` +
    `<input id="dialled" name="dialled" type="tel" maxlength="40"${here ? ' required' : ''}></p>${errAt('dialled')}`;
  const knownApart = here ? `<p id="call-a-number-you-know">${esc(CALL_A_NUMBER_YOU_KNOW[lang])}</p>` : '';
  const wall = formatWallIso(zonedWall(now, REVIEW_ZONE)).slice(0, 16);
  const form = open
    ? `<form method="post" action="/requests/${esc(v.requestId)}/call-back">${other}<p>` +
      `<label for="calledAt">${t('callBack.calledAt', lang)}</label> ` +
      `<input id="calledAt" name="calledAt" type="datetime-local" value="${esc(wall)}" required> ` +
      `<span>${esc(REVIEW_ZONE)}</span></p>${errAt('calledAt')}${dialled}<p>` +
      `<label for="outcome">${t('callBack.outcome', lang)}</label><br>` +
      `<textarea class="note" id="outcome" name="outcome" required></textarea></p>${errAt('outcome')}<p>` +
      '<label><input type="checkbox" name="confirmed" value="yes" required>' +
      ` ${t('callBack.confirmed', lang)}</label></p>${errAt('confirmed')}<p>${where}</p>` +
      `<button id="record-call-back">${t('callBack.record', lang)}</button></form>`
    : '';
  return (
    `<section role="alert" id="call-back" data-call-back="required"><h2>${t('callBack.heading', lang)}</h2>` +
    `<p>${t(here ? 'callBack.neededHere' : 'callBack.needed', lang)}</p>${reason}${phone}${knownApart}${form}</section>`
  );
}
