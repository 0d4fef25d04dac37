/**
 * The built basemap (public/basemap/) has one coastline where the world land meets a story area's
 * detail land: across the area's edge at the detail zooms, and across the zoom where the detail
 * tiles take over. Land or sea is read from the tiles themselves, as MapLibre would draw them.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { readFileSync } from 'node:fs';
import type { PMTiles } from 'pmtiles';
import { openArchive, readLayer } from './helpers/pmtiles.ts';
import { snapToTileGrid, growArea, blendLand } from '../../tools/basemap/blend.ts';

const dir = new URL('../../public/basemap/', import.meta.url).pathname;
type BBox = [number, number, number, number];
const { areas, detailMinZoom, detailMaxZoom } = JSON.parse(readFileSync(`${dir}areas.json`, 'utf8')) as {
  areas: { name: string; bbox: BBox }[];
  detailMinZoom: number;
  detailMaxZoom: number;
};
const WORLD_MAX = detailMinZoom - 1;

const mercX = (lng: number) => lng / 360 + 0.5;
const mercY = (lat: number) => {
  const sin = Math.sin((lat * Math.PI) / 180);
  return 0.5 - (0.25 * Math.log((1 + sin) / (1 - sin))) / Math.PI;
};
const M_PER_DEG_LAT = 110_900;

const BINS = 64;
interface DecodedTile {
  extent: number;
  /** Edges [x1, y1, x2, y2] of every ring, by horizontal band of the tile they span. */
  bins: number[][];
}

/** Land or not at a point, from the `land` layer of one archive's tiles of one zoom. */
class LandReader {
  private tiles = new Map<string, Promise<DecodedTile>>();
  constructor(private readonly archive: PMTiles, private readonly zoom: number) {}

  private tile(x: number, y: number): Promise<DecodedTile> {
    const key = `${x}/${y}`;
    let t = this.tiles.get(key);
    if (!t) {
      t = readLayer(this.archive, this.zoom, x, y, 'land').then((layer) => {
        const extent = layer?.extent ?? 4096;
        const bins: number[][] = Array.from({ length: BINS + 2 }, () => []);
        const bin = (y: number) => Math.min(BINS + 1, Math.max(0, Math.floor((y / extent) * BINS) + 1));
        for (let i = 0; layer && i < layer.length; i++) {
          for (const ring of layer.feature(i).loadGeometry()) {
            for (let k = 1; k < ring.length; k++) {
              const p = ring[k - 1]!, q = ring[k]!;
              for (let b = bin(Math.min(p.y, q.y)); b <= bin(Math.max(p.y, q.y)); b++) bins[b]!.push(p.x, p.y, q.x, q.y);
            }
          }
        }
        return { extent, bins };
      });
      this.tiles.set(key, t);
    }
    return t;
  }

  async isLand(lng: number, lat: number): Promise<boolean> {
    const n = 2 ** this.zoom;
    const fx = mercX(lng) * n, fy = mercY(lat) * n;
    const tx = Math.floor(fx), ty = Math.floor(fy);
    const { extent, bins } = await this.tile(tx, ty);
    const px = (fx - tx) * extent, py = (fy - ty) * extent;
    const edges = bins[Math.min(BINS + 1, Math.max(0, Math.floor((py / extent) * BINS) + 1))]!;
    // Non-zero winding: polygons of one feature may overlap (the OSM land polygons do), and
    // MapLibre fills each of them, so a point in two of them is land.
    let winding = 0;
    for (let i = 0; i < edges.length; i += 4) {
      const xi = edges[i]!, yi = edges[i + 1]!, xj = edges[i + 2]!, yj = edges[i + 3]!;
      const side = (xj - xi) * (py - yi) - (px - xi) * (yj - yi);
      if (yi <= py && yj > py && side > 0) winding++;
      else if (yi > py && yj <= py && side < 0) winding--;
    }
    return winding !== 0;
  }
}

/**
 * How far (m) from [lng, lat] the nearest point is where `reader` says `want`, searched on circles
 * every SEARCH_STEP_M out to `maxM` (Infinity beyond); `keep` limits the search to one side of a line.
 */
async function distanceTo(
  reader: LandReader,
  [lng, lat]: [number, number],
  want: boolean,
  maxM = 1000,
  keep: (lng: number, lat: number) => boolean = () => true,
): Promise<number> {
  const mPerDegLng = M_PER_DEG_LAT * Math.cos((lat * Math.PI) / 180);
  for (let d = SEARCH_STEP_M; d <= maxM; d += SEARCH_STEP_M) {
    for (let k = 0; k < 24; k++) {
      const a = (k / 24) * 2 * Math.PI;
      const x = lng + (d * Math.cos(a)) / mPerDegLng, y = lat + (d * Math.sin(a)) / M_PER_DEG_LAT;
      if (keep(x, y) && (await reader.isLand(x, y)) === want) return d;
    }
  }
  return Infinity;
}

/** Metres per pixel of a 512-px tile at zoom `z` and latitude `lat` (MapLibre's scale). */
const metresPerPixel = (z: number, lat: number) => (40_075_016.7 * Math.cos((lat * Math.PI) / 180)) / (512 * 2 ** z);
/**
 * Half the diagonal of a cell of the grid the world tiles are written on (4096 units a tile at
 * zoom 6, about 65 m a side at 31° N): where the coast crosses an area's edge between two world
 * vertices, the crossing point can be off by this much, and no more.
 */
const worldCell = (lat: number) => (metresPerPixel(WORLD_MAX, lat) * 512) / 4096;
/** The search for the other coast walks in 5 m steps. */
const SEARCH_STEP_M = 5;

describe('the coastline where world land meets a story area’s detail land', () => {
  let world: PMTiles, detail: PMTiles;
  beforeAll(() => {
    world = openArchive(`${dir}world.pmtiles`);
    detail = openArchive(`${dir}detail.pmtiles`);
  });

  it('has no step across the edge of each area, at the first and the last detail zoom', async () => {
    const outside = new LandReader(world, WORLD_MAX);
    const step = 0.0005;
    const eps = 1e-6;
    let crossings = 0;
    for (const { name, bbox } of areas) {
      const [w, s, e, n] = bbox;
      const within = (x: number, y: number) => x > w && x < e && y > s && y < n;
      for (const zoom of [detailMinZoom, detailMaxZoom]) {
        const inside = new LandReader(detail, zoom);
        // Each edge as [its fixed coordinate, which way is out, whether it is a meridian].
        for (const [at, out, meridian] of [[w, -1, true], [e, 1, true], [s, -1, false], [n, 1, false]] as const) {
          const [from, to] = meridian ? [s, n] : [w, e];
          let worst = 0;
          let last: boolean | undefined;
          for (let v = from + step / 2; v < to; v += step) {
            const point = (offset: number): [number, number] => (meridian ? [at + offset, v] : [v, at + offset]);
            const seenOutside = await outside.isLand(...point(out * eps));
            if (last !== undefined && seenOutside !== last) crossings++;
            last = seenOutside;
            if ((await inside.isLand(...point(-out * eps))) === seenOutside) continue;
            // Where they disagree, the detail coast must be right there, inside the area.
            worst = Math.max(worst, await distanceTo(inside, point(-out * eps), seenOutside, 2000, within));
          }
          const tolerance = worldCell((s + n) / 2) * Math.SQRT1_2 + SEARCH_STEP_M;
          expect(worst, `${name}, zoom ${zoom}, edge at ${at}: metres from the world coast to the detail coast`).toBeLessThanOrEqual(tolerance);
        }
      }
    }
    // The edges do cross the coast: the check is not vacuous.
    expect(crossings).toBeGreaterThan(0);
  }, 120_000);

  it('draws the same coast on both sides of the zoom where the detail tiles take over', async () => {
    const before = new LandReader(world, WORLD_MAX);
    const after = new LandReader(detail, detailMinZoom);
    const step = 0.002;
    let coastRows = 0;
    for (const { name, bbox: [w, s, e, n] } of areas) {
      // The detail tiles are simplified by up to half a pixel at the zoom they start (geojson-vt,
      // tolerance 4 of 4096); the world tiles at their last zoom not at all, but rounded to their grid.
      const tolerance = 0.5 * metresPerPixel(detailMinZoom, s) + worldCell(s) * Math.SQRT1_2 + SEARCH_STEP_M;
      let worst = 0;
      for (let lat = s + step / 2; lat < n; lat += step) {
        let land = 0, sea = 0;
        for (let lng = w + step / 2; lng < e; lng += step) {
          const was = await before.isLand(lng, lat);
          if (was) land++;
          else sea++;
          if ((await after.isLand(lng, lat)) === was) continue;
          worst = Math.max(worst, await distanceTo(after, [lng, lat], was, 3000));
        }
        if (land > 0 && sea > 0) coastRows++;
      }
      expect(worst, `${name}: metres from the zoom ${WORLD_MAX} coast to the zoom ${detailMinZoom} coast`).toBeLessThanOrEqual(tolerance);
    }
    expect(coastRows).toBeGreaterThan(0);
  }, 120_000);
});

describe('blending world and detail land (tools/basemap/blend.ts)', () => {
  it('rounds positions to the grid a zoom-6 tile stores exactly', () => {
    for (const p of [[33.4818, 31.133], [-70.1234567, -33.3], [179.99, 84.9], [0.0001, 0.0001]]) {
      const [lng, lat] = snapToTileGrid(p, 6, 4096);
      const units = [mercX(lng) * 2 ** 18, mercY(lat) * 2 ** 18];
      for (const u of units) expect(Math.abs(u - Math.round(u))).toBeLessThan(1e-6);
      // Never further than half a grid cell away.
      expect(Math.abs(mercX(lng) - mercX(p[0]!)) * 2 ** 18).toBeLessThanOrEqual(0.5 + 1e-9);
    }
  });

  // World land: everything south of the equator from 0 to 4° E. Detail land: the same, but its
  // coast bulges 0.01° north between 1.5° and 2.5° E, across an area's western edge at 2° E.
  const world = [[[[0, -1], [4, -1], [4, 0], [0, 0], [0, -1]]]];
  const detail = [[[[0, -1], [4, -1], [4, 0], [2.5, 0], [2, 0.01], [1.5, 0], [0, 0], [0, -1]]]];

  it('grows an area over a stretch where the coasts disagree across its edge, and no further', () => {
    const grown = growArea([2, -0.5, 3, 0.5], world, detail, 1);
    expect(grown).toEqual({ bbox: [1.5, -0.5, 3, 0.5], closed: true });
    // An area whose edge crosses the coast where both agree stays as it is.
    expect(growArea([3, -0.5, 3.5, 0.5], world, detail, 1).bbox).toEqual([3, -0.5, 3.5, 0.5]);
  });

  it('puts the detail land into the world land inside the boxes, and leaves it alone outside', () => {
    const box: [number, number, number, number] = [1.5, -0.5, 3, 0.5];
    const inside = [[[[1.5, -0.5], [3, -0.5], [3, 0], [2.5, 0], [2, 0.01], [1.5, 0], [1.5, -0.5]]]];
    const blended = blendLand(world, inside, [box]);
    expect(blended).toHaveLength(1);
    const ring = blended[0]![0]!;
    expect(ring).toContainEqual([2, 0.01]);
    expect(ring).toContainEqual([0, 0]);
    expect(ring).toContainEqual([4, 0]);
  });
});
