// The statistics charts (the same layout on the screen and in the transparency report): every label
// stays inside the picture and no two labels run together.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { columns, horizontalBars, periodColumnLabels, textWidth } from '../../src/statistics/chart.ts';

test('a long category label is not cut at the left edge of a bar chart', () => {
  const layout = horizontalBars([
    { key: 'civil_disclosure', label: 'Civil sender-information disclosure', value: 0 },
    { key: 'inquiry', label: 'Inquiry', value: 2 },
    { key: 'ja', label: '発信者情報開示請求（民事）', value: 1 },
  ]);
  for (const b of layout.bars) assert.ok(b.labelX - textWidth(b.label) >= 0, `${b.label} starts inside the chart`);
  assert.ok(textWidth('Civil sender-information disclosure') > 200, 'the estimate counts every character');
});

test('twelve months in a column chart: the period labels written do not overlap', () => {
  const months = Array.from({ length: 12 }, (_, i) => ({
    key: `2026-${String(i + 1).padStart(2, '0')}`,
    label: `2026-${String(i + 1).padStart(2, '0')}`,
    value: i,
  }));
  const shown = columns(months).bars.filter((b) => b.label !== '');
  assert.ok(shown.length >= 2 && shown[0]?.label === '2026-01');
  for (const [a, b] of shown.slice(1).map((b, i) => [shown[i], b] as const)) {
    if (!a) continue;
    const gap = b.labelX - textWidth(b.label) / 2 - (a.labelX + textWidth(a.label) / 2);
    assert.ok(gap >= 0, `${a.label} and ${b.label} run together`);
  }
});

test('a column chart names its periods in words, not keys: 第1四半期 / Q1, with the year when it changes', () => {
  assert.deepEqual(periodColumnLabels(['2026-Q1', '2026-Q2'], 'ja'), ['第1四半期', '第2四半期']);
  assert.deepEqual(periodColumnLabels(['2026-Q1', '2026-Q2'], 'en'), ['Q1', 'Q2']);
  assert.deepEqual(periodColumnLabels(['2026-H1', '2026-H2'], 'ja'), ['上半期', '下半期']);
  assert.deepEqual(periodColumnLabels(['2026-03'], 'ja'), ['3月']);
  assert.deepEqual(periodColumnLabels(['2026-03'], 'en'), ['Mar']);
  assert.deepEqual(periodColumnLabels(['2025', '2026'], 'ja'), ['2025年', '2026年']);
  // Across a new year two Decembers (or two first quarters) are told apart.
  assert.deepEqual(periodColumnLabels(['2025-12', '2026-01'], 'ja'), ['2025年12月', '2026年1月']);
  assert.deepEqual(periodColumnLabels(['2025-Q4', '2026-Q1'], 'en'), ['Q4 2025', 'Q1 2026']);
  for (const locale of ['ja', 'en'] as const)
    for (const label of periodColumnLabels(['2026-01', '2026-Q1', '2026-H1', '2026'], locale))
      assert.doesNotMatch(label, /^\d{4}-/, `${label}: a key, not words`);
});
