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
import type { WireIndex } from './wire.ts';
import type { Activity } from './pace.ts';
import type { SearchIndex, SearchWire } from '../story/filter.ts';

export interface WorkerRequest {
  url: string;
  /** The page drew the places from the story's places file: check and index the rest only. */
  mapHasPlaces?: boolean;
}

/** The page asks the story worker for a tile of its clustered places, about a cluster, or to re-cluster a filtered subset. */
export type PlaceTilesRequest =
  | { tile: { id: number; z: number; x: number; y: number } }
  | { cluster: { id: number; clusterId: number; leaves?: number; gen?: number } }
  | { narrow: { ids: string[]; counts: number[] } | null };

/** The story worker's answers: MVT bytes (transferred; empty for nothing), a cluster's expansion zoom or places. */
export type PlaceTilesAnswer =
  | { type: 'tile'; id: number; data: ArrayBuffer }
  | { type: 'cluster'; id: number; zoom: number | null; leaves: string[] };

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
  /** Instead of 'places' for a dense story: the worker clusters them and serves their tiles (place-tiles.ts). */
  | { type: 'place-tiles'; focus: BBox }
  | PlaceTilesAnswer
  | { type: 'place-slice'; places: PlaceFeature[] }
  | { type: 'event-slice'; events: StoryEvent[] }
  | { type: 'model'; index: WireIndex; warnings: string[] }
  /** After the model: its search index, built in the worker (a second of work at 100k events). */
  | { type: 'search'; search: SearchWire }
  | { type: 'tiles'; manifest: TilesManifest };

export type WorkerLoadResult =
  | {
      ok: true;
      model: StoryModel;
      warnings: string[];
      /** The model's search index, which comes after it (null when it does not come: the page builds one when it needs it). */
      search?: Promise<SearchIndex | null>;
    }
  | { ok: false; errors: string[] };

export interface WorkerLoadOptions {
  signal?: AbortSignal;
  onProgress?: (progress: LoadProgress) => void;
  /**
   * The map's places, before the model: a blob: URL for GeoJSON, kept until `signal` aborts; or,
   * for a dense story, the story worker's clustered tiles, served until `signal` aborts.
   */
  onPlaces?: (places: MapPlaces) => void;
  /** Problems met later while a tiled story loads a place's events. */
  onProblem?: (message: string) => void;
  /**
   * The story's places file (a bundled story, see tools/stories-plugin.ts): the map draws it
   * first, and the story worker is started only once the map has drawn it.
   */
  places?: { url: URL; focus: BBox; cluster: boolean };
  /**
   * Whether the reader is moving the map: the worker's work after the first draw, and the page's
   * taking in of the lists, wait while they do (pace.ts).
   */
  activity?: Activity;
  /**
   * Starts loading more code the page needs to show the model, alongside the code that handles
   * the worker's messages (for a bundled story: once the map has drawn its places file).
   */
  code?: () => Promise<unknown>;
}

/** Longest the page holds the finished model back while the reader keeps moving the map. */
export const HOLD_MS = 1500;

/** Longest the worker holds back the lists for the map to draw the places (its data downloaded and read). */
export const MAP_FIRST_MS = 4000;

/**
 * Longest a bundled story waits for the map to draw its places file before the story worker (its
 * code too) is loaded, in time the page is visible (a hidden tab does not draw). Only a map that
 * never reports waits this long: on a busy machine the first draw can take several seconds, and
 * loading the worker then would compete with it.
 */
const PLACES_FILE_WAIT_MS = 10_000;

/** Calls `fn` once the page has been visible for `ms` (a safety net: callers also call it on the map's word). */
function afterVisibleTime(fn: () => void, ms: number): void {
  let left = ms;
  let since = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const fire = () => {
    document.removeEventListener('visibilitychange', onVisibility);
    fn();
  };
  const start = () => {
    since = performance.now();
    timer = setTimeout(fire, Math.max(0, left));
  };
  const onVisibility = () => {
    clearTimeout(timer);
    if (document.hidden) left -= performance.now() - since;
    else start();
  };
  document.addEventListener('visibilitychange', onVisibility);
  if (!document.hidden) start();
}

/**
 * A story's places file as a blob: URL for a GeoJSON source. Fetched here, on the page, so the
 * download index.html preloads is the one used (MapLibre reads a blob: URL on the page's main
 * thread: response.json(), then a copy to its worker).
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

/** A story worker, started and asked for a story; what it says before its handler is there is held. */
export interface SpawnedWorker {
  worker: Worker;
  held: Event[];
  /** Stops holding (the handler has been attached and takes the held events). */
  release(): void;
}

function spawn(url: URL, mapHasPlaces: boolean): SpawnedWorker {
  const worker = new Worker(new URL('./story.worker.ts', import.meta.url), { type: 'module', name: 'story' });
  const held: Event[] = [];
  const hold = (e: Event) => held.push(e);
  worker.addEventListener('message', hold);
  worker.addEventListener('error', hold);
  worker.postMessage({ url: url.href, mapHasPlaces } satisfies WorkerRequest);
  return {
    worker,
    held,
    release: () => {
      worker.removeEventListener('message', hold);
      worker.removeEventListener('error', hold);
    },
  };
}

/**
 * The worker starts at once; the code that handles its messages (and assembles the model) is
 * loaded meanwhile, so it is not part of the page's first download.
 */
async function runWorker(url: URL, options: WorkerLoadOptions, mapHasPlaces = false): Promise<WorkerLoadResult> {
  const spawned = spawn(url, mapHasPlaces);
  try {
    // Started, not waited for: its caller waits for it before it shows the model.
    options.code?.().catch(() => {});
    return (await import('./run-worker.ts')).runWorker(spawned, url, options);
  } catch (err) {
    spawned.worker.terminate();
    throw err;
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
    // A map that never reports (failed) must not hold the story back for long.
    afterVisibleTime(resolve, PLACES_FILE_WAIT_MS);
    onPlaces?.({ kind: 'geojson', data: blobUrl, cluster: placesFile.cluster, focus: placesFile.focus, drawn: resolve });
  });
  await drawn;
  return runWorker(url, options, true);
}
