import { describe, it, expect } from 'vitest';
import { basemapStyle, EMBEDDED_STYLE_NAME } from '../../src/lib/map/style.ts';
import { expression } from '@maplibre/maplibre-gl-style-spec';

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

describe('basemap labels in the interface language', () => {
  const base = 'http://localhost:4173/basemap/';
  /** The label's lines as MapLibre would draw them for a place with these properties. */
  const label = (lang: string | undefined, properties: Record<string, string>): string[] => {
    const layer = basemapStyle({ base, lang }).layers.find((l) => l.id === 'place-label')!;
    const field = (layer as { layout: { 'text-field': unknown } }).layout['text-field'];
    const parsed = expression.createExpression(field, 'layers[place-label].layout.text-field');
    if (parsed.result !== 'success') throw new Error(String(parsed.value));
    const value = parsed.value.evaluate({ zoom: 8 }, { type: 1, properties, geometry: [] } as never) as string | { sections: { text: string }[] };
    return (typeof value === 'string' ? value : value.sections.map((s) => s.text).join('')).split('\n');
  };
  const gaza = { name: 'Khan Yunis', name_local: 'خان يونس', name_ar: 'خان يونس', name_he: 'חאן יונס' };
  const ashkelon = { name: 'Ashkelon', name_local: 'אשקלון', name_he: 'אשקלון' };
  const paris = { name: 'Paris' };

  it.each([
    ['en', gaza, ['Khan Yunis', 'خان يونس']],
    ['ar', gaza, ['خان يونس', 'Khan Yunis']],
    ['he', gaza, ['חאן יונס', 'Khan Yunis']],
    // No Arabic name in the tiles: the English label, with the local name beneath.
    ['ar', ashkelon, ['Ashkelon', 'אשקלון']],
    ['he', ashkelon, ['אשקלון', 'Ashkelon']],
    ['he', paris, ['Paris']],
    [undefined, gaza, ['Khan Yunis', 'خان يونس']],
  ] as const)('in %s, %o is labelled %o', (lang, properties, lines) => {
    expect(label(lang, properties)).toEqual(lines);
  });

  it('reads no property named by an odd language tag', () => {
    expect(label('__proto__', gaza)).toEqual(['Khan Yunis', 'خان يونس']);
  });
});
