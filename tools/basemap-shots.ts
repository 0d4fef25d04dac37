/**
 * Screenshots of the built basemap around the seed story (zoom 5, zoom 8 over the Dead Sea, zoom 9,
 * zoom 13 over the Gaza port, the Jordan valley, the Sinai coast where the story area begins and either
 * side of the zoom where the detail tiles take over; light and dark) for a person to look at:
 * `npm run build && tsx tools/basemap-shots.ts [out-folder] [view …]` → tests/e2e/.artifacts/ by default;
 * SHOT_LANG=ar or he for the interface and labels in that language.
 */
import { mkdirSync } from 'node:fs';
import { preview } from 'vite';
import { findChromium, launchChromium } from './chromium.ts';

const VIEWS: { name: string; center: [number, number]; zoom: number }[] = [
  { name: 'z5', center: [34.8, 31.6], zoom: 5 },
  { name: 'z8-dead-sea', center: [35.45, 31.5], zoom: 8 },
  { name: 'z9', center: [34.7, 31.6], zoom: 9 },
  { name: 'z13-gaza-port', center: [34.4306, 31.5258], zoom: 13 },
  // The Jordan valley under the West Bank's eastern outline.
  { name: 'z9-jordan-valley', center: [35.4, 31.9], zoom: 9 },
  // Where the story area's western edge (33.5 E) crosses the Sinai coast: world land meets detail land.
  { name: 'z11-sinai-area-edge', center: [33.5, 31.124], zoom: 11 },
  // Either side of the zoom where the detail tiles take over, on the same coast.
  { name: 'z6.9-sinai-coast', center: [33.75, 31.12], zoom: 6.9 },
  { name: 'z7-sinai-coast', center: [33.75, 31.12], zoom: 7 },
];

/** `tsx tools/basemap-shots.ts [out-folder] [view-name …]`: only the named views, when any are given. */
const only = new Set(process.argv.slice(3));
/** SHOT_LANG=ar|he: the interface (and the labels) in that language; the files are named with it. */
const lang = process.env.SHOT_LANG ?? '';

const out = (process.argv[2] ?? 'tests/e2e/.artifacts').replace(/\/?$/, '/');
mkdirSync(out, { recursive: true });
const server = await preview({ logLevel: 'warn', preview: { port: 0, host: '127.0.0.1', open: false } });
const url = server.resolvedUrls?.local[0];
if (!url) throw new Error('no preview URL');
const browser = await launchChromium(await findChromium());
try {
  for (const scheme of ['light', 'dark'] as const) {
    for (const v of VIEWS.filter((view) => only.size === 0 || only.has(view.name))) {
      // A fresh page per view: the link's map= sets the view, then wait until all of it is drawn.
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, colorScheme: scheme });
      // tsx (esbuild keepNames) wraps named functions in __name(), which the page lacks.
      await page.addInitScript('window.__name = (f) => f');
      page.on('console', (m) => m.type() === 'error' && console.log('console:', m.text()));
      await page.goto(`${url}#map=${v.zoom}/${v.center[1]}/${v.center[0]}${lang ? `&lang=${lang}` : ''}`);
      await page.waitForFunction(() => Boolean((window as unknown as { __atlasMap?: unknown }).__atlasMap));
      // The story's first framing comes once it is loaded: only then put the map where asked.
      await page.waitForFunction(() => document.documentElement.hasAttribute('data-story-ready'), null, { timeout: 120_000 });
      await page.evaluate(
        ({ center, zoom }) =>
          new Promise<void>((resolve) => {
            const map = (window as unknown as { __atlasMap: import('maplibre-gl').Map }).__atlasMap;
            const done = () => {
              if (map.loaded() && !map.isMoving()) resolve();
              else map.once('idle', done);
            };
            map.jumpTo({ center, zoom });
            map.once('idle', done);
            map.triggerRepaint();
          }),
        { center: v.center, zoom: v.zoom },
      );
      const file = `${out}basemap-${v.name}-${scheme}${lang ? `-${lang}` : ''}.png`;
      await page.screenshot({ path: file });
      console.log(file);
      await page.close();
    }
  }
} finally {
  await browser.close();
  await server.close();
}
