import { describe, it, expect } from 'vitest';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import type { Feature } from 'geojson';
import { PlacesIndex, placesClusterOptions, areaFeatures } from '../../src/lib/tiles/clustered.ts';
import { AreaTiles } from '../../src/lib/tiles/areas.ts';
import { expression, latest } from '@maplibre/maplibre-gl-style-spec';
import { placesTilesUrl, placesSource, ownLayers, LAYERS, LIGHT } from '../../src/lib/map/layers.ts';
import { parsePlacesUrl } from '../../src/lib/map/place-tiles.ts';
import { WorkerPlaceTiles } from '../../src/lib/load/place-tiles.ts';
import type { PlaceTilesRequest } from '../../src/lib/load/worker-load.ts';
import { CLUSTER_MAX_ZOOM, CLUSTER_THRESHOLD, anchorOf, mapPlacesOf, placesCollection, type PlaceTiles } from '../../src/lib/story/map-places.ts';
import type { PlaceFeature } from '../../src/lib/story/types.ts';
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

/** The clusters and the places drawn as points of a tile: not the areas, not their label points. */
const pointsOf = (got: ReturnType<typeof tileFeatures>) => got.filter((f) => f.type === 1 && !f.properties.areaLabel);

/** The tile x/y holding a longitude/latitude at zoom z (Web Mercator). */
function tileAt([lng, lat]: number[], z: number): [number, number] {
  const n = 2 ** z;
  const r = (lat! * Math.PI) / 180;
  return [Math.floor(((lng! + 180) / 360) * n), Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n)];
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
    const [cluster] = pointsOf(tileFeatures(index, 0, 0, 0));
    expect(cluster!.properties).toMatchObject({ cluster: true, point_count: 2, count: 3 });
    index.narrow({ ids: ['b'], counts: [2] });
    const [only] = pointsOf(tileFeatures(index, 0, 0, 0));
    expect(only!.properties).toMatchObject({ pid: 'b', count: 2 });
    index.narrow(null);
    const again = pointsOf(tileFeatures(index, 0, 0, 0));
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

describe('a dense story’s areas in the worker’s tiles', () => {
  const placeOf = (id: string, geometry: PlaceFeature['geometry'], kind: string) =>
    ({ type: 'Feature', id, geometry, properties: { name: `The ${id}`, kind } }) as unknown as PlaceFeature;
  // Two places ~95 m apart, inside a region (whose label point falls among them), a region in two
  // parts nearby and a place far away.
  const places: PlaceFeature[] = [
    placeOf('a', { type: 'Point', coordinates: [34.8, 31.7] }, 'town'),
    placeOf('b', { type: 'Point', coordinates: [34.801, 31.7] }, 'town'),
    placeOf('far', { type: 'Point', coordinates: [-100, 40] }, 'town'),
    placeOf('zone', { type: 'Polygon', coordinates: [[[34.6, 31.5], [35, 31.5], [35, 31.9], [34.6, 31.9], [34.6, 31.5]]] }, 'region'),
    placeOf('islands', { type: 'MultiPolygon', coordinates: [[[[33.5, 31.2], [33.6, 31.2], [33.6, 31.3], [33.5, 31.2]]], [[[33.5, 31.4], [33.6, 31.4], [33.6, 31.5], [33.5, 31.4]]]] }, 'region'),
  ];
  const counts: Record<string, number> = { a: 3, b: 5, far: 1, zone: 4, islands: 2 };
  /** The places as the story worker hands them to its index: areas with a label point at their anchor. */
  const collection = () => placesCollection(places, (id) => counts[id] ?? 0, anchorOf).features;
  const anchor = anchorOf(places[3]!)!;
  /** The index as the story worker builds it: the points clustered, the areas cut into the same tiles. */
  const indexOf = (features: GeoJSON.Feature[]) => new PlacesIndex(features, new AreaTiles(areaFeatures(features)));

  it('gives a clustered story’s areas their label points when the clustering keeps them apart', () => {
    const many = [...places, ...Array.from({ length: CLUSTER_THRESHOLD }, (_, i) => placeOf(`p${i}`, { type: 'Point', coordinates: [10 + i / 1000, 10] }, 'town'))];
    const { geojson, cluster } = mapPlacesOf(many, [], { clusteredApart: true });
    expect(cluster).toBe(true);
    const labels = geojson.features.filter((f) => f.properties!.areaLabel === 1);
    const round6 = (at: number[]) => at.map((c) => Math.round(c * 1e6) / 1e6);
    expect(labels.map((f) => [f.properties!.pid, (f.geometry as GeoJSON.Point).coordinates])).toEqual([
      ['zone', round6(anchor)],
      ['islands', round6(anchorOf(places[4]!)!)],
    ]);
    expect(geojson.features.find((f) => f.properties!.pid === 'zone' && f.geometry.type === 'Polygon')!.properties).toMatchObject({ labelPoint: 1 });
  });

  it('draws an area in every tile it covers, with its properties, and counts it in no cluster', () => {
    const index = indexOf(collection());
    // Only the points are indexed.
    expect(index.size).toBe(3);
    for (const z of [8, 10, CLUSTER_MAX_ZOOM]) {
      const [x, y] = tileAt([34.8, 31.7], z);
      const got = tileFeatures(index, z, x, y);
      const zone = got.filter((f) => f.properties.pid === 'zone' && f.type === 3);
      expect(zone).toHaveLength(1);
      expect(zone[0]!.properties).toEqual({ pid: 'zone', name: 'The zone', count: 4, kind: 'region', labelPoint: 1 });
      // The cluster there is the two places and their 8 events, not the area or its label point.
      const cluster = got.find((f) => f.properties.cluster)!;
      expect(cluster.properties).toMatchObject({ point_count: 2, count: 8 });
      expect(pointsOf(got).filter((f) => !f.properties.cluster)).toEqual([]);
    }
    // A region in two parts: both drawn, as one feature.
    const [x, y] = tileAt([33.55, 31.3], 9);
    const islands = tileFeatures(index, 9, x, y).filter((f) => f.properties.pid === 'islands' && f.type === 3);
    expect(islands).toHaveLength(1);
    expect((islands[0]!.toGeoJSON(x, y, 9).geometry as GeoJSON.MultiPolygon).coordinates).toHaveLength(2);
    expect(islands[0]!.properties).toEqual({ pid: 'islands', name: 'The islands', count: 2, kind: 'region', labelPoint: 1 });
    // The whole world at zoom 0 holds three places in its clusters and points, and their 9 events.
    const world = pointsOf(tileFeatures(index, 0, 0, 0));
    expect(world.reduce((n, f) => n + Number(f.properties.point_count ?? 1), 0)).toBe(3);
    expect(world.reduce((n, f) => n + Number(f.properties.count), 0)).toBe(9);
  });

  it('writes an area’s label point once per zoom, in the tile that holds its anchor, never in a cluster', () => {
    const index = indexOf(collection());
    for (const z of [4, 7, 9, 11, 14, 18]) {
      const [ax, ay] = tileAt(anchor, z);
      const found: { x: number; y: number; at: number[]; props: Record<string, unknown> }[] = [];
      for (let x = ax - 2; x <= ax + 2; x++) {
        for (let y = ay - 2; y <= ay + 2; y++) {
          for (const f of tileFeatures(index, z, x, y)) {
            if (!f.properties.areaLabel || f.properties.pid !== 'zone') continue;
            found.push({ x, y, at: (f.toGeoJSON(x, y, z).geometry as GeoJSON.Point).coordinates, props: f.properties });
          }
        }
      }
      expect(found.map(({ x, y }) => [x, y])).toEqual([[ax, ay]]);
      expect(found[0]!.props).toEqual({ pid: 'zone', name: 'The zone', count: 4, kind: 'region', areaLabel: 1 });
      // At the anchor, to a tile unit (the tiles' precision).
      const unit = 360 / 2 ** z / 8192;
      expect(Math.abs(found[0]!.at[0]! - anchor[0]!)).toBeLessThanOrEqual(unit);
      expect(Math.abs(found[0]!.at[1]! - anchor[1]!)).toBeLessThanOrEqual(unit);
    }
    // An anchor on the corner of four tiles (a square around 0°, 0°): one of them writes it.
    const square = placeOf('square', { type: 'Polygon', coordinates: [[[-1, -1], [1, -1], [1, 1], [-1, 1], [-1, -1]]] }, 'region');
    expect(anchorOf(square)!.map(Math.abs)).toEqual([0, 0]);
    const cornered = indexOf(placesCollection([square], () => 1, anchorOf).features);
    for (const z of [1, 5, 10]) {
      const n = 2 ** z;
      const labels = [n / 2 - 1, n / 2].flatMap((x) => [n / 2 - 1, n / 2].flatMap((y) => tileFeatures(cornered, z, x, y).filter((f) => f.properties.areaLabel)));
      expect(labels).toHaveLength(1);
    }
    // Among the two places at zoom 9, the label point is not a third member of their cluster.
    const [x, y] = tileAt([34.8, 31.7], 9);
    for (const f of tileFeatures(index, 9, x, y).filter((f) => f.properties.cluster)) {
      expect(index.leaves(Number(f.properties.cluster_id), 50).sort()).toEqual(['a', 'b']);
    }
  });

  it('keeps serving the areas while the filters narrow the clusters, and after', () => {
    const index = indexOf(collection());
    const [x, y] = tileAt([34.8, 31.7], 9);
    const areasIn = () =>
      tileFeatures(index, 9, x, y)
        .filter((f) => f.type !== 1 || f.properties.areaLabel)
        .map((f) => [f.type, f.properties.pid, f.properties.count]);
    const before = areasIn();
    expect(before).toEqual([
      [3, 'zone', 4],
      [1, 'zone', 4],
    ]);
    // The places inside the area fail the filters: no cluster and no point there, the area stays
    // (the map fades it by feature-state, as any place that fails them).
    index.narrow({ ids: ['far'], counts: [1] });
    const narrowed = tileFeatures(index, 9, x, y);
    expect(pointsOf(narrowed)).toEqual([]);
    expect(areasIn()).toEqual(before);
    index.narrow(null);
    expect(areasIn()).toEqual(before);
    expect(pointsOf(tileFeatures(index, 9, x, y)).find((f) => f.properties.cluster)!.properties).toMatchObject({ count: 8, gen: 2 });
  });

  it('fades an area the filters leave out as the circles fade a place: by feature-state, to a quarter', () => {
    // The same layers as every places source, on the worker's tiles' layer.
    const layers = ownLayers(LIGHT, 'places');
    const paint = (id: string, prop: string, state: Record<string, boolean>, properties: Record<string, unknown> = { kind: 'region', pid: 'zone' }) => {
      const layer = layers.find((l) => l.id === id) as { type: string; paint: Record<string, unknown>; 'source-layer'?: string };
      expect(layer['source-layer']).toBe('places');
      const spec = (latest as unknown as Record<string, Record<string, unknown>>)[`paint_${layer.type}`]![prop];
      const parsed = expression.createExpression(layer.paint[prop], spec as never);
      if (parsed.result !== 'success') throw new Error(String(parsed.value));
      return parsed.value.evaluate({ zoom: 9 }, { type: 3, properties, geometry: [] } as never, state) as number;
    };
    expect(paint(LAYERS.circle, 'circle-opacity', { faded: true }) / paint(LAYERS.circle, 'circle-opacity', {})).toBe(0.25);
    expect(paint(LAYERS.areaFill, 'fill-opacity', { faded: true }) / paint(LAYERS.areaFill, 'fill-opacity', {})).toBeCloseTo(0.25);
    expect(paint(LAYERS.areaLine, 'line-opacity', { faded: true }) / paint(LAYERS.areaLine, 'line-opacity', {})).toBeCloseTo(0.25);
    expect(paint(LAYERS.areaLabel, 'text-opacity', { faded: true })).toBeLessThan(paint(LAYERS.areaLabel, 'text-opacity', {}));
    // Selected, it shows as selected all the same.
    expect(paint(LAYERS.areaFill, 'fill-opacity', { faded: true, selected: true })).toBe(paint(LAYERS.areaFill, 'fill-opacity', { selected: true }));
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
