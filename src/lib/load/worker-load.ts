/**
 * Loading a story through the story worker (story.worker.ts), from the page's side: progress for
 * the panel, the map's places as soon as the worker has them, then the model assembled from its
 * slices. A tiles manifest becomes a TilesStory. Failures become readable messages, as in load.ts.
 */
import type { BBox } from 'geojson';
import type { StoryModel } from '../story/model.ts';
import type { PlaceFeature, StoryEvent } from '../story/types.ts';
import type { TilesManifest } from '../tiles/format.ts';
import type { MapPlaces } from '../story/map-places.ts';
import { assemble, type WireIndex } from './wire.ts';
import { TilesStory, tilesMapPlaces } from '../tiles/story.svelte.ts';

export interface WorkerRequest {
  url: string;
}

export type LoadPhase = 'download' | 'parse' | 'validate' | 'index' | 'transfer';

export interface LoadProgress {
  phase: LoadPhase;
  /** Bytes downloaded so far (download phase). */
  loaded?: number;
  /** Bytes expected, when the server said so. */
  total?: number | null;
}

export type WorkerMessage =
  | ({ type: 'progress' } & LoadProgress)
  | { type: 'errors'; errors: string[] }
  | { type: 'places'; geojson: ArrayBuffer; cluster: boolean; focus: BBox }
  | { type: 'place-slice'; places: PlaceFeature[] }
  | { type: 'event-slice'; events: StoryEvent[] }
  | { type: 'model'; index: WireIndex; warnings: string[] }
  | { type: 'tiles'; manifest: TilesManifest };

export type WorkerLoadResult = { ok: true; model: StoryModel; warnings: string[] } | { ok: false; errors: string[] };

export interface WorkerLoadOptions {
  signal?: AbortSignal;
  onProgress?: (progress: LoadProgress) => void;
  /** The map's places, before the model (a blob: URL for GeoJSON, kept until `signal` aborts). */
  onPlaces?: (places: MapPlaces) => void;
  /** Problems met later while a tiled story loads a place's events. */
  onProblem?: (message: string) => void;
}

/** Longest the worker holds back the lists for the map to draw the places. */
const MAP_FIRST_MS = 4000;

const startWorker = () => new Worker(new URL('./story.worker.ts', import.meta.url), { type: 'module', name: 'story' });
let warm: Worker | undefined;

/** Starts the story worker (loading its code) while the page works out which story to open. */
export function prewarmStoryWorker(): void {
  warm ??= startWorker();
}

export function loadInWorker(url: URL, { signal, onProgress, onPlaces, onProblem }: WorkerLoadOptions = {}): Promise<WorkerLoadResult> {
  return new Promise((resolve, reject) => {
    const worker = warm ?? startWorker();
    warm = undefined;
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
            // A map that never reports (hidden, failed) must not hold the lists back for long.
            setTimeout(drawn, MAP_FIRST_MS);
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
          onPlaces?.(tilesMapPlaces(m.manifest, url));
          resolve({ ok: true, model: new TilesStory(m.manifest, url, onProblem), warnings: [] });
          break;
        }
      }
    });
    worker.postMessage({ url: url.href } satisfies WorkerRequest);
  });
}
