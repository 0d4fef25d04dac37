/**
 * Prints area outlines for geo/ stories as JSON keyed by place id (run: tsx tools/areas.ts).
 * Source: Natural Earth 1:10m via world-atlas. "Palestine" (id 275) is a MultiPolygon of the Gaza
 * Strip and the West Bank; Israel is 376; Egypt is 818 (mainland polygon only, no islands).
 * Each ring is simplified (Douglas–Peucker; 0.002° ≈ 200 m for the two small areas, coarser for
 * the countries, which are only drawn for orientation), wound counter-clockwise as RFC 7946 asks,
 * and rounded to 5 decimals.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { feature } from 'topojson-client';
import type { Topology, GeometryCollection } from 'topojson-specification';
import type { MultiPolygon, Position } from 'geojson';

const require = createRequire(import.meta.url);
const topo = JSON.parse(readFileSync(require.resolve('world-atlas/countries-10m.json'), 'utf8')) as Topology<{
  countries: GeometryCollection<{ name: string }>;
}>;
const countries = feature(topo, topo.objects.countries).features;
function polygonsOf(id: string): Position[][][] {
  const f = countries.find((c) => c.id === id);
  if (f?.geometry.type === 'Polygon') return [f.geometry.coordinates];
  if (f?.geometry.type === 'MultiPolygon') return (f.geometry as MultiPolygon).coordinates;
  throw new Error(`world-atlas: no country ${id}`);
}

/** Perpendicular distance of p from the segment a–b, in degrees (fine at this scale). */
function offset(p: Position, a: Position, b: Position): number {
  const [px, py] = p as [number, number];
  const [ax, ay] = a as [number, number];
  const [bx, by] = b as [number, number];
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len2));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

function simplify(line: Position[], tol: number): Position[] {
  if (line.length < 3) return line;
  let worst = 0;
  let at = 0;
  for (let i = 1; i < line.length - 1; i++) {
    const d = offset(line[i]!, line[0]!, line[line.length - 1]!);
    if (d > worst) [worst, at] = [d, i];
  }
  if (worst <= tol) return [line[0]!, line[line.length - 1]!];
  return [...simplify(line.slice(0, at + 1), tol).slice(0, -1), ...simplify(line.slice(at), tol)];
}

/** Twice the signed area (shoelace): positive when counter-clockwise. */
const signedArea = (ring: Position[]) =>
  ring.reduce((sum, p, i) => {
    const q = ring[(i + 1) % ring.length]!;
    return sum + p[0]! * q[1]! - q[0]! * p[1]!;
  }, 0);

const round5 = (n: number) => Math.round(n * 1e5) / 1e5;

function clean(ring: Position[], tol: number): Position[] {
  // Split the closed ring in two halves so the simplification keeps a real polygon.
  const half = Math.floor(ring.length / 2);
  const simple = [...simplify(ring.slice(0, half + 1), tol).slice(0, -1), ...simplify(ring.slice(half), tol)];
  const ccw = signedArea(simple) > 0 ? simple : [...simple].reverse();
  return ccw.map((p) => [round5(p[0]!), round5(p[1]!)]);
}

const outline = (poly: Position[][], tol: number) => ({ type: 'Polygon', coordinates: poly.map((r) => clean(r, tol)) });
const [first, second] = polygonsOf('275');
// Gaza lies west of 34.6 E, the West Bank east of it.
const [gaza, westBank] = first![0]![0]![0]! < 34.6 ? [first!, second!] : [second!, first!];
const largest = (polys: Position[][][]) => polys.reduce((a, b) => (b[0]!.length > a[0]!.length ? b : a));
console.log(
  JSON.stringify({
    'gaza-strip': outline(gaza, 0.002),
    'west-bank': outline(westBank, 0.002),
    israel: outline(largest(polygonsOf('376')), 0.01),
    egypt: outline(largest(polygonsOf('818')), 0.05),
  }),
);
