/**
 * Our own sources and layers on top of the basemap: their ids, the data they draw, and their paint.
 * The basemap knows nothing of these; a basemap swap carries them over by the ids listed here.
 */
import type { FeatureCollection, Feature, Point } from 'geojson';
import type { LayerSpecification, SourceSpecification, ExpressionSpecification, FeatureIdentifier } from 'maplibre-gl';
import type { StoryModel } from '../story/model.ts';
import { LABEL_FONTS } from './style.ts';
import { placesCollection, CLUSTER_MAX_ZOOM, CLUSTER_RADIUS, SOURCE_MAXZOOM, type MapPlaces, type PlaceTiles } from '../story/map-places.ts';
import { TILE_LAYER } from '../tiles/format.ts';

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
  clusters: 'atlas-clusters',
  clusterCount: 'atlas-cluster-count',
} as const;

/** Layers a click or a tap can hit, in priority order. */
export const CLICKABLE_POINT_LAYERS: string[] = [LAYERS.circle, LAYERS.label];

/** Below this zoom areas go unlabelled: their names would crowd out the basemap's countries. */
const AREA_LABEL_MINZOOM = 7;
const POINT_LABEL_MINZOOM = 6;
export const OWN_SOURCES: readonly string[] = [PLACES_SOURCE, MOVES_SOURCE];
export const OWN_LAYERS: readonly string[] = Object.values(LAYERS);


export type { PlaceProps } from '../story/map-places.ts';

/** The places as the map draws them: only the properties the layers need. */
export function placesData(model: StoryModel): FeatureCollection {
  return placesCollection(model.places, (id) => model.eventsByPlace.get(id)?.length ?? 0);
}

/** The places' vector tile layer: pre-built tiles name it in their manifest; the worker's tiles use TILE_LAYER. */
export function placesSourceLayer(places: MapPlaces | null): string | undefined {
  if (places?.kind === 'tiles') return places.sourceLayer;
  return places?.kind === 'clustered' ? TILE_LAYER : undefined;
}

/** A place's feature on the map, for feature-state (vector tiles name their layer). */
export function placeRef(places: MapPlaces | null, id: string): FeatureIdentifier {
  const sourceLayer = placesSourceLayer(places);
  return sourceLayer ? { source: PLACES_SOURCE, sourceLayer, id } : { source: PLACES_SOURCE, id };
}

/** The protocol of a dense story's clustered places, served by the story worker (place-tiles.ts). */
export const PLACES_PROTOCOL = 'atlas-places';

/** The tile URL template of the worker's clustered places as they are now: its load, and the version of its clusters. */
export const placesTilesUrl = (tiles: PlaceTiles): string => `${PLACES_PROTOCOL}://${tiles.key}/${tiles.version}/{z}/{x}/{y}`;

export const emptyCollection = (): FeatureCollection<Point> => ({ type: 'FeatureCollection', features: [] });

/**
 * The places source for what the story loader produced: a GeoJSON URL (clustered by MapLibre when
 * the places file of a bundled story is dense), the story worker's clustered tiles of a dense
 * data= story, or pre-built vector tiles.
 */
export function placesSource(places: MapPlaces): SourceSpecification {
  if (places.kind === 'tiles') {
    return {
      type: 'vector',
      tiles: [places.tiles],
      minzoom: places.minzoom,
      maxzoom: places.maxzoom,
      bounds: places.bounds as [number, number, number, number],
      promoteId: 'id',
    };
  }
  if (places.kind === 'clustered') {
    // As the GeoJSON source below: its maxzoom, CLUSTER_* options and summed counts (tiles/clustered.ts).
    return { type: 'vector', tiles: [placesTilesUrl(places.tiles)], maxzoom: SOURCE_MAXZOOM, promoteId: 'pid' };
  }
  return {
    type: 'geojson',
    data: places.data,
    promoteId: 'pid',
    ...(places.cluster
      ? { cluster: true, clusterMaxZoom: CLUSTER_MAX_ZOOM, clusterRadius: CLUSTER_RADIUS, clusterProperties: { count: ['+', ['get', 'count']] } }
      : {}),
  };
}

/** Our sources; the places source only once the story's places are known. */
export function ownSources(places: MapPlaces | null = null): Record<string, SourceSpecification> {
  return {
    ...(places ? { [PLACES_SOURCE]: placesSource(places) } : {}),
    [MOVES_SOURCE]: { type: 'geojson', data: emptyCollection() },
  };
}

const isCluster: ExpressionSpecification = ['has', 'point_count'];
/** A single place drawn as a point (not a cluster). */
/** An area's label point (map-places.ts): where its name is drawn, nothing else. */
const isAreaLabel: ExpressionSpecification = ['has', 'areaLabel'];
const isPoint: ExpressionSpecification = ['all', ['==', ['geometry-type'], 'Point'], ['!', isCluster], ['!', isAreaLabel]];
/** Events at a place or in a cluster: `count` in our GeoJSON (summed over clusters), `n` in pre-built tiles. */
const COUNT: ExpressionSpecification = ['to-number', ['coalesce', ['get', 'count'], ['get', 'n'], 0], 0];
const LOCAL: ExpressionSpecification = ['coalesce', ['get', 'local'], ''];
/** 950, 1.2k, 12k: short enough for a cluster's circle. */
const SHORT_COUNT: ExpressionSpecification = [
  'case',
  ['>=', COUNT, 10000],
  ['concat', ['to-string', ['round', ['/', COUNT, 1000]]], 'k'],
  ['>=', COUNT, 1000],
  ['concat', ['to-string', ['/', ['round', ['/', COUNT, 100]], 10]], 'k'],
  ['to-string', COUNT],
];
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
  ['+', 4 + extra, ['*', 1.5, ['sqrt', COUNT]]],
  12,
  ['+', 7 + extra, ['*', 2.5, ['sqrt', COUNT]]],
];

/**
 * Our layers, in drawing order. `sourceLayer`: the places come from vector tiles with this layer
 * (same look as the GeoJSON source).
 */
/**
 * Our layers in drawing order. `passes` (pre-built tiles: the reader's filters over the tiles'
 * properties, tiles/filter.ts) fades the places that fail it and hides the clusters that do.
 */
export function ownLayers(c: LayerColours = LIGHT, sourceLayer?: string, passes: ExpressionSpecification | null = null): LayerSpecification[] {
  const layers = storyLayers(c, passes);
  if (!sourceLayer) return layers;
  return layers.map((l) => ('source' in l && l.source === PLACES_SOURCE ? ({ ...l, 'source-layer': sourceLayer } as LayerSpecification) : l));
}

function storyLayers(c: LayerColours, passes: ExpressionSpecification | null): LayerSpecification[] {
  const faded: ExpressionSpecification = passes ? ['any', state('faded'), ['!', passes]] : state('faded');
  const cluster: ExpressionSpecification = passes ? ['all', isCluster, passes] : isCluster;
  return [
    {
      id: LAYERS.areaFill,
      type: 'fill',
      source: PLACES_SOURCE,
      filter: isArea,
      paint: {
        'fill-color': c.area,
        // Faded (no event passes the filters): a quarter of the usual, as the places' circles.
        'fill-opacity': ['case', state('selected'), 0.14, isCountry, 0, state('hover'), 0.1, faded, 0.01, 0.04],
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
        'line-opacity': ['case', state('selected'), 0.9, isCountry, 0, faded, 0.2, 0.8],
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
      layout: { 'circle-sort-key': ['-', 0, COUNT] },
      paint: {
        'circle-radius': radius(),
        'circle-color': ['case', state('selected'), c.selected, c.place],
        'circle-stroke-color': c.textHalo,
        'circle-stroke-width': ['case', state('selected'), 3, 1.5],
        'circle-opacity': ['case', faded, 0.25, 1],
        'circle-stroke-opacity': ['case', faded, 0.25, 1],
      },
    },
    {
      id: LAYERS.clusters,
      type: 'circle',
      source: PLACES_SOURCE,
      filter: cluster,
      paint: {
        'circle-color': c.place,
        'circle-opacity': 0.85,
        'circle-radius': ['step', COUNT, 13, 50, 16, 500, 20, 5000, 25, 50000, 30],
        'circle-stroke-color': c.textHalo,
        'circle-stroke-width': 2,
      },
    },
    {
      id: LAYERS.clusterCount,
      type: 'symbol',
      source: PLACES_SOURCE,
      filter: cluster,
      layout: {
        'text-field': SHORT_COUNT,
        'text-font': LABEL_FONTS,
        'text-size': 12,
        'text-allow-overlap': true,
        'text-ignore-placement': true,
      },
      paint: { 'text-color': c.textHalo },
    },
    // An area's name once, at its label point; on the area itself only when it has none (then
    // once per piece of it in the map's tiles).
    labelLayer(c, LAYERS.areaLabel, ['all', ['!', isCountry], ['any', isAreaLabel, ['all', isArea, ['!', ['has', 'labelPoint']]]]], AREA_LABEL_MINZOOM, faded),
    // At a country-wide zoom the story's dots speak for themselves; their labels would hide
    // the basemap's country names, which a reader needs there to find their bearings.
    labelLayer(c, LAYERS.label, isPoint, POINT_LABEL_MINZOOM, faded),
  ];
}

/** The story's label: the name, with the local-script name beneath when there is one. */
const NAME_AND_LOCAL: ExpressionSpecification = ['format', ['get', 'name'], {}, ['case', ['==', LOCAL, ''], '', '\n'], {}, LOCAL, { 'font-scale': 0.85 }];

/**
 * The places' label in an interface language: the place's name in that language (from the story's
 * `names{}`, given here by place id) on top, its main name beneath in smaller type; a place without
 * a name in that language keeps the usual label. No names (English, or a tiled story whose places
 * the page does not hold): the usual label.
 */
export function labelField(names: ReadonlyMap<string, string> | null): ExpressionSpecification {
  if (!names?.size) return NAME_AND_LOCAL;
  const pairs = [...names].flat();
  const own: ExpressionSpecification = ['match', ['get', 'pid'], ...pairs, ''] as unknown as ExpressionSpecification;
  return ['case', ['==', own, ''], NAME_AND_LOCAL, ['format', own, {}, '\n', {}, ['get', 'name'], { 'font-scale': 0.85 }]];
}

/** A label layer of the places: the name, with the local-script name beneath when there is one. */
function labelLayer(c: LayerColours, id: string, filter: ExpressionSpecification, minzoom: number, faded: ExpressionSpecification): LayerSpecification {
  return {
    id,
    type: 'symbol',
    source: PLACES_SOURCE,
    filter,
    minzoom,
    layout: {
      'text-field': NAME_AND_LOCAL,
      'text-font': LABEL_FONTS,
      'text-size': ['interpolate', ['linear'], ['zoom'], 5, 12, 12, 14],
      'text-variable-anchor': ['left', 'right', 'top', 'bottom'],
      'text-radial-offset': 1.1,
      'text-justify': 'auto',
      'text-max-width': 12,
      'symbol-sort-key': ['-', 0, COUNT],
    },
    paint: {
      'text-color': c.text,
      'text-halo-color': c.textHalo,
      'text-halo-width': 1.6,
      'text-opacity': ['case', faded, 0.35, 1],
    },
  };
}
