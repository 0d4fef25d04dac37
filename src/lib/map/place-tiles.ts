/**
 * The MapLibre glue for a dense story's clustered places, which the story worker serves
 * (load/place-tiles.ts): the `atlas-places://<load>/<version>/{z}/{x}/{y}` protocol, registered
 * once per page. The load's key picks its tiles; the version changes when the filters re-cluster
 * them, so MapLibre asks again. A URL of no load shown (a story since replaced) answers an empty
 * tile, never an error and never a wait. The loader shows a dense story's tiles as they come
 * (run-worker.ts), before the places source asks for them; a page that never opens a dense story
 * never loads this module.
 */
import { addProtocol, type RequestParameters } from 'maplibre-gl';
import type { PlaceTiles } from '../story/map-places.ts';
import { PLACES_PROTOCOL } from './layers.ts';

/** The load's key, z, x and y of one of those tile URLs, or null when it is not one. */
export function parsePlacesUrl(url: string): { key: string; z: number; x: number; y: number } | null {
  const m = /^atlas-places:\/\/([A-Za-z0-9_-]+)\/\d+\/(\d{1,2})\/(\d+)\/(\d+)$/.exec(url);
  if (!m) return null;
  const [z, x, y] = [Number(m[2]), Number(m[3]), Number(m[4])];
  const n = 2 ** z;
  return x < n && y < n ? { key: m[1]!, z, x, y } : null;
}

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
