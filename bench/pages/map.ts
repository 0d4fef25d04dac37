/**
 * Baseline: a bare MapLibre page with the app's basemap style and the same places, written the
 * plain way a developer would. `?data=<bundle.json>` draws the bundle's places as one circle layer
 * (`&cluster=1`: a clustered GeoJSON source); `?tiles=<manifest.json>` reads pre-built tiles.
 * Ready = the first `idle` once the places source has loaded.
 */
import { Map as MapLibreMap, addProtocol, setWorkerUrl, type LngLatBoundsLike } from 'maplibre-gl';
import { Protocol } from 'pmtiles';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import { basemapStyle } from '../../src/lib/map/style.ts';
import type { StoryBundle } from '../../src/lib/story/types.ts';
import type { TilesManifest } from '../../src/lib/tiles/format.ts';
import { markError, markReady, pageParams, PLACES_SOURCE } from './bench-page.ts';

setWorkerUrl(workerUrl);
// The basemap is PMTiles, and so are pre-built story tiles.
addProtocol('pmtiles', new Protocol().tile);
const params = pageParams();
const bounds: LngLatBoundsLike = params.bounds ?? [
  [-180, -70],
  [180, 80],
];
const map = new MapLibreMap({
  container: 'map',
  style: basemapStyle({ base: new URL('basemap/', document.baseURI).href }),
  bounds,
});
(window as unknown as { __benchMap: MapLibreMap }).__benchMap = map;

const CIRCLE = { 'circle-color': '#c0392b', 'circle-radius': 4, 'circle-stroke-color': '#fff', 'circle-stroke-width': 1 };

async function addPlaces(): Promise<number> {
  const loaded = new Promise<void>((resolve) => (map.loaded() ? resolve() : map.once('load', () => resolve())));
  if (params.tiles) {
    const manifestUrl = new URL(params.tiles, location.href);
    const manifest = (await (await fetch(manifestUrl)).json()) as TilesManifest;
    await loaded;
    map.addSource(PLACES_SOURCE, {
      type: 'vector',
      tiles: [`pmtiles://${new URL(manifest.tiles.url, manifestUrl).href}/{z}/{x}/{y}`],
      minzoom: manifest.tiles.minzoom,
      maxzoom: manifest.tiles.maxzoom,
      bounds: manifest.bbox,
    });
    map.addLayer({
      id: 'clusters',
      type: 'circle',
      source: PLACES_SOURCE,
      'source-layer': manifest.tiles.layer,
      filter: ['has', 'point_count'],
      paint: { 'circle-color': '#e67e22', 'circle-radius': ['step', ['get', 'point_count'], 10, 100, 16, 1000, 22] },
    });
    map.addLayer({
      id: 'places',
      type: 'circle',
      source: PLACES_SOURCE,
      'source-layer': manifest.tiles.layer,
      filter: ['!', ['has', 'point_count']],
      paint: CIRCLE,
    });
    return manifest.counts.places;
  }
  if (!params.data) return 0;
  const bundle = (await (await fetch(params.data)).json()) as StoryBundle;
  await loaded;
  map.addSource(PLACES_SOURCE, { type: 'geojson', data: bundle.places, cluster: params.cluster });
  if (params.cluster) {
    map.addLayer({
      id: 'clusters',
      type: 'circle',
      source: PLACES_SOURCE,
      filter: ['has', 'point_count'],
      paint: { 'circle-color': '#e67e22', 'circle-radius': ['step', ['get', 'point_count'], 10, 100, 16, 1000, 22] },
    });
  }
  map.addLayer({
    id: 'places',
    type: 'circle',
    source: PLACES_SOURCE,
    ...(params.cluster ? { filter: ['!', ['has', 'point_count']] } : {}),
    paint: CIRCLE,
  });
  return bundle.places.features.length;
}

addPlaces().then(
  (points) => {
    const check = () => {
      if (points === 0 || (map.getSource(PLACES_SOURCE) && map.isSourceLoaded(PLACES_SOURCE))) markReady(points);
      else map.once('idle', check);
    };
    if (map.loaded()) check();
    else map.once('idle', check);
  },
  markError,
);
