import { describe, expect, beforeAll } from 'vitest';
import type { Page } from 'playwright-core';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Supercluster from 'supercluster';
import type { Feature, Point } from 'geojson';
import { it, firstScreen, waitForMapIdle, settle, baseUrl, pixelOf } from './harness.ts';
import { generateSynthBundle } from '../../bench/lib/synth.ts';
import { placesClusterOptions } from '../../src/lib/tiles/clustered.ts';
import type { StoryBundle, PlaceFeature } from '../../src/lib/story/types.ts';

type MapWindow = { __atlasMap: import('maplibre-gl').Map; __blobTypes: string[] };
const OUT = join('dist', 'scale');
const STORY = '/scale/synth-20k-clusters.json';

/** Records the type of every blob the page turns into a URL (a GeoJSON for MapLibre would be one). */
function recordBlobUrls(): void {
  const w = window as unknown as { __blobTypes: string[] };
  w.__blobTypes = [];
  const create = URL.createObjectURL.bind(URL);
  URL.createObjectURL = (o: Blob | MediaSource) => {
    w.__blobTypes.push(o instanceof Blob ? o.type : 'media');
    return create(o);
  };
}

async function waitForStory(page: Page, hash: string): Promise<void> {
  await page.goto(new URL(hash, baseUrl()).href);
  await waitForMapIdle(page);
  await page.waitForFunction(
    () => {
      const map = (window as unknown as MapWindow).__atlasMap;
      const source = map.getSource('atlas-places');
      return Boolean(source) && map.isSourceLoaded('atlas-places') && map.querySourceFeatures('atlas-places', { sourceLayer: 'places' }).length > 0;
    },
    null,
    { timeout: 60_000 },
  );
  await page.waitForFunction(() => document.documentElement.hasAttribute('data-story-ready'), null, { timeout: 60_000 });
  await firstScreen(page);
}

/** The clusters supercluster makes of the given places (with their event counts) at zoom z, as the app's options make them. */
function expectedClusters(places: PlaceFeature[], countOf: (id: string) => number, z: number) {
  const index = new Supercluster<Record<string, unknown>, Record<string, unknown>>(placesClusterOptions());
  const points = places
    .filter((p) => p.geometry.type === 'Point')
    .map((p): Feature<Point, Record<string, unknown>> => ({ type: 'Feature', geometry: p.geometry as Point, properties: { pid: p.id, count: countOf(p.id) } }));
  index.load(points);
  return index.getClusters([-180, -85, 180, 85], z).filter((f) => f.properties.cluster);
}

/** Per place, how many of the given events name it (once per event). */
function countsOf(events: StoryBundle['events']): Map<string, number> {
  const counts = new Map<string, number>();
  for (const e of events) for (const id of new Set(e.places.map((p) => p.id))) counts.set(id, (counts.get(id) ?? 0) + 1);
  return counts;
}

describe('a dense story opened by link: its places clustered in the story worker', () => {
  let bundle: StoryBundle;
  beforeAll(() => {
    bundle = generateSynthBundle({ events: 20_000, seed: 13 });
    mkdirSync(OUT, { recursive: true });
    writeFileSync(join(OUT, 'synth-20k-clusters.json'), JSON.stringify(bundle));
  });

  it('draws them from vector tiles the worker serves, and the page makes no GeoJSON of them', async ({ open }) => {
    const w = await open();
    await w.page.addInitScript(recordBlobUrls);
    const requested: string[] = [];
    w.page.on('request', (r) => requested.push(new URL(r.url()).pathname));
    await waitForStory(w.page, `#data=${STORY}`);
    // A story without areas does not fetch the areas' tiling code.
    expect(requested.filter((p) => p.includes('/story.worker'))).toHaveLength(1);
    expect(requested.filter((p) => /\/areas-[\w-]+\.js$/.test(p))).toEqual([]);
    const seen = await w.page.evaluate(() => {
      const win = window as unknown as MapWindow;
      const source = win.__atlasMap.getSource('atlas-places') as unknown as { type: string; tiles?: string[] };
      return { type: source.type, tiles: source.tiles, blobs: win.__blobTypes, clusters: win.__atlasMap.queryRenderedFeatures({ layers: ['atlas-clusters'] }).length };
    });
    expect(seen.type).toBe('vector');
    expect(seen.tiles?.[0]).toMatch(/^atlas-places:\/\/[\w-]+\/0\/\{z\}\/\{x\}\/\{y\}$/);
    expect(seen.blobs.filter((t) => t.includes('json'))).toEqual([]);
    expect(seen.clusters).toBeGreaterThan(0);
    expect(w.pageErrors).toEqual([]);
    expect(w.consoleErrors).toEqual([]);
  });

  it('shows the filtered count in the cluster under the pointer, and the whole count once the filters are cleared', async ({ open }) => {
    // The rarest category: its clusters count far fewer events than all.
    const byCat = new Map<string, number>();
    for (const e of bundle.events) byCat.set(e.category, (byCat.get(e.category) ?? 0) + 1);
    const rare = [...byCat].sort((a, b) => a[1] - b[1])[0]![0];
    const passing = bundle.events.filter((e) => e.category === rare);
    const passingCounts = countsOf(passing);
    const allCounts = countsOf(bundle.events);
    const places = bundle.places.features as PlaceFeature[];

    const w = await open();
    await waitForStory(w.page, `#map=6/31.7/34.8&data=${STORY}&cat=${rare}`);
    await expect(w.page.locator('.filters .summary').textContent()).resolves.toContain(`of 20,000 events`);

    // The biggest cluster drawn well inside the map, where a person sees it (nothing covers it).
    const target = await w.page.evaluate(() => {
      const map = (window as unknown as MapWindow).__atlasMap;
      const r = map.getCanvas().getBoundingClientRect();
      const drawn = map
        .queryRenderedFeatures({ layers: ['atlas-clusters'] })
        .map((f) => ({ at: (f.geometry as GeoJSON.Point).coordinates as [number, number], n: Number(f.properties.point_count) }))
        .map((c) => ({ ...c, p: map.project(c.at) }))
        .filter(({ p }) => p.x > 40 && p.y > 40 && p.x < r.width - 40 && p.y < r.height - 40)
        .filter(({ p }) => document.elementFromPoint(r.left + p.x, r.top + p.y) === map.getCanvas())
        .sort((a, b) => b.n - a.n)[0];
      return drawn ? { at: drawn.at, x: r.left + drawn.p.x, y: r.top + drawn.p.y, zoom: map.getZoom() } : null;
    });
    expect(target).not.toBeNull();
    await w.page.mouse.move(target!.x, target!.y);
    const underPointer = () =>
      w.page.evaluate(
        ({ x, y }) => {
          const map = (window as unknown as MapWindow).__atlasMap;
          const r = map.getCanvas().getBoundingClientRect();
          const [f] = map.queryRenderedFeatures([x - r.left, y - r.top], { layers: ['atlas-clusters'] });
          return f ? { at: (f.geometry as GeoJSON.Point).coordinates as [number, number], places: Number(f.properties.point_count), events: Number(f.properties.count), cursor: map.getCanvas().style.cursor } : null;
        },
        target!,
      );
    // The cluster supercluster makes there of the passing places, counting their passing events.
    const nearest = (clusters: ReturnType<typeof expectedClusters>, at: [number, number]) =>
      clusters.sort((a, b) => {
        const d = (f: (typeof clusters)[number]) => Math.hypot(f.geometry.coordinates[0]! - at[0], f.geometry.coordinates[1]! - at[1]);
        return d(a) - d(b);
      })[0]!;
    const z = Math.floor(target!.zoom);
    const filtered = await underPointer();
    expect(filtered?.cursor).toBe('pointer');
    const want = nearest(
      expectedClusters(places.filter((p) => passingCounts.has(p.id)), (id) => passingCounts.get(id) ?? 0, z),
      filtered!.at,
    );
    expect(filtered!.events).toBe(want.properties.count);
    expect(filtered!.places).toBe(want.properties.point_count);

    // Cleared: the clusters count every event again (the tiles are made anew; wait for them).
    await w.page.locator('.filters .summary button').click();
    await w.page.waitForFunction(() => !location.hash.includes('cat='));
    await settle(w.page);
    await w.page.waitForFunction(
      ({ x, y, before }) => {
        const map = (window as unknown as MapWindow).__atlasMap;
        const r = map.getCanvas().getBoundingClientRect();
        const [f] = map.queryRenderedFeatures([x - r.left, y - r.top], { layers: ['atlas-clusters'] });
        return f !== undefined && Number(f.properties.count) !== before;
      },
      { ...target!, before: filtered!.events },
      { timeout: 30_000 },
    );
    await settle(w.page);
    const whole = await underPointer();
    const wantWhole = nearest(expectedClusters(places, (id) => allCounts.get(id) ?? 0, z), whole!.at);
    expect(whole!.events).toBe(wantWhole.properties.count);
    expect(whole!.events).toBeGreaterThan(filtered!.events);
    expect(w.pageErrors).toEqual([]);
    expect(w.consoleErrors).toEqual([]);
  });

  it('highlights a clicked place through the vector tiles’ feature-state, and zooms into a clicked cluster', async ({ open }) => {
    const w = await open();
    await waitForStory(w.page, `#map=6/31.7/34.8&data=${STORY}`);
    const target = await w.page.evaluate(() => {
      const map = (window as unknown as MapWindow).__atlasMap;
      const r = map.getCanvas().getBoundingClientRect();
      const [c] = map
        .queryRenderedFeatures({ layers: ['atlas-clusters'] })
        .map((f) => map.project((f.geometry as GeoJSON.Point).coordinates as [number, number]))
        .filter((p) => p.x > 40 && p.y > 40 && p.x < r.width - 40 && p.y < r.height - 40 && document.elementFromPoint(r.left + p.x, r.top + p.y) === map.getCanvas());
      return c ? { x: r.left + c.x, y: r.top + c.y, zoom: map.getZoom() } : null;
    });
    expect(target).not.toBeNull();
    await w.page.mouse.click(target!.x, target!.y);
    await w.page.waitForFunction((z) => (window as unknown as MapWindow).__atlasMap.getZoom() > z + 0.5, target!.zoom, { timeout: 30_000 });
    await settle(w.page);

    // Close in on a place with no other near it: the pointer over it lights its halo, a click
    // selects it, and both are feature-state of the vector tiles' feature.
    const points = (bundle.places.features as PlaceFeature[]).filter((p) => p.geometry.type === 'Point');
    const counts = countsOf(bundle.events);
    const lone = points.find((p) => {
      const [x, y] = p.geometry.coordinates as [number, number];
      return (counts.get(p.id) ?? 0) > 0 && !points.some((q) => q !== p && Math.hypot(((q.geometry.coordinates as number[])[0]! - x) * 0.85, (q.geometry.coordinates as number[])[1]! - y) < 0.004);
    })!;
    await w.page.evaluate((at) => (window as unknown as MapWindow).__atlasMap.jumpTo({ center: at, zoom: 15 }), lone.geometry.coordinates as [number, number]);
    await settle(w.page);
    const at = await w.page.evaluate((ll) => {
      const map = (window as unknown as MapWindow).__atlasMap;
      const r = map.getCanvas().getBoundingClientRect();
      const p = map.project(ll);
      return { x: r.left + p.x, y: r.top + p.y, seen: document.elementFromPoint(r.left + p.x, r.top + p.y) === map.getCanvas() };
    }, lone.geometry.coordinates as [number, number]);
    expect(at.seen).toBe(true);
    const state = () =>
      w.page.evaluate((id) => (window as unknown as MapWindow).__atlasMap.getFeatureState({ source: 'atlas-places', sourceLayer: 'places', id }), lone.id);
    await w.page.mouse.move(at.x, at.y);
    await w.page.waitForFunction(
      (id) => (window as unknown as MapWindow).__atlasMap.getFeatureState({ source: 'atlas-places', sourceLayer: 'places', id }).hover === true,
      lone.id,
      { timeout: 10_000 },
    );
    await w.page.mouse.click(at.x, at.y);
    await w.page.waitForFunction((id) => location.hash.includes(`place=${id}`), lone.id, { timeout: 30_000 });
    await expect(w.page.locator('.maplibregl-popup article h2').textContent()).resolves.toBe(lone.properties.name);
    expect((await state()).selected).toBe(true);
    expect(w.pageErrors).toEqual([]);
  });

  it('says what is wrong with a dense story whose events are broken, after drawing its places, and does not hang', async ({ open }) => {
    const broken = structuredClone(bundle);
    (broken.events[7] as unknown as { date: unknown }).date = 'someday';
    writeFileSync(join(OUT, 'synth-20k-broken.json'), JSON.stringify(broken));
    const w = await open();
    await w.page.goto(new URL('#data=/scale/synth-20k-broken.json', baseUrl()).href);
    const alert = w.page.locator('section.errors[role="alert"]');
    await alert.waitFor({ timeout: 60_000 });
    await expect(alert.textContent()).resolves.toContain('synth-20k-broken.json');
    await expect(alert.textContent()).resolves.toContain(broken.events[7]!.id);
    // Seen: inside the window, and not covered.
    const seen = await alert.evaluate((el) => {
      const r = el.getBoundingClientRect();
      const hit = document.elementFromPoint(r.left + r.width / 2, r.top + Math.min(20, r.height / 2));
      return r.width > 0 && r.bottom <= innerHeight + 1 && r.right <= innerWidth + 1 && el.contains(hit);
    });
    expect(seen).toBe(true);
    // The map is not left waiting for tiles from a worker that is gone.
    await waitForMapIdle(w.page);
    expect(w.pageErrors).toEqual([]);
  });
});

/**
 * How much our area layers add to the picture around a [lng, lat] (a square of 2·half + 1 canvas
 * pixels): the summed colour difference between the frame as drawn and the same frame with the
 * areas' fill and outline hidden. Zero: the areas draw nothing there.
 */
async function areaInk(page: Page, lngLat: [number, number], half = 12): Promise<number> {
  return page.evaluate(
    ({ ll, half }) => {
      const map = (window as unknown as MapWindow).__atlasMap;
      const canvas = map.getCanvas();
      const gl = (canvas.getContext('webgl2') ?? canvas.getContext('webgl')) as WebGLRenderingContext;
      const scale = canvas.width / canvas.clientWidth;
      const p = map.project(ll);
      const [x, y] = [Math.round(p.x * scale) - half, canvas.height - 1 - Math.round(p.y * scale) - half];
      const side = 2 * half + 1;
      const frame = () =>
        new Promise<Uint8Array>((resolve) => {
          map.once('render', () => {
            const px = new Uint8Array(side * side * 4);
            gl.readPixels(x, y, side, side, gl.RGBA, gl.UNSIGNED_BYTE, px);
            resolve(px);
          });
          map.triggerRepaint();
        });
      const layers = ['atlas-area-fill', 'atlas-area-line'];
      return (async () => {
        const drawn = await frame();
        for (const id of layers) map.setLayoutProperty(id, 'visibility', 'none');
        const bare = await frame();
        for (const id of layers) map.setLayoutProperty(id, 'visibility', 'visible');
        await frame();
        let sum = 0;
        for (let i = 0; i < drawn.length; i++) if (i % 4 !== 3) sum += Math.abs(drawn[i]! - bare[i]!);
        return sum;
      })();
    },
    { ll: lngLat, half },
  );
}

describe('a dense story’s areas, drawn from the story worker’s tiles', () => {
  const AREAS = '/scale/synth-dense-areas.json';
  /** A region east of every synthetic place (no cluster covers it), islands beside it, a region among the places. */
  const EAST: [number, number][] = [[36.5, 31], [37.5, 31], [37.5, 32], [36.5, 32], [36.5, 31]];
  const INSIDE: [number, number] = [37.25, 31.2];
  const VIEW = '#map=8/31.5/37.2';
  let bundle: StoryBundle;

  beforeAll(() => {
    // 2,500 places (clustered in the worker), with two regions and a region in two parts.
    bundle = generateSynthBundle({ events: 5_000, seed: 21 });
    const area = (id: string, name: string, geometry: PlaceFeature['geometry'], kind: string): PlaceFeature => ({
      type: 'Feature',
      id,
      geometry,
      properties: { name, kind, precision: { level: 'region', radiusM: 1000 }, description: `A test ${kind}.` },
    });
    bundle.places.features.push(
      area('east-region', 'Eastern Test Region', { type: 'Polygon', coordinates: [EAST] }, 'region'),
      area('hill-region', 'Hill Test Region', { type: 'Polygon', coordinates: [[[34.9, 31.9], [35.3, 31.9], [35.3, 32.2], [34.9, 32.2], [34.9, 31.9]]] }, 'region'),
      area(
        'east-islands',
        'Eastern Test Islands',
        {
          type: 'MultiPolygon',
          coordinates: [
            [[[37.7, 31.1], [37.9, 31.1], [37.9, 31.3], [37.7, 31.3], [37.7, 31.1]]],
            [[[37.8, 31.6], [38, 31.6], [38, 31.8], [37.8, 31.8], [37.8, 31.6]]],
          ],
        },
        'region',
      ),
    );
    // The eastern region's events are all humanitarian; the others' are context.
    const template = bundle.events[0]!;
    const named = [
      ['east-region', 'humanitarian'],
      ['east-region', 'humanitarian'],
      ['east-region', 'humanitarian'],
      ['hill-region', 'context'],
      ['hill-region', 'context'],
      ['east-islands', 'context'],
    ];
    named.forEach(([id, category], i) => bundle.events.push({ ...template, id: `area-ev-${i}`, category: category!, places: [{ id: id!, role: 'at' }] }));
    mkdirSync(OUT, { recursive: true });
    writeFileSync(join(OUT, 'synth-dense-areas.json'), JSON.stringify(bundle));
  });

  it('fills, outlines and names them once, where a person sees them, without counting them in the clusters', async ({ open }) => {
    const w = await open();
    const requested: string[] = [];
    w.page.on('request', (r) => requested.push(new URL(r.url()).pathname));
    await waitForStory(w.page, `${VIEW}&data=${AREAS}`);
    // The areas' tiling code came, on demand, with this story.
    expect(requested.filter((p) => /\/areas-[\w-]+\.js$/.test(p))).toHaveLength(1);
    const seen = await w.page.evaluate(
      ({ inside }) => {
        const map = (window as unknown as MapWindow).__atlasMap;
        const r = map.getCanvas().getBoundingClientRect();
        const ids = (layer: string) => [...new Set(map.queryRenderedFeatures({ layers: [layer] }).map((f) => String(f.properties.pid)))].sort();
        const labels = map
          .queryRenderedFeatures({ layers: ['atlas-area-label'] })
          .filter((f) => f.properties.pid === 'east-region')
          .map((f) => {
            if (f.geometry.type !== 'Point') return { type: f.geometry.type };
            const p = map.project((f.geometry as GeoJSON.Point).coordinates as [number, number]);
            const [x, y] = [r.left + p.x, r.top + p.y];
            return { type: 'Point', onScreen: x > 0 && y > 0 && x < innerWidth && y < innerHeight, canvas: document.elementFromPoint(x, y) === map.getCanvas() };
          });
        const p = map.project(inside);
        const clusters = map.querySourceFeatures('atlas-places', { sourceLayer: 'places' }).filter((f) => f.properties.cluster);
        return {
          type: map.getSource('atlas-places')!.type,
          fills: ids('atlas-area-fill'),
          lines: ids('atlas-area-line'),
          labels,
          insideSeen: document.elementFromPoint(r.left + p.x, r.top + p.y) === map.getCanvas(),
          insideHits: map.queryRenderedFeatures([p.x, p.y], { layers: ['atlas-area-fill'] }).map((f) => f.properties.pid),
          clusterIds: clusters.length,
        };
      },
      { inside: INSIDE },
    );
    expect(seen.type).toBe('vector');
    expect(seen.fills).toContain('east-region');
    expect(seen.fills).toContain('east-islands');
    expect(seen.lines).toEqual(expect.arrayContaining(['east-region', 'east-islands']));
    // Its name once, at its label point, on screen and not covered.
    expect(seen.labels).toEqual([{ type: 'Point', onScreen: true, canvas: true }]);
    expect(seen.insideSeen).toBe(true);
    expect(seen.insideHits).toEqual(['east-region']);
    // The fill shows: the area layers change what is drawn inside it.
    expect(await areaInk(w.page, INSIDE)).toBeGreaterThan(0);

    // Zoomed out, the clusters count the 2,500 places and their 5,000 events, none of the areas'.
    await w.page.evaluate(() => (window as unknown as MapWindow).__atlasMap.jumpTo({ center: [35, 31.7], zoom: 3 }));
    await settle(w.page);
    const counted = await w.page.evaluate(() => {
      const map = (window as unknown as MapWindow).__atlasMap;
      const drawn = map.queryRenderedFeatures({ layers: ['atlas-clusters', 'atlas-places-circle'] });
      return {
        places: drawn.reduce((n, f) => n + Number(f.properties.point_count ?? 1), 0),
        events: drawn.reduce((n, f) => n + Number(f.properties.count ?? 0), 0),
      };
    });
    const points = bundle.places.features.filter((p) => p.geometry.type === 'Point').length;
    expect(counted.places).toBe(points);
    expect(counted.events).toBe(5_000);
    expect(w.pageErrors).toEqual([]);
    expect(w.consoleErrors).toEqual([]);
  });

  it('opens an area clicked inside it', async ({ open }) => {
    const w = await open();
    await waitForStory(w.page, `${VIEW}&data=${AREAS}`);
    const { x, y } = await pixelOf(w.page, INSIDE);
    await w.page.mouse.click(x, y);
    await w.page.waitForFunction(() => location.hash.includes('place=east-region'), null, { timeout: 30_000 });
    await expect(w.page.locator('.maplibregl-popup article h2').textContent()).resolves.toBe('Eastern Test Region');
    const state = await w.page.evaluate(() =>
      (window as unknown as MapWindow).__atlasMap.getFeatureState({ source: 'atlas-places', sourceLayer: 'places', id: 'east-region' }),
    );
    expect(state.selected).toBe(true);
    expect(w.pageErrors).toEqual([]);
  });

  it('fades an area the filters leave out, as any place, and brings it back when they are cleared', async ({ open }) => {
    const w = await open();
    await waitForStory(w.page, `${VIEW}&data=${AREAS}&cat=context`);
    const state = (id: string) =>
      w.page.evaluate((id) => (window as unknown as MapWindow).__atlasMap.getFeatureState({ source: 'atlas-places', sourceLayer: 'places', id }), id);
    await w.page.waitForFunction(
      () => (window as unknown as MapWindow).__atlasMap.getFeatureState({ source: 'atlas-places', sourceLayer: 'places', id: 'east-region' }).faded === true,
      null,
      { timeout: 30_000 },
    );
    await settle(w.page);
    // The islands have a passing event: not faded.
    expect((await state('east-islands')).faded).not.toBe(true);
    // Still drawn (and clickable), only fainter.
    const drawn = await w.page.evaluate(() => (window as unknown as MapWindow).__atlasMap.queryRenderedFeatures({ layers: ['atlas-area-fill'] }).map((f) => f.properties.pid));
    expect(drawn).toContain('east-region');
    const faded = await areaInk(w.page, INSIDE);

    await w.page.locator('.filters .summary button').click();
    await w.page.waitForFunction(() => !location.hash.includes('cat='));
    await w.page.waitForFunction(
      () => (window as unknown as MapWindow).__atlasMap.getFeatureState({ source: 'atlas-places', sourceLayer: 'places', id: 'east-region' }).faded !== true,
      null,
      { timeout: 30_000 },
    );
    await settle(w.page);
    const whole = await areaInk(w.page, INSIDE);
    expect(faded).toBeGreaterThan(0);
    expect(faded).toBeLessThan(whole / 2);
    expect(w.pageErrors).toEqual([]);
    expect(w.consoleErrors).toEqual([]);
  });
});
