/**
 * Checking what a tiled story (`npm run tiles`) hands the app, with the same schema library as the
 * story files (valibot): the manifest, each event file's index part, and the properties of a place
 * read from a tile. All of it is untrusted input, like any dataset. Pure: runs in the story worker,
 * the page and Node.
 */
import {
  array,
  check,
  finite,
  integer,
  literal,
  maxLength,
  maxValue,
  minValue,
  nullable,
  number,
  object,
  pipe,
  record,
  regex,
  safeParse,
  string,
  tuple,
  unknown,
  type BaseIssue,
} from 'valibot';
import { SLUG_PATTERN, StoryMetaSchema } from '../story/schema.ts';
import { DATE_PATTERN } from '../story/dates.ts';
import { TILES_FORMAT, TILES_VERSION, TILE_LAYER, type EventShard, type TilesManifest } from './format.ts';

const count = pipe(number(), integer('must be a whole number'), minValue(0, 'must not be negative'));
const zoom = pipe(number(), integer('must be a whole zoom level'), minValue(0, 'must be 0 or more'), maxValue(24, 'must be 24 or less'));
const lng = pipe(number(), finite(), minValue(-180, 'longitude below -180'), maxValue(180, 'longitude above 180'));
const lat = pipe(number(), finite(), minValue(-90, 'latitude below -90'), maxValue(90, 'latitude above 90'));
const date = pipe(string(), regex(DATE_PATTERN, 'must be YYYY, YYYY-MM or YYYY-MM-DD'));
/** A relative path next to the manifest: no scheme, no host, no climbing out of its folder. */
const relative = (what: string) =>
  pipe(
    string(),
    maxLength(500, 'is too long'),
    check((s) => !/^[a-z][a-z0-9+.-]*:|^\/|(^|\/)\.\.(\/|$)/i.test(s), `${what} must be a path relative to the manifest, inside its folder`),
  );

export const TilesManifestSchema = object({
  format: literal(TILES_FORMAT, `format must be "${TILES_FORMAT}"`),
  version: literal(TILES_VERSION, (issue) => `version ${JSON.stringify(issue.input)} is not supported (expected ${TILES_VERSION}; rebuild the tiles with npm run tiles)`),
  story: StoryMetaSchema,
  bbox: pipe(
    tuple([lng, lat, lng, lat]),
    check(([w, s, e, n]) => w <= e && s <= n, 'must be [west, south, east, north]'),
  ),
  counts: object({ events: count, places: count, tiles: count, shards: count }),
  categories: pipe(array(pipe(string(), regex(SLUG_PATTERN, 'is not a category id'))), maxLength(1000, 'too many categories')),
  dates: nullable(object({ min: date, max: date })),
  tiles: object({
    url: pipe(relative('tiles.url'), regex(/\.pmtiles$/, 'must name a .pmtiles archive')),
    layer: literal(TILE_LAYER, `layer must be "${TILE_LAYER}"`),
    minzoom: zoom,
    maxzoom: zoom,
    clusterMaxZoom: zoom,
    extent: pipe(count, minValue(1, 'must be positive')),
    properties: array(string()),
  }),
  events: object({
    url: pipe(relative('events.url'), regex(/\{shard\}/, 'must contain {shard}')),
    shards: pipe(count, minValue(1, 'needs at least one event file'), maxValue(1 << 20, 'too many event files')),
    hash: literal('fnv1a32', 'hash must be "fnv1a32"'),
  }),
});

/** "tiles.url: must name a .pmtiles archive" */
function describeIssue(issue: BaseIssue<unknown>): string {
  const path = (issue.path ?? []).map((p) => String(p.key)).join('.');
  return path ? `${path}: ${issue.message}` : issue.message;
}

/** Checks a manifest; the typed manifest, or one readable line per problem (naming the file and field). */
export function checkManifest(json: unknown, file = 'manifest.json'): { ok: true; manifest: TilesManifest } | { ok: false; errors: string[] } {
  const r = safeParse(TilesManifestSchema, json, { abortPipeEarly: true });
  if (!r.success) return { ok: false, errors: r.issues.map((i) => `${file}: ${describeIssue(i)}`) };
  const m = r.output as TilesManifest;
  if (m.tiles.minzoom > m.tiles.maxzoom) return { ok: false, errors: [`${file}: tiles: minzoom is above maxzoom`] };
  return { ok: true, manifest: m };
}

const EventShardSchema = object({
  shard: count,
  places: record(string(), array(string())),
  refs: record(string(), count),
  info: record(string(), tuple([lng, lat, pipe(string(), maxLength(500))])),
  // The events themselves are checked one by one (check-events.ts), so one bad event costs only itself.
  events: array(unknown()),
});

/** Checks an event file's index part (its events are checked on their own); the file, or a message. */
export function checkShard(json: unknown, shard: number, shards: number, file: string): EventShard | string {
  const withInfo = json && typeof json === 'object' && !('info' in json) ? { ...json, info: {} } : json;
  const r = safeParse(EventShardSchema, withInfo, { abortPipeEarly: true });
  if (!r.success) return `${file}: ${describeIssue(r.issues[0]!)}`;
  if (r.output.shard !== shard) return `${file}: says it is event file ${r.output.shard}, expected ${shard}`;
  for (const [id, at] of Object.entries(r.output.refs)) {
    if (at >= shards) return `${file}: refs.${id}: event file ${at} does not exist (there are ${shards})`;
  }
  return r.output as EventShard;
}
