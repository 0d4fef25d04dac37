/**
 * The shape of a story's files, as valibot schemas: story.json (StoryMeta), places.geojson
 * (PlaceCollection) and events.json (a plain JSON array of StoryEvent), plus the bundle of all
 * three. Shape only: rules that look across fields or files (ids that exist, real dates, sane
 * coordinates, categories) live in validate.ts. The same schemas produce the published JSON Schema
 * (npm run schema). Runs in the browser: no Node imports, valibot functions imported by name.
 *
 * Objects are strict: an unknown key (a typo such as "sumary") is an error. The only extra key
 * allowed is "$schema" in story.json and places.geojson, so editors can find the JSON Schema.
 */
import {
  array,
  boolean,
  finite,
  gtValue,
  integer,
  literal,
  minEntries,
  minLength,
  minValue,
  number,
  optional,
  picklist,
  pipe,
  record,
  regex,
  strictObject,
  strictTuple,
  string,
  tupleWithRest,
  url,
  variant,
  type InferOutput,
} from 'valibot';
import type { PlaceCollection, StoryBundle, StoryEvent, StoryMeta } from './types.ts';
import { DATE_PATTERN, TIME_PATTERN, UTC_OFFSET_PATTERN } from './dates.ts';

/** Ids of places, events, stories and categories: lowercase words joined by single hyphens. */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** A BCP 47 language tag, loosely: "en", "ar", "he", "zh-Hant", "pt-BR". */
const LANGUAGE_PATTERN = /^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/;
/**
 * The language of a translation, stricter and in canonical case so one language has one spelling:
 * a language subtag (lower case), an optional script (Titlecase), an optional region (upper case
 * or three digits): "ar", "he", "zh-Hant", "pt-BR", "es-419". Not "und", "mul", "mis" or "zxx",
 * which name no language. Whether it is the story's own language is checked in validate.ts.
 */
export const TRANSLATION_LANGUAGE_PATTERN = /^(?!(?:und|mul|mis|zxx)(?:-|$))[a-z]{2,3}(?:-[A-Z][a-z]{3})?(?:-(?:[A-Z]{2}|[0-9]{3}))?$/;

const quoted = (input: unknown) => JSON.stringify(input) ?? String(input);

const text = pipe(string(), regex(/\S/, 'must not be empty'));
const slug = pipe(
  string(),
  regex(SLUG_PATTERN, (issue) => `${quoted(issue.input)} is not a lowercase slug (a-z, 0-9, single hyphens, like "khan-younis")`),
);
const language = pipe(
  string(),
  regex(LANGUAGE_PATTERN, (issue) => `${quoted(issue.input)} is not a language tag like "en", "ar" or "pt-BR"`),
);
const date = pipe(
  string(),
  regex(DATE_PATTERN, (issue) => `date ${quoted(issue.input)} must be YYYY, YYYY-MM or YYYY-MM-DD`),
);
const schemaRef = optional(string());

export const notATranslationLanguage = (tag: unknown) =>
  `${quoted(tag)} is not a language tag like "ar", "he", "zh-Hant" or "pt-BR" (language in lower case, then an optional Script and REGION)`;

/** Translations of some text fields: language tag → the fields given in that language (at least one). */
function translations<const F extends string>(fields: readonly F[]) {
  const entry = pipe(
    strictObject(Object.fromEntries(fields.map((f) => [f, optional(text)])) as Record<F, ReturnType<typeof optional<typeof text>>>),
    minEntries(1, `an empty translation: give ${fields.join(' or ')} in this language, or leave the language out`),
  );
  const tag = pipe(string(), regex(TRANSLATION_LANGUAGE_PATTERN, (issue) => notATranslationLanguage(issue.input)));
  return optional(record(tag, entry));
}

export const NoteSchema = strictObject({
  kind: picklist(['correction', 'disputed', 'context', 'review']),
  text,
  source: optional(text),
  translations: translations(['text', 'source']),
});
const notes = optional(array(NoteSchema));

// ---------------------------------------------------------------- story.json

export const StoryMetaSchema = strictObject({
  $schema: schemaRef,
  id: slug,
  title: text,
  language,
  published: strictObject({ date, note: optional(text) }),
  source: optional(
    strictObject({
      name: text,
      translations: translations(['name']),
      url: optional(
        pipe(
          string(),
          regex(/^https?:\/\/\S+$/, (issue) => `${quoted(issue.input)} is not an http(s) URL`),
          url((issue) => `${quoted(issue.input)} is not a valid URL`),
        ),
      ),
    }),
  ),
  paragraphs: pipe(number(), integer('must be a whole number'), minValue(1, 'must be 1 or more')),
  categories: optional(array(strictObject({ id: slug, label: text, description: optional(text), translations: translations(['label', 'description']) }))),
  bbox: optional(strictTuple([number(), number(), number(), number()])),
  translations: translations(['title']),
});

// ---------------------------------------------------------------- places.geojson

/** [longitude, latitude] in WGS84 degrees; an altitude may follow and is ignored. Ranges are checked in validate.ts. */
const position = tupleWithRest([number(), number()], number());
const ring = pipe(array(position), minLength(4, 'a ring needs at least 4 positions (the first repeated at the end)'));
const polygon = pipe(array(ring), minLength(1, 'a polygon needs an outer ring'));

export const PlaceGeometrySchema = variant('type', [
  strictObject({ type: literal('Point'), coordinates: position }),
  strictObject({ type: literal('Polygon'), coordinates: polygon }),
  strictObject({ type: literal('MultiPolygon'), coordinates: pipe(array(polygon), minLength(1, 'needs at least one polygon')) }),
]);

export const PlacePropertiesSchema = strictObject({
  name: text,
  names: optional(record(language, text)),
  aliases: optional(array(text)),
  kind: text,
  precision: strictObject({
    level: picklist(['site', 'town', 'region']),
    radiusM: pipe(number(), gtValue(0, (issue) => `must be more than 0 metres, got ${quoted(issue.input)}`)),
  }),
  description: text,
  notes,
});

export const PlaceFeatureSchema = strictObject({
  type: literal('Feature'),
  id: slug,
  geometry: PlaceGeometrySchema,
  properties: PlacePropertiesSchema,
});

export const PlaceCollectionSchema = strictObject({
  $schema: schemaRef,
  type: literal('FeatureCollection'),
  features: array(PlaceFeatureSchema),
});

// ---------------------------------------------------------------- events.json

export const FigureSchema = strictObject({
  label: text,
  value: pipe(
    number(),
    finite((issue) => `must be a finite number ≥ 0, got ${String(issue.input)}`),
    minValue(0, (issue) => `must be a finite number ≥ 0, got ${String(issue.input)}`),
  ),
  qualifier: optional(picklist(['exactly', 'about', 'at least', 'more than', 'fewer than'])),
  notes,
  translations: translations(['label']),
});

export const StoryEventSchema = strictObject({
  id: slug,
  date,
  time: optional(pipe(string(), regex(TIME_PATTERN, (issue) => `time ${quoted(issue.input)} must be HH:MM, from 00:00 to 23:59`))),
  utcOffset: optional(
    pipe(string(), regex(UTC_OFFSET_PATTERN, (issue) => `utcOffset ${quoted(issue.input)} must look like "+02:00" (±HH:MM, at most 14 hours)`)),
  ),
  approximateTime: optional(boolean()),
  title: text,
  summary: text,
  category: slug,
  places: pipe(
    array(strictObject({ id: string(), role: picklist(['at', 'from', 'to', 'via']) })),
    minLength(1, 'an event needs at least one place'),
  ),
  figures: optional(array(FigureSchema)),
  cite: strictObject({
    paragraph: pipe(number(), integer('must be a whole number'), minValue(1, (issue) => `paragraph ${String(issue.input)} is before the first (paragraphs count from 1)`)),
  }),
  notes,
  translations: translations(['title', 'summary']),
});

/** events.json is a plain JSON array of events (no wrapper object), in any order. */
export const EventsSchema = array(StoryEventSchema);

export const StoryBundleSchema = strictObject({
  story: StoryMetaSchema,
  places: PlaceCollectionSchema,
  events: EventsSchema,
});

// What the schemas accept must be what the rest of the app is typed against (types.ts).
type Assert<T extends true> = T;
type Fits<A, B> = [A] extends [B] ? true : false;
export type SchemaMatchesTypes = Assert<
  Fits<InferOutput<typeof StoryMetaSchema>, StoryMeta> &
    Fits<InferOutput<typeof PlaceCollectionSchema>, PlaceCollection> &
    Fits<InferOutput<typeof StoryEventSchema>, StoryEvent> &
    Fits<InferOutput<typeof StoryBundleSchema>, StoryBundle>
>;
