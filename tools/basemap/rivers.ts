/**
 * Borders that run along a river, redrawn on the river itself.
 *
 * Natural Earth's 1:10m borders and GSHHG's full-resolution rivers are two drawings of the same
 * line where a border is a river (the Jordan between the West Bank and Jordan): they cross each
 * other every few hundred metres, so the dashed outline and the territory's fill wander from one
 * bank to the other. Where a stretch of a border keeps within `maxM` of one river for at least
 * `minRunM`, that stretch is replaced by the river between the nearest points of its two ends.
 *
 * All lines that share vertices (a border, and the rings of the polygons on either side of it)
 * must be passed together: a vertex moved in one is moved in all, so they stay one line.
 */
import { readFileSync } from 'node:fs';
import type { FeatureCollection, Position } from 'geojson';

/** The vendored rivers (tools/basemap/data/water-detail.geojson, GSHHG), as lines. */
export function vendoredRivers(): Position[][] {
  const water = JSON.parse(readFileSync(new URL('./data/water-detail.geojson', import.meta.url), 'utf8')) as FeatureCollection;
  return water.features
    .filter((f) => f.properties?.kind === 'river')
    .flatMap((f) => (f.geometry.type === 'LineString' ? [f.geometry.coordinates] : f.geometry.type === 'MultiLineString' ? f.geometry.coordinates : []));
}

export interface RiverOptions {
  /** How far a border may lie from the river and still be taken for it (metres). */
  maxM?: number;
  /** The shortest stretch of border redrawn (metres): shorter brushes with a river are left alone. */
  minRunM?: number;
  /** Joins river pieces whose ends lie this close (degrees) into one line. */
  joinDegrees?: number;
}

const M_PER_DEG = 111_320;
const key = (p: Position) => `${p[0]},${p[1]}`;

/** Pieces of lines chained end to end (either way round) where their ends (nearly) meet. */
export function joinPieces(pieces: Position[][], tolerance: number): Position[][] {
  const lines = pieces.filter((p) => p.length >= 2).map((p) => [...p]);
  const close = (a: Position, b: Position) => Math.abs(a[0]! - b[0]!) <= tolerance && Math.abs(a[1]! - b[1]!) <= tolerance;
  for (let joined = true; joined; ) {
    joined = false;
    outer: for (let i = 0; i < lines.length; i++) {
      for (let j = 0; j < lines.length; j++) {
        if (i === j) continue;
        const a = lines[i]!, b = lines[j]!;
        let merged: Position[] | undefined;
        if (close(a.at(-1)!, b[0]!)) merged = [...a, ...b.slice(1)];
        else if (close(a.at(-1)!, b.at(-1)!)) merged = [...a, ...[...b].reverse().slice(1)];
        else if (close(a[0]!, b[0]!)) merged = [...[...a].reverse(), ...b.slice(1)];
        if (!merged) continue;
        lines[i] = merged;
        lines.splice(j, 1);
        joined = true;
        break outer;
      }
    }
  }
  return lines;
}

interface Projection {
  river: number;
  /** Distance along the river (segment index + fraction), for ordering. */
  at: number;
  point: Position;
  metres: number;
}

/** The nearest point of each river to `p`, nearest first. */
function project(p: Position, rivers: Position[][]): Projection[] {
  const kx = M_PER_DEG * Math.cos((p[1]! * Math.PI) / 180);
  const out: Projection[] = [];
  rivers.forEach((river, r) => {
    let best: Projection | undefined;
    for (let i = 1; i < river.length; i++) {
      const a = river[i - 1]!, b = river[i]!;
      const ax = (a[0]! - p[0]!) * kx, ay = (a[1]! - p[1]!) * M_PER_DEG;
      const bx = (b[0]! - p[0]!) * kx, by = (b[1]! - p[1]!) * M_PER_DEG;
      const dx = bx - ax, dy = by - ay;
      const len = dx * dx + dy * dy;
      const t = len === 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / len));
      const metres = Math.hypot(ax + t * dx, ay + t * dy);
      if (!best || metres < best.metres) {
        best = { river: r, at: i - 1 + t, point: [a[0]! + t * (b[0]! - a[0]!), a[1]! + t * (b[1]! - a[1]!)], metres };
      }
    }
    if (best) out.push(best);
  });
  return out.sort((a, b) => a.metres - b.metres);
}

/** The river from one projection to another, both ends included, in that direction. */
function riverBetween(river: Position[], from: Projection, to: Projection): Position[] {
  const path: Position[] = [from.point];
  if (from.at <= to.at) for (let i = Math.floor(from.at) + 1; i <= Math.ceil(to.at) - 1; i++) path.push(river[i]!);
  else for (let i = Math.ceil(from.at) - 1; i >= Math.floor(to.at) + 1; i--) path.push(river[i]!);
  path.push(to.point);
  return path;
}

const lengthM = (line: Position[]) => {
  let m = 0;
  for (let i = 1; i < line.length; i++) {
    const kx = M_PER_DEG * Math.cos((line[i]![1]! * Math.PI) / 180);
    m += Math.hypot((line[i]![0]! - line[i - 1]![0]!) * kx, (line[i]![1]! - line[i - 1]![1]!) * M_PER_DEG);
  }
  return m;
};

/**
 * Every line (open, or a closed ring when its ends are equal) with its river-following stretches
 * replaced by the river. Lines that follow no river come back unchanged (the same arrays).
 */
export function followRivers(lines: Position[][], riverPieces: Position[][], options: RiverOptions = {}): Position[][] {
  const { maxM = 1500, minRunM = 3000, joinDegrees = 0.003 } = options;
  const rivers = joinPieces(riverPieces, joinDegrees);
  if (rivers.length === 0) return lines;
  let w = Infinity, s = Infinity, e = -Infinity, n = -Infinity;
  for (const r of rivers) for (const [x, y] of r) (w = Math.min(w, x!)), (e = Math.max(e, x!)), (s = Math.min(s, y!)), (n = Math.max(n, y!));
  const pad = (maxM / M_PER_DEG) * 2;
  const nearBox = (p: Position) => p[0]! >= w - pad && p[0]! <= e + pad && p[1]! >= s - pad && p[1]! <= n + pad;

  // Pass 1: the vertices on long river-following stretches of any line, and where they go.
  const moved = new Map<string, Projection>();
  const projections = new Map<string, Projection | null>();
  const nearest = (p: Position) => {
    const k = key(p);
    if (!projections.has(k)) {
      const best = nearBox(p) ? project(p, rivers)[0] : undefined;
      projections.set(k, best && best.metres <= maxM ? best : null);
    }
    return projections.get(k)!;
  };
  for (const line of lines) {
    let run: Position[] = [];
    const flush = () => {
      if (run.length >= 2 && lengthM(run) >= minRunM) for (const p of run) moved.set(key(p), nearest(p)!);
      run = [];
    };
    const closed = line.length > 3 && key(line[0]!) === key(line.at(-1)!);
    // A ring is walked twice round so a stretch through its first vertex is seen whole.
    const walk = closed ? [...line, ...line.slice(1)] : line;
    for (const p of walk) {
      const q = nearest(p);
      if (q && (run.length === 0 || nearest(run.at(-1)!)!.river === q.river)) run.push(p);
      else {
        flush();
        if (q) run.push(p);
      }
    }
    flush();
  }
  if (moved.size === 0) return lines;

  // Pass 2: each run of moved vertices becomes the river between its ends.
  return lines.map((line) => {
    if (!line.some((p) => moved.has(key(p)))) return line;
    const closed = line.length > 3 && key(line[0]!) === key(line.at(-1)!);
    let ring = line;
    if (closed) {
      // Start the ring at a vertex that stays, so no run is cut in two by its ends.
      const start = line.findIndex((p) => !moved.has(key(p)));
      if (start < 0) return line;
      ring = [...line.slice(start, -1), ...line.slice(0, start), line[start]!];
    }
    const out: Position[] = [];
    for (let i = 0; i < ring.length; ) {
      const first = moved.get(key(ring[i]!));
      if (!first) {
        out.push(ring[i]!);
        i++;
        continue;
      }
      let j = i;
      while (j + 1 < ring.length && moved.get(key(ring[j + 1]!))?.river === first.river) j++;
      for (const q of riverBetween(rivers[first.river]!, first, moved.get(key(ring[j]!))!)) {
        const last = out.at(-1);
        if (!last || last[0] !== q[0] || last[1] !== q[1]) out.push(q);
      }
      i = j + 1;
    }
    return out;
  });
}
