/**
 * What the map is given to draw a story's places, and nothing more: a minimal GeoJSON (id, names,
 * event count, kind) for a GeoJSON source; when a data= story has many points, the same features
 * clustered by the story worker and served as vector tiles (tiles/clustered.ts); or pre-built
 * vector tiles for datasets too big for one file.
 * Pure: runs in the story worker and in Node.
 */
import type { BBox, Feature, FeatureCollection, Position } from 'geojson';
import bbox from '@turf/bbox';
import type { PlaceFeature } from './types.ts';

/** Above this many point places the map clusters them. */
export const CLUSTER_THRESHOLD = 2000;
/** Deepest zoom with clusters; beyond it every place is drawn on its own. */
export const CLUSTER_MAX_ZOOM = 12;
/** Cluster radius in pixels. */
export const CLUSTER_RADIUS = 40;
/** A GeoJSON source's default maxzoom: the clustered places' tiles go as deep (deeper zooms are overzoomed). */
export const SOURCE_MAXZOOM = 18;

export interface PlaceProps {
  /** The place id (promoted to the feature id for feature-state). */
  pid: string;
  name: string;
  /** The name in the first other script we have (Arabic, then Hebrew); absent when none. */
  local?: string;
  count: number;
  /** Areas only (the layers tell whole countries apart by it). */
  kind?: string;
  /** An area whose name is drawn at its own label point (below), not on the area itself. */
  labelPoint?: 1;
  /**
   * An area's label point: where its name goes, once (labelled on the area itself, the name would
   * be drawn once for every piece the map's tiles cut the area into). Not a place to draw or count.
   */
  areaLabel?: 1;
}

export type MapPlaces =
  | {
      kind: 'geojson';
      /** A URL (a blob: URL made from the worker's output) or, for tests, the collection itself. */
      data: string | FeatureCollection;
      cluster: boolean;
      /** What to fit the first view to (see StoryModel.focus). */
      focus: BBox;
      /**
       * Called by the map once it has drawn these places: the loader holds back the rest of its
       * work (checking the events, building the lists) until then, so the map gets the CPU first.
       */
      drawn?: () => void;
    }
  | {
      /**
       * A dense story read from a data= bundle: the story worker clusters the places and serves
       * them as vector tiles (layer TILE_LAYER) through the `atlas-places://` protocol.
       */
      kind: 'clustered';
      tiles: PlaceTiles;
      focus: BBox;
      /** As for 'geojson'. */
      drawn?: () => void;
    }
  | {
      kind: 'tiles';
      /** Tile URL template: `pmtiles://<absolute archive URL>/{z}/{x}/{y}`. */
      tiles: string;
      sourceLayer: string;
      minzoom: number;
      maxzoom: number;
      clusterMaxZoom: number;
      bounds: BBox;
      focus: BBox;
    };

/**
 * The story worker's clustered places, from the page's side (load/place-tiles.ts): tiles on
 * request, and the answers MapLibre's cluster source gave about its clusters.
 */
export interface PlaceTiles {
  /** Unique per story load: the protocol tells one load's tiles from another's by it. */
  readonly key: string;
  /** Bumped each time the clusters change (filters): the tile URL carries it, so MapLibre reloads. */
  readonly version: number;
  /** Tile z/x/y as MVT bytes; empty when there is nothing there or the worker is gone. */
  tile(z: number, x: number, y: number, signal?: AbortSignal): Promise<ArrayBuffer>;
  /**
   * The zoom at which a cluster splits; null when the worker does not know it (any more), or when
   * `gen` (the `gen` of the tile the cluster came from) is not the clusters' generation now.
   */
  expansionZoom(clusterId: number, gen?: number): Promise<number | null>;
  /** Up to `limit` place ids of a cluster (none for a cluster of another generation than `gen`). */
  leaves(clusterId: number, limit: number, gen?: number): Promise<string[]>;
  /**
   * Clusters only these places, each counting `counts[i]` events; null: all of them again.
   * Tiles asked for after this call come from the new clusters.
   */
  narrow(only: { ids: string[]; counts: number[] } | null): void;
}

import { anchorOf } from '../geo/anchor.ts';
export { anchorOf };

/** 6 decimals of a degree: about 0.1 m, finer than any place's precision. */
const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

/**
 * The places as the map draws them: only the properties the layers need, and nothing empty (every
 * byte is parsed again by MapLibre, or carried in every clustered tile).
 */
export function placesCollection(
  places: readonly PlaceFeature[],
  countOf: (id: string) => number,
  labelPointOf?: (area: PlaceFeature) => Position | null,
): FeatureCollection {
  const features: Feature[] = [];
  for (const p of places) {
    const local = p.properties.names?.ar ?? p.properties.names?.he;
    const point = p.geometry.type === 'Point';
    const properties: PlaceProps = { pid: p.id, name: p.properties.name, count: countOf(p.id) };
    if (local) properties.local = local;
    if (!point) properties.kind = p.properties.kind;
    const at = point ? null : labelPointOf?.(p);
    if (at) properties.labelPoint = 1;
    features.push({
      type: 'Feature',
      geometry: point ? { type: 'Point', coordinates: (p.geometry.coordinates as number[]).map(round6) } : p.geometry,
      properties,
    });
    if (at) {
      const { labelPoint: _, ...label } = properties;
      features.push({ type: 'Feature', geometry: { type: 'Point', coordinates: at.map(round6) }, properties: { ...label, areaLabel: 1 } });
    }
  }
  return { type: 'FeatureCollection', features };
}

/**
 * Events per place (an event naming a place twice counts once), without building the full model.
 * Safe on events not yet validated: anything that is not a list of `{ id: string }` is skipped.
 */
export function eventCounts(events: unknown): Map<string, number> {
  const counts = new Map<string, number>();
  if (!Array.isArray(events)) return counts;
  for (const e of events as { places?: unknown }[]) {
    const refs = (e as { places?: unknown } | null)?.places;
    if (!Array.isArray(refs)) continue;
    const first = (refs[0] as { id?: unknown } | undefined)?.id;
    for (let i = 0; i < refs.length; i++) {
      const id = (refs[i] as { id?: unknown } | null)?.id;
      if (typeof id !== 'string') continue;
      // The common cases (one or two places) without allocating a Set.
      if (i > 0 && (id === first || refs.slice(0, i).some((p) => (p as { id?: unknown } | null)?.id === id))) continue;
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
  }
  return counts;
}

/**
 * Whether a story's places should be clustered on the map. Safe on places not yet checked (the
 * story worker asks before checking them): anything without a point geometry is not counted.
 */
export const shouldCluster = (places: readonly ({ geometry?: { type?: unknown } | null } | null)[]): boolean => {
  let points = 0;
  for (const p of places) if (p?.geometry?.type === 'Point' && ++points > CLUSTER_THRESHOLD) return true;
  return false;
};

/**
 * Everything the map needs to draw a story's (checked) places before the rest of the story is
 * read: the minimal GeoJSON, whether to cluster, and the box to fit (the points, or all places
 * when there are no points). `events` may be unchecked (see eventCounts). Each area gets a label
 * point at its anchor, unless the places are clustered by a GeoJSON source (the point would join
 * its clusters and their counts; the areas then carry their own names, as they do when the page
 * redraws them). `clusteredApart`: the clustering keeps label points out (the story worker's
 * PlacesIndex does), so clustered areas get theirs too.
 */
export function mapPlacesOf(
  places: readonly PlaceFeature[],
  events: unknown,
  { clusteredApart = false }: { clusteredApart?: boolean } = {},
): { geojson: FeatureCollection; cluster: boolean; focus: BBox } {
  const counts = eventCounts(events);
  const points = places.filter((p) => p.geometry.type === 'Point');
  const focus = bbox({ type: 'FeatureCollection', features: points.length ? points : [...places] });
  const cluster = shouldCluster(places);
  return { geojson: placesCollection(places, (id) => counts.get(id) ?? 0, cluster && !clusteredApart ? undefined : anchorOf), cluster, focus };
}
