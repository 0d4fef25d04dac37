import { describe, expect } from 'vitest';
import { it, baseUrl, waitForMapIdle, openStory } from './harness.ts';

describe('the built app', () => {
  it('draws a map that is not blank, with no error and no request to another host', async ({ open }) => {
    const w = await open();
    await w.page.goto(baseUrl());
    await waitForMapIdle(w.page);

    // Read pixels back from the WebGL canvas: a drawn basemap has both land and sea colours.
    const colours = await w.page.evaluate(() => {
      const map = (window as unknown as { __atlasMap: import('maplibre-gl').Map }).__atlasMap;
      const canvas = map.getCanvas();
      const copy = document.createElement('canvas');
      copy.width = 64;
      copy.height = 40;
      const ctx = copy.getContext('2d')!;
      map.triggerRepaint();
      return new Promise<number>((resolve) => {
        map.once('render', () => {
          ctx.drawImage(canvas, 0, 0, 64, 40);
          const data = ctx.getImageData(0, 0, 64, 40).data;
          const seen = new Set<string>();
          for (let i = 0; i < data.length; i += 4) seen.add(`${data[i]},${data[i + 1]},${data[i + 2]}`);
          resolve(seen.size);
        });
      });
    });
    expect(colours).toBeGreaterThan(2);
    expect(w.pageErrors).toEqual([]);
    expect(w.consoleErrors).toEqual([]);
    expect(w.foreignRequests).toEqual([]);
    expect(w.cspViolations).toEqual([]);
  });

  it('has navigation, scale and attribution controls that credit the basemap data', async ({ open }) => {
    const w = await open();
    await w.page.goto(baseUrl());
    await waitForMapIdle(w.page);
    await expect(w.page.locator('.maplibregl-ctrl-zoom-in').count()).resolves.toBe(1);
    await expect(w.page.locator('.maplibregl-ctrl-scale').count()).resolves.toBe(1);
    const attribution = await w.page.locator('.maplibregl-ctrl-attrib-inner').textContent();
    expect(attribution).toContain('Natural Earth');
  });

  it('names a story area once, on screen and inside it, however the map tiles it', async ({ open }) => {
    const w = await open();
    // The West Bank spans several of the map's tiles at this zoom.
    await openStory(w.page, '#map=9/31.9/35.4');
    const labels = await w.page.evaluate(() => {
      const map = (window as unknown as { __atlasMap: import('maplibre-gl').Map }).__atlasMap;
      const rect = map.getCanvas().getBoundingClientRect();
      return map
        .queryRenderedFeatures({ layers: ['atlas-area-label'] })
        .filter((f) => f.properties.pid === 'west-bank')
        .map((f) => {
          if (f.geometry.type !== 'Point') return { type: f.geometry.type };
          const at = map.project((f.geometry as GeoJSON.Point).coordinates as [number, number]);
          const x = rect.left + at.x;
          const y = rect.top + at.y;
          return { type: f.geometry.type, x, y, onScreen: x > 0 && y > 0 && x < innerWidth && y < innerHeight, canvas: document.elementFromPoint(x, y) === map.getCanvas() };
        });
    });
    expect(labels).toHaveLength(1);
    expect(labels[0]).toMatchObject({ type: 'Point', onScreen: true, canvas: true });
    expect(w.pageErrors).toEqual([]);
  });

  it('draws the story’s places while the basemap’s tiles are still on their way, and the basemap once they come', async ({ open }) => {
    const w = await open();
    // Hold every basemap request (PMTiles header and tiles): a slow or stalled tile host.
    const held: import('playwright-core').Route[] = [];
    let holding = true;
    await w.page.route(/\/basemap\/[\w-]+\.pmtiles/, (route) => (holding ? held.push(route) : route.continue()));
    await w.page.goto(baseUrl());
    await w.page.waitForFunction(
      () => {
        const map = (window as unknown as { __atlasMap?: import('maplibre-gl').Map }).__atlasMap;
        return Boolean(map?.getLayer('atlas-places-circle')) && map!.queryRenderedFeatures({ layers: ['atlas-places-circle'] }).length > 0;
      },
      null,
      { timeout: 60_000 },
    );
    const seen = await w.page.evaluate(() => {
      const map = (window as unknown as { __atlasMap: import('maplibre-gl').Map }).__atlasMap;
      const rect = map.getCanvas().getBoundingClientRect();
      const drawn = map.queryRenderedFeatures({ layers: ['atlas-places-circle'] });
      // Places a person sees: on the canvas, with nothing over them.
      const visible = drawn.filter((f) => {
        const p = map.project((f.geometry as GeoJSON.Point).coordinates as [number, number]);
        return document.elementFromPoint(rect.left + p.x, rect.top + p.y) === map.getCanvas();
      });
      return { loaded: map.loaded(), visible: visible.length };
    });
    expect(held.length).toBeGreaterThan(0);
    expect(seen.loaded).toBe(false);
    expect(seen.visible).toBeGreaterThan(0);
    holding = false;
    await Promise.all(held.map((r) => r.continue()));
    await waitForMapIdle(w.page);
    expect(w.pageErrors).toEqual([]);
    expect(w.consoleErrors).toEqual([]);
  });
});

describe('the first view', () => {
  /** Records the map's box and camera when it has first drawn the story's places. */
  function recordFirstDraw(): void {
    type M = import('maplibre-gl').Map;
    const w = window as unknown as { __first?: unknown };
    let current: M | undefined;
    Object.defineProperty(window, '__atlasMap', {
      configurable: true,
      get: () => current,
      set: (map: M) => {
        current = map;
        const onIdle = () => {
          const s = map.getSource('atlas-places');
          // (A dense story's places are vector tiles, layer `places`.)
          if (!s || !map.isSourceLoaded('atlas-places') || !map.querySourceFeatures('atlas-places', s.type === 'vector' ? { sourceLayer: 'places' } : {}).length) return;
          map.off('idle', onIdle);
          const box = map.getContainer().getBoundingClientRect();
          const c = map.getCenter();
          w.__first = { top: box.top, left: box.left, width: box.width, height: box.height, lng: c.lng, lat: c.lat, zoom: map.getZoom() };
        };
        map.on('idle', onIdle);
      },
    });
  }

  it.for([
    [1280, 800, ''],
    [390, 844, ''],
    [1280, 800, '#data=/scale/first-view-5k.json'],
  ] as const)('keeps the map’s box and view from its first draw on at %i×%i %s: the timeline’s room is kept', async ([width, height, hash], { open }) => {
    if (hash) {
      const { generateSynthBundle } = await import('../../bench/lib/synth.ts');
      const { mkdirSync, writeFileSync } = await import('node:fs');
      mkdirSync('dist/scale', { recursive: true });
      writeFileSync('dist/scale/first-view-5k.json', JSON.stringify(generateSynthBundle({ events: 5_000, seed: 21 })));
    }
    const w = await open({ viewport: { width, height } });
    await w.page.addInitScript(recordFirstDraw);
    await openStory(w.page, hash);
    const seen = await w.page.evaluate(() => {
      const w = window as unknown as { __first: Record<string, number>; __atlasMap: import('maplibre-gl').Map };
      const map = w.__atlasMap;
      const box = map.getContainer().getBoundingClientRect();
      const c = map.getCenter();
      return { first: w.__first, now: { top: box.top, left: box.left, width: box.width, height: box.height, lng: c.lng, lat: c.lat, zoom: map.getZoom() } };
    });
    // The same box: the map was not made smaller when the timeline came.
    const box = ({ top, left, width, height }: Record<string, number>) => ({ top, left, width, height });
    expect(box(seen.now)).toEqual(box(seen.first));
    if (!hash) {
      // The story framed once: the camera where it was when the places were first drawn.
      expect(seen.now).toEqual(seen.first);
    } else {
      // A data= story's share button comes with its lists, after the first draw, and the camera
      // keeps the places clear of it: a hair of zoom, where the timeline's 128 px took 0.25.
      expect(Math.abs(seen.now.zoom! - seen.first.zoom!)).toBeLessThan(0.03);
    }
    // The timeline is there, below the map, inside the window, and not under another part.
    const timeline = await w.page.locator('section.timeline').boundingBox();
    expect(timeline).not.toBeNull();
    expect(timeline!.y).toBeGreaterThanOrEqual(seen.now.top! + seen.now.height! - 1);
    expect(timeline!.y + timeline!.height).toBeLessThanOrEqual(height + 0.5);
    const onTop = await w.page.evaluate(() => {
      const el = document.querySelector('section.timeline .toggle')!;
      const r = el.getBoundingClientRect();
      return el.contains(document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2));
    });
    expect(onTop).toBe(true);
    await w.page.screenshot({ path: `dist/first-view-${width}x${height}${hash ? '-data' : ''}.png` });
    expect(w.pageErrors).toEqual([]);
  });
});
