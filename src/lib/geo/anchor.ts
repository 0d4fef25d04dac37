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
 * The points a camera frames to show an event's places: each place's anchor, except when every
 * place is an area (a country, a region): then the corners of each area's bounding box, so the
 * reader sees the areas the event is about, not an anchor somewhere inside them (the middle of a
 * desert, at a street's zoom). Places with neither give nothing.
 */
export function framePoints(shapes: readonly (Feature | Geometry | null | undefined)[]): Position[] {
  const geometries = shapes.map((s) => (s?.type === 'Feature' ? s.geometry : s));
  const areas = geometries.length > 0 && geometries.every((g) => g?.type === 'Polygon' || g?.type === 'MultiPolygon');
  if (!areas) {
    return geometries.flatMap((g) => {
      const at = anchorOf(g);
      return at ? [at] : [];
    });
  }
  return geometries.flatMap((g) => {
    const [w, s, e, n] = bbox(g!);
    return w! <= e! && s! <= n! ? [[w!, s!], [e!, n!], [w!, n!], [e!, s!]] : [];
  });
}
