/**
 * The performance benchmark (`npm run bench [-- --quick] [-- --only 1,3]`): builds the app and the
 * baseline pages, makes the synthetic datasets and pre-built tiles it needs (cached in
 * .bench/data), serves everything on 127.0.0.1 and drives headless Chromium at 1280×800.
 *
 * Every figure is the median of ≥ 5 cold loads (3 with --quick) after one warm-up of each page;
 * pages compared with each other run in alternation (A B A B …) and ratios are medians of
 * per-pair ratios (shared/BENCH.md: run-to-run noise here is ±15–25%). Writes .bench/results.json
 * and .bench/results.md.
 *
 * Scenarios: 1 seed story cold load, 2 JS size, 3 10k/100k events (with a worker-clustered tiles
 * baseline next to the clustered GeoJSON one), 4 panning at 100k,
 * 5 click → popup, 6 1M events through pre-built tiles.
 */
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { gzipSync } from 'node:zlib';
import { minifySync } from 'rolldown/experimental';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Browser } from 'playwright-core';
import bboxOf from '@turf/bbox';
import { CSP } from '../vite.config.ts';
import { buildApp, buildBaselines, jsSize, type JsSize, type OutputFile } from './build.ts';
import { serveStatic } from './server.ts';
import { clickPopups, launchBrowser, measureLoad, panFrames, type ClickPace, type ClickResult, type LoadResult, type LoadSpec } from './browser.ts';
import { writeSynthBundle } from './synth-cli.ts';
import { buildTiles, type TilesReport } from '../tools/tiles.ts';
import { SYNTH_BBOX } from './lib/synth.ts';
import { median, p95, pairedRatio, percentile } from './lib/stats.ts';
import { fmtKB, fmtMB, fmtMs, fmtRatio, markdownTable, textTable, type ReportRow } from './lib/report.ts';
import type { StoryBundle } from '../src/lib/story/types.ts';

const OUT = resolve('.bench');
const DATA = join(OUT, 'data');
const SEED = 1;

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    runs: { type: 'string' },
  },
});
const RUNS = args.runs ? Math.max(1, Number(args.runs)) : args.quick ? 3 : 5;
const ONLY = new Set((args.only ?? '1,2,3,4,5,6').split(',').map((s) => Number(s.trim())));
const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(0)} s`;
const log = (msg: string) => console.log(`[bench ${elapsed()}] ${msg}`);

const label = (n: number) => (n >= 1e6 ? `${n / 1e6}m` : n >= 1e3 ? `${n / 1e3}k` : String(n));

/** Cached data is rebuilt when the generator or the tiles CLI changes. */
function dataStamp(): string {
  const h = createHash('sha256');
  for (const f of ['bench/lib/synth.ts', 'bench/lib/random.ts', 'tools/tiles.ts', 'src/lib/tiles/format.ts']) {
    h.update(readFileSync(resolve(f)));
  }
  return h.digest('hex').slice(0, 12);
}

function prepareDataDir(): void {
  const stampFile = join(DATA, 'stamp.txt');
  const stamp = dataStamp();
  if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') !== stamp) rmSync(DATA, { recursive: true, force: true });
  mkdirSync(DATA, { recursive: true });
  writeFileSync(stampFile, stamp);
}

/** A synthetic bundle under .bench/data; returns its URL path. */
async function ensureSynth(events: number): Promise<string> {
  const name = `synth-${label(events)}-s${SEED}.json`;
  const file = join(DATA, name);
  if (!existsSync(file)) {
    log(`generating ${name}`);
    const r = await writeSynthBundle({ events, seed: SEED }, file);
    log(`  ${r.events} events, ${r.places} places, ${(r.bytes / 1e6).toFixed(1)} MB`);
  }
  return `/data/${name}`;
}

/** Pre-built tiles for a synthetic bundle; returns the manifest's URL path and the build report. */
async function ensureTiles(events: number): Promise<{ manifest: string; report: TilesReport }> {
  const dir = `tiles-${label(events)}-s${SEED}`;
  const reportFile = join(DATA, dir, 'build-report.json');
  if (!existsSync(reportFile)) {
    const bundlePath = await ensureSynth(events);
    log(`building ${dir}`);
    const report = await buildTiles(join(OUT, bundlePath), join(DATA, dir));
    writeFileSync(reportFile, JSON.stringify(report, null, 2));
    log(`  ${report.tiles} tiles, ${report.shards} event files in ${report.seconds.toFixed(1)} s`);
  }
  return { manifest: `/data/${dir}/manifest.json`, report: JSON.parse(readFileSync(reportFile, 'utf8')) as TilesReport };
}

interface Contender {
  name: string;
  spec: LoadSpec;
  after?: (page: import('playwright-core').Page) => Promise<unknown>;
}

interface Series {
  runs: (LoadResult & { after?: unknown })[];
  /** Why this page has no figures (e.g. the app lacks the `data=` key). */
  na?: string;
}

/**
 * One warm-up load of each page, then `RUNS` rounds in alternation. A page that turns out not to
 * support the scenario at warm-up (app without `data=`) is left out of the rounds, marked n/a.
 */
async function alternate(browser: Browser, contenders: Contender[]): Promise<Record<string, Series>> {
  const out: Record<string, Series> = {};
  const active: Contender[] = [];
  for (const c of contenders) {
    const warm = await measureLoad(browser, c.spec, c.after);
    out[c.name] = { runs: [] };
    if (warm.status === 'not-implemented' || (c.spec.needPlaces && warm.status !== 'ok')) {
      (out[c.name] as Series).na = `${warm.status}${warm.note ? `: ${warm.note}` : ''}`;
      log(`  ${c.name}: n/a (${(out[c.name] as Series).na})`);
    } else active.push(c);
  }
  for (let i = 0; i < RUNS; i++) {
    for (const c of active) {
      const r = await measureLoad(browser, c.spec, c.after);
      (out[c.name] as Series).runs.push(r);
    }
    log(`  round ${i + 1}/${RUNS}: ${active.map((c) => `${c.name} ${fmtMs(out[c.name]?.runs.at(-1)?.ready)}`).join(', ')}`);
  }
  return out;
}

const readies = (s: Series | undefined) => (s?.runs ?? []).map((r) => (r.status === 'ok' || r.status === 'no-places' ? r.ready : null));
const med = (xs: (number | null)[]) => median(xs.filter((x): x is number => x !== null && Number.isFinite(x)));

function loadFigure(s: Series | undefined): string {
  if (!s || s.na) return 'n/a';
  const ok = s.runs.filter((r) => r.ready !== null);
  if (ok.length === 0) return `n/a (${s.runs[0]?.status ?? 'no runs'})`;
  return (
    `ready ${fmtMs(med(ok.map((r) => r.ready)))}; heap ${fmtMB(med(ok.map((r) => r.heapPeakMB)))}; ` +
    `longest task ${fmtMs(med(ok.map((r) => r.longestTask)))}, TBT ${fmtMs(med(ok.map((r) => r.tbt)))}`
  );
}

function failures(s: Series | undefined): string {
  const bad = (s?.runs ?? []).filter((r) => r.ready === null);
  return bad.length ? `${bad.length}/${s?.runs.length} runs failed (${bad[0]?.status}: ${bad[0]?.note ?? ''})` : '';
}

const join2 = (...parts: (string | undefined)[]) => parts.filter(Boolean).join('; ');

async function main(): Promise<void> {
  log(`runs per figure: ${RUNS} (+1 warm-up); scenarios ${[...ONLY].join(',')}; load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  prepareDataDir();
  log('building the app and the baseline pages');
  const appFiles = await buildApp(join(OUT, 'app'));
  await buildBaselines(join(OUT, 'baselines'));
  let size: JsSize | null = null;
  if (ONLY.has(2)) size = jsSize(await buildApp(join(OUT, 'app-split'), { splitMaplibre: true }));

  const need3 = ONLY.has(3) || ONLY.has(4);
  const data10k = ONLY.has(3) || ONLY.has(6) ? await ensureSynth(10_000) : null;
  const data100k = need3 ? await ensureSynth(100_000) : null;
  const tiles10k = ONLY.has(6) ? await ensureTiles(10_000) : null;
  const tiles1m = ONLY.has(6) ? await ensureTiles(1_000_000) : null;

  const server = await serveStatic(OUT, { '/app/': { 'Content-Security-Policy': CSP } });
  const o = server.origin;
  const browser = await launchBrowser();
  const rows: ReportRow[] = [];
  const raw: Record<string, unknown> = {};
  const bbox = SYNTH_BBOX.join(',');
  try {
    // 1. Seed story cold load.
    if (ONLY.has(1)) {
      log('scenario 1: seed story cold load → idle');
      const index = JSON.parse(readFileSync(join(OUT, 'app/stories/index.json'), 'utf8')) as { file: string; title: string }[];
      let dataPath: string;
      let seedNote: string;
      let seedBounds: string;
      if (index[0]) {
        dataPath = `/app/${index[0].file}`;
        const bundle = JSON.parse(readFileSync(join(OUT, 'app', index[0].file), 'utf8')) as StoryBundle;
        seedBounds = (bundle.story.bbox ?? placesBbox(bundle)).join(',');
        seedNote = `seed story "${index[0].title}" (${bundle.places.features.length} places)`;
      } else {
        dataPath = await ensureSynth(40);
        seedBounds = bbox;
        seedNote = 'no story in geo/ yet: the bare page draws a 40-event synthetic stand-in, the app only its basemap';
      }
      const s = await alternate(browser, [
        { name: 'app', spec: { kind: 'app', url: `${o}/app/` } },
        { name: 'bare', spec: { kind: 'baseline', url: `${o}/baselines/map.html?data=${dataPath}&bounds=${seedBounds}` } },
      ]);
      raw.scenario1 = s;
      const noPlaces = s.app?.runs.some((r) => r.status === 'no-places');
      rows.push({
        scenario: '1 seed story cold load → idle',
        page: 'app (built)',
        figure: loadFigure(s.app),
        ratio: fmtRatio(pairedRatio(readies(s.app), readies(s.bare)), 'of bare'),
        note: join2(noPlaces ? "app drew no 'atlas-places' features: its basemap's first idle" : undefined, failures(s.app)),
      });
      rows.push({ scenario: '1 seed story cold load → idle', page: 'bare MapLibre, one circle layer', figure: loadFigure(s.bare), ratio: '1.00 (reference)', note: join2(seedNote, failures(s.bare)) });
      // What a reader's browser had downloaded before the map was ready, in gzip bytes of the
      // build's files (each compressed on its own, as a server would).
      const initial = initialJs(appFiles, s.app?.runs ?? []);
      raw.initialJs = initial;
      if (initial) {
        rows.push({
          scenario: '2 reader’s initial JS before ready (gzip)',
          page: 'app beyond MapLibre',
          figure: fmtKB(initial.beyond),
          ratio: '',
          note: `${initial.files.join(', ')}; MapLibre ${fmtKB(initial.maplibre)} more (main + worker); scripts received before ready in every run (page and workers' main scripts)`,
        });
        const l = initial.languages;
        rows.push({
          scenario: '2 of which the interface languages (gzip)',
          page: 'app, English reader',
          figure: fmtKB(l.marginal),
          ratio: '',
          note:
            `what ${l.modules} modules (src/lib/i18n, story/translate.ts, Txt, …) add to the compressed files that carry them, ` +
            `minified as the build minifies (the files' module code with and without them); of it, the English messages are about ${fmtKB(l.english)} ` +
            `(text that sat in the templates before the languages came); not counted: the language code inside other modules (the link key, the map's label language, the switch)`,
        });
      }
    }

    // 2. JS size.
    if (ONLY.has(2) && size) {
      raw.scenario2 = size;
      rows.push({
        scenario: '2 JS shipped (gzip)',
        page: 'app beyond MapLibre',
        figure: fmtKB(size.beyondMaplibre),
        ratio: '',
        note:
          `all JS of the reader's page, every chunk it can load (the editor, edit.html, is built apart) ${fmtKB(size.totalJs)} = MapLibre main ${fmtKB(size.maplibre.main)} + worker ${fmtKB(size.maplibre.worker)} + rest (${size.method}); ` +
          `CSS ${fmtKB(size.css)}; largest beyond MapLibre, raw: ${size.top
            .slice(0, 3)
            .map((t) => `${t.name} ${fmtKB(t.bytes)}`)
            .join(', ')}`,
      });
    }

    // 3. 10k and 100k events.
    if (ONLY.has(3)) {
      for (const [n, path] of [
        [10_000, data10k],
        [100_000, data100k],
      ] as const) {
        if (!path) continue;
        log(`scenario 3: ${label(n)} events`);
        const s = await alternate(browser, [
          { name: 'app', spec: { kind: 'app', url: `${o}/app/#data=${path}`, needPlaces: true, dataPath: path, waitForList: true } },
          { name: 'leaflet', spec: { kind: 'baseline', url: `${o}/baselines/leaflet.html?data=${path}&bounds=${bbox}` } },
          { name: 'clustered', spec: { kind: 'baseline', url: `${o}/baselines/map.html?cluster=1&data=${path}&bounds=${bbox}` } },
          { name: 'workerTiles', spec: { kind: 'baseline', url: `${o}/baselines/worker-tiles.html?data=${path}&bounds=${bbox}` } },
          // The engine's floor, once: the same map with no places at all (it does not depend on N).
          ...(n === 10_000 ? [{ name: 'basemapOnly', spec: { kind: 'baseline' as const, url: `${o}/baselines/map.html?bounds=${bbox}` } }] : []),
        ]);
        raw[`scenario3_${label(n)}`] = s;
        const sc = `3 ${label(n)} events → idle`;
        const listMed = med((s.app?.runs ?? []).map((r) => r.listAt));
        rows.push({
          scenario: sc,
          page: 'app #data=',
          figure: s.app?.na ? 'n/a' : join2(loadFigure(s.app), `list ${fmtMs(listMed)}`),
          ratio: s.app?.na ? 'n/a' : fmtRatio(pairedRatio(readies(s.app), readies(s.leaflet)), 'of Leaflet'),
          note: s.app?.na ? `data= not implemented (${s.app.na})` : join2(Number.isNaN(listMed) ? 'no [data-testid="event-list"] item seen' : undefined, failures(s.app)),
        });
        if (!s.app?.na) {
          const ok = (s.app?.runs ?? []).filter((r) => r.ready !== null && r.listAt !== null);
          rows.push({
            scenario: `3 ${label(n)} events → event list filled`,
            page: 'app #data=',
            figure: `list ${fmtMs(listMed)}`,
            ratio: fmtRatio(median(ok.map((r) => (r.listAt as number) / (r.ready as number))), 'of its ready'),
            note: `${ok.length} runs with a list`,
          });
        }
        rows.push({ scenario: sc, page: 'Leaflet 1.9 + markercluster 1.5 (chunked)', figure: loadFigure(s.leaflet), ratio: '1.00 (reference)', note: failures(s.leaflet) });
        /** A bare MapLibre page's row: its figure, its ratio to Leaflet (and to others), a note. */
        const bareRow = (x: Series | undefined, page: string, note: string, others: string[] = []) =>
          rows.push({ scenario: sc, page, figure: loadFigure(x), ratio: join2(fmtRatio(pairedRatio(readies(x), readies(s.leaflet)), 'of Leaflet'), ...others), note: join2(note, failures(x)) });
        bareRow(s.clustered, 'bare MapLibre, clustered GeoJSON', 'main-thread heap only (worker heap not counted)');
        bareRow(
          s.workerTiles,
          'bare MapLibre, worker-clustered tiles (addProtocol)',
          "the page's own worker fetches the bundle, clusters it with supercluster (MapLibre's options) and serves vt-pbf tiles; main-thread heap only",
          [fmtRatio(pairedRatio(readies(s.workerTiles), readies(s.clustered)), 'of clustered GeoJSON')],
        );
        if (s.basemapOnly) {
          bareRow(
            s.basemapOnly,
            'bare MapLibre, the basemap alone (no places)',
            "the engine's floor on this machine: the map every MapLibre page draws before any place, ready at its first idle; Leaflet's ready includes its 10k markers",
          );
        }
      }
    }

    // 4. Panning with 100k.
    if (ONLY.has(4) && data100k) {
      log('scenario 4: pan + zoom frames at 100k');
      const s = await alternate(browser, [
        {
          name: 'app',
          spec: { kind: 'app', url: `${o}/app/#data=${data100k}`, needPlaces: true, dataPath: data100k },
          after: (page) => panFrames(page, '__atlasMap'),
        },
        {
          name: 'clustered',
          spec: { kind: 'baseline', url: `${o}/baselines/map.html?cluster=1&data=${data100k}&bounds=${bbox}` },
          after: (page) => panFrames(page, '__benchMap'),
        },
      ]);
      raw.scenario4 = s;
      const frames = (x: Series | undefined, p: number) => (x?.runs ?? []).map((r) => (Array.isArray(r.after) && r.after.length ? percentile(r.after as number[], p) : null));
      const fig = (x: Series | undefined) =>
        x?.na ? 'n/a' : `frame interval p50 ${fmtMs(med(frames(x, 50)))}, p95 ${fmtMs(med(frames(x, 95)))}; frames/run ${med((x?.runs ?? []).map((r) => (Array.isArray(r.after) ? r.after.length : null)))}`;
      rows.push({
        scenario: '4 pan + zoom, 100k',
        page: 'app #data=',
        figure: fig(s.app),
        ratio: s.app?.na ? 'n/a' : fmtRatio(pairedRatio(frames(s.app, 95), frames(s.clustered, 95)), 'of bare p95'),
        note: s.app?.na ? `data= not implemented (${s.app.na})` : failures(s.app),
      });
      rows.push({ scenario: '4 pan + zoom, 100k', page: 'bare MapLibre, clustered GeoJSON', figure: fig(s.clustered), ratio: '1.00 (reference)', note: join2('4 s scripted easeTo from one start view; SwiftShader-bound', failures(s.clustered)) });
    }

    // 5. Click → popup: as a person clicks (the pointer on the place, the map still), and in quick
    // succession (each click as soon as the previous popup is in, the map perhaps still drawing).
    if (ONLY.has(5)) {
      log('scenario 5: click → popup ×50, settled and quick');
      const spec: LoadSpec = { kind: 'app', url: `${o}/app/` };
      await measureLoad(browser, spec, (page) => clickPopups(page, 5, 'settled'));
      const runs: Record<ClickPace, LoadResult & { after?: ClickResult }> = {
        settled: await measureLoad(browser, spec, (page) => clickPopups(page, 50, 'settled')),
        quick: await measureLoad(browser, spec, (page) => clickPopups(page, 50, 'quick')),
      };
      raw.scenario5 = runs;
      for (const pace of ['settled', 'quick'] as const) {
        const r = runs[pace];
        const c = r.after;
        const lat = c?.latencies ?? [];
        rows.push({
          scenario: pace === 'settled' ? '5 click → popup visible (50 clicks, pointer settled)' : '5 click → popup visible (50 clicks in quick succession)',
          page: 'app (seed story)',
          figure: lat.length ? `p95 ${fmtMs(p95(lat))}, p50 ${fmtMs(median(lat))} over ${lat.length} clicks` : 'n/a',
          ratio: '',
          note: c
            ? join2(
                pace === 'settled'
                  ? 'the pointer on the place and the map still (its hover drawn, two frames without a render) before the button goes down'
                  : 'each click as soon as the previous popup is in; the map may still be drawing that click\'s frame',
                `${c.latencies.length - c.wrong} of ${c.latencies.length + c.misses} clicks opened the clicked place's popup`,
                c.misses ? `${c.misses} without a popup` : undefined,
                c.wrong ? `${c.wrong} opened another place's` : undefined,
                `${c.covered} drawn places passed over as covered (open popup, controls, outside the map)`,
                c.note,
              )
            : `page not ready: ${r.status} ${r.note ?? ''}`,
        });
      }
    }

    // 6. 1M events through pre-built tiles.
    if (ONLY.has(6) && tiles1m && tiles10k && data10k) {
      log('scenario 6: 1M events via pre-built tiles');
      const s = await alternate(browser, [
        { name: 'app1m', spec: { kind: 'app', url: `${o}/app/#data=${tiles1m.manifest}`, needPlaces: true, dataPath: tiles1m.manifest } },
        { name: 'app10k', spec: { kind: 'app', url: `${o}/app/#data=${tiles10k.manifest}`, needPlaces: true, dataPath: tiles10k.manifest } },
        { name: 'tiles1m', spec: { kind: 'baseline', url: `${o}/baselines/map.html?tiles=${tiles1m.manifest}&bounds=${bbox}` } },
        { name: 'tiles10k', spec: { kind: 'baseline', url: `${o}/baselines/map.html?tiles=${tiles10k.manifest}&bounds=${bbox}` } },
        { name: 'geojson10k', spec: { kind: 'baseline', url: `${o}/baselines/map.html?data=${data10k}&bounds=${bbox}` } },
      ]);
      raw.scenario6 = { series: s, build: { '1m': tiles1m.report, '10k': tiles10k.report } };
      const b = tiles1m.report;
      const appNa = s.app1m?.na ?? s.app10k?.na;
      rows.push({
        scenario: '6 1M events, pre-built tiles → idle',
        page: 'app #data=<manifest.json>',
        figure: appNa ? 'n/a' : loadFigure(s.app1m),
        ratio: appNa ? 'n/a' : fmtRatio(pairedRatio(readies(s.app1m), readies(s.app10k)), 'of app at 10k tiles'),
        note: appNa ? `tiles manifest via data= not implemented (${appNa})` : failures(s.app1m),
      });
      rows.push({
        scenario: '6 1M events, pre-built tiles → idle',
        page: 'bare MapLibre, vector tiles 1M',
        figure: loadFigure(s.tiles1m),
        ratio: join2(
          fmtRatio(pairedRatio(readies(s.tiles1m), readies(s.tiles10k)), 'of tiles 10k'),
          fmtRatio(pairedRatio(readies(s.tiles1m), readies(s.geojson10k)), 'of GeoJSON 10k'),
        ),
        note: join2(
          `build ${b.seconds.toFixed(0)} s: ${b.tiles} tiles ${fmtMB(b.bytes.tiles / 1048576)} + ${b.shards} event files ${fmtMB(b.bytes.events / 1048576)}`,
          failures(s.tiles1m),
        ),
      });
      rows.push({ scenario: '6 1M events, pre-built tiles → idle', page: 'bare MapLibre, vector tiles 10k', figure: loadFigure(s.tiles10k), ratio: '1.00 (reference)', note: failures(s.tiles10k) });
      rows.push({ scenario: '6 1M events, pre-built tiles → idle', page: 'bare MapLibre, plain GeoJSON 10k', figure: loadFigure(s.geojson10k), ratio: '', note: failures(s.geojson10k) });
    }
  } finally {
    const version = browser.version();
    await browser.close();
    await server.close();
    const meta = {
      date: new Date().toISOString(),
      commit: gitCommit(),
      chromium: version,
      node: process.version,
      cpus: cpus().length,
      loadavgAtEnd: loadavg(),
      runsPerFigure: RUNS,
      warmups: 1,
      viewport: '1280x800',
      seconds: (Date.now() - started) / 1000,
    };
    writeFileSync(join(OUT, 'results.json'), JSON.stringify({ meta, rows, raw }, null, 2));
    const md =
      `Benchmark ${meta.date.slice(0, 10)}, commit ${meta.commit}, Chromium ${version} (SwiftShader), ${meta.cpus} CPUs (shared), ` +
      `1280×800, medians of ${RUNS} cold loads after 1 warm-up, paired runs A B A B…\n\n` +
      markdownTable(rows);
    writeFileSync(join(OUT, 'results.md'), md);
    console.log('\n' + textTable(rows));
    log('wrote .bench/results.json and .bench/results.md');
  }
}

/**
 * The modules that exist only for the interface languages (#17): the messages, the catalogue
 * engine and Intl helpers, the library and its store, the story's translations accessor, the chooser and the
 * text element that marks a language. English readers download what of them is in the first chunks.
 */
const LANGUAGE_MODULES = /([\\/]src[\\/]lib[\\/]i18n[\\/]|[\\/]node_modules[\\/](@nanostores[\\/]i18n|nanostores)[\\/]|[\\/]src[\\/]lib[\\/]story[\\/]translate\.ts|[\\/]src[\\/]lib[\\/]ui[\\/](LanguageChooser|Txt)\.svelte)/;

/**
 * Gzip bytes of the JS every run had received before ready, split into MapLibre (chunks made only
 * of its modules, and its worker) and the rest; and what the languages' modules add to them,
 * minified (the files' module code minified with and without them, then compressed).
 */
function initialJs(
  files: readonly OutputFile[],
  runs: readonly LoadResult[],
): { beyond: number; maplibre: number; files: string[]; languages: { gzip: number; modules: number; marginal: number; english: number } } | null {
  const ok = runs.filter((r) => r.ready !== null);
  if (ok.length === 0) return null;
  const names = new Set(ok[0]!.scriptsBeforeReady);
  for (const r of ok.slice(1)) for (const n of [...names]) if (!r.scriptsBeforeReady.includes(n)) names.delete(n);
  let beyond = 0;
  let maplibre = 0;
  const shown: string[] = [];
  const languageCode: string[] = [];
  const englishCode: string[] = [];
  let languageModules = 0;
  const gz = (code: string) => (code ? gzipSync(code, { level: 9 }).byteLength : 0);
  // The build's own minifier over a file's module code: what a module costs is what it costs minified.
  const minified = (code: string[], options: object = { compress: true, mangle: { toplevel: true } }) => (code.length ? minifySync('chunk.js', code.join('\n'), options).code : '');
  const isLanguage = (id: string) => LANGUAGE_MODULES.test(id) && !/\?svelte&type=style/.test(id);
  const isEnglish = (id: string) => /[\\/]i18n[\\/]en(-[a-z]+)?\.ts$/.test(id);
  let marginal = 0;
  for (const f of files) {
    const name = f.fileName.split('/').pop() as string;
    if (!names.has(name)) continue;
    const modules = Object.entries(f.modules ?? {});
    const ids = modules.map(([id]) => id);
    const isMaplibre = /maplibre-gl-worker/.test(name) || (ids.length > 0 && ids.every((id) => /[\\/]node_modules[\\/]maplibre-gl[\\/]/.test(id)));
    const kept = (keep: (id: string) => boolean) => gz(minified(modules.filter(([id]) => keep(id)).map(([, code]) => code)));
    if (ids.some(isLanguage)) marginal += kept(() => true) - kept((id) => !isLanguage(id));
    for (const [id, code] of modules) if (isLanguage(id)) {
      languageCode.push(code);
      if (isEnglish(id)) englishCode.push(code);
      languageModules++;
    }
    if (isMaplibre) maplibre += f.gzip;
    else {
      beyond += f.gzip;
      shown.push(`${name.replace(/-[A-Za-z0-9_-]{8}\.(m?js)$/, '.$1')} ${fmtKB(f.gzip)}`);
    }
  }
  // The English messages alone, whitespace and comments gone (nothing else to remove: they are data).
  const english = gz(minified(englishCode, { compress: false, mangle: false }));
  const languages = { gzip: gz(minified(languageCode)), modules: languageModules, marginal, english };
  return { beyond, maplibre, files: shown, languages };
}

/** [west, south, east, north] of the bundle's places, or the synthetic area when it has none. */
function placesBbox(bundle: StoryBundle): [number, number, number, number] {
  if (!bundle.places.features.length) return [...SYNTH_BBOX];
  return bboxOf(bundle.places) as [number, number, number, number];
}

function gitCommit(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

await main();
