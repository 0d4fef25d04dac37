/**
 * What a 100k frame costs with and without some of the app's own layers (`npm run bench:frames
 * [-- --rounds 3]`): on one ready app page (#data= the 100k synthetic bundle), the benchmark's
 * scripted pan + zoom (browser.ts panFrames) is run with each set of layers hidden in turn,
 * variants alternated round by round (paired), and the medians of each run's frame-interval p50
 * and p95 are reported, with the median per-round ratio of p95 to the page with every layer.
 *
 * Uses what `npm run bench -- --only 4` leaves in .bench/: the built app (.bench/app) and
 * .bench/data/synth-100k-s1.json.
 */
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { serveStatic } from './server.ts';
import { launchBrowser, measureLoad, panFrames } from './browser.ts';
import { median, percentile } from './lib/stats.ts';
import { LAYERS } from '../src/lib/map/layers.ts';
import { CSP } from '../vite.config.ts';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '3' } } });
const rounds = Math.max(1, Number(values.rounds));
const OUT = resolve('.bench');
const DATA = '/data/synth-100k-s1.json';
if (!existsSync(resolve(OUT, 'app/index.html')) || !existsSync(resolve(OUT, DATA.slice(1)))) {
  console.error('bench:frames needs .bench/app and .bench/data/synth-100k-s1.json: run `npm run bench -- --only 4` first');
  process.exit(1);
}

const TOGGLED = [LAYERS.label, LAYERS.areaLabel, LAYERS.halo, LAYERS.clusterCount];
const VARIANTS: Record<string, string[]> = {
  'every layer': [],
  'no place labels': [LAYERS.label, LAYERS.areaLabel],
  'no halos': [LAYERS.halo],
  'no cluster counts': [LAYERS.clusterCount],
  'none of the three': TOGGLED,
};

const fmt = (xs: number[]) => xs.map((x) => x.toFixed(1)).join(' / ');
const server = await serveStatic(OUT, { '/app/': { 'Content-Security-Policy': CSP } });
const browser = await launchBrowser();
const started = loadavg();
const figures: Record<string, { p50: number[]; p95: number[]; frames: number[] }> = {};
for (const k of Object.keys(VARIANTS)) figures[k] = { p50: [], p95: [], frames: [] };
try {
  const load = await measureLoad(browser, { kind: 'app', url: `${server.origin}/app/#data=${DATA}`, needPlaces: true }, async (page) => {
    for (let r = 0; r < rounds; r++) {
      for (const [name, hidden] of Object.entries(VARIANTS)) {
        await page.evaluate(
          ({ toggled, hidden }) => {
            const map = (window as unknown as { __atlasMap: import('maplibre-gl').Map }).__atlasMap;
            for (const id of toggled) if (map.getLayer(id)) map.setLayoutProperty(id, 'visibility', hidden.includes(id) ? 'none' : 'visible');
          },
          { toggled: TOGGLED, hidden },
        );
        const intervals = await panFrames(page, '__atlasMap');
        const f = figures[name]!;
        f.p50.push(percentile(intervals, 50));
        f.p95.push(percentile(intervals, 95));
        f.frames.push(intervals.length);
        console.log(`round ${r + 1} ${name}: p50 ${percentile(intervals, 50).toFixed(0)} ms, p95 ${percentile(intervals, 95).toFixed(0)} ms, ${intervals.length} frames`);
      }
    }
  });
  if (load.ready === null) throw new Error(`the app was not ready: ${load.status} ${load.note ?? ''}`);
} finally {
  await browser.close();
  await server.close();
}
console.log(`\nload average ${fmt(started)} at the start, ${fmt(loadavg())} at the end; ${rounds} rounds\n`);
console.log('| Layers drawn | frame p50 | frame p95 | frames/run | p95 ÷ every layer (paired) |\n|---|---|---|---|---|');
const base = figures['every layer']!.p95;
for (const [name, f] of Object.entries(figures)) {
  const ratio = median(f.p95.map((x, i) => x / base[i]!));
  console.log(`| ${name} | ${median(f.p50).toFixed(0)} ms | ${median(f.p95).toFixed(0)} ms | ${median(f.frames)} | ${ratio.toFixed(2)}× |`);
}
