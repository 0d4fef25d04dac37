import { describe, it, expect } from 'vitest';
import { parseHash, formatHash, parseView, formatView, type LinkState } from '../../src/lib/url/hash.ts';

describe('formatHash', () => {
  const cases: [string, LinkState, string][] = [
    ['an empty state is an empty hash', {}, ''],
    ['a view without bearing or pitch has three parts', { view: { zoom: 7, lat: 31.5, lng: 34.45, bearing: 0, pitch: 0 } }, '#map=7/31.5/34.45'],
    ['bearing and pitch come after the centre', { view: { zoom: 7, lat: 2, lng: 1, bearing: 135, pitch: 60 } }, '#map=7/2/1/135/60'],
    ['a bearing without pitch is written alone, as MapLibre does', { view: { zoom: 7, lat: 2, lng: 1, bearing: -45.25, pitch: 0 } }, '#map=7/2/1/-45.2'],
    ['a pitch without bearing keeps a zero bearing', { view: { zoom: 7, lat: 2, lng: 1, bearing: 0, pitch: 30 } }, '#map=7/2/1/0/30'],
    [
      'coordinates are rounded to about a pixel at the zoom',
      { view: { zoom: 12.3456, lat: 31.517123456, lng: 34.450987654, bearing: 0, pitch: 0 } },
      '#map=12.35/31.51712/34.45099',
    ],
    ['low zooms need few decimals', { view: { zoom: 2, lat: 31.5171, lng: 34.451, bearing: 0, pitch: 0 } }, '#map=2/31.52/34.45'],
    [
      'app keys follow the map in a fixed order',
      { event: 'bus-arrives', place: 'gaza-city', view: { zoom: 12, lat: 31.5, lng: 34.45, bearing: 20, pitch: 30 } },
      '#map=12/31.5/34.45/20/30&place=gaza-city&event=bus-arrives',
    ],
    ['filters are listed with commas', { cat: ['ceasefire', 'context'], from: '2024-05', to: '2025-02-01' }, '#from=2024-05&to=2025-02-01&cat=ceasefire,context'],
    ['search text is percent-encoded', { q: 'خان يونس & co' }, '#q=%D8%AE%D8%A7%D9%86%20%D9%8A%D9%88%D9%86%D8%B3%20%26%20co'],
    ['embed mode is a flag', { embed: true, story: 'a-story' }, '#story=a-story&embed=1'],
    ['the interface language comes after embed, before keys we do not own', { lang: 'ar', embed: true, extra: [['foo', 'bar']] }, '#embed=1&lang=ar&foo=bar'],
    ['a Hebrew link names its language', { place: 'rafah-crossing', lang: 'he' }, '#place=rafah-crossing&lang=he'],
    ['keys we do not own are kept as they were', { place: 'x', extra: [['foo', 'bar'], ['flag', '']] }, '#place=x&foo=bar&flag'],
  ];
  for (const [name, state, hash] of cases) it(name, () => expect(formatHash(state)).toBe(hash));
});

describe('parseHash', () => {
  it('reads the example link of the URL contract', () => {
    expect(parseHash('#map=12/31.5/34.45/20/30&place=gaza-city&event=bus-arrives')).toEqual({
      state: { view: { zoom: 12, lat: 31.5, lng: 34.45, bearing: 20, pitch: 30 }, place: 'gaza-city', event: 'bus-arrives' },
      problems: [],
    });
  });

  it('reads an empty hash as the default view without complaint', () => {
    expect(parseHash('')).toEqual({ state: {}, problems: [] });
    expect(parseHash('#')).toEqual({ state: {}, problems: [] });
  });

  const badViews = [
    '3/0/Infinity',
    '3/0/1e308',
    '3/0/-Infinity',
    'NaN/0/0',
    '3/91/0',
    '25/0/0',
    '-2.01/0/0',
    '3/0/0/0/90',
    '3/0/0/0/0/0',
    '3/0',
    '0x10/0/0',
    '3/0/0/1e3/0',
    '3/0/0/x',
    '3/0/0/0/-5',
    '',
  ];
  it('accepts every zoom MapLibre allows, below 0 too (a short map zooms out that far)', () => {
    expect(parseView('-0.77/0/36.3')).toEqual({ zoom: -0.77, lat: 0, lng: 36.3, bearing: 0, pitch: 0 });
    expect(parseView('-2/10/20')).toEqual({ zoom: -2, lat: 10, lng: 20, bearing: 0, pitch: 0 });
    const link = formatHash({ view: { zoom: -1.234, lat: 12.3456, lng: -45.678, bearing: 0, pitch: 0 } });
    expect(link).toBe('#map=-1.23/12.3/-45.7');
    expect(parseHash(link)).toEqual({ state: { view: { zoom: -1.23, lat: 12.3, lng: -45.7, bearing: 0, pitch: 0 } }, problems: [] });
  });

  for (const view of badViews) {
    it(`drops the impossible view map=${view} and says so`, () => {
      const { state, problems } = parseHash(`#map=${view}&place=rafah`);
      expect(state.view).toBeUndefined();
      expect(state.place).toBe('rafah');
      expect(problems).toEqual(['The map position in the link is not valid; showing the default view.']);
    });
  }

  it('reads a view with a bearing and no pitch', () => {
    expect(parseView('7/2/1/135')).toEqual({ zoom: 7, lat: 2, lng: 1, bearing: 135, pitch: 0 });
  });

  it('accepts only real calendar dates for the time range', () => {
    expect(parseHash('#from=2024&to=2024-02-29').state).toEqual({ from: '2024', to: '2024-02-29' });
    expect(parseHash('#from=2025-02-29').problems).toHaveLength(1);
  });

  it('wraps a longitude beyond 180° and clamps a latitude beyond Web Mercator', () => {
    expect(parseView('3/89/190')).toEqual({ zoom: 3, lat: 85.051129, lng: -170, bearing: 0, pitch: 0 });
  });

  it('rejects ids that are not slugs, without echoing them', () => {
    const { state, problems } = parseHash('#place=%3Cimg%20src%3Dx%3E&event=Bad_ID');
    expect(state).toEqual({});
    expect(problems).toEqual(['The link\'s place id is not valid and was ignored.', 'The link\'s event id is not valid and was ignored.']);
  });

  it('ignores a garbled percent-encoding and keeps the rest', () => {
    expect(parseHash('#place=%E0%A4%A&event=ok')).toEqual({ state: { event: 'ok' }, problems: ['Part of the link is garbled and was ignored.'] });
  });

  it('ignores bad dates and categories, keeping the good ones', () => {
    expect(parseHash('#from=2025-13&to=yesterday&cat=context,<b>')).toEqual({
      state: { cat: ['context'] },
      problems: [
        'The link\'s “from” date is not valid and was ignored.',
        'The link\'s “to” date is not valid and was ignored.',
        'Some categories in the link are not valid and were ignored.',
      ],
    });
  });

  it('refuses overlong values', () => {
    const { state, problems } = parseHash(`#q=${'a'.repeat(600)}`);
    expect(state.q).toBeUndefined();
    expect(problems).toHaveLength(1);
  });
});

/** A small seeded generator, so a failing round trip can be replayed. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('round trip', () => {
  it('format → parse → format is stable for 2,000 random states', () => {
    const r = rng(20250201);
    const slug = () => ['rafah', 'gaza-city', 'ofer', 'a1', 'x-y-z'][Math.floor(r() * 5)]!;
    for (let i = 0; i < 2000; i++) {
      const state: LinkState = {};
      if (r() < 0.8) {
        state.view = {
          zoom: Math.round(r() * 2400) / 100,
          lat: (r() * 2 - 1) * 85,
          lng: (r() * 2 - 1) * 179.9,
          bearing: r() < 0.5 ? 0 : Math.round((r() * 2 - 1) * 1790) / 10,
          pitch: r() < 0.5 ? 0 : Math.round(r() * 85),
        };
      }
      if (r() < 0.5) state.place = slug();
      if (r() < 0.5) state.event = slug();
      if (r() < 0.3) state.story = slug();
      if (r() < 0.3) state.from = '2024-05';
      if (r() < 0.3) state.cat = ['context', 'ceasefire'].slice(0, 1 + Math.floor(r() * 2));
      if (r() < 0.3) state.q = ['Khan Yunis', 'خان يونس', 'a&b=c#d', '100%'][Math.floor(r() * 4)]!;
      if (r() < 0.2) state.embed = true;
      const hash = formatHash(state);
      const parsed = parseHash(hash);
      expect(parsed.problems, hash).toEqual([]);
      expect(formatHash(parsed.state), hash).toBe(hash);
      if (state.view) {
        const v = parsed.state.view!;
        // Rounding keeps the centre within a pixel at that zoom (256 px tiles: 360° / 2^z / 256).
        const pixel = 360 / 2 ** state.view.zoom / 256;
        expect(Math.abs(v.lng - state.view.lng)).toBeLessThanOrEqual(pixel);
        expect(Math.abs(v.zoom - state.view.zoom)).toBeLessThanOrEqual(0.005);
      }
    }
  });

  it('formats views like MapLibre does for the same camera', () => {
    expect(formatView({ zoom: 9.1234, lat: 31.876543, lng: 35.185432, bearing: -20.04, pitch: 44.6 })).toBe('9.12/31.8765/35.1854/-20/45');
  });
});

import { resolveDataUrl, allowedDataOrigins } from '../../src/lib/url/data.ts';

describe('resolveDataUrl', () => {
  const base = new URL('https://news.example.org/atlas/');
  it('resolves a relative path against the app', () => {
    expect(resolveDataUrl('data/big.json', base)?.href).toBe('https://news.example.org/atlas/data/big.json');
  });
  it('refuses another host unless the build allows it', () => {
    expect(resolveDataUrl('https://evil.example.com/x.json', base)).toBeUndefined();
    expect(resolveDataUrl('https://cdn.example.com/x.json', base, ['https://cdn.example.com'])?.href).toBe('https://cdn.example.com/x.json');
  });
  it('refuses javascript:, data: and protocol-relative tricks', () => {
    expect(resolveDataUrl('javascript:alert(1)', base)).toBeUndefined();
    expect(resolveDataUrl('data:application/json,{}', base)).toBeUndefined();
    expect(resolveDataUrl('//evil.example.com/x.json', base)).toBeUndefined();
  });
  it('opens a blob: this site made (the editor preview), never one of another origin', () => {
    expect(resolveDataUrl('blob:https://news.example.org/6f1c2d3e-aaaa-bbbb-cccc-0123456789ab', base)?.protocol).toBe('blob:');
    expect(resolveDataUrl('blob:https://evil.example.com/6f1c2d3e-aaaa-bbbb-cccc-0123456789ab', base)).toBeUndefined();
    expect(resolveDataUrl('blob:null/6f1c2d3e', base)).toBeUndefined();
  });
  it('reads the allowed origins setting, ignoring junk', () => {
    expect(allowedDataOrigins(' https://a.example.com/path , nonsense,,http://b.example.com ')).toEqual(['https://a.example.com', 'http://b.example.com']);
    expect(allowedDataOrigins(undefined)).toEqual([]);
  });
});

import { cspFor } from '../../vite.config.ts';

describe('the content security policy', () => {
  it('allows only this site by default', () => {
    expect(cspFor({})).toContain("connect-src 'self' blob:;");
  });
  it('lets the data hosts the build allows be fetched, and nothing else', () => {
    expect(cspFor({ VITE_DATA_ORIGINS: 'https://data.example.org/stories/' })).toContain("connect-src 'self' blob: https://data.example.org;");
  });
});

describe('the lang key', () => {
  it('reads each interface language', () => {
    expect(parseHash('#lang=en')).toEqual({ state: { lang: 'en' }, problems: [] });
    expect(parseHash('#place=gaza-city&lang=ar')).toEqual({ state: { place: 'gaza-city', lang: 'ar' }, problems: [] });
    expect(parseHash('#lang=he&map=7/31.5/34.45')).toEqual({
      state: { lang: 'he', view: { zoom: 7, lat: 31.5, lng: 34.45, bearing: 0, pitch: 0 } },
      problems: [],
    });
  });

  it('ignores a language we do not have, or a malformed one, without a problem and keeps the rest', () => {
    for (const bad of ['fr', 'AR', 'ar-EG', '', 'he%00', '%E0%A4%A', 'constructor', 'toString']) {
      const parsed = parseHash(`#place=gaza-city&lang=${bad}`);
      expect(parsed.state.lang).toBeUndefined();
      expect(parsed.state.place).toBe('gaza-city');
    }
  });

  it('round-trips: the formatted link reads back the same language', () => {
    expect(formatHash(parseHash('#event=siegel-handover&lang=he').state)).toBe('#event=siegel-handover&lang=he');
    expect(formatHash(parseHash('#lang=fr&q=x').state)).toBe('#q=x');
  });
});
