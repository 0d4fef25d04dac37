/**
 * Baseline: bare MapLibre drawing the same clustered places as map.html?cluster=1, but clustered in
 * a Web Worker of the page's own (cluster-worker.ts: it fetches the bundle, builds a supercluster
 * index with MapLibre's options and encodes MVT tiles with vt-pbf). MapLibre reads the tiles
 * through `addProtocol('sc')` from a `vector` source; the layers are map.ts's clustered ones.
 * `?data=<bundle.json>[&bounds=w,s,e,n]`. Ready = the first `idle` at which the places source is
 * loaded and has features in its tiles (so the places are drawn, not only the style).
 */
import { addProtocol } from 'maplibre-gl';
import { TILE_LAYER } from '../../src/lib/tiles/format.ts';
import { SOURCE_MAXZOOM, parseTileUrl } from '../lib/tile-url.ts';
import { markError, markReady, pageParams, PLACES_SOURCE } from './bench-page.ts';
import { benchMap, mapLoaded, placeLayers } from './maplibre-page.ts';
import type { FromWorker, ToWorker } from './cluster-worker.ts';

const params = pageParams();

// The worker starts first: it downloads and indexes while MapLibre loads its style.
const worker = new Worker(new URL('./cluster-worker.ts', import.meta.url), { type: 'module' });
const send = (msg: ToWorker) => worker.postMessage(msg);
const pending = new Map<number, { resolve: (data: ArrayBuffer) => void; reject: (err: Error) => void }>();
let nextId = 0;
const stages: Record<string, number> = {};
(window as unknown as { __benchStages: Record<string, number> }).__benchStages = stages;
let indexed: (points: number) => void = () => {};
let failed: (err: Error) => void = () => {};
const points = new Promise<number>((resolve, reject) => {
  indexed = resolve;
  failed = reject;
});
worker.onmessage = (e: MessageEvent<FromWorker>) => {
  const msg = e.data;
  if (msg.type === 'ready') {
    // For a look at where the time goes (not read by the runner): ms since navigation start.
    const since = (t: number) => Math.round(t - performance.timeOrigin);
    const s = msg.stages;
    stages.workerStarted = since(s.started);
    stages.fetched = since(s.fetched);
    stages.parsed = since(s.parsed);
    stages.indexed = since(s.indexed);
    indexed(msg.points);
  }
  else if (msg.type === 'error') failed(new Error(msg.message));
  else {
    const p = pending.get(msg.id);
    pending.delete(msg.id);
    if ('error' in msg) p?.reject(new Error(msg.error));
    else p?.resolve(msg.data);
  }
};
worker.onerror = (e) => failed(new Error(`cluster worker: ${e.message}`));
if (params.data) send({ type: 'load', url: new URL(params.data, location.href).href, layer: TILE_LAYER });

addProtocol('sc', async ({ url }) => {
  const tile = parseTileUrl(url, 'sc');
  if (!tile) throw new Error(`not an sc://z/x/y tile URL: ${url}`);
  const id = nextId++;
  stages.firstTileAsked ??= Math.round(performance.now());
  const data = await new Promise<ArrayBuffer>((resolve, reject) => {
    pending.set(id, { resolve, reject });
    send({ type: 'tile', id, ...tile });
  });
  stages.firstTileServed ??= Math.round(performance.now());
  return { data };
});

const map = benchMap(params.bounds);

async function addPlaces(): Promise<number> {
  if (!params.data) return 0;
  await mapLoaded(map);
  stages.mapLoad = Math.round(performance.now());
  // Added at load, as map.ts adds its source once its data is parsed: the tiles wait for the index.
  map.addSource(PLACES_SOURCE, { type: 'vector', tiles: ['sc://{z}/{x}/{y}'], maxzoom: SOURCE_MAXZOOM });
  for (const layer of placeLayers({ clustered: true, sourceLayer: TILE_LAYER })) map.addLayer(layer);
  return points;
}

addPlaces().then(
  (n) => {
    const drawn = () =>
      map.getSource(PLACES_SOURCE) !== undefined &&
      map.isSourceLoaded(PLACES_SOURCE) &&
      map.querySourceFeatures(PLACES_SOURCE, { sourceLayer: TILE_LAYER }).length > 0;
    const check = () => {
      if (n === 0 || drawn()) markReady(n);
      else map.once('idle', check);
    };
    if (map.loaded()) check();
    else map.once('idle', check);
  },
  markError,
);
