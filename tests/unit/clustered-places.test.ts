import { describe, it, expect } from 'vitest';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import type { Feature } from 'geojson';
import { PlacesIndex, placesClusterOptions } from '../../src/lib/tiles/clustered.ts';
import { parsePlacesUrl, placesTilesUrl, placesSource } from '../../src/lib/map/layers.ts';
import { WorkerPlaceTiles } from '../../src/lib/load/place-tiles.ts';
import type { PlaceTilesRequest } from '../../src/lib/load/worker-load.ts';
import { CLUSTER_MAX_ZOOM } from '../../src/lib/story/map-places.ts';

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
