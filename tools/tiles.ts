/**
 * Pre-builds a story bundle into static files a map can read at any size (1M events and more):
 * vector tiles of places (clustered below `clusterMaxZoom` with supercluster, encoded with vt-pbf,
 * carrying only what the map draws) in one PMTiles archive, event files sharded by place id, and a
 * small manifest. The layout is documented in src/lib/tiles/format.ts.
 *
 *   npm run tiles -- <bundle.json> <outdir> [--max-zoom 13] [--cluster-max-zoom 12]
 *
 * The bundle is checked with the same rules as `npm run validate` (validateBundle) before anything
 * is written: a bundle the validator refuses is not tiled. It is read as a stream (stream-json),
 * since a 1M-event bundle (~550 MB) is longer than the longest string V8 can hold.
 */
import { createReadStream, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Transform, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import streamJson from 'stream-json';
import Pick from 'stream-json/filters/Pick.js';
import StreamValues from 'stream-json/streamers/StreamValues.js';
import Supercluster from 'supercluster';
import vtpbf from 'vt-pbf';
import type { Feature, Point, Position } from 'geojson';
import type { PlaceFeature, StoryEvent, StoryMeta } from '../src/lib/story/types.ts';
import {
  DAY_MS,
  TILES_FORMAT,
  TILES_VERSION,
  TILE_LAYER,
  categoryBit,
  shardCountFor,
  shardOf,
  tilesForPoint,
  type TilesManifest,
} from '../src/lib/tiles/format.ts';
import { STANDARD_CATEGORIES } from '../src/lib/story/categories.ts';
import { formatIssue, validateBundle } from '../src/lib/story/validate.ts';
import { eventSpan } from '../src/lib/story/filter.ts';
import { writeArchive, type TileInput } from './basemap/pmtiles-writer.ts';
import { anchorOf } from '../src/lib/geo/anchor.ts';

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
  /** "Today" for the validator's future-date rule (tests). */
  now?: Date;
}

export interface TilesReport {
  places: number;
  events: number;
  tiles: number;
  shards: number;
  bytes: { tiles: number; events: number; manifest: number };
  /** The validator's warnings (errors stop the build). */
  warnings: string[];
  seconds: number;
}

/** The bundle failed validation: nothing was written. `problems` are the validator's messages. */
export class TilesInputError extends Error {
  constructor(
    readonly problems: string[],
    input: string,
  ) {
    super(`${input}: not tiled, the bundle has ${problems.length} error${problems.length === 1 ? '' : 's'}:\n${problems.slice(0, 50).join('\n')}${problems.length > 50 ? `\n… and ${problems.length - 50} more` : ''}`);
    this.name = 'TilesInputError';
  }
}

const EXTENT = 4096;
/** The archive's name next to the manifest. */
export const ARCHIVE = 'places.pmtiles';

interface PlaceStat {
  n: number;
  c: number;
  t0: number;
  t1: number;
}

type PlaceProps = { id: string; name: string; n: number; c: number; t0: number; t1: number };
type ClusterProps = { n: number; c: number; t0: number; t1: number };

/**
 * Reads a bundle as a stream: the story, the place features and the events as parsed values, and
 * which of the three top-level keys were there at all (so a missing one is reported, not taken as
 * empty).
 */
async function readBundle(input: string): Promise<{ story?: unknown; features?: unknown[]; events?: unknown[] }> {
  let story: unknown;
  const features: unknown[] = [];
  const events: unknown[] = [];
  const keys = new Set<string>();
  let depth = 0;
  // Notes the top-level keys as the tokens go by (Pick below keeps only the values we want).
  const topKeys = new Transform({
    objectMode: true,
    transform(token: { name: string; value?: unknown }, _enc, done) {
      if (token.name === 'startObject' || token.name === 'startArray') depth++;
      else if (token.name === 'endObject' || token.name === 'endArray') depth--;
      else if (token.name === 'keyValue' && depth === 1) keys.add(String(token.value));
      done(null, token);
    },
  });
  let seq = 0;
  await pipeline(
    createReadStream(input, { highWaterMark: 1 << 20 }),
    streamJson.parser({ packValues: true, streamValues: false }),
    topKeys,
    // Paths look like "events.17"; each picked value is assembled and handed over on its own.
    Pick.pick({ filter: (stack: readonly (string | number | null)[]) => pickWhere(stack) !== null }),
    StreamValues.streamValues(),
    new Writable({
      objectMode: true,
      write(chunk: { value: unknown }, _enc, done) {
        // Pick hands values over in document order; which part each is was noted by the filter.
        const where = picked[seq++];
        if (where === 'story') story = chunk.value;
        else if (where === 'place') features.push(chunk.value);
        else events.push(chunk.value);
        done();
      },
    }),
  );
  picked.length = 0;
  return {
    ...(keys.has('story') ? { story } : {}),
    ...(keys.has('places') ? { features } : {}),
    ...(keys.has('events') ? { events } : {}),
  };
}

/** Which part a Pick path is, recorded in order for readBundle's writer. */
const picked: ('story' | 'place' | 'event')[] = [];
function pickWhere(stack: readonly (string | number | null)[]): 'story' | 'place' | 'event' | null {
  let where: 'story' | 'place' | 'event' | null = null;
  if (stack.length === 1 && stack[0] === 'story') where = 'story';
  else if (stack.length === 3 && stack[0] === 'places' && stack[1] === 'features' && typeof stack[2] === 'number') where = 'place';
  else if (stack.length === 2 && stack[0] === 'events' && typeof stack[1] === 'number') where = 'event';
  if (where) picked.push(where);
  return where;
}

/** Builds the tile archive, event shards and manifest for the bundle at `input` into `outDir` (replaced). */
export async function buildTiles(input: string, outDir: string, options: TilesOptions = {}): Promise<TilesReport> {
  const t0 = performance.now();
  const maxZoom = options.maxZoom ?? 13;
  const clusterMaxZoom = options.clusterMaxZoom ?? maxZoom - 1;
  const radius = options.radius ?? 40;

  // Checked as a whole, with the validator's own rules and messages, before anything is written.
  const raw = await readBundle(input);
  const name = input.split(/[\\/]/).pop() ?? input;
  const checked = validateBundle(
    {
      story: raw.story,
      places: raw.features ? { type: 'FeatureCollection', features: raw.features } : undefined,
      events: raw.events,
    },
    { files: { story: `${name} (story)`, places: `${name} (places)`, events: `${name} (events)` }, ...(options.now ? { now: options.now } : {}) },
  );
  if (!checked.ok || !checked.bundle) throw new TilesInputError(checked.errors.map(formatIssue), input);
  const bundle = checked.bundle;
  raw.features = raw.events = undefined;
  const story: StoryMeta = bundle.story;

  const places: { id: string; name: string; at: Position }[] = [];
  const stats = new Map<string, PlaceStat>();
  const categories: string[] = [...STANDARD_CATEGORIES];
  const categoryIndex = new Map(categories.map((c, i) => [c, i]));
  let minDate: string | null = null;
  let maxDate: string | null = null;
  // Events grouped by their first place until the count (hence the number of shards) is known;
  // events without a place go under the empty id.
  const eventsByHome = new Map<string, StoryEvent[]>();
  const eventIdsOfPlace = new Map<string, string[]>();
  const homeOfEvent = new Map<string, string>();
  const eventCount = bundle.events.length;

  for (const f of bundle.places.features) {
    const at = anchorOf(f);
    if (at) places.push({ id: f.id, name: f.properties.name, at });
  }
  for (const e of bundle.events) {
    let ci = categoryIndex.get(e.category);
    if (ci === undefined) {
      ci = categories.push(e.category) - 1;
      categoryIndex.set(e.category, ci);
    }
    const bit = categoryBit(ci);
    if (minDate === null || e.date < minDate) minDate = e.date;
    if (maxDate === null || e.date > maxDate) maxDate = e.date;
    const [start, end] = eventSpan(e);
    const d0 = Math.floor(start / DAY_MS);
    const d1 = Math.ceil(end / DAY_MS);
    // Stored once, with its first place; other places refer to it by id.
    const home = e.places[0]?.id ?? '';
    const stored = eventsByHome.get(home);
    if (stored) stored.push(e);
    else eventsByHome.set(home, [e]);
    if (e.places.length > 1) homeOfEvent.set(e.id, home);
    const seen = new Set<string>();
    for (const { id } of e.places) {
      if (seen.has(id)) continue;
      seen.add(id);
      let s = stats.get(id);
      if (!s) stats.set(id, (s = { n: 0, c: 0, t0: d0, t1: d1 }));
      s.n++;
      s.c |= bit;
      if (d0 < s.t0) s.t0 = d0;
      if (d1 > s.t1) s.t1 = d1;
      const list = eventIdsOfPlace.get(id);
      if (list) list.push(e.id);
      else eventIdsOfPlace.set(id, [e.id]);
    }
  }

  // Tiles.
  const features: Feature<Point, PlaceProps>[] = places.map((p) => {
    const s = stats.get(p.id);
    return {
      type: 'Feature',
      geometry: { type: 'Point', coordinates: p.at },
      properties: { id: p.id, name: p.name, n: s?.n ?? 0, c: s?.c ?? 0, t0: s?.t0 ?? 0, t1: s?.t1 ?? 0 },
    };
  });
  places.length = 0;
  const index = new Supercluster<PlaceProps, ClusterProps>({
    minZoom: 0,
    maxZoom: clusterMaxZoom,
    extent: EXTENT,
    radius: (radius * EXTENT) / 512,
    generateId: true,
    map: (p) => ({ n: p.n, c: p.c, t0: p.t0, t1: p.t1 }),
    reduce: (acc, p) => {
      acc.n += p.n;
      acc.c |= p.c;
      // A place without events has t0 = t1 = 0: it must not widen a cluster's span.
      if (p.t1 > p.t0 && (acc.t1 <= acc.t0 || p.t0 < acc.t0)) acc.t0 = p.t0;
      if (p.t1 > acc.t1) acc.t1 = p.t1;
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
  const tiles: TileInput[] = [];
  for (let z = 0; z <= maxZoom; z++) {
    // Every tile that holds a place or cluster, or has one within its buffer (TILE_BUFFER): a
    // point on a tile's edge is drawn by the neighbour it belongs to, which must exist.
    const keys = new Set<string>();
    for (const f of index.getClusters([-180, -85.06, 180, 85.06], z)) {
      const [lng, lat] = f.geometry.coordinates as [number, number];
      for (const [x, y] of tilesForPoint(lng, lat, z)) keys.add(`${x}/${y}`);
    }
    for (const key of keys) {
      const [x, y] = key.split('/').map(Number) as [number, number];
      // supercluster adds the points within `radius` of the tile's edges (more than TILE_BUFFER).
      const tile = index.getTile(z, x, y);
      if (!tile) continue;
      const layer = {
        features: tile.features.map((f) => {
          const t = f.tags as Record<string, unknown>;
          if (t.cluster) {
            return { type: 1, geometry: f.geometry, tags: { cluster: true, point_count: t.point_count, n: t.n, c: t.c, t0: t.t0, t1: t.t1 } };
          }
          return { type: 1, id: f.id, geometry: f.geometry, tags: { id: t.id, name: t.name, n: t.n, c: t.c, t0: t.t0, t1: t.t1 } };
        }),
      };
      const data = vtpbf.fromGeojsonVt({ [TILE_LAYER]: layer }, { version: 2, extent: EXTENT });
      tiles.push({ z, x, y, data });
    }
  }
  const bbox: [number, number, number, number] = features.length ? [west, south, east, north] : [0, 0, 0, 0];
  const archive = writeArchive(tiles, {
    minZoom: 0,
    maxZoom,
    bounds: bbox,
    center: [(bbox[0] + bbox[2]) / 2, (bbox[1] + bbox[3]) / 2, Math.min(maxZoom, 8)],
    metadata: {
      name: story.title,
      format: 'pbf',
      vector_layers: [
        {
          id: TILE_LAYER,
          minzoom: 0,
          maxzoom: maxZoom,
          fields: { id: 'String', name: 'String', n: 'Number', c: 'Number', t0: 'Number', t1: 'Number', cluster: 'Boolean', point_count: 'Number' },
        },
      ],
    },
  });
  const tileCount = tiles.length;
  tiles.length = 0;
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(join(outDir, 'events'), { recursive: true });
  writeFileSync(join(outDir, ARCHIVE), archive);

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
  for (const [home, list] of eventsByHome) {
    const texts = shardEvents[shardOf(home, shards)] as string[];
    for (const e of list) texts.push(JSON.stringify(e));
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
    bbox,
    counts: { events: eventCount, places: features.length, tiles: tileCount, shards },
    categories,
    dates: minDate !== null && maxDate !== null ? { min: minDate, max: maxDate } : null,
    tiles: {
      url: ARCHIVE,
      layer: TILE_LAYER,
      minzoom: 0,
      maxzoom: maxZoom,
      clusterMaxZoom,
      extent: EXTENT,
      properties: ['id', 'name', 'n', 'c', 't0', 't1', 'cluster', 'point_count'],
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
    bytes: { tiles: archive.byteLength, events: eventBytes, manifest: Buffer.byteLength(manifestText) },
    warnings: checked.warnings.map(formatIssue),
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
  let r: TilesReport;
  try {
    r = await buildTiles(input, outDir, opts);
  } catch (err) {
    // Bad input is the user's to fix: its problems, not a stack trace.
    console.error(err instanceof TilesInputError ? err.message : `tiles: ${(err as Error).message ?? String(err)}`);
    process.exit(1);
  }
  const mb = (b: number) => (b / 1e6).toFixed(1);
  for (const w of r.warnings) console.log(`warning ${w}`);
  console.log(
    `${outDir}: ${r.events} events, ${r.places} places → ${r.tiles} tiles in ${ARCHIVE} (${mb(r.bytes.tiles)} MB), ` +
      `${r.shards} event files (${mb(r.bytes.events)} MB) in ${r.seconds.toFixed(1)} s; ` +
      `peak RSS ${mb(process.resourceUsage().maxRSS * 1024)} MB`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
