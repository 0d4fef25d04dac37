/**
 * The embedded basemap in the built app, around the seed story: what it draws at zoom 5, 9 and 13,
 * lakes as water, territory outlines on land, what it downloads, and that it never leaves the
 * app's own origin.
 */
import { describe, expect } from 'vitest';
import type { Page } from 'playwright-core';
import { it, baseUrl, waitForMapIdle, colourAt } from './harness.ts';

type AtlasWindow = { __atlasMap: import('maplibre-gl').Map };

/** Moves the map and resolves once everything at the new view is drawn. */
async function jumpAndIdle(page: Page, center: [number, number], zoom: number): Promise<void> {
  await page.evaluate(
    ({ center, zoom }) =>
      new Promise<void>((resolve) => {
        const map = (window as unknown as AtlasWindow).__atlasMap;
        map.once('idle', () => resolve());
        map.jumpTo({ center, zoom });
        map.triggerRepaint();
      }),
    { center, zoom },
  );
}

const PORT: [number, number] = [34.4306, 31.5258];
const DEAD_SEA: [number, number] = [35.5, 31.5];
/** Where Natural Earth's Gaza borders reach the coast: with Egypt (Rafah) and with Israel (Zikim). */
const BORDER_COAST: Record<string, [number, number]> = { rafah: [34.2, 31.313], zikim: [34.483, 31.584] };

const rgb = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
const near = (a: number[], b: number[]) => a.every((v, i) => Math.abs(v - b[i]!) <= 3);

/**
 * Points every ~8 px along the Gaza Strip / West Bank outlines drawn in view (the basemap's, and
 * the story's own dashed area outlines; countries' are drawn transparent), each with whether
 * OpenStreetMap land lies within 2 px of it (a point on the shore counts as on land).
 */
async function outlineSamples(page: Page): Promise<{ at: [number, number]; onLand: boolean }[]> {
  return page.evaluate(() => {
    const map = (window as unknown as AtlasWindow).__atlasMap;
    const lines = map
      .queryRenderedFeatures({ layers: ['boundary-territory', 'detail-boundary-territory', 'atlas-area-line'] })
      .filter((f) => f.properties.kind !== 'country')
      .flatMap((f) => {
        const g = f.geometry;
        const parts =
          g.type === 'LineString' ? [g.coordinates]
          : g.type === 'MultiLineString' || g.type === 'Polygon' ? g.coordinates
          : g.type === 'MultiPolygon' ? g.coordinates.flat()
          : [];
        return parts.map((coordinates) => ({ world: f.layer.id === 'boundary-territory', coordinates }));
      });
    const { width, height } = map.getCanvas().getBoundingClientRect();
    const samples: { at: [number, number]; onLand: boolean }[] = [];
    for (const { world, coordinates: line } of lines) {
      for (let i = 1; i < line.length; i++) {
        const a = map.project(line[i - 1] as [number, number]);
        const b = map.project(line[i] as [number, number]);
        const steps = Math.max(1, Math.ceil(Math.hypot(b.x - a.x, b.y - a.y) / 8));
        for (let s = 0; s <= steps; s++) {
          const x = a.x + ((b.x - a.x) * s) / steps;
          const y = a.y + ((b.y - a.y) * s) / steps;
          if (x < 0 || y < 0 || x > width || y > height) continue;
          // The story area's cover is painted over the world layers: what is under it is not seen.
          if (world && map.queryRenderedFeatures([x, y], { layers: ['detail-cover'] }).length > 0) continue;
          const onLand = map.queryRenderedFeatures([[x - 2, y - 2], [x + 2, y + 2]], { layers: ['detail-land'] }).length > 0;
          const ll = map.unproject([x, y]);
          samples.push({ at: [Number(ll.lng.toFixed(5)), Number(ll.lat.toFixed(5))], onLand });
        }
      }
    }
    return samples;
  });
}


/**
 * Rows (CSS px from the top of the map) where land meets sea in each of the given columns (CSS px
 * from the map's left), as drawn: pixels read right after a frame, each called land or sea by the
 * nearer of the two colours (others, such as labels, are skipped).
 */
async function coastRows(page: Page, columns: number[]): Promise<number[][]> {
  return page.evaluate(
    (columns) =>
      new Promise<number[][]>((resolve) => {
        const map = (window as unknown as AtlasWindow).__atlasMap;
        const canvas = map.getCanvas();
        const gl = (canvas.getContext('webgl2') ?? canvas.getContext('webgl')) as WebGLRenderingContext;
        const scale = canvas.width / canvas.clientWidth;
        const hex = (h: string) => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16));
        const sea = hex(String(map.getPaintProperty('background', 'background-color')));
        const land = hex(String(map.getPaintProperty('detail-land', 'fill-color')));
        const dist = (px: Uint8Array, i: number, c: number[]) => Math.hypot(px[i]! - c[0]!, px[i + 1]! - c[1]!, px[i + 2]! - c[2]!);
        map.once('render', () => {
          resolve(
            columns.map((x) => {
              const px = new Uint8Array(4 * canvas.height);
              gl.readPixels(Math.round(x * scale), 0, 1, canvas.height, gl.RGBA, gl.UNSIGNED_BYTE, px);
              const rows: number[] = [];
              let last: boolean | undefined;
              // readPixels counts rows from the bottom.
              for (let r = canvas.height - 1; r >= 0; r--) {
                const ds = dist(px, 4 * r, sea), dl = dist(px, 4 * r, land);
                if (Math.min(ds, dl) > 6) continue;
                const isLand = dl < ds;
                if (last !== undefined && isLand !== last) rows.push((canvas.height - 1 - r) / scale);
                last = isLand;
              }
              return rows;
            }),
          );
        });
        map.triggerRepaint();
      }),
    columns,
  );
}

/** The story's initial view: its places' bounds (Rafah crossing to Ramallah), padded. */
const STORY_BOUNDS: [[number, number], [number, number]] = [
  [34.2592, 31.2208],
  [35.2, 31.9],
];

describe('the embedded basemap around the seed story', () => {
  it('draws labelled towns at zoom 5, 9 and 13 with no error, no CSP violation and no foreign request', async ({ open }) => {
    const w = await open();
    await w.page.goto(baseUrl());
    await waitForMapIdle(w.page);
    const seen: Record<number, string[]> = {};
    for (const [zoom, center] of [
      [5, [34.8, 31.6]],
      [9, [34.7, 31.6]],
      [13, [34.45, 31.51]],
    ] as [number, [number, number]][]) {
      await jumpAndIdle(w.page, center, zoom);
      seen[zoom] = await w.page.evaluate(() => {
        const map = (window as unknown as AtlasWindow).__atlasMap;
        return map
          // The story's own labels count too: where a story names a town, its label replaces
          // the basemap's (one label per town, not two).
          .queryRenderedFeatures({
            layers: ['place-label', 'detail-place-label', 'country-label', 'territory-label', 'atlas-places-label'],
          })
          .map((f) => String(f.properties.name));
      });
    }
    expect(seen[5]).toEqual(expect.arrayContaining(['Israel', 'Jordan', 'Egypt']));
    expect(seen[9]).toEqual(expect.arrayContaining(['Gaza City', 'Khan Younis', 'Ashkelon']));
    expect(seen[13]).toEqual(expect.arrayContaining(['Gaza City']));
    // The basemap still labels towns of its own at street zoom.
    expect(seen[13]!.filter((name) => name !== 'Gaza City' && name !== 'Port of Gaza').length).toBeGreaterThan(0);
    expect(w.pageErrors).toEqual([]);
    expect(w.consoleErrors).toEqual([]);
    expect(w.foreignRequests).toEqual([]);
    expect(w.cspViolations).toEqual([]);
  });

  it('puts the Gaza City port on the shore at zoom 13: land just inland, sea just offshore', async ({ open }) => {
    const w = await open();
    await w.page.goto(baseUrl());
    await waitForMapIdle(w.page);
    await jumpAndIdle(w.page, PORT, 13);
    const probe = await w.page.evaluate((port) => {
      const map = (window as unknown as AtlasWindow).__atlasMap;
      /** Is there detailed land within `radius` px of a point `metres` from the port along `bearing`? */
      const landAt = (metres: number, bearing: number, radius = 2) => {
        const rad = (bearing * Math.PI) / 180;
        const lng = port[0] + (metres * Math.sin(rad)) / (111_320 * Math.cos((port[1] * Math.PI) / 180));
        const lat = port[1] + (metres * Math.cos(rad)) / 110_540;
        const p = map.project([lng, lat]);
        return map.queryRenderedFeatures([[p.x - radius, p.y - radius], [p.x + radius, p.y + radius]], { layers: ['detail-land'] })
          .length > 0;
      };
      // The coast here runs SSW–NNE; inland is ESE (bearing 120°), the sea WNW (300°).
      const metresPerPixel = (40_075_016 * Math.cos((port[1] * Math.PI) / 180)) / (512 * 2 ** map.getZoom());
      return {
        nearPort: landAt(0, 0, Math.ceil(100 / metresPerPixel)),
        inland300: landAt(300, 120),
        sea300: landAt(300, 300),
      };
    }, PORT);
    // Within 100 m of the port there is land (its quays), 300 m inland is land, 300 m out is sea.
    expect(probe).toEqual({ nearPort: true, inland300: true, sea300: false });
    expect(w.consoleErrors).toEqual([]);
  });

  it('draws the Dead Sea as water, not land, at zoom 8 and zoom 11', async ({ open }) => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const w = await open({ colorScheme });
      await w.page.goto(baseUrl());
      await waitForMapIdle(w.page);
      const palette = await w.page.evaluate(() => {
        const map = (window as unknown as AtlasWindow).__atlasMap;
        return { water: String(map.getPaintProperty('background', 'background-color')), land: String(map.getPaintProperty('detail-land', 'fill-color')) };
      });
      for (const zoom of [8, 11]) {
        await jumpAndIdle(w.page, DEAD_SEA, zoom);
        const seen = await colourAt(w.page, DEAD_SEA);
        expect(near(seen, rgb(palette.water)), `${colorScheme}, zoom ${zoom}: ${seen} should be water ${palette.water}, not land ${palette.land}`).toBe(true);
      }
      expect(w.consoleErrors).toEqual([]);
      await w.page.context().close();
    }
  }, 240_000);

  it('keeps the Gaza Strip outline on land at zoom 13: at the port, and where its borders meet the coast', async ({ open }) => {
    const w = await open();
    await w.page.goto(baseUrl());
    await waitForMapIdle(w.page);
    await jumpAndIdle(w.page, PORT, 13);
    const atPort = await outlineSamples(w.page);
    expect(atPort.filter((s) => !s.onLand)).toEqual([]);
    for (const [name, at] of Object.entries(BORDER_COAST)) {
      await jumpAndIdle(w.page, at, 13);
      const samples = await outlineSamples(w.page);
      // The border is in view, and none of it is drawn over the sea.
      expect(samples.length, name).toBeGreaterThan(10);
      expect(samples.filter((s) => !s.onLand), name).toEqual([]);
    }
    expect(w.consoleErrors).toEqual([]);
  }, 240_000);

  it('draws one coastline across the edge of the story area, where the world land meets the detail land', async ({ open }) => {
    const w = await open();
    await w.page.goto(baseUrl());
    await waitForMapIdle(w.page);
    const { areas } = await w.page.evaluate(() => fetch('basemap/areas.json').then((r) => r.json() as Promise<{ areas: { bbox: number[] }[] }>));
    // Only land and sea are looked at: labels (whose halo is the land's colour) and markers go.
    await w.page.evaluate(() => {
      const map = (window as unknown as AtlasWindow).__atlasMap;
      for (const layer of map.getStyle().layers) if (layer.type === 'symbol' || layer.type === 'circle') map.setLayoutProperty(layer.id, 'visibility', 'none');
    });
    const [west, south, , north] = areas[0]!.bbox as [number, number, number, number];
    // The western edge crosses the Sinai coast: find the crossing at zoom 8, then look at zoom 12.
    await jumpAndIdle(w.page, [west, (south + north) / 2], 8);
    const edgeX = async () => w.page.evaluate((west) => (window as unknown as AtlasWindow).__atlasMap.project([west, 0]).x, west);
    let x = await edgeX();
    const [row] = (await coastRows(w.page, [x + 3]))[0]!;
    expect(row, 'the area’s western edge crosses a coast in view').toBeDefined();
    const lat = await w.page.evaluate(({ x, row }) => (window as unknown as AtlasWindow).__atlasMap.unproject([x, row]).lat, { x, row: row! });
    await jumpAndIdle(w.page, [west, lat], 12);
    x = await edgeX();
    // Coast rows in two columns either side of the edge, each pair carried on to the edge itself
    // along the coast's own slope (a sloping coast is at another row 6 px further on anyway).
    const [far0, near0, near1, far1] = await coastRows(w.page, [x - 8, x - 2, x + 2, x + 8]);
    const atEdge = (near: number[], far: number[]) =>
      near.map((r) => {
        const f = far.reduce((best, c) => (Math.abs(c - r) < Math.abs(best - r) ? c : best), Infinity);
        return Number.isFinite(f) && Math.abs(f - r) < 20 ? r + ((r - f) * 2) / 6 : r;
      });
    const outside = atEdge(near0!, far0!), inside = atEdge(near1!, far1!);
    expect(outside.length, 'the coast is in view outside the area').toBeGreaterThan(0);
    // Each coast row just outside the edge meets one just inside within half the diagonal of a
    // cell of the grid the world tiles are written on (4096 units a zoom-6 tile: 8 px at zoom 12),
    // plus a pixel: where the edge cuts a world coast segment, that is how far the cut can move.
    const tolerance = Math.SQRT1_2 * ((512 * 2 ** (12 - 6)) / 4096) + 1;
    for (const r of outside) expect(Math.min(...inside.map((i) => Math.abs(i - r))), `coast at row ${r}: ${inside}`).toBeLessThanOrEqual(tolerance);
    // (The switch from zoom 6 to 7 is checked on the tiles themselves, in tests/unit/basemap-seam.test.ts:
    // rows of pixels are a poor measure of offsets on a coast running nearly north–south.)
    expect(w.consoleErrors).toEqual([]);
  }, 240_000);

  it('downloads under 2 MB for the basemap on a first visit to the story, zooming in to 13 over Gaza City', async ({ open }) => {
    const w = await open();
    await w.page.goto(baseUrl());
    await waitForMapIdle(w.page);
    await w.page.evaluate(
      (bounds) =>
        new Promise<void>((resolve) => {
          const map = (window as unknown as AtlasWindow).__atlasMap;
          map.once('idle', () => resolve());
          map.fitBounds(bounds, { padding: 40, animate: false });
        }),
      STORY_BOUNDS,
    );
    for (const zoom of [10, 11, 12, 13]) await jumpAndIdle(w.page, PORT, zoom);
    const bytes = await w.page.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .filter((e) => new URL(e.name).pathname.includes('/basemap/'))
        .reduce((sum, e) => sum + (e as PerformanceResourceTiming).transferSize, 0),
    );
    console.log(`basemap bytes transferred for the story and zoom 13 over Gaza City: ${bytes}`);
    expect(bytes).toBeGreaterThan(0);
    expect(bytes).toBeLessThan(2_000_000);
  });

  it('follows the system dark preference and switches with the toggle', async ({ open }) => {
    const w = await open({ colorScheme: 'dark' });
    await w.page.goto(baseUrl());
    await waitForMapIdle(w.page);
    const background = () =>
      w.page.evaluate(() => {
        const map = (window as unknown as AtlasWindow).__atlasMap;
        return String(map.getPaintProperty('background', 'background-color'));
      });
    const dark = await background();
    const toggle = w.page.getByRole('button', { name: 'Dark' });
    await expect(toggle.getAttribute('aria-pressed')).resolves.toBe('true');
    await toggle.click();
    await w.page.waitForFunction((before) => {
      const map = (window as unknown as AtlasWindow).__atlasMap;
      return String(map.getPaintProperty('background', 'background-color')) !== before;
    }, dark);
    await expect(w.page.getByRole('button', { name: 'Light' }).getAttribute('aria-pressed')).resolves.toBe('false');
    await expect(w.page.evaluate(() => document.documentElement.dataset.theme)).resolves.toBe('light');
    expect(w.consoleErrors).toEqual([]);
    expect(w.cspViolations).toEqual([]);
  });
});
