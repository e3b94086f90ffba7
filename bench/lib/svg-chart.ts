// A line chart written as plain SVG text: no chart library, no external service, readable in any
// browser and in a diff.

export interface ChartPoint {
  x: number;
  y: number;
}

export interface ChartSeries {
  name: string;
  colour: string;
  points: readonly ChartPoint[];
}

export interface LineChartOptions {
  title: string;
  xLabel: string;
  yLabel: string;
  series: readonly ChartSeries[];
  /** Both axes are logarithmic (base 10): corpus sizes and latencies each span decades. */
  width?: number;
  height?: number;
  /** A line under the title, e.g. what the vectors were and how many queries. */
  note?: string;
}

const margin = { top: 64, right: 200, bottom: 60, left: 78 };

/** Escapes text for SVG element content and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Powers of ten from below the smallest value to above the largest. */
export function decadeTicks(values: readonly number[]): number[] {
  const positive = values.filter((value) => value > 0 && Number.isFinite(value));
  if (positive.length === 0) return [1, 10];
  const low = Math.floor(Math.log10(Math.min(...positive)));
  let high = Math.ceil(Math.log10(Math.max(...positive)));
  if (high === low) high += 1;
  return Array.from({ length: high - low + 1 }, (_, step) => 10 ** (low + step));
}

function formatTick(value: number): string {
  if (value >= 1) return value.toLocaleString('en-US');
  return String(Number(value.toPrecision(1)));
}

function formatValue(value: number): string {
  if (value >= 100) return value.toFixed(0);
  if (value >= 1) return value.toFixed(1);
  return value.toPrecision(2);
}

/** A log-log line chart with one labelled line per series and each point's value printed beside it. */
export function lineChartSvg({ title, xLabel, yLabel, series, width = 780, height = 440, note }: LineChartOptions): string {
  const plotWidth = width - margin.left - margin.right;
  const plotHeight = height - margin.top - margin.bottom;
  const allPoints = series.flatMap((line) => line.points).filter((point) => point.x > 0 && point.y > 0);
  const xTicks = decadeTicks(allPoints.map((point) => point.x));
  const yTicks = decadeTicks(allPoints.map((point) => point.y));
  const [xMin, xMax] = [Math.log10(xTicks[0] ?? 1), Math.log10(xTicks.at(-1) ?? 10)];
  const [yMin, yMax] = [Math.log10(yTicks[0] ?? 1), Math.log10(yTicks.at(-1) ?? 10)];
  const xOf = (x: number) => margin.left + ((Math.log10(x) - xMin) / (xMax - xMin)) * plotWidth;
  const yOf = (y: number) => margin.top + plotHeight - ((Math.log10(y) - yMin) / (yMax - yMin)) * plotHeight;

  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="${width / 2}" y="24" text-anchor="middle" font-size="16" font-weight="bold">${escapeXml(title)}</text>`,
  );
  if (note) parts.push(`<text x="${width / 2}" y="44" text-anchor="middle" fill="#555555">${escapeXml(note)}</text>`);

  for (const tick of xTicks) {
    const x = xOf(tick).toFixed(1);
    parts.push(
      `<line x1="${x}" y1="${margin.top}" x2="${x}" y2="${margin.top + plotHeight}" stroke="#e3e3e3"/>`,
      `<text x="${x}" y="${margin.top + plotHeight + 18}" text-anchor="middle">${formatTick(tick)}</text>`,
    );
  }
  for (const tick of yTicks) {
    const y = yOf(tick).toFixed(1);
    parts.push(
      `<line x1="${margin.left}" y1="${y}" x2="${margin.left + plotWidth}" y2="${y}" stroke="#e3e3e3"/>`,
      `<text x="${margin.left - 8}" y="${y}" text-anchor="end" dominant-baseline="middle">${formatTick(tick)}</text>`,
    );
  }
  parts.push(
    `<rect x="${margin.left}" y="${margin.top}" width="${plotWidth}" height="${plotHeight}" fill="none" stroke="#333333"/>`,
    `<text x="${margin.left + plotWidth / 2}" y="${height - 16}" text-anchor="middle">${escapeXml(xLabel)}</text>`,
    `<text transform="translate(20 ${margin.top + plotHeight / 2}) rotate(-90)" text-anchor="middle">${escapeXml(yLabel)}</text>`,
  );

  // Values at one x are labelled above the highest point and below the others, so they do not
  // collide; at the ends of the axis labels lean inwards, off the frame.
  const isHighestAt = (point: ChartPoint) => allPoints.every((other) => other.x !== point.x || other.y <= point.y);
  const xValues = allPoints.map((point) => point.x);
  const [firstX, lastX] = [Math.min(...xValues), Math.max(...xValues)];
  const labelAnchor = (x: number) => (x === firstX ? { anchor: 'start', shift: 5 } : x === lastX ? { anchor: 'end', shift: -5 } : { anchor: 'middle', shift: 0 });

  series.forEach((line, position) => {
    const points = line.points.filter((point) => point.x > 0 && point.y > 0);
    const path = points.map((point) => `${xOf(point.x).toFixed(1)},${yOf(point.y).toFixed(1)}`).join(' ');
    parts.push(`<polyline points="${path}" fill="none" stroke="${line.colour}" stroke-width="2.5"/>`);
    for (const point of points) {
      const x = xOf(point.x).toFixed(1);
      const y = yOf(point.y).toFixed(1);
      parts.push(
        `<circle cx="${x}" cy="${y}" r="4" fill="${line.colour}"/>`,
        `<text x="${(xOf(point.x) + labelAnchor(point.x).shift).toFixed(1)}" y="${(yOf(point.y) + (isHighestAt(point) ? -9 : 17)).toFixed(1)}" text-anchor="${labelAnchor(point.x).anchor}" fill="${line.colour}">${formatValue(point.y)}</text>`,
      );
    }
    const legendY = margin.top + 12 + position * 22;
    const legendX = margin.left + plotWidth + 16;
    parts.push(
      `<line x1="${legendX}" y1="${legendY}" x2="${legendX + 24}" y2="${legendY}" stroke="${line.colour}" stroke-width="2.5"/>`,
      `<text x="${legendX + 30}" y="${legendY}" dominant-baseline="middle">${escapeXml(line.name)}</text>`,
    );
  });

  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}
