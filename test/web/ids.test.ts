// The web tells a record's id from a mistyped path segment before asking the API: the shape it knows
// must be the shape the hub gives (a drift would turn every real request, case, … into "not found").
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
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
