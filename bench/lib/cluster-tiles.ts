/**
 * Clustered vector tiles made in a page's own Web Worker (the "worker-clustered tiles" baseline,
 * bench/pages/worker-tiles.ts): the app's own code (src/lib/tiles/clustered.ts, which the story
 * worker uses for dense stories), with MapLibre's default cluster options.
 */
export { EXTENT, TILE_SIZE, maplibreClusterOptions, clusterIndex, encodeClusterTile } from '../../src/lib/tiles/clustered.ts';
