/** A horizontal bar chart in plain SVG: a title, one bar per row, the numbers written beside the bars. */
import { useI18n } from '../i18n';

export interface Bar {
  label: string;
  value: number;
}

const ROW = 28;
const LABEL = 150;
const WIDTH = 560;

export function BarChart({ title, bars }: { title: string; bars: Bar[] }) {
  const { m, fmt, num, dir } = useI18n();
  const max = Math.max(1, ...bars.map((b) => b.value));
  const span = WIDTH - LABEL - 60;
  const height = bars.length * ROW + 8;
  // Right to left: labels on the right and bars growing leftwards, as a Persian reader expects.
  const rtl = dir === 'rtl';
  return (
    <svg
      role="img"
      aria-label={fmt(m.stats.chart, { title })}
      viewBox={`0 0 ${WIDTH} ${height}`}
      width="100%"
      // Positions below are physical (left, right); an inherited rtl direction would flip every text-anchor.
      style={{ maxWidth: WIDTH, direction: 'ltr' }}
    >
      {bars.map((bar, i) => {
        const y = i * ROW + 4;
        const length = (bar.value / max) * span;
        const barX = rtl ? WIDTH - LABEL - length : LABEL;
        return (
          <g key={bar.label}>
            <text
              x={rtl ? WIDTH - 4 : 4}
              y={y + ROW / 2}
              dominantBaseline="middle"
              textAnchor={rtl ? 'end' : 'start'}
              fontSize="13"
              fill="#1a1b1e"
            >
              {bar.label}
            </text>
            <rect x={barX} y={y + 4} width={Math.max(length, 1)} height={ROW - 10} fill="#1864ab" rx="2" />
            <text
              x={rtl ? barX - 6 : barX + length + 6}
              y={y + ROW / 2}
              dominantBaseline="middle"
              textAnchor={rtl ? 'end' : 'start'}
              fontSize="13"
              fill="#1a1b1e"
            >
              {num(bar.value)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
