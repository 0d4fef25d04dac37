/**
 * The worker of the worker-clustered tiles baseline (worker-tiles.ts): fetches and parses the
 * bundle itself (the page's main thread never sees the data), builds one supercluster index with
 * MapLibre's own cluster options, and answers tile requests with MVT bytes, transferred.
 *
 * Messages in: `{ type: 'load', url, layer }`, then `{ type: 'tile', id, z, x, y }` (tile requests
 * that come before the index is built wait for it). Out: `{ type: 'ready', points, stages }` or
 * `{ type: 'error', message }`; `{ type: 'tile', id, data }` or `{ type: 'tile', id, error }`.
 */
import type { FeatureCollection } from 'geojson';
import { clusterIndex, encodeClusterTile } from '../lib/cluster-tiles.ts';

type Index = ReturnType<typeof clusterIndex>['index'];
/** When the worker had the response, the parsed bundle and the index: ms since the epoch (performance clock). */
export interface Stages {
  started: number;
  fetched: number;
  parsed: number;
  indexed: number;
}
const now = () => performance.timeOrigin + performance.now();

export type ToWorker = { type: 'load'; url: string; layer: string } | { type: 'tile'; id: number; z: number; x: number; y: number };
export type FromWorker =
  | { type: 'ready'; points: number; stages: Stages }
  | { type: 'error'; message: string }
  | { type: 'tile'; id: number; data: ArrayBuffer }
  | { type: 'tile'; id: number; error: string };

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (msg: FromWorker, transfer: Transferable[] = []) => scope.postMessage(msg, transfer);

let built: Promise<{ index: Index; layer: string }> | null = null;

async function load(url: string, layer: string): Promise<{ index: Index; layer: string }> {
  const started = now();
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  const text = await res.text();
  const fetched = now();
  const bundle = JSON.parse(text) as { places?: FeatureCollection };
  const parsed = now();
  if (!bundle.places || !Array.isArray(bundle.places.features)) throw new Error(`${url}: no "places" feature collection`);
  const { index, points } = clusterIndex(bundle.places.features);
  post({ type: 'ready', points, stages: { started, fetched, parsed, indexed: now() } });
  return { index, layer };
}

scope.onmessage = (e: MessageEvent<ToWorker>) => {
  const msg = e.data;
  if (msg.type === 'load') {
    built = load(msg.url, msg.layer);
    built.catch((err: unknown) => post({ type: 'error', message: String(err) }));
    return;
  }
  if (!built) {
    post({ type: 'tile', id: msg.id, error: 'tile requested before load' });
    return;
  }
  built.then(
    ({ index, layer }) => {
      const data = encodeClusterTile(index, msg.z, msg.x, msg.y, layer);
      post({ type: 'tile', id: msg.id, data }, [data]);
    },
    (err: unknown) => post({ type: 'tile', id: msg.id, error: String(err) }),
  );
};
