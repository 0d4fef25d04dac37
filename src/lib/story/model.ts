/**
 * The indexed story: built once from a validated bundle, read by the map, the lists and the URL.
 * Everything here is plain data (held in $state.raw by the app), never a deep proxy.
 */
import bbox from '@turf/bbox';
import type { BBox } from 'geojson';
import { STANDARD_CATEGORIES } from './categories.ts';
import type { StoryBundle, StoryEvent, PlaceFeature, StoryMeta, CategoryDef } from './types.ts';
import { runNow, stepper, type Steps } from '../load/pace.ts';

export interface StoryModel {
  meta: StoryMeta;
  places: PlaceFeature[];
  placeById: ReadonlyMap<string, PlaceFeature>;
  /** Events in chronological order (date, then time, then file order). */
  events: StoryEvent[];
  eventById: ReadonlyMap<string, StoryEvent>;
  /** For each place id, its events in chronological order. */
  eventsByPlace: ReadonlyMap<string, StoryEvent[]>;
  /** [west, south, east, north] of the places, in degrees. */
  bbox: BBox;
  /**
   * What the story is about, for the first view: the point places (sites and towns), or all
   * places when there are no points. Large areas (a whole country) would zoom the map out too far.
   */
  focus: BBox;
  categories: CategoryDef[];
  /**
   * The whole dataset's size when the model holds only part of it (a tiled dataset: the places and
   * events opened so far); absent when the lists are complete.
   */
  total?: { places: number; events: number };
}

/** "crossing-status" → "Crossing status": the label of a category no story defined. */
export const labelOf = (id: string): string => {
  const words = id.replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
};

/**
 * Sort key of an event: its date padded to full precision, so "2024-05" sorts before
 * "2024-05-07" and a dated time sorts within its day.
 */
export function chronoKey(e: Pick<StoryEvent, 'date' | 'time'>): string {
  return `${e.date}${e.date.length === 4 ? '-00-00' : e.date.length === 7 ? '-00' : ''}T${e.time ?? '--:--'}`;
}

/** Orders events by when they happened (see chronoKey); events of the same moment keep their order. */
export function byChrono(a: Pick<StoryEvent, 'date' | 'time'>, b: Pick<StoryEvent, 'date' | 'time'>): number {
  const ka = chronoKey(a);
  const kb = chronoKey(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

export function buildModel(bundle: StoryBundle): StoryModel {
  return runNow(modelSteps(bundle));
}

/** buildModel in steps, for a worker that gives way to the reader (see load/pace.ts). */
export function* modelSteps(bundle: StoryBundle): Steps<StoryModel> {
  const places = bundle.places.features as PlaceFeature[];
  const points = places.filter((p) => p.geometry.type === 'Point');
  // Sorted by keys made once (not two per comparison); equal keys keep file order, as byChrono's
  // stable sort does.
  const keys = bundle.events.map(chronoKey);
  yield;
  const order = keys.map((_, i) => i).sort((a, b) => (keys[a]! < keys[b]! ? -1 : keys[a]! > keys[b]! ? 1 : a - b));
  const events = order.map((i) => bundle.events[i]!);
  yield;
  const eventsByPlace = new Map<string, StoryEvent[]>();
  for (const place of places) eventsByPlace.set(place.id, []);
  const step = stepper(5000);
  for (const event of events) {
    // An event may name a place twice (from and to the same town): list it once.
    if (event.places.length === 1) eventsByPlace.get(event.places[0]!.id)?.push(event);
    else for (const id of new Set(event.places.map((p) => p.id))) eventsByPlace.get(id)?.push(event);
    if (step()) yield;
  }
  yield;
  const categories: CategoryDef[] = STANDARD_CATEGORIES.map((id) => ({ id, label: labelOf(id) }));
  for (const extra of bundle.story.categories ?? []) {
    if (!categories.some((c) => c.id === extra.id)) categories.push(extra);
  }
  const placeById = new Map(places.map((p) => [p.id, p]));
  yield;
  const eventById = new Map(events.map((e) => [e.id, e]));
  yield;
  const box = bbox(bundle.places);
  yield;
  const focus = bbox({ type: 'FeatureCollection', features: points.length ? points : places });
  return { meta: bundle.story, places, placeById, events, eventById, eventsByPlace, bbox: box, focus, categories };
}

export function categoryLabel(model: StoryModel, id: string): string {
  return model.categories.find((c) => c.id === id)?.label ?? labelOf(id);
}
