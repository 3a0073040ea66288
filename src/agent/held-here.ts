import { subjectEntries } from '../audit/subject-entries.queries.ts';
import { SYSTEM_CALLER } from '../domain/access.ts';
import type { Bilingual } from '../domain/vocabulary.ts';
import type { UnitOfWork } from '../kernel/unit-of-work.ts';
import { listAgentRequests } from './agent.repository.ts';
import { heldForCallBack, pinForAge } from './own-call-back.ts';
import { esc, type Lang } from './render.ts';

// An approved answer this installation holds on its own: an emergency it asks a call-back for
// (./own-call-back.ts), none recorded here yet. It is no refused send — the hub refused nothing, nothing was
// sent — so it is neither kept as the hub's refusal (./send-refusal.ts) nor counted as an attempt: it is worked
// out from the request each time (held while it is approved, asked and not recorded), shown in its own words on
// the request's page and in `shokai agent review`, and audited once as its own action (`agent.send_held`).

/** The heading the request's page gives it (it needs a person). */
export const HELD_HERE_WORDS: Bilingual = {
  ja: '要対応: この設置が送付を保留しています（ハブは何も拒否していません）',
  en: 'Needs action: this installation holds the send (the hub refused nothing)',
};

/**
 * The same, short, on the line of such a request in the installation's list (its page and `shokai agent list`):
 * worked out by `heldForCallBack`, as the request's page is.
 */
export const HELD_HERE_SHORT: Bilingual = {
  ja: '要対応: 折り返し電話の記録待ち（この設置で保留）',
  en: 'Needs action: held here until a call-back is recorded',
};

/** The heading of the status page's list of such requests (and of the lines `shokai agent status` prints). */
export const HELD_HERE_STATUS: Bilingual = {
  ja: '要対応: この設置が送付を保留している回答（折り返し電話をこの設置で記録するまで。ハブは何も拒否していません）',
  en: 'Needs action: answers this installation holds until a call-back is recorded here (the hub refused nothing)',
};

/** A request held here, as the status page lists it: its reference and why, in the installation's words. */
export interface HeldHereRow {
  requestId: string;
  reference: string;
  why: Bilingual;
}

/** The approved answers held here now (at most `limit` looked at), each worked out by `heldForCallBack`. */
export async function heldHereRows(uow: UnitOfWork, limit = 200): Promise<HeldHereRow[]> {
  const out: HeldHereRow[] = [];
  const pin = pinForAge(uow);
  for (const row of await listAgentRequests(uow.tx, ['approved'], limit)) {
    const why = await heldForCallBack(uow, row, pin);
    if (why) out.push({ requestId: row.request_id, reference: row.reference, why });
  }
  return out;
}

/** The status page's list of answers held here; empty when there is none. */
export function heldHereStatusHtml(rows: readonly HeldHereRow[], lang: Lang): string {
  if (rows.length === 0) return '';
  const items = rows
    .map(
      (r) =>
        `<li data-held-here="${esc(r.requestId)}"><a href="/requests/${esc(r.requestId)}">${esc(r.reference)}</a>` +
        `: ${esc(r.why[lang])}</li>`,
    )
    .join('');
  return `<div role="alert" id="held-here"><p>${esc(HELD_HERE_STATUS[lang])}</p><ul>${items}</ul></div>`;
}

const WHY: Bilingual = { ja: 'この設置の理由', en: 'Why this installation holds it' };
const NEXT: Bilingual = {
  ja: '下の「照会元所属への折り返し確認」で折り返し確認をこの設置に記録すると、次の取得で送られます（送付の試行には数えません）',
  en:
    'Record the call-back here, below under "Call-back to the issuing unit": the next cycle then sends it ' +
    '(no attempt is counted meanwhile)',
};

/**
 * Whether `row` is held here (before its send, or its answer file); the hold audited once per request (each
 * cycle finds it again: it is the same hold).
 */
export async function heldHere(uow: UnitOfWork, row: Parameters<typeof heldForCallBack>[1]): Promise<boolean> {
  if (!(await heldForCallBack(uow, row))) return false;
  const entries = await subjectEntries(uow.tx, 'request', row.request_id, 0);
  if (entries.some((e) => e.action === 'agent.send_held')) return true;
  await uow.auditBy(SYSTEM_CALLER, 'agent.send_held', ['request', row.request_id], { why: 'own_call_back' });
  return true;
}

/** The hold on the request's page: the installation's words, what to do. Empty when it is not held. */
export function heldHereHtml(held: Bilingual | null, lang: Lang): string {
  if (!held) return '';
  return (
    `<section role="alert" id="held-here"><h2>${esc(HELD_HERE_WORDS[lang])}</h2><dl>` +
    `<dt>${esc(WHY[lang])}</dt><dd id="held-here-words">${esc(held[lang])}</dd></dl>` +
    `<p>${esc(NEXT[lang])}</p></section>`
  );
}
