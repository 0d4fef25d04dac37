/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
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

export default defineConfig({
  // Relative asset URLs, so the built site works from any folder of any static host.
  base: './',
  // ATLAS_GEO: another stories folder (the editor's export test builds a temporary geo/).
  plugins: [svelte(), storiesPlugin(process.env.ATLAS_GEO ?? 'geo'), editorAssetsPlugin(process.env.ATLAS_GEO ?? 'geo')],
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      // edit.html is its own entry: readers never download the editor, its worker or the gazetteer.
      input: { main: 'index.html', edit: 'edit.html' },
      output: {
        // MapLibre in a chunk of its own: its hash changes only when MapLibre does, so a deploy of
        // the app leaves it cached; index.html fetches it in parallel (modulepreload).
        codeSplitting: { groups: [{ name: 'maplibre-gl', test: /[\\/]node_modules[\\/]maplibre-gl[\\/]/ }] },
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
