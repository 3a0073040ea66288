import { z } from 'zod';
import { listScope, type Principal, requirePermission } from '../domain/access.ts';
import { DomainError } from '../domain/errors.ts';
import { shownInput } from '../domain/shown-text.ts';
import { parseOrThrow } from '../domain/validation.ts';
import { newId } from '../kernel/ids.ts';
import type { UnitOfWork } from '../kernel/unit-of-work.ts';
import type { CaseRow } from '../store/schema.ts';
import {
  findCaseByReference,
  findCaseInScope,
  insertCase,
  insertCaseIfAbsent,
  listCaseRows,
} from './case.repository.ts';

export const CreateCaseInput = z.strictObject({
  reference: z.string().trim().min(1).max(100),
  title: z.string().trim().min(1).max(300),
});

export interface Case {
  id: string;
  organisationId: string;
  reference: string;
  title: string;
  createdAt: string;
}
const toCase = (r: CaseRow): Case => ({
  id: r.id,
  organisationId: r.organisation_id,
  reference: r.reference,
  title: r.title,
  createdAt: r.created_at,
});

const notFound = (id: string, field: string) =>
  new DomainError(
    'NOT_FOUND',
    { ja: `事件 ${shownInput(id)} は存在しません`, en: `case ${shownInput(id)} does not exist` },
    {
      field,
      value: id,
    },
  );

export async function createCase(uow: UnitOfWork, p: Principal, raw: unknown): Promise<Case> {
  requirePermission(p, 'case.create');
  const input = parseOrThrow(CreateCaseInput, raw);
  if (await findCaseByReference(uow.tx, p.organisationId, input.reference)) {
    throw new DomainError(
      'CONFLICT',
      { ja: `事件番号 ${input.reference} は登録済みです`, en: `case reference ${input.reference} already exists` },
      { field: 'reference', value: input.reference },
    );
  }
  const row: CaseRow = {
    id: newId('case'),
    organisation_id: p.organisationId,
    unit_id: p.unitId,
    reference: input.reference,
    title: input.title,
    created_at: uow.now.toISOString(),
  };
  await insertCase(uow.tx, row);
  await uow.auditBy(p, 'case.created', ['case', row.id], { reference: row.reference });
  return toCase(row);
}

/**
 * The case a new request belongs to: the one named by id, or the one with the request's case reference, created
 * for the drafter's unit if absent — insert-or-get, atomic under concurrency (a parallel draft naming the same case
 * waits, then finds it). Either must be a case the drafter sees (their unit's, or holding a request shared with
 * them): a case number of another unit's case is refused, not joined, so that its title is not learnt by guessing.
 */
export async function caseForRequest(
  uow: UnitOfWork,
  p: Principal,
  caseId: string | undefined,
  reference: string,
): Promise<string> {
  const scope = listScope(p);
  if (caseId) {
    const c = scope.kind === 'agency' ? await findCaseInScope(uow.tx, caseId, scope) : undefined;
    if (!c) throw notFound(caseId, 'caseId');
    return c.id;
  }
  const row: CaseRow = {
    id: newId('case'),
    organisation_id: p.organisationId,
    unit_id: p.unitId,
    reference,
    title: reference,
    created_at: uow.now.toISOString(),
  };
  if (await insertCaseIfAbsent(uow.tx, row)) {
    await uow.auditBy(p, 'case.created', ['case', row.id], { reference });
    return row.id;
  }
  const existing = await findCaseByReference(uow.tx, p.organisationId, reference);
  if (!existing)
    throw new DomainError('CONFLICT', { ja: '事件の登録が競合しました', en: 'the case was changed concurrently' });
  if (scope.kind !== 'agency' || !(await findCaseInScope(uow.tx, existing.id, scope))) {
    throw new DomainError(
      'CONFLICT',
      {
        ja:
          `事件番号 ${shownInput(reference)} は他の係の事件です。` +
          'その係から照会の共有を受けるか、別の事件番号を指定してください',
        en:
          `case reference ${shownInput(reference)} is another unit's case: ` +
          'ask that unit to share a request of it, or give another reference',
      },
      { field: 'caseReference', value: reference },
    );
  }
  return existing.id;
}

/** The cases the caller sees: their unit's, and those holding a request shared with them (need-to-know). */
export async function listCases(uow: UnitOfWork, p: Principal): Promise<Case[]> {
  requirePermission(p, 'case.read');
  const scope = listScope(p);
  return scope.kind === 'agency' ? (await listCaseRows(uow.tx, scope, 500)).map(toCase) : [];
}

/** The case if it is in the viewer's scope (their unit's, or shared with them), else null: for naming it on a page. */
export async function caseInScope(uow: UnitOfWork, p: Principal, id: string): Promise<Case | null> {
  const scope = listScope(p);
  const r = scope.kind === 'agency' ? await findCaseInScope(uow.tx, id, scope) : undefined;
  return r ? toCase(r) : null;
}

/** One case the caller sees (as listCases); another's is not found, as another organisation's. */
export async function getCase(uow: UnitOfWork, p: Principal, id: string): Promise<Case> {
  requirePermission(p, 'case.read');
  const scope = listScope(p);
  const r = scope.kind === 'agency' ? await findCaseInScope(uow.tx, id, scope) : undefined;
  if (!r) throw notFound(id, 'id');
  return toCase(r);
}
