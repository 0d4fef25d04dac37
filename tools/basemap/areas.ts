/**
 * Where the basemap carries street-zoom detail: one area per story (its declared bbox, or the
 * bounding box of its places, padded), or the seed story's region when no story has places yet.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** [west, south, east, north] in degrees. */
export type BBox = [number, number, number, number];

/** The seed story's region (Gaza Strip to Ramallah), used while geo/ holds no places. */
export const DEFAULT_AREA: BBox = [34.2, 31.1, 35.3, 32.1];

/** Padding around a story's places: a fraction of the box, and at least this many degrees. */
const PAD_FRACTION = 0.25;
const PAD_MIN_DEGREES = 0.15;

/** Every [lng, lat] pair in a GeoJSON geometry, at any nesting depth. */
function* positions(value: unknown): Generator<[number, number]> {
  if (!Array.isArray(value)) return;
  if (typeof value[0] === 'number' && typeof value[1] === 'number') {
    yield [value[0], value[1]];
    return;
  }
  for (const v of value) yield* positions(v);
}

/**
 * Bounding box of a places FeatureCollection, or null when it has no coordinates. Only its points
 * count when it has any: outlines of whole countries (Israel, Egypt) are there for orientation and
 * would stretch the detailed area over half a continent.
 */
export function bboxOfPlaces(collection: unknown): BBox | null {
  const all = (collection as { features?: unknown })?.features;
  if (!Array.isArray(all)) return null;
  const isPoint = (f: unknown) => (f as { geometry?: { type?: unknown } })?.geometry?.type === 'Point';
  const features = all.some(isPoint) ? all.filter(isPoint) : all;
  let box: BBox | null = null;
  for (const f of features) {
    const coords = (f as { geometry?: { coordinates?: unknown } })?.geometry?.coordinates;
    for (const [x, y] of positions(coords)) {
      if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
      box = box
        ? [Math.min(box[0], x), Math.min(box[1], y), Math.max(box[2], x), Math.max(box[3], y)]
        : [x, y, x, y];
    }
  }
  return box;
}

/** Grows a box by PAD_FRACTION of its size (at least PAD_MIN_DEGREES), clamped to the world. */
export function pad(box: BBox): BBox {
  const dx = Math.max((box[2] - box[0]) * PAD_FRACTION, PAD_MIN_DEGREES);
  const dy = Math.max((box[3] - box[1]) * PAD_FRACTION, PAD_MIN_DEGREES);
  return [
    Math.max(-180, box[0] - dx),
    Math.max(-85, box[1] - dy),
    Math.min(180, box[2] + dx),
    Math.min(85, box[3] + dy),
  ];
}

export interface Area {
  name: string;
  bbox: BBox;
}

/** story.json's `bbox` (the area the story is about, checked by the validator), if it is one. */
function declaredBBox(file: string): BBox | null {
  if (!existsSync(file)) return null;
  const box = (JSON.parse(readFileSync(file, 'utf8')) as { bbox?: unknown }).bbox;
  const ok =
    Array.isArray(box) && box.length === 4 && box.every((n) => typeof n === 'number' && Number.isFinite(n)) &&
    box[0] >= -180 && box[2] <= 180 && box[1] >= -85 && box[3] <= 85 && box[0] < box[2] && box[1] < box[3];
  return ok ? (box as BBox) : null;
}

/**
 * One area per story folder of `root`: its story.json `bbox` when it declares one, else the padded
 * bounding box of its places; the default area when no story has either.
 */
export function storyAreas(root: string): Area[] {
  const areas: Area[] = [];
  if (existsSync(root)) {
    for (const name of readdirSync(root).sort()) {
      if (!statSync(join(root, name)).isDirectory()) continue;
      const declared = declaredBBox(join(root, name, 'story.json'));
      if (declared) {
        areas.push({ name, bbox: declared });
        continue;
      }
      const file = join(root, name, 'places.geojson');
      if (!existsSync(file)) continue;
      const box = bboxOfPlaces(JSON.parse(readFileSync(file, 'utf8')));
      if (box) areas.push({ name, bbox: pad(box) });
    }
  }
  return areas.length > 0 ? areas : [{ name: 'default (seed story region)', bbox: DEFAULT_AREA }];
}
