// Charts of the reports as self-contained SVG text (no script, no external font or stylesheet), to
// be written next to the Markdown that links them. Pure: the same figures give the same bytes.

export interface GroupedBarChart {
  title: string;
  yLabel: string;
  /** One name per bar of a group, in order (the legend). */
  seriesNames: readonly string[];
  /** One group per label on the x axis, one value per series. */
  groups: readonly { label: string; values: readonly number[] }[];
}

export interface LineChart {
  title: string;
  yLabel: string;
  xLabel: string;
  /** The x axis: one label per point, evenly spaced. */
  xLabels: readonly string[];
  series: readonly { name: string; values: readonly number[] }[];
}

const COLOURS = ['#1f77b4', '#ff7f0e', '#d62728', '#2ca02c', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f'];
const HEIGHT = 400;
const MARGIN = { left: 64, right: 24, top: 48, bottom: 88 };
const LEGEND_ROW = 18;

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** Round steps (1, 2 or 5 times a power of ten) from 0 to at least `max`, about five of them. */
export function axisTicks(max: number): number[] {
  if (!(max > 0)) return [0, 1];
  const rough = max / 5;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? 10 * power;
  const wholeStep = Math.max(1, step);
  const ticks: number[] = [];
  for (let tick = 0; tick < max + wholeStep; tick += wholeStep) {
    ticks.push(tick);
    if (tick >= max) break;
  }
  return ticks;
}

const fixed = (n: number) => n.toFixed(1);

function frame(width: number, height: number, title: string, yLabel: string, ticks: readonly number[], plot: { left: number; right: number; top: number; bottom: number }): string[] {
  const top = ticks[ticks.length - 1]!;
  const y = (value: number) => plot.bottom - (value / top) * (plot.bottom - plot.top);
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Helvetica, Arial, sans-serif" font-size="12" role="img" aria-label="${escapeXml(title)}">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="${width / 2}" y="24" text-anchor="middle" font-size="15" font-weight="bold">${escapeXml(title)}</text>`,
  ];
  for (const tick of ticks) {
    parts.push(
      `<line x1="${plot.left}" x2="${plot.right}" y1="${fixed(y(tick))}" y2="${fixed(y(tick))}" stroke="#e5e5e5"/>`,
      `<text x="${plot.left - 8}" y="${fixed(y(tick) + 4)}" text-anchor="end">${tick}</text>`,
    );
  }
  parts.push(
    `<line x1="${plot.left}" x2="${plot.right}" y1="${plot.bottom}" y2="${plot.bottom}" stroke="#333"/>`,
    `<line x1="${plot.left}" x2="${plot.left}" y1="${plot.top}" y2="${plot.bottom}" stroke="#333"/>`,
    `<text transform="translate(18 ${(plot.top + plot.bottom) / 2}) rotate(-90)" text-anchor="middle">${escapeXml(yLabel)}</text>`,
  );
  return parts;
}

function legend(names: readonly string[], x: number, y: number, line: boolean): string[] {
  return names.flatMap((name, index) => {
    const colour = COLOURS[index % COLOURS.length]!;
    const rowY = y + index * LEGEND_ROW;
    const mark = line
      ? `<line x1="${x}" x2="${x + 20}" y1="${rowY}" y2="${rowY}" stroke="${colour}" stroke-width="2"/>`
      : `<rect x="${x + 4}" y="${rowY - 6}" width="12" height="12" fill="${colour}"/>`;
    return [mark, `<text x="${x + 26}" y="${rowY + 4}">${escapeXml(name)}</text>`];
  });
}

/** Bars side by side within each group, a legend under the x axis. */
export function groupedBarChartSvg(chart: GroupedBarChart): string {
  const series = chart.seriesNames.length;
  const groupWidth = Math.max(60, series * 22 + 24);
  const width = Math.max(480, MARGIN.left + MARGIN.right + chart.groups.length * groupWidth);
  const plot = { left: MARGIN.left, right: width - MARGIN.right, top: MARGIN.top, bottom: HEIGHT - MARGIN.bottom };
  const ticks = axisTicks(Math.max(0, ...chart.groups.flatMap((g) => g.values)));
  const top = ticks[ticks.length - 1]!;
  const slot = (plot.right - plot.left) / Math.max(1, chart.groups.length);
  const barWidth = Math.min(22, (slot - 16) / Math.max(1, series));
  const parts = frame(width, HEIGHT, chart.title, chart.yLabel, ticks, plot);
  chart.groups.forEach((group, g) => {
    const centre = plot.left + slot * (g + 0.5);
    const first = centre - (barWidth * series) / 2;
    group.values.forEach((value, s) => {
      const height = (value / top) * (plot.bottom - plot.top);
      parts.push(`<rect x="${fixed(first + s * barWidth)}" y="${fixed(plot.bottom - height)}" width="${fixed(barWidth - 2)}" height="${fixed(height)}" fill="${COLOURS[s % COLOURS.length]}"><title>${escapeXml(`${group.label}, ${chart.seriesNames[s] ?? ''}: ${value}`)}</title></rect>`);
    });
    parts.push(`<text x="${fixed(centre)}" y="${plot.bottom + 18}" text-anchor="middle">${escapeXml(group.label)}</text>`);
  });
  parts.push(...legend(chart.seriesNames, plot.left, plot.bottom + 40, false), '</svg>');
  return `${parts.join('\n')}\n`;
}

/** One polyline with markers per series over evenly spaced x labels, a legend under the x axis. */
export function lineChartSvg(chart: LineChart): string {
  const points = chart.xLabels.length;
  const width = Math.max(560, MARGIN.left + MARGIN.right + points * 56);
  // Room under the axis for the labels, the axis title and one legend row per series.
  const height = HEIGHT - MARGIN.bottom + 56 + chart.series.length * LEGEND_ROW;
  const plot = { left: MARGIN.left, right: width - MARGIN.right, top: MARGIN.top, bottom: HEIGHT - MARGIN.bottom };
  const ticks = axisTicks(Math.max(0, ...chart.series.flatMap((s) => s.values)));
  const top = ticks[ticks.length - 1]!;
  const x = (index: number) => (points <= 1 ? (plot.left + plot.right) / 2 : plot.left + 12 + (index / (points - 1)) * (plot.right - plot.left - 24));
  const y = (value: number) => plot.bottom - (value / top) * (plot.bottom - plot.top);
  const parts = frame(width, height, chart.title, chart.yLabel, ticks, plot);
  chart.xLabels.forEach((label, index) => {
    parts.push(
      `<line x1="${fixed(x(index))}" x2="${fixed(x(index))}" y1="${plot.bottom}" y2="${plot.bottom + 5}" stroke="#333"/>`,
      `<text x="${fixed(x(index))}" y="${plot.bottom + 18}" text-anchor="middle" font-size="10">${escapeXml(label)}</text>`,
    );
  });
  parts.push(`<text x="${(plot.left + plot.right) / 2}" y="${plot.bottom + 34}" text-anchor="middle">${escapeXml(chart.xLabel)}</text>`);
  chart.series.forEach((series, s) => {
    const colour = COLOURS[s % COLOURS.length]!;
    const coordinates = series.values.map((value, index) => `${fixed(x(index))},${fixed(y(value))}`);
    parts.push(`<polyline fill="none" stroke="${colour}" stroke-width="2" points="${coordinates.join(' ')}"/>`);
    series.values.forEach((value, index) => parts.push(`<circle cx="${fixed(x(index))}" cy="${fixed(y(value))}" r="3" fill="${colour}"><title>${escapeXml(`${series.name}, ${chart.xLabels[index] ?? ''}: ${value}`)}</title></circle>`));
  });
  parts.push(...legend(chart.series.map((s) => s.name), plot.left, plot.bottom + 56, true), '</svg>');
  return `${parts.join('\n')}\n`;
}
