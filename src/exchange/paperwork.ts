import { findCase } from '../cases/case.repository.ts';
import type { Principal } from '../domain/access.ts';
import { DomainError } from '../domain/errors.ts';
import { contentRetained } from '../domain/retained.ts';
import type { DataCategory } from '../domain/vocabulary.ts';
import type { UnitOfWork } from '../kernel/unit-of-work.ts';
import type { RequestRow } from '../store/schema.ts';
import { createDraft } from './drafting.ts';
import { findPaperworkFor } from './request.repository.ts';
import { contentOf, loadVisible } from './requests.ts';

// The paperwork that follows an emergency answer (issue 15): the provider disclosed under necessity,
// and the ordinary inquiry that covers the disclosure must follow within three days. One action drafts
// it — same case, same provider, same targets — for the investigator to review, submit and have
// approved like any other; the emergency's follow-up counts as done once it is issued.

const ORDINARY: readonly DataCategory[] = ['subscriber', 'access_log'];

export async function draftPaperwork(uow: UnitOfWork, p: Principal, id: string): Promise<RequestRow> {
  const { row, side } = await loadVisible(uow.tx, p, id, uow.now);
  const e = contentOf(row);
  if (side !== 'agency' || p.unitId !== row.unit_id || e.kind !== 'emergency') {
    throw new DomainError(
      'NOT_FOUND',
      {
        ja: '事後の照会書は緊急照会の要請元の所属が起案します',
        en: 'the paperwork is drafted by the unit that sent the emergency request',
      },
      { id },
    );
  }
  if (contentRetained(e)) {
    // Retention took the targets and the text the paperwork would repeat (src/domain/retention.ts).
    throw new DomainError(
      'PURGED',
      {
        ja: '保存期間を過ぎて対象と記述が消去された緊急照会からは事後の照会書を起案できません。対象を記載して新たに起案してください',
        en:
          "retention removed this emergency request's targets and text after its period: " +
          'draft the follow-up inquiry anew, naming its targets',
      },
      { id },
    );
  }
  if (!row.answered_at) {
    throw new DomainError(
      'ILLEGAL_TRANSITION',
      { ja: '緊急照会への回答の後に起案できます', en: 'the paperwork follows the answer to the emergency' },
      { id, state: row.state },
    );
  }
  const done = await findPaperworkFor(uow.tx, row);
  if (done) {
    throw new DomainError(
      'CONFLICT',
      { ja: `事後の照会は送付済みです（${done.reference}）`, en: `the paperwork was already sent (${done.reference})` },
      { id, doneBy: done.reference },
    );
  }
  const caseReference =
    e.caseReference || (row.case_id ? (await findCase(uow.tx, row.case_id))?.reference : '') || row.reference;
  const categories = e.categories.filter((c) => ORDINARY.includes(c));
  const content = {
    kind: 'inquiry' as const,
    providerOrganisationId: e.providerOrganisationId,
    caseReference,
    offence: e.offence || '（保護事案）',
    facts: `緊急照会 ${row.reference} に対し回答を受けた事項について、事後の照会として送付する。\n${e.facts}`.slice(
      0,
      10000,
    ),
    necessity: `緊急照会（${row.reference}）の事後手続として。\n${e.necessity}`.slice(0, 5000),
    targets: e.targets,
    categories: categories.length > 0 ? categories : (['subscriber'] as DataCategory[]),
  };
  const draft = (cats: DataCategory[]) =>
    createDraft(uow, p, { content: { ...content, categories: cats }, ...(row.case_id ? { caseId: row.case_id } : {}) });
  try {
    return await draft(content.categories);
  } catch (err) {
    // A carrier's access logs need a warrant: the inquiry covers the subscriber record, and the
    // investigator adds the warrant for the rest.
    if (err instanceof DomainError && (err.code === 'MATRIX_REFUSED' || err.code === 'POLICY_REFUSED')) {
      if (content.categories.includes('subscriber') && content.categories.length > 1) return draft(['subscriber']);
    }
    throw err;
  }
}
