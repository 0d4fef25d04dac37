/**
 * The pre-built tiles layout that `npm run tiles` writes and a map page reads: what is where, and
 * the few rules both sides must agree on (which shard holds a place's events, what the category
 * bitmask means). Pure module: no Node imports, usable in the browser.
 *
 *   manifest.json            TilesManifest (below)
 *   tiles/{z}/{x}/{y}.pbf    Mapbox Vector Tile 2.1, one layer `places`, uncompressed
 *   events/{shard}.json      EventShard: the events (and anchor and name) of every place whose id
 *                            hashes to that shard
 */
import type { StoryEvent, StoryMeta } from '../story/types.ts';

export const TILES_FORMAT = 'article-atlas-tiles';
export const TILES_VERSION = 1;
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
    /** Relative to the manifest. */
    url: string;
    layer: typeof TILE_LAYER;
    minzoom: number;
    /** Deepest zoom written; MapLibre over-zooms beyond it. */
    maxzoom: number;
    /** Zooms below this hold clusters (`cluster: true`, `point_count`) as well as single places. */
    clusterMaxZoom: number;
    extent: number;
    /**
     * Feature properties. Place: id, name, n (events), c (category bitmask).
     * Cluster: cluster (true), point_count (places), n (events), c (bitmask).
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
