/**
 * Handing a built story from the story worker to the page cheaply. Structured clone copies every
 * object, and a 100k-event model in one message is one long task on the page; so the worker sends
 * events and places in slices (each a short task), and the place → events index as two typed
 * arrays (transferred, not copied): offsets per place into a list of event positions. The page
 * rebuilds the id maps and reads a place's events from the arrays only when asked.
 */
import type { BBox } from 'geojson';
import type { StoryModel } from '../story/model.ts';
import type { CategoryDef, PlaceFeature, StoryEvent, StoryMeta } from '../story/types.ts';

/** Everything but the events and places themselves. */
export interface WireIndex {
  meta: StoryMeta;
  bbox: BBox;
  focus: BBox;
  categories: CategoryDef[];
  /** offsets[i]..offsets[i+1] is the slice of `positions` for places[i]. */
  offsets: Int32Array;
  /** Positions in the chronological event list. */
  positions: Int32Array;
}

/** Items per message: small enough that copying one slice into the page stays well under 50 ms. */
export const SLICE = 4000;

export function* slices<T>(list: readonly T[], size = SLICE): Generator<T[]> {
  for (let i = 0; i < list.length; i += size) yield list.slice(i, i + size);
}

/** Worker side: the index part of a built model. */
export function indexOf(model: StoryModel): WireIndex {
  const position = new Map<string, number>();
  model.events.forEach((e, i) => position.set(e.id, i));
  const offsets = new Int32Array(model.places.length + 1);
  let total = 0;
  model.places.forEach((p, i) => {
    offsets[i] = total;
    total += model.eventsByPlace.get(p.id)?.length ?? 0;
  });
  offsets[model.places.length] = total;
  const positions = new Int32Array(total);
  let k = 0;
  for (const p of model.places) for (const e of model.eventsByPlace.get(p.id) ?? []) positions[k++] = position.get(e.id)!;
  return { meta: model.meta, bbox: model.bbox, focus: model.focus, categories: model.categories, offsets, positions };
}

/** Page side: the model again, from the slices (concatenated in order) and the index. */
export function assemble(events: StoryEvent[], places: PlaceFeature[], index: WireIndex): StoryModel {
  return {
    meta: index.meta,
    places,
    placeById: new Map(places.map((p) => [p.id, p])),
    events,
    eventById: new Map(events.map((e) => [e.id, e])),
    eventsByPlace: new PlaceEvents(places, events, index.offsets, index.positions),
    bbox: index.bbox,
    focus: index.focus,
    categories: index.categories,
  };
}

/** place id → its events, read from the index arrays on first use and kept. */
export class PlaceEvents implements ReadonlyMap<string, StoryEvent[]> {
  readonly #slot: Map<string, number>;
  readonly #cache = new Map<string, StoryEvent[]>();
  constructor(
    private readonly places: readonly PlaceFeature[],
    private readonly events: readonly StoryEvent[],
    private readonly offsets: Int32Array,
    private readonly positions: Int32Array,
  ) {
    this.#slot = new Map(places.map((p, i) => [p.id, i]));
  }

  get(id: string): StoryEvent[] | undefined {
    const cached = this.#cache.get(id);
    if (cached) return cached;
    const i = this.#slot.get(id);
    if (i === undefined) return undefined;
    const list: StoryEvent[] = [];
    for (let k = this.offsets[i]!; k < this.offsets[i + 1]!; k++) list.push(this.events[this.positions[k]!]!);
    this.#cache.set(id, list);
    return list;
  }
  has(id: string): boolean {
    return this.#slot.has(id);
  }
  get size(): number {
    return this.#slot.size;
  }
  *entries(): MapIterator<[string, StoryEvent[]]> {
    for (const p of this.places) yield [p.id, this.get(p.id)!];
  }
  *keys(): MapIterator<string> {
    for (const p of this.places) yield p.id;
  }
  *values(): MapIterator<StoryEvent[]> {
    for (const p of this.places) yield this.get(p.id)!;
  }
  [Symbol.iterator](): MapIterator<[string, StoryEvent[]]> {
    return this.entries();
  }
  forEach(fn: (value: StoryEvent[], key: string, map: ReadonlyMap<string, StoryEvent[]>) => void): void {
    for (const [k, v] of this.entries()) fn(v, k, this);
  }
}
