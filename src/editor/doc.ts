/**
 * The editor's document: the story being edited plus what the drafter knew about it (confidence,
 * other gazetteer candidates, the sentence each place and event came from). Pure data and pure
 * operations: every edit returns a new document, so undo/redo is a stack of documents and the
 * document can be stored in IndexedDB as it is.
 */
import type { Note, PlaceFeature, PlaceGeometry, StoryBundle, StoryEvent, StoryMeta, Translations } from '../lib/story/types.ts';
import type { Draft } from '../lib/draft/draft.ts';
import { STORY_FILE_SCHEMAS } from './files.ts';

/** A place a name may mean, from the gazetteer. */
export interface Candidate {
  key: string;
  label: string;
  lng: number;
  lat: number;
  kind: string;
  level: 'site' | 'town' | 'region';
  radiusM: number;
  names?: Record<string, string>;
}

/** Where in the article something was read: 1-based paragraph and sentence. */
export interface Origin {
  paragraph: number;
  sentence: number;
}

export interface PlaceMeta {
  /** The drafter's confidence, 0–1 (absent for places a person added or loaded). */
  confidence?: number;
  /** The names as written in the article. */
  written: string[];
  candidates: Candidate[];
  /** The key of the candidate the place now sits on, if any. */
  chosen?: string;
  origin?: Origin;
  accepted: boolean;
}

export interface EditorDoc {
  version: 1;
  /** The article text as pasted or opened. */
  article: string;
  bundle: StoryBundle | null;
  places: Record<string, PlaceMeta>;
  events: Record<string, { origin?: Origin; checked?: boolean }>;
  /** Rejected places, kept so that a rejection can be undone from the list too. */
  rejected: { feature: PlaceFeature; meta: PlaceMeta; uses: { event: string; index: number; role: StoryEvent['places'][number]['role'] }[] }[];
  /** A person has changed the story since it was drafted or opened (a new draft would replace it). */
  edited: boolean;
}

export const emptyDoc = (): EditorDoc => ({ version: 1, article: '', bundle: null, places: {}, events: {}, rejected: [], edited: false });

/** A copy deep enough to mutate everything but the article (which is large and never mutated). */
export function cloneDoc(doc: EditorDoc): EditorDoc {
  return {
    version: 1,
    article: doc.article,
    bundle: doc.bundle ? structuredClone(doc.bundle) : null,
    places: structuredClone(doc.places),
    events: structuredClone(doc.events),
    rejected: structuredClone(doc.rejected),
    edited: true,
  };
}

/** "(first named in paragraph 3, sentence 2)" / "paragraph 3, sentence 2": where a placeholder points. */
export function originOf(text: string | undefined): Origin | undefined {
  const m = /paragraph (\d+), sentence (\d+)/.exec(text ?? '');
  return m ? { paragraph: Number(m[1]), sentence: Number(m[2]) } : undefined;
}

export const withoutReview = (notes: Note[] | undefined): Note[] | undefined => {
  const kept = (notes ?? []).filter((n) => n.kind !== 'review');
  return kept.length ? kept : undefined;
};

export function setNotes<T extends { notes?: Note[] }>(item: T, notes: Note[] | undefined): void {
  if (notes && notes.length) item.notes = notes;
  else delete item.notes;
}

/**
 * Writes one translated text (`lang` → `field`) on an item, or takes it away when `value` is blank;
 * a language left with no text, and translations left with no language, go too (the validator
 * refuses an empty one).
 */
export function setTranslation<F extends string>(item: { translations?: Translations<F> }, lang: string, field: F, value: string): void {
  const all: Translations<F> = { ...item.translations };
  const entry: Partial<Record<F, string>> = { ...all[lang] };
  if (value.trim()) entry[field] = value;
  else delete entry[field];
  if (Object.keys(entry).length) all[lang] = entry;
  else delete all[lang];
  if (Object.keys(all).length) item.translations = all;
  else delete item.translations;
}

/** The story's places (every feature has a string id: the schema says so). */
export const placesOf = (doc: EditorDoc): PlaceFeature[] => (doc.bundle?.places.features ?? []) as PlaceFeature[];

export function placeById(doc: EditorDoc, id: string): PlaceFeature | undefined {
  return placesOf(doc).find((f) => f.id === id);
}
export function eventById(doc: EditorDoc, id: string): StoryEvent | undefined {
  return doc.bundle?.events.find((e) => e.id === id);
}

/** A point for any place geometry: the point itself, or the middle of an area's bounding box. */
export function pointOf(g: PlaceGeometry): [number, number] {
  if (g.type === 'Point') return [g.coordinates[0]!, g.coordinates[1]!];
  const rings = g.type === 'Polygon' ? [g.coordinates[0]!] : g.coordinates.map((p) => p[0]!);
  let w = Infinity, s = Infinity, e = -Infinity, n = -Infinity;
  for (const ring of rings) for (const [x, y] of ring) {
    w = Math.min(w, x!); e = Math.max(e, x!); s = Math.min(s, y!); n = Math.max(n, y!);
  }
  return [(w + e) / 2, (s + n) / 2];
}

/** The story's extent around all its places, with half a degree of margin, rounded to 0.01°. */
export function bboxAround(features: PlaceFeature[]): StoryMeta['bbox'] | undefined {
  let w = Infinity, s = Infinity, e = -Infinity, n = -Infinity;
  const visit = (c: unknown): void => {
    if (!Array.isArray(c)) return;
    if (typeof c[0] === 'number') {
      w = Math.min(w, c[0]); e = Math.max(e, c[0]); s = Math.min(s, c[1] as number); n = Math.max(n, c[1] as number);
    } else for (const x of c) visit(x);
  };
  for (const f of features) visit(f.geometry.coordinates);
  if (!Number.isFinite(w)) return undefined;
  const r = (x: number) => Math.round(x * 100) / 100;
  return [r(Math.max(-180, w - 0.5)), r(Math.max(-90, s - 0.5)), r(Math.min(180, e + 0.5)), r(Math.min(90, n + 0.5))];
}

/** Keeps story.bbox (when the story has one) around every place after a place moved. */
export function refreshBbox(doc: EditorDoc): void {
  const b = doc.bundle;
  if (!b || !b.story.bbox) return;
  const box = bboxAround(b.places.features);
  if (box) b.story.bbox = box;
}

// ------------------------------------------------------------------------------------- edits

/** Accepting a place: its review notes are resolved. */
export function acceptPlace(doc: EditorDoc, id: string): EditorDoc {
  const next = cloneDoc(doc);
  const f = placeById(next, id);
  if (!f) return doc;
  setNotes(f.properties, withoutReview(f.properties.notes));
  const meta = next.places[id] ?? (next.places[id] = { written: [], candidates: [], accepted: false });
  meta.accepted = true;
  return next;
}

/** Rejecting a place removes it and every event's reference to it (kept for restore). */
export function rejectPlace(doc: EditorDoc, id: string): EditorDoc {
  const next = cloneDoc(doc);
  const b = next.bundle;
  if (!b) return doc;
  const at = b.places.features.findIndex((f) => f.id === id);
  if (at < 0) return doc;
  const [feature] = b.places.features.splice(at, 1) as PlaceFeature[];
  const uses: EditorDoc['rejected'][number]['uses'] = [];
  for (const e of b.events) {
    e.places.forEach((p, index) => {
      if (p.id === id) uses.push({ event: e.id, index, role: p.role });
    });
    e.places = e.places.filter((p) => p.id !== id);
  }
  next.rejected.push({ feature: feature!, meta: next.places[id] ?? { written: [], candidates: [], accepted: false }, uses });
  delete next.places[id];
  refreshBbox(next);
  return next;
}

export function restorePlace(doc: EditorDoc, id: string): EditorDoc {
  const next = cloneDoc(doc);
  const b = next.bundle;
  const at = next.rejected.findIndex((r) => r.feature.id === id);
  if (!b || at < 0) return doc;
  const [r] = next.rejected.splice(at, 1);
  b.places.features.push(r!.feature);
  next.places[id] = r!.meta;
  for (const u of r!.uses) {
    const e = b.events.find((x) => x.id === u.event);
    if (e && !e.places.some((p) => p.id === id)) e.places.splice(Math.min(u.index, e.places.length), 0, { id, role: u.role });
  }
  refreshBbox(next);
  return next;
}

/** Moves a place's point (longitude, latitude in degrees). */
export function movePlace(doc: EditorDoc, id: string, lng: number, lat: number): EditorDoc {
  if (!Number.isFinite(lng) || !Number.isFinite(lat) || Math.abs(lat) > 90 || Math.abs(lng) > 180) return doc;
  const next = cloneDoc(doc);
  const f = placeById(next, id);
  if (!f) return doc;
  f.geometry = { type: 'Point', coordinates: [Math.round(lng * 1e5) / 1e5, Math.round(lat * 1e5) / 1e5] };
  const meta = next.places[id];
  if (meta) delete meta.chosen;
  refreshBbox(next);
  return next;
}

/** Puts a place on another gazetteer candidate: its point, kind and precision. */
export function chooseCandidate(doc: EditorDoc, id: string, key: string): EditorDoc {
  const c = doc.places[id]?.candidates.find((x) => x.key === key);
  if (!c) return doc;
  const next = cloneDoc(doc);
  const f = placeById(next, id);
  if (!f) return doc;
  f.geometry = { type: 'Point', coordinates: [c.lng, c.lat] };
  f.properties.kind = c.kind;
  f.properties.precision = { level: c.level, radiusM: c.radiusM };
  if (c.names && Object.keys(c.names).length) f.properties.names = { ...c.names, ...f.properties.names };
  next.places[id]!.chosen = key;
  refreshBbox(next);
  return next;
}

/** Makes a place an area with the given outline. */
export function makeArea(doc: EditorDoc, id: string, geometry: PlaceGeometry): EditorDoc {
  const next = cloneDoc(doc);
  const f = placeById(next, id);
  if (!f) return doc;
  f.geometry = geometry;
  f.properties.precision = { ...f.properties.precision, level: 'region' };
  if (f.properties.kind === 'town' || f.properties.kind === 'city') f.properties.kind = 'region';
  refreshBbox(next);
  return next;
}

/** Any edit of one place's properties. */
export function editPlace(doc: EditorDoc, id: string, fn: (p: PlaceFeature['properties']) => void): EditorDoc {
  const next = cloneDoc(doc);
  const f = placeById(next, id);
  if (!f) return doc;
  fn(f.properties);
  return next;
}

/** Any edit of one event. */
export function editEvent(doc: EditorDoc, id: string, fn: (e: StoryEvent) => void): EditorDoc {
  const next = cloneDoc(doc);
  const e = eventById(next, id);
  if (!e) return doc;
  fn(e);
  return next;
}

/** Marks an event checked: the review notes on it and on its figures are resolved. */
export function checkEvent(doc: EditorDoc, id: string): EditorDoc {
  return editEvent(doc, id, (e) => {
    setNotes(e, withoutReview(e.notes));
    for (const f of e.figures ?? []) setNotes(f, withoutReview(f.notes));
  });
}

export function deleteEvent(doc: EditorDoc, id: string): EditorDoc {
  const next = cloneDoc(doc);
  if (!next.bundle) return doc;
  next.bundle.events = next.bundle.events.filter((e) => e.id !== id);
  delete next.events[id];
  return next;
}

export function editStory(doc: EditorDoc, fn: (s: StoryMeta) => void): EditorDoc {
  const next = cloneDoc(doc);
  if (!next.bundle) return doc;
  fn(next.bundle.story);
  return next;
}

/** A date at another precision: cut to YYYY or YYYY-MM, or padded with -01. */
export function withPrecision(date: string, precision: 'day' | 'month' | 'year'): string {
  const [y = '', m = '01', d = '01'] = date.split('-');
  if (precision === 'year') return y;
  if (precision === 'month') return `${y}-${m}`;
  return `${y}-${m}-${d}`;
}

export const precisionOf = (date: string): 'day' | 'month' | 'year' => (date.length === 10 ? 'day' : date.length === 7 ? 'month' : 'year');

/** A new document from the drafter's output and the candidates the worker found. */
export function docFromDraft(article: string, draft: Draft, candidates: Record<string, Candidate[]>): EditorDoc {
  const places: EditorDoc['places'] = {};
  for (const f of draft.places.features) {
    const report = draft.report.places.find((p) => p.id === f.id);
    const list = candidates[f.id] ?? [];
    places[f.id] = {
      ...(report ? { confidence: report.confidence } : {}),
      written: report?.names ?? [f.properties.name],
      candidates: list,
      ...(list[0] ? { chosen: list[0].key } : {}),
      ...(originOf(f.properties.description) ? { origin: originOf(f.properties.description)! } : {}),
      accepted: false,
    };
  }
  const events: EditorDoc['events'] = {};
  for (const e of draft.events) {
    const origin = originOf(e.title);
    events[e.id] = origin ? { origin } : {};
  }
  return { version: 1, article, bundle: { story: draft.story, places: draft.places, events: draft.events }, places, events, rejected: [], edited: false };
}

/** A new document from an opened story (a draft folder or a published story). */
export function docFromBundle(bundle: StoryBundle, article = ''): EditorDoc {
  const places: EditorDoc['places'] = {};
  for (const f of bundle.places.features) {
    const origin = originOf(f.properties.description);
    places[f.id] = { written: [f.properties.name], candidates: [], accepted: !(f.properties.notes ?? []).some((n) => n.kind === 'review'), ...(origin ? { origin } : {}) };
  }
  const events: EditorDoc['events'] = {};
  for (const e of bundle.events) {
    const origin = originOf(e.title);
    events[e.id] = origin ? { origin } : {};
  }
  return { version: 1, article, bundle, places, events, rejected: [], edited: false };
}

// ------------------------------------------------------------------------------------- export

/** The three files of a story folder, as geo/<id>/ holds them (with the published schemas). */
export function storyFiles(bundle: StoryBundle): { 'story.json': string; 'places.geojson': string; 'events.json': string } {
  return {
    'story.json': JSON.stringify({ $schema: STORY_FILE_SCHEMAS.story, ...bundle.story }, null, 2) + '\n',
    'places.geojson': JSON.stringify({ $schema: STORY_FILE_SCHEMAS.places, ...bundle.places }, null, 2) + '\n',
    'events.json': JSON.stringify(bundle.events, null, 2) + '\n',
  };
}
