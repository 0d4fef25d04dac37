/**
 * Prints area outlines for geo/ stories as JSON keyed by place id (run: tsx tools/areas.ts).
 * Source: Natural Earth 1:10m via world-atlas. "Palestine" (id 275) is a MultiPolygon of the Gaza
 * Strip and the West Bank; Israel is 376; Egypt is 818 (mainland polygon only, no islands).
 * Natural Earth's 1:10m coast lies up to several hundred metres off OpenStreetMap's, which the
 * basemap draws: the Gaza Strip is first cut to the OpenStreetMap land (@geo-maps/earth-lands-10m),
 * so its outline does not run through the sea.
 * Each ring is simplified (Douglas–Peucker; 0.00005° ≈ 5 m for the Gaza Strip, so the cut coast
 * stays on the shore, 0.0003° ≈ 30 m for the West Bank, whose eastern side follows the Jordan
 * as the basemap's border does, coarser for the countries, which are only
 * drawn for orientation),
 * wound counter-clockwise as RFC 7946 asks, and rounded to 5 decimals.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { feature } from 'topojson-client';
import type { Topology, GeometryCollection } from 'topojson-specification';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { clipPolygon } from 'lineclip';
import intersect from '@turf/intersect';
import { readOsmLand } from './basemap/osm-land.ts';
import { followRivers, vendoredRivers } from './basemap/rivers.ts';

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

const largest = (polys: Position[][][]) => polys.reduce((a, b) => (b[0]!.length > a[0]!.length ? b : a));

/** The largest part of a polygon that lies on OpenStreetMap land. */
function onLand(poly: Position[][]): Position[][] {
  const xs = poly[0]!.map((p) => p[0]!), ys = poly[0]!.map((p) => p[1]!);
  const box: [number, number, number, number] = [Math.min(...xs) - 0.1, Math.min(...ys) - 0.1, Math.max(...xs) + 0.1, Math.max(...ys) + 0.1];
  const near = osmLand
    .map((p) => p.map((r) => clipPolygon(r as [number, number][], box)).filter((r) => r.length >= 3))
    .filter((p) => p.length > 0 && clipPolygon(p[0] as [number, number][], box).length >= 3)
    .map((p) => p.map((r) => (r[0]![0] === r.at(-1)![0] && r[0]![1] === r.at(-1)![1] ? r : [...r, r[0]!])));
  const cut = intersect({
    type: 'FeatureCollection',
    features: [
      { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: poly } },
      { type: 'Feature', properties: {}, geometry: { type: 'MultiPolygon', coordinates: near } },
    ],
  });
  if (!cut) throw new Error('the area has no land');
  const parts = cut.geometry.type === 'Polygon' ? [(cut.geometry as Polygon).coordinates] : (cut.geometry as MultiPolygon).coordinates;
  return largest(parts);
}

const osmLand = readOsmLand().polygons;
const [first, second] = polygonsOf('275');
// Gaza lies west of 34.6 E, the West Bank east of it.
const [gaza, westBank] = first![0]![0]![0]! < 34.6 ? [first!, second!] : [second!, first!];
console.log(
  JSON.stringify({
    'gaza-strip': outline(onLand(gaza), 0.00005),
    // The West Bank has no sea coast. Its eastern side is redrawn on the Jordan, as the basemap
    // draws that border (tools/basemap/rivers.ts), and simplified finely (0.0003° ≈ 30 m) so the
    // dashed outline stays on the river instead of crossing it.
    'west-bank': outline(followRivers(westBank, vendoredRivers()), 0.0003),
    israel: outline(largest(polygonsOf('376')), 0.01),
    egypt: outline(largest(polygonsOf('818')), 0.05),
  }),
);
