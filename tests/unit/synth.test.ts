import { describe, it, expect } from 'vitest';
import { createHash } from 'node:crypto';
import { generateSynthBundle, bundleJsonChunks, SYNTH_BBOX, SYNTH_CATEGORIES } from '../../bench/lib/synth.ts';

const hashOf = (text: string): string => createHash('sha256').update(text).digest('hex');

describe('the synthetic story generator', () => {
  it('gives byte-identical output for the same seed', () => {
    const a = JSON.stringify(generateSynthBundle({ events: 2000, seed: 7 }));
    const b = JSON.stringify(generateSynthBundle({ events: 2000, seed: 7 }));
    expect(hashOf(a)).toBe(hashOf(b));
  });

  it('gives different output for a different seed', () => {
    const a = JSON.stringify(generateSynthBundle({ events: 2000, seed: 1 }));
    const b = JSON.stringify(generateSynthBundle({ events: 2000, seed: 2 }));
    expect(hashOf(a)).not.toBe(hashOf(b));
  });

  it('writes in pieces exactly what JSON.stringify writes', () => {
    const bundle = generateSynthBundle({ events: 1234, seed: 3 });
    expect([...bundleJsonChunks(bundle, 100)].join('')).toBe(JSON.stringify(bundle));
  });

  it('makes a story bundle whose every event names a place of the bundle', () => {
    const bundle = generateSynthBundle({ events: 5000, seed: 11 });
    expect(bundle.events).toHaveLength(5000);
    expect(bundle.places.type).toBe('FeatureCollection');
    const ids = new Set(bundle.places.features.map((f) => f.id));
    expect(ids.size).toBe(bundle.places.features.length);
    for (const e of bundle.events) {
      expect(e.places.length).toBeGreaterThan(0);
      for (const p of e.places) expect(ids.has(p.id)).toBe(true);
      expect(e.date).toMatch(/^\d{4}(-\d{2}(-\d{2})?)?$/);
      expect(e.cite.paragraph).toBeGreaterThanOrEqual(1);
      expect(e.cite.paragraph).toBeLessThanOrEqual(bundle.story.paragraphs);
    }
    expect(new Set(bundle.events.map((e) => e.id)).size).toBe(5000);
  });

  it('shares places at the requested ratio and uses every place', () => {
    const bundle = generateSynthBundle({ events: 10_000, seed: 5, placeRatio: 0.5 });
    expect(bundle.places.features).toHaveLength(5000);
    const used = new Set(bundle.events.flatMap((e) => e.places.map((p) => p.id)));
    expect(used.size).toBe(5000);
  });

  it('keeps every place inside the ~300 km box and most of them near a town', () => {
    const bundle = generateSynthBundle({ events: 10_000, seed: 9 });
    const [w, s, e, n] = SYNTH_BBOX;
    let open = 0;
    for (const f of bundle.places.features) {
      const [x, y] = (f.geometry as { coordinates: number[] }).coordinates as [number, number];
      expect(x).toBeGreaterThan(w - 0.3);
      expect(x).toBeLessThan(e + 0.3);
      expect(y).toBeGreaterThan(s - 0.3);
      expect(y).toBeLessThan(n + 0.3);
      if (f.id.startsWith('open-')) open++;
    }
    expect(open / bundle.places.features.length).toBeGreaterThan(0.07);
    expect(open / bundle.places.features.length).toBeLessThan(0.13);
  });

  it('spreads events over several years, in date order, with every standard category', () => {
    const bundle = generateSynthBundle({ events: 20_000, seed: 4 });
    const years = new Set(bundle.events.map((e) => e.date.slice(0, 4)));
    expect(years.size).toBeGreaterThanOrEqual(4);
    const cats = new Set(bundle.events.map((e) => e.category));
    for (const c of SYNTH_CATEGORIES) expect(cats.has(c.id)).toBe(true);
    const days = bundle.events.filter((e) => e.date.length === 10).map((e) => e.date);
    expect([...days].sort()).toEqual(days);
  });

  it('writes titles and summaries of article-like length', () => {
    const bundle = generateSynthBundle({ events: 3000, seed: 2 });
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean(bundle.events.map((e) => e.title.length))).toBeGreaterThan(30);
    expect(mean(bundle.events.map((e) => e.summary.length))).toBeGreaterThan(80);
  });

  it('refuses a count that is not a positive integer', () => {
    expect(() => generateSynthBundle({ events: 0, seed: 1 })).toThrow(RangeError);
    expect(() => generateSynthBundle({ events: 2.5, seed: 1 })).toThrow(RangeError);
  });
});
