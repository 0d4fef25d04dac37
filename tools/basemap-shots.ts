/**
 * Screenshots of the built basemap around the seed story (zoom 5, 9, 13; light and dark) for a
 * person to look at: `npm run build && tsx tools/basemap-shots.ts` → tests/e2e/.artifacts/.
 */
import { mkdirSync } from 'node:fs';
import { preview } from 'vite';
import { findChromium, launchChromium } from './chromium.ts';

const VIEWS: { name: string; center: [number, number]; zoom: number }[] = [
  { name: 'z5', center: [34.8, 31.6], zoom: 5 },
  { name: 'z9', center: [34.7, 31.6], zoom: 9 },
  { name: 'z13-gaza-port', center: [34.4306, 31.5258], zoom: 13 },
];

const out = 'tests/e2e/.artifacts/';
mkdirSync(out, { recursive: true });
const server = await preview({ logLevel: 'warn', preview: { port: 0, host: '127.0.0.1', open: false } });
const url = server.resolvedUrls?.local[0];
if (!url) throw new Error('no preview URL');
const browser = await launchChromium(await findChromium());
try {
  for (const scheme of ['light', 'dark'] as const) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, colorScheme: scheme });
    // tsx (esbuild keepNames) wraps named functions in __name(), which the page lacks.
    await page.addInitScript('window.__name = (f) => f');
    page.on('console', (m) => m.type() === 'error' && console.log('console:', m.text()));
    for (const v of VIEWS) {
      await page.goto(`${url}#map=${v.zoom}/${v.center[1]}/${v.center[0]}`);
      await page.waitForFunction(() => Boolean((window as unknown as { __atlasMap?: unknown }).__atlasMap));
      await page.evaluate(
        ({ center, zoom }) =>
          new Promise<void>((resolve) => {
            const map = (window as unknown as { __atlasMap: import('maplibre-gl').Map }).__atlasMap;
            const go = () => {
              map.jumpTo({ center, zoom });
              map.once('idle', () => resolve());
              map.triggerRepaint();
            };
            if (map.loaded()) go();
            else map.once('load', go);
          }),
        { center: v.center, zoom: v.zoom },
      );
      const file = `${out}basemap-${v.name}-${scheme}.png`;
      await page.screenshot({ path: file });
      console.log(file);
    }
    await page.close();
  }
} finally {
  await browser.close();
  await server.close();
}
