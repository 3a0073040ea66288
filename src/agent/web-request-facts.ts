import { clockAt } from '../domain/deadlines.ts';
import { formatDuration } from '../domain/time.ts';
import {
  DATA_CATEGORY_LABELS,
  type DataCategory,
  EMERGENCY_BASIS_LABELS,
  SUICIDE_NOTICE_CONDITION_LABELS,
  SUICIDE_NOTICE_CONDITIONS,
  WARRANT_TYPE_LABELS,
} from '../domain/vocabulary.ts';
import type { HubRequestFacts } from './call-back.ts';
import { esc, type Lang, when, written } from './render.ts';
import type { AgentRequestView } from './review.ts';
import { t } from './web-texts.ts';

// The request itself on its review page, before the answer: who asks (the agency and unit as the pinned
// directory names them, the drafter and approver as the hub names them), that this installation verified
// the envelope against its pin and when, the kind, the case, the facts and necessity, an emergency's basis
// with its four conditions and statement, a warrant's number and validity, the categories asked, and the
// deadline with the time left. What the installation verified is said apart from what is the hub's word.

const row = (label: string, value: string, id?: string) =>
  value ? `<dt>${label}</dt><dd${id ? ` id="${id}"` : ''}>${value}</dd>` : '';

/** The deadline and the time left (or how long ago it passed), from the hub or the request's own wish. */
export function deadlineHtml(wish: string | null, hub: HubRequestFacts | null, lang: Lang, now: Date): string {
  const at = hub?.deadlineAt ?? wish;
  if (!at) return row(t('facts.deadline', lang), t('facts.noDeadline', lang));
  // While the request waits on the requester's clarification its clock stands still at the asking (as at the
  // hub): the time left is what was left then; one already late then stays late.
  const asked = hub?.deadlineAt && hub.clarificationAskedAt ? new Date(hub.clarificationAskedAt) : null;
  const left = Date.parse(at) - clockAt(now, asked).getTime();
  const paused =
    asked !== null && left >= 0
      ? ` <span id="deadline-paused">(${t('facts.paused', lang)} ${esc(when(asked.toISOString()))})</span>`
      : '';
  const words =
    left >= 0
      ? `${t('facts.left', lang)} ${esc(formatDuration(left, lang))}`
      : `<strong class="field-error">${t('facts.passed', lang)} ${esc(formatDuration(-left, lang))}</strong>`;
  const whose = hub?.deadlineAt ? t('facts.perHub', lang) : t('facts.requestedBy', lang);
  return row(t('facts.deadline', lang), `${esc(when(at))} (${whose}) — <span id="time-left">${words}</span>${paused}`);
}

function emergencyHtml(v: AgentRequestView, lang: Lang): string {
  const c = v.content;
  if (c.kind !== 'emergency') return '';
  const e = c.emergency;
  const conditions =
    e.basis === 'suicide_notice'
      ? `<ul id="conditions">${SUICIDE_NOTICE_CONDITIONS.map(
          (k) =>
            `<li data-condition="${k}" data-met="${e.conditions[k]}">` +
            `${e.conditions[k] ? '☑' : '☐'} ${esc(SUICIDE_NOTICE_CONDITION_LABELS[k][lang])}</li>`,
        ).join('')}</ul>`
      : '';
  return `${row(t('facts.basis', lang), esc(EMERGENCY_BASIS_LABELS[e.basis][lang]), 'basis')}${
    conditions ? row(t('facts.conditions', lang), conditions) : ''
  }${row(t('facts.statement', lang), `<span style="white-space:pre-line">${written(e.statement, lang)}</span>`)}`;
}

function warrantHtml(v: AgentRequestView, lang: Lang): string {
  const c = v.content;
  if (c.kind !== 'warrant') return '';
  const w = c.warrant;
  const period = w.recordsPeriod
    ? row(t('facts.recordsPeriod', lang), `${esc(when(w.recordsPeriod.from))} – ${esc(when(w.recordsPeriod.to))}`)
    : '';
  return `${row(t('facts.warrant', lang), `${esc(WARRANT_TYPE_LABELS[w.type][lang])} ${esc(w.warrantNumber)}`)}${row(
    t('facts.validUntil', lang),
    esc(when(w.validUntil)),
  )}${period}`;
}

export function requestFactsHtml(v: AgentRequestView, hub: HubRequestFacts | null, lang: Lang, now: Date): string {
  const c = v.content;
  const name = (b: { ja: string; en: string } | null, id: string) => (b ? esc(b[lang]) : `<code>${esc(id)}</code>`);
  const person = (n: string | null) =>
    n ? `${esc(n)} <small>(${t('facts.perHub', lang)})</small>` : t('facts.unknown', lang);
  const wish = 'requestedBy' in c ? (c.requestedBy ?? null) : null;
  const categories = c.categories.map((k) => esc(DATA_CATEGORY_LABELS[k as DataCategory]?.[lang] ?? k)).join('、');
  const verified = `${t('facts.verifiedText', lang)} (${esc(when(v.receivedAt))})`;
  const text = (s: string | undefined) => (s ? `<span style="white-space:pre-line">${written(s, lang)}</span>` : '');
  return `<section id="request-facts"><h2>${t('facts.heading', lang)}</h2><dl>${row(
    t('facts.agency', lang),
    name(v.requester.agency, v.agencyOrganisationId),
    'agency',
  )}${row(t('facts.unit', lang), name(v.requester.unit, v.unitId), 'unit')}${row(
    t('facts.drafter', lang),
    person(hub?.draftedBy ?? null),
  )}${row(t('facts.approver', lang), person(hub?.approvedBy ?? null), 'approver')}${row(
    t('facts.issuedAt', lang),
    esc(when(v.requester.issuedAt)),
  )}${row(t('facts.verified', lang), verified, 'verified')}${deadlineHtml(wish, hub, lang, now)}${row(
    t('facts.case', lang),
    written(c.caseReference, lang),
  )}${row(t('facts.offence', lang), written(c.offence, lang))}${row(
    t('facts.facts', lang),
    text(c.facts),
    'facts',
  )}${row(t('facts.necessity', lang), text(c.necessity))}${emergencyHtml(v, lang)}${warrantHtml(v, lang)}${row(
    t('facts.categories', lang),
    categories,
  )}</dl></section>`;
}
