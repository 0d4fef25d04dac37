/**
 * The story model: what a validated story looks like to the rest of the app.
 *
 * A story on disk is one folder in `geo/` (story.json, places.geojson, events.json; see
 * geo/README.md). The build bundles each folder into one `StoryBundle` JSON. Everything after
 * validation (map, lists, URL) trusts these types.
 */
import type { FeatureCollection, Feature, Point, Polygon, MultiPolygon } from 'geojson';

/**
 * Editorial note on an event, a figure or a place. `review` marks a machine guess (npm run draft)
 * that a person must check and then remove: the validator warns about it and the build refuses it.
 */
export interface Note {
  kind: 'correction' | 'disputed' | 'context' | 'review';
  text: string;
  /** Who says so (e.g. "AFP", "WHO via NYT"), free text. */
  source?: string;
  /** The text and source in other languages, keyed like StoryEvent.translations. */
  translations?: Translations<'text' | 'source'>;
}

/**
 * Some text fields of one object in languages other than the story's, keyed by language tag: a
 * language subtag in lower case, then optionally a script (Titlecase) and a region (upper case or
 * three digits): "ar", "he", "zh-Hant", "pt-BR", "es-419". A text left out is shown in the story's
 * language (translate.ts).
 */
export type Translations<F extends string> = Record<string, Partial<Record<F, string>>>;

export type PrecisionLevel = 'site' | 'town' | 'region';

export interface PlaceProperties {
  name: string;
  /** Names in other languages, keyed by BCP 47 language tag (ar, he, fr, …). */
  names?: Record<string, string>;
  /** Other spellings (Khan Yunis, …). */
  aliases?: string[];
  /** city, town, crossing, prison, port, region, country, … (free vocabulary, documented). */
  kind: string;
  precision: { level: PrecisionLevel; radiusM: number };
  description: string;
  notes?: Note[];
}

export type PlaceGeometry = Point | Polygon | MultiPolygon;
/** A place: a GeoJSON Feature whose top-level `id` is a stable slug used in links. */
export type PlaceFeature = Feature<PlaceGeometry, PlaceProperties> & { id: string };
export type PlaceCollection = FeatureCollection<PlaceGeometry, PlaceProperties> & {
  features: PlaceFeature[];
};

export type PlaceRole = 'at' | 'from' | 'to' | 'via';

export interface Figure {
  /** What is counted: "patients", "prisoners released", … */
  label: string;
  value: number;
  /** "at least", "more than", "about" … as the source words it. */
  qualifier?: 'exactly' | 'about' | 'at least' | 'more than' | 'fewer than';
  notes?: Note[];
  /** The label in other languages. */
  translations?: Translations<'label'>;
}

export type DatePrecision = 'day' | 'month' | 'year';

export interface StoryEvent {
  id: string;
  /** ISO 8601 calendar date at its precision: YYYY, YYYY-MM or YYYY-MM-DD. */
  date: string;
  /** Local time HH:MM when known (day precision only). */
  time?: string;
  /** UTC offset of `time`, e.g. "+02:00". */
  utcOffset?: string;
  /** The time is approximate ("about 08:30"). */
  approximateTime?: boolean;
  title: string;
  summary: string;
  category: string;
  places: { id: string; role: PlaceRole }[];
  figures?: Figure[];
  /** The 1-based paragraph of the article that reports it. */
  cite: { paragraph: number };
  notes?: Note[];
  /** The title and summary in languages other than the story's. */
  translations?: Translations<'title' | 'summary'>;
}

export interface CategoryDef {
  id: string;
  label: string;
  description?: string;
  /** The label and description in other languages. */
  translations?: Translations<'label' | 'description'>;
}

export interface StoryMeta {
  id: string;
  title: string;
  /** BCP 47 language tag of the article. */
  language: string;
  published: { date: string; note?: string };
  /** Who published the article; its name may be translated (an outlet's name in another script). */
  source?: { name: string; url?: string; translations?: Translations<'name'> };
  /** Number of paragraphs in the article (non-empty lines), so citations can be checked. */
  paragraphs: number;
  /** Categories beyond the standard vocabulary. */
  categories?: CategoryDef[];
  /** Optional extent [west, south, east, north] the story is about, for sanity checks. */
  bbox?: [number, number, number, number];
  /** The title in languages other than the story's. */
  translations?: Translations<'title'>;
}

/** One story as served to the app: the three files of a story folder in one JSON document. */
export interface StoryBundle {
  story: StoryMeta;
  places: PlaceCollection;
  events: StoryEvent[];
}
