/**
 * Builds what the benchmark serves, with Vite's JS API: the app exactly as `vite build` makes it
 * (plus a plugin that records which modules went into which file), and the baseline pages of
 * bench/pages. Also: how many gzip bytes the app ships beyond MapLibre's own code.
 */
import { build, type Plugin } from 'vite';
import { gzipSync } from 'node:zlib';
import { join, resolve } from 'node:path';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { feature } from 'topojson-client';
import type { Topology, GeometryCollection } from 'topojson-specification';

export interface OutputFile {
  fileName: string;
  kind: 'chunk' | 'asset';
  bytes: number;
  gzip: number;
  /** Chunks only: rendered code per module id. */
  modules?: Record<string, string>;
}

const gz = (text: string | Uint8Array): number => gzipSync(text).byteLength;
const bytesOf = (text: string | Uint8Array): number => (typeof text === 'string' ? Buffer.byteLength(text) : text.byteLength);

/** Records every emitted file (and each chunk's modules) of a build into `into`. */
function recordOutput(into: OutputFile[]): Plugin {
  return {
    name: 'atlas-bench-record-output',
    apply: 'build',
    generateBundle(_options, bundle) {
      for (const out of Object.values(bundle)) {
        if (out.type === 'chunk') {
          const modules: Record<string, string> = {};
          for (const [id, m] of Object.entries(out.modules)) modules[id] = m.code ?? '';
          into.push({ fileName: out.fileName, kind: 'chunk', bytes: bytesOf(out.code), gzip: gz(out.code), modules });
        } else {
          into.push({ fileName: out.fileName, kind: 'asset', bytes: bytesOf(out.source), gzip: gz(out.source) });
        }
      }
    },
  };
}

const MAPLIBRE_MODULE = /[\\/]node_modules[\\/]maplibre-gl[\\/]/;

/**
 * Builds the app as `vite build` does. With `splitMaplibre`, MapLibre's modules go into a chunk of
 * their own (a measuring build only: it tells exactly how many bytes are MapLibre's and how many
 * are everything else, whatever chunking the app's own config chooses).
 */
export async function buildApp(outDir: string, { splitMaplibre = false } = {}): Promise<OutputFile[]> {
  const files: OutputFile[] = [];
  await build({
    configFile: resolve('vite.config.ts'),
    logLevel: 'warn',
    plugins: [recordOutput(files)],
    build: {
      outDir,
      emptyOutDir: true,
      ...(splitMaplibre
        ? { rolldownOptions: { output: { codeSplitting: { groups: [{ name: 'maplibre-gl', test: MAPLIBRE_MODULE }] } } } }
        : {}),
    },
  });
  return files;
}

export async function buildBaselines(outDir: string): Promise<OutputFile[]> {
  const files: OutputFile[] = [];
  const root = resolve('bench/pages');
  await build({
    configFile: false,
    root,
    base: './',
    publicDir: resolve('public'),
    logLevel: 'warn',
    plugins: [recordOutput(files)],
    build: {
      outDir,
      emptyOutDir: true,
      target: 'es2022',
      chunkSizeWarningLimit: 5000,
      rolldownOptions: {
        input: { map: resolve(root, 'map.html'), leaflet: resolve(root, 'leaflet.html'), 'worker-tiles': resolve(root, 'worker-tiles.html') },
      },
    },
    // worker-tiles.html's cluster worker is a module worker.
    worker: { format: 'es' },
  });
  writeCountries(join(outDir, 'basemap', 'countries.geojson'));
  return files;
}

/**
 * The Leaflet page's basemap: Natural Earth 1:50m countries as one GeoJSON file, coordinates
 * rounded to 1e-4° (the app's first basemap, which the embedded PMTiles basemap replaced).
 */
function writeCountries(file: string): void {
  const require = createRequire(import.meta.url);
  const topo = JSON.parse(readFileSync(require.resolve('world-atlas/countries-50m.json'), 'utf8')) as Topology<{
    countries: GeometryCollection<{ name: string }>;
  }>;
  const countries = feature(topo, topo.objects.countries);
  const round = (value: unknown): unknown =>
    Array.isArray(value) ? (typeof value[0] === 'number' ? value.map((n: number) => Math.round(n * 1e4) / 1e4) : value.map(round)) : value;
  for (const f of countries.features) {
    if (f.geometry && 'coordinates' in f.geometry) (f.geometry as { coordinates: unknown }).coordinates = round(f.geometry.coordinates);
  }
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, JSON.stringify(countries));
}

export interface JsSize {
  /** gzip bytes of all JavaScript files shipped (each file compressed on its own, as a server would). */
  totalJs: number;
  /** MapLibre's main chunk and its worker file, gzip bytes. */
  maplibre: { main: number; worker: number; mainFile: string | null; workerFile: string | null };
  /** totalJs − MapLibre: the app's own code, Svelte, other libraries and chunk glue. */
  beyondMaplibre: number;
  css: number;
  /**
   * 'exact' when MapLibre sits in a chunk of its own; 'estimated' when it shares a chunk and its
   * part is prorated by rendered (pre-minification) module size.
   */
  method: 'exact' | 'estimated';
  /** Largest contributors beyond MapLibre by rendered (pre-minification) bytes: package or source folder. */
  top: { name: string; bytes: number }[];
}

const isMaplibre = (id: string): boolean => MAPLIBRE_MODULE.test(id);

/** Who a module belongs to: an npm package name, or the source folder of the app. */
function ownerOf(id: string): string {
  const m = /[\\/]node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)/.exec(id);
  if (m) return (m[1] as string).replace('\\', '/');
  const rel = id.replace(/\?.*$/, '').split(/[\\/]src[\\/]/)[1];
  if (rel) return `src/${rel.split(/[\\/]/).slice(0, -1).join('/') || '.'}`;
  return id.replace(/\0/g, '').replace(/^.*[\\/]/, '');
}

/** Splits the shipped JavaScript into MapLibre's (main chunk + worker) and everything else. */
export function jsSize(files: readonly OutputFile[]): JsSize {
  let totalJs = 0;
  let css = 0;
  let main = 0;
  let worker = 0;
  let mainFile: string | null = null;
  let workerFile: string | null = null;
  let method: JsSize['method'] = 'exact';
  const owners = new Map<string, number>();
  const own = (f: OutputFile, id: string) => owners.set(ownerOf(id), (owners.get(ownerOf(id)) ?? 0) + (f.modules?.[id]?.length ?? 0));
  for (const f of files) {
    if (f.fileName.endsWith('.css')) css += f.gzip;
    if (!/\.(m?js)$/.test(f.fileName)) continue;
    totalJs += f.gzip;
    if (f.kind === 'asset' && /maplibre-gl-worker/.test(f.fileName)) {
      worker += f.gzip;
      workerFile = f.fileName;
      continue;
    }
    const ids = Object.keys(f.modules ?? {});
    const ml = ids.filter(isMaplibre);
    if (ml.length === 0) {
      for (const id of ids) own(f, id);
      continue;
    }
    mainFile = f.fileName;
    if (ml.length === ids.length) {
      main += f.gzip;
      continue;
    }
    method = 'estimated';
    const len = (list: string[]) => list.reduce((sum, id) => sum + (f.modules?.[id]?.length ?? 0), 0);
    main += Math.round((f.gzip * len(ml)) / Math.max(1, len(ids)));
    for (const id of ids) if (!isMaplibre(id)) own(f, id);
  }
  const top = [...owners]
    .filter(([, bytes]) => bytes > 0)
    .map(([name, bytes]) => ({ name, bytes }))
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, 6);
  return { totalJs, maplibre: { main, worker, mainFile, workerFile }, beyondMaplibre: totalJs - main - worker, css, method, top };
}
