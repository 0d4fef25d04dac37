/**
 * A dense story's areas (and their label points) cut into vector tiles in the story worker, as a
 * GeoJSON source cuts them (geojson-vt with MapLibre's options), for PlacesIndex to write beside
 * its clusters (tiles/clustered.ts). Loaded only for a story that has areas.
 * Pure: runs in a worker and in Node (unit tests).
 */
import GeoJSONVT, { type LegacyFeature, type Options as TileOptions } from 'geojson-vt';
import type { Feature } from 'geojson';
import { EXTENT, TILE_SIZE, SOURCE_MAXZOOM, type AreaTileSource } from './clustered.ts';

/**
 * The geojson-vt options MapLibre 6 gives a GeoJSON source (geojson_source.ts): a 128 px buffer
 * (so an area's outline is not drawn along the tiles' edges, where it is cut) and a simplification
 * tolerance of 0.375 px, in tile units of an 8192 extent over 512 px tiles; tiles as deep as the
 * source's maxzoom.
 */
export function maplibreTileOptions({ maxzoom = SOURCE_MAXZOOM }: { maxzoom?: number } = {}): TileOptions {
  const units = EXTENT / TILE_SIZE;
  return { maxZoom: maxzoom, extent: EXTENT, buffer: 128 * units, tolerance: 0.375 * units, lineMetrics: false, generateId: false };
}

/**
 * A story's areas (and their label points) cut into tiles, as a GeoJSON source cuts them. A label
 * point goes only into the tile it lies in (not into its neighbours' buffers), so the area's name
 * is written once per zoom: MapLibre would drop the copies anyway.
 */
export class AreaTiles implements AreaTileSource {
  readonly #tiles: GeoJSONVT;

  constructor(features: readonly Feature[], options = maplibreTileOptions()) {
    this.#tiles = new GeoJSONVT({ type: 'FeatureCollection', features: [...features] }, options);
  }

  /** The features of tile z/x/y, in tile units (none: nothing there). */
  features(z: number, x: number, y: number): LegacyFeature[] {
    const tile = this.#tiles.getTile(z, x, y);
    if (!tile) return [];
    return tile.features.filter((f) => f.type !== 1 || f.geometry.every(([px, py]) => px >= 0 && px < EXTENT && py >= 0 && py < EXTENT));
  }
}
