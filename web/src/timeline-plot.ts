import type { Statement } from './api-client';
import { svg } from './dom';
import { POLARITY_COLORS } from './graph-style';

const LANES = ['support', 'oppose', 'neutral', 'mixed'] as const;

/**
 * Statements on a topic over time, one lane per polarity: how positions moved. A dot's tooltip names
 * the actor and quotes them (an SVG <title>, set as text).
 */
export function timelinePlot(statements: Statement[], nameOf: (id: string) => string): SVGSVGElement {
  const width = 360;
  const laneHeight = 28;
  const left = 64;
  const right = 12;
  const top = 8;
  const height = top + LANES.length * laneHeight + 24;
  const root = svg('svg', { viewBox: `0 0 ${width} ${height}`, class: 'timeline', role: 'img' });
  root.append(svg('title', {}, 'Statements over time by polarity'));
  const times = statements.map((s) => Date.parse(s.statedAt));
  const min = Math.min(...times);
  const max = Math.max(...times);
  const span = Math.max(1, max - min);
  const xOf = (time: number) =>
    max === min ? (left + width - right) / 2 : left + ((time - min) / span) * (width - left - right);
  LANES.forEach((lane, i) => {
    const y = top + i * laneHeight + laneHeight / 2;
    root.append(svg('line', { x1: left, x2: width - right, y1: y, y2: y, stroke: '#e3e6ea' }));
    root.append(svg('text', { x: left - 6, y: y + 4, 'text-anchor': 'end', class: 'lane-label' }, lane));
  });
  const axisY = top + LANES.length * laneHeight + 14;
  if (statements.length > 0) {
    root.append(
      svg('text', { x: left, y: axisY, class: 'axis-label' }, new Date(min).toISOString().slice(0, 10)),
    );
    if (max !== min)
      root.append(
        svg(
          'text',
          { x: width - right, y: axisY, 'text-anchor': 'end', class: 'axis-label' },
          new Date(max).toISOString().slice(0, 10),
        ),
      );
  }
  // Statements on the same day and lane are spread a little so each stays visible.
  const stacked = new Map<string, number>();
  for (const statement of statements) {
    const lane = LANES.indexOf(statement.polarity);
    const key = `${statement.statedAt}|${lane}`;
    const n = stacked.get(key) ?? 0;
    stacked.set(key, n + 1);
    const y = top + lane * laneHeight + laneHeight / 2 + ((n % 3) - 1) * 6;
    const dot = svg('circle', {
      cx: xOf(Date.parse(statement.statedAt)) + Math.floor(n / 3) * 6,
      cy: y,
      r: 5,
      fill: POLARITY_COLORS[statement.polarity] ?? '#999',
      'fill-opacity': 0.8,
      class: 'timeline-dot',
    });
    dot.append(
      svg(
        'title',
        {},
        `${statement.statedAt} ${nameOf(statement.actorId)}: ${statement.quote ?? statement.polarity}`,
      ),
    );
    root.append(dot);
  }
  return root;
}
