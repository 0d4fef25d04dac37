/**
 * The map context: the one maplibregl.Map, created by MapView, handed to children by context.
 * Children render only once the map exists, so `getMap()` never returns null to them.
 */
import { getContext, setContext } from 'svelte';
import type { Map as MapLibreMap } from 'maplibre-gl';

const KEY = Symbol('article-atlas-map');

export class MapContext {
  /** The map, in $state.raw: MapLibre objects must never become deep proxies. */
  map = $state.raw<MapLibreMap | null>(null);
}

export function setMapContext(ctx: MapContext): MapContext {
  return setContext(KEY, ctx);
}

/** The map of the enclosing MapView; throws outside one. */
export function getMap(): MapLibreMap {
  const ctx = getContext<MapContext | undefined>(KEY);
  if (!ctx?.map) throw new Error('getMap() must be called inside <MapView> once the map exists');
  return ctx.map;
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
