import { describe, it, expect } from 'vitest';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import type { Feature } from 'geojson';
import { PlacesIndex, placesClusterOptions } from '../../src/lib/tiles/clustered.ts';
import { placesTilesUrl, placesSource } from '../../src/lib/map/layers.ts';
import { parsePlacesUrl } from '../../src/lib/map/place-tiles.ts';
import { WorkerPlaceTiles } from '../../src/lib/load/place-tiles.ts';
import type { PlaceTilesRequest } from '../../src/lib/load/worker-load.ts';
import { CLUSTER_MAX_ZOOM, type PlaceTiles } from '../../src/lib/story/map-places.ts';
import { openCluster } from '../../src/lib/map/clusters.ts';
import type { Map as MapLibreMap, MapGeoJSONFeature } from 'maplibre-gl';

const place = (pid: string, lng: number, lat: number, count: number, local?: string): Feature => ({
  type: 'Feature',
  geometry: { type: 'Point', coordinates: [lng, lat] },
  properties: { pid, name: `Place ${pid}`, count, ...(local ? { local } : {}) },
});

// Two places ~95 m apart (one cluster up to CLUSTER_MAX_ZOOM), one far away, one area (not clustered).
const features: Feature[] = [
  place('a', 34.8, 31.7, 3, 'أ'),
  place('b', 34.801, 31.7, 5),
  place('far', -100, 40, 1),
  { type: 'Feature', geometry: { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] }, properties: { pid: 'area', name: 'Area', count: 1, kind: 'region' } },
];

/** The features of tile z/x/y of the index, decoded as MapLibre decodes them. */
function tileFeatures(index: PlacesIndex, z: number, x: number, y: number) {
  const layer = new VectorTile(new PbfReader(new Uint8Array(index.tile(z, x, y, 'places')))).layers.places;
  return Array.from({ length: layer?.length ?? 0 }, (_, i) => layer!.feature(i));
}

describe('the story worker’s clustered places', () => {
  it('clusters as the app’s GeoJSON source did: 40 px radius, clusters up to zoom 12, summed event counts', () => {
    expect(placesClusterOptions()).toMatchObject({ radius: 640, extent: 8192, maxZoom: CLUSTER_MAX_ZOOM, minPoints: 2 });
    const index = new PlacesIndex(features);
    expect(index.size).toBe(3);
    const all = tileFeatures(index, 0, 0, 0);
    const cluster = all.find((f) => f.properties.cluster === true)!;
    expect(cluster.properties.point_count).toBe(2);
    expect(cluster.properties.count).toBe(8);
    expect(cluster.properties.pid).toBeUndefined();
    const far = all.find((f) => f.properties.pid === 'far')!;
    expect(far.properties).toMatchObject({ name: 'Place far', count: 1 });
  });

  it('says a cluster splits one zoom past the last clustered one, and lists its places', () => {
    const index = new PlacesIndex(features);
    const id = Number(tileFeatures(index, 0, 0, 0).find((f) => f.properties.cluster)!.properties.cluster_id);
    expect(index.expansionZoom(id)).toBe(CLUSTER_MAX_ZOOM + 1);
    expect(index.leaves(id, 50).sort()).toEqual(['a', 'b']);
    expect(index.leaves(id, 1)).toHaveLength(1);
    // An id the index does not know: no answer rather than an error.
    expect(index.expansionZoom(123456)).toBeNull();
    expect(index.leaves(123456, 50)).toEqual([]);
  });

  it('draws the places on their own, with their names in both scripts, past the clusters’ zooms', () => {
    const index = new PlacesIndex(features);
    const z = CLUSTER_MAX_ZOOM + 1;
    const n = 2 ** z;
    const x = Math.floor(((34.8 + 180) / 360) * n);
    const r = (31.7 * Math.PI) / 180;
    const y = Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n);
    const got = tileFeatures(index, z, x, y);
    expect(got.some((f) => f.properties.cluster)).toBe(false);
    expect(got.map((f) => f.properties.pid).sort()).toEqual(['a', 'b']);
    expect(got.find((f) => f.properties.pid === 'a')!.properties).toMatchObject({ local: 'أ', count: 3 });
  });

  it('re-clusters only the places that pass the filters, counting their passing events, and all again after', () => {
    const index = new PlacesIndex(features);
    index.narrow({ ids: ['a', 'b', 'gone'], counts: [1, 2, 9] });
    expect(index.size).toBe(2);
    const [cluster] = tileFeatures(index, 0, 0, 0);
    expect(cluster!.properties).toMatchObject({ cluster: true, point_count: 2, count: 3 });
    index.narrow({ ids: ['b'], counts: [2] });
    const [only] = tileFeatures(index, 0, 0, 0);
    expect(only!.properties).toMatchObject({ pid: 'b', count: 2 });
    index.narrow(null);
    const again = tileFeatures(index, 0, 0, 0);
    expect(again.find((f) => f.properties.cluster)!.properties.count).toBe(8);
    expect(again).toHaveLength(2);
  });

  it('answers about a cluster only in the clusters that made it: one drawn from an older tile gets no answer', () => {
    const index = new PlacesIndex(features);
    const before = tileFeatures(index, 0, 0, 0).find((f) => f.properties.cluster)!;
    expect(before.properties.gen).toBe(0);
    const oldId = Number(before.properties.cluster_id);
    index.narrow({ ids: ['far', 'b'], counts: [1, 1] });
    // Narrowed to two far-apart places: no cluster now, and the old id must not reach another one.
    expect(index.generation).toBe(1);
    expect(index.expansionZoom(oldId, 0)).toBeNull();
    expect(index.leaves(oldId, 50, 0)).toEqual([]);
    index.narrow(null);
    const after = tileFeatures(index, 0, 0, 0).find((f) => f.properties.cluster)!;
    expect(after.properties.gen).toBe(2);
    const newId = Number(after.properties.cluster_id);
    // The same cluster made anew (same places, maybe the same id): still no answer for the old tile's.
    expect(index.expansionZoom(newId, 0)).toBeNull();
    expect(index.expansionZoom(newId, 2)).toBe(CLUSTER_MAX_ZOOM + 1);
    expect(index.leaves(newId, 50, 2).sort()).toEqual(['a', 'b']);
    // A question that names no generation is answered from today's clusters.
    expect(index.expansionZoom(newId)).toBe(CLUSTER_MAX_ZOOM + 1);
  });

  it('gives an empty tile where there is nothing', () => {
    expect(new PlacesIndex(features).tile(5, 0, 0, 'places').byteLength).toBe(0);
  });
});

describe('the places protocol', () => {
  it('names the load and the clusters’ version in its tile URL, and reads it back', () => {
    const tiles = new WorkerPlaceTiles(() => {});
    const url = placesTilesUrl(tiles);
    expect(url).toBe(`atlas-places://${tiles.key}/0/{z}/{x}/{y}`);
    tiles.narrow(null);
    expect(placesTilesUrl(tiles)).toBe(`atlas-places://${tiles.key}/1/{z}/{x}/{y}`);
    expect(parsePlacesUrl(`atlas-places://${tiles.key}/1/3/4/5`)).toEqual({ key: tiles.key, z: 3, x: 4, y: 5 });
    expect(parsePlacesUrl('atlas-places://s1/1/3/8/5')).toBeNull();
    expect(parsePlacesUrl('atlas-places://s1/3/4/5')).toBeNull();
    expect(parsePlacesUrl('pmtiles://s1/1/3/4/5')).toBeNull();
  });

  it('is a vector source with the place id promoted for feature-state', () => {
    const tiles = new WorkerPlaceTiles(() => {});
    expect(placesSource({ kind: 'clustered', tiles, focus: [0, 0, 1, 1] })).toMatchObject({
      type: 'vector',
      tiles: [placesTilesUrl(tiles)],
      promoteId: 'pid',
    });
  });
});

describe('the page’s side of the worker’s tiles', () => {
  it('matches each answer to its request, and sends re-clustering in order with the tile requests', async () => {
    const sent: PlaceTilesRequest[] = [];
    const tiles = new WorkerPlaceTiles((r) => sent.push(r));
    const first = tiles.tile(1, 0, 0);
    tiles.narrow({ ids: ['a'], counts: [1] });
    const second = tiles.tile(1, 1, 0);
    const zoom = tiles.expansionZoom(7);
    expect(sent.map((r) => Object.keys(r)[0])).toEqual(['tile', 'narrow', 'tile', 'cluster']);
    const ids = sent.map((r) => ('tile' in r ? r.tile.id : 'cluster' in r ? r.cluster.id : -1));
    expect(tiles.answer({ type: 'tile', id: ids[2]!, data: new ArrayBuffer(2) })).toBe(true);
    expect(tiles.answer({ type: 'tile', id: ids[0]!, data: new ArrayBuffer(1) })).toBe(true);
    expect(tiles.answer({ type: 'cluster', id: ids[3]!, zoom: 9, leaves: [] })).toBe(true);
    expect(tiles.answer({ type: 'progress' })).toBe(false);
    expect((await first).byteLength).toBe(1);
    expect((await second).byteLength).toBe(2);
    await expect(zoom).resolves.toBe(9);
  });

  it('names the cluster’s generation in its question', () => {
    const sent: PlaceTilesRequest[] = [];
    const tiles = new WorkerPlaceTiles((r) => sent.push(r));
    void tiles.expansionZoom(7, 3);
    void tiles.leaves(7, 50, 3);
    void tiles.expansionZoom(8);
    expect(sent.map((r) => ('cluster' in r ? r.cluster : null))).toEqual([
      { id: 0, clusterId: 7, gen: 3 },
      { id: 1, clusterId: 7, leaves: 50, gen: 3 },
      { id: 2, clusterId: 8 },
    ]);
  });

  it('drops an aborted request at once, and answers empty once the worker is gone', async () => {
    const tiles = new WorkerPlaceTiles(() => {});
    const abort = new AbortController();
    const aborted = tiles.tile(2, 1, 1, abort.signal);
    abort.abort();
    await expect(aborted).rejects.toMatchObject({ name: 'AbortError' });
    const pending = tiles.tile(2, 1, 1);
    const leaves = tiles.leaves(3, 50);
    tiles.close();
    expect((await pending).byteLength).toBe(0);
    await expect(leaves).resolves.toEqual([]);
    expect((await tiles.tile(0, 0, 0)).byteLength).toBe(0);
    await expect(tiles.expansionZoom(3)).resolves.toBeNull();
  });
});

describe('opening a cluster of the worker’s tiles', () => {
  /** A map at zoom 6 (max 18) holding the worker's clustered source, and a cluster drawn from a tile of generation `gen`. */
  const map = { getZoom: () => 6, getMaxZoom: () => 18, getSource: () => ({ type: 'vector' }) } as unknown as MapLibreMap;
  const cluster = (gen: number) => ({ geometry: { type: 'Point', coordinates: [34.8, 31.7] }, properties: { cluster: true, cluster_id: 5, gen } }) as unknown as MapGeoJSONFeature;
  /** The worker's index as the page sees it: clusters of generation 1. */
  const worker = (): PlaceTiles & { asked: unknown[][] } => {
    const asked: unknown[][] = [];
    return {
      key: 's',
      version: 1,
      asked,
      tile: async () => new ArrayBuffer(0),
      expansionZoom: async (id, gen) => (asked.push(['zoom', id, gen]), gen === 1 ? 9 : null),
      leaves: async (id, limit, gen) => (asked.push(['leaves', id, limit, gen]), gen === 1 ? ['a'] : []),
      narrow: () => {},
    };
  };

  it('zooms to where a current cluster splits', async () => {
    const tiles = worker();
    await expect(openCluster(map, cluster(1), { placeTiles: tiles })).resolves.toEqual({ zoomTo: { center: [34.8, 31.7], zoom: 9 } });
    expect(tiles.asked).toEqual([['zoom', 5, 1]]);
  });

  it('zooms in towards a cluster from an older tile instead of doing nothing or opening another cluster', async () => {
    await expect(openCluster(map, cluster(0), { placeTiles: worker() })).resolves.toEqual({ zoomTo: { center: [34.8, 31.7], zoom: 8 } });
  });
});
