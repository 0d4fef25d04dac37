/**
 * An online basemap configured at build time (VITE_BASEMAP_STYLE_URL) that fails: a local server
 * (127.0.0.1 only) serves the style once, then refuses every request. The app must fall back to
 * the embedded basemap, say so, and keep the app's own layers across the swaps.
 */
import { describe, expect, beforeAll, afterAll } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { build, preview, type PreviewServer } from 'vite';
import { it, waitForMapIdle } from './harness.ts';
import { cspFor } from '../../vite.config.ts';

type AtlasWindow = { __atlasMap: import('maplibre-gl').Map };

const OUT_DIR = 'dist-online';

describe('an online basemap that fails', () => {
  let styleServer: Server;
  let app: PreviewServer;
  let appUrl: string;
  const served: string[] = [];
  let refusing = false;

  beforeAll(async () => {
    styleServer = createServer((req, res) => {
      served.push(req.url ?? '');
      if (refusing || req.url !== '/style.json') {
        req.socket.destroy();
        return;
      }
      refusing = true;
      const origin = `http://127.0.0.1:${(styleServer.address() as AddressInfo).port}`;
      res.writeHead(200, { 'Content-Type': 'application/json', 'Access-Control-Allow-Origin': '*' });
      res.end(
        JSON.stringify({
          version: 8,
          name: 'Local online test style',
          sources: { online: { type: 'vector', tiles: [`${origin}/tiles/{z}/{x}/{y}.pbf`], maxzoom: 6 } },
          layers: [
            { id: 'online-bg', type: 'background', paint: { 'background-color': '#ffeeee' } },
            { id: 'online-land', type: 'fill', source: 'online', 'source-layer': 'land' },
          ],
        }),
      );
    });
    await new Promise<void>((resolve) => styleServer.listen(0, '127.0.0.1', resolve));
    const env = { VITE_BASEMAP_STYLE_URL: `http://127.0.0.1:${(styleServer.address() as AddressInfo).port}/style.json` };
    Object.assign(process.env, env);
    try {
      await build({ configFile: 'vite.config.ts', logLevel: 'warn', build: { outDir: OUT_DIR, emptyOutDir: true } });
    } finally {
      delete process.env.VITE_BASEMAP_STYLE_URL;
    }
    app = await preview({
      configFile: 'vite.config.ts',
      logLevel: 'warn',
      build: { outDir: OUT_DIR },
      preview: { port: 0, strictPort: false, host: '127.0.0.1', open: false, headers: { 'Content-Security-Policy': cspFor(env) } },
    });
    appUrl = app.resolvedUrls!.local[0]!;
  });

  afterAll(async () => {
    await app?.close();
    styleServer?.closeAllConnections();
    await new Promise((resolve) => styleServer?.close(resolve));
  });

  it('falls back to the embedded basemap with a visible notice, keeping the app’s own layers', async ({ open }) => {
    const w = await open();
    await w.page.goto(appUrl);
    // The style is served, its tiles are refused: the notice appears and the embedded map is back.
    const notice = w.page.getByRole('status').filter({ hasText: 'online basemap' });
    await notice.waitFor({ timeout: 60_000 });
    await expect(notice.textContent()).resolves.toContain('online basemap could not be loaded');
    const embeddedLoaded = () =>
      w.page.waitForFunction(() => {
        const map = (window as unknown as AtlasWindow).__atlasMap;
        return map.getStyle()?.name === 'Article Atlas embedded' && map.getLayer('detail-land') !== undefined;
      });
    await embeddedLoaded();
    await waitForMapIdle(w.page);
    expect(served).toContain('/style.json');
    /** Ids of the story's places drawn on screen (from the story's own source, whatever its layers). */
    const drawnPlaces = () =>
      w.page.evaluate(() => {
        const map = (window as unknown as AtlasWindow).__atlasMap;
        const ids = map.queryRenderedFeatures().filter((f) => f.source === 'atlas-places').map((f) => String(f.id ?? f.properties.id));
        return [...new Set(ids)].sort();
      });

    // The story's places are on the map over the embedded basemap.
    await w.page.waitForFunction(() => document.documentElement.hasAttribute('data-story-ready'));
    await waitForMapIdle(w.page);
    const before = await drawnPlaces();
    expect(before.length).toBeGreaterThan(0);

    // The story's own layers came through the first fallback: on top of the basemap, with the places drawn.
    const storyOnTop = () =>
      w.page.evaluate(() => {
        const map = (window as unknown as AtlasWindow).__atlasMap;
        const ids = map.getStyle().layers.map((l) => l.id);
        return {
          last: ids.at(-1),
          hasCircles: ids.includes('atlas-places-circle'),
          drawn: map.querySourceFeatures('atlas-places').length > 0,
        };
      });
    await expect(storyOnTop()).resolves.toEqual({ last: 'atlas-places-label', hasCircles: true, drawn: true });

    // A second try at the online map: the style URL is refused now; the fallback must bring the
    // story's own layers back, on top of the basemap, drawing the same places.
    await w.page.getByRole('button', { name: 'Dismiss' }).click();
    await w.page.getByLabel('Basemap').selectOption('online');
    await notice.waitFor({ timeout: 60_000 });
    await embeddedLoaded();
    await waitForMapIdle(w.page);
    const top = await w.page.evaluate(() => {
      const map = (window as unknown as AtlasWindow).__atlasMap;
      return map.getStyle().layers.at(-1)?.id;
    });
    expect(top).toMatch(/^atlas-/);
    await expect.poll(drawnPlaces, { timeout: 30_000 }).toEqual(before);
    await expect(storyOnTop()).resolves.toEqual({ last: 'atlas-places-label', hasCircles: true, drawn: true });

    // Besides this build's own server, only the configured online host was asked, and the CSP
    // allowed exactly that. (The harness counts this build's server as foreign: it is not the
    // suite's main one.)
    const port = (styleServer.address() as AddressInfo).port;
    const others = w.foreignRequests.filter((url) => new URL(url).origin !== new URL(appUrl).origin);
    expect(others.length).toBeGreaterThan(0);
    for (const url of others) expect(new URL(url).origin).toBe(`http://127.0.0.1:${port}`);
    expect(w.cspViolations).toEqual([]);
    expect(w.pageErrors).toEqual([]);
  });
});
