import { describe, it, expect } from 'vitest';
import { basemapStyle, EMBEDDED_STYLE_NAME } from '../../src/lib/map/style.ts';

describe('the embedded basemap style', () => {
  const base = 'http://localhost:4173/basemap/';

  const sourceUrls = (dark: boolean) =>
    Object.values(basemapStyle({ base, dark }).sources).flatMap((s) => [
      ...('data' in s && typeof s.data === 'string' ? [s.data] : []),
      ...('url' in s && s.url ? [s.url] : []),
      ...('tiles' in s && s.tiles ? s.tiles : []),
    ]);

  it('fetches every source from the app itself, as PMTiles archives', () => {
    const urls = sourceUrls(false);
    expect(urls).toEqual([
      'pmtiles://http://localhost:4173/basemap/world.pmtiles/{z}/{x}/{y}',
      'pmtiles://http://localhost:4173/basemap/detail.pmtiles/{z}/{x}/{y}',
    ]);
  });

  it('asks for no glyphs or sprite host, so labels use the page fonts', () => {
    const style = basemapStyle({ base });
    expect(style.glyphs).toBeUndefined();
    expect(style.sprite).toBeUndefined();
    const fonts = style.layers.flatMap((l) => (l.type === 'symbol' ? [l.layout?.['text-font']] : []));
    expect(fonts.length).toBeGreaterThan(3);
    for (const f of fonts) expect(f).toEqual(['Noto Sans', 'Noto Sans Arabic', 'Noto Sans Hebrew']);
  });

  it('credits Natural Earth, GeoNames, OpenStreetMap and the fonts', () => {
    const attributions = Object.values(basemapStyle({ base }).sources)
      .map((s) => ('attribution' in s ? s.attribution : ''))
      .join(' ');
    for (const credit of ['Natural Earth', 'GeoNames', 'OpenStreetMap', 'Noto']) expect(attributions).toContain(credit);
  });

  it('has the same layers in light and dark, with different colours', () => {
    const light = basemapStyle({ base });
    const dark = basemapStyle({ base, dark: true });
    expect(light.name).toBe(EMBEDDED_STYLE_NAME);
    expect(dark.layers.map((l) => l.id)).toEqual(light.layers.map((l) => l.id));
    const bg = (s: typeof light) => (s.layers[0]!.type === 'background' ? s.layers[0]!.paint?.['background-color'] : null);
    expect(bg(dark)).not.toEqual(bg(light));
  });

  it('draws the detailed story-area land above the world land, and labels above all fills', () => {
    const ids = basemapStyle({ base }).layers.map((l) => l.id);
    expect(ids.indexOf('detail-cover')).toBeGreaterThan(ids.indexOf('land'));
    expect(ids.indexOf('detail-land')).toBeGreaterThan(ids.indexOf('detail-cover'));
    const firstSymbol = basemapStyle({ base }).layers.findIndex((l) => l.type === 'symbol');
    expect(firstSymbol).toBeGreaterThan(ids.indexOf('detail-boundary-territory'));
  });
});
