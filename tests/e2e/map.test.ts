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
});
