import { describe, it, expect } from 'vitest';
import { featureFilter } from '@maplibre/maplibre-gl-style-spec';
import { tileFilter } from '../../src/lib/tiles/filter.ts';
import { DAY_MS } from '../../src/lib/tiles/format.ts';

const CATEGORIES = ['ceasefire', 'humanitarian', 'context'];
const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY_MS;

/** A tile feature as MapLibre evaluates it: properties and a point geometry. */
function passes(filter: ReturnType<typeof tileFilter>, properties: Record<string, unknown>): boolean {
  if (filter === null) return true;
  const compiled = featureFilter(filter as never, 'layers[0].filter');
  return compiled.filter({ zoom: 10 }, { type: 1, properties, geometry: [] } as never);
}

/** A place whose events are of these category indexes and cover [from, to) (ISO days). */
const place = (cats: number[], from: string, to: string) => ({
  id: 'p',
  n: 3,
  c: cats.reduce((m, i) => m | (1 << i), 0),
  t0: day(from),
  t1: day(to),
});

describe('filters on pre-built tiles', () => {
  it('does not narrow anything without categories or a time range', () => {
    expect(tileFilter({ from: null, to: null, cats: [] }, CATEGORIES)).toBeNull();
  });

  it('keeps a place or cluster with an event of any chosen category, read from its bitmask', () => {
    const f = tileFilter({ from: null, to: null, cats: ['humanitarian', 'context'] }, CATEGORIES);
    expect(passes(f, place([1], '2024-01-01', '2024-01-02'))).toBe(true);
    expect(passes(f, place([0, 2], '2024-01-01', '2024-01-02'))).toBe(true);
    expect(passes(f, place([0], '2024-01-01', '2024-01-02'))).toBe(false);
    expect(passes(f, { cluster: true, point_count: 40, ...place([0, 1, 2], '2020-01-01', '2025-01-01') })).toBe(true);
  });

  it('hides everything for a category the tiles have never seen', () => {
    const f = tileFilter({ from: null, to: null, cats: ['no-such-category'] }, CATEGORIES);
    expect(passes(f, place([0, 1, 2], '2024-01-01', '2024-01-02'))).toBe(false);
  });

  it('keeps what overlaps the time range, with the range inclusive of its last day', () => {
    const f = tileFilter({ from: '2024-03', to: '2024-03-10', cats: [] }, CATEGORIES);
    expect(passes(f, place([0], '2024-03-10', '2024-03-11'))).toBe(true);
    expect(passes(f, place([0], '2024-02-01', '2024-03-02'))).toBe(true);
    expect(passes(f, place([0], '2024-03-11', '2024-04-01'))).toBe(false);
    expect(passes(f, place([0], '2024-01-01', '2024-03-01'))).toBe(false);
  });

  it('combines time and categories, and an open end of the range', () => {
    const f = tileFilter({ from: '2025', to: null, cats: ['ceasefire'] }, CATEGORIES);
    expect(passes(f, place([0], '2025-06-01', '2025-06-02'))).toBe(true);
    expect(passes(f, place([1], '2025-06-01', '2025-06-02'))).toBe(false);
    expect(passes(f, place([0], '2024-06-01', '2024-06-02'))).toBe(false);
  });

  it('treats malformed tile values as no match rather than failing the layer', () => {
    const f = tileFilter({ from: '2024', to: null, cats: ['ceasefire'] }, CATEGORIES);
    expect(passes(f, { c: 'x', t0: 'y', t1: null })).toBe(false);
  });
});
