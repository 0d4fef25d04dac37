import { describe, it, expect } from 'vitest';
import type { StyleSpecification } from 'maplibre-gl';
import { carryOver } from '../../src/lib/map/carry-over.ts';

const style = (name: string, sources: string[], layers: [string, string?][]): StyleSpecification => ({
  version: 8,
  name,
  sources: Object.fromEntries(sources.map((id) => [id, { type: 'geojson', data: `${name}/${id}.json` }])),
  layers: layers.map(([id, source]) =>
    source ? { id, type: 'circle', source } : { id, type: 'background', paint: {} },
  ) as StyleSpecification['layers'],
});

describe('carryOver', () => {
  const prev = style('old', ['basemap', 'places'], [['bg'], ['land', 'basemap'], ['places-circle', 'places'], ['places-label', 'places']]);
  const next = style('new', ['tiles'], [['bg'], ['roads', 'tiles']]);
  const own = new Set(['places', 'places-circle', 'places-label']);

  it('puts the registered sources and layers on top of the new basemap, in their order', () => {
    const out = carryOver(prev, next, own);
    expect(out.name).toBe('new');
    expect(Object.keys(out.sources)).toEqual(['tiles', 'places']);
    expect(out.sources.places).toEqual(prev.sources.places);
    expect(out.layers.map((l) => l.id)).toEqual(['bg', 'roads', 'places-circle', 'places-label']);
  });

  it('drops the old basemap: unregistered ids do not come along, whatever their names', () => {
    const out = carryOver(prev, next, new Set(['places', 'places-circle']));
    expect(out.layers.map((l) => l.id)).toEqual(['bg', 'roads', 'places-circle']);
    expect(out.sources).not.toHaveProperty('basemap');
  });

  it('replaces a same-id layer of the new style with ours instead of duplicating it', () => {
    const clash = style('new', ['places'], [['bg'], ['places-circle', 'places']]);
    const out = carryOver(prev, clash, own);
    expect(out.layers.map((l) => l.id)).toEqual(['bg', 'places-circle', 'places-label']);
    expect(out.sources.places).toEqual(prev.sources.places);
  });

  it('returns the new style untouched when there is no previous style or nothing registered', () => {
    expect(carryOver(undefined, next, own)).toBe(next);
    expect(carryOver(prev, next, new Set())).toBe(next);
  });

  it('does not modify its inputs', () => {
    const before = JSON.stringify([prev, next]);
    carryOver(prev, next, own);
    expect(JSON.stringify([prev, next])).toBe(before);
  });
});
