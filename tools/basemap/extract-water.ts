/**
 * Extracts inland water from GSHHG (LGPL) with GMT into tools/basemap/data/, where the basemap build
 * reads it: `npm run basemap:water` (needs `apt-get install -y gmt gmt-gshhg-high gmt-gshhg-full`).
 * Run it again when a story opens a new area; `npm run basemap` itself needs only the files written.
 *
 *   lakes-world.geojson    lakes of 100 km² or more, GSHHG low resolution (about 5 km) simplified to
 *                          about 1 km, for zoom 0–6
 *   water-detail.geojson   every lake (full resolution) and the permanent rivers of classes 1–3
 *                          (the Jordan is class 2) in each story area, for zoom 7–13
 *
 * `gmt coast -M -W` prints shorelines cut into GSHHG bins; the pieces are chained back into rings
 * here, lakes (level 2) become polygons and islands in lakes (level 3) their holes.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Feature, FeatureCollection, Polygon, Position } from 'geojson';
import simplify from '@turf/simplify';
import { storyAreas, type BBox } from './areas.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const dataDir = `${root}tools/basemap/data/`;

/** Minimum lake area at world zooms, km². */
const WORLD_MIN_AREA = 100;
/** Simplification at world zooms, degrees: about 1 km, a pixel at zoom 6. */
const WORLD_TOLERANCE = 0.01;
/** How far beyond a story area lakes are read, degrees: a lake cut by the -R box is lost. */
const REGION_MARGIN = 1;

interface Segment {
  level: number;
  points: Position[];
}

/** Parses GMT's multisegment text: "> … Level N" headers, then "lng<TAB>lat" lines. */
export function parseSegments(text: string): Segment[] {
  const segments: Segment[] = [];
  let current: Segment | undefined;
  for (const line of text.split('\n')) {
    if (line.startsWith('>')) {
      const level = Number(/Level (\d+)/.exec(line)?.[1] ?? 0);
      current = { level, points: [] };
      segments.push(current);
    } else if (line.trim() && current) {
      const [x, y] = line.trim().split(/\s+/).map(Number);
      if (Number.isFinite(x) && Number.isFinite(y)) current.points.push([x!, y!]);
    }
  }
  return segments.filter((s) => s.points.length >= 2);
}

const key = (p: Position) => `${p[0]!.toFixed(6)},${p[1]!.toFixed(6)}`;

/**
 * Chains pieces that share end points into longer lines, and into rings where they close. GSHHG's
 * pieces of one shoreline keep its direction, so an end meets the next piece's start.
 */
export function chain(pieces: Position[][]): { rings: Position[][]; lines: Position[][] } {
  const byStart = new Map<string, number[]>();
  pieces.forEach((p, i) => {
    const k = key(p[0]!);
    byStart.set(k, [...(byStart.get(k) ?? []), i]);
  });
  const used = new Set<number>();
  const take = (k: string): number | undefined => {
    const list = byStart.get(k);
    const i = list?.find((j) => !used.has(j));
    if (i !== undefined) used.add(i);
    return i;
  };
  const rings: Position[][] = [];
  const lines: Position[][] = [];
  for (let i = 0; i < pieces.length; i++) {
    if (used.has(i)) continue;
    used.add(i);
    const line = [...pieces[i]!];
    for (;;) {
      if (line.length > 2 && key(line[0]!) === key(line.at(-1)!)) break;
      const next = take(key(line.at(-1)!));
      if (next === undefined) break;
      line.push(...pieces[next]!.slice(1));
    }
    if (line.length >= 4 && key(line[0]!) === key(line.at(-1)!)) {
      line[line.length - 1] = line[0]!;
      rings.push(line);
    } else lines.push(line);
  }
  return { rings, lines };
}

/** Twice the signed area (lng/lat plane): positive for counter-clockwise. */
const signedArea = (ring: Position[]) => {
  let a = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) a += (ring[j]![0]! - ring[i]![0]!) * (ring[j]![1]! + ring[i]![1]!);
  return a;
};
const oriented = (ring: Position[], ccw: boolean) => ((signedArea(ring) > 0) === ccw ? ring : [...ring].reverse());

function contains(ring: Position[], [x, y]: Position): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!, [xj, yj] = ring[j]!;
    if (yi! > y! !== yj! > y! && x! < ((xj! - xi!) * (y! - yi!)) / (yj! - yi!) + xi!) inside = !inside;
  }
  return inside;
}

const round = (digits: number) => (ring: Position[]) => {
  const f = 10 ** digits;
  const out: Position[] = [];
  for (const p of ring) {
    const q = [Math.round(p[0]! * f) / f, Math.round(p[1]! * f) / f];
    const last = out.at(-1);
    if (!last || last[0] !== q[0] || last[1] !== q[1]) out.push(q);
  }
  return out;
};

/** Lakes (level 2 rings, counter-clockwise) with their islands (level 3 rings) as clockwise holes. */
export function lakePolygons(segments: Segment[], digits: number): Feature[] {
  const lakes = chain(segments.filter((s) => s.level === 2).map((s) => s.points));
  const islands = chain(segments.filter((s) => s.level === 3).map((s) => s.points));
  if (lakes.lines.length + islands.lines.length > 0)
    console.warn(`  ${lakes.lines.length + islands.lines.length} shoreline pieces did not close (cut by the region's edge): left out`);
  const polys = lakes.rings.map((r) => [oriented(round(digits)(r), true)]).filter((p) => p[0]!.length >= 4);
  for (const island of islands.rings) {
    const ring = oriented(round(digits)(island), false);
    if (ring.length < 4) continue;
    const owner = polys
      .filter((p) => contains(p[0]!, ring[0]!))
      .sort((a, b) => Math.abs(signedArea(a[0]!)) - Math.abs(signedArea(b[0]!)))[0];
    owner?.push(ring);
  }
  return polys.map((coordinates) => ({ type: 'Feature', properties: { kind: 'lake' }, geometry: { type: 'Polygon', coordinates } }));
}

// Run in the temp folder: GMT leaves a gmt.history file in its working directory.
const gmt = (args: string[]) => execFileSync('gmt', ['coast', ...args], { encoding: 'utf8', maxBuffer: 1 << 30, cwd: tmpdir() });
const region = (b: BBox) => `-R${b[0]}/${b[2]}/${b[1]}/${b[3]}`;

function write(name: string, collection: FeatureCollection & Record<string, unknown>) {
  // One feature per line: small diffs, still plain GeoJSON.
  const { features, ...head } = collection;
  const text = `${JSON.stringify(head).slice(0, -1)},"features":[\n${features.map((f) => JSON.stringify(f)).join(',\n')}\n]}\n`;
  writeFileSync(dataDir + name, text);
  console.log(`${name}: ${features.length} features, ${(text.length / 1e3).toFixed(0)} kB`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  mkdirSync(dataDir, { recursive: true });
  const worldCommand = `gmt coast -Rd -Dl -A${WORLD_MIN_AREA}/2/3 -M -W`;
  console.log(worldCommand);
  write('lakes-world.geojson', {
    type: 'FeatureCollection',
    source: 'GSHHG 2.3.7 (LGPL), low resolution',
    command: worldCommand,
    features: lakePolygons(parseSegments(gmt(worldCommand.split(' ').slice(2))), 2)
      .flatMap((f) => {
        try {
          return [simplify(f as Feature<Polygon>, { tolerance: WORLD_TOLERANCE, highQuality: true, mutate: true })];
        } catch {
          return []; // rounding left a ring of fewer than three distinct corners
        }
      }),
  });

  const areas = storyAreas(`${root}geo`);
  const features: Feature[] = [];
  const commands: string[] = [];
  for (const area of areas) {
    const b = area.bbox;
    const wide: BBox = [b[0] - REGION_MARGIN, b[1] - REGION_MARGIN, b[2] + REGION_MARGIN, b[3] + REGION_MARGIN];
    const lakeArgs = [region(wide), '-Df', '-A0/2/3', '-M', '-W'];
    const riverArgs = [region(b), '-Df', '-I1', '-I2', '-I3', '-M'];
    commands.push(`gmt coast ${lakeArgs.join(' ')}`, `gmt coast ${riverArgs.join(' ')}`);
    console.log(`area ${area.name}:\n  ${commands.at(-2)}\n  ${commands.at(-1)}`);
    const overlaps = (f: Feature) => {
      const ring = (f.geometry as { coordinates: Position[][] }).coordinates[0]!;
      return ring.some(([x, y]) => x! >= b[0] && x! <= b[2] && y! >= b[1] && y! <= b[3]);
    };
    features.push(...lakePolygons(parseSegments(gmt(lakeArgs)), 5).filter(overlaps));
    const rivers = chain(parseSegments(gmt(riverArgs)).map((s) => s.points)).lines.map(round(5)).filter((l) => l.length >= 2);
    features.push(...rivers.map((coordinates): Feature => ({ type: 'Feature', properties: { kind: 'river' }, geometry: { type: 'LineString', coordinates } })));
  }
  write('water-detail.geojson', {
    type: 'FeatureCollection',
    source: 'GSHHG 2.3.7 (LGPL), full resolution; rivers from its WDB II layer',
    commands,
    areas: areas.map((a) => a.bbox),
    features,
  });
}
