// A provision order (提供命令) as the installation's review pages and `shokai agent provision` both state it:
// where it stands and the facts listed about it, each with its label, in the order they are listed.
import type { AgentProvisionOrder } from './provision.ts';
import { type Lang, nameIn, when } from './render.ts';
import { plain, type WebText } from './web-texts.ts';

/** Where an order stands on this installation, in words: carried out, open to carry out, or closed. */
export const orderState = (o: AgentProvisionOrder, lang: Lang): string =>
  plain(o.order.provision ? 'prov.done' : o.open ? 'prov.open' : 'prov.closed', lang);

/** The facts the order's page and `agent provision show` list, in order: each one's label and its value. */
export function orderFacts(o: AgentProvisionOrder, lang: Lang): Array<[WebText, string]> {
  return [
    ['prov.court', nameIn(o.order.court, lang)],
    ['prov.caseNumber', o.order.order?.caseNumber ?? ''],
    ['prov.orderedAt', when(o.order.order?.orderedAt)],
    ['prov.content', o.order.order?.content ?? ''],
    ['prov.lawOffice', nameIn(o.order.lawOffice, lang)],
    ['prov.check', o.why[lang]],
    ['prov.state', orderState(o, lang)],
  ];
}
