/**
 * Borders along a river are drawn on the river: in the redrawing itself (tools/basemap/rivers.ts)
 * and in the built basemap, where the West Bank's outline and fill meet the Jordan.
 */
import { describe, it, expect } from 'vitest';
import type { Position } from 'geojson';
import { followRivers, joinPieces } from '../../tools/basemap/rivers.ts';
import { openArchive, readLayer } from './helpers/pmtiles.ts';

const M_PER_DEG = 111_320;

describe('redrawing borders along rivers', () => {
  // A river along the equator from 0° to 1° E, in two pieces that meet; a border wandering
  // 300 m either side of it, and the ring of a territory north of it sharing the border's vertices.
  const river = [
    [[0, 0], [0.25, 0.001], [0.5, 0]],
    [[1, 0], [0.75, -0.001], [0.5, 0]],
  ];
  const wander: Position[] = Array.from({ length: 11 }, (_, i) => [0.1 + i * 0.08, (i % 2 ? 1 : -1) * 0.0027]);
  const ring: Position[] = [...wander, [0.9, 0.2], [0.1, 0.2], wander[0]!];

  it('joins river pieces end to end, turning one round where needed', () => {
    expect(joinPieces(river, 1e-9)).toEqual([[[0, 0], [0.25, 0.001], [0.5, 0], [0.75, -0.001], [1, 0]]]);
  });

  it('puts a border that keeps near a river onto it, and the same vertices of a ring with it', () => {
    const [border, outline, across] = followRivers([wander, ring, [[0.3, -0.1], [0.3, 0.1]]], river);
    const onRiver = (p: Position) => {
      // Distance to the river's piecewise line, in metres.
      const joined = joinPieces(river, 1e-9)[0]!;
      let best = Infinity;
      for (let i = 1; i < joined.length; i++) {
        const [ax, ay] = joined[i - 1] as [number, number], [bx, by] = joined[i] as [number, number];
        const t = Math.max(0, Math.min(1, ((p[0]! - ax) * (bx - ax) + (p[1]! - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)));
        best = Math.min(best, Math.hypot(p[0]! - (ax + t * (bx - ax)), p[1]! - (ay + t * (by - ay))) * M_PER_DEG);
      }
      return best;
    };
    expect(Math.max(...border!.map(onRiver))).toBeLessThan(0.01);
    // It follows the river's bends between its ends.
    expect(border).toContainEqual([0.25, 0.001]);
    expect(border).toContainEqual([0.75, -0.001]);
    // The ring's side along the river is the very same line; its other corners stay.
    // (The ring comes back starting at a vertex that stayed.)
    expect(outline).toEqual([[0.9, 0.2], [0.1, 0.2], ...border!, [0.9, 0.2]]);
    // A border that only crosses the river is left as it is.
    expect(across).toEqual([[0.3, -0.1], [0.3, 0.1]]);
  });

  it('leaves a border alone where it only brushes past a river', () => {
    const brush: Position[] = [[0.1, 0.05], [0.3, 0.002], [0.31, 0.002], [0.5, 0.05]];
    const [line] = followRivers([brush], river);
    expect(line).toBe(brush);
  });
});

describe('the built basemap along the Jordan', () => {
  it('draws the West Bank’s outline and fill on the river from the Dead Sea to the story area’s edge', async () => {
    const detail = openArchive(new URL('../../public/basemap/detail.pmtiles', import.meta.url).pathname);
    const z = 13;
    const n = 2 ** z;
    const extent = 4096;
    // The Jordan valley a tile clear of the Dead Sea and of the story area’s northern edge.
    const [w, s, e, north] = [35.45, 31.85, 35.65, 32.15];
    const tileX = (lng: number) => Math.floor((lng / 360 + 0.5) * n);
    const tileY = (lat: number) => {
      const sin = Math.sin((lat * Math.PI) / 180);
      return Math.floor((0.5 - (0.25 * Math.log((1 + sin) / (1 - sin))) / Math.PI) * n);
    };
    type Pt = [number, number];
    const rivers: Pt[][] = [], outline: Pt[] = [], fill: Pt[] = [];
    for (let x = tileX(w); x <= tileX(e); x++) {
      for (let y = tileY(north); y <= tileY(s); y++) {
        // Tile units, global: the same grid in every tile.
        const global = (ring: { x: number; y: number }[]): Pt[] => ring.map((p) => [x * extent + p.x, y * extent + p.y]);
        const inTile = (p: Pt) => p[0] >= x * extent && p[0] <= (x + 1) * extent && p[1] >= y * extent && p[1] <= (y + 1) * extent;
        const water = await readLayer(detail, z, x, y, 'water');
        for (let i = 0; water && i < water.length; i++) {
          const f = water.feature(i);
          if (f.properties.kind === 'river') rivers.push(...f.loadGeometry().map(global));
        }
        const boundary = await readLayer(detail, z, x, y, 'boundary');
        for (let i = 0; boundary && i < boundary.length; i++) {
          const f = boundary.feature(i);
          if (f.properties.kind === 'territory') outline.push(...f.loadGeometry().flatMap(global).filter(inTile));
        }
        const territory = await readLayer(detail, z, x, y, 'territory');
        for (let i = 0; territory && i < territory.length; i++) {
          const f = territory.feature(i);
          if (f.properties.name === 'West Bank') fill.push(...f.loadGeometry().flatMap(global).filter(inTile));
        }
      }
    }
    const metresPerUnit = (40_075_016.7 * Math.cos((32 * Math.PI) / 180)) / (n * extent);
    const toRiver = (p: Pt) => {
      let best = Infinity;
      for (const line of rivers) {
        for (let i = 1; i < line.length; i++) {
          const [ax, ay] = line[i - 1]!, [bx, by] = line[i]!;
          const len = (bx - ax) ** 2 + (by - ay) ** 2;
          const t = len ? Math.max(0, Math.min(1, ((p[0] - ax) * (bx - ax) + (p[1] - ay) * (by - ay)) / len)) : 0;
          best = Math.min(best, Math.hypot(p[0] - (ax + t * (bx - ax)), p[1] - (ay + t * (by - ay))));
        }
      }
      return best * metresPerUnit;
    };
    // Only the West Bank's eastern side: the part of its outline east of 35.45° E in the valley.
    expect(rivers.length).toBeGreaterThan(0);
    expect(outline.length).toBeGreaterThan(10);
    expect(fill.length).toBeGreaterThan(10);
    // Vertices of outline and fill that are not on a tile's clipped edge lie on the river (one
    // tile unit is about 1 m here; the river and the border are cut into tiles the same way).
    const onRiver = (points: Pt[]) => points.filter((p) => p[0] % extent !== 0 && p[1] % extent !== 0).map(toRiver);
    expect(Math.max(...onRiver(outline)), 'metres from the dashed outline to the Jordan').toBeLessThanOrEqual(3);
    expect(Math.max(...onRiver(fill)), 'metres from the edge of the West Bank fill to the Jordan').toBeLessThanOrEqual(3);
  }, 60_000);
});

describe('the outlines the editor offers', () => {
  it('give the West Bank the same eastern side as the basemap: on the Jordan', async () => {
    const { areasJson } = await import('../../tools/editor-assets.ts');
    const { vendoredRivers, joinPieces } = await import('../../tools/basemap/rivers.ts');
    const areas = JSON.parse(areasJson()) as { features: { properties: { name: string }; geometry: { coordinates: Position[][] } }[] };
    const westBank = areas.features.find((f) => f.properties.name === 'West Bank')!;
    const rivers = joinPieces(vendoredRivers(), 0.003);
    const metres = (p: Position) => {
      const kx = M_PER_DEG * Math.cos((p[1]! * Math.PI) / 180);
      let best = Infinity;
      for (const line of rivers) {
        for (let i = 1; i < line.length; i++) {
          const [ax, ay] = line[i - 1]!.map((v, k) => (v - p[k]!) * (k ? M_PER_DEG : kx)) as [number, number];
          const [bx, by] = line[i]!.map((v, k) => (v - p[k]!) * (k ? M_PER_DEG : kx)) as [number, number];
          const len = (bx - ax) ** 2 + (by - ay) ** 2;
          const t = len ? Math.max(0, Math.min(1, -(ax * (bx - ax) + ay * (by - ay)) / len)) : 0;
          best = Math.min(best, Math.hypot(ax + t * (bx - ax), ay + t * (by - ay)));
        }
      }
      return best;
    };
    const valley = westBank.geometry.coordinates[0]!.filter(([x, y]) => x! > 35.45 && y! > 31.85 && y! < 32.3);
    expect(valley.length).toBeGreaterThan(20);
    // Its coordinates are rounded to 0.001° (about 100 m): within that of the river, not 500 m off.
    expect(Math.max(...valley.map(metres))).toBeLessThanOrEqual(75);
  });
});
