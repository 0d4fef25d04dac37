/**
 * Clustered vector tiles made in a page's own Web Worker (the "worker-clustered tiles" baseline,
 * bench/pages/worker-tiles.ts): a supercluster index configured exactly as MapLibre configures the
 * one inside a GeoJSON source with `cluster: true` and default options, and one tile of it encoded
 * as a Mapbox Vector Tile with vt-pbf. Pure functions, so they are unit tested in Node.
 */
import Supercluster, { type Options } from 'supercluster';
import vtpbf from 'vt-pbf';
import type { Feature, Point } from 'geojson';
import { SOURCE_MAXZOOM } from './tile-url.ts';

type Props = Record<string, unknown>;

/** MapLibre's tile extent (EXTENT) and the vector / GeoJSON sources' tile size in pixels. */
export const EXTENT = 8192;
export const TILE_SIZE = 512;

/**
 * The supercluster options MapLibre 6 derives for a GeoJSON source with `cluster: true` and no
 * other cluster option (geojson_source.ts): clusterRadius 50 px and clusterMaxZoom maxzoom − 1,
 * in tile units of an 8192 extent over 512 px tiles.
 */
export function maplibreClusterOptions({ radiusPx = 50, maxzoom = SOURCE_MAXZOOM } = {}): Options<Props, Props> {
  return { maxZoom: maxzoom - 1, minPoints: 2, extent: EXTENT, radius: radiusPx * (EXTENT / TILE_SIZE), log: false, generateId: false };
}

/** An index of the point features of `features` (others are skipped, as a cluster source skips them). */
export function clusterIndex(
  features: readonly Feature[],
  options = maplibreClusterOptions(),
): { index: Supercluster<Props, Props>; points: number } {
  const points = features.filter((f): f is Feature<Point, Props> => f.geometry?.type === 'Point');
  const index = new Supercluster<Props, Props>(options);
  index.load(points);
  return { index, points: points.length };
}

/**
 * Tile z/x/y of the index as an MVT with one layer named `layer`, in a buffer of exactly its size
 * (ready to be transferred); an empty buffer when the tile holds nothing. Clusters carry
 * supercluster's `cluster`, `cluster_id`, `point_count` and `point_count_abbreviated`, points their
 * properties (objects as JSON text, the MVT way). Feature ids are kept when they are non-negative
 * integers (MVT ids are unsigned integers); other ids are dropped, as a GeoJSON source drops them.
 */
export function encodeClusterTile(
  index: Supercluster<Props, Props>,
  z: number,
  x: number,
  y: number,
  layer: string,
): ArrayBuffer {
  const tile = index.getTile(z, x, y);
  if (!tile || tile.features.length === 0) return new ArrayBuffer(0);
  const features = tile.features.map((f) => {
    const out: { type: number; id?: number; geometry: unknown; tags: Record<string, unknown> } = {
      type: f.type,
      geometry: f.geometry,
      tags: (f.tags ?? {}) as Props,
    };
    if (typeof f.id === 'number' && Number.isSafeInteger(f.id) && f.id >= 0) out.id = f.id;
    return out;
  });
  const bytes = vtpbf.fromGeojsonVt({ [layer]: { features } }, { version: 2, extent: EXTENT });
  // vt-pbf returns a view on a larger growable buffer: copy when it does not fill it.
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? (bytes.buffer as ArrayBuffer) : bytes.slice().buffer;
}
