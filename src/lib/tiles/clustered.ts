/**
 * Clustered vector tiles made in a Web Worker: a supercluster index configured as MapLibre
 * configures the one inside a GeoJSON source with `cluster: true`, and its tiles encoded as Mapbox
 * Vector Tiles with vt-pbf. The story worker serves a dense story's places this way (the page's
 * main thread never parses them; MapLibre does not index them a second time), and the benchmark's
 * worker-tiles page does too. `PlacesIndex` also answers what MapLibre's cluster source answered:
 * a cluster's expansion zoom and its places, and the same clusters over a filtered subset.
 * A story's areas (and their label points) are cut into the same tiles (tiles/areas.ts, geojson-vt,
 * as a GeoJSON source cuts them), beside the clusters and never in them.
 * Pure: runs in a worker and in Node (unit tests).
 */
import Supercluster, { type Options } from 'supercluster';
import type { LegacyFeature } from 'geojson-vt';
import vtpbf from 'vt-pbf';
import type { Feature, Point } from 'geojson';
import { CLUSTER_MAX_ZOOM, CLUSTER_RADIUS, SOURCE_MAXZOOM, type PlaceProps } from '../story/map-places.ts';

export { SOURCE_MAXZOOM };

type Props = Record<string, unknown>;

/** MapLibre's tile extent (EXTENT) and the vector / GeoJSON sources' tile size in pixels. */
export const EXTENT = 8192;
export const TILE_SIZE = 512;

/**
 * The supercluster options MapLibre 6 derives for a GeoJSON source with `cluster: true`,
 * `clusterRadius` (px) and `clusterMaxZoom` (geojson_source.ts): the radius in tile units of an
 * 8192 extent over 512 px tiles. With no clusterMaxZoom given, MapLibre uses maxzoom − 1.
 */
export function maplibreClusterOptions({
  radiusPx = 50,
  maxzoom = SOURCE_MAXZOOM,
  clusterMaxZoom = maxzoom - 1,
}: { radiusPx?: number; maxzoom?: number; clusterMaxZoom?: number } = {}): Options<Props, Props> {
  return { maxZoom: clusterMaxZoom, minPoints: 2, extent: EXTENT, radius: radiusPx * (EXTENT / TILE_SIZE), log: false, generateId: false };
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
 * supercluster's `cluster`, `cluster_id`, `point_count` and `point_count_abbreviated` (and what the
 * index's `map`/`reduce` sum, and `clusterTags`), points their properties (objects as JSON text,
 * the MVT way).
 * Feature ids are kept when they are non-negative integers (MVT ids are unsigned integers); other
 * ids are dropped, as a GeoJSON source drops them. `others`: features of the same tile cut
 * elsewhere (geojson-vt's), written first, into the same layer.
 */
export function encodeClusterTile(
  index: Supercluster<Props, Props>,
  z: number,
  x: number,
  y: number,
  layer: string,
  clusterTags?: Props,
  others: readonly LegacyFeature[] = [],
): ArrayBuffer {
  const tile = index.getTile(z, x, y);
  const clustered = tile?.features ?? [];
  if (clustered.length === 0 && others.length === 0) return new ArrayBuffer(0);
  const features = [...others, ...clustered].map((f) => {
    const out: { type: number; id?: number; geometry: unknown; tags: Record<string, unknown> } = {
      type: f.type,
      geometry: f.geometry,
      tags: (clusterTags && f.tags?.cluster ? { ...f.tags, ...clusterTags } : (f.tags ?? {})) as Props,
    };
    if (typeof f.id === 'number' && Number.isSafeInteger(f.id) && f.id >= 0) out.id = f.id;
    return out;
  });
  const bytes = vtpbf.fromGeojsonVt({ [layer]: { features } }, { version: 2, extent: EXTENT });
  // vt-pbf returns a view on a larger growable buffer: copy when it does not fill it.
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? (bytes.buffer as ArrayBuffer) : bytes.slice().buffer;
}

/**
 * The app's clustered places source's options (layers.ts drew them from a GeoJSON source with
 * CLUSTER_RADIUS, CLUSTER_MAX_ZOOM and `clusterProperties: { count: ['+', ['get', 'count']] }`):
 * the same, with the events summed over each cluster by map/reduce.
 */
export function placesClusterOptions(): Options<Props, Props> {
  return {
    ...maplibreClusterOptions({ radiusPx: CLUSTER_RADIUS, clusterMaxZoom: CLUSTER_MAX_ZOOM }),
    map: (p) => ({ count: Number(p.count) || 0 }),
    reduce: (acc, p) => {
      (acc as { count: number }).count += (p as { count: number }).count;
    },
  };
}

export type PlacePoint = Feature<Point, PlaceProps>;

/** An area's label point (map-places.ts): drawn with the area, never clustered. */
const isAreaLabel = (f: Feature): boolean => f.geometry?.type === 'Point' && (f.properties as PlaceProps | null)?.areaLabel === 1;

/**
 * The features of a story's places that are cut into tiles rather than clustered: its areas and
 * their label points (tiles/areas.ts cuts them; none: that code need not be loaded).
 */
export function areaFeatures(features: readonly Feature[]): Feature[] {
  return features.filter((f) => typeof (f.properties as PlaceProps | null)?.pid === 'string' && f.geometry && (f.geometry.type !== 'Point' || isAreaLabel(f)));
}

/** A story's areas cut into tiles (tiles/areas.ts): the features of tile z/x/y, in tile units. */
export interface AreaTileSource {
  features(z: number, x: number, y: number): LegacyFeature[];
}

/**
 * A story's point places, clustered, as the map draws them; narrowed to the places that pass the
 * reader's filters (with the count of their passing events) and widened again. Its areas and their
 * label points are in the same tiles, never in the clusters; the filters do not take them out
 * (the map fades those that fail, as it fades any place: feature-state).
 *
 * A cluster id means something only in the clusters that made it, and each narrowing makes new
 * ones: so each cluster in a tile carries its clusters' generation (`gen`, the number of narrowings
 * before it), and a question about a cluster of another generation (one still drawn from an older
 * tile while the new ones come) gets no answer rather than another cluster's.
 */
export class PlacesIndex {
  readonly #points: PlacePoint[];
  readonly #byId = new Map<string, PlacePoint>();
  readonly #areas: AreaTileSource | null;
  #index: Supercluster<Props, Props>;
  /** How many points the index holds now. */
  size = 0;
  /** How many times the clusters were made anew (narrowed or widened): the tiles' `gen`. */
  generation = 0;

  /**
   * `features`: the places' minimal features (map-places.ts); only the places' points are
   * clustered. `areas`: the areas and their label points, cut into tiles apart
   * (`new AreaTiles(areaFeatures(features))`, tiles/areas.ts), written into the same tiles.
   */
  constructor(features: readonly Feature[], areas: AreaTileSource | null = null) {
    this.#points = features.filter(
      (f): f is PlacePoint => f.geometry?.type === 'Point' && typeof (f.properties as PlaceProps | null)?.pid === 'string' && !isAreaLabel(f),
    );
    for (const p of this.#points) this.#byId.set(p.properties.pid, p);
    this.#areas = areas;
    this.#index = this.#build(this.#points);
  }

  #build(points: readonly PlacePoint[]): Supercluster<Props, Props> {
    const index = new Supercluster<Props, Props>(placesClusterOptions());
    index.load(points as unknown as Feature<Point, Props>[]);
    this.size = points.length;
    return index;
  }

  /**
   * Only these places (unknown ids are skipped), each counting `counts[i]` events; `null`: all of
   * them again with their own counts.
   */
  narrow(only: { ids: readonly string[]; counts: ArrayLike<number> } | null): void {
    this.generation++;
    if (!only) {
      this.#index = this.#build(this.#points);
      return;
    }
    const points: PlacePoint[] = [];
    only.ids.forEach((id, i) => {
      const p = this.#byId.get(id);
      if (p) points.push({ ...p, properties: { ...p.properties, count: only.counts[i] ?? 0 } });
    });
    this.#index = this.#build(points);
  }

  /** Tile z/x/y as MVT bytes (empty: nothing there). */
  tile(z: number, x: number, y: number, layer: string): ArrayBuffer {
    return encodeClusterTile(this.#index, z, x, y, layer, { gen: this.generation }, this.#areas?.features(z, x, y));
  }

  /** Whether a cluster of generation `gen` (its tile's; undefined: not said) is one of today's clusters. */
  #current(gen: number | undefined): boolean {
    return gen === undefined || gen === this.generation;
  }

  /**
   * The zoom at which the cluster splits, or null for an id the index does not know, or one of
   * another generation than `gen`.
   */
  expansionZoom(clusterId: number, gen?: number): number | null {
    if (!this.#current(gen)) return null;
    try {
      // (getChildren throws for an id that is no cluster; getClusterExpansionZoom alone may not.)
      this.#index.getChildren(clusterId);
      return this.#index.getClusterExpansionZoom(clusterId);
    } catch {
      return null;
    }
  }

  /** The ids of up to `limit` of the cluster's places (none for an unknown id, or one of another generation). */
  leaves(clusterId: number, limit: number, gen?: number): string[] {
    if (!this.#current(gen)) return [];
    try {
      return this.#index.getLeaves(clusterId, limit, 0).map((f) => String(f.properties.pid));
    } catch {
      return [];
    }
  }
}
