/**
 * Checking a pre-built tiles manifest (`npm run tiles`) before the app trusts it. Pure: runs in the
 * story worker.
 */
import { safeParse } from 'valibot';
import { StoryMetaSchema } from '../story/schema.ts';
import { TILES_FORMAT, TILES_VERSION, type TilesManifest } from './format.ts';

/** Checks what the app relies on in a manifest; a list of problems, or the manifest. */
export function checkManifest(json: unknown, file = 'manifest.json'): { ok: true; manifest: TilesManifest } | { ok: false; errors: string[] } {
  const errors: string[] = [];
  const m = json as Partial<TilesManifest> | null;
  if (typeof m !== 'object' || m === null) return { ok: false, errors: [`${file}: expected a tiles manifest object`] };
  if (m.format !== TILES_FORMAT) errors.push(`${file}: format must be "${TILES_FORMAT}"`);
  if (m.version !== TILES_VERSION) errors.push(`${file}: version ${String(m.version)} is not supported (expected ${TILES_VERSION})`);
  const story = safeParse(StoryMetaSchema, m.story);
  if (!story.success) errors.push(`${file}: story: ${story.issues[0]?.message ?? 'invalid'}`);
  const box = m.bbox;
  if (!Array.isArray(box) || box.length !== 4 || !box.every(Number.isFinite) || box[0] > box[2] || box[1] > box[3]) {
    errors.push(`${file}: bbox must be [west, south, east, north]`);
  }
  const t = m.tiles;
  if (!t || typeof t.url !== 'string' || !t.url.includes('{z}') || typeof t.layer !== 'string' || !Number.isInteger(t.minzoom) || !Number.isInteger(t.maxzoom)) {
    errors.push(`${file}: tiles must give url ({z}/{x}/{y}), layer, minzoom and maxzoom`);
  }
  const e = m.events;
  if (!e || typeof e.url !== 'string' || !e.url.includes('{shard}') || !Number.isInteger(e.shards) || e.shards < 1) {
    errors.push(`${file}: events must give url ({shard}) and a shard count`);
  }
  if (!m.counts || !Number.isFinite(m.counts.events) || !Number.isFinite(m.counts.places)) errors.push(`${file}: counts are missing`);
  return errors.length ? { ok: false, errors } : { ok: true, manifest: m as TilesManifest };
}
