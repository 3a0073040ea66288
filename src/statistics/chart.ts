// Charts as inline SVG, drawn by our own code: one layout (pure arithmetic over the numbers) that the web
// renders as React elements and the transparency report as SVG text — the same picture on the screen
// and on paper, no script, no font or library to fetch. Imports nothing (the browser bundle takes it).

export interface ChartDatum {
  key: string;
  label: string;
  /** The label in English, where one picture is for both languages (the transparency report). */
  labelEn?: string;
  value: number;
}

export interface Bar {
  key: string;
  label: string;
  labelEn?: string;
  value: number;
  x: number;
  y: number;
  w: number;
  h: number;
  /** Where the bar's label and its value are written. */
  labelX: number;
  labelY: number;
  valueX: number;
  valueY: number;
}

export interface ChartLayout {
  kind: 'bars' | 'columns';
  width: number;
  height: number;
  bars: Bar[];
  /** Grid lines: their position along the value axis and the value there. */
  ticks: Array<{ at: number; value: number }>;
  /** The value axis' origin line, from (x1, y1) to (x2, y2). */
  axis: { x1: number; y1: number; x2: number; y2: number };
}

const FONT = 12;

/** Round tick steps (1, 2, 5 × 10ⁿ) giving at most `count` lines up to max. */
export function niceTicks(max: number, count = 4): number[] {
  if (max <= 0) return [0];
  const raw = max / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? raw;
  const out: number[] = [];
  for (let v = 0; v <= max + step / 2 && out.length <= count + 1; v += Math.max(1, step)) out.push(v);
  return out;
}

/**
 * About how wide `text` is written at the chart's font size: a full-width (CJK) character takes the
 * size, any other about 0.6 of it (a generous estimate: a label must not run off the picture).
 */
export function textWidth(text: string): number {
  let w = 0;
  for (const ch of text)
    w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(ch)
      ? FONT
      : FONT * 0.62;
  return Math.ceil(w);
}

/** The wider of a datum's labels: the picture leaves room for either language. */
const labelWidthOf = (d: ChartDatum) => Math.max(textWidth(d.label), textWidth(d.labelEn ?? ''));

/**
 * Horizontal bars, one per datum, labels on the left: for categories with long names. The labels'
 * column is as wide as the longest label (at most half the width), so none is cut at the left edge.
 */
export function horizontalBars(
  data: readonly ChartDatum[],
  width = 560,
  labelWidth = Math.min(width / 2, Math.max(80, ...data.map((d) => labelWidthOf(d) + 12))),
): ChartLayout {
  const rowH = 24;
  const top = 8;
  const plotW = width - labelWidth - 48;
  const max = Math.max(1, ...data.map((d) => d.value));
  const ticks = niceTicks(max);
  const scaleMax = Math.max(max, ticks[ticks.length - 1] ?? max);
  const height = top + data.length * rowH + 20;
  const bars = data.map((d, i) => {
    const w = (d.value / scaleMax) * plotW;
    const y = top + i * rowH + 4;
    return {
      ...d,
      x: labelWidth,
      y,
      w,
      h: rowH - 8,
      labelX: labelWidth - 6,
      labelY: y + (rowH - 8) / 2 + FONT / 3,
      valueX: labelWidth + w + 4,
      valueY: y + (rowH - 8) / 2 + FONT / 3,
    };
  });
  return {
    kind: 'bars',
    width,
    height,
    bars,
    ticks: ticks.map((value) => ({ at: labelWidth + (value / scaleMax) * plotW, value })),
    axis: { x1: labelWidth, y1: top, x2: labelWidth, y2: top + data.length * rowH },
  };
}

/** Vertical columns in order (a series over periods), labels beneath. */
export function columns(data: readonly ChartDatum[], width = 560, height = 220): ChartLayout {
  const left = 36;
  const bottom = 40;
  const top = 16;
  const plotH = height - top - bottom;
  const slot = (width - left - 8) / Math.max(1, data.length);
  const max = Math.max(1, ...data.map((d) => d.value));
  const ticks = niceTicks(max);
  const scaleMax = Math.max(max, ticks[ticks.length - 1] ?? max);
  const base = top + plotH;
  // Labels wider than a column are written on every n-th column only, so they never run together
  // (the table beside the chart names every period).
  const every = Math.max(1, Math.ceil((Math.max(0, ...data.map(labelWidthOf)) + 6) / slot));
  const bars = data.map((d, i) => {
    const h = (d.value / scaleMax) * plotH;
    const x = left + i * slot + slot * 0.15;
    const w = slot * 0.7;
    return {
      ...d,
      label: i % every === 0 ? d.label : '',
      ...(d.labelEn === undefined ? {} : { labelEn: i % every === 0 ? d.labelEn : '' }),
      x,
      y: base - h,
      w,
      h,
      labelX: x + w / 2,
      labelY: base + 16,
      valueX: x + w / 2,
      valueY: base - h - 4,
    };
  });
  return {
    kind: 'columns',
    width,
    height,
    bars,
    ticks: ticks.map((value) => ({ at: base - (value / scaleMax) * plotH, value })),
    axis: { x1: left, y1: base, x2: width - 8, y2: base },
  };
}

const escapeXml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * A bar's label as SVG text: with an English label too, a `<switch>` — a browser whose own language is Japanese
 * draws the Japanese, any other the English (the tables beside each chart give both).
 */
function label(b: Bar, at: string): string {
  const ja = `<text ${at}>${escapeXml(b.label)}</text>`;
  if (b.labelEn === undefined || b.labelEn === b.label) return ja;
  const en = `<text ${at}>${escapeXml(b.labelEn)}</text>`;
  return `<switch><text ${at} systemLanguage="ja">${escapeXml(b.label)}</text>${en}</switch>`;
}

/** A layout as standalone SVG text with a title (for documents: the transparency report). */
export function chartSvg(layout: ChartLayout, title: string): string {
  const { width, height } = layout;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" width="${width}" height="${height}" ` +
      `viewBox="0 0 ${width} ${height}" font-size="${FONT}" font-family="sans-serif">`,
    `<title>${escapeXml(title)}</title>`,
  ];
  for (const t of layout.ticks) {
    parts.push(
      layout.kind === 'bars'
        ? `<line x1="${t.at.toFixed(1)}" y1="${layout.axis.y1}" ` +
            `x2="${t.at.toFixed(1)}" y2="${layout.axis.y2}" stroke="#ddd"/>`
        : `<line x1="${layout.axis.x1}" y1="${t.at.toFixed(1)}" ` +
            `x2="${layout.axis.x2}" y2="${t.at.toFixed(1)}" stroke="#ddd"/>`,
    );
  }
  parts.push(
    `<line x1="${layout.axis.x1}" y1="${layout.axis.y1}" x2="${layout.axis.x2}" y2="${layout.axis.y2}" stroke="#555"/>`,
  );
  const anchorLabel = layout.kind === 'bars' ? 'end' : 'middle';
  const anchorValue = layout.kind === 'bars' ? 'start' : 'middle';
  for (const b of layout.bars) {
    parts.push(
      `<g data-key="${escapeXml(b.key)}" data-value="${b.value}">`,
      `<rect x="${b.x.toFixed(1)}" y="${b.y.toFixed(1)}" width="${b.w.toFixed(1)}" height="${b.h.toFixed(1)}" ` +
        'fill="#2b5797"/>',
      label(b, `x="${b.labelX.toFixed(1)}" y="${b.labelY.toFixed(1)}" text-anchor="${anchorLabel}"`),
      `<text x="${b.valueX.toFixed(1)}" y="${b.valueY.toFixed(1)}" text-anchor="${anchorValue}">${b.value}</text>`,
      '</g>',
    );
  }
  parts.push('</svg>');
  return parts.join('');
}

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * The short words under a column chart's periods (`2026-03`, `2026-Q1`, `2026-H2`, `2026`), in the reader's
 * language: 3月 / Mar, 第1四半期 / Q1, 下半期 / H2, 2026年 / 2026 — with the year in front when the columns span
 * more than one, so two Marches are told apart. A key that is no period is written as it is.
 */
export function periodColumnLabels(keys: readonly string[], locale: 'ja' | 'en'): string[] {
  const years = new Set(keys.map((k) => k.slice(0, 4)));
  const within = (month?: string, q?: string, h?: string): string | null => {
    if (month) return locale === 'ja' ? `${Number(month)}月` : (MONTHS_EN[Number(month) - 1] ?? month);
    if (q) return locale === 'ja' ? `第${q}四半期` : `Q${q}`;
    if (h) return locale === 'ja' ? (h === '1' ? '上半期' : '下半期') : `H${h}`;
    return null;
  };
  return keys.map((key) => {
    const m = /^(\d{4})(?:-(\d{2})|-Q([1-4])|-H([12]))?$/.exec(key);
    if (!m) return key;
    const y = m[1] ?? '';
    const part = within(m[2], m[3], m[4]);
    if (part === null) return locale === 'ja' ? `${y}年` : y;
    if (years.size <= 1) return part;
    return locale === 'ja' ? `${y}年${part}` : `${part} ${y}`;
  });
}
