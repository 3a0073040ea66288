// An application's changes are typed by its own table (src/court/application-kind.repository.ts): a
// caller changing a warrant application can name only warrant-application columns, and no caller can
// change an application's fixed columns (its id, reference, and the organisation and unit that own
// it). The lines marked @ts-expect-error are the regressions: `npm run typecheck` fails if any of
// them compiles, i.e. if the changes are widened back to the union of the tables' columns.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { updateApplicationRow } from '../../src/court/application-kind.repository.ts';
import { move } from '../../src/court/applications.ts';
import type { Tx } from '../../src/store/database.ts';

/** Never called: only type-checked. */
function typed(tx: Tx) {
  const at = '2026-12-02T00:00:00.000Z';
  return [
    updateApplicationRow(tx, 'warrant_applications', 'wa_1', 'draft', { offence: '脅迫', updated_at: at }),
    updateApplicationRow(tx, 'disclosure_order_applications', 'da_1', 'filed', { claimant: '甲野 花子' }),
    updateApplicationRow(tx, 'ancillary_order_applications', 'ao_1', 'filed', { provision_outcome: 'identified' }),
    // @ts-expect-error a disclosure-order application's column is not a warrant application's
    updateApplicationRow(tx, 'warrant_applications', 'wa_1', 'draft', { claimant: '甲野 花子' }),
    // @ts-expect-error an ancillary order's column is not a disclosure-order application's
    updateApplicationRow(tx, 'disclosure_order_applications', 'da_1', 'filed', { provision_outcome: 'identified' }),
    // @ts-expect-error a warrant application's column is not an ancillary order's
    updateApplicationRow(tx, 'ancillary_order_applications', 'ao_1', 'filed', { warrant_type: 'seizure' }),
    // @ts-expect-error the unit that owns a warrant application never changes
    updateApplicationRow(tx, 'warrant_applications', 'wa_1', 'draft', { unit_id: 'unit_other' }),
    // @ts-expect-error the law office that owns a disclosure-order application never changes
    updateApplicationRow(tx, 'disclosure_order_applications', 'da_1', 'filed', { law_office_organisation_id: 'o' }),
    // @ts-expect-error nor does an application's id
    updateApplicationRow(tx, 'ancillary_order_applications', 'ao_1', 'filed', { id: 'ao_2' }),
  ];
}

/** The warrant applications' own move takes their columns only. */
function typedMove(...args: Parameters<typeof move>) {
  const [uow, p, row, from, to, , action] = args;
  return [
    move(uow, p, row, from, to, { returned_note: '補正を' }, action),
    // @ts-expect-error a disclosure-order application's column
    move(uow, p, row, from, to, { claimant: '甲野 花子' }, action),
    // @ts-expect-error the agency that owns it
    move(uow, p, row, from, to, { agency_organisation_id: 'org_other' }, action),
  ];
}

test('an application is changed only through its own table’s columns (checked by the type checker)', () => {
  assert.equal(typeof typed, 'function');
  assert.equal(typeof typedMove, 'function');
});
