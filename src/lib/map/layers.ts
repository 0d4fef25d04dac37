/**
 * Our own sources and layers on top of the basemap: their ids, the data they draw, and their paint.
 * The basemap knows nothing of these; a basemap swap carries them over by the ids listed here.
 */
import type { FeatureCollection, Feature, Point, Position } from 'geojson';
import type { LayerSpecification, SourceSpecification, ExpressionSpecification } from 'maplibre-gl';
import type { StoryModel } from '../story/model.ts';
import type { StoryEvent, PlaceFeature } from '../story/types.ts';
import { movementArc } from '../geo/arc.ts';

export const PLACES_SOURCE = 'atlas-places';
export const MOVES_SOURCE = 'atlas-moves';

export const LAYERS = {
  areaFill: 'atlas-area-fill',
  areaLine: 'atlas-area-line',
  moves: 'atlas-moves-line',
  movesArrow: 'atlas-moves-arrow',
  halo: 'atlas-places-halo',
  circle: 'atlas-places-circle',
  label: 'atlas-places-label',
  areaLabel: 'atlas-area-label',
} as const;

/** Layers a click or a tap can hit, in priority order. */
export const CLICKABLE_POINT_LAYERS: string[] = [LAYERS.circle, LAYERS.label];

/** Below this zoom areas go unlabelled: their names would crowd out the basemap's countries. */
const AREA_LABEL_MINZOOM = 7;
const POINT_LABEL_MINZOOM = 6;
export const OWN_SOURCES: readonly string[] = [PLACES_SOURCE, MOVES_SOURCE];
export const OWN_LAYERS: readonly string[] = Object.values(LAYERS);

/** The label fonts: served by the app, drawn by MapLibre's local glyph rendering. */
export const LABEL_FONTS = ['Noto Sans', 'Noto Sans Arabic', 'Noto Sans Hebrew'];

export interface PlaceProps {
  /** The place id (promoted to the feature id for feature-state). */
  pid: string;
  name: string;
  /** The name in the first other script we have (Arabic, then Hebrew), '' when none. */
  local: string;
  count: number;
  kind: string;
}

/** The point of a place: itself for a Point, the first vertex's ring centre for areas. */
export function anchorOf(place: PlaceFeature): Position {
  const g = place.geometry;
  if (g.type === 'Point') return g.coordinates;
  const ring = g.type === 'Polygon' ? g.coordinates[0]! : g.coordinates[0]![0]!;
  let x = 0;
  let y = 0;
  for (const [lng, lat] of ring as [number, number][]) {
    x += lng;
    y += lat;
  }
  return [x / ring.length, y / ring.length];
}

/** The places as the map draws them: only the properties the layers need. */
export function placesData(model: StoryModel): FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: model.places.map((p) => ({
      type: 'Feature',
      geometry: p.geometry,
      properties: {
        pid: p.id,
        name: p.properties.name,
        local: p.properties.names?.ar ?? p.properties.names?.he ?? '',
        count: model.eventsByPlace.get(p.id)?.length ?? 0,
        kind: p.properties.kind,
      } satisfies PlaceProps,
    })),
  };
}

/** Arrows for the movements of an event: every `from` place to every `to` place. */
export function movesData(model: StoryModel, event: StoryEvent | undefined): FeatureCollection {
  const features: Feature[] = [];
  if (event) {
    const ends = (role: string) =>
      event.places.filter((p) => p.role === role).flatMap((p) => {
        const place = model.placeById.get(p.id);
        return place ? [{ id: p.id, at: anchorOf(place) }] : [];
      });
    for (const from of ends('from')) {
      for (const to of ends('to')) {
        features.push(movementArc(from.at, to.at, { from: from.id, to: to.id, event: event.id }));
      }
    }
  }
  return { type: 'FeatureCollection', features };
}

export const emptyCollection = (): FeatureCollection<Point> => ({ type: 'FeatureCollection', features: [] });

export function ownSources(): Record<string, SourceSpecification> {
  return {
    [PLACES_SOURCE]: { type: 'geojson', data: emptyCollection(), promoteId: 'pid' },
    [MOVES_SOURCE]: { type: 'geojson', data: emptyCollection() },
  };
}

const isPoint: ExpressionSpecification = ['==', ['geometry-type'], 'Point'];
const isArea: ExpressionSpecification = ['!=', ['geometry-type'], 'Point'];
/** Whole countries: the basemap draws their borders already; outline them only when selected. */
const isCountry: ExpressionSpecification = ['==', ['get', 'kind'], 'country'];
const state = (key: string): ExpressionSpecification => ['boolean', ['feature-state', key], false];

export interface LayerColours {
  place: string;
  selected: string;
  halo: string;
  text: string;
  textHalo: string;
  area: string;
  move: string;
}

export const LIGHT: LayerColours = {
  place: '#c2410c',
  selected: '#7c2d12',
  halo: '#fdba74',
  text: '#1f2937',
  textHalo: '#ffffff',
  area: '#9a3412',
  move: '#1d4ed8',
};

export const DARK: LayerColours = {
  place: '#fb923c',
  selected: '#fed7aa',
  halo: '#9a3412',
  text: '#f3f4f6',
  textHalo: '#111827',
  area: '#fdba74',
  move: '#93c5fd',
};

/** Circle radius in pixels: grows with the number of events, and a little with zoom. */
const radius = (extra = 0): ExpressionSpecification => [
  'interpolate',
  ['linear'],
  ['zoom'],
  3,
  ['+', 4 + extra, ['*', 1.5, ['sqrt', ['get', 'count']]]],
  12,
  ['+', 7 + extra, ['*', 2.5, ['sqrt', ['get', 'count']]]],
];

export function ownLayers(c: LayerColours = LIGHT): LayerSpecification[] {
  return [
    {
      id: LAYERS.areaFill,
      type: 'fill',
      source: PLACES_SOURCE,
      filter: isArea,
      paint: {
        'fill-color': c.area,
        'fill-opacity': ['case', state('selected'), 0.14, isCountry, 0, state('hover'), 0.1, 0.04],
      },
    },
    {
      id: LAYERS.areaLine,
      type: 'line',
      source: PLACES_SOURCE,
      filter: isArea,
      paint: {
        'line-color': c.area,
        'line-width': ['case', state('selected'), 2.5, 1.2],
        'line-dasharray': [3, 2],
        'line-opacity': ['case', state('selected'), 0.9, isCountry, 0, 0.8],
      },
    },
    {
      id: LAYERS.moves,
      type: 'line',
      source: MOVES_SOURCE,
      layout: { 'line-cap': 'round' },
      paint: { 'line-color': c.move, 'line-width': 3, 'line-opacity': 0.9 },
    },
    {
      id: LAYERS.movesArrow,
      type: 'symbol',
      source: MOVES_SOURCE,
      layout: {
        'symbol-placement': 'line-center',
        'text-field': '▶',
        'text-font': LABEL_FONTS,
        'text-size': 16,
        'text-rotation-alignment': 'map',
        'text-keep-upright': false,
        'text-allow-overlap': true,
        'text-ignore-placement': true,
      },
      paint: { 'text-color': c.move, 'text-halo-color': c.textHalo, 'text-halo-width': 1 },
    },
    {
      id: LAYERS.halo,
      type: 'circle',
      source: PLACES_SOURCE,
      filter: isPoint,
      paint: {
        'circle-radius': radius(7),
        'circle-color': c.halo,
        'circle-opacity': ['case', state('selected'), 0.85, state('hover'), 0.5, 0],
      },
    },
    {
      id: LAYERS.circle,
      type: 'circle',
      source: PLACES_SOURCE,
      filter: isPoint,
      layout: { 'circle-sort-key': ['-', 0, ['get', 'count']] },
      paint: {
        'circle-radius': radius(),
        'circle-color': ['case', state('selected'), c.selected, c.place],
        'circle-stroke-color': c.textHalo,
        'circle-stroke-width': ['case', state('selected'), 3, 1.5],
        'circle-opacity': ['case', state('faded'), 0.25, 1],
        'circle-stroke-opacity': ['case', state('faded'), 0.25, 1],
      },
    },
    {
      id: LAYERS.areaLabel,
      type: 'symbol',
      source: PLACES_SOURCE,
      filter: ['all', isArea, ['!', isCountry]],
      minzoom: AREA_LABEL_MINZOOM,
      layout: {
        'text-field': [
          'format',
          ['get', 'name'],
          {},
          ['case', ['==', ['get', 'local'], ''], '', '\n'],
          {},
          ['get', 'local'],
          { 'font-scale': 0.85 },
        ],
        'text-font': LABEL_FONTS,
        'text-size': ['interpolate', ['linear'], ['zoom'], 5, 12, 12, 14],
        'text-variable-anchor': ['left', 'right', 'top', 'bottom'],
        'text-radial-offset': 1.1,
        'text-justify': 'auto',
        'text-max-width': 12,
        'symbol-sort-key': ['-', 0, ['get', 'count']],
      },
      paint: {
        'text-color': c.text,
        'text-halo-color': c.textHalo,
        'text-halo-width': 1.6,
        'text-opacity': ['case', state('faded'), 0.35, 1],
      },
    },
    {
      id: LAYERS.label,
      type: 'symbol',
      source: PLACES_SOURCE,
      filter: isPoint,
      // At a country-wide zoom the story's dots speak for themselves; their labels would hide
      // the basemap's country names, which a reader needs there to find their bearings.
      minzoom: POINT_LABEL_MINZOOM,
      layout: {
        'text-field': [
          'format',
          ['get', 'name'],
          {},
          ['case', ['==', ['get', 'local'], ''], '', '\n'],
          {},
          ['get', 'local'],
          { 'font-scale': 0.85 },
        ],
        'text-font': LABEL_FONTS,
        'text-size': ['interpolate', ['linear'], ['zoom'], 5, 12, 12, 14],
        'text-variable-anchor': ['left', 'right', 'top', 'bottom'],
        'text-radial-offset': 1.1,
        'text-justify': 'auto',
        'text-max-width': 12,
        'symbol-sort-key': ['-', 0, ['get', 'count']],
      },
      paint: {
        'text-color': c.text,
        'text-halo-color': c.textHalo,
        'text-halo-width': 1.6,
        'text-opacity': ['case', state('faded'), 0.35, 1],
      },
    },
  ];
}
