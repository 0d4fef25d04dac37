/**
 * Curved arrows for movements (from → to). Coordinates are [longitude, latitude] in degrees.
 */
import bezierSpline from '@turf/bezier-spline';
import greatCircle from '@turf/great-circle';
import distance from '@turf/distance';
import { lineString } from '@turf/helpers';
import type { Feature, LineString, Position } from 'geojson';

/** Beyond this many kilometres a movement is drawn along the great circle instead of a bow. */
const GREAT_CIRCLE_KM = 1500;

/**
 * A bowed line from `from` to `to`, bulging to the left of the direction of travel by `bow`
 * times the segment's length, so that A→B and B→A do not draw on top of each other.
 * Returns a straight two-point line when the ends coincide.
 */
export function movementArc(from: Position, to: Position, properties: Record<string, unknown> = {}, bow = 0.18): Feature<LineString> {
  const [x1, y1] = from as [number, number];
  const [x2, y2] = to as [number, number];
  if (x1 === x2 && y1 === y2) return lineString([from, to], properties);
  if (distance(from, to, { units: 'kilometers' }) > GREAT_CIRCLE_KM) {
    const arc = greatCircle(from, to, { npoints: 64, properties });
    // Antimeridian-crossing arcs come back as MultiLineString; keep the simple case simple.
    if (arc.geometry.type === 'LineString') return arc as Feature<LineString>;
  }
  // Work in a locally equal-area frame: shrink longitudes by cos(latitude).
  const k = Math.cos((((y1 + y2) / 2) * Math.PI) / 180);
  const dx = (x2 - x1) * k;
  const dy = y2 - y1;
  const mid: Position = [(x1 + x2) / 2 - (dy * bow) / k, (y1 + y2) / 2 + dx * bow];
  return bezierSpline(lineString([from, mid, to]), { resolution: 2000, sharpness: 0.85, properties });
}
