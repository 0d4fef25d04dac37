/// <reference types="vitest/config" />
import { defineConfig, build, type Plugin, type ResolvedConfig } from 'vite';
import { fileURLToPath } from 'node:url';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { storiesPlugin } from './tools/stories-plugin.ts';
import { editorAssetsPlugin } from './tools/editor-assets.ts';
import { allowedDataOrigins } from './src/lib/url/data.ts';

/**
 * The Content-Security-Policy the app runs under. Everything (worker, fonts, basemap, stories) is
 * served by the app itself, so 'self' suffices; blob: workers and images are MapLibre's own.
 * An online basemap (VITE_BASEMAP_STYLE_URL, see README) adds its origin to connect-src, plus any
 * tile/glyph/sprite hosts listed in VITE_BASEMAP_CONNECT_SRC (space-separated origins).
 */
export function cspFor(env: Record<string, string | undefined> = {}): string {
  const online = [env.VITE_BASEMAP_STYLE_URL, env.VITE_BASEMAP_STYLE_URL_DARK]
    .filter((url): url is string => Boolean(url))
    .map((url) => new URL(url).origin);
  const extra = (env.VITE_BASEMAP_CONNECT_SRC ?? '').split(/\s+/).filter(Boolean);
  // Other hosts that data= links may open (none by default).
  const data = allowedDataOrigins(env.VITE_DATA_ORIGINS);
  // blob: the story worker hands MapLibre's worker the places as a blob: URL to fetch and parse.
  const connect = ["'self'", 'blob:', ...new Set([...online, ...extra, ...data])].join(' ');
  return [
    "default-src 'self'",
    "script-src 'self'",
    "worker-src 'self' blob:",
    "img-src 'self' data: blob:",
    "style-src 'self'",
    "font-src 'self'",
    `connect-src ${connect}`,
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors *",
  ].join('; ');
}

export const CSP = cspFor(process.env);

/**
 * Two changes to how the PMTiles reader is bundled, for a reader's first download:
 * - it is built from the TypeScript source the package ships: its dist wraps every function in a
 *   name-keeping helper the bundler cannot drop, so the parts the app never uses (the Leaflet
 *   layer, the file source, a second cache) came along (1 kB gzip);
 * - its import of fflate (for browsers without DecompressionStream) goes to
 *   src/lib/map/gunzip-on-demand.ts, which loads fflate only when such a browser asks (8 kB gzip).
 */
export function pmtilesForReaders(): Plugin {
  const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
  const fromPmtiles = /[\\/]node_modules[\\/]pmtiles[\\/]/;
  return {
    name: 'atlas-pmtiles-for-readers',
    enforce: 'pre',
    resolveId(id, importer) {
      if (id === 'fflate' && importer && fromPmtiles.test(importer)) return here('./src/lib/map/gunzip-on-demand.ts');
      if (id === 'pmtiles' && importer === here('./src/lib/map/pmtiles.ts')) return here('./node_modules/pmtiles/src/adapters.ts');
      return null;
    },
  };
}

/**
 * Svelte's runtime comes in one chunk that every chunk of the reader's page shares, so it held the
 * blocks only on-demand parts use (the lists' dynamic elements, size bindings, keyed blocks):
 * every reader downloaded them before the map was idle. Grouped apart (the
 * `svelte-on-demand` chunk below), they load with the parts that use them. These modules only
 * define things; said so here, the shared runtime need not import their chunk to keep order.
 */
export const SVELTE_ON_DEMAND = /[\\/]node_modules[\\/]svelte[\\/]src[\\/]internal[\\/]client[\\/]dom[\\/](blocks[\\/]key|elements[\\/](bindings[\\/]size|attachments))\.js$/;
export function svelteOnDemand(): Plugin {
  return {
    name: 'atlas-svelte-on-demand',
    apply: 'build',
    transform: {
      filter: { id: SVELTE_ON_DEMAND },
      handler: (code) => ({ code, moduleSideEffects: false }),
    },
  };
}

/** Set while the editor's own build runs (below). */
const EDITOR_BUILD = 'ATLAS_EDITOR_BUILD';
const editorPass = process.env[EDITOR_BUILD] === '1';

/**
 * The editor (edit.html) is built apart from the reader's page, into the same folder, once the
 * reader's build has been written. Built together, the two pages share one chunk of Svelte's
 * runtime holding what either of them uses, and every reader would download the editor's part of
 * it. Apart, each page's runtime holds only its own; the chunks both builds make alike (MapLibre,
 * the fonts) come out byte-identical under the same names.
 */
export function editorBuild(): Plugin {
  let config: ResolvedConfig;
  return {
    name: 'atlas-editor-build',
    apply: 'build',
    configResolved(resolved) {
      config = resolved;
    },
    async closeBundle() {
      if (editorPass || config.build.ssr) return;
      process.env[EDITOR_BUILD] = '1';
      try {
        await build({
          configFile: config.configFile,
          mode: config.mode,
          logLevel: config.logLevel,
          build: { outDir: config.build.outDir, emptyOutDir: false },
        });
      } finally {
        delete process.env[EDITOR_BUILD];
      }
    },
  };
}

export default defineConfig({
  // Relative asset URLs, so the built site works from any folder of any static host.
  base: './',
  // ATLAS_GEO: another stories folder (the editor's export test builds a temporary geo/).
  plugins: [svelte(), pmtilesForReaders(), svelteOnDemand(), storiesPlugin(process.env.ATLAS_GEO ?? 'geo'), editorAssetsPlugin(process.env.ATLAS_GEO ?? 'geo'), editorBuild()],
  // Module workers (as MapLibre 6's own): a worker's on-demand parts (the story worker's area
  // tiling) come in chunks of their own instead of being inlined.
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 1200,
    // Every browser MapLibre 6 runs in (WebGL2, ES2022) knows <link rel="modulepreload">.
    modulePreload: { polyfill: false },
    rolldownOptions: {
      // edit.html is built on its own (editorBuild): readers never download the editor, its worker,
      // the gazetteer or the editor's part of Svelte.
      input: editorPass ? { edit: 'edit.html' } : { main: 'index.html' },
      output: {
        // MapLibre in a chunk of its own: its hash changes only when MapLibre does, so a deploy of
        // the app leaves it cached; index.html fetches it in parallel (modulepreload).
        // Area anchors (polylabel) likewise: a selection needs them, drawing the story does not, but
        // the entry reaches them through a re-export (map-places.ts), which would pull them in.
        codeSplitting: {
          groups: [
            { name: 'maplibre-gl', test: /[\\/]node_modules[\\/]maplibre-gl[\\/]/ },
            { name: 'svelte-on-demand', test: SVELTE_ON_DEMAND, includeDependenciesRecursively: false },
            { name: 'anchor', test: /[\\/](node_modules[\\/](polylabel|tinyqueue)[\\/]|src[\\/]lib[\\/]geo[\\/]anchor\.ts)/ },
            // Everything else the page loads first stays in the entry chunk, with Svelte's runtime:
            // left to itself, the bundler moved what the entry shares with on-demand chunks into a
            // chunk of its own, a second file that cost readers 0.8 kB gzip more than one.
            { name: 'app', tags: ['$initial'], includeDependenciesRecursively: false },
          ],
        },
      },
    },
  },
  preview: {
    port: 4173,
    headers: { 'Content-Security-Policy': CSP },
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/e2e/global-setup.ts'],
          testTimeout: 90_000,
          hookTimeout: 240_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
