/**
 * Clicking a cluster of places: zoom to where it splits (MapLibre's cluster index answers in its
 * worker), or, when zooming cannot split it any more, list its places to choose from. Clusters of
 * pre-built tiles have no index in the browser: the map zooms in towards them instead.
 */
import type { GeoJSONSource, Map as MapLibreMap, MapGeoJSONFeature, PointLike } from 'maplibre-gl';
import { LAYERS, PLACES_SOURCE } from './layers.ts';

/** At most this many places in a cluster's chooser. */
export const MAX_LEAVES = 50;

/** The cluster drawn under a pixel, if any. */
export function clusterAt(map: MapLibreMap, x: number, y: number, tolerance = 4): MapGeoJSONFeature | undefined {
  if (!map.getLayer(LAYERS.clusters)) return undefined;
  const box: [PointLike, PointLike] = [
    [x - tolerance, y - tolerance],
    [x + tolerance, y + tolerance],
  ];
  return map.queryRenderedFeatures(box, { layers: [LAYERS.clusters] })[0];
}

/**
 * Opens a cluster: zooms in (resolving to null), or resolves to the ids of its places (at most
 * MAX_LEAVES) when the map cannot zoom in far enough to split it.
 */
export async function openCluster(
  map: MapLibreMap,
  cluster: MapGeoJSONFeature,
  { reducedMotion = false, tilesClusterMaxZoom = 12 }: { reducedMotion?: boolean; tilesClusterMaxZoom?: number } = {},
): Promise<string[] | null> {
  if (cluster.geometry.type !== 'Point') return null;
  const center = cluster.geometry.coordinates as [number, number];
  const duration = reducedMotion ? 0 : 500;
  const source = map.getSource(PLACES_SOURCE);
  const id = cluster.properties.cluster_id;
  if (source?.type === 'geojson' && typeof id === 'number') {
    const geojson = source as GeoJSONSource;
    const zoom = await geojson.getClusterExpansionZoom(id);
    if (zoom > map.getZoom() && zoom <= map.getMaxZoom()) {
      map.easeTo({ center, zoom, duration });
      return null;
    }
    const leaves = await geojson.getClusterLeaves(id, MAX_LEAVES, 0);
    return leaves.map((f) => String(f.properties?.pid)).filter((pid) => pid !== 'undefined');
  }
  map.easeTo({ center, zoom: Math.min(map.getZoom() + 2, tilesClusterMaxZoom + 1, map.getMaxZoom()), duration });
  return null;
}
