/**
 * Where the coarse world land (Natural Earth) meets the detailed land (OpenStreetMap) of a story
 * area, without a step in the coastline: neither at the area's edge nor at the zoom where the
 * detail tiles take over.
 *
 * 1. The world land near the areas is rounded to the grid its own tiles are written on (the
 *    world archive's last zoom), so what the tiles draw is exactly the geometry computed here.
 * 2. Each area grows until no stretch where the two coastlines disagree crosses its edge: the
 *    pieces of (world land XOR detail land) touching it are taken in whole, box by box. The edge
 *    then crosses the coast only where both lines run together, so world land outside meets
 *    detail land inside at the same point.
 * 3. The world land inside the grown areas is the detail land: zoom 6 draws what zoom 7 draws.
 *
 * Polygons are arrays of rings of [lng, lat], the first ring the outer one (GeoJSON order).
 */
import * as polyclip from 'polyclip-ts';
import type { Position } from 'geojson';

/** [west, south, east, north] in degrees. */
export type BBox = [number, number, number, number];
type Ring = [number, number][];
type Poly = Ring[];

/** geojson-vt's projection to [0, 1] × [0, 1] (Web Mercator), and back. */
const mercX = (lng: number) => lng / 360 + 0.5;
const mercY = (lat: number) => {
  const sin = Math.sin((lat * Math.PI) / 180);
  const y = 0.5 - (0.25 * Math.log((1 + sin) / (1 - sin))) / Math.PI;
  return y < 0 ? 0 : y > 1 ? 1 : y;
};
const lngOf = (x: number) => (x - 0.5) * 360;
const latOf = (y: number) => (Math.asin(Math.tanh((0.5 - y) * 2 * Math.PI)) * 180) / Math.PI;

/**
 * A position rounded to the integer grid of vector tiles of zoom `z` and `extent` units a side:
 * the coordinates such a tile stores exactly (and so do the tiles of every zoom above it).
 */
export function snapToTileGrid(p: Position, z: number, extent: number): [number, number] {
  const n = 2 ** z * extent;
  return [lngOf(Math.round(mercX(p[0]!) * n) / n), latOf(Math.round(mercY(p[1]!) * n) / n)];
}

/** A polygon snapped to a tile grid, with the repeated points that makes removed (null when it collapses). */
export function snapPolygon(poly: Position[][], z: number, extent: number): Poly | null {
  const rings: Poly = [];
  for (const ring of poly) {
    const out: Ring = [];
    for (const p of ring) {
      const q = snapToTileGrid(p, z, extent);
      const last = out.at(-1);
      if (!last || last[0] !== q[0] || last[1] !== q[1]) out.push(q);
    }
    if (out.length >= 4) rings.push(out);
    else if (rings.length === 0) return null;
  }
  return rings.length ? rings : null;
}

export const boxPolygon = (b: BBox): Poly => [[[b[0], b[1]], [b[2], b[1]], [b[2], b[3]], [b[0], b[3]], [b[0], b[1]]]];

export function polyBBox(poly: Position[][]): BBox {
  let w = Infinity, s = Infinity, e = -Infinity, n = -Infinity;
  for (const [x, y] of poly[0]!) {
    if (x! < w) w = x!;
    if (x! > e) e = x!;
    if (y! < s) s = y!;
    if (y! > n) n = y!;
  }
  return [w, s, e, n];
}

export const boxesOverlap = (a: BBox, b: BBox) => a[0] <= b[2] && a[2] >= b[0] && a[1] <= b[3] && a[3] >= b[1];
const grow = (b: BBox, d: number): BBox => [b[0] - d, b[1] - d, b[2] + d, b[3] + d];
const union = (a: BBox, b: BBox): BBox => [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])];

export interface GrownArea {
  bbox: BBox;
  /** False when a disagreement reached the edge of the band searched (the step is then only moved). */
  closed: boolean;
}

/**
 * The smallest box holding `bbox` and every piece of (world XOR detail) land it touches, the
 * pieces of the grown box included, within a band of `band` degrees around `bbox`.
 */
export function growArea(bbox: BBox, world: Position[][][], detail: Position[][][], band = 1): GrownArea {
  const limit = grow(bbox, band);
  const near = (polys: Position[][][]) =>
    polys.filter((p) => boxesOverlap(polyBBox(p), limit)).map((p) => p as Poly);
  const box = boxPolygon(limit);
  const a = polyclip.intersection(box, near(world));
  const b = polyclip.intersection(box, near(detail));
  const pieces = polyclip.xor(a, b).map(polyBBox);
  let grown = bbox;
  for (let changed = true; changed; ) {
    changed = false;
    for (const p of pieces) {
      // Pieces meet where the coastlines cross: one that only touches the box there stays out.
      if (!(p[0] < grown[2] && p[2] > grown[0] && p[1] < grown[3] && p[3] > grown[1])) continue;
      const next = union(grown, p);
      if (next.some((v, i) => v !== grown[i])) {
        grown = next;
        changed = true;
      }
    }
  }
  const eps = 1e-9;
  const closed = grown[0] > limit[0] + eps && grown[1] > limit[1] + eps && grown[2] < limit[2] - eps && grown[3] < limit[3] - eps;
  return { bbox: grown, closed };
}

/**
 * World land with the detail land inside each box: (world minus the boxes) plus (detail inside
 * them). Only the world polygons near a box are touched; the others are returned as they are.
 */
export function blendLand(world: Position[][][], detailInside: Position[][][], boxes: BBox[]): Position[][][] {
  const touches = (p: Position[][]) => boxes.some((b) => boxesOverlap(polyBBox(p), b));
  const far = world.filter((p) => !touches(p));
  const near = world.filter(touches) as Poly[];
  if (near.length === 0 && detailInside.length === 0) return far;
  const outside = near.length ? polyclip.difference(near, ...boxes.map(boxPolygon)) : [];
  const blended = polyclip.union(outside, detailInside as Poly[]);
  return [...far, ...blended];
}
