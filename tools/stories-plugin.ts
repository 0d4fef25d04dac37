/**
 * Vite plugin: serves (dev) and emits (build) the stories of `geo/` as static JSON files:
 *   stories/index.json        [{ id, title, file }] for every story folder
 *   stories/<folder>.json     the folder's three files bundled into one document
 * The app validates what it loads like any other dataset; `npm run validate` checks them before a
 * build, so a bad story never builds.
 */
import type { Plugin } from 'vite';
import { basename } from 'node:path';
import { listStoryDirs, readStoryFolder, bundleOf } from './story-files.ts';

interface IndexEntry {
  id: string;
  title: string;
  file: string;
}

function collect(root: string): { index: IndexEntry[]; files: Map<string, string> } {
  const index: IndexEntry[] = [];
  const files = new Map<string, string>();
  for (const dir of listStoryDirs(root)) {
    const folder = readStoryFolder(dir);
    const bundle = bundleOf(folder);
    const meta = (bundle.story ?? {}) as { id?: unknown; title?: unknown };
    const file = `stories/${basename(dir)}.json`;
    index.push({
      id: typeof meta.id === 'string' ? meta.id : basename(dir),
      title: typeof meta.title === 'string' ? meta.title : basename(dir),
      file,
    });
    files.set(file, JSON.stringify(bundle));
  }
  files.set('stories/index.json', JSON.stringify(index));
  return { index, files };
}

export function storiesPlugin(root: string): Plugin {
  return {
    name: 'article-atlas-stories',
    configureServer(server) {
      server.watcher.add(root);
      server.middlewares.use((req, res, next) => {
        const path = (req.url ?? '').split('?')[0]!.replace(/^\//, '');
        if (!path.startsWith('stories/')) return next();
        const body = collect(root).files.get(path);
        if (body === undefined) return next();
        res.setHeader('Content-Type', 'application/json');
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
