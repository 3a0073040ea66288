// The web tells a record's id from a mistyped path segment before asking the API: the shape it knows
// must be the shape the hub gives (a drift would turn every real request, case, … into "not found").
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { WARRANT_APPLICATIONS } from '../../src/court/applications.ts';
import { ORDER_APPLICATIONS } from '../../src/court/disclosure-orders.ts';
import { newRequestRow } from '../../src/exchange/requests.ts';
import { newId } from '../../src/kernel/ids.ts';
import { ID_PREFIXES, type IdKind, isIdOf } from '../../web/src/lib/ids.ts';

const KINDS = Object.keys(ID_PREFIXES) as IdKind[];

test('every id the hub gives a record is an id of its kind to the web', () => {
  for (const kind of KINDS) {
    for (let i = 0; i < 20; i++) assert.ok(isIdOf(kind, newId(ID_PREFIXES[kind])), kind);
  }
});

test('the prefixes are the ones the hub gives', () => {
  // A prefix changed where the hub makes the ids must change here too.
  const src = fileURLToPath(new URL('../../src/', import.meta.url));
  const sources = readdirSync(src, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => readFileSync(join(src, f), 'utf8'))
    .join('\n');
  for (const kind of KINDS) {
    assert.match(sources, new RegExp(`newId\\('${ID_PREFIXES[kind]}'\\)`), `the hub makes ${kind} ids`);
  }
});

/**
 * Where the hub mints each record's ids: the function that makes the id of a new row (called here), or
 * for a row made inside a service, the module and the row it is made for (read from its source).
 */
const MINTED: Record<IdKind, { module: string; mint: (() => string) | { row: string } }> = {
  request: { module: 'exchange/requests.ts', mint: () => newRequestRow('2026-12-02T00:00:00.000Z', REQUEST).id },
  case: { module: 'cases/case-service.ts', mint: { row: 'CaseRow' } },
  consultation: { module: 'consultation/consultation-service.ts', mint: { row: 'ConsultationRow' } },
  warrantApplication: { module: 'court/applications.ts', mint: WARRANT_APPLICATIONS.numbering.newId },
  disclosureOrder: { module: 'court/disclosure-orders.ts', mint: ORDER_APPLICATIONS.numbering.newId },
};
const REQUEST: Parameters<typeof newRequestRow>[1] = {
  reference: 'R-1',
  kind: 'inquiry',
  state: 'draft',
  agency_organisation_id: 'org_1',
  unit_id: 'unit_1',
  provider_organisation_id: null,
  case_id: null,
  drafted_by: 'user_1',
  approved_by: null,
  content: '{}',
  envelope: null,
  issued_at: null,
  origin: 'local',
};

test("each prefix is the one the module that mints that record's ids gives, and only it", () => {
  // A prefix mistyped here, or changed or moved where the hub mints the ids, fails here.
  const src = fileURLToPath(new URL('../../src/', import.meta.url));
  const files = readdirSync(src, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
  for (const kind of KINDS) {
    const prefix = ID_PREFIXES[kind];
    const { module, mint } = MINTED[kind];
    const minting = readFileSync(join(src, module), 'utf8');
    assert.match(minting, new RegExp(`newId\\('${prefix}'\\)`), `${module} mints ${kind} ids with '${prefix}'`);
    if (typeof mint === 'function') {
      for (let i = 0; i < 5; i++) assert.ok(isIdOf(kind, mint()), `${module} makes ${kind} ids the web knows`);
    } else {
      assert.match(
        minting,
        new RegExp(`: ${mint.row} = \\{\\s*id: newId\\('${prefix}'\\)`),
        `${module} makes each new ${mint.row} with a '${prefix}' id`,
      );
    }
    const elsewhere = files.filter(
      (f) => f.replaceAll('\\', '/') !== module && readFileSync(join(src, f), 'utf8').includes(`newId('${prefix}')`),
    );
    assert.deepEqual(elsewhere, [], `only ${module} mints '${prefix}' ids`);
  }
});

test('a segment of another shape, or of another kind, is not', () => {
  for (const s of [
    'new',
    'abc',
    'edit',
    '',
    'req_',
    'req_1',
    'req_forged',
    newId('case'),
    `${newId('req')}x`,
    ' req_',
  ]) {
    assert.equal(isIdOf('request', s), false, s);
  }
  assert.equal(isIdOf('request', newId('req').toUpperCase()), false, 'the prefix is lower case');
  assert.equal(isIdOf('case', newId('con')), false);
  assert.equal(isIdOf('consultation', newId('case')), false);
  assert.equal(isIdOf('warrantApplication', newId('doap')), false);
  assert.equal(isIdOf('disclosureOrder', 'abc'), false);
});
