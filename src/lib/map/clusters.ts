/**
 * Clicking a cluster of places: where to zoom for it to split (the cluster index answers: the
 * story worker's for its clustered tiles, MapLibre's for a clustered GeoJSON source), or, when
 * zooming cannot split it any more, its places to choose from. Clusters of pre-built tiles have
 * no index in the browser: the answer is to zoom in towards them. The camera
 * (camera.ts) makes the move; this module only reads the map.
 */
import type { GeoJSONSource, Map as MapLibreMap, MapGeoJSONFeature, PointLike } from 'maplibre-gl';
import { LAYERS, PLACES_SOURCE } from './layers.ts';
import type { PlaceTiles } from '../story/map-places.ts';

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

/** What opening a cluster means: a zoom towards it, or a choice among its places. */
export type ClusterAnswer = { zoomTo: { center: [number, number]; zoom: number } } | { leaves: string[] } | null;

/**
 * Opens a cluster: where to zoom in, or the ids of its places (at most MAX_LEAVES) when the map
 * cannot zoom in far enough to split it.
 */
export async function openCluster(
  map: MapLibreMap,
  cluster: MapGeoJSONFeature,
  { tilesClusterMaxZoom = 12, placeTiles }: { tilesClusterMaxZoom?: number; placeTiles?: PlaceTiles } = {},
): Promise<ClusterAnswer> {
  if (cluster.geometry.type !== 'Point') return null;
  const center = cluster.geometry.coordinates as [number, number];
  const source = map.getSource(PLACES_SOURCE);
  const id = cluster.properties.cluster_id;
  const towards = { zoomTo: { center, zoom: Math.min(map.getZoom() + 2, tilesClusterMaxZoom + 1, map.getMaxZoom()) } };
  if (placeTiles && typeof id === 'number') {
    // The story worker's index, which made the tile this cluster came from. A cluster drawn from a
    // tile of clusters since made anew (the filters changed) has no answer: zoom in towards it.
    const gen = typeof cluster.properties.gen === 'number' ? cluster.properties.gen : undefined;
    const zoom = await placeTiles.expansionZoom(id, gen);
    if (zoom === null) return towards;
    if (zoom > map.getZoom() && zoom <= map.getMaxZoom()) return { zoomTo: { center, zoom } };
    return { leaves: await placeTiles.leaves(id, MAX_LEAVES, gen) };
  }
  if (source?.type === 'geojson' && typeof id === 'number') {
    const geojson = source as GeoJSONSource;
    const zoom = await geojson.getClusterExpansionZoom(id);
    if (zoom > map.getZoom() && zoom <= map.getMaxZoom()) return { zoomTo: { center, zoom } };
    const leaves = await geojson.getClusterLeaves(id, MAX_LEAVES, 0);
    return { leaves: leaves.map((f) => String(f.properties?.pid)).filter((pid) => pid !== 'undefined') };
  }
  return towards;
}
