/**
 * The MapLibre glue for a dense story's clustered places, which the story worker serves
 * (load/place-tiles.ts): the `atlas-places://<load>/<version>/{z}/{x}/{y}` protocol, registered
 * once per page. The load's key picks its tiles; the version changes when the filters re-cluster
 * them, so MapLibre asks again. A URL of no load shown (a story since replaced) answers an empty
 * tile, never an error and never a wait.
 */
import { addProtocol, type RequestParameters } from 'maplibre-gl';
import type { PlaceTiles } from '../story/map-places.ts';
import { PLACES_PROTOCOL, parsePlacesUrl } from './layers.ts';

const shown = new Map<string, PlaceTiles>();
let registered = false;

async function loadTile(params: RequestParameters, abort: AbortController): Promise<{ data: ArrayBuffer }> {
  const at = parsePlacesUrl(params.url);
  const tiles = at && shown.get(at.key);
  if (!at || !tiles) return { data: new ArrayBuffer(0) };
  return { data: await tiles.tile(at.z, at.x, at.y, abort.signal) };
}

/** Serves `tiles` to the map (only the latest load's are served); registers the protocol on first use. */
export function showPlaceTiles(tiles: PlaceTiles): void {
  if (!registered) {
    addProtocol(PLACES_PROTOCOL, loadTile);
    registered = true;
  }
  shown.clear();
  shown.set(tiles.key, tiles);
}
