/**
 * Checks a story bundle ({ story, places, events }, as read from a story folder or fetched by the
 * app) and turns it into typed data, or into a list of problems a person can act on. Pure, runs in
 * the browser and in Node, and never throws, whatever it is given.
 *
 * First the shape (schema.ts), file by file and item by item; then the rules that look across
 * fields and files, on every item whose shape is right:
 *   - ids: unique among places and among events (each its own namespace);
 *   - an event's places exist; a place that no event uses is a warning;
 *   - coordinates: longitude within ±180, latitude within ±90, rings closed; a point must lie in
 *     story.bbox when the story has one, otherwise within MAX_DISTANCE_KM of the median point
 *     (median longitude, median latitude) of all the story's points; a point that breaks these rules but would pass with longitude and latitude
 *     swapped is reported as swapped;
 *   - dates: real calendar dates, not after `now`; a time only on a day-precision date;
 *   - citations within the article's paragraphs; categories from the standard vocabulary or
 *     story.categories;
 *   - translations: never into the story's own language; a language that translates some events'
 *     titles or summaries but not all, or not the story's title, is a warning;
 *   - machine drafts (npm run draft): every `review` note and every placeholder text is a warning
 *     marked `draft: true`, which the build (tools/validate.ts --build) turns into an error.
 */
import { safeParse, type BaseIssue, type GenericSchema, type InferOutput } from 'valibot';
import type { Position } from 'geojson';
import type { Note, PlaceFeature, StoryBundle, StoryEvent, StoryMeta } from './types.ts';
import { PlaceCollectionSchema, PlaceFeatureSchema, StoryEventSchema, StoryMetaSchema, EventsSchema, notATranslationLanguage } from './schema.ts';
import { parseStoryDate } from './dates.ts';
import { STANDARD_CATEGORIES } from './categories.ts';
import { isPlaceholder } from './draft-marks.ts';
import { isOwnLanguage } from './translate.ts';
import distance from '@turf/distance';
import { runNow, runPaced, stepper, type Pace, type Steps } from '../load/pace.ts';

/** One problem, located as precisely as the data allows. */
export interface Issue {
  /** The file it is in (a path, or the bare file name when no paths were given). */
  file: string;
  /** Id of the place or event it is in, when it is inside one that has a string id. */
  id?: string;
  /** What `id` names; lets the formatter say "place" or "event". */
  subject?: 'place' | 'event';
  /** Path to the offending value within the place/event (or the file), e.g. "places[0].id". Empty for the whole file. */
  field: string;
  message: string;
  /** A mark of a machine draft (a review note, a placeholder): allowed by validate, refused by the build. */
  draft?: true;
}

export interface ValidationResult {
  ok: boolean;
  /** The typed bundle, only when there is no error (warnings allowed). */
  bundle?: StoryBundle;
  errors: Issue[];
  warnings: Issue[];
}

export interface ValidateOptions {
  /** "Today" for the future-date rule; defaults to the current time. */
  now?: Date;
  /** File names to report; defaults to story.json, places.geojson, events.json. */
  files?: { story: string; places: string; events: string };
  /**
   * What validatePlaces found on this same bundle: when it passed, the places' shape, ids and
   * coordinates are not checked a second time (a fifth of the work at 100k events). Ignored unless
   * it was made from this very bundle object, its places and its story (the inputs must not have
   * changed in between).
   */
  placesChecked?: PlacesCheck;
}

/** validatePlaces' answer. */
export interface PlacesCheck {
  ok: boolean;
  places?: PlaceFeature[];
  /** Present when ok: what was checked, so validateBundle can tell whether it may trust it. */
  readonly proof?: PlacesProof;
}

/** The objects a passing validatePlaces looked at, and the collection it made of them. */
interface PlacesProof {
  readonly raw: object;
  readonly places: unknown;
  readonly story: unknown;
  readonly collection: PlaceCollection;
}

type PlaceCollection = InferOutput<typeof PlaceCollectionSchema>;

/** The places already checked by validatePlaces on this bundle, or undefined when that cannot be trusted. */
function provenPlaces(raw: Record<string, unknown>, check: PlacesCheck | undefined): PlaceCollection | undefined {
  const proof = check?.ok ? check.proof : undefined;
  if (!proof || proof.raw !== raw || proof.places !== raw.places || proof.story !== raw.story) return undefined;
  return proof.collection;
}

export { STANDARD_CATEGORIES };

/** Without story.bbox, a point farther than this from the median of the story's points is an error. */
export const MAX_DISTANCE_KM = 2000;

/** "geo/x/events.json: event "bus" field places[0].id: place "ramallahh" does not exist" */
export function formatIssue(i: Issue): string {
  const where = [i.id !== undefined ? `${i.subject ?? 'item'} ${JSON.stringify(i.id)}` : '', i.field ? `field ${i.field}` : '']
    .filter(Boolean)
    .join(' ');
  return `${i.file}: ${where ? `${where}: ` : ''}${i.message}`;
}

export function validateBundle(raw: unknown, opts: ValidateOptions = {}): ValidationResult {
  try {
    return runNow(check(raw, opts));
  } catch (err) {
    return uncheckable(err, opts);
  }
}

/**
 * validateBundle in steps that give way to the reader (the story worker, see pace.ts): the same
 * checks, the same result.
 */
export async function validateBundlePaced(raw: unknown, pace: Pace, opts: ValidateOptions = {}): Promise<ValidationResult> {
  try {
    return await runPaced(check(raw, opts), pace);
  } catch (err) {
    return uncheckable(err, opts);
  }
}

/** Only reachable with hostile inputs (throwing getters, proxies); still no throw for the caller. */
function uncheckable(err: unknown, opts: ValidateOptions): ValidationResult {
  const file = opts.files?.story ?? 'story.json';
  return { ok: false, errors: [{ file, field: '', message: `could not be checked: ${String(err)}` }], warnings: [] };
}

/**
 * The places alone (their shape, ids and coordinates, against story.bbox when there is one), so a
 * map can draw them before the events are checked. validateBundle makes these checks with the
 * same messages, or skips them when given this answer for the same bundle (`placesChecked`);
 * this never throws either.
 */
export function validatePlaces(raw: unknown): PlacesCheck {
  try {
    if (!isRecord(raw) || Array.isArray(raw.places)) return { ok: false };
    let bad = 0;
    const report: Report = () => void bad++;
    const story = isRecord(raw.story) ? parsePart(StoryMetaSchema, raw.story, () => {}) : undefined;
    const collection = parsePart(PlaceCollectionSchema, raw.places, report);
    if (!collection) return { ok: false };
    const places = collection.features as PlaceFeature[];
    checkDuplicates(places, 'place', (i) => `features[${i}]`, report);
    checkPlaces(places, story, report);
    if (bad) return { ok: false };
    return { ok: true, places, proof: { raw, places: raw.places, story: raw.story, collection } };
  } catch {
    return { ok: false };
  }
}

// ---------------------------------------------------------------- the checks

type Report = (issue: Omit<Issue, 'file'>) => void;

/** Events checked between two points where a paced check may pause. */
const STEP = 2000;

function* check(raw: unknown, opts: ValidateOptions): Steps<ValidationResult> {
  const files = opts.files ?? { story: 'story.json', places: 'places.geojson', events: 'events.json' };
  const now = opts.now ?? new Date();
  const errors: Issue[] = [];
  const warnings: Issue[] = [];
  const reporter =
    (list: Issue[], file: string): Report =>
    (issue) =>
      list.push({ file, ...issue });
  const err = { story: reporter(errors, files.story), places: reporter(errors, files.places), events: reporter(errors, files.events) };

  if (!isRecord(raw)) {
    errors.push({ file: files.story, field: '', message: `expected a story bundle { story, places, events }, got ${describe(raw)}` });
    return { ok: false, errors, warnings };
  }

  // Shape, file by file. Places that validatePlaces passed on this bundle have had their shape,
  // ids and coordinates checked with the same rules and messages (and the same story bbox): those
  // checks are not repeated.
  const proven = provenPlaces(raw, opts.placesChecked);
  const story = !notArray(raw.story, err.story) ? undefined : parsePart(StoryMetaSchema, raw.story, err.story);
  const placeCollection =
    proven ?? (!notArray(raw.places, err.places) ? undefined : parsePart(PlaceCollectionSchema, raw.places, err.places, placeLocator(raw.places)));
  yield;
  const eventList = yield* parseEvents(raw.events, err.events);

  // Items whose own shape is right still get the cross checks, so one typo does not hide the rest;
  // ids are taken from every item that has one, so a broken place is not also "missing".
  const rawPlaces = isRecord(raw.places) && Array.isArray(raw.places.features) ? (raw.places.features as unknown[]) : [];
  const rawEvents = Array.isArray(raw.events) ? (raw.events as unknown[]) : [];
  // When a whole file passed, every item did: skip the second, item-by-item pass (half the cost
  // of validating a 100k-event bundle).
  const places = placeCollection ? (placeCollection.features as PlaceFeature[]) : goodItems(rawPlaces, PlaceFeatureSchema);
  const events = eventList ?? goodItems(rawEvents, StoryEventSchema);

  if (story) checkStory(story, now, err.story);
  if (!proven) checkDuplicates(rawPlaces, 'place', (i) => `features[${i}]`, err.places);
  yield;
  checkDuplicates(rawEvents, 'event', (i) => `[${i}]`, err.events);
  yield;
  if (!proven) checkPlaces(places, story, err.places);
  yield;
  yield* checkEvents(events, story, now, err.events);
  yield* checkReferences(rawPlaces, places, events, Array.isArray(raw.events), err.events, reporter(warnings, files.places));
  checkHiddenKeys(raw.story, rawPlaces, rawEvents, err);
  yield;
  checkTranslations(story, places, events, eventList !== undefined, err, { story: reporter(warnings, files.story), events: reporter(warnings, files.events) });
  yield;
  yield* checkDraftMarks(story, places, events, {
    story: reporter(warnings, files.story),
    places: reporter(warnings, files.places),
    events: reporter(warnings, files.events),
  });

  if (errors.length > 0 || !story || !placeCollection || !eventList) return { ok: false, errors, warnings };
  return { ok: true, bundle: { story, places: placeCollection, events: eventList }, errors, warnings };
}

function checkStory(story: StoryMeta, now: Date, report: Report): void {
  checkDate(story.published.date, 'published.date', now, (i) => report(i));
  if (story.bbox && !goodBox(story.bbox)) {
    report({ field: 'bbox', message: `bbox ${JSON.stringify(story.bbox)} must be [west, south, east, north] in degrees, with west < east and south < north` });
  }
  const seen = new Set<string>();
  story.categories?.forEach((c, i) => {
    if (seen.has(c.id)) report({ field: `categories[${i}].id`, message: `category "${c.id}" is declared twice` });
    seen.add(c.id);
  });
}

function checkPlaces(places: PlaceFeature[], story: StoryMeta | undefined, report: Report): void {
  const at = (p: PlaceFeature): Report => (i) => report({ id: p.id, subject: 'place', ...i });

  const goodPoints = new Map<PlaceFeature, Position>();
  for (const p of places) {
    const g = p.geometry;
    if (g.type === 'Point') {
      const c = g.coordinates;
      if (inRange(c)) goodPoints.set(p, c);
      else if (inRange(swap(c))) at(p)({ field: 'geometry.coordinates', message: swappedMessage(c) });
      else at(p)({ field: 'geometry.coordinates', message: rangeMessage(c) });
      continue;
    }
    const polygons = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
    const prefix = (pi: number) => (g.type === 'Polygon' ? 'geometry.coordinates' : `geometry.coordinates[${pi}]`);
    polygons.forEach((rings, pi) =>
      rings.forEach((ring, ri) => {
        const bad = ring.findIndex((c) => !inRange(c));
        if (bad >= 0) at(p)({ field: `${prefix(pi)}[${ri}][${bad}]`, message: rangeMessage(ring[bad]!) });
        const [a, b] = [ring[0]!, ring[ring.length - 1]!];
        if (a[0] !== b[0] || a[1] !== b[1]) at(p)({ field: `${prefix(pi)}[${ri}]`, message: 'ring is not closed: its last position must repeat the first' });
      }),
    );
  }

  // Points far from the story's area: a wrong sign, a typo in a degree, or coordinates swapped.
  // (A bad bbox is reported on story.json; the points are then checked against each other.)
  const bbox = story?.bbox && goodBox(story.bbox) ? story.bbox : undefined;
  // Without a bbox: the component-wise median of all points, which a minority of wrong points cannot drag away.
  const all = [...goodPoints.values()];
  const centre: Position = [median(all.map((q) => q[0]!)), median(all.map((q) => q[1]!))];
  for (const [p, c] of goodPoints) {
    const field = 'geometry.coordinates';
    if (bbox) {
      if (insideBox(c, bbox)) continue;
      const message = insideBox(swap(c), bbox)
        ? swappedMessage(c)
        : `point ${showPosition(c)} lies outside the story's bbox ${JSON.stringify(bbox)}`;
      at(p)({ field, message });
      continue;
    }
    const km = distanceKm(c, centre);
    if (km <= MAX_DISTANCE_KM) continue;
    const message =
      distanceKm(swap(c), centre) <= MAX_DISTANCE_KM
        ? swappedMessage(c)
        : `point ${showPosition(c)} is ${Math.round(km)} km from the median of the story's points (limit ${MAX_DISTANCE_KM} km)`;
    at(p)({ field, message });
  }
}

function* checkEvents(events: StoryEvent[], story: StoryMeta | undefined, now: Date, report: Report): Steps<void> {
  const at = (e: StoryEvent): Report => (i) => report({ id: e.id, subject: 'event', ...i });
  const categories = new Set<string>([...STANDARD_CATEGORIES, ...(story?.categories ?? []).map((c) => c.id)]);
  const step = stepper(STEP);
  for (const e of events) {
    if (step()) yield;
    const date = checkDate(e.date, 'date', now, at(e));
    if (e.time !== undefined && date && date.precision !== 'day') {
      at(e)({ field: 'time', message: `a time needs a date with a day, got "${e.date}"` });
    }
    if (e.time === undefined && e.utcOffset !== undefined) at(e)({ field: 'utcOffset', message: 'utcOffset is given without a time' });
    if (e.time === undefined && e.approximateTime !== undefined) at(e)({ field: 'approximateTime', message: 'approximateTime is given without a time' });
    if (story && e.cite.paragraph > story.paragraphs) {
      at(e)({ field: 'cite.paragraph', message: `paragraph ${e.cite.paragraph} is beyond the article's ${story.paragraphs} paragraphs` });
    }
    if (!categories.has(e.category)) {
      at(e)({ field: 'category', message: `unknown category "${e.category}": not in the standard vocabulary nor in story.json categories` });
    }
  }
}

/** Ids are unique within places and within events; the second and later uses are errors. */
function checkDuplicates(items: unknown[], subject: 'place' | 'event', where: (i: number) => string, report: Report): void {
  const first = new Map<string, number>();
  items.forEach((item, i) => {
    const id = idOf(item);
    if (id === undefined) return;
    const earlier = first.get(id);
    if (earlier === undefined) first.set(id, i);
    else report({ id, subject, field: 'id', message: `duplicate id: the ${subject} at ${where(earlier)} has it too` });
  });
}

/** Every place an event cites must exist; every place should be cited by some event. */
function* checkReferences(
  rawPlaces: unknown[],
  places: PlaceFeature[],
  events: StoryEvent[],
  eventsReadable: boolean,
  report: Report,
  warn: Report,
): Steps<void> {
  const ids = new Set(rawPlaces.map(idOf));
  const used = new Set<string>();
  const step = stepper(STEP);
  for (const e of events) {
    if (step()) yield;
    e.places.forEach((ref, i) => {
      used.add(ref.id);
      if (!ids.has(ref.id)) report({ id: e.id, subject: 'event', field: `places[${i}].id`, message: `place "${ref.id}" does not exist` });
    });
  }
  // Without a readable events file every place would look unused: say nothing rather than noise.
  if (!eventsReadable) return;
  for (const p of places) {
    if (!used.has(p.id)) warn({ id: p.id, subject: 'place', field: 'id', message: 'no event uses this place' });
  }
}

/**
 * An object of the story whose texts may carry translations (an event, a figure, a note, the
 * story, its source, a category): which file it is in, the place or event it belongs to, and its
 * path there ("figures[1].notes[0]"). `kind` groups the texts a reader sees, for the coverage
 * warnings; a place's notes are not shown to readers and have none.
 */
interface Holder {
  file: 'story' | 'places' | 'events';
  id?: string;
  subject?: 'place' | 'event';
  path: (string | number)[];
  item: Record<string, unknown>;
  kind?: CoverageKind;
}

/** The texts whose translations are counted, with what they are called in a warning. */
const COVERAGE = {
  event: { fields: ['title', 'summary'], what: 'events', at: '' },
  figure: { fields: ['label'], what: 'figures', at: 'figures[].' },
  note: { fields: ['text'], what: 'notes', at: 'notes[].' },
  category: { fields: ['label'], what: 'categories', at: 'categories[].' },
} as const;
type CoverageKind = keyof typeof COVERAGE | 'story' | 'source';

/**
 * Calls `visit` with every holder of translatable text in a bundle, raw or checked (anything not
 * an object is passed over). With `translatedOnly`, only those that carry a `translations` object:
 * the common case at scale is a story without any, and then no holder is even made.
 */
function eachHolder(story: unknown, places: readonly unknown[], events: readonly unknown[], translatedOnly: boolean, visit: (h: Holder) => void): void {
  const take = (item: unknown): item is Record<string, unknown> => isRecord(item) && (!translatedOnly || isRecord(item.translations));
  const notes = (file: Holder['file'], owner: unknown, path: (string | number)[], value: unknown, kind?: CoverageKind) => {
    if (!Array.isArray(value)) return;
    value.forEach((n, i) => {
      // A drafter's review note is for the newsroom, never for readers: no language must cover it.
      const counted = kind && !(isRecord(n) && n.kind === 'review');
      if (take(n)) visit({ file, ...ownerOf(owner, file), path: [...path, 'notes', i], item: n, ...(counted ? { kind } : {}) });
    });
  };
  if (isRecord(story)) {
    if (take(story)) visit({ file: 'story', path: [], item: story, kind: 'story' });
    if (take(story.source)) visit({ file: 'story', path: ['source'], item: story.source, kind: 'source' });
    if (Array.isArray(story.categories)) story.categories.forEach((c, i) => take(c) && visit({ file: 'story', path: ['categories', i], item: c, kind: 'category' }));
  }
  for (const p of places) if (isRecord(p) && isRecord(p.properties)) notes('places', p, ['properties'], p.properties.notes);
  for (const e of events) {
    if (!isRecord(e)) continue;
    if (take(e)) visit({ file: 'events', ...ownerOf(e, 'events'), path: [], item: e, kind: 'event' });
    if (Array.isArray(e.figures)) {
      e.figures.forEach((f, i) => {
        if (!isRecord(f)) return;
        if (take(f)) visit({ file: 'events', ...ownerOf(e, 'events'), path: ['figures', i], item: f, kind: 'figure' });
        notes('events', e, ['figures', i], f.notes, 'note');
      });
    }
    notes('events', e, [], e.notes, 'note');
  }
}

/**
 * Every language a story is translated into, wherever the text is, in the order met (the story
 * and its source and categories, its places' notes, its events): the editor offers a section for each.
 */
export function translationLanguages(bundle: StoryBundle | null): string[] {
  const found = new Set<string>();
  if (bundle) eachHolder(bundle.story, bundle.places.features, bundle.events, true, (h) => Object.keys(translationsOf(h)!).forEach((lang) => found.add(lang)));
  return [...found];
}

/** The place or event a holder belongs to, when it has a string id. */
function ownerOf(owner: unknown, file: Holder['file']): Pick<Holder, 'id' | 'subject'> {
  const id = idOf(owner);
  return id === undefined || file === 'story' ? {} : { id, subject: file === 'places' ? 'place' : 'event' };
}

/** A holder's translations, when it has an object of them. */
const translationsOf = (h: Holder): Record<string, Record<string, unknown>> | undefined =>
  isRecord(h.item.translations) ? (h.item.translations as Record<string, Record<string, unknown>>) : undefined;

/** Where a holder's translated text is: "figures[0].translations.ar.label", "translations[\"zh-Hant\"]". */
const translationField = (h: Pick<Holder, 'path'>, lang: string, key?: string) => fieldPath([...h.path, 'translations', lang, ...(key ? [key] : [])]);

/**
 * Keys that valibot passes over in silence, so as not to touch an object's prototype ("__proto__",
 * "constructor", "prototype"): as translation languages they are refused like any other non-tag.
 */
function checkHiddenKeys(story: unknown, places: readonly unknown[], events: readonly unknown[], err: Record<Holder['file'], Report>): void {
  eachHolder(story, places, events, true, (h) => {
    const translations = translationsOf(h)!;
    for (const key of ['__proto__', 'constructor', 'prototype']) {
      if (Object.hasOwn(translations, key)) err[h.file]({ ...where(h), field: translationField(h, key), message: notATranslationLanguage(key) });
    }
  });
}

const where = (h: Holder) => (h.id !== undefined ? { id: h.id, subject: h.subject } : {});

/** How many items a coverage warning lists before "and N more". */
const LISTED = 5;

/**
 * Translations are into other languages than the story's (the story's own text is that language
 * already). A language that translates some of the events' texts (titles, summaries, figures'
 * labels, notes) but leaves others out, or leaves out the story's title or its source's name, is a
 * warning: the reader sees a story half in their language. Coverage is judged only when every
 * event was readable.
 */
function checkTranslations(
  story: StoryMeta | undefined,
  places: PlaceFeature[],
  events: StoryEvent[],
  eventsComplete: boolean,
  err: Record<Holder['file'], Report>,
  warn: Record<'story' | 'events', Report>,
): void {
  const message = (lang: string) => `"${lang}" is the story's own language ("${story?.language}"): the text itself is in it; translations are into other languages`;
  // The languages the events are translated into, in the order they first appear.
  const languages = new Set<string>();
  eachHolder(story, places, events, true, (h) => {
    for (const lang of Object.keys(translationsOf(h)!)) {
      if (story && isOwnLanguage(story.language, lang)) err[h.file]({ ...where(h), field: translationField(h, lang), message: message(lang) });
      else if (h.file === 'events') languages.add(lang);
    }
  });
  if (!eventsComplete || languages.size === 0) return;
  const all: Holder[] = [];
  eachHolder(story, places, events, false, (h) => all.push(h));
  const has = (h: Holder, lang: string, field: string) => translationsOf(h)?.[lang]?.[field] !== undefined;
  for (const lang of languages) {
    for (const [kind, { fields, what, at }] of Object.entries(COVERAGE) as [keyof typeof COVERAGE, (typeof COVERAGE)[keyof typeof COVERAGE]][]) {
      const items = all.filter((h) => h.kind === kind);
      for (const key of fields) {
        const missing = items.filter((h) => !has(h, lang, key));
        if (missing.length === 0) continue;
        const named = missing.map((h) => (kind === 'category' ? JSON.stringify(h.item.id) : [h.id !== undefined ? JSON.stringify(h.id) : '', fieldPath(h.path)].filter(Boolean).join(' ')));
        const list = named.slice(0, LISTED).join(', ') + (named.length > LISTED ? ` and ${named.length - LISTED} more` : '');
        warn[kind === 'category' ? 'story' : 'events']({
          field: at + translationField({ path: [] }, lang, key),
          message: `the ${key} is in "${lang}" on ${items.length - missing.length} of ${items.length} ${what}; the others show theirs untranslated: missing on ${list}`,
        });
      }
    }
    if (story && story.translations?.[lang]?.title === undefined) {
      warn.story({ field: translationField({ path: [] }, lang, 'title'), message: `events are translated into "${lang}" but the story's title is not` });
    }
    if (story?.source && story.source.translations?.[lang]?.name === undefined) {
      warn.story({ field: translationField({ path: ['source'] }, lang, 'name'), message: `events are translated into "${lang}" but the source's name is not` });
    }
  }
}

/** Review notes and placeholder texts left by the drafter: warnings a person must clear before the build. */
function* checkDraftMarks(story: StoryMeta | undefined, places: PlaceFeature[], events: StoryEvent[], warn: Record<'story' | 'places' | 'events', Report>): Steps<void> {
  const text = (report: Report, field: string, value: string | undefined) => {
    if (value !== undefined && isPlaceholder(value)) report({ field, message: 'placeholder text from the drafter: write it in your own words', draft: true });
  };
  const notes = (report: Report, field: string, list: Note[] | undefined) =>
    list?.forEach((n, i) => {
      if (n.kind === 'review') report({ field: `${field}[${i}]`, message: `review note from the drafter: check, then remove it (“${n.text.length > 80 ? `${n.text.slice(0, 80)}…` : n.text}”)`, draft: true });
    });
  if (story) {
    text(warn.story, 'title', story.title);
    text(warn.story, 'published.note', story.published.note);
    text(warn.story, 'source.name', story.source?.name);
  }
  for (const p of places) {
    const at: Report = (i) => warn.places({ id: p.id, subject: 'place', ...i });
    text(at, 'properties.description', p.properties.description);
    notes(at, 'properties.notes', p.properties.notes);
  }
  const step = stepper(STEP);
  for (const e of events) {
    if (step()) yield;
    const at: Report = (i) => warn.events({ id: e.id, subject: 'event', ...i });
    text(at, 'title', e.title);
    text(at, 'summary', e.summary);
    notes(at, 'notes', e.notes);
    e.figures?.forEach((f, i) => notes(at, `figures[${i}].notes`, f.notes));
  }
  // Every translated text, wherever it is.
  eachHolder(story, places, events, true, (h) => {
    for (const [lang, texts] of Object.entries(translationsOf(h)!)) {
      for (const [key, value] of Object.entries(texts)) if (typeof value === 'string') text((i) => warn[h.file]({ ...where(h), ...i }), translationField(h, lang, key), value);
    }
  });
}

function checkDate(value: string, field: string, now: Date, report: Report) {
  const date = parseStoryDate(value);
  if (!date) report({ field, message: `date "${value}" is not a real date` });
  else if (date.start.getTime() > now.getTime()) {
    report({ field, message: `date "${value}" is in the future (today is ${now.toISOString().slice(0, 10)})` });
  }
  return date;
}

// ---------------------------------------------------------------- schema issues → Issue

type Locator = (path: (string | number)[]) => { id?: string; subject?: 'place' | 'event'; rest: (string | number)[] };

/** Runs a schema on one file; reports its issues; returns the typed value when it passed. */
function parsePart<S extends GenericSchema>(
  schema: S,
  value: unknown,
  report: Report,
  locate: Locator = (path) => ({ rest: path }),
  /** `value` is part of a list, from this index on: issues are located in the whole list. */
  offset = 0,
): InferOutput<S> | undefined {
  const result = safeParse(schema, value);
  if (result.success) return result.output;
  for (const issue of result.issues) {
    const path = (issue.path ?? []).map((item, i) => (i === 0 && typeof item.key === 'number' ? item.key + offset : (item.key as string | number)));
    const { id, subject, rest } = locate(path);
    report({ ...(id !== undefined ? { id, subject } : {}), field: fieldPath(rest), message: messageOf(issue) });
  }
  return undefined;
}

/**
 * events.json's shape, a few thousand events at a time (a step each): the same issues, located in
 * the whole list, as one pass over it would give.
 */
function* parseEvents(value: unknown, report: Report): Steps<StoryEvent[] | undefined> {
  const locate = eventLocator(value);
  if (!Array.isArray(value)) return parsePart(EventsSchema, value, report, locate);
  const events: StoryEvent[] = [];
  let failed = false;
  for (let i = 0; i < value.length || i === 0; i += STEP) {
    const part = parsePart(EventsSchema, value.slice(i, i + STEP), report, locate, i);
    if (!part) failed = true;
    else if (!failed) for (const e of part) events.push(e);
    yield;
  }
  return failed ? undefined : events;
}

/** Issues inside features[n] are located by that feature's id, when it has one. */
function placeLocator(places: unknown): Locator {
  return (path) => {
    if (path[0] === 'features' && typeof path[1] === 'number' && isRecord(places) && Array.isArray(places.features)) {
      const id = idOf(places.features[path[1]]);
      if (id !== undefined) return { id, subject: 'place', rest: path.slice(2) };
    }
    return { rest: path };
  };
}

function eventLocator(events: unknown): Locator {
  return (path) => {
    if (typeof path[0] === 'number' && Array.isArray(events)) {
      const id = idOf(events[path[0]]);
      if (id !== undefined) return { id, subject: 'event', rest: path.slice(1) };
    }
    return { rest: path };
  };
}

function messageOf(issue: BaseIssue<unknown>): string {
  if (issue.kind !== 'schema') return issue.message; // our own wording, from schema.ts
  if (issue.type === 'strict_object' && issue.expected === 'never') return 'unknown field (check its spelling)';
  if (issue.received === 'undefined') return 'is required';
  const expected = (issue.expected ?? '').replace(/^\((.*)\)$/, '$1').replace(/^Object$/, 'an object').replace(/^Array$/, 'an array');
  return `expected ${expected}, got ${describe(issue.input)}`;
}

function fieldPath(path: (string | number)[]): string {
  return path
    .map((key, i) =>
      typeof key === 'number' ? `[${key}]` : /^[A-Za-z_$][\w$]*$/.test(key) ? `${i === 0 ? '' : '.'}${key}` : `[${JSON.stringify(key)}]`,
    )
    .join('');
}

// ---------------------------------------------------------------- small helpers

/** valibot's object schemas take arrays for objects; a file holding an array deserves a plain answer. */
function notArray(value: unknown, report: Report): boolean {
  if (Array.isArray(value)) report({ field: '', message: 'expected an object, got an array' });
  return !Array.isArray(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function idOf(item: unknown): string | undefined {
  return isRecord(item) && typeof item.id === 'string' && item.id !== '' ? item.id : undefined;
}

function goodItems<S extends GenericSchema>(list: unknown[], schema: S): InferOutput<S>[] {
  return list.flatMap((item) => {
    const result = safeParse(schema, item);
    return result.success ? [result.output] : [];
  });
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  return String(value);
}

const inRange = (c: Position) => Math.abs(c[0]!) <= 180 && Math.abs(c[1]!) <= 90;
const swap = (c: Position): Position => [c[1]!, c[0]!];
const showPosition = (c: Position) => `[${c[0]}, ${c[1]}]`;
const swappedMessage = (c: Position) => `coordinates ${showPosition(c)} look swapped: GeoJSON order is [longitude, latitude]`;
const rangeMessage = (c: Position) =>
  Math.abs(c[0]!) > 180 ? `longitude ${c[0]} is out of range (-180 to 180)` : `latitude ${c[1]} is out of range (-90 to 90)`;

function goodBox([w, s, e, n]: [number, number, number, number]): boolean {
  return w >= -180 && e <= 180 && s >= -90 && n <= 90 && w < e && s < n;
}

function insideBox(c: Position, [w, s, e, n]: [number, number, number, number]): boolean {
  return c[0]! >= w && c[0]! <= e && c[1]! >= s && c[1]! <= n;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Great-circle distance in km between two [longitude, latitude] positions. */
const distanceKm = (a: Position, b: Position): number => distance(a, b, { units: 'kilometers' });
