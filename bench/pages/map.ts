/**
 * Baseline: a bare MapLibre page with the app's basemap style and the same places, written the
 * plain way a developer would. `?data=<bundle.json>` draws the bundle's places as one circle layer
 * (`&cluster=1`: a clustered GeoJSON source); `?tiles=<manifest.json>` reads pre-built tiles.
 * Ready = the first `idle` once the places source has loaded.
 */
import type { StoryBundle } from '../../src/lib/story/types.ts';
import type { TilesManifest } from '../../src/lib/tiles/format.ts';
import { markError, markReady, pageParams, PLACES_SOURCE } from './bench-page.ts';
import { benchMap, mapLoaded, placeLayers } from './maplibre-page.ts';

const params = pageParams();
const map = benchMap(params.bounds);

async function addPlaces(): Promise<number> {
  const loaded = mapLoaded(map);
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
    for (const layer of placeLayers({ clustered: true, sourceLayer: manifest.tiles.layer })) map.addLayer(layer);
    return manifest.counts.places;
  }
  if (!params.data) return 0;
  const bundle = (await (await fetch(params.data)).json()) as StoryBundle;
  await loaded;
  map.addSource(PLACES_SOURCE, { type: 'geojson', data: bundle.places, cluster: params.cluster });
  for (const layer of placeLayers({ clustered: params.cluster })) map.addLayer(layer);
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
