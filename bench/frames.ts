/**
 * What a 100k frame costs with and without some of the app's own layers (`npm run bench:frames
 * [-- --rounds 3]`): on one ready app page (#data= the 100k synthetic bundle), the benchmark's
 * scripted pan + zoom (browser.ts panFrames) is run with each set of layers hidden in turn,
 * variants alternated round by round (paired), and the medians of each run's frame-interval p50
 * and p95 are reported, with the median per-round ratio of p95 to the page with every layer, and
 * the browser's CPU time per frame (lib/cpu.ts: steadier than wall time on a shared machine). A
 * first pan of each page is a warm-up and not counted.
 *
 * `--against <dir>` compares two builds instead, every layer drawn: .bench/app and .bench/<dir>
 * (say, a copy of .bench/app built from main), each loaded once on its own page and panned in
 * alternation, A B A B…; the ratio is the median of the per-round p95 ratios to .bench/<dir>.
 *
 * `--loading` asks what the app's own loading work costs the pan instead: cold loads, alternated,
 * panned right at ready (as `npm run bench -- --only 4` does) or once the event list has its first
 * items (the story worker and the lists done), every layer drawn. With `--against <dir>`: cold
 * loads of the two builds, alternated, each panned right at ready.
 *
 * `--list --against <dir>`: cold loads of the two builds, alternated, not panned: when the event
 * list gets its first items, as a multiple of the page's own ready (scenario 3's list row), paired.
 *
 * Uses what `npm run bench -- --only 4` leaves in .bench/: the built app (.bench/app) and
 * .bench/data/synth-100k-s1.json.
 */
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { serveStatic } from './server.ts';
import type { Page } from 'playwright-core';
import { launchBrowser, measureLoad, panFrames } from './browser.ts';
import { median, percentile } from './lib/stats.ts';
import { browserCpuMs } from './lib/cpu.ts';
import { LAYERS } from '../src/lib/map/layers.ts';
import { CSP } from '../vite.config.ts';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '3' }, against: { type: 'string' }, loading: { type: 'boolean', default: false }, list: { type: 'boolean', default: false } } });
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

if (values.against && !existsSync(resolve(OUT, values.against, 'index.html'))) {
  console.error(`--against ${values.against}: no .bench/${values.against}/index.html`);
  process.exit(1);
}

const fmt = (xs: number[]) => xs.map((x) => x.toFixed(1)).join(' / ');
const headers = { 'Content-Security-Policy': CSP };
const server = await serveStatic(OUT, { '/app/': headers, ...(values.against ? { [`/${values.against}/`]: headers } : {}) });
const browser = await launchBrowser();
const started = loadavg();
const figures: Record<string, { p50: number[]; p95: number[]; frames: number[]; cpu: number[] }> = {};
for (const k of Object.keys(VARIANTS)) figures[k] = { p50: [], p95: [], frames: [], cpu: [] };
const lists: Record<string, { ready: number[]; list: number[] }> = {};
try {
  if (values.list && values.against) await compareLists(values.against);
  else if (values.loading && values.against) await compareLoadingBuilds(values.against);
  else if (values.against) await compareBuilds(values.against);
  else if (values.loading) await compareLoading();
  else await compareLayers();
} finally {
  await browser.close();
  await server.close();
}

/**
 * One scripted pan + zoom, recorded under `name`: its frame intervals, and the browser's CPU time
 * per frame (every process of the browser, less sensitive than wall time to other work on the
 * machine; NaN where /proc cannot be read).
 */
async function pan(name: string, page: Page, round: number): Promise<void> {
  const before = browserCpuMs();
  const intervals = await panFrames(page, '__atlasMap');
  const after = browserCpuMs();
  const cpu = before !== null && after !== null && intervals.length ? (after - before) / intervals.length : NaN;
  const f = (figures[name] ??= { p50: [], p95: [], frames: [], cpu: [] });
  f.p50.push(percentile(intervals, 50));
  f.p95.push(percentile(intervals, 95));
  f.frames.push(intervals.length);
  f.cpu.push(cpu);
  console.log(
    `round ${round + 1} ${name}: p50 ${percentile(intervals, 50).toFixed(0)} ms, p95 ${percentile(intervals, 95).toFixed(0)} ms, ${intervals.length} frames, CPU ${cpu.toFixed(0)} ms/frame`,
  );
}

/** Two builds, each on its own ready page, panned in turn (the page not panned is idle: MapLibre draws nothing). */
async function compareBuilds(against: string): Promise<void> {
  for (const k of Object.keys(figures)) delete figures[k];
  const names = ['.bench/app', `.bench/${against}`];
  const ready = (r: { ready: number | null; status: string; note?: string }, name: string) => {
    if (r.ready === null) throw new Error(`${name} was not ready: ${r.status} ${r.note ?? ''}`);
  };
  const a = await measureLoad(browser, { kind: 'app', url: `${server.origin}/app/#data=${DATA}`, needPlaces: true }, async (pageA) => {
    const b = await measureLoad(browser, { kind: 'app', url: `${server.origin}/${against}/#data=${DATA}`, needPlaces: true }, async (pageB) => {
      // A warm-up pan of each, not counted: the page loaded first would otherwise be panned while
      // the other still finishes its loading work (the story worker, the lists).
      for (const page of [pageA, pageB]) await panFrames(page, '__atlasMap');
      for (let r = 0; r < rounds; r++) {
        // Which page goes first alternates too.
        const order = r % 2 === 0 ? [0, 1] : [1, 0];
        for (const i of order) await pan(names[i]!, [pageA, pageB][i]!, r);
      }
    });
    ready(b, names[1]!);
  });
  ready(a, names[0]!);
}

/** Cold loads, alternated: the pan right at ready, or once the event list has items. */
async function compareLoading(): Promise<void> {
  for (const k of Object.keys(figures)) delete figures[k];
  const AT_READY = 'at ready';
  const LISTED = 'once the list is filled';
  for (let r = 0; r < rounds; r++) {
    for (const name of r % 2 === 0 ? [AT_READY, LISTED] : [LISTED, AT_READY]) {
      const load = await measureLoad(browser, { kind: 'app', url: `${server.origin}/app/#data=${DATA}`, needPlaces: true, dataPath: DATA }, async (page) => {
        if (name === LISTED) {
          await page.waitForFunction(() => (document.querySelector('[data-testid="event-list"]')?.children.length ?? 0) > 0, null, { timeout: 120_000 });
        }
        await pan(name, page, r);
      });
      if (load.ready === null) throw new Error(`the app was not ready: ${load.status} ${load.note ?? ''}`);
    }
  }
}

/** Cold loads of two builds, alternated (which goes first too), each panned right at ready. */
async function compareLoadingBuilds(against: string): Promise<void> {
  for (const k of Object.keys(figures)) delete figures[k];
  const dirs = ['app', against];
  for (let r = 0; r < rounds; r++) {
    for (const dir of r % 2 === 0 ? dirs : [...dirs].reverse()) {
      const load = await measureLoad(browser, { kind: 'app', url: `${server.origin}/${dir}/#data=${DATA}`, needPlaces: true, dataPath: DATA }, (page) =>
        pan(`.bench/${dir}`, page, r),
      );
      if (load.ready === null) throw new Error(`.bench/${dir} was not ready: ${load.status} ${load.note ?? ''}`);
    }
  }
}

/** Cold loads of two builds, alternated, not panned: list ÷ ready of each. */
async function compareLists(against: string): Promise<void> {
  const dirs = ['app', against];
  for (let r = 0; r < rounds; r++) {
    for (const dir of r % 2 === 0 ? dirs : [...dirs].reverse()) {
      const load = await measureLoad(browser, { kind: 'app', url: `${server.origin}/${dir}/#data=${DATA}`, needPlaces: true, dataPath: DATA, waitForList: true });
      if (load.ready === null || load.listAt === null) throw new Error(`.bench/${dir}: no ready or no list: ${load.status} ${load.note ?? ''}`);
      const l = (lists[`.bench/${dir}`] ??= { ready: [], list: [] });
      l.ready.push(load.ready);
      l.list.push(load.listAt);
      console.log(`round ${r + 1} .bench/${dir}: ready ${load.ready.toFixed(0)} ms, list ${load.listAt.toFixed(0)} ms, list ÷ ready ${(load.listAt / load.ready).toFixed(2)}`);
    }
  }
}

async function compareLayers(): Promise<void> {
  const load = await measureLoad(browser, { kind: 'app', url: `${server.origin}/app/#data=${DATA}`, needPlaces: true }, async (page) => {
    // A warm-up pan, not counted: right after ready the page still checks and lists the events,
    // which would weigh on the first variant's first round only.
    await panFrames(page, '__atlasMap');
    for (let r = 0; r < rounds; r++) {
      for (const [name, hidden] of Object.entries(VARIANTS)) {
        await page.evaluate(
          ({ toggled, hidden }) => {
            const map = (window as unknown as { __atlasMap: import('maplibre-gl').Map }).__atlasMap;
            for (const id of toggled) if (map.getLayer(id)) map.setLayoutProperty(id, 'visibility', hidden.includes(id) ? 'none' : 'visible');
          },
          { toggled: TOGGLED, hidden },
        );
        await pan(name, page, r);
      }
    }
  });
  if (load.ready === null) throw new Error(`the app was not ready: ${load.status} ${load.note ?? ''}`);
}

console.log(`\nload average ${fmt(started)} at the start, ${fmt(loadavg())} at the end; ${rounds} rounds\n`);
if (values.list && values.against) {
  const ref = lists[`.bench/${values.against}`]!;
  console.log(`| Build | ready | list | list ÷ ready | list ÷ ready, ÷ .bench/${values.against}'s (paired) |\n|---|---|---|---|---|`);
  for (const [name, l] of Object.entries(lists)) {
    const ratios = l.list.map((x, i) => x / l.ready[i]!);
    const paired = median(ratios.map((x, i) => x / (ref.list[i]! / ref.ready[i]!)));
    console.log(`| ${name} | ${median(l.ready).toFixed(0)} ms | ${median(l.list).toFixed(0)} ms | ${median(ratios).toFixed(2)}× | ${paired.toFixed(2)}× |`);
  }
  process.exit(0);
}
const reference = values.against ? `.bench/${values.against}` : values.loading ? 'at ready' : 'every layer';
const title = values.against ? (values.loading ? 'Build, panned at ready' : 'Build (every layer)') : values.loading ? 'Pan (every layer)' : 'Layers drawn';
console.log(
  `| ${title} | frame p50 | frame p95 | frames/run | p95 ÷ ${reference} (paired) | browser CPU per frame | CPU ÷ ${reference} (paired) |\n|---|---|---|---|---|---|---|`,
);
const base = figures[reference]!;
for (const [name, f] of Object.entries(figures)) {
  const ratio = median(f.p95.map((x, i) => x / base.p95[i]!));
  const cpuRatio = median(f.cpu.map((x, i) => x / base.cpu[i]!));
  console.log(
    `| ${name} | ${median(f.p50).toFixed(0)} ms | ${median(f.p95).toFixed(0)} ms | ${median(f.frames)} | ${ratio.toFixed(2)}× | ${median(f.cpu).toFixed(0)} ms | ${cpuRatio.toFixed(2)}× |`,
  );
}
