// A chart of the statistics: the layout from #shokai/charts (the same arithmetic the transparency
// report draws with) rendered as inline SVG elements. The numbers are also in the table beside it.
import { type ChartDatum, type ChartLayout, columns, horizontalBars } from '#shokai/charts';

export function Chart({
  data,
  title,
  kind = 'bars',
  testId,
}: {
  data: ChartDatum[];
  title: string;
  kind?: 'bars' | 'columns';
  testId?: string;
}) {
  const layout: ChartLayout = kind === 'bars' ? horizontalBars(data) : columns(data);
  const { width, height, axis } = layout;
  const bars = layout.kind === 'bars';
  return (
    <figure className="chart-figure">
      <svg
        className="chart"
        role="img"
        aria-label={title}
        width="100%"
        style={{ maxWidth: width }}
        viewBox={`0 0 ${width} ${height}`}
        fontSize={12}
        data-testid={testId}
      >
        <title>{title}</title>
        {layout.ticks.map((t) =>
          bars ? (
            <line key={t.value} x1={t.at} y1={axis.y1} x2={t.at} y2={axis.y2} stroke="#ddd" />
          ) : (
            <line key={t.value} x1={axis.x1} y1={t.at} x2={axis.x2} y2={t.at} stroke="#ddd" />
          ),
        )}
        <line x1={axis.x1} y1={axis.y1} x2={axis.x2} y2={axis.y2} stroke="#555" />
        {layout.bars.map((b) => (
          <g key={b.key} data-key={b.key} data-value={b.value}>
            <rect x={b.x} y={b.y} width={b.w} height={b.h} fill="#2b5797" />
            <text x={b.labelX} y={b.labelY} textAnchor={bars ? 'end' : 'middle'}>
              {b.label}
            </text>
            <text x={b.valueX} y={b.valueY} textAnchor={bars ? 'start' : 'middle'}>
              {b.value}
            </text>
          </g>
        ))}
      </svg>
      <figcaption className="sr-only">{title}</figcaption>
    </figure>
  );
}
