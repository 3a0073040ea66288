// What the case's trace reads of an opened answer: whether each item names the person its records hold —
// a carrier's subscriber, or a café's member as its ID check registered them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { UnsealedAnswer } from '../../web/src/api/types.ts';
import { readingsOf } from '../../web/src/lib/answers-read.ts';

type Item = UnsealedAnswer['answer']['items'][number];
const answer = (items: Item[]): UnsealedAnswer['answer'] => ({ outcome: 'full', items });

test("an item naming a café's member reads as naming its person, as a subscriber does", () => {
  const read = readingsOf(
    answer([
      { targetIndex: 0, result: 'found', member: { name: '山田 花子' } },
      { targetIndex: 1, result: 'found', subscriber: { name: '佐藤 一郎' } },
      { targetIndex: 2, result: 'no_data' },
    ]),
  );
  assert.deepEqual(
    read.map((r) => r.subscriber),
    [true, true, false],
  );
});
