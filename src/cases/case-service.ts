import { z } from 'zod';
import { type Principal, requirePermission } from '../domain/access.ts';
import { DomainError } from '../domain/errors.ts';
import { shownInput } from '../domain/shown-text.ts';
import { parseOrThrow } from '../domain/validation.ts';
import { newId } from '../kernel/ids.ts';
import type { UnitOfWork } from '../kernel/unit-of-work.ts';
import type { CaseRow } from '../store/schema.ts';
import { findCase, findCaseByReference, insertCase, insertCaseIfAbsent, listCaseRows } from './case.repository.ts';

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
    reference: input.reference,
    title: input.title,
    created_at: uow.now.toISOString(),
  };
  await insertCase(uow.tx, row);
  await uow.auditBy(p, 'case.created', ['case', row.id], { reference: row.reference });
  return toCase(row);
}

/**
 * The case a new request belongs to: the one named by id (of the caller's organisation), or the one
 * with the request's case reference, created if absent — insert-or-get, atomic under concurrency (a
 * parallel draft naming the same case waits, then finds it).
 */
export async function caseForRequest(
  uow: UnitOfWork,
  p: Principal,
  caseId: string | undefined,
  reference: string,
): Promise<string> {
  if (caseId) {
    const c = await findCase(uow.tx, caseId);
    if (!c || c.organisation_id !== p.organisationId) throw notFound(caseId, 'caseId');
    return c.id;
  }
  const row: CaseRow = {
    id: newId('case'),
    organisation_id: p.organisationId,
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
  return existing.id;
}

export async function listCases(uow: UnitOfWork, p: Principal): Promise<Case[]> {
  requirePermission(p, 'case.read');
  return (await listCaseRows(uow.tx, p.organisationId, 500)).map(toCase);
}

export async function getCase(uow: UnitOfWork, p: Principal, id: string): Promise<Case> {
  requirePermission(p, 'case.read');
  const r = await findCase(uow.tx, id);
  if (!r || r.organisation_id !== p.organisationId) throw notFound(id, 'id');
  return toCase(r);
}
