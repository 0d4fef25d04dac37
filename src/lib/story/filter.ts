/**
 * Filtering a story by time, category and text. Pure: the app derives what to show from the
 * story and a `Filters` value; nothing here knows about the map or the DOM.
 *
 * Text search matches any spelling or script a story gives (place names, names in other
 * languages, aliases; event titles and summaries and their translations) after folding case,
 * accents, Arabic and Hebrew letter variants, vowel marks and invisible characters, so
 * "khan yunis", "Khān Yūnis", "خان يونس" and "חאן יונס" all find the same place.
 */
import type { StoryModel } from './model.ts';
import type { StoryEvent, PlaceFeature } from './types.ts';
import { filterSpan, inRange, type Filters } from './range.ts';
import { runNow, stepper, type Steps } from '../load/pace.ts';

// The filters' values and time ranges live in range.ts (the page needs them before this module).
export { NO_FILTERS, isFiltering, filterSpan, eventSpan, inRange, type Filters } from './range.ts';

/**
 * Folds text for matching: compatibility forms, no accents or Arabic/Hebrew vowel marks, no
 * tatweel or zero-width characters, one form of alef/yeh/teh marbuta/kaf (Persian keheh and
 * Farsi yeh too), Western digits for Arabic-Indic ones, Hebrew final letters as their plain
 * forms, no apostrophes or geresh/gershayim, lower case, single spaces.
 */
export function fold(text: string): string {
  // Most text in most stories is plain ASCII: skip the Unicode work (same result).
  if (/^[\x20-\x7e]*$/.test(text)) return text.replace(/['`]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[\u0640\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g, '')
    .replace(/[\u0622\u0623\u0625\u0671]/g, '\u0627')
    .replace(/[\u0649\u06cc]/g, '\u064a')
    .replace(/\u0629/g, '\u0647')
    .replace(/\u06a9/g, '\u0643')
    .replace(/[\u0660-\u0669\u06f0-\u06f9]/g, (d) => String(d.charCodeAt(0) & 0xf))
    .replace(/[\u05da\u05dd\u05df\u05e3\u05e5]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 1))
    // An abbreviation's gershayim, written as a plain quote too: צה"ל = צה״ל = צהל.
    .replace(/(?<=[\u05d0-\u05ea])"(?=[\u05d0-\u05ea])/g, '')
    .replace(/[’'`´ʻʼ‘\u05f3\u05f4]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * Arabic and Hebrew write short words onto the next one: "and", "in", "to", "the" (وبغزة, בעזה,
 * לצלב). Besides the word as written, the index holds it without each run of these prefixes,
 * so "غزة" finds "بغزة" and "עזה" finds "בעזה". A prefix is taken off only when at least two
 * letters stay. A word that merely starts with such a letter (بيباس, מעבר) gains a form that is
 * no word (يباس, עבר): a query can match a little more than it should, never less. Works on
 * folded words.
 */
const ARABIC_PREFIX = /^(?:ال|[وفبلك])(?=[\u0621-\u064a]{2})/;
const HEBREW_PREFIX = /^[והבלמשכ](?=[\u05d0-\u05ea]{2})/;
/** The article alone, which a reader may type before a word the text writes with another prefix (הצלב → לצלב). */
const ARABIC_ARTICLE = /^ال(?=[\u0621-\u064a]{2})/;
const HEBREW_ARTICLE = /^ה(?=[\u05d0-\u05ea]{2})/;

function prefixOf(word: string): RegExp | null {
  const c = word.charCodeAt(0);
  return c >= 0x0621 && c <= 0x064a ? ARABIC_PREFIX : c >= 0x05d0 && c <= 0x05ea ? HEBREW_PREFIX : null;
}

/** A folded word and its forms without Arabic or Hebrew prefixes (at most three of them). */
export function wordForms(word: string): string[] {
  const prefix = prefixOf(word);
  if (!prefix) return [word];
  const forms = [word];
  for (let form = word, m = prefix.exec(form); m && forms.length < 4; m = prefix.exec(form)) {
    form = form.slice(m[0].length);
    forms.push(form);
  }
  return forms;
}

/** What a query word may match the start of: the word, and the word without its article. */
function queryForms(word: string): string[] {
  const c = word.charCodeAt(0);
  const article = c >= 0x0621 && c <= 0x064a ? ARABIC_ARTICLE : c >= 0x05d0 && c <= 0x05ea ? HEBREW_ARTICLE : null;
  const m = article?.exec(word);
  return m ? [word, word.slice(m[0].length)] : [word];
}

/** Every spelling a place goes by. */
export function placeSpellings(place: PlaceFeature): string[] {
  const p = place.properties;
  return [p.name, ...Object.values(p.names ?? {}), ...(p.aliases ?? [])];
}

/** Every text of an event a reader may search: title and summary, in every language the story carries. */
export function eventTexts(event: StoryEvent): string[] {
  const texts = [event.title, event.summary];
  for (const t of Object.values(event.translations ?? {})) {
    if (t.title) texts.push(t.title);
    if (t.summary) texts.push(t.summary);
  }
  return texts;
}

/** A query naming more places than this is too broad to look for their names in event texts too. */
const MAX_EXPANDED_PLACES = 20;

/**
 * The index as plain data, for the story worker to build it and hand it to the page (the arrays'
 * buffers are transferred, not copied). Word i's places are placePositions[placeOffsets[i] ..
 * placeOffsets[i + 1]), its events likewise.
 */
export interface SearchWire {
  words: string[];
  placeOffsets: Int32Array;
  placePositions: Int32Array;
  eventOffsets: Int32Array;
  eventPositions: Int32Array;
}

/**
 * A word index over the story's place spellings and event texts (eventTexts): sorted unique
 * words, each with the positions of the places and events it occurs in (ascending, in flat typed
 * arrays: a 100k-event story has millions of word occurrences). A query's words are looked up by
 * prefix with binary search, so a keystroke costs a few lookups, not a scan of every event.
 * Building it for 100k events takes about a second: the story worker builds it (searchSteps) and
 * hands it over (SearchWire).
 */
export class SearchIndex {
  readonly #words: string[];
  readonly #placeOffsets: Int32Array;
  readonly #placePositions: Int32Array;
  readonly #eventOffsets: Int32Array;
  readonly #eventPositions: Int32Array;
  readonly #placeIds: string[];
  readonly #eventIds: string[];
  readonly #placeList: readonly PlaceFeature[];

  /** Builds the index of `model`, or takes one built from the same model elsewhere (`wire`). */
  constructor(model: StoryModel, wire: SearchWire = runNow(searchSteps(model))) {
    this.#words = wire.words;
    this.#placeOffsets = wire.placeOffsets;
    this.#placePositions = wire.placePositions;
    this.#eventOffsets = wire.eventOffsets;
    this.#eventPositions = wire.eventPositions;
    this.#placeList = model.places;
    this.#placeIds = model.places.map((p) => p.id);
    this.#eventIds = model.events.map((e) => e.id);
  }

  /** The index as plain data (the same arrays, not copies), and the buffers to transfer. */
  toWire(): { wire: SearchWire; transfer: ArrayBuffer[] } {
    const wire: SearchWire = {
      words: this.#words,
      placeOffsets: this.#placeOffsets,
      placePositions: this.#placePositions,
      eventOffsets: this.#eventOffsets,
      eventPositions: this.#eventPositions,
    };
    const transfer = [wire.placeOffsets, wire.placePositions, wire.eventOffsets, wire.eventPositions].map((a) => a.buffer as ArrayBuffer);
    return { wire, transfer };
  }

  /**
   * Ids of places and events whose text has every word of the query as a word prefix. When the
   * query names a few places, the events whose text names one of them by any of its spellings
   * are found too: "Khan Yunis" finds an event that says "Khan Younis", "خان يونس" or "חאן יונס".
   */
  search(query: string): { places: Set<string>; events: Set<string> } | null {
    const words = fold(query).split(' ').filter(Boolean);
    if (!words.length) return null;
    const { places, events } = this.#match(words);
    if (places.size <= MAX_EXPANDED_PLACES) {
      for (const at of places) {
        for (const spelling of placeSpellings(this.#placeList[at]!)) {
          const spelt = fold(spelling).split(' ').filter(Boolean);
          if (spelt.length) for (const e of this.#match(spelt).events) events.add(e);
        }
      }
    }
    const ids = (found: Set<number>, all: string[]) => {
      const out = new Set<string>();
      for (const at of found) out.add(all[at]!);
      return out;
    };
    return { places: ids(places, this.#placeIds), events: ids(events, this.#eventIds) };
  }

  /** Positions of the places and events that have every one of `words` (folded) as a word prefix. */
  #match(words: string[]): { places: Set<number>; events: Set<number> } {
    let places = undefined as Set<number> | undefined;
    let events = undefined as Set<number> | undefined;
    for (const word of words) {
      const p = new Set<number>();
      const e = new Set<number>();
      for (const form of queryForms(word)) {
        for (let i = this.#lowerBound(form); i < this.#words.length && this.#words[i]!.startsWith(form); i++) {
          for (let k = this.#placeOffsets[i]!; k < this.#placeOffsets[i + 1]!; k++) p.add(this.#placePositions[k]!);
          for (let k = this.#eventOffsets[i]!; k < this.#eventOffsets[i + 1]!; k++) e.add(this.#eventPositions[k]!);
        }
      }
      places = places ? new Set([...places].filter((at) => p.has(at))) : p;
      events = events ? new Set([...events].filter((at) => e.has(at))) : e;
    }
    return { places: places ?? new Set(), events: events ?? new Set() };
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

/** Builds the index data of a model (see SearchIndex), in steps (see load/pace.ts). */
export function* searchSteps(model: StoryModel): Steps<SearchWire> {
  const byWord = new Map<string, { places: number[]; events: number[] }>();
  const addWord = (word: string, kind: 'places' | 'events', at: number) => {
    let entry = byWord.get(word);
    if (!entry) byWord.set(word, (entry = { places: [], events: [] }));
    // Items are added in order, all texts of one before the next: a repeat is the last one.
    const list = entry[kind];
    if (list[list.length - 1] !== at) list.push(at);
  };
  const add = (text: string, kind: 'places' | 'events', at: number) => {
    for (const word of fold(text).split(' ')) {
      if (!word) continue;
      // (Most words have no other form: no array for them.)
      if (prefixOf(word)) for (const form of wordForms(word)) addWord(form, kind, at);
      else addWord(word, kind, at);
    }
  };
  const step = stepper(1000);
  for (const [i, place] of model.places.entries()) {
    for (const s of placeSpellings(place)) add(s, 'places', i);
    if (step()) yield;
  }
  for (const [i, event] of model.events.entries()) {
    for (const t of eventTexts(event)) add(t, 'events', i);
    if (step()) yield;
  }
  const words = [...byWord.keys()].sort();
  yield;
  const flatten = (kind: 'places' | 'events') => {
    const offsets = new Int32Array(words.length + 1);
    let total = 0;
    words.forEach((w, i) => {
      offsets[i] = total;
      total += byWord.get(w)![kind].length;
    });
    offsets[words.length] = total;
    const positions = new Int32Array(total);
    let k = 0;
    for (const w of words) for (const at of byWord.get(w)![kind]) positions[k++] = at;
    return [offsets, positions] as const;
  };
  const [placeOffsets, placePositions] = flatten('places');
  const [eventOffsets, eventPositions] = flatten('events');
  return { words, placeOffsets, placePositions, eventOffsets, eventPositions };
}

export interface FilterResult {
  /** Events that pass every filter, in story order. */
  events: StoryEvent[];
  /** Places that have at least one such event (or match the search by name when only searching). */
  places: Set<string>;
  /** Per category: events that pass the time and text filters (what ticking it would show). */
  categoryCounts: Map<string, number>;
}

/**
 * What passes the filters. The search index is needed only when `f.q` has text: without one then,
 * it is built here (see SearchIndex).
 */
export function applyFilters(model: StoryModel, f: Filters, index: SearchIndex | null): FilterResult {
  const span = filterSpan(f);
  const hits = f.q.trim() ? (index ?? new SearchIndex(model)).search(f.q) : null;
  // Without a time range every (checked) event is in it: no need to read 100k dates.
  const timed = Number.isFinite(span[0]) || Number.isFinite(span[1]);
  const cats = new Set(f.cats);
  const categoryCounts = new Map<string, number>(model.categories.map((c) => [c.id, 0]));
  if (!timed && !hits && !cats.size) {
    // Nothing filtered (the first list of every story, 100k events in a big one): every event, and
    // the places that have one, which the model already knows.
    for (const e of model.events) categoryCounts.set(e.category, (categoryCounts.get(e.category) ?? 0) + 1);
    const places = new Set<string>();
    for (const [id, events] of model.eventsByPlace) if (events.length) places.add(id);
    return { events: model.events.slice(), places, categoryCounts };
  }
  const events: StoryEvent[] = [];
  for (const e of model.events) {
    if (timed && !inRange(e, span)) continue;
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
