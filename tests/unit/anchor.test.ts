import { describe, it, expect } from 'vitest';
import type { Polygon, Position } from 'geojson';
import { anchorOf, framePoints } from '../../src/lib/geo/anchor.ts';

/** Even-odd ray casting over every ring: inside the outer ring and outside any hole. */
function inside(at: Position, rings: Position[][]): boolean {
  const [x, y] = at as [number, number];
  let odd = false;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i] as [number, number];
      const [xj, yj] = ring[j] as [number, number];
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) odd = !odd;
    }
  }
  return odd;
}

const mean = (ring: Position[]): Position => [
  ring.reduce((a, p) => a + p[0]!, 0) / ring.length,
  ring.reduce((a, p) => a + p[1]!, 0) / ring.length,
];

/** A U-shaped area near Gaza, open to the north: its vertices' mean falls in the gap. */
const U: Position[] = [
  [34.0, 31.0], [34.3, 31.0], [34.3, 31.3], [34.2, 31.3], [34.2, 31.1],
  [34.1, 31.1], [34.1, 31.3], [34.0, 31.3], [34.0, 31.0],
];

describe('anchorOf', () => {
  it('returns a point place’s own position', () => {
    expect(anchorOf({ type: 'Point', coordinates: [34.25, 31.25] })).toEqual([34.25, 31.25]);
  });

  it('puts a concave area’s anchor inside it, where the mean of its vertices is not', () => {
    expect(inside(mean(U), [U])).toBe(false);
    const at = anchorOf({ type: 'Polygon', coordinates: [U] });
    expect(inside(at, [U])).toBe(true);
  });

  it('keeps the anchor out of a hole', () => {
    const outer: Position[] = [[0, 0], [4, 0], [4, 4], [0, 4], [0, 0]];
    const hole: Position[] = [[1, 1], [3, 1], [3, 3], [1, 3], [1, 1]];
    const at = anchorOf({ type: 'Polygon', coordinates: [outer, hole] });
    expect(inside(at, [outer, hole])).toBe(true);
  });

  it('anchors a multi-part area in its roomiest part, and accepts a feature', () => {
    const islet: Position[] = [[35, 32], [35.01, 32], [35.01, 32.01], [35, 32.01], [35, 32]];
    const at = anchorOf({
      type: 'Feature',
      properties: {},
      geometry: { type: 'MultiPolygon', coordinates: [[islet], [U]] },
    });
    expect(inside(at, [U])).toBe(true);
  });

  it('gives null when there is no area or point to go by', () => {
    expect(anchorOf(null)).toBeNull();
    expect(anchorOf({ type: 'LineString', coordinates: [[0, 0], [1, 1]] })).toBeNull();
    expect(anchorOf({ type: 'Polygon', coordinates: [] } as Polygon)).toBeNull();
  });

  it('takes the middle of a ring with no extent instead of a corner', () => {
    const flat: Position[] = [[1, 1], [3, 1], [2, 1], [1, 1]];
    expect(anchorOf({ type: 'Polygon', coordinates: [flat] })).toEqual([2, 1]);
  });
});

describe('framePoints', () => {
  const square = (x: number, y: number, size: number): Polygon => ({
    type: 'Polygon',
    coordinates: [[[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]],
  });
  it('frames an event only about areas by the corners of their bounding boxes', () => {
    const points = framePoints([square(30, 30, 4), { type: 'MultiPolygon', coordinates: [square(40, 10, 1).coordinates, square(44, 12, 1).coordinates] }]);
    const xs = points.map((p) => p[0]!);
    const ys = points.map((p) => p[1]!);
    expect([Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)]).toEqual([30, 45, 10, 34]);
    expect(points).toContainEqual([40, 10]);
    expect(points).toContainEqual([45, 13]);
  });
  it('frames a point inside a large area (a town in its country) by the point alone', () => {
    // An Egypt-sized box around the point: the camera stays on the town.
    expect(framePoints([square(25, 22, 12), { type: 'Point', coordinates: [34.25, 31.3] }])).toEqual([[34.25, 31.3], [34.25, 31.3]]);
  });
  it('frames an area about the size of the points’ span whole, beside the points', () => {
    const small = square(34.5, 31.5, 0.25);
    const points = framePoints([{ type: 'Point', coordinates: [34.2, 31.2] }, small, { type: 'Point', coordinates: [34.3, 31.25] }]);
    expect(points.slice(0, 2)).toEqual([[34.2, 31.2], [34.3, 31.25]]);
    expect(points.slice(2)).toEqual(expect.arrayContaining([[34.5, 31.5], [34.75, 31.75]]));
    expect(points).toHaveLength(6);
  });
  it('frames a large area away from the points by its side nearest them, not by its anchor', () => {
    const far = square(45, 20, 5);
    const points = framePoints([{ type: 'Point', coordinates: [34.5, 31.5] }, far]);
    expect(points).toEqual([[34.5, 31.5], [45, 25]]);
    expect(points).not.toContainEqual(anchorOf(far));
  });
  it('weighs areas against the points’ span, never less than a tenth of a degree', () => {
    // One point: an area 0.25° across is near enough to be framed whole, one 0.5° across is not.
    expect(framePoints([{ type: 'Point', coordinates: [10, 10] }, square(10.25, 10.25, 0.25)])).toHaveLength(5);
    expect(framePoints([{ type: 'Point', coordinates: [10, 10] }, square(10.25, 10.25, 0.5)])).toEqual([[10, 10], [10.25, 10.25]]);
  });
  it('leaves out places it knows nothing of', () => {
    expect(framePoints([undefined, { type: 'Point', coordinates: [1, 2] }])).toEqual([[1, 2]]);
    expect(framePoints([])).toEqual([]);
  });
});
