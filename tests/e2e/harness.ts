/**
 * What the browser tests share: one Chromium per test file, pages that record console errors,
 * page errors, CSP violations and every request to another host, and helpers that wait on the
 * map's own events instead of sleeping.
 *
 * Write browser tests with this module's `test` (or `it`): its fixtures open and always close.
 *
 *   it('…', async ({ open }) => {
 *     const w = await open({ viewport: { width: 390, height: 844 } });
 *     await openStory(w.page, '#place=rafah');
 *   });
 *
 * - `browser` (one per test file): Chromium, closed after the file's last test.
 * - `open(options?)`: a fresh page in its own context (no shared storage) that records what went
 *   wrong; every page a test opens is closed when the test ends, passed or failed.
 * Suite hooks get the browser too: `test.beforeAll(async ({ browser }) => …)`.
 */
import type { Browser, BrowserContext, Page, BrowserContextOptions } from 'playwright-core';
import { inject, test as base } from 'vitest';
import { launchChromium } from '../../tools/chromium.ts';

export const baseUrl = (): string => inject('baseUrl');

export async function launch(): Promise<Browser> {
  return launchChromium(inject('chromium'));
}

export interface Watched {
  page: Page;
  consoleErrors: string[];
  pageErrors: string[];
  foreignRequests: string[];
  cspViolations: string[];
}

/** A fresh page (own context: no shared storage) that records what went wrong. */
export async function openPage(browser: Browser, options: BrowserContextOptions = {}): Promise<Watched> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, ...options });
  const page = await context.newPage();
  const origin = new URL(baseUrl()).origin;
  const watched: Watched = { page, consoleErrors: [], pageErrors: [], foreignRequests: [], cspViolations: [] };
  page.on('console', (msg) => {
    if (msg.type() === 'error') watched.consoleErrors.push(msg.text());
  });
  page.on('pageerror', (err) => watched.pageErrors.push(String(err)));
  page.on('request', (req) => {
    const url = req.url();
    if (/^(data|blob):/.test(url)) return;
    if (new URL(url).origin !== origin) watched.foreignRequests.push(url);
  });
  await page.exposeFunction('__reportCsp', (text: string) => watched.cspViolations.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { __reportCsp: (t: string) => void }).__reportCsp(
        `${e.violatedDirective} ${e.blockedURI}`,
      );
    });
  });
  return watched;
}

export const test = base
  .extend('browser', { scope: 'file' }, async ({}, { onCleanup }) => {
    const browser = await launch();
    onCleanup(() => browser.close());
    return browser;
  })
  .extend('open', async ({ browser }, { onCleanup }) => {
    const contexts: BrowserContext[] = [];
    onCleanup(async () => {
      // A context the test closed itself is fine to close again.
      await Promise.all(contexts.map((c) => c.close().catch(() => undefined)));
    });
    return async (options: BrowserContextOptions = {}): Promise<Watched> => {
      const watched = await openPage(browser, options);
      contexts.push(watched.page.context());
      return watched;
    };
  });
export const it = test;

/** Resolves once the app's map exists and has gone idle (all tiles and sources drawn). */
export async function waitForMapIdle(page: Page, timeout = 60_000): Promise<void> {
  await page.waitForFunction(() => Boolean((window as unknown as { __atlasMap?: unknown }).__atlasMap), null, {
    timeout,
  });
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const map = (window as unknown as { __atlasMap: import('maplibre-gl').Map }).__atlasMap;
        const done = () => {
          if (map.loaded() && !map.isMoving()) resolve();
          else map.once('idle', done);
        };
        done();
      }),
    undefined,
  );
}

type MapWindow = { __atlasMap: import('maplibre-gl').Map };

/** The page pixel of a [lng, lat] on the map, as a person would aim at it. */
export async function pixelOf(page: Page, lngLat: [number, number]): Promise<{ x: number; y: number }> {
  return page.evaluate((ll) => {
    const map = (window as unknown as MapWindow).__atlasMap;
    const p = map.project(ll);
    const rect = map.getCanvas().getBoundingClientRect();
    return { x: rect.left + p.x, y: rect.top + p.y };
  }, lngLat);
}

/** Clicks the map at a place's coordinates and waits for a popup. */
export async function clickAt(page: Page, lngLat: [number, number]): Promise<void> {
  const { x, y } = await pixelOf(page, lngLat);
  await page.mouse.click(x, y);
}

/** Ids of places whose feature-state says they are highlighted. */
export async function highlightedPlaces(page: Page, ids: string[]): Promise<string[]> {
  return page.evaluate(
    (all) => {
      const map = (window as unknown as MapWindow).__atlasMap;
      return all.filter((id) => map.getFeatureState({ source: 'atlas-places', id }).selected === true);
    },
    ids,
  );
}

/** Waits until the map has finished any camera movement and drawn. */
export async function settle(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const map = (window as unknown as MapWindow).__atlasMap;
        const check = () => (map.isMoving() || !map.loaded() ? map.once('idle', check) : resolve());
        requestAnimationFrame(() => requestAnimationFrame(check));
      }),
  );
}

/** Opens a URL of the app and waits for the story's places to be on the map. */
export async function openStory(page: Page, hash = ''): Promise<void> {
  await page.goto(new URL(hash, baseUrl()).href);
  await waitForMapIdle(page);
  await page.waitForFunction(() => {
    const map = (window as unknown as MapWindow).__atlasMap;
    const source = map.getSource('atlas-places');
    // A dense story's places are vector tiles (layer `places`); a GeoJSON source has no layers.
    return Boolean(source) && map.querySourceFeatures('atlas-places', source!.type === 'vector' ? { sourceLayer: 'places' } : {}).length > 0;
  });
  // The whole story is in and the link applied (its first camera move included).
  await page.waitForFunction(() => document.documentElement.hasAttribute('data-story-ready'));
  await firstScreen(page);
}

/**
 * Waits for the first screen's parts that load with the story (the share control, the language
 * chooser, the timeline), then for the map to settle. Their room is kept from the start, but
 * where it is not exact (a timeline whose header wraps, a share button that comes with the lists)
 * the camera frames the story again around them, and a place aimed at before that could move under
 * the pointer.
 */
export async function firstScreen(page: Page): Promise<void> {
  await page.waitForFunction(
    () =>
      document.querySelector('.share-control') &&
      (document.querySelector('.app.embed') || (document.querySelector('section.timeline') && document.querySelector('.lang-box select'))),
  );
  await settle(page);
}

/** The colour a person sees at a [lng, lat]: the canvas pixel, read right after a frame is drawn. */
export async function colourAt(page: Page, lngLat: [number, number]): Promise<number[]> {
  return page.evaluate(
    (ll) =>
      new Promise<number[]>((resolve) => {
        const map = (window as unknown as MapWindow).__atlasMap;
        const canvas = map.getCanvas();
        const gl = (canvas.getContext('webgl2') ?? canvas.getContext('webgl')) as WebGLRenderingContext;
        const p = map.project(ll);
        const scale = canvas.width / canvas.clientWidth;
        map.once('render', () => {
          const px = new Uint8Array(4);
          gl.readPixels(Math.round(p.x * scale), canvas.height - 1 - Math.round(p.y * scale), 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, px);
          resolve([px[0]!, px[1]!, px[2]!]);
        });
        map.triggerRepaint();
      }),
    lngLat,
  );
}
