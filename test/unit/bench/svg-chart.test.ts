import { describe, expect, it } from 'vitest';
import { decadeTicks, lineChartSvg } from '../../../bench/lib/svg-chart.js';

describe('the latency chart', () => {
  it('draws one line per series and prints each value beside its point', () => {
    const svg = lineChartSvg({
      title: 'Latency <p50> & more',
      xLabel: 'articles',
      yLabel: 'ms',
      series: [
        { name: 'HNSW', colour: '#1f77b4', points: [{ x: 10, y: 0.07 }, { x: 1000, y: 0.22 }] },
        { name: 'brute force', colour: '#d62728', points: [{ x: 10, y: 0.36 }, { x: 1000, y: 41.6 }] },
      ],
    });
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.match(/<polyline /g)).toHaveLength(2);
    expect(svg).toContain('Latency &lt;p50&gt; &amp; more');
    expect(svg).toContain('>41.6<');
    expect(svg).toContain('>0.070<');
  });

  it('spans whole decades around the data on its log axes', () => {
    expect(decadeTicks([0.07, 41.6])).toEqual([0.01, 0.1, 1, 10, 100]);
    expect(decadeTicks([10, 1000])).toEqual([10, 100, 1000]);
  });
});
