import { z } from 'zod';
import type { AppContext } from '../app/context.ts';
import { actorOf, type Principal, requireRole } from '../app/principal.ts';
import { inTransaction, newId } from '../app/unit-of-work.ts';
import { DomainError } from '../domain/errors.ts';
import type { CaseRow } from '../store/schema.ts';

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

export async function createCase(ctx: AppContext, p: Principal, raw: unknown): Promise<Case> {
  requireRole(p, ['investigator', 'unit_head'], ['agency']);
  const input = CreateCaseInput.parse(raw);
  return inTransaction(ctx, async (tx, audit, now) => {
    const dup = await tx
      .selectFrom('cases')
      .select('id')
      .where('organisation_id', '=', p.organisationId)
      .where('reference', '=', input.reference)
      .executeTakeFirst();
    if (dup)
      throw new DomainError(
        'CONFLICT',
        { ja: `事件番号 ${input.reference} は登録済みです`, en: `case reference ${input.reference} already exists` },
        { field: 'reference', value: input.reference },
      );
    const row: CaseRow = {
      id: newId('case'),
      organisation_id: p.organisationId,
      reference: input.reference,
      title: input.title,
      created_at: now.toISOString(),
    };
    await tx.insertInto('cases').values(row).execute();
    await audit({
      actor: actorOf(p),
      action: 'case.created',
      subjectType: 'case',
      subjectId: row.id,
      details: { reference: row.reference },
    });
    return toCase(row);
  });
}

export async function listCases(ctx: AppContext, p: Principal): Promise<Case[]> {
  return (
    await ctx.store.db
      .selectFrom('cases')
      .selectAll()
      .where('organisation_id', '=', p.organisationId)
      .orderBy('created_at', 'desc')
      .limit(500)
      .execute()
  ).map(toCase);
}

export async function getCase(ctx: AppContext, p: Principal, id: string): Promise<Case> {
  const r = await ctx.store.db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r || r.organisation_id !== p.organisationId)
    throw new DomainError(
      'NOT_FOUND',
      { ja: `事件 ${id} は存在しません`, en: `case ${id} does not exist` },
      { field: 'id', value: id },
    );
  return toCase(r);
}
