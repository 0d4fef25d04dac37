import { describe, it, expect } from 'vitest';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import type { Feature, Point } from 'geojson';
import { clusterIndex, encodeClusterTile, maplibreClusterOptions } from '../../bench/lib/cluster-tiles.ts';
import { parseTileUrl } from '../../bench/lib/tile-url.ts';

const point = (id: string | number, lng: number, lat: number, properties: Record<string, unknown> = {}): Feature<Point> => ({
  type: 'Feature',
  id,
  geometry: { type: 'Point', coordinates: [lng, lat] },
  properties,
});

/** Tile x/y at zoom z holding lng/lat (Web Mercator). */
function tileOf(lng: number, lat: number, z: number): [number, number] {
  const n = 2 ** z;
  const r = (lat * Math.PI) / 180;
  return [Math.floor(((lng + 180) / 360) * n), Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n)];
}

const decode = (buf: ArrayBuffer, layer: string) => new VectorTile(new PbfReader(new Uint8Array(buf))).layers[layer];

// Two places ~110 m apart (clustered until close zooms), one far away, one line (not a point).
const features: Feature[] = [
  point('a-1', 34.8, 31.7, { name: 'First', precision: { level: 'site', radiusM: 80 } }),
  point(7, 34.801, 31.7, { name: 'Second' }),
  point('far', -100, 40, { name: 'Far' }),
  { type: 'Feature', geometry: { type: 'LineString', coordinates: [[0, 0], [1, 1]] }, properties: {} },
];

describe('worker-clustered tiles', () => {
  it('configures supercluster as a MapLibre GeoJSON source with cluster: true and default options', () => {
    // clusterRadius 50 px in tile units of 8192 over 512 px; clusterMaxZoom = maxzoom (18) − 1.
    expect(maplibreClusterOptions()).toMatchObject({ radius: 800, extent: 8192, maxZoom: 17, minPoints: 2 });
  });

  it('indexes only points', () => {
    expect(clusterIndex(features).points).toBe(3);
  });

  it('round-trips a clustered tile through vt-pbf and @mapbox/vector-tile', () => {
    const { index } = clusterIndex(features);
    const buf = encodeClusterTile(index, 0, 0, 0, 'places');
    expect(buf).toBeInstanceOf(ArrayBuffer);
    const layer = decode(buf, 'places');
    expect(layer?.extent).toBe(8192);
    expect(layer?.length).toBe(2);
    const all = Array.from({ length: layer!.length }, (_, i) => layer!.feature(i));
    const cluster = all.find((f) => f.properties.cluster === true);
    expect(cluster?.properties.point_count).toBe(2);
    expect(typeof cluster?.properties.cluster_id).toBe('number');
    const far = all.find((f) => f.properties.name === 'Far');
    expect(far?.type).toBe(1);
    const [lng, lat] = (far!.toGeoJSON(0, 0, 0).geometry as Point).coordinates as [number, number];
    expect(lng).toBeCloseTo(-100, 1);
    expect(lat).toBeCloseTo(40, 1);
  });

  it('splits the cluster at close zooms and keeps the points’ properties and integer ids', () => {
    const { index } = clusterIndex(features);
    for (const z of [17, 18, 20]) {
      const inTile = (name: string, lng: number, lat: number) => {
        const [x, y] = tileOf(lng, lat, z);
        const layer = decode(encodeClusterTile(index, z, x, y, 'places'), 'places');
        const all = Array.from({ length: layer?.length ?? 0 }, (_, i) => layer!.feature(i));
        expect(all.some((f) => f.properties.cluster)).toBe(false);
        const found = all.find((f) => f.properties.name === name);
        expect(found, `${name} at zoom ${z}`).toBeDefined();
        const [flng, flat] = (found!.toGeoJSON(x, y, z).geometry as Point).coordinates as [number, number];
        expect(flng).toBeCloseTo(lng, 5);
        expect(flat).toBeCloseTo(lat, 5);
        return found!;
      };
      const first = inTile('First', 34.8, 31.7);
      expect(first.properties.precision).toBe(JSON.stringify({ level: 'site', radiusM: 80 }));
      expect(first.id).toBeUndefined(); // a string id: MVT ids are integers
      expect(inTile('Second', 34.801, 31.7).id).toBe(7);
    }
  });

  it('gives an empty buffer for a tile with nothing in it', () => {
    const { index } = clusterIndex(features);
    expect(encodeClusterTile(index, 5, 0, 0, 'places').byteLength).toBe(0);
  });

  it('reads z/x/y from its tile URLs and rejects others', () => {
    expect(parseTileUrl('sc://3/4/5', 'sc')).toEqual({ z: 3, x: 4, y: 5 });
    expect(parseTileUrl('sc://3/8/5', 'sc')).toBeNull();
    expect(parseTileUrl('sc://3/4/5.pbf', 'sc')).toBeNull();
    expect(parseTileUrl('pmtiles://3/4/5', 'sc')).toBeNull();
  });
});
