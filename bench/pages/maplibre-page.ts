/**
 * What the bare MapLibre baseline pages (map.ts, worker-tiles.ts) share: MapLibre with its worker
 * and the PMTiles protocol (the basemap is PMTiles), the map on the app's basemap style, and the
 * places' two circle layers, drawn alike on every page so the pages differ only in how the places
 * reach the map.
 */
import { Map as MapLibreMap, addProtocol, setWorkerUrl, type LayerSpecification, type LngLatBoundsLike } from 'maplibre-gl';
import { Protocol } from 'pmtiles';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import { basemapStyle } from '../../src/lib/map/style.ts';
import { PLACES_SOURCE } from './bench-page.ts';

setWorkerUrl(workerUrl);
// The basemap is PMTiles, and so are pre-built story tiles.
addProtocol('pmtiles', new Protocol().tile);

/** The map on the app's basemap, fitted to `bounds` (the world without them), as `window.__benchMap`. */
export function benchMap(bounds: LngLatBoundsLike | null): MapLibreMap {
  const map = new MapLibreMap({
    container: 'map',
    style: basemapStyle({ base: new URL('basemap/', document.baseURI).href }),
    bounds: bounds ?? [
      [-180, -70],
      [180, 80],
    ],
  });
  (window as unknown as { __benchMap: MapLibreMap }).__benchMap = map;
  return map;
}

/** Resolves once the map has loaded its style. */
export const mapLoaded = (map: MapLibreMap): Promise<void> => new Promise((resolve) => (map.loaded() ? resolve() : map.once('load', () => resolve())));

const CIRCLE = { 'circle-color': '#c0392b', 'circle-radius': 4, 'circle-stroke-color': '#fff', 'circle-stroke-width': 1 };

/**
 * The places' layers on PLACES_SOURCE: clusters and the places outside them when `clustered`,
 * else one circle per place. `sourceLayer` for a vector source.
 */
export function placeLayers({ clustered, sourceLayer }: { clustered: boolean; sourceLayer?: string }): LayerSpecification[] {
  const from = { source: PLACES_SOURCE, ...(sourceLayer ? { 'source-layer': sourceLayer } : {}) };
  const places: LayerSpecification = { id: 'places', type: 'circle', ...from, paint: CIRCLE };
  if (!clustered) return [places];
  return [
    {
      id: 'clusters',
      type: 'circle',
      ...from,
      filter: ['has', 'point_count'],
      paint: { 'circle-color': '#e67e22', 'circle-radius': ['step', ['get', 'point_count'], 10, 100, 16, 1000, 22] },
    },
    { ...places, filter: ['!', ['has', 'point_count']] },
  ];
}
