/**
 * Keeps the app's own sources and layers across a basemap swap. Used as `transformStyle` in
 * `map.setStyle(next, { transformStyle: (prev, next) => carryOver(prev, next, ownIds) })`: our
 * layers are recognised by the ids their module registered in the map context, never by a prefix,
 * and go back on top of the new basemap in the order they had. This is the only way our layers
 * cross a swap: nothing re-adds them afterwards.
 */
import type { StyleSpecification } from 'maplibre-gl';

export function carryOver(
  prev: StyleSpecification | undefined,
  next: StyleSpecification,
  ownIds: ReadonlySet<string>,
): StyleSpecification {
  if (!prev || ownIds.size === 0) return next;
  const sources = { ...next.sources };
  for (const [id, source] of Object.entries(prev.sources)) if (ownIds.has(id)) sources[id] = source;
  const ours = prev.layers.filter((layer) => ownIds.has(layer.id));
  const layers = [...next.layers.filter((layer) => !ownIds.has(layer.id)), ...ours];
  return { ...next, sources, layers };
}
