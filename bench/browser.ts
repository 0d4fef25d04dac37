/**
 * Driving one benchmark page in headless Chromium: a cold load (fresh context) measured from
 * navigation start to "ready", with peak main-thread heap, long tasks, and optional work on the
 * ready page (panning, clicking). The in-page probe is installed before any page script runs.
 */
import type { Browser, Page } from 'playwright-core';
import { findChromium, launchChromium } from '../tools/chromium.ts';
import { totalBlockingTime, intervals } from './lib/stats.ts';
import { PLACES_SOURCE } from '../src/lib/map/layers.ts';
import { TILE_LAYER } from '../src/lib/tiles/format.ts';

/** The app's places source (src/lib/map/layers.ts); the baseline pages use the same id. */
export const PLACES_SOURCE_ID: string = PLACES_SOURCE;

export async function launchBrowser(): Promise<Browser> {
  return launchChromium(await findChromium(), { args: ['--enable-precise-memory-info'] });
}

interface Probe {
  longTasks: { start: number; duration: number }[];
  firstIdle: number | null;
  placesReady: number | null;
  listAt: number | null;
  clickAt: number | null;
  popupAt: number | null;
}

/**
 * Runs in the page before its scripts: records long tasks, the app's map idles (through a setter
 * on `window.__atlasMap`, so no idle is missed), when an event list first has items, and
 * click → popup timings. "Places ready" = an idle at which the places source exists, is loaded
 * and has features in its loaded tiles (an app that adds the source empty and fills it later is
 * not ready until the data is drawn).
 */
function installProbe({ sourceId, sourceLayer }: { sourceId: string; sourceLayer: string }): void {
  const w = window as unknown as { __atlasProbe: Probe; __atlasMap?: unknown };
  const probe: Probe = { longTasks: [], firstIdle: null, placesReady: null, listAt: null, clickAt: null, popupAt: null };
  w.__atlasProbe = probe;
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) probe.longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    /* no long task API: TBT stays 0 and the report says so through the raw data */
  }
  type MiniMap = {
    on(type: string, fn: () => void): void;
    getSource(id: string): { type: string } | undefined;
    isSourceLoaded(id: string): boolean;
    querySourceFeatures(id: string, options?: { sourceLayer?: string }): unknown[];
  };
  const drawn = (map: MiniMap): boolean => {
    const source = map.getSource(sourceId);
    if (!source || !map.isSourceLoaded(sourceId)) return false;
    return map.querySourceFeatures(sourceId, source.type === 'vector' ? { sourceLayer } : {}).length > 0;
  };
  let current: MiniMap | undefined;
  Object.defineProperty(window, '__atlasMap', {
    configurable: true,
    get: () => current,
    set: (map: MiniMap) => {
      current = map;
      map.on('idle', () => {
        const t = performance.now();
        if (probe.firstIdle === null) probe.firstIdle = t;
        if (probe.placesReady === null && drawn(map)) probe.placesReady = t;
      });
    },
  });
  window.addEventListener('pointerdown', (e) => (probe.clickAt = e.timeStamp), true);
  const observer = new MutationObserver((records) => {
    if (probe.listAt === null) {
      const list = document.querySelector('[data-testid="event-list"]');
      if (list && list.children.length > 0) probe.listAt = performance.now();
    }
    if (probe.clickAt !== null && probe.popupAt === null) {
      const touched = records.some((r) => {
        const el = r.target instanceof Element ? r.target : r.target.parentElement;
        return Boolean(el?.closest('.maplibregl-popup')) || [...r.addedNodes].some((n) => n instanceof Element && n.matches('.maplibregl-popup'));
      });
      if (touched) {
        requestAnimationFrame(() => {
          if (probe.popupAt === null && document.querySelector('.maplibregl-popup')) probe.popupAt = performance.now();
        });
      }
    }
  });
  const start = () => observer.observe(document.documentElement, { childList: true, subtree: true, characterData: true });
  if (document.documentElement) start();
  else document.addEventListener('DOMContentLoaded', start);
}

export type LoadStatus = 'ok' | 'not-implemented' | 'no-places' | 'timeout' | 'error';

export interface LoadResult {
  status: LoadStatus;
  /** ms from navigation start to ready. */
  ready: number | null;
  heapPeakMB: number | null;
  longestTask: number;
  tbt: number;
  /** ms from navigation start until `[data-testid="event-list"]` had an item (app only). */
  listAt: number | null;
  /** The app had a loaded places source (`atlas-places`) at ready. */
  placesLayer: boolean;
  /** File names of the JavaScript the page (and its workers' main scripts) had received by ready. */
  scriptsBeforeReady: string[];
  note?: string;
}

export interface LoadSpec {
  url: string;
  kind: 'app' | 'baseline';
  /** App: ready needs a loaded places source with features; without this, the first idle counts when none comes. */
  needPlaces?: boolean;
  /** App: after ready, wait up to 15 s for the event list to report when it appeared. */
  waitForList?: boolean;
  /** App: a path the page must request to show it tried to load the data (`data=` support). */
  dataPath?: string;
  timeoutMs?: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Loads `spec.url` cold and measures it; `after` runs on the ready page before it is closed. */
export async function measureLoad<T = undefined>(
  browser: Browser,
  spec: LoadSpec,
  after?: (page: Page) => Promise<T>,
): Promise<LoadResult & { after?: T }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    const page = await context.newPage();
    // tsx (esbuild keepNames) wraps functions in __name(); functions serialised into the page need it.
    await page.addInitScript({ content: 'window.__name = (f) => f;' });
    await page.addInitScript(installProbe, { sourceId: PLACES_SOURCE_ID, sourceLayer: TILE_LAYER });
    let dataRequested = false;
    if (spec.dataPath) {
      const wanted = spec.dataPath;
      page.on('request', (req) => {
        if (new URL(req.url()).pathname === wanted) dataRequested = true;
      });
    }
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    let heapPeak = 0;
    const sampleHeap = async () => {
      try {
        const { metrics } = await cdp.send('Performance.getMetrics');
        const used = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0;
        if (used > heapPeak) heapPeak = used;
      } catch {
        /* page closing */
      }
    };
    const timeout = spec.timeoutMs ?? 90_000;
    const t0 = Date.now();
    await page.goto(spec.url, { waitUntil: 'commit' });
    let status: LoadStatus = 'timeout';
    let ready: number | null = null;
    let placesLayer = false;
    let note: string | undefined;
    let firstIdleSeen: number | null = null;
    while (Date.now() - t0 < timeout) {
      await sampleHeap();
      const state = await page
        .evaluate(() => {
          const w = window as unknown as { __atlasProbe?: Probe; __bench?: { ready?: number; error?: string } };
          return { probe: w.__atlasProbe ?? null, bench: w.__bench ?? null };
        })
        .catch(() => null);
      if (state) {
        if (spec.kind === 'baseline') {
          if (state.bench?.error) {
            status = 'error';
            note = state.bench.error;
            break;
          }
          if (state.bench?.ready !== undefined) {
            status = 'ok';
            ready = state.bench.ready;
            break;
          }
        } else if (state.probe) {
          const p = state.probe;
          if (p.placesReady !== null) {
            status = 'ok';
            ready = p.placesReady;
            placesLayer = true;
            break;
          }
          if (p.firstIdle !== null) {
            firstIdleSeen ??= Date.now();
            const waited = Date.now() - firstIdleSeen;
            if (spec.dataPath && !dataRequested && waited > 3000) {
              status = 'not-implemented';
              note = `the app never requested ${spec.dataPath}`;
              break;
            }
            if (!spec.needPlaces && waited > 2000) {
              status = 'no-places';
              ready = p.firstIdle;
              note = `no loaded '${PLACES_SOURCE_ID}' source with features: first idle of the basemap`;
              break;
            }
          }
        }
      }
      if (pageErrors.length && (spec.kind === 'baseline' || (firstIdleSeen === null && Date.now() - t0 > 15_000))) {
        status = 'error';
        note = pageErrors[0];
        break;
      }
      await sleep(100);
    }
    await sampleHeap();
    const tasks = await page.evaluate(() => (window as unknown as { __atlasProbe?: Probe }).__atlasProbe?.longTasks ?? []);
    const upTo = ready ?? Infinity;
    const counted = tasks.filter((t) => t.start <= upTo);
    const readList = () => page.evaluate(() => (window as unknown as { __atlasProbe?: Probe }).__atlasProbe?.listAt ?? null);
    // Resource timing lists the page's scripts and its workers' main scripts (not what a worker imports).
    const scriptsBeforeReady = await page
      .evaluate(
        (until) =>
          performance
            .getEntriesByType('resource')
            .filter((e) => /\.m?js(\?|$)/.test(e.name) && (e as PerformanceResourceTiming).responseEnd <= until)
            .map((e) => new URL(e.name).pathname.split('/').pop() ?? e.name),
        ready ?? 1e12,
      )
      .catch(() => [] as string[]);
    const listAt = await readList();
    const result: LoadResult & { after?: T } = {
      status,
      ready,
      heapPeakMB: heapPeak ? heapPeak / 1048576 : null,
      longestTask: counted.reduce((m, t) => Math.max(m, t.duration), 0),
      tbt: totalBlockingTime(counted, 0, upTo),
      listAt,
      placesLayer,
      scriptsBeforeReady,
    };
    if (note !== undefined) result.note = note;
    if (status === 'timeout') result.note = `not ready within ${timeout / 1000} s${pageErrors[0] ? `: ${pageErrors[0]}` : ''}`;
    if (after && ready !== null && (status === 'ok' || status === 'no-places')) result.after = await after(page);
    // An app may draw the map before its lists (this one does): after `after` (so a pan still
    // starts at ready), wait a little for the list, so "list" is reported whenever it comes.
    // Long tasks and TBT above stay counted up to ready.
    if (spec.kind === 'app' && spec.waitForList && ready !== null && result.listAt === null) {
      const until = Date.now() + 15_000;
      while (result.listAt === null && Date.now() < until) {
        result.listAt = await readList();
        if (result.listAt === null) await sleep(100);
      }
    }
    return result;
  } finally {
    await context.close();
  }
}

/**
 * A scripted pan and zoom on the map held in `window[global]`, from the same start view on every
 * page; returns the intervals between animation frames (ms) while it moves.
 */
export async function panFrames(page: Page, global: '__atlasMap' | '__benchMap'): Promise<number[]> {
  const stamps = await page.evaluate(async (name) => {
    type M = import('maplibre-gl').Map;
    const map = (window as unknown as Record<string, M>)[name] as M;
    const settle = () => new Promise<void>((r) => (map.loaded() && !map.isMoving() ? r() : map.once('idle', () => r())));
    map.jumpTo({ center: [34.6, 31.55], zoom: 8, bearing: 0, pitch: 0 });
    await settle();
    const times: number[] = [];
    let running = true;
    const tick = (t: number) => {
      times.push(t);
      if (running) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    const move = (opts: Parameters<M['easeTo']>[0]) =>
      new Promise<void>((r) => {
        map.once('moveend', () => r());
        map.easeTo({ ...opts, essential: true });
      });
    await move({ center: [34.95, 31.75], duration: 1000 });
    await move({ zoom: 10, duration: 1000 });
    await move({ center: [34.45, 31.45], zoom: 9, duration: 1000 });
    await move({ center: [34.6, 31.55], zoom: 8, duration: 1000 });
    running = false;
    return times;
  }, global);
  return intervals(stamps);
}

export interface ClickResult {
  latencies: number[];
  /** Clicks after which no popup came within 5 s. */
  misses: number;
  /** Clicks whose popup did not name the clicked place. */
  wrong: number;
  /** Drawn places passed over because something covers them (the open popup, a control, the edge). */
  covered: number;
  note?: string;
}

/**
 * How the pointer clicks. `settled`: as a person does, the pointer comes to the place, the map
 * draws what it draws for it (the hover halo) and has shown its last frame, then the button goes
 * down and up. `quick`: the pointer jumps to the place and clicks at once, as soon as the previous
 * popup is in the page, while the map may still be drawing the frame of the previous click (with
 * a software renderer a frame takes 50–100 ms, and the next frame waits for it).
 */
export type ClickPace = 'settled' | 'quick';

/**
 * Clicks up to `count` places of the app's places source (not clusters) where they are drawn and
 * times pointerdown → a `.maplibregl-popup` being in the page at the next animation frame. Only
 * places a person could click are chosen: the map canvas must be the topmost element at the point
 * (not the open popup, a control or the page outside the map); the popup must name the place.
 */
export async function clickPopups(page: Page, count: number, pace: ClickPace = 'quick'): Promise<ClickResult> {
  const latencies: number[] = [];
  let misses = 0;
  let wrong = 0;
  let covered = 0;
  for (let i = 0; i < count; i++) {
    const target = await page.evaluate(async ({ k, sourceId }) => {
      type M = import('maplibre-gl').Map;
      const map = (window as unknown as { __atlasMap: M }).__atlasMap;
      if (map.isMoving()) await new Promise<void>((r) => map.once('idle', () => r()));
      // One feature per place (a place is drawn as a circle and a label): consecutive clicks then
      // go to different places, so each one opens a new popup.
      // Not an area's label point (where its name is written, not a place drawn), and not the
      // place whose popup is open (a click there opens nothing new).
      const seen = new Set<unknown>();
      const open = document.querySelector('.maplibregl-popup article h2')?.textContent ?? null;
      const features = map
        .queryRenderedFeatures()
        .filter((f) => f.source === sourceId && f.geometry.type === 'Point' && !f.properties?.cluster && !f.properties?.areaLabel)
        .filter((f) => open === null || String(f.properties?.name ?? '') !== open)
        .filter((f) => !seen.has(f.id) && Boolean(seen.add(f.id)));
      if (features.length === 0) return null;
      const canvas = map.getCanvas();
      const rect = canvas.getBoundingClientRect();
      let passed = 0;
      for (let j = 0; j < features.length; j++) {
        const f = features[(k + j) % features.length]!;
        const p = map.project((f.geometry as GeoJSON.Point).coordinates as [number, number]);
        const x = rect.left + p.x;
        const y = rect.top + p.y;
        if (document.elementFromPoint(x, y) !== canvas) {
          passed++;
          continue;
        }
        const probe = (window as unknown as { __atlasProbe: Probe }).__atlasProbe;
        probe.clickAt = null;
        probe.popupAt = null;
        return { x, y, name: String(f.properties?.name ?? ''), passed };
      }
      return { x: -1, y: -1, name: '', passed };
    }, { k: i, sourceId: PLACES_SOURCE_ID });
    if (!target) return { latencies, misses, wrong, covered, note: `no feature of a '${PLACES_SOURCE_ID}' source is drawn` };
    covered += target.passed;
    if (target.x < 0) return { latencies, misses, wrong, covered, note: 'every drawn place is covered' };
    if (pace === 'settled') {
      await page.mouse.move(target.x, target.y);
      await settle(page);
      await page.mouse.down();
      await page.mouse.up();
    } else await page.mouse.click(target.x, target.y);
    const t0 = Date.now();
    let got: number | null = null;
    while (Date.now() - t0 < 5000) {
      const p = await page.evaluate(() => {
        const probe = (window as unknown as { __atlasProbe: Probe }).__atlasProbe;
        return { clickAt: probe.clickAt, popupAt: probe.popupAt };
      });
      if (p.clickAt !== null && p.popupAt !== null) {
        got = p.popupAt - p.clickAt;
        break;
      }
      await sleep(20);
    }
    if (got === null) {
      misses++;
      continue;
    }
    latencies.push(got);
    const text = await page.evaluate(() => document.querySelector('.maplibregl-popup')?.textContent ?? '');
    if (target.name && !text.includes(target.name)) wrong++;
  }
  return { latencies, misses, wrong, covered };
}

/**
 * Waits until the app's map is still and has drawn its last frame: no camera move, nothing left to
 * load, and two animation frames in a row without a render (so the frame before is on screen).
 * Gives up after 3 s (the click is then made anyway, and still timed).
 */
async function settle(page: Page): Promise<void> {
  await page.evaluate(async () => {
    type M = import('maplibre-gl').Map;
    const map = (window as unknown as { __atlasMap: M }).__atlasMap;
    const frame = () => new Promise<void>((r) => requestAnimationFrame(() => r()));
    const until = performance.now() + 3000;
    let renders = 0;
    const count = () => renders++;
    map.on('render', count);
    try {
      while (performance.now() < until) {
        const before = renders;
        await frame();
        await frame();
        if (renders === before && !map.isMoving() && map.loaded()) return;
      }
    } finally {
      map.off('render', count);
    }
  });
}
