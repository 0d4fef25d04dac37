/**
 * The story worker: downloads a story bundle (reporting bytes), parses it, and hands the page
 * (1) the places, once they are checked, as a minimal GeoJSON file for a MapLibre source (or, when
 * they are many, keeps them clustered here and serves their vector tiles for as long as the story
 * is shown: tiles/clustered.ts, load/place-tiles.ts); then, once the map says it has drawn them
 * (so the two workers do not share the CPU while the reader waits for the map), (2) the whole
 * bundle checked, (3) the built model in slices (wire.ts), or the list of problems, and (4) the
 * model's search index. A tiles manifest is recognised and handed back as it is. None of this runs on the page's main thread.
 */
import { validateBundlePaced, validatePlaces, formatIssue } from '../story/validate.ts';
import { modelSteps } from '../story/model.ts';
import { searchSteps } from '../story/filter.ts';
import { Pace, runPaced } from './pace.ts';
import { mapPlacesOf, shouldCluster } from '../story/map-places.ts';
import { indexOf, slices } from './wire.ts';
import { checkManifest } from '../tiles/manifest.ts';
import { TILES_FORMAT, TILE_LAYER } from '../tiles/format.ts';
import { PlacesIndex, areaFeatures } from '../tiles/clustered.ts';
import type { WorkerRequest, WorkerMessage, PlaceTilesRequest } from './worker-load.ts';

const post = (message: WorkerMessage, transfer: Transferable[] = []) => (self as unknown as Worker).postMessage(message, transfer);

/** The page says when the reader moves the map: the work after the first draw gives way then. */
const pace = new Pace();

/** The page's word that it has taken the model in: the search index may be built. */
let askSearch: () => void = () => {};
const searchAsked = new Promise<void>((resolve) => (askSearch = resolve));

/** The page's word that the map has drawn the places (or that it will not wait for them). */
let mapDone: () => void = () => {};
const mapDrawn = new Promise<void>((resolve) => (mapDone = resolve));

/** Downloads `url`, reporting progress at most every 100 ms; the text, or an error message. */
async function download(url: URL): Promise<{ ok: true; text: string } | { ok: false; error: string }> {
  let response: Response;
  try {
    response = await fetch(url);
  } catch {
    return { ok: false, error: `Could not download ${url.pathname}: the network request failed.` };
  }
  if (!response.ok) return { ok: false, error: `Could not download ${url.pathname}: the server answered ${response.status}.` };
  // With Content-Encoding the length is the compressed size: no total then, only bytes so far.
  const length = Number(response.headers.get('content-length'));
  const total = response.headers.get('content-encoding') || !Number.isFinite(length) || length <= 0 ? null : length;
  if (!response.body) return { ok: true, text: await response.text() };
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let loaded = 0;
  let last = 0;
  post({ type: 'progress', phase: 'download', loaded, total });
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    loaded += value.byteLength;
    const now = performance.now();
    if (now - last > 100) {
      last = now;
      post({ type: 'progress', phase: 'download', loaded, total });
    }
  }
  post({ type: 'progress', phase: 'download', loaded, total });
  const bytes = new Uint8Array(loaded);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.byteLength;
  }
  return { ok: true, text: new TextDecoder().decode(bytes) };
}

/** Whether a bundle's places (not checked yet: anything may be there) will be clustered, and include areas. */
function denseWithAreas(json: unknown): boolean {
  const features = (json as { places?: { features?: unknown } } | null)?.places?.features;
  if (!Array.isArray(features)) return false;
  const places = features as ({ geometry?: { type?: unknown } | null } | null)[];
  return places.some((f) => typeof f?.geometry?.type === 'string' && f.geometry.type !== 'Point') && shouldCluster(places);
}

/** The areas' tiling code (geojson-vt): a chunk of its own, which only a dense story with areas needs. Null if it cannot be had: the points are drawn all the same. */
function loadAreaCode(): Promise<typeof import('../tiles/areas.ts') | null> {
  return import('../tiles/areas.ts').catch((err: Error) => {
    console.warn(`The story's areas cannot be drawn: ${err.message}`);
    return null;
  });
}

async function load({ url, mapHasPlaces }: WorkerRequest): Promise<void> {
  const where = new URL(url);
  const got = await download(where);
  if (!got.ok) return post({ type: 'errors', errors: [got.error] });
  post({ type: 'progress', phase: 'parse' });
  let json: unknown;
  try {
    json = JSON.parse(got.text);
  } catch {
    return post({ type: 'errors', errors: [`${where.pathname} is not valid JSON.`] });
  }
  const name = decodeURIComponent(where.pathname.split('/').pop() ?? 'story');

  if ((json as { format?: unknown } | null)?.format === TILES_FORMAT) {
    const checked = checkManifest(json, name);
    return post(checked.ok ? { type: 'tiles', manifest: checked.manifest } : { type: 'errors', errors: checked.errors });
  }

  // The map's part first: places whose shape and coordinates are right can be drawn while the
  // events are checked. Should the events fail, the page takes the places off the map again.
  // (Not when the page drew the places from the story's own places file: it starts this worker
  // only once the map has drawn them.)
  post({ type: 'progress', phase: 'validate' });
  // A dense story with areas needs the areas' tiling code (its own chunk): fetched while the places are checked.
  const areaCode = !mapHasPlaces && denseWithAreas(json) ? loadAreaCode() : null;
  const early = mapHasPlaces ? null : validatePlaces(json);
  if (early?.ok && early.places) {
    // (Label points for clustered areas too: PlacesIndex keeps them out of its clusters.)
    const { geojson: collection, cluster, focus } = mapPlacesOf(early.places, (json as { events?: unknown }).events, { clusteredApart: true });
    if (cluster) {
      // Dense: clustered here and served as tiles, with the areas cut into the same tiles. The page
      // adds its source meanwhile; the tiles it asks for wait in this worker's queue until the
      // index is built (the next lines).
      const areas = areaFeatures(collection.features);
      const tiler = areas.length ? await (areaCode ?? loadAreaCode()) : null;
      post({ type: 'place-tiles', focus });
      placeIndex = new PlacesIndex(collection.features, tiler && new tiler.AreaTiles(areas));
    } else {
      const geojson = new TextEncoder().encode(JSON.stringify(collection));
      post({ type: 'places', geojson: geojson.buffer as ArrayBuffer, cluster, focus }, [geojson.buffer as ArrayBuffer]);
    }
    await mapDrawn;
  }

  // From here on the work is in steps that pause while the reader moves the map (pace.ts).
  const checked = await validateBundlePaced(json, pace, {
    files: { story: `${name} (story)`, places: `${name} (places)`, events: `${name} (events)` },
    // The places checked above are not checked again.
    ...(early ? { placesChecked: early } : {}),
  });
  if (!checked.ok || !checked.bundle) return post({ type: 'errors', errors: checked.errors.map(formatIssue) });
  const bundle = checked.bundle;
  post({ type: 'progress', phase: 'index' });
  const model = await runPaced(modelSteps(bundle), pace);
  const index = indexOf(model);
  post({ type: 'progress', phase: 'transfer' });
  // Each slice is a task on the page too (it copies it in): none while the map moves.
  for (const part of slices(model.places)) {
    await pace.breathe();
    post({ type: 'place-slice', places: part });
  }
  for (const part of slices(model.events)) {
    await pace.breathe();
    post({ type: 'event-slice', events: part });
  }
  post({ type: 'model', index, warnings: checked.warnings.map(formatIssue) }, [index.offsets.buffer as ArrayBuffer, index.positions.buffer as ArrayBuffer]);
  // The lists come first; the search index (needed only once the reader searches) once the page
  // has taken them in and drawn them (it asks), so the two do not share the CPU.
  await searchAsked;
  const search = await runPaced(searchSteps(model), pace);
  post({ type: 'search', search }, [search.placeOffsets, search.placePositions, search.eventOffsets, search.eventPositions].map((a) => a.buffer as ArrayBuffer));
}

/** A dense story's places, clustered: the map's tiles and its questions about clusters are answered from it. */
let placeIndex: PlacesIndex | null = null;

/**
 * Answered as soon as it comes (the paced work above yields to this worker's messages between its
 * steps). Without an index (none was built, or the places failed) every answer is empty.
 */
function answer(request: PlaceTilesRequest): void {
  if ('tile' in request) {
    const { id, z, x, y } = request.tile;
    const data = placeIndex?.tile(z, x, y, TILE_LAYER) ?? new ArrayBuffer(0);
    return post({ type: 'tile', id, data }, [data]);
  }
  if ('cluster' in request) {
    const { id, clusterId, leaves, gen } = request.cluster;
    const zoom = placeIndex?.expansionZoom(clusterId, gen) ?? null;
    return post({ type: 'cluster', id, zoom, leaves: leaves === undefined ? [] : (placeIndex?.leaves(clusterId, leaves, gen) ?? []) });
  }
  placeIndex?.narrow(request.narrow);
}

self.addEventListener('message', (e: MessageEvent<WorkerRequest | PlaceTilesRequest | { drawn: true } | { busy: boolean } | { search: true }>) => {
  if ('tile' in e.data || 'cluster' in e.data || 'narrow' in e.data) return answer(e.data);
  if ('drawn' in e.data) return mapDone();
  if ('search' in e.data) return askSearch();
  if ('busy' in e.data) return void (pace.busy = e.data.busy);
  load(e.data).catch((err: Error) => post({ type: 'errors', errors: [`The story could not be loaded: ${err.message}`] }));
});
