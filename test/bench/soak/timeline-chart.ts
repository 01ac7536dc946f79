import { logTicks, niceTicks } from '../report.js';

// The soak's charts: values against the seconds of the run, with windows of the run shaded and named
// (a fault, the windows memory is compared over). The benchmark's line chart (../report.ts
// lineChartSvg) has neither shaded windows nor gaps in a line, so this draws its own, with the same
// ticks.

const WIDTH = 860;
const HEIGHT = 460;
const PLOT = { left: 72, right: WIDTH - 200, top: 64, bottom: HEIGHT - 56 };

export interface TimelinePoint {
  x: number;
  /** Null: no value here (a bucket with no answers, a missed sample); the line is broken. */
  y: number | null;
}

export interface TimelineSeries {
  name: string;
  colour: string;
  points: readonly TimelinePoint[];
  /** solid: a line with a dot at each point; dashed: a line alone; points: dots alone, larger. */
  style: 'solid' | 'dashed' | 'points';
}

export interface TimelineBand {
  fromS: number;
  toS: number;
  /** Written above the band. */
  label: string;
  /** The band's kind in the legend ("partner down"); bands of one kind share a colour. */
  kind: string;
  fill: string;
}

export interface TimelineChart {
  title: string;
  xLabel: string;
  yLabel: string;
  yScale: 'linear' | 'log';
  totalSeconds: number;
  series: readonly TimelineSeries[];
  bands: readonly TimelineBand[];
}

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const r = (n: number) => n.toFixed(1);
const formatTick = (tick: number) => (tick >= 1000 ? tick.toLocaleString('en-US') : String(Number(tick.toPrecision(4))));

/** Consecutive points with a value form one line; a missing value breaks it. */
export function runsOf(points: readonly TimelinePoint[], usable: (y: number) => boolean): { x: number; y: number }[][] {
  const runs: { x: number; y: number }[][] = [[]];
  for (const { x, y } of [...points].sort((a, b) => a.x - b.x)) {
    if (y === null || !usable(y)) {
      if (runs.at(-1)!.length > 0) runs.push([]);
      continue;
    }
    runs.at(-1)!.push({ x, y });
  }
  return runs.filter((run) => run.length > 0);
}

function yAxis(chart: TimelineChart): { ticks: number[]; py: (y: number) => number; usable: (y: number) => boolean } {
  const log = chart.yScale === 'log';
  const usable = (y: number) => Number.isFinite(y) && (!log || y > 0);
  const values = chart.series.flatMap((s) => s.points.flatMap((p) => (p.y !== null && usable(p.y) ? [p.y] : [])));
  const max = values.reduce((a, b) => Math.max(a, b), 0);
  const ticks = log
    ? (values.length > 0 ? logTicks(values.reduce((a, b) => Math.min(a, b)), max) : [1, 10])
    : niceTicks(max);
  const unit = (y: number) => (log ? Math.log10(y) : y);
  const [low, high] = [unit(ticks[0]!), unit(ticks.at(-1)!)];
  return { ticks, usable, py: (y) => PLOT.bottom - ((unit(y) - low) / (high - low || 1)) * (PLOT.bottom - PLOT.top) };
}

export function timelineChartSvg(chart: TimelineChart): string {
  const { ticks, py, usable } = yAxis(chart);
  const px = (s: number) => PLOT.left + (Math.min(Math.max(s, 0), chart.totalSeconds) / chart.totalSeconds) * (PLOT.right - PLOT.left);
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="Helvetica, Arial, sans-serif" font-size="12">`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`,
    `<text x="${WIDTH / 2}" y="26" text-anchor="middle" font-size="15" font-weight="bold">${escapeXml(chart.title)}</text>`,
  ];
  chart.bands.forEach((band, index) => {
    const [x1, x2] = [px(band.fromS), px(band.toS)];
    parts.push(
      `<rect x="${r(x1)}" y="${PLOT.top}" width="${r(Math.max(1, x2 - x1))}" height="${PLOT.bottom - PLOT.top}" fill="${band.fill}" fill-opacity="0.45"><title>${escapeXml(`${band.label}, ${band.fromS.toFixed(1)} to ${band.toS.toFixed(1)} s`)}</title></rect>`,
      // Labels of neighbouring bands alternate between two rows, so that they never overlap.
      `<text x="${r((x1 + x2) / 2)}" y="${PLOT.top - 8 - (index % 2) * 13}" text-anchor="middle" font-size="11">${escapeXml(band.label)}</text>`,
    );
  });
  for (const tick of ticks) {
    parts.push(
      `<line x1="${PLOT.left}" x2="${PLOT.right}" y1="${r(py(tick))}" y2="${r(py(tick))}" stroke="#e5e5e5"/>`,
      `<text x="${PLOT.left - 8}" y="${r(py(tick) + 4)}" text-anchor="end">${formatTick(tick)}</text>`,
    );
  }
  for (const tick of niceTicks(chart.totalSeconds, 12).filter((t) => t <= chart.totalSeconds)) {
    parts.push(
      `<line x1="${r(px(tick))}" x2="${r(px(tick))}" y1="${PLOT.bottom}" y2="${PLOT.bottom + 5}" stroke="#333"/>`,
      `<text x="${r(px(tick))}" y="${PLOT.bottom + 19}" text-anchor="middle">${tick}</text>`,
    );
  }
  parts.push(
    `<line x1="${PLOT.left}" x2="${PLOT.right}" y1="${PLOT.bottom}" y2="${PLOT.bottom}" stroke="#333"/>`,
    `<line x1="${PLOT.left}" x2="${PLOT.left}" y1="${PLOT.top}" y2="${PLOT.bottom}" stroke="#333"/>`,
    `<text x="${(PLOT.left + PLOT.right) / 2}" y="${HEIGHT - 14}" text-anchor="middle">${escapeXml(chart.xLabel)}</text>`,
    `<text transform="translate(18 ${(PLOT.top + PLOT.bottom) / 2}) rotate(-90)" text-anchor="middle">${escapeXml(chart.yLabel)}${chart.yScale === 'log' ? ' (log scale)' : ''}</text>`,
  );
  const legend: string[] = [];
  chart.series.forEach((series, index) => {
    const dash = series.style === 'dashed' ? ' stroke-dasharray="6 4"' : '';
    for (const run of runsOf(series.points, usable)) {
      if (series.style !== 'points') {
        parts.push(`<polyline fill="none" stroke="${series.colour}" stroke-width="2"${dash} points="${run.map((p) => `${r(px(p.x))},${r(py(p.y))}`).join(' ')}"/>`);
      }
      if (series.style !== 'dashed') {
        const radius = series.style === 'points' ? 4.5 : 2.5;
        for (const p of run) parts.push(`<circle cx="${r(px(p.x))}" cy="${r(py(p.y))}" r="${radius}" fill="${series.colour}" stroke="#ffffff"/>`);
      }
    }
    const y = PLOT.top + 8 + index * 20;
    legend.push(
      series.style === 'points'
        ? `<circle cx="${PLOT.right + 28}" cy="${y}" r="4.5" fill="${series.colour}" stroke="#ffffff"/>`
        : `<line x1="${PLOT.right + 16}" x2="${PLOT.right + 40}" y1="${y}" y2="${y}" stroke="${series.colour}" stroke-width="2"${dash}/>`,
      `<text x="${PLOT.right + 46}" y="${y + 4}">${escapeXml(series.name)}</text>`,
    );
  });
  const kinds = [...new Map(chart.bands.map((b) => [b.kind, b.fill])).entries()];
  kinds.forEach(([kind, fill], index) => {
    const y = PLOT.top + 8 + (chart.series.length + index) * 20;
    legend.push(
      `<rect x="${PLOT.right + 16}" y="${y - 7}" width="24" height="14" fill="${fill}" fill-opacity="0.45"/>`,
      `<text x="${PLOT.right + 46}" y="${y + 4}">${escapeXml(kind)}</text>`,
    );
  });
  parts.push(...legend, '</svg>');
  return `${parts.join('\n')}\n`;
}
