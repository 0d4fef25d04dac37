/**
 * One point to stand for a place of any shape: where its marker, label or arrow goes and where the
 * camera aims. Coordinates are [longitude, latitude] in degrees.
 */
import polylabel from 'polylabel';
import bbox from '@turf/bbox';
import type { Feature, Geometry, MultiPolygon, Point, Polygon, Position } from 'geojson';

type Shape = Point | Polygon | MultiPolygon;

/**
 * A feature's or a geometry's anchor: the point itself for a Point; for a Polygon or MultiPolygon, the pole of inaccessibility (the
 * inside point farthest from every edge, by polylabel) of its roomiest part. Unlike the mean of the
 * vertices it is always inside the area, however concave (a crescent, a strip along a coast).
 * Precision: a thousandth of the part's smaller side.
 *
 * @returns null for a geometry with no area or point to go by (a line, an empty polygon)
 */
export function anchorOf(shape: Feature<Shape> | Shape): Position;
export function anchorOf(shape: Feature | Geometry | null | undefined): Position | null;
export function anchorOf(shape: Feature | Geometry | null | undefined): Position | null {
  const geometry = shape?.type === 'Feature' ? shape.geometry : shape;
  if (!geometry) return null;
  if (geometry.type === 'Point') return geometry.coordinates;
  const parts = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.type === 'MultiPolygon' ? geometry.coordinates : [];
  let best: Position | null = null;
  let room = -Infinity;
  for (const rings of parts) {
    const outer = rings[0];
    if (!outer?.length) continue;
    const pole = poleOf(rings);
    if (pole.distance > room) {
      best = [pole[0], pole[1]];
      room = pole.distance;
    }
  }
  return best;
}

function poleOf(rings: Position[][]): [number, number] & { distance: number } {
  let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x, y] of rings[0] as [number, number][]) {
    w = Math.min(w, x);
    e = Math.max(e, x);
    s = Math.min(s, y);
    n = Math.max(n, y);
  }
  const side = Math.min(e - w, n - s);
  // A ring with no extent (all its vertices on a line) has no inside: take its middle.
  if (!(side > 0)) return Object.assign([(w + e) / 2, (s + n) / 2] as [number, number], { distance: 0 });
  return polylabel(rings, side / 1000);
}

/**
 * How far an area may reach beyond the frame of an event's points and still be framed whole: its
 * bounding box's longer side, as a multiple of the points' (at least MIN_POINTS_SPAN).
 */
export const NEAR_AREA_FACTOR = 3;
/** Degrees: the span a single point (or points close together) stands for when areas are weighed against it. */
export const MIN_POINTS_SPAN = 0.1;

const corners = ([w, s, e, n]: number[]): Position[] => [[w!, s!], [e!, n!], [w!, n!], [e!, s!]];
const clamp = (x: number, lo: number, hi: number) => Math.min(Math.max(x, lo), hi);

/**
 * The points a camera frames to show an event's places:
 * - every place an area (a country, a region): the corners of each area's bounding box, so the
 *   reader sees the areas the event is about, not an anchor somewhere inside them (the middle of a
 *   desert, at a street's zoom);
 * - points and areas together: the points, and each area as far as it is near them. An area about
 *   the points' size (within NEAR_AREA_FACTOR of their span) is framed whole; a larger one (the
 *   country around a town) adds only the point of its bounding box nearest the points' middle:
 *   nothing when the points are inside the box, the area's near side when it lies away from them.
 *   The event's places are the points; the camera does not leave them for the middle of a country.
 * Places with neither (a line, an unknown place) give nothing.
 */
export function framePoints(shapes: readonly (Feature | Geometry | null | undefined)[]): Position[] {
  const geometries = shapes.map((s) => (s?.type === 'Feature' ? s.geometry : s));
  const isArea = (g: Geometry | null | undefined) => g?.type === 'Polygon' || g?.type === 'MultiPolygon';
  const areas = geometries.filter(isArea) as (Polygon | MultiPolygon)[];
  const points = geometries.flatMap((g) => {
    const at = isArea(g) ? null : anchorOf(g);
    return at ? [at] : [];
  });
  if (points.length === 0) return areas.flatMap((g) => {
    const box = bbox(g);
    return box[0]! <= box[2]! && box[1]! <= box[3]! ? corners(box) : [];
  });
  const [pw, ps, pe, pn] = bbox({ type: 'MultiPoint', coordinates: points });
  const near = NEAR_AREA_FACTOR * Math.max(pe! - pw!, pn! - ps!, MIN_POINTS_SPAN);
  const middle = [(pw! + pe!) / 2, (ps! + pn!) / 2] as const;
  const fromAreas = areas.flatMap((g) => {
    const [w, s, e, n] = bbox(g) as [number, number, number, number];
    if (!(w <= e && s <= n)) return [];
    if (Math.max(e - w, n - s) <= near) return corners([w, s, e, n]);
    return [[clamp(middle[0], w, e), clamp(middle[1], s, n)]];
  });
  return [...points, ...fromAreas];
}
