import { describe, expect, beforeAll, afterAll } from 'vitest';
import type { Page } from 'playwright-core';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it, test, openPage, clickAt, settle, firstScreen, waitForMapIdle, pixelOf, baseUrl, colourAt, type Watched } from './harness.ts';
import { generateSynthBundle } from '../../bench/lib/synth.ts';
import { buildTiles } from '../../tools/tiles.ts';
import type { PlaceFeature, StoryBundle } from '../../src/lib/story/types.ts';
import { eventSpan } from '../../src/lib/story/filter.ts';
import { byChrono } from '../../src/lib/story/model.ts';

type MapWindow = { __atlasMap: import('maplibre-gl').Map };
const OUT = join('dist', 'scale');
const popup = (page: Page) => page.locator('.maplibregl-popup');

interface Isolated {
  id: string;
  name: string;
  at: [number, number];
  events: string[];
}

/** A point place with events and no other place within ~400 m, so a click there is unambiguous. */
function isolatedPlace(bundle: StoryBundle): Isolated {
  const [first] = isolatedPlaces(bundle);
  if (!first) throw new Error('no isolated place in the synthetic bundle');
  return first;
}

/** Every point place with two or more events and no other place within ~400 m. */
function isolatedPlaces(bundle: StoryBundle): Isolated[] {
  const found: Isolated[] = [];
  const points = (bundle.places.features as PlaceFeature[]).filter((p) => p.geometry.type === 'Point');
  const eventsOf = new Map<string, string[]>();
  for (const e of bundle.events) for (const p of new Set(e.places.map((r) => r.id))) eventsOf.set(p, [...(eventsOf.get(p) ?? []), e.id]);
  for (const p of points) {
    const [x, y] = p.geometry.coordinates as [number, number];
    const events = eventsOf.get(p.id) ?? [];
    if (events.length < 2) continue;
    const near = points.some((q) => {
      if (q === p) return false;
      const [qx, qy] = q.geometry.coordinates as [number, number];
      return Math.hypot((qx - x) * 0.85, qy - y) < 0.004;
    });
    if (!near) found.push({ id: p.id, name: p.properties.name, at: [x, y], events });
  }
  return found;
}

/** How far apart two colours are (largest channel difference). */
const colourDistance = (a: number[], b: number[]) => Math.max(...a.map((v, i) => Math.abs(v - b[i]!)));

/** Clusters drawn in the current view (each with how many places it holds). */
const drawnClusters = (page: Page) =>
  page.evaluate(() =>
    (window as unknown as MapWindow).__atlasMap.queryRenderedFeatures({ layers: ['atlas-clusters'] }).map((f) => Number(f.properties.point_count)),
  );

/**
 * Waits until the places source has drawn features (source-layer `places` for tiles), and for the
 * parts of the first screen that come with the story: until they are in, the camera may frame the
 * story again around them, and a test's own move could be taken for that one.
 */
async function waitForPlaces(page: Page): Promise<void> {
  await waitForMapIdle(page);
  await page.waitForFunction(
    () => {
      const map = (window as unknown as MapWindow).__atlasMap;
      const source = map.getSource('atlas-places');
      if (!source || !map.isSourceLoaded('atlas-places')) return false;
      return map.querySourceFeatures('atlas-places', source.type === 'vector' ? { sourceLayer: 'places' } : {}).length > 0;
    },
    null,
    { timeout: 60_000 },
  );
  await firstScreen(page);
}

async function jumpTo(page: Page, at: [number, number], zoom: number): Promise<void> {
  await page.evaluate(
    ({ at, zoom }) => (window as unknown as MapWindow).__atlasMap.jumpTo({ center: at, zoom }),
    { at, zoom },
  );
  await settle(page);
}

describe('a story with 10,000 events opened by link', () => {
  let w: Watched;
  let bundle: StoryBundle;

  // One page for the whole suite: it closes with the file's browser.
  test.beforeAll(async ({ browser }) => {
    bundle = generateSynthBundle({ events: 10_000, seed: 3 });
    mkdirSync(OUT, { recursive: true });
    writeFileSync(join(OUT, 'synth-10k.json'), JSON.stringify(bundle));
    w = await openPage(browser);
    await w.page.goto(new URL('#data=/scale/synth-10k.json', baseUrl()).href);
    await waitForPlaces(w.page);
  });

  it('draws the dense places as clusters with their event counts', async () => {
    const clusters = await w.page.evaluate(() => {
      const map = (window as unknown as MapWindow).__atlasMap;
      return map.queryRenderedFeatures({ layers: ['atlas-clusters'] }).map((f) => ({ places: Number(f.properties.point_count), events: Number(f.properties.count) }));
    });
    expect(clusters.length).toBeGreaterThan(0);
    // Each cluster sums the event counts of its places, so it has at least as many events as places.
    for (const c of clusters) expect(c.events).toBeGreaterThanOrEqual(c.places);
    await expect(w.page.locator('.story-head').textContent()).resolves.toContain('10,000 events');
  });

  it('zooms in when a cluster is clicked', async () => {
    const before = await w.page.evaluate(() => (window as unknown as MapWindow).__atlasMap.getZoom());
    const target = await w.page.evaluate(() => {
      const map = (window as unknown as MapWindow).__atlasMap;
      const [f] = map.queryRenderedFeatures({ layers: ['atlas-clusters'] }).sort((a, b) => Number(b.properties.point_count) - Number(a.properties.point_count));
      return (f!.geometry as GeoJSON.Point).coordinates as [number, number];
    });
    const moved = w.page.evaluate(() => new Promise<void>((r) => (window as unknown as MapWindow).__atlasMap.once('moveend', () => r())));
    await clickAt(w.page, target);
    await moved;
    await settle(w.page);
    const after = await w.page.evaluate(() => (window as unknown as MapWindow).__atlasMap.getZoom());
    expect(after).toBeGreaterThan(before);
  });

  it('opens a place’s popup with its events', async () => {
    const place = isolatedPlace(bundle);
    await jumpTo(w.page, place.at, 15);
    await clickAt(w.page, place.at);
    await popup(w.page).locator('article h2').waitFor();
    await expect(popup(w.page).locator('article h2').textContent()).resolves.toBe(place.name);
    await expect(popup(w.page).locator('.events li').count()).resolves.toBe(place.events.length);
    expect(w.page.url()).toContain(`place=${place.id}`);
  });

  it('keeps the event list to a bounded number of DOM rows, and scrolls through all of them', async () => {
    const list = w.page.locator('[data-testid="event-list"]');
    const rows = await list.locator('li').count();
    expect(rows).toBeGreaterThan(0);
    expect(rows).toBeLessThan(200);
    expect(await w.page.locator('li').count()).toBeLessThan(400);
    // Scrolling to the end shows the last event (by date) in the page.
    await list.evaluate((el) => el.parentElement!.scrollTo({ top: el.parentElement!.scrollHeight }));
    await w.page.locator('[data-testid="event-list"] a').last().waitFor();
    const last = await list.locator('a').last().getAttribute('data-event');
    expect(bundle.events.map((e) => e.id)).toContain(last);
    expect(await list.locator('li').count()).toBeLessThan(200);
    expect(w.pageErrors).toEqual([]);
    expect(w.cspViolations).toEqual([]);
  });
});

describe('a reader who pans while a big story is still loading', () => {
  it('gets the whole event list once they stop, and the map keeps showing the places', async ({ open }) => {
    const bundle = generateSynthBundle({ events: 20_000, seed: 11 });
    mkdirSync(OUT, { recursive: true });
    writeFileSync(join(OUT, 'synth-20k-pan.json'), JSON.stringify(bundle));
    const w = await open();
    await w.page.goto(new URL('#data=/scale/synth-20k-pan.json', baseUrl()).href);
    await waitForPlaces(w.page);
    // Pan and zoom around as soon as the places are drawn, while the story worker and the lists
    // are still at work (they give way while the map moves), noting whether the list came meanwhile.
    const listedDuringPan = await w.page.evaluate(async () => {
      const map = (window as unknown as MapWindow).__atlasMap;
      const listed = () => (document.querySelector('[data-testid="event-list"]')?.children.length ?? 0) > 0;
      const move = (opts: Parameters<typeof map.easeTo>[0]) =>
        new Promise<void>((r) => {
          map.once('moveend', () => r());
          map.easeTo({ ...opts, essential: true });
        });
      const start = map.getCenter();
      let seen = false;
      for (const [dx, dy, dz] of [[0.3, 0.1, 0.5], [-0.2, 0.2, -0.5], [-0.3, -0.2, 0.3], [0.2, -0.1, -0.3]] as const) {
        await move({ center: [start.lng + dx, start.lat + dy], zoom: map.getZoom() + dz, duration: 600 });
        seen ||= listed();
      }
      return seen;
    });
    // Whether it came during the pan depends on the machine's speed: either way it must come whole.
    expect(typeof listedDuringPan).toBe('boolean');
    const list = w.page.locator('[data-testid="event-list"]');
    await list.locator('a').first().waitFor({ timeout: 60_000 });
    await expect(w.page.locator('.story-head').textContent()).resolves.toContain('20,000 events');
    // Every event is there, in order: the first and last by date are where they belong.
    const ordered = [...bundle.events].sort(byChrono);
    await expect(list.locator('a').first().getAttribute('data-event')).resolves.toBe(ordered[0]!.id);
    await list.evaluate((el) => el.parentElement!.scrollTo({ top: el.parentElement!.scrollHeight }));
    await w.page.waitForFunction(
      (id) => [...document.querySelectorAll('[data-testid="event-list"] a')].some((a) => a.getAttribute('data-event') === id),
      ordered.at(-1)!.id,
      { timeout: 30_000 },
    );
    // The map still draws the places where the reader left it, and they can be found by search.
    await waitForMapIdle(w.page);
    const drawn = await w.page.evaluate(() => {
      const map = (window as unknown as MapWindow).__atlasMap;
      return map.queryRenderedFeatures({ layers: ['atlas-clusters', 'atlas-places-circle'].filter((id) => map.getLayer(id)) }).length;
    });
    expect(drawn).toBeGreaterThan(0);
    const place = isolatedPlace(bundle);
    await w.page.locator('input[type="search"]').fill(place.name);
    await w.page.waitForFunction(
      (id) => [...document.querySelectorAll('[data-testid="place-list"] a')].some((a) => a.getAttribute('data-place') === id),
      place.id,
      { timeout: 30_000 },
    );
    expect(w.pageErrors).toEqual([]);
    expect(w.consoleErrors).toEqual([]);
  });
});

describe('a story of pre-built tiles opened by its manifest', () => {
  let bundle: StoryBundle;
  let tmp: string;
  const manifest = '/scale/tiles-2k/manifest.json';

  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'atlas-scale-'));
    bundle = generateSynthBundle({ events: 2_000, seed: 4 });
    writeFileSync(join(tmp, 'bundle.json'), JSON.stringify(bundle));
    await buildTiles(join(tmp, 'bundle.json'), join(OUT, 'tiles-2k'), { shards: 8 });
  });
  afterAll(() => {
    rmSync(tmp, { recursive: true, force: true });
  });

  it('draws the places from the tiles and fetches a place’s events only when it is opened', async ({ open }) => {
    const w = await open();
    const eventFiles: string[] = [];
    w.page.on('request', (r) => {
      if (r.url().includes('/tiles-2k/events/')) eventFiles.push(r.url());
    });
    await w.page.goto(new URL(`#data=${manifest}`, baseUrl()).href);
    await waitForPlaces(w.page);
    expect(eventFiles).toEqual([]);
    await expect(w.page.locator('.story-head').textContent()).resolves.toContain('2,000 events');

    const place = isolatedPlace(bundle);
    await jumpTo(w.page, place.at, 15);
    await clickAt(w.page, place.at);
    await popup(w.page).locator('article h2').waitFor();
    await expect(popup(w.page).locator('article h2').textContent()).resolves.toBe(place.name);
    await popup(w.page).locator('.events li').first().waitFor();
    await expect(popup(w.page).locator('.events li').count()).resolves.toBe(place.events.length);
    expect(eventFiles.length).toBeGreaterThan(0);
    // The lists show what was opened: this place and its events.
    const listed = await w.page.locator('[data-testid="event-list"] a').evaluateAll((as) => as.map((a) => a.getAttribute('data-event')));
    expect(listed.length).toBeGreaterThan(0);
    expect(listed.length).toBeLessThanOrEqual(place.events.length);
    for (const id of listed) expect(place.events).toContain(id);
    await expect(w.page.locator(`[data-testid="place-list"] a[data-place="${place.id}"]`).count()).resolves.toBe(1);
    // Its feature on the map is highlighted.
    const selected = await w.page.evaluate(
      (id) => (window as unknown as MapWindow).__atlasMap.getFeatureState({ source: 'atlas-places', sourceLayer: 'places', id }).selected,
      place.id,
    );
    expect(selected).toBe(true);
    expect(w.pageErrors).toEqual([]);
    expect(w.consoleErrors).toEqual([]);
    expect(w.cspViolations).toEqual([]);
  });

  it('resolves a place named in a link from the event files and opens it', async ({ open }) => {
    const w = await open();
    const place = isolatedPlace(bundle);
    await w.page.goto(new URL(`#map=14/${place.at[1]}/${place.at[0]}&data=${manifest}&place=${place.id}`, baseUrl()).href);
    await waitForPlaces(w.page);
    await popup(w.page).locator('.events li').first().waitFor();
    await expect(popup(w.page).locator('article h2').textContent()).resolves.toBe(place.name);
    await expect(popup(w.page).locator('.events li').count()).resolves.toBe(place.events.length);
    const { x, y } = await pixelOf(w.page, place.at);
    expect(x).toBeGreaterThan(0);
    expect(y).toBeGreaterThan(0);
    expect(w.pageErrors).toEqual([]);
  });

  it('filters the tiles by category and time range: clusters without a match go, places without one fade', async ({ open }) => {
    const byId = new Map(bundle.events.map((e) => [e.id, e]));
    const places = isolatedPlaces(bundle);
    const eventsOf = (p: Isolated) => p.events.map((id) => byId.get(id)!);
    // Category: the rarest one, with a place that has an event of it and one that has none.
    const counts = new Map<string, number>();
    for (const e of bundle.events) counts.set(e.category, (counts.get(e.category) ?? 0) + 1);
    const rare = [...counts].sort((a, b) => a[1] - b[1]).map(([c]) => c).find((c) => places.some((p) => eventsOf(p).some((e) => e.category === c)))!;
    const withCat = places.find((p) => eventsOf(p).some((e) => e.category === rare))!;
    const withoutCat = places.find((p) => eventsOf(p).every((e) => e.category !== rare))!;
    // Time: a range that starts after every event of one place and before the last event of another.
    const lastEnd = (p: Isolated) => Math.max(...eventsOf(p).map((e) => eventSpan(e)[1]));
    const lastStart = (p: Isolated) => Math.max(...eventsOf(p).map((e) => eventSpan(e)[0]));
    const early = [...places].sort((a, b) => lastEnd(a) - lastEnd(b))[0]!;
    const from = new Date(lastEnd(early)).toISOString().slice(0, 10);
    const late = places.find((p) => lastStart(p) >= lastEnd(early) + 86_400_000)!;
    expect([rare, withCat, withoutCat, early, late].every(Boolean)).toBe(true);

    const w = await open();
    const view = (p: Isolated) => `#map=15/${p.at[1]}/${p.at[0]}&data=${manifest}`;
    const seen = async (hash: string, p: Isolated) => {
      await w.page.goto(new URL(hash, baseUrl()).href);
      await waitForPlaces(w.page);
      return colourAt(w.page, p.at);
    };
    const start = async (hash: string) => {
      await w.page.goto(new URL(hash, baseUrl()).href);
      await waitForPlaces(w.page);
      return drawnClusters(w.page);
    };

    // The first view (clusters): a rare category leaves fewer clusters drawn, and only clusters.
    const all = await start(`#data=${manifest}`);
    const filtered = await start(`#data=${manifest}&cat=${rare}`);
    expect(all.length).toBeGreaterThan(0);
    expect(filtered.length).toBeLessThan(all.length);
    expect(filtered.length).toBeGreaterThan(0);

    // How far a place's colour moves when the link adds a filter.
    const shift = async (p: Isolated, filter: string) => colourDistance(await seen(view(p), p), await seen(`${view(p)}&${filter}`, p));

    // A place without an event of the category fades; one with such an event looks the same.
    expect(await shift(withoutCat, `cat=${rare}`)).toBeGreaterThan(40);
    expect(await shift(withCat, `cat=${rare}`)).toBeLessThanOrEqual(6);

    // The time range: a place whose events all end before it fades, one with a later event does not.
    expect(await shift(early, `from=${from}`)).toBeGreaterThan(40);
    expect(await shift(late, `from=${from}`)).toBeLessThanOrEqual(6);
    expect(w.pageErrors).toEqual([]);
    expect(w.consoleErrors).toEqual([]);
  });

  it('says so when a link names an event without its place', async ({ open }) => {
    const w = await open();
    const event = bundle.events[0]!;
    await w.page.goto(new URL(`#data=${manifest}&event=${event.id}`, baseUrl()).href);
    await waitForPlaces(w.page);
    await expect(w.page.locator('.notices').textContent()).resolves.toContain('cannot be looked up in this tiled dataset without its place');
  });
});
