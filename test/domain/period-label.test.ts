import assert from 'node:assert/strict';
import { test } from 'node:test';
import { periodLabel } from '../../src/domain/statistics.ts';

test('a period label writes the era year beside the Western year', () => {
  assert.deepEqual(periodLabel('2026-03'), { ja: '令和8年（2026年）3月', en: 'March 2026' });
  assert.deepEqual(periodLabel('2026-H1'), { ja: '令和8年（2026年）上半期', en: 'H1 2026' });
  assert.deepEqual(periodLabel('2020'), { ja: '令和2年（2020年）', en: '2020' });
  assert.deepEqual(periodLabel('2019-05'), { ja: '令和元年（2019年）5月', en: 'May 2019' });
});

test('a period over which the era changed names both eras', () => {
  assert.deepEqual(periodLabel('2019'), { ja: '平成31年・令和元年（2019年）', en: '2019' });
  assert.deepEqual(periodLabel('2019-Q2'), { ja: '平成31年・令和元年（2019年）第2四半期', en: 'Q2 2019' });
  assert.deepEqual(periodLabel('2019-H1'), { ja: '平成31年・令和元年（2019年）上半期', en: 'H1 2019' });
  // 平成 began on 8 January 1989: its January was partly 昭和64年.
  assert.deepEqual(periodLabel('1989-01'), { ja: '昭和64年・平成元年（1989年）1月', en: 'January 1989' });
  assert.deepEqual(periodLabel('1912-H2'), { ja: '明治45年・大正元年（1912年）下半期', en: 'H2 1912' });
  assert.deepEqual(periodLabel('1926-Q4'), { ja: '大正15年・昭和元年（1926年）第4四半期', en: 'Q4 1926' });
  // A period wholly inside one era, next to the change, names one.
  assert.deepEqual(periodLabel('2019-Q1'), { ja: '平成31年（2019年）第1四半期', en: 'Q1 2019' });
  assert.deepEqual(periodLabel('2019-H2'), { ja: '令和元年（2019年）下半期', en: 'H2 2019' });
});

test('before 1873 (the lunisolar calendar) a year is written in the Western year alone', () => {
  assert.deepEqual(periodLabel('1872'), { ja: '1872年', en: '1872' });
  assert.deepEqual(periodLabel('1873-01'), { ja: '明治6年（1873年）1月', en: 'January 1873' });
});

test('a key that is no period is its own label', () => {
  assert.deepEqual(periodLabel('2026-13'), { ja: '2026-13', en: '2026-13' });
});
