/**
 * The page's side of a dense story's clustered places, which the story worker indexes and serves
 * (tiles/clustered.ts): each request goes out with an id and its answer comes back to it. An
 * aborted tile request is dropped at once; once the worker is gone every request answers empty
 * (no tile, no cluster), so the map never waits for it.
 */
import type { PlaceTiles } from '../story/map-places.ts';
import type { PlaceTilesAnswer, PlaceTilesRequest } from './worker-load.ts';

let loads = 0;

export class WorkerPlaceTiles implements PlaceTiles {
  readonly key = `s${++loads}`;
  version = 0;
  #nextId = 0;
  #closed = false;
  readonly #send: (request: PlaceTilesRequest) => void;
  readonly #tiles = new Map<number, (data: ArrayBuffer) => void>();
  readonly #clusters = new Map<number, (answer: { zoom: number | null; leaves: string[] }) => void>();

  constructor(send: (request: PlaceTilesRequest) => void) {
    this.#send = send;
  }

  tile(z: number, x: number, y: number, signal?: AbortSignal): Promise<ArrayBuffer> {
    if (this.#closed) return Promise.resolve(new ArrayBuffer(0));
    if (signal?.aborted) return Promise.reject(new DOMException('The tile request was aborted', 'AbortError'));
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        this.#tiles.delete(id);
        reject(new DOMException('The tile request was aborted', 'AbortError'));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#tiles.set(id, (data) => {
        signal?.removeEventListener('abort', onAbort);
        resolve(data);
      });
      this.#send({ tile: { id, z, x, y } });
    });
  }

  expansionZoom(clusterId: number, gen?: number): Promise<number | null> {
    return this.#ask(clusterId, undefined, gen).then((a) => a.zoom);
  }

  leaves(clusterId: number, limit: number, gen?: number): Promise<string[]> {
    return this.#ask(clusterId, limit, gen).then((a) => a.leaves);
  }

  #ask(clusterId: number, leaves?: number, gen?: number): Promise<{ zoom: number | null; leaves: string[] }> {
    if (this.#closed) return Promise.resolve({ zoom: null, leaves: [] });
    const id = this.#nextId++;
    return new Promise((resolve) => {
      this.#clusters.set(id, resolve);
      this.#send({ cluster: { id, clusterId, ...(leaves === undefined ? {} : { leaves }), ...(gen === undefined ? {} : { gen }) } });
    });
  }

  narrow(only: { ids: string[]; counts: number[] } | null): void {
    if (this.#closed) return;
    this.#send({ narrow: only });
    this.version++;
  }

  /** Takes the worker's answer to one of our requests; false for other messages. */
  answer(m: PlaceTilesAnswer | { type: string }): boolean {
    if (m.type === 'tile') {
      const { id, data } = m as Extract<PlaceTilesAnswer, { type: 'tile' }>;
      this.#tiles.get(id)?.(data);
      this.#tiles.delete(id);
      return true;
    }
    if (m.type === 'cluster') {
      const { id, zoom, leaves } = m as Extract<PlaceTilesAnswer, { type: 'cluster' }>;
      this.#clusters.get(id)?.({ zoom, leaves });
      this.#clusters.delete(id);
      return true;
    }
    return false;
  }

  /** The worker is gone: what is pending answers empty, and so does all that comes. */
  close(): void {
    this.#closed = true;
    for (const done of this.#tiles.values()) done(new ArrayBuffer(0));
    for (const done of this.#clusters.values()) done({ zoom: null, leaves: [] });
    this.#tiles.clear();
    this.#clusters.clear();
  }
}
