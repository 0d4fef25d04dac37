/**
 * The map context: the one maplibregl.Map, created by MapView, handed to children by context,
 * with what the map's children share: the camera (its one writer), the ids of the app's own
 * sources and layers (what a basemap swap carries over), the places offered after an ambiguous
 * click, and a counter bumped when our layers are (back) on the map.
 * Children render only once the map exists, so `getMap()` never returns null to them.
 */
import { getContext, setContext } from 'svelte';
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { Camera } from './camera.ts';

const KEY = Symbol('article-atlas-map');

export class MapContext {
  /** The map, in $state.raw: MapLibre objects must never become deep proxies. */
  map = $state.raw<MapLibreMap | null>(null);
  /** The only writer of the map's camera; set with the map. */
  camera = $state.raw<Camera | null>(null);
  /** Ids of the sources and layers the app adds over the basemap; a style swap carries exactly these over. */
  readonly ownIds = new Set<string>();
  /** Several places under one click: the reader chooses among them (at that spot). */
  chooser = $state.raw<{ ids: string[]; at: [number, number] } | null>(null);
  /** Bumped when our layers are on a (new) style: effects that set data or feature-state run again. */
  layersReady = $state(0);

  /** Registers own ids; the returned function unregisters them (for a component's teardown). */
  registerOwnIds(...list: string[]): () => void {
    for (const id of list) this.ownIds.add(id);
    return () => {
      for (const id of list) this.ownIds.delete(id);
    };
  }
}

export function setMapContext(ctx: MapContext): MapContext {
  return setContext(KEY, ctx);
}

/** The map of the enclosing MapView; throws outside one. */
export function getMap(): MapLibreMap {
  return getMapContext().map!;
}

/** The enclosing MapView's context, once its map exists; throws outside one. */
export function getMapContext(): MapContext {
  const ctx = getContext<MapContext | undefined>(KEY);
  if (!ctx?.map || !ctx.camera) throw new Error('getMapContext() must be called inside <MapView> once the map exists');
  return ctx;
}

/** The camera of the enclosing MapView: the one place that moves the map. */
export function getCamera(): Camera {
  return getMapContext().camera!;
}

/**
 * Whether the style itself (its JSON) has loaded, so sources and layers may be added. Not
 * `isStyleLoaded()`: that also waits for every tile, and stays false while the basemap loads, when
 * no further `styledata` may come. `getStyle()` is undefined until the style has loaded.
 */
const styleReady = (map: MapLibreMap): boolean => Boolean(map.isStyleLoaded()) || map.getStyle() !== undefined;

/**
 * Runs `fn` now if the style is loaded, else once it is; `signal` cancels a pending call.
 * Layers must never be added before the style is ready.
 */
export function whenStyleReady(map: MapLibreMap, fn: () => void, { signal }: { signal?: AbortSignal } = {}): void {
  if (signal?.aborted) return;
  if (styleReady(map)) {
    fn();
    return;
  }
  const run = () => {
    if (!styleReady(map)) return;
    map.off('styledata', run);
    if (!signal?.aborted) fn();
  };
  map.on('styledata', run);
  signal?.addEventListener('abort', () => map.off('styledata', run), { once: true });
}
