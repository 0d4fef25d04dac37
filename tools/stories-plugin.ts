/**
 * Vite plugin: serves (dev) and emits (build) the stories of `geo/` as static JSON files:
 *   stories/index.json              [{ id, title, file, places?, focus?, cluster? }] for every story folder
 *   stories/<folder>.json           the folder's three files bundled into one document
 *   stories/<folder>.places.geojson the places as the map draws them (map-places.ts), so the map
 *                                   can draw a story before the app has read the whole bundle
 * and, in index.html, preloads of the index and of the first story's places: their download
 * starts with the page, not after the app has booted.
 * The app validates what it loads like any other dataset; `npm run validate` checks them before a
 * build, so a bad story never builds.
 */
import type { Plugin } from 'vite';
import { basename } from 'node:path';
import { listStoryDirs, readStoryFolder, bundleOf } from './story-files.ts';
import { validatePlaces } from '../src/lib/story/validate.ts';
import { mapPlacesOf } from '../src/lib/story/map-places.ts';
import type { StoryIndexEntry as IndexEntry } from '../src/lib/load/load.ts';

function collect(root: string): { index: IndexEntry[]; files: Map<string, string> } {
  const index: IndexEntry[] = [];
  const files = new Map<string, string>();
  for (const dir of listStoryDirs(root)) {
    const folder = readStoryFolder(dir);
    const bundle = bundleOf(folder);
    const meta = (bundle.story ?? {}) as { id?: unknown; title?: unknown };
    const file = `stories/${basename(dir)}.json`;
    const entry: IndexEntry = {
      id: typeof meta.id === 'string' ? meta.id : basename(dir),
      title: typeof meta.title === 'string' ? meta.title : basename(dir),
      file,
    };
    // Only places that pass the checks get a file of their own (the app validates the bundle anyway).
    const checked = validatePlaces(bundle);
    if (checked.ok && checked.places) {
      const { geojson, cluster, focus } = mapPlacesOf(checked.places, bundle.events);
      entry.places = `stories/${basename(dir)}.places.geojson`;
      entry.focus = focus as [number, number, number, number];
      entry.cluster = cluster;
      files.set(entry.places, JSON.stringify(geojson));
    }
    index.push(entry);
    files.set(file, JSON.stringify(bundle));
  }
  files.set('stories/index.json', JSON.stringify(index));
  return { index, files };
}

/** Preloads for index.html (relative URLs, like the rest of the build). */
function preloads(index: readonly IndexEntry[]): { tag: 'link'; attrs: Record<string, string>; injectTo: 'head' }[] {
  const link = (href: string) => ({ tag: 'link' as const, attrs: { rel: 'preload', href, as: 'fetch', crossorigin: 'anonymous' }, injectTo: 'head' as const });
  const first = index[0]?.places;
  return [link('stories/index.json'), ...(first ? [link(first)] : [])];
}

export function storiesPlugin(root: string): Plugin {
  return {
    name: 'article-atlas-stories',
    transformIndexHtml() {
      return preloads(collect(root).index);
    },
    configureServer(server) {
      server.watcher.add(root);
      server.middlewares.use((req, res, next) => {
        const path = (req.url ?? '').split('?')[0]!.replace(/^\//, '');
        if (!path.startsWith('stories/')) return next();
        const body = collect(root).files.get(path);
        if (body === undefined) return next();
        res.setHeader('Content-Type', path.endsWith('.geojson') ? 'application/geo+json' : 'application/json');
        res.end(body);
      });
    },
    generateBundle() {
      for (const [fileName, source] of collect(root).files) {
        this.emitFile({ type: 'asset', fileName, source });
      }
    },
  };
}
