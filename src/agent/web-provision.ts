import type { Context, Hono } from 'hono';
import { ApiError } from '../client/client.ts';
import type { Principal } from '../domain/access.ts';
import { isDomainError } from '../domain/errors.ts';
import type { PostLogCommunications } from '../holders/post-communications.ts';
import { logger } from '../kernel/logger.ts';
import {
  type AgentProvisionOrder,
  carryOutOrPreview,
  offerFromPostLog,
  type ProvisionPlan,
  previewOrder,
  provisionOrder,
  provisionOrders,
} from './provision.ts';
import { orderFacts, orderState } from './provision-facts.ts';
import { type CarryOutCommunication, communicationLine, communicationsOfLines } from './provision-lines.ts';
import { PLAN_CHANGED } from './provision-words.ts';
import { esc, type Lang, nameIn, targetLine, when } from './render.ts';
import type { AgentRuntime } from './runner.ts';
import { page } from './web-pages.ts';
import { plain, t } from './web-texts.ts';

// The provision orders (提供命令) in the installation's pages (no script): the orders addressed to the
// provider, each with the check of the judge's signature against the pinned directory; on one, "fill
// from the post log" (a POST: an audited read) lists what the log holds for the order's posts, each
// ticked with its post and file:line; the reviewer unticks, adds lines and asks for the preview: each
// communication with the access provider it will be sealed to (named from the pinned directory) or
// none; the confirm form carries the lines and the plan's digest, which carrying out computes again
// and refuses, showing the new plan, if it differs. The page then shows the access providers named.

type Who = (c: Context) => Principal | undefined;

function listHtml(orders: AgentProvisionOrder[], lang: Lang): string {
  if (orders.length === 0) return `<p>${t('prov.none', lang)}</p>`;
  const rows = orders
    .map(
      (o) =>
        `<tr><td><a href="/provision-orders/${esc(o.order.id)}">${esc(o.order.reference)}</a></td>` +
        `<td>${esc(nameIn(o.order.court, lang))}</td>` +
        `<td>${esc(o.order.order?.caseNumber)}</td><td class="nowrap">` +
        `${esc(when(o.order.order?.orderedAt))}</td><td>${esc(o.why[lang])}</td>` +
        `<td>${esc(orderState(o, lang))}</td></tr>`,
    )
    .join('');
  return (
    `<table><thead><tr><th>${t('prov.reference', lang)}</th>` +
    `<th>${t('prov.court', lang)}</th><th>${t('prov.caseNumber', lang)}</th>` +
    `<th>${t('prov.orderedAt', lang)}</th><th>${t('prov.check', lang)}</th>` +
    `<th>${t('prov.state', lang)}</th></tr></thead><tbody>${rows}</tbody></table>`
  );
}

function offeredHtml(f: PostLogCommunications, lang: Lang): string {
  if (!f.postLog) return `<p role="status" data-testid="post-log-none">${esc(f.why?.[lang])}</p>`;
  const posts = f.posts
    .map((p) => {
      const items = p.communications
        .map(
          (c) =>
            `<li><label><input type="checkbox" name="c" value="${esc(communicationLine(c))}" checked> ` +
            `<code>${esc(c.address)}</code>` +
            `${c.port === undefined ? '' : ` ${t('prov.port', lang)} <code>${c.port}</code>`} ` +
            `${esc(when(c.at))} <small>(${t('prov.source', lang)} ${esc(c.post.url ?? '')}` +
            `${c.post.postId === null ? '' : ` #${esc(c.post.postId)}`}; ` +
            `${c.sources.map((s) => `<code>${esc(s.file)}:${s.line}</code>`).join(', ')})</small></label></li>`,
        )
        .join('');
      const why = p.why ? `<p role="status">${esc(p.why[lang])}</p>` : '';
      return `<div><p>${esc(targetLine(p.target, lang))}</p>${why}<ul class="plain">${items}</ul></div>`;
    })
    .join('');
  return (
    `<fieldset data-testid="post-log-communications"><legend>${t('prov.offered', lang)}</legend>` +
    `<p>${t('prov.offeredIntro', lang)}</p>${posts}</fieldset>`
  );
}

function planHtml(id: string, plan: ProvisionPlan, lang: Lang): string {
  const rows = plan.communications
    .map((c) => {
      const to = c.accessProvider ? esc(nameIn(c.accessProvider, lang)) : `<em>${t('prov.planNone', lang)}</em>`;
      return (
        `<tr><td><code>${esc(c.address)}</code></td><td>${c.port ?? '-'}</td>` +
        `<td class="nowrap">${esc(when(c.at))}</td><td>${to}</td></tr>`
      );
    })
    .join('');
  const lines = plan.communications.map(
    (c) => `<input type="hidden" name="line" value="${esc(communicationLine(c))}">`,
  );
  const ignored = plan.ignored.length
    ? `<div role="status" data-testid="ignored-declarations"><p>${t('prov.ignored', lang)}</p><ul>${plan.ignored
        .map((g) => `<li>${esc(nameIn(g, lang))} ${esc(when(g.at))}: ${esc(g.why[lang])}</li>`)
        .join('')}</ul></div>`
    : '';
  return (
    `<section data-testid="provision-plan"><h2>${t('prov.plan', lang)}</h2><p>${t('prov.planIntro', lang)}</p>
${ignored}<table><thead><tr><th>${t('prov.address', lang)}</th><th>${t('prov.port', lang)}</th>` +
    `<th>${t('prov.at', lang)}</th><th>${t('prov.sealedTo', lang)}</th></tr></thead>` +
    `<tbody>${rows}</tbody></table>
<form method="post" action="/provision-orders/${esc(id)}/carry-out">${lines.join('')}` +
    `<input type="hidden" name="plan" value="${esc(plan.digest)}">` +
    `<p>${t('prov.carryOutIntro', lang)}</p><button>${t('prov.carryOut', lang)}</button></form>
<p><a href="/provision-orders/${esc(id)}">${t('prov.back', lang)}</a></p></section>`
  );
}

function orderHtml(
  o: AgentProvisionOrder,
  lang: Lang,
  offered: PostLogCommunications | null,
  error: string | null,
  plan: ProvisionPlan | null = null,
) {
  const table = `<table>${orderFacts(o, lang)
    .map(([k, v]) => `<tr><th>${t(k, lang)}</th><td>${esc(v)}</td></tr>`)
    .join('')}</table>`;
  const posts =
    `<h2>${t('prov.posts', lang)}</h2><ul>` +
    `${(o.attested?.targets ?? o.order.targets).map((x) => `<li>${esc(targetLine(x, lang))}</li>`).join('')}</ul>`;
  const alert = error ? `<p role="alert">${esc(error)}</p>` : '';
  let act = '';
  if (o.order.provision) {
    const names = o.order.provision.accessProviders.map((a) => `<li>${esc(nameIn(a.organisation, lang))}</li>`);
    act = `<div data-testid="provision-result">${
      o.order.provision.identified
        ? `<p>${t('prov.accessProviders', lang)}</p><ul>${names.join('')}</ul>`
        : `<p>${t('prov.notIdentified', lang)}</p>`
    }</div>`;
  } else if (o.open && plan) {
    act = planHtml(o.order.id, plan, lang);
  } else if (o.open) {
    const id = esc(o.order.id);
    act =
      `<form method="post" action="/provision-orders/${id}/fill">` +
      `<p>${t('prov.fillIntro', lang)}</p><button>${t('prov.fill', lang)}</button></form>
<form method="post" action="/provision-orders/${id}/preview">${offered ? offeredHtml(offered, lang) : ''}
<label>${t('prov.more', lang)}<textarea class="note" name="more"></textarea></label>` +
      `<button>${t('prov.preview', lang)}</button></form>`;
  }
  return page(
    lang,
    `${plain('page.provisionOrders', lang)} ${o.order.reference}`,
    `${alert}${table}${posts}${act}`,
    true,
  );
}

/** The communications of the form: the ticked ones and the typed lines ("address [port] time"), in order. */
export const formCommunications = (ticked: string[], more: string): CarryOutCommunication[] =>
  communicationsOfLines([...ticked, ...more.split('\n')]);

export function registerProvisionPages(app: Hono, rt: AgentRuntime, who: Who, lang: (c: Context) => Lang): void {
  // A refusal here, or the hub's (its words, or that it cannot be reached), on the order's page when it loads.
  const refused = async (c: Context, p: Principal, err: unknown) => {
    const words = isDomainError(err) ? err.messages : err instanceof ApiError ? err.bilingual : null;
    if (!words) throw err;
    const l = lang(c);
    const status = err instanceof ApiError ? 502 : 400;
    const id = c.req.param('id') ?? '';
    const o = id ? await provisionOrder(rt, p, id).catch(() => null) : null;
    if (!o) return c.html(page(l, words[l], `<p role="alert">${esc(words[l])}</p>`, true), status);
    return c.html(orderHtml(o, l, null, words[l]), status);
  };
  // A signed-in person's page (else the sign-in page), with the order's id where the path names one;
  // a refusal is shown as `refused` shows it.
  const signedIn = (handle: (c: Context, p: Principal, id: string) => Promise<Response>) => async (c: Context) => {
    const p = who(c);
    if (!p) return c.redirect('/login', 303);
    try {
      return await handle(c, p, c.req.param('id') ?? '');
    } catch (err) {
      return refused(c, p, err);
    }
  };
  app.get(
    '/provision-orders',
    signedIn(async (c, p) =>
      c.html(
        page(lang(c), plain('page.provisionOrders', lang(c)), listHtml(await provisionOrders(rt, p), lang(c)), true),
      ),
    ),
  );
  app.get(
    '/provision-orders/:id',
    signedIn(async (c, p, id) => c.html(orderHtml(await provisionOrder(rt, p, id), lang(c), null, null))),
  );
  app.post(
    '/provision-orders/:id/fill',
    signedIn(async (c, p, id) => {
      const offered = await offerFromPostLog(rt, p, id);
      return c.html(orderHtml(await provisionOrder(rt, p, id), lang(c), offered, null));
    }),
  );
  const strings = (v: unknown) => ([] as unknown[]).concat(v ?? []).filter((x): x is string => typeof x === 'string');
  app.post(
    '/provision-orders/:id/preview',
    signedIn(async (c, p, id) => {
      const form = await c.req.parseBody({ all: true });
      const more = typeof form.more === 'string' ? form.more : '';
      const plan = await previewOrder(rt, p, id, { communications: formCommunications(strings(form.c), more) });
      return c.html(orderHtml(await provisionOrder(rt, p, id), lang(c), null, null, plan));
    }),
  );
  app.post(
    '/provision-orders/:id/carry-out',
    signedIn(async (c, p, id) => {
      const form = await c.req.parseBody({ all: true });
      const communications = formCommunications(strings(form.line), '');
      const plan = typeof form.plan === 'string' ? form.plan : '';
      const { done, changed } = await carryOutOrPreview(rt, p, id, { communications, plan });
      // The plan changed since the preview: refused in words, the new plan shown to confirm again.
      if (changed) {
        const l = lang(c);
        return c.html(orderHtml(await provisionOrder(rt, p, id), l, null, PLAN_CHANGED[l], changed), 409);
      }
      logger.info('agent.provision_carried_out', {
        orderId: id,
        accessProviders: done.provision?.accessProviders.length ?? 0,
      });
      return c.redirect(`/provision-orders/${encodeURIComponent(id)}`, 303);
    }),
  );
}
