/**
 * Loading a story through the story worker (story.worker.ts), from the page's side: progress for
 * the panel, the map's places as soon as the worker has them (or, for a bundled story, from its
 * places file before the worker is even started), then the model assembled from its slices. A
 * tiles manifest becomes a TilesStory. Failures become readable messages, as in load.ts.
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
  /** The page drew the places from the story's places file: check and index the rest only. */
  mapHasPlaces?: boolean;
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
  /**
   * The story's places file (a bundled story, see tools/stories-plugin.ts): the map draws it
   * first, and the story worker is started only once the map has drawn it.
   */
  places?: { url: URL; focus: BBox; cluster: boolean };
}

/** Longest the worker holds back the lists for the map to draw the places. */
const MAP_FIRST_MS = 4000;

const startWorker = () => new Worker(new URL('./story.worker.ts', import.meta.url), { type: 'module', name: 'story' });

/**
 * A story's places file as a blob: URL for MapLibre's worker to fetch and parse. Fetched here, on
 * the page, so the download index.html preloads is the one used; the page never parses it.
 */
async function placesBlobUrl(url: URL, signal?: AbortSignal): Promise<string | null> {
  try {
    const response = await fetch(url, signal ? { signal } : {});
    if (!response.ok) return null;
    return URL.createObjectURL(await response.blob());
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    return null;
  }
}

export async function loadInWorker(url: URL, options: WorkerLoadOptions = {}): Promise<WorkerLoadResult> {
  const { signal, onPlaces, places: placesFile } = options;
  if (!placesFile) return runWorker(url, options);
  const blobUrl = await placesBlobUrl(placesFile.url, signal);
  // Without the places file, the worker makes the map's places from the bundle as usual.
  if (!blobUrl) return runWorker(url, options);
  signal?.addEventListener('abort', () => URL.revokeObjectURL(blobUrl), { once: true });
  const drawn = new Promise<void>((resolve) => {
    // A map that never reports (hidden, failed) must not hold the story back for long.
    setTimeout(resolve, MAP_FIRST_MS);
    onPlaces?.({ kind: 'geojson', data: blobUrl, cluster: placesFile.cluster, focus: placesFile.focus, drawn: resolve });
  });
  await drawn;
  return runWorker(url, options, true);
}

function runWorker(url: URL, { signal, onProgress, onPlaces, onProblem }: WorkerLoadOptions, mapHasPlaces = false): Promise<WorkerLoadResult> {
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
    worker.postMessage({ url: url.href, mapHasPlaces } satisfies WorkerRequest);
  });
}
