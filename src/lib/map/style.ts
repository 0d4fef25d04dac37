/**
 * The embedded basemap style: served by the app itself, no tiles, glyphs or fonts from any other
 * host. No `glyphs` key: MapLibre then draws labels with the page's own web fonts (see fonts.ts).
 *
 * Two vector sources, both PMTiles archives built by `npm run basemap`:
 *   world   zoom 0–6 everywhere, overzoomed beyond: Natural Earth land and borders, GSHHG lakes,
 *           GeoNames towns
 *   detail  zoom 7–13 in the story areas only: OpenStreetMap land, GSHHG lakes and rivers; its
 *           `cover` layer is painted in the sea colour over the coarser world land, so the
 *           coastline is the detailed one.
 * Lakes are painted in the sea colour above the territory fills: the Dead Sea is water, not land.
 * The palette is quiet on purpose: the story's own coloured places are drawn above it.
 */
import type {
  StyleSpecification,
  LayerSpecification,
  ExpressionSpecification,
  DataDrivenPropertyValueSpecification,
  FormattedSpecification,
} from 'maplibre-gl';

export const BASEMAP_ATTRIBUTION =
  'Natural Earth (public domain) · GSHHG (LGPL) · GeoNames (CC BY 4.0) · Noto fonts (SIL OFL 1.1)';
export const DETAIL_ATTRIBUTION = '© OpenStreetMap contributors (ODbL)';

/** The style's name, by which the app tells the embedded basemap from an online one. */
export const EMBEDDED_STYLE_NAME = 'Article Atlas embedded';

/** The zoom from which the story areas' detail tiles replace the world tiles. */
export const DETAIL_MIN_ZOOM = 7;
export const DETAIL_MAX_ZOOM = 13;

/** Font stack for every label: Latin first, then the scripts of local names. */
export const LABEL_FONTS = ['Noto Sans', 'Noto Sans Arabic', 'Noto Sans Hebrew'];

export interface BasemapOptions {
  /** URL of the folder holding the basemap files, ending in '/'. */
  base: string;
  dark?: boolean;
  /** The interface language: labels lead with the name in it where the tiles have one (name_<lang>). */
  lang?: string;
}

interface Palette {
  sea: string;
  river: string;
  land: string;
  territory: string;
  border: string;
  territoryBorder: string;
  text: string;
  textMuted: string;
  seaText: string;
  halo: string;
}

const LIGHT: Palette = {
  sea: '#d5e3ec',
  river: '#9fbfd4',
  land: '#f5f3ee',
  territory: '#ece4d6',
  border: '#b5aca0',
  territoryBorder: '#9a8c78',
  text: '#4a4a48',
  textMuted: '#77736c',
  seaText: '#6f8ea3',
  halo: '#f5f3ee',
};

const DARK: Palette = {
  sea: '#17202a',
  river: '#2b4860',
  land: '#262b31',
  territory: '#2f3135',
  border: '#545b64',
  territoryBorder: '#7a7266',
  text: '#c9ccd0',
  textMuted: '#9a9fa6',
  seaText: '#6d8799',
  halo: '#1b2026',
};

/** `first`, and `second` beneath it, smaller. */
const twoLines = (first: ExpressionSpecification, second: ExpressionSpecification): ExpressionSpecification => [
  'format', first, {}, '\n', {}, second, { 'font-scale': 0.85 },
];

/**
 * A basemap label: in English, the English name with the local (Arabic, Hebrew) one beneath where
 * the data has it. In another interface language, the name in that language leads where the tiles
 * have it (name_ar, name_he: tools/basemap.ts), with the English one beneath, in another script;
 * where they have none, the English label as above.
 */
export function nameField(lang = 'en'): ExpressionSpecification {
  const english: ExpressionSpecification = ['case', ['has', 'name_local'], twoLines(['get', 'name'], ['get', 'name_local']), ['get', 'name']];
  if (lang === 'en' || !/^[a-z]{2,3}$/.test(lang)) return english;
  const own = `name_${lang}`;
  return ['case', ['has', own], twoLines(['get', own], ['get', 'name']), english];
}

/** The pmtiles:// tile URL template of an archive (read by the `pmtiles` protocol, see pmtiles.ts). */
export const pmtilesTiles = (archiveUrl: string): string[] => [`pmtiles://${archiveUrl}/{z}/{x}/{y}`];

function placeLabels(id: string, source: string, p: Palette, names: ExpressionSpecification, extra: Partial<LayerSpecification> = {}): LayerSpecification {
  const size: DataDrivenPropertyValueSpecification<number> = [
    'interpolate',
    ['linear'],
    ['zoom'],
    4,
    ['case', ['>=', ['get', 'pop'], 1e6], 12, 10.5],
    10,
    ['case', ['>=', ['get', 'pop'], 1e5], 15, ['>=', ['get', 'pop'], 2e4], 13, 11.5],
  ];
  return {
    id,
    type: 'symbol',
    source,
    'source-layer': 'place',
    layout: {
      'text-field': names as unknown as FormattedSpecification,
      'text-font': LABEL_FONTS,
      'text-size': size,
      'text-max-width': 8,
      'text-line-height': 1.15,
      'text-padding': 4,
      // Bigger towns win collisions.
      'symbol-sort-key': ['-', 0, ['get', 'pop']],
    },
    paint: {
      'text-color': ['case', ['>=', ['get', 'pop'], 1e5], p.text, p.textMuted],
      'text-halo-color': p.halo,
      'text-halo-width': 1.4,
    },
    ...extra,
  } as LayerSpecification;
}

export function basemapStyle({ base, dark = false, lang = 'en' }: BasemapOptions): StyleSpecification {
  const p = dark ? DARK : LIGHT;
  const names = nameField(lang);
  const territoryFill: DataDrivenPropertyValueSpecification<number> = [
    'interpolate', ['linear'], ['zoom'], 5, 0.9, 9, 0.6, 11, 0,
  ];
  const borderWidth: DataDrivenPropertyValueSpecification<number> = ['interpolate', ['linear'], ['zoom'], 2, 0.5, 6, 0.9, 12, 1.6];
  /** Lakes in the sea colour, then rivers as lines a shade stronger (a hairline of sea colour vanishes on land). */
  const water = (id: string, source: string): LayerSpecification[] => [
    {
      id: `${id}-lake`,
      type: 'fill',
      source,
      'source-layer': 'water',
      filter: ['==', ['get', 'kind'], 'lake'],
      paint: { 'fill-color': p.sea },
    },
    {
      id: `${id}-river`,
      type: 'line',
      source,
      'source-layer': 'water',
      minzoom: 5,
      filter: ['==', ['get', 'kind'], 'river'],
      layout: { 'line-join': 'round', 'line-cap': 'round' },
      paint: { 'line-color': p.river, 'line-width': ['interpolate', ['linear'], ['zoom'], 5, 0.7, 9, 1.4, 13, 3] },
    },
  ];
  const boundaries = (id: string, source: string, minzoom?: number): LayerSpecification[] => [
    {
      id: `${id}-country`,
      type: 'line',
      source,
      'source-layer': 'boundary',
      ...(minzoom === undefined ? {} : { minzoom }),
      filter: ['==', ['get', 'kind'], 'country'],
      layout: { 'line-join': 'round' },
      paint: { 'line-color': p.border, 'line-width': borderWidth },
    },
    {
      // The Gaza Strip and West Bank outlines (Green Line, Gaza perimeter, Rafah border).
      id: `${id}-territory`,
      type: 'line',
      source,
      'source-layer': 'boundary',
      ...(minzoom === undefined ? {} : { minzoom }),
      filter: ['==', ['get', 'kind'], 'territory'],
      layout: { 'line-join': 'round' },
      paint: { 'line-color': p.territoryBorder, 'line-width': borderWidth, 'line-dasharray': [3, 2] },
    },
  ];
  return {
    version: 8,
    name: EMBEDDED_STYLE_NAME,
    sources: {
      world: {
        type: 'vector',
        tiles: pmtilesTiles(`${base}world.pmtiles`),
        minzoom: 0,
        maxzoom: DETAIL_MIN_ZOOM - 1,
        attribution: BASEMAP_ATTRIBUTION,
      },
      detail: {
        type: 'vector',
        tiles: pmtilesTiles(`${base}detail.pmtiles`),
        minzoom: DETAIL_MIN_ZOOM,
        maxzoom: DETAIL_MAX_ZOOM,
        attribution: DETAIL_ATTRIBUTION,
      },
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': p.sea } },
      { id: 'land', type: 'fill', source: 'world', 'source-layer': 'land', paint: { 'fill-color': p.land } },
      {
        id: 'territory',
        type: 'fill',
        source: 'world',
        'source-layer': 'territory',
        maxzoom: DETAIL_MIN_ZOOM + 4,
        paint: { 'fill-color': p.territory, 'fill-opacity': territoryFill },
      },
      ...water('water', 'world'),
      ...boundaries('boundary', 'world'),
      // Story areas from zoom 7: sea over the coarse land, then the detailed land and borders.
      // No antialiasing on the cover: its soft edge left a hairline of sea colour across the land
      // all along the story area's edge, where the world land meets the detailed land.
      { id: 'detail-cover', type: 'fill', source: 'detail', 'source-layer': 'cover', paint: { 'fill-color': p.sea, 'fill-antialias': false } },
      { id: 'detail-land', type: 'fill', source: 'detail', 'source-layer': 'land', paint: { 'fill-color': p.land } },
      {
        id: 'detail-territory',
        type: 'fill',
        source: 'detail',
        'source-layer': 'territory',
        maxzoom: DETAIL_MIN_ZOOM + 4,
        paint: { 'fill-color': p.territory, 'fill-opacity': territoryFill },
      },
      ...water('detail-water', 'detail'),
      ...boundaries('detail-boundary', 'detail'),
      // Symbol layers later in the list win collisions: towns beat the Gaza Strip / West Bank
      // labels (a narrow strip full of towns), and countries and seas beat towns.
      {
        id: 'territory-label',
        type: 'symbol',
        source: 'world',
        'source-layer': 'label',
        filter: ['==', ['get', 'kind'], 'territory'],
        maxzoom: 12,
        layout: {
          'text-field': names as unknown as FormattedSpecification,
          'text-font': LABEL_FONTS,
          'text-size': ['interpolate', ['linear'], ['zoom'], 6, 11, 10, 15],
          'text-transform': 'uppercase',
          'text-letter-spacing': 0.12,
          'text-max-width': 6,
        },
        paint: { 'text-color': p.territoryBorder, 'text-halo-color': p.halo, 'text-halo-width': 1.2 },
      },
      // World towns; inside the story areas the detail tiles take over from zoom 7.
      placeLabels('place-label', 'world', p, names, {
        filter: ['any', ['!', ['to-boolean', ['get', 'in_area']]], ['<', ['zoom'], DETAIL_MIN_ZOOM]],
      }),
      placeLabels('detail-place-label', 'detail', p, names, { minzoom: DETAIL_MIN_ZOOM }),
      {
        id: 'sea-label',
        type: 'symbol',
        source: 'world',
        'source-layer': 'label',
        filter: ['==', ['get', 'kind'], 'sea'],
        layout: {
          'text-field': names as unknown as FormattedSpecification,
          'text-font': LABEL_FONTS,
          'text-size': ['interpolate', ['linear'], ['zoom'], 1, 11, 6, 13],
          'text-letter-spacing': 0.08,
          'text-max-width': 7,
        },
        paint: { 'text-color': p.seaText, 'text-halo-color': p.sea, 'text-halo-width': 1 },
      },
      {
        id: 'country-label',
        type: 'symbol',
        source: 'world',
        'source-layer': 'label',
        filter: ['==', ['get', 'kind'], 'country'],
        maxzoom: 9,
        layout: {
          'text-field': names as unknown as FormattedSpecification,
          'text-font': LABEL_FONTS,
          'text-size': ['interpolate', ['linear'], ['zoom'], 2, 10, 6, 14],
          'text-transform': 'uppercase',
          'text-letter-spacing': 0.1,
          'text-max-width': 7,
        },
        paint: { 'text-color': p.textMuted, 'text-halo-color': p.halo, 'text-halo-width': 1.2 },
      },
    ],
  };
}
