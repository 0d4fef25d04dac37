/**
 * The pre-built tiles layout that `npm run tiles` writes and a map page reads: what is where, and
 * the few rules both sides must agree on (which shard holds a place's events, what the category
 * bitmask means). Pure module: no Node imports, usable in the browser.
 *
 *   manifest.json            TilesManifest (below)
 *   places.pmtiles           one PMTiles v3 archive of Mapbox Vector Tiles 2.1 (one layer `places`,
 *                            gzip inside the archive), read with HTTP range requests
 *   events/{shard}.json      EventShard: the events (and anchor and name) of every place whose id
 *                            hashes to that shard
 *
 * A place lying within TILE_BUFFER of a tile's edge is written into the neighbouring tile too:
 * MapLibre draws a point only in the tile whose [0, extent) holds it, and a point on the right or
 * bottom edge rounds to `extent` in its own tile.
 */
import type { StoryEvent, StoryMeta } from '../story/types.ts';

export const TILES_FORMAT = 'article-atlas-tiles';
/** 2: the tiles are one PMTiles archive (1 was a z/x/y folder of .pbf files). */
export const TILES_VERSION = 2;
/** The vector tile layer name that holds places and clusters. */
export const TILE_LAYER = 'places';

export interface TilesManifest {
  format: typeof TILES_FORMAT;
  version: typeof TILES_VERSION;
  story: StoryMeta;
  /** [west, south, east, north] of all places. */
  bbox: [number, number, number, number];
  counts: { events: number; places: number; tiles: number; shards: number };
  /** Category ids in bit order: bit i of a feature's `c` is set when it has an event of categories[i]. */
  categories: string[];
  /** Earliest and latest event date as written (YYYY, YYYY-MM or YYYY-MM-DD); null without events. */
  dates: { min: string; max: string } | null;
  tiles: {
    /** The PMTiles archive, relative to the manifest (e.g. `places.pmtiles`). */
    url: string;
    layer: typeof TILE_LAYER;
    minzoom: number;
    /** Deepest zoom written; MapLibre over-zooms beyond it. */
    maxzoom: number;
    /** Zooms below this hold clusters (`cluster: true`, `point_count`) as well as single places. */
    clusterMaxZoom: number;
    extent: number;
    /**
     * Feature properties. Place: id, name, n (events), c (category bitmask), t0 and t1 (days since
     * 1970-01-01 UTC: its events cover [t0, t1)). Cluster: cluster (true), point_count (places),
     * n, c, t0, t1 over its places.
     */
    properties: string[];
  };
  events: {
    /** Relative to the manifest; `{shard}` is the shard number. */
    url: string;
    shards: number;
    hash: 'fnv1a32';
  };
}

/**
 * One events file. `places[id]` lists the ids of the place's events; most are in `events` of this
 * file, and `refs[eventId]` names the shard of any that is stored elsewhere (an event is stored
 * once, in the shard of its first place).
 */
export interface EventShard {
  shard: number;
  places: Record<string, string[]>;
  refs: Record<string, number>;
  /** Every place whose id hashes to this shard (with or without events): [lng, lat, name]. */
  info?: Record<string, [number, number, string]>;
  events: StoryEvent[];
}

/** 32-bit FNV-1a of a string's UTF-16 code units. */
export function fnv1a32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The shard that lists a place's events. */
export function shardOf(placeId: string, shards: number): number {
  return fnv1a32(placeId) % shards;
}

/** How many event files for a dataset: about 256 events per file, a power of two in 1..4096. */
export function shardCountFor(events: number): number {
  let n = 1;
  while (n < 4096 && n * 256 < events) n *= 2;
  return n;
}

/** Milliseconds in a day: tile dates (t0, t1) count days since the epoch. */
export const DAY_MS = 86_400_000;

/** Part of a tile's width around it whose places are written into it as well (see above). */
export const TILE_BUFFER = 1 / 64;

/**
 * The tiles at zoom `z` that must hold a point: the one it falls in, and each neighbour whose
 * buffer (`buffer`, a fraction of a tile) it lies in. Web Mercator, tiles clamped to the world.
 */
export function tilesForPoint(lng: number, lat: number, z: number, buffer = TILE_BUFFER): [number, number][] {
  const n = 2 ** z;
  const s = Math.sin((Math.max(-85.0511, Math.min(85.0511, lat)) * Math.PI) / 180);
  const fx = ((lng + 180) / 360) * n;
  const fy = (0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * n;
  const near = (f: number): number[] => {
    const i = Math.floor(f);
    const out = [i];
    if (f - i < buffer) out.push(i - 1);
    if (i + 1 - f < buffer) out.push(i + 1);
    return [...new Set(out.map((t) => Math.min(n - 1, Math.max(0, t))))];
  };
  return near(fx).flatMap((x) => near(fy).map((y): [number, number] => [x, y]));
}

/** Bit for a category index; categories past 30 share bit 30 (treated as "other"). */
export function categoryBit(index: number): number {
  return 1 << Math.min(index, 30);
}

/** Fills `{name}` placeholders of a URL template. */
export function expandTemplate(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, key: string) => (key in values ? String(values[key]) : m));
}

/**
 * The events of one place, in stored order, fetching its shard (and any shard holding one of its
 * events) through `loadShard`, which the caller may cache. Unknown place → [].
 */
export async function eventsOfPlace(
  placeId: string,
  shards: number,
  loadShard: (shard: number) => Promise<EventShard>,
): Promise<StoryEvent[]> {
  const home = await loadShard(shardOf(placeId, shards));
  const ids = home.places[placeId] ?? [];
  const out: StoryEvent[] = [];
  const byId = new Map<number, Map<string, StoryEvent>>();
  const index = (shard: EventShard): Map<string, StoryEvent> => {
    let m = byId.get(shard.shard);
    if (!m) {
      m = new Map(shard.events.map((e) => [e.id, e]));
      byId.set(shard.shard, m);
    }
    return m;
  };
  for (const id of ids) {
    const where = home.refs[id];
    const shard = where === undefined ? home : await loadShard(where);
    const event = index(shard).get(id);
    if (event) out.push(event);
  }
  return out;
}

/**
 * A place id as the story schema allows it (schema.ts SLUG_PATTERN; a unit test keeps the two
 * equal). Repeated here so the page's bundle does not pull in the schema library for one regex.
 */
export const PLACE_ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Longest place name taken from a tile or an event file; longer ones are cut. */
export const MAX_TILE_NAME = 200;

/**
 * A place as read from a tile feature or an event file's `info`: its id must be a slug like any
 * place id, its point on the globe; its name is text, cut to MAX_TILE_NAME. Null when unusable.
 */
export function tilePlace(id: unknown, name: unknown, at: readonly unknown[]): { id: string; name: string; at: [number, number] } | null {
  if (typeof id !== 'string' || id.length > 200 || !PLACE_ID_PATTERN.test(id)) return null;
  const [x, y] = at;
  if (typeof x !== 'number' || typeof y !== 'number' || !Number.isFinite(x) || !Number.isFinite(y) || Math.abs(x) > 180 || Math.abs(y) > 90) return null;
  // Control characters would only garble a label or a list line.
  const text = typeof name === 'string' ? name.replace(/[\u0000-\u001f\u007f]/g, ' ').trim() : '';
  return { id, name: (text || id).slice(0, MAX_TILE_NAME), at: [x, y] };
}
