import type { Principal } from '../domain/access.ts';
import { isOpen, nextState } from '../domain/lifecycle.ts';
import type { UnitOfWork } from '../kernel/unit-of-work.ts';
import type { RequestRow } from '../store/schema.ts';
import { requestKindOf, requestStateOf } from '../store/stored-values.ts';
import { saveRequest } from './requests.ts';

// A civil request that presents a disclosure order rests on it: when the court sets the order aside on
// an objection suit, a request still open ends — as withdrawn, the state in which nothing is pending and
// nothing was answered — so it no longer waits on the provider (nor counts toward its deadlines) and the
// law office has nothing to do but close it. The court's act, audited with its judge as actor and the
// reason; the thread says why (../court/disclosure-order-objection.ts).

/** Ends `row` as withdrawn when it is still open; whether it did. */
export async function withdrawOnSetAside(uow: UnitOfWork, p: Principal, row: RequestRow): Promise<boolean> {
  const from = requestStateOf(row);
  if (!isOpen(from)) return false;
  const to = nextState(requestKindOf(row), from, 'withdraw');
  await saveRequest(uow, row, { state: to });
  await uow.auditBy(p, 'request.transition', ['request', row.id], {
    action: 'withdraw',
    from,
    to,
    reason: 'order_set_aside',
  });
  return true;
}
