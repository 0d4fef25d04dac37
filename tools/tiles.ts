/**
 * Pre-builds a story bundle into static files a map can read at any size (1M events and more):
 * vector tiles of places (clustered below `clusterMaxZoom` with supercluster, encoded with vt-pbf,
 * carrying only what the map draws), event files sharded by place id, and a small manifest.
 * The layout is documented in src/lib/tiles/format.ts.
 *
 *   npm run tiles -- <bundle.json> <outdir> [--max-zoom 13] [--cluster-max-zoom 12]
 *
 * The bundle is read as a stream (stream-json): each event is turned into its JSON text and
 * dropped, so memory holds the output, not the parsed input (a 1M-event bundle is ~550 MB).
 */
import { createReadStream, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import streamJson from 'stream-json';
import Pick from 'stream-json/filters/Pick.js';
import StreamValues from 'stream-json/streamers/StreamValues.js';
import Supercluster from 'supercluster';
import vtpbf from 'vt-pbf';
import type { Feature, Point, Position } from 'geojson';
import type { PlaceFeature, StoryEvent, StoryMeta } from '../src/lib/story/types.ts';
import {
  TILES_FORMAT,
  TILES_VERSION,
  TILE_LAYER,
  categoryBit,
  shardCountFor,
  shardOf,
  type TilesManifest,
} from '../src/lib/tiles/format.ts';
import { STANDARD_CATEGORIES } from '../src/lib/story/categories.ts';

/** The standard vocabulary first, in a fixed order, so bitmasks mean the same in every dataset. */
export { STANDARD_CATEGORIES };

export interface TilesOptions {
  /** Deepest zoom written (single places only there). Default 13. */
  maxZoom?: number;
  /** Deepest zoom with clusters. Default maxZoom − 1. */
  clusterMaxZoom?: number;
  /** Cluster radius in CSS pixels of a 512 px tile. Default 40. */
  radius?: number;
  /** Number of event files; default from the event count (~256 events per file, ≤ 4096). */
  shards?: number;
}

export interface TilesReport {
  places: number;
  events: number;
  tiles: number;
  shards: number;
  bytes: { tiles: number; events: number; manifest: number };
  /** Events naming a place id that is not in the bundle. */
  unknownPlaceRefs: number;
  seconds: number;
}

const EXTENT = 4096;

interface PlaceStat {
  n: number;
  c: number;
}

/** A point for any place geometry: the point itself, or the mean of a polygon's outer ring. */
function anchorOf(feature: PlaceFeature): Position | null {
  const g = feature.geometry;
  if (!g) return null;
  if (g.type === 'Point') return g.coordinates;
  const ring = g.type === 'Polygon' ? g.coordinates[0] : g.coordinates[0]?.[0];
  if (!ring || ring.length === 0) return null;
  let x = 0;
  let y = 0;
  for (const p of ring) {
    x += p[0] as number;
    y += p[1] as number;
  }
  return [x / ring.length, y / ring.length];
}

function tileOf(lng: number, lat: number, z: number): [number, number] {
  const n = 2 ** z;
  const x = Math.floor(((lng + 180) / 360) * n);
  const s = Math.sin((lat * Math.PI) / 180);
  const y = Math.floor((0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * n);
  return [Math.min(n - 1, Math.max(0, x)), Math.min(n - 1, Math.max(0, y))];
}

type PlaceProps = { id: string; name: string; n: number; c: number };
type ClusterProps = { n: number; c: number };

/** Builds tiles, event shards and manifest for the bundle at `input` into `outDir` (replaced). */
export async function buildTiles(input: string, outDir: string, options: TilesOptions = {}): Promise<TilesReport> {
  const t0 = performance.now();
  const maxZoom = options.maxZoom ?? 13;
  const clusterMaxZoom = options.clusterMaxZoom ?? maxZoom - 1;
  const radius = options.radius ?? 40;

  let story: StoryMeta | null = null;
  const places: { id: string; name: string; at: Position }[] = [];
  const stats = new Map<string, PlaceStat>();
  const categories: string[] = [...STANDARD_CATEGORIES];
  const categoryIndex = new Map(categories.map((c, i) => [c, i]));
  let minDate: string | null = null;
  let maxDate: string | null = null;
  // Events are kept as JSON text grouped by their first place until the count (hence the number
  // of shards) is known; events without a place go under the empty id.
  const eventsByHome = new Map<string, string[]>();
  const eventIdsOfPlace = new Map<string, string[]>();
  const homeOfEvent = new Map<string, string>();
  let eventCount = 0;

  const onPlace = (f: PlaceFeature): void => {
    const at = anchorOf(f);
    if (!at || typeof f.id !== 'string') return;
    places.push({ id: f.id, name: String(f.properties?.name ?? f.id), at });
  };
  const onEvent = (e: StoryEvent): void => {
    eventCount++;
    let ci = categoryIndex.get(e.category);
    if (ci === undefined) {
      ci = categories.push(e.category) - 1;
      categoryIndex.set(e.category, ci);
    }
    const bit = categoryBit(ci);
    if (minDate === null || e.date < minDate) minDate = e.date;
    if (maxDate === null || e.date > maxDate) maxDate = e.date;
    const refs = Array.isArray(e.places) ? e.places : [];
    // Stored once, with its first place; other places refer to it by id.
    const home = refs[0]?.id ?? '';
    const stored = eventsByHome.get(home);
    if (stored) stored.push(JSON.stringify(e));
    else eventsByHome.set(home, [JSON.stringify(e)]);
    if (refs.length > 1) homeOfEvent.set(e.id, home);
    const seen = new Set<string>();
    for (const { id } of refs) {
      if (seen.has(id)) continue;
      seen.add(id);
      let s = stats.get(id);
      if (!s) stats.set(id, (s = { n: 0, c: 0 }));
      s.n++;
      s.c |= bit;
      const list = eventIdsOfPlace.get(id);
      if (list) list.push(e.id);
      else eventIdsOfPlace.set(id, [e.id]);
    }
  };

  await pipeline(
    createReadStream(input, { highWaterMark: 1 << 20 }),
    streamJson.parser(),
    // Paths look like "events.17"; each picked value is assembled and handed over on its own.
    Pick.pick({ filter: /^(story|places\.features\.\d+|events\.\d+)$/ }),
    StreamValues.streamValues(),
    new Writable({
      objectMode: true,
      write(chunk: { value: unknown }, _enc, done) {
        const v = chunk.value as Record<string, unknown>;
        if (v && v.type === 'Feature') onPlace(v as unknown as PlaceFeature);
        else if (v && typeof v.date === 'string' && Array.isArray(v.places)) onEvent(v as unknown as StoryEvent);
        else if (story === null) story = v as unknown as StoryMeta;
        done();
      },
    }),
  );
  if (!story) throw new Error(`${input}: no "story" object: not a story bundle`);

  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(join(outDir, 'tiles'), { recursive: true });
  mkdirSync(join(outDir, 'events'), { recursive: true });

  // Tiles.
  const placeIds = new Set(places.map((p) => p.id));
  let unknownPlaceRefs = 0;
  for (const id of stats.keys()) if (!placeIds.has(id)) unknownPlaceRefs += (stats.get(id) as PlaceStat).n;
  const features: Feature<Point, PlaceProps>[] = places.map((p) => {
    const s = stats.get(p.id);
    return {
      type: 'Feature',
      geometry: { type: 'Point', coordinates: p.at },
      properties: { id: p.id, name: p.name, n: s?.n ?? 0, c: s?.c ?? 0 },
    };
  });
  places.length = 0;
  const index = new Supercluster<PlaceProps, ClusterProps>({
    minZoom: 0,
    maxZoom: clusterMaxZoom,
    extent: EXTENT,
    radius: (radius * EXTENT) / 512,
    generateId: true,
    map: (p) => ({ n: p.n, c: p.c }),
    reduce: (acc, p) => {
      acc.n += p.n;
      acc.c |= p.c;
    },
  });
  index.load(features);
  let west = Infinity;
  let south = Infinity;
  let east = -Infinity;
  let north = -Infinity;
  for (const f of features) {
    const [x, y] = f.geometry.coordinates as [number, number];
    if (x < west) west = x;
    if (x > east) east = x;
    if (y < south) south = y;
    if (y > north) north = y;
  }
  let tileCount = 0;
  let tileBytes = 0;
  for (let z = 0; z <= maxZoom; z++) {
    const keys = new Set<string>();
    for (const f of index.getClusters([-180, -85.06, 180, 85.06], z)) {
      const [lng, lat] = f.geometry.coordinates as [number, number];
      const [x, y] = tileOf(lng, lat, z);
      keys.add(`${x}/${y}`);
    }
    for (const key of keys) {
      const [x, y] = key.split('/').map(Number) as [number, number];
      const tile = index.getTile(z, x, y);
      if (!tile) continue;
      const layer = {
        features: tile.features.map((f) => {
          const t = f.tags as Record<string, unknown>;
          if (t.cluster) {
            return { type: 1, geometry: f.geometry, tags: { cluster: true, point_count: t.point_count, n: t.n, c: t.c } };
          }
          return { type: 1, id: f.id, geometry: f.geometry, tags: { id: t.id, name: t.name, n: t.n, c: t.c } };
        }),
      };
      const buf = vtpbf.fromGeojsonVt({ [TILE_LAYER]: layer }, { version: 2, extent: EXTENT });
      mkdirSync(join(outDir, 'tiles', String(z), String(x)), { recursive: true });
      writeFileSync(join(outDir, 'tiles', String(z), String(x), `${y}.pbf`), buf);
      tileCount++;
      tileBytes += buf.byteLength;
    }
  }

  // Event shards.
  const shards = options.shards ?? shardCountFor(eventCount);
  const shardEvents: string[][] = Array.from({ length: shards }, () => []);
  const shardPlaces: Record<string, string[]>[] = Array.from({ length: shards }, () => ({}));
  const shardRefs: Record<string, number>[] = Array.from({ length: shards }, () => ({}));
  // Where and what each place is, so a viewer can resolve a place id from a link without tiles.
  const shardInfo: Record<string, [number, number, string]>[] = Array.from({ length: shards }, () => ({}));
  for (const f of features) {
    const [lng, lat] = f.geometry.coordinates as [number, number];
    (shardInfo[shardOf(f.properties.id, shards)] as Record<string, [number, number, string]>)[f.properties.id] = [lng, lat, f.properties.name];
  }
  for (const [home, texts] of eventsByHome) {
    const list = shardEvents[shardOf(home, shards)] as string[];
    for (const t of texts) list.push(t);
  }
  eventsByHome.clear();
  for (const [placeId, ids] of eventIdsOfPlace) {
    const s = shardOf(placeId, shards);
    (shardPlaces[s] as Record<string, string[]>)[placeId] = ids;
    for (const id of ids) {
      const home = homeOfEvent.get(id);
      if (home !== undefined && shardOf(home, shards) !== s) (shardRefs[s] as Record<string, number>)[id] = shardOf(home, shards);
    }
  }
  let eventBytes = 0;
  for (let s = 0; s < shards; s++) {
    const text =
      `{"shard":${s},"places":${JSON.stringify(shardPlaces[s])},` +
      `"refs":${JSON.stringify(shardRefs[s])},"info":${JSON.stringify(shardInfo[s])},"events":[${(shardEvents[s] as string[]).join(',')}]}`;
    shardEvents[s] = [];
    shardInfo[s] = {};
    writeFileSync(join(outDir, 'events', `${s}.json`), text);
    eventBytes += Buffer.byteLength(text);
  }

  const manifest: TilesManifest = {
    format: TILES_FORMAT,
    version: TILES_VERSION,
    story,
    bbox: features.length ? [west, south, east, north] : [0, 0, 0, 0],
    counts: { events: eventCount, places: features.length, tiles: tileCount, shards },
    categories,
    dates: minDate !== null && maxDate !== null ? { min: minDate, max: maxDate } : null,
    tiles: {
      url: 'tiles/{z}/{x}/{y}.pbf',
      layer: TILE_LAYER,
      minzoom: 0,
      maxzoom: maxZoom,
      clusterMaxZoom,
      extent: EXTENT,
      properties: ['id', 'name', 'n', 'c', 'cluster', 'point_count'],
    },
    events: { url: 'events/{shard}.json', shards, hash: 'fnv1a32' },
  };
  const manifestText = JSON.stringify(manifest, null, 2);
  writeFileSync(join(outDir, 'manifest.json'), manifestText);
  return {
    places: features.length,
    events: eventCount,
    tiles: tileCount,
    shards,
    bytes: { tiles: tileBytes, events: eventBytes, manifest: Buffer.byteLength(manifestText) },
    unknownPlaceRefs,
    seconds: (performance.now() - t0) / 1000,
  };
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      'max-zoom': { type: 'string', default: '13' },
      'cluster-max-zoom': { type: 'string' },
      shards: { type: 'string' },
    },
  });
  const [input, outDir] = positionals;
  if (!input || !outDir) {
    console.error('usage: npm run tiles -- <bundle.json> <outdir> [--max-zoom 13] [--cluster-max-zoom 12] [--shards n]');
    process.exit(2);
  }
  const opts: TilesOptions = { maxZoom: Number(values['max-zoom']) };
  if (values['cluster-max-zoom']) opts.clusterMaxZoom = Number(values['cluster-max-zoom']);
  if (values.shards) opts.shards = Number(values.shards);
  const r = await buildTiles(input, outDir, opts);
  const mb = (b: number) => (b / 1e6).toFixed(1);
  console.log(
    `${outDir}: ${r.events} events, ${r.places} places → ${r.tiles} tiles (${mb(r.bytes.tiles)} MB), ` +
      `${r.shards} event files (${mb(r.bytes.events)} MB) in ${r.seconds.toFixed(1)} s; ` +
      `peak RSS ${mb(process.resourceUsage().maxRSS * 1024)} MB` +
      (r.unknownPlaceRefs ? `; ${r.unknownPlaceRefs} references to unknown places` : ''),
  );
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
