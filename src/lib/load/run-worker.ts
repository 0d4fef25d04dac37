/**
 * The story worker's page side once it runs: passes its progress and the map's places on, and
 * assembles the model from its slices (worker-load.ts starts the worker and loads this meanwhile).
 */
import type { PlaceFeature, StoryEvent } from '../story/types.ts';
import { assemble } from './wire.ts';
import { WorkerPlaceTiles } from './place-tiles.ts';
import { showPlaceTiles } from '../map/place-tiles.ts';
import { SearchIndex } from '../story/filter.ts';
import type { StoryModel } from '../story/model.ts';
import { HOLD_MS, MAP_FIRST_MS, type WorkerLoadOptions, type WorkerLoadResult, type WorkerMessage, type SpawnedWorker } from './worker-load.ts';

/** What the map is doing while the loading work gives way: drawing the places the first time. */
const FIRST_DRAW = 'first draw';
/** Longest the work gives way to a first draw that has not reported, after MAP_FIRST_MS. */
const FIRST_DRAW_MAX_MS = 8000;

export function runWorker(spawned: SpawnedWorker, url: URL, { signal, onProgress, onPlaces, onProblem, activity }: WorkerLoadOptions): Promise<WorkerLoadResult> {
  return new Promise((resolve, reject) => {
    const { worker } = spawned;
    // The worker hears when the reader moves the map, and gives way (pace.ts).
    const tell = (busy: boolean) => worker.postMessage({ busy });
    if (activity?.busy) tell(true);
    const stopTelling = activity?.onChange(tell);
    const places: PlaceFeature[] = [];
    const events: StoryEvent[] = [];
    let blobUrl: string | undefined;
    /** Once the model is out: its search index, which the worker sends after it. */
    let model: StoryModel | undefined;
    let modelIn: Promise<void> = Promise.resolve();
    let modelSent = false;
    let giveSearch: (index: SearchIndex | null) => void = () => {};
    const search = new Promise<SearchIndex | null>((r) => (giveSearch = r));
    /** A dense story's places, served by the worker: it lives on (until the next load) to serve them. */
    let placeTiles: WorkerPlaceTiles | undefined;
    const stop = () => {
      worker.terminate();
      placeTiles?.close();
    };
    /** The load is over: the worker stops, unless it still serves the places of the story loaded (`served`). */
    const finish = (served = false) => {
      stopTelling?.();
      activity?.release(FIRST_DRAW);
      giveSearch(null);
      if (served && placeTiles) return;
      signal?.removeEventListener('abort', abort);
      stop();
    };
    const abort = () => {
      finish();
      if (blobUrl) URL.revokeObjectURL(blobUrl);
      reject(new DOMException('The story load was aborted', 'AbortError'));
    };
    if (signal?.aborted) return abort();
    signal?.addEventListener('abort', abort, { once: true });
    const onError = (e: ErrorEvent) => {
      // (Its places' tiles go too: the map then draws none, rather than waiting.)
      finish();
      // (After the model, only its search index is lost: the page builds one if it needs it.)
      if (!modelSent) resolve({ ok: false, errors: [`The story could not be loaded: ${e.message || 'the story worker failed'}`] });
    };
    /** Until the map has drawn the places, the rest gives way to it as to a reader moving it. */
    const firstDraw = (): (() => void) => {
      let told = false;
      const start = () => {
        if (told) return;
        told = true;
        worker.postMessage({ drawn: true });
      };
      activity?.hold(FIRST_DRAW);
      const drawn = () => {
        start();
        activity?.release(FIRST_DRAW);
      };
      // A map that never reports (hidden, failed) must not hold the lists back for long:
      // the worker starts, slowly while the map may still be drawing, then at full pace.
      setTimeout(start, MAP_FIRST_MS);
      setTimeout(drawn, MAP_FIRST_MS + FIRST_DRAW_MAX_MS);
      return drawn;
    };
    const onMessage = (e: MessageEvent<WorkerMessage>) => {
      const m = e.data;
      if (placeTiles?.answer(m)) return;
      switch (m.type) {
        case 'progress':
          onProgress?.(m);
          break;
        case 'errors':
          finish();
          resolve({ ok: false, errors: m.errors });
          break;
        case 'places':
          // A small story's places for a GeoJSON source. MapLibre fetches a blob: URL on the page's
          // main thread (response.json()) and copies the features to its worker: fine for a few
          // thousand places; dense stories come as 'place-tiles' instead.
          blobUrl = URL.createObjectURL(new Blob([m.geojson], { type: 'application/geo+json' }));
          signal?.addEventListener('abort', () => URL.revokeObjectURL(blobUrl!), { once: true });
          onPlaces?.({ kind: 'geojson', data: blobUrl, cluster: m.cluster, focus: m.focus, drawn: firstDraw() });
          break;
        case 'place-tiles':
          placeTiles = new WorkerPlaceTiles((request) => worker.postMessage(request));
          // Served from now on (this load's tiles only), before the map's source asks for them.
          showPlaceTiles(placeTiles);
          onPlaces?.({ kind: 'clustered', tiles: placeTiles, focus: m.focus, drawn: firstDraw() });
          break;
        case 'place-slice':
          for (const p of m.places) places.push(p);
          break;
        case 'event-slice':
          for (const ev of m.events) events.push(ev);
          break;
        case 'model': {
          // Taking the model in (and the lists it fills) is a long task on the page: not while
          // the reader moves the map. The worker still builds the search index: it is stopped
          // once that is in.
          const index = m.index;
          modelSent = true;
          modelIn = (activity?.whenIdle(HOLD_MS) ?? Promise.resolve()).then(() => {
            if (signal?.aborted) return;
            model = assemble(events, places, index);
            resolve({ ok: true, model, warnings: m.warnings, search });
            // Once the page has drawn the lists (a frame, then a task), the worker builds the
            // search index: not while the page is still at it.
            requestAnimationFrame(() => setTimeout(() => worker.postMessage({ search: true }), 0));
          });
          break;
        }
        case 'search': {
          const wire = m.search;
          void modelIn.then(() => {
            if (model) giveSearch(new SearchIndex(model, wire));
            finish(true);
          });
          break;
        }
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
    };
    worker.addEventListener('error', onError);
    worker.addEventListener('message', onMessage);
    // What the worker said while this code was loading, in order.
    spawned.release();
    for (const e of spawned.held) {
      if (e.type === 'error') onError(e as ErrorEvent);
      else onMessage(e as MessageEvent<WorkerMessage>);
    }
  });
}
