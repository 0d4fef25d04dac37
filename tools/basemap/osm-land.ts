/** OpenStreetMap land polygons (@geo-maps/earth-lands-10m, ODbL), read once and cleaned of grid seams. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { MultiPolygon, Position } from 'geojson';

/**
 * The package's land polygons are stitched from grid cells and keep ~800,000 sliver holes along
 * the old cell edges (triangles up to 1.5 km², some lying outside their own outer ring, e.g. the
 * African polygon's holes over Israel). A hole with an axis-aligned edge is such a seam, not a
 * lake: drop it, so no renderer can draw it as water.
 */
const isSeam = (ring: Position[]) => ring.some((p, i) => i > 0 && (p[0] === ring[i - 1]![0] || p[1] === ring[i - 1]![1]));

/** Every land polygon (outer ring, then real holes), and how many seam holes were dropped. */
export function readOsmLand(): { polygons: Position[][][]; seams: number } {
  const path = createRequire(import.meta.url).resolve('@geo-maps/earth-lands-10m/map.geo.json');
  const osm = JSON.parse(readFileSync(path, 'utf8')) as { geometries: MultiPolygon[] };
  let seams = 0;
  const polygons = osm.geometries.flatMap((g) =>
    g.coordinates.map(([outer, ...holes]) => {
      const kept = holes.filter((h) => !isSeam(h));
      seams += holes.length - kept.length;
      return [outer!, ...kept];
    }),
  );
  return { polygons, seams };
}
