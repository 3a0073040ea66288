// A disclosure-order case (発信者情報開示命令の申立て) as the browser tests of the court's pages start it: filed
// through the API by the lawyer, so that the test's pages open on an application already before the court.
import assert from 'node:assert/strict';
import { orgId } from '../support/exchange.ts';
import type { UiHub } from './support.ts';

/**
 * The lawyer's application for a disclosure order against Sakura Board K.K. about the post at `postUrl`
 * (a claimant defamed as a fraud), filed with the Tokyo District Court under the office's case
 * reference `当事務所 2026-民-{caseNo}`: the application's id and reference, and when it was filed.
 */
export async function fileBoardOrderCase(
  hub: UiHub,
  caseNo: string,
  postUrl: string,
): Promise<{ id: string; reference: string; filedAt: number }> {
  const lawyer = await hub.api('lawyer');
  const filed = await lawyer<{ id: string; reference: string }>('POST', '/v1/disclosure-order-applications', {
    courtOrganisationId: await orgId(hub, 'Tokyo District Court'),
    providerOrganisationId: await orgId(hub, 'Sakura Board K.K.'),
    caseReference: `当事務所 2026-民-${caseNo}`,
    claimant: '佐藤 一郎',
    rights: ['honour'],
    rightsInfringed: '虚偽の事実の摘示により社会的評価が低下した。',
    purposes: ['damages'],
    senderInformation: ['name', 'address'],
    targets: [{ type: 'url', url: postUrl }],
    facts: '掲示板で請求者の実名を挙げ、詐欺師であるとの虚偽の書込みがされた。',
    necessity: '損害賠償請求の相手方を特定するため。',
  });
  assert.equal(filed.status, 201, JSON.stringify(filed.body));
  return { id: filed.body.id, reference: filed.body.reference, filedAt: Date.now() };
}
