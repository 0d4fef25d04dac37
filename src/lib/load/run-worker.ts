/**
 * The story worker's page side once it runs: starts story.worker.ts, passes its progress and the
 * map's places on, and assembles the model from its slices (worker-load.ts loads this on demand).
 */
import type { PlaceFeature, StoryEvent } from '../story/types.ts';
import { assemble } from './wire.ts';
import { afterVisibleTime, type WorkerLoadOptions, type WorkerLoadResult, type WorkerMessage, type WorkerRequest } from './worker-load.ts';

const startWorker = () => new Worker(new URL('./story.worker.ts', import.meta.url), { type: 'module', name: 'story' });

export function runWorker(url: URL, { signal, onProgress, onPlaces, onProblem }: WorkerLoadOptions, mapHasPlaces = false): Promise<WorkerLoadResult> {
  return new Promise((resolve, reject) => {
    const worker = startWorker();
    const places: PlaceFeature[] = [];
    const events: StoryEvent[] = [];
    let blobUrl: string | undefined;
    const finish = () => {
      worker.terminate();
      signal?.removeEventListener('abort', abort);
    };
    const abort = () => {
      finish();
      if (blobUrl) URL.revokeObjectURL(blobUrl);
      reject(new DOMException('The story load was aborted', 'AbortError'));
    };
    if (signal?.aborted) return abort();
    signal?.addEventListener('abort', abort, { once: true });
    worker.addEventListener('error', (e) => {
      finish();
      resolve({ ok: false, errors: [`The story could not be loaded: ${e.message || 'the story worker failed'}`] });
    });
    worker.addEventListener('message', (e: MessageEvent<WorkerMessage>) => {
      const m = e.data;
      switch (m.type) {
        case 'progress':
          onProgress?.(m);
          break;
        case 'errors':
          finish();
          resolve({ ok: false, errors: m.errors });
          break;
        case 'places':
          // MapLibre's worker fetches and parses this itself; the page never holds the objects.
          blobUrl = URL.createObjectURL(new Blob([m.geojson], { type: 'application/geo+json' }));
          signal?.addEventListener('abort', () => URL.revokeObjectURL(blobUrl!), { once: true });
          {
            let told = false;
            const drawn = () => {
              if (told) return;
              told = true;
              worker.postMessage({ drawn: true });
            };
            // A map that never reports (failed) must not hold the lists back for long.
            afterVisibleTime(drawn);
            onPlaces?.({ kind: 'geojson', data: blobUrl, cluster: m.cluster, focus: m.focus, drawn });
          }
          break;
        case 'place-slice':
          for (const p of m.places) places.push(p);
          break;
        case 'event-slice':
          for (const ev of m.events) events.push(ev);
          break;
        case 'model':
          finish();
          resolve({ ok: true, model: assemble(events, places, m.index), warnings: m.warnings });
          break;
        case 'tiles': {
          finish();
          // The tiles code is loaded only by a tiled story (a bundled one never needs it).
          import('../tiles/story.svelte.ts')
            .then(({ TilesStory, tilesMapPlaces }) => {
              if (signal?.aborted) return reject(new DOMException('The story load was aborted', 'AbortError'));
              onPlaces?.(tilesMapPlaces(m.manifest, url));
              resolve({ ok: true, model: new TilesStory(m.manifest, url, onProblem), warnings: [] });
            })
            .catch((err: Error) => resolve({ ok: false, errors: [`The story could not be loaded: ${err.message}`] }));
          break;
        }
      }
    });
    worker.postMessage({ url: url.href, mapHasPlaces } satisfies WorkerRequest);
  });
}
