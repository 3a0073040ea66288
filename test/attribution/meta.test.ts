// The store summary (prefix lengths, NAT kinds, widest block, covered window) is folded the same way by
// both dialects; these checks pin what a batch changes, closes included.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Batch, type NatRow } from '../../src/attribution/model.ts';
import { foldBatch, metaFromPairs } from '../../src/attribution/store/meta.ts';

const nat = (t0: number, t1: number, plo = 1024, phi = 2047): NatRow => ({
  kind: 'block',
  pub: 0xc0000201,
  plo,
  phi,
  inside: 0x0a000001,
  t0,
  t1,
  open: false,
  line: 1,
  eline: 1,
});

test('an empty store summary reads as nothing seen', () => {
  const m = metaFromPairs(() => undefined);
  assert.deepEqual(m, {
    plens4: [],
    plens6: [],
    span: 0,
    block: false,
    session: false,
    cov: { natFrom: null, natTo: null, assignFrom: null, assignTo: null },
  });
});

test('a batch widens the window, records the kind and span, and reports only what changed', () => {
  const m = metaFromPairs(() => undefined);
  const b = new Batch();
  b.nats.push(nat(1000, 2000));
  const first = new Map(foldBatch(m, b));
  assert.deepEqual(
    first,
    new Map([
      ['block', '1'],
      ['span', '1023'],
      ['natFrom', '1000'],
      ['natTo', '2000'],
    ]),
  );
  const again = new Batch();
  again.nats.push(nat(1500, 1800));
  assert.deepEqual(foldBatch(m, again), [], 'a row inside the known window changes nothing');
});

test('a closed session counts its closing instant in the covered window', () => {
  const m = metaFromPairs((k) => ({ natFrom: '1000', natTo: '2000', block: '1', span: '1023' })[k]);
  const b = new Batch();
  b.closes.push({
    target: 'block',
    pub: 0xc0000201,
    plo: 1024,
    inside: 0x0a000001,
    at: 5000,
    line: 9,
    fallback: nat(900, 900),
  });
  const changed = new Map(foldBatch(m, b));
  assert.equal(changed.get('natFrom'), '900');
  assert.equal(changed.get('natTo'), '5000');
  // What was read back stays what the pairs said, then the fold moved it.
  assert.equal(metaFromPairs((k) => changed.get(k) ?? { block: '1', span: '1023' }[k]).cov.natTo, 5000);
});
