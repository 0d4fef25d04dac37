/**
 * Filtering a story by time, category and text. Pure: the app derives what to show from the
 * story and a `Filters` value; nothing here knows about the map or the DOM.
 *
 * Text search matches any spelling or script a story gives (name, names in other languages,
 * aliases) after folding case, accents, Arabic letter variants and invisible characters, so
 * "khan yunis", "Khān Yūnis" and "خان يونس" all find the same place.
 */
import type { StoryModel } from './model.ts';
import type { StoryEvent, PlaceFeature } from './types.ts';
import { parseStoryDate } from './dates.ts';

export interface Filters {
  /** Start of the range, a story date at any precision (inclusive). */
  from: string | null;
  /** End of the range, a story date at any precision (inclusive: "2025-02" means to the end of February). */
  to: string | null;
  /** Categories to show; empty means all. */
  cats: readonly string[];
  q: string;
}

export const NO_FILTERS: Filters = { from: null, to: null, cats: [], q: '' };

export const isFiltering = (f: Filters): boolean => Boolean(f.from || f.to || f.cats.length || f.q.trim());

/**
 * Folds text for matching: compatibility forms, no accents or Arabic/Hebrew vowel marks, no
 * tatweel or zero-width characters, one form of alef/yeh/teh marbuta, lower case, single spaces.
 */
export function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[\u0640\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g, '')
    .replace(/[\u0622\u0623\u0625\u0671]/g, '\u0627')
    .replace(/\u0649/g, '\u064a')
    .replace(/\u0629/g, '\u0647')
    .replace(/[’'`´ʻʼ‘]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Every spelling a place goes by. */
export function placeSpellings(place: PlaceFeature): string[] {
  const p = place.properties;
  return [p.name, ...Object.values(p.names ?? {}), ...(p.aliases ?? [])];
}

/**
 * A word index over the story's place spellings and event titles: sorted unique words, each with
 * the places and events it occurs in. A query's words are looked up by prefix with binary search,
 * so a keystroke costs a few lookups, not a scan of every event.
 */
export class SearchIndex {
  #words: string[] = [];
  #places: Set<string>[] = [];
  #events: Set<string>[] = [];

  constructor(model: StoryModel) {
    const byWord = new Map<string, { places: Set<string>; events: Set<string> }>();
    const add = (text: string, kind: 'places' | 'events', id: string) => {
      for (const word of fold(text).split(' ')) {
        if (!word) continue;
        let entry = byWord.get(word);
        if (!entry) byWord.set(word, (entry = { places: new Set(), events: new Set() }));
        entry[kind].add(id);
      }
    };
    for (const place of model.places) for (const s of placeSpellings(place)) add(s, 'places', place.id);
    for (const event of model.events) add(event.title, 'events', event.id);
    this.#words = [...byWord.keys()].sort();
    for (const w of this.#words) {
      const entry = byWord.get(w)!;
      this.#places.push(entry.places);
      this.#events.push(entry.events);
    }
  }

  /** Ids of places and events whose text has every word of the query as a word prefix. */
  search(query: string): { places: Set<string>; events: Set<string> } | null {
    const words = fold(query).split(' ').filter(Boolean);
    if (!words.length) return null;
    let places = undefined as Set<string> | undefined;
    let events = undefined as Set<string> | undefined;
    for (const word of words) {
      const p = new Set<string>();
      const e = new Set<string>();
      for (let i = this.#lowerBound(word); i < this.#words.length && this.#words[i]!.startsWith(word); i++) {
        for (const id of this.#places[i]!) p.add(id);
        for (const id of this.#events[i]!) e.add(id);
      }
      places = places ? new Set([...places].filter((id: string) => p.has(id))) : p;
      events = events ? new Set([...events].filter((id: string) => e.has(id))) : e;
    }
    return { places: places!, events: events! };
  }

  #lowerBound(word: string): number {
    let lo = 0;
    let hi = this.#words.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.#words[mid]! < word) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/** The range a filter covers, as [start, end) in ms since the epoch (open ends are infinite). */
export function filterSpan(f: Pick<Filters, 'from' | 'to'>): [number, number] {
  const from = f.from ? parseStoryDate(f.from) : null;
  const to = f.to ? parseStoryDate(f.to) : null;
  return [from ? from.start.getTime() : -Infinity, to ? to.end.getTime() : Infinity];
}

/** The span an event's date covers, honest to its precision. */
export function eventSpan(e: Pick<StoryEvent, 'date'>): [number, number] {
  const d = parseStoryDate(e.date);
  return d ? [d.start.getTime(), d.end.getTime()] : [NaN, NaN];
}

/** An event is in range when its span overlaps the range: "May 2024" is in a range of 7 May. */
export function inRange(e: Pick<StoryEvent, 'date'>, span: [number, number]): boolean {
  const [s, t] = eventSpan(e);
  return s < span[1] && t > span[0];
}

export interface FilterResult {
  /** Events that pass every filter, in story order. */
  events: StoryEvent[];
  /** Places that have at least one such event (or match the search by name when only searching). */
  places: Set<string>;
  /** Per category: events that pass the time and text filters (what ticking it would show). */
  categoryCounts: Map<string, number>;
}

export function applyFilters(model: StoryModel, f: Filters, index: SearchIndex): FilterResult {
  const span = filterSpan(f);
  const hits = f.q.trim() ? index.search(f.q) : null;
  const cats = new Set(f.cats);
  const categoryCounts = new Map<string, number>(model.categories.map((c) => [c.id, 0]));
  const events: StoryEvent[] = [];
  for (const e of model.events) {
    if (!inRange(e, span)) continue;
    // Text: the event's own title, or any of its places, matches.
    if (hits && !hits.events.has(e.id) && !e.places.some((p) => hits.places.has(p.id))) continue;
    categoryCounts.set(e.category, (categoryCounts.get(e.category) ?? 0) + 1);
    if (cats.size && !cats.has(e.category)) continue;
    events.push(e);
  }
  const places = new Set<string>();
  for (const e of events) for (const p of e.places) places.add(p.id);
  // A search that names places is about those places, not every place their events touch.
  if (hits?.places.size) {
    const narrowed = new Set([...hits.places].filter((id) => places.has(id) || (!f.from && !f.to && !cats.size)));
    return { events, places: narrowed, categoryCounts };
  }
  return { events, places, categoryCounts };
}
