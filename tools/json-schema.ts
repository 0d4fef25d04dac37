/**
 * The published JSON Schema of the story files, generated from the valibot schemas (schema.ts) so
 * the two cannot disagree. Editors pick it up through "$schema" in story.json and places.geojson.
 * The JSON Schema checks shape only; `npm run validate` also checks ids, coordinates, dates, etc.
 */
import { toJsonSchema, type ConversionConfig } from '@valibot/to-json-schema';
import { EventsSchema, FigureSchema, NoteSchema, PlaceCollectionSchema, PlaceGeometrySchema, StoryBundleSchema, StoryMetaSchema } from '../src/lib/story/schema.ts';

const config: ConversionConfig = {
  target: 'draft-07',
  errorMode: 'throw',
  // `finite` has no JSON Schema keyword, and JSON cannot write Infinity or NaN anyway.
  ignoreActions: ['finite'],
  definitions: { Note: NoteSchema, Figure: FigureSchema, Geometry: PlaceGeometrySchema },
};

const files = {
  'story.schema.json': {
    schema: StoryMetaSchema,
    title: 'Article Atlas story.json',
    description: 'What the story is: id, title, language, publication date, source, paragraph count. See geo/README.md.',
  },
  'places.schema.json': {
    schema: PlaceCollectionSchema,
    title: 'Article Atlas places.geojson',
    description: 'The places of a story: a GeoJSON FeatureCollection ([longitude, latitude], WGS84), each Feature with a slug id. See geo/README.md.',
  },
  'events.schema.json': {
    schema: EventsSchema,
    title: 'Article Atlas events.json',
    description: 'The events of a story: a plain JSON array. See geo/README.md.',
  },
  'bundle.schema.json': {
    schema: StoryBundleSchema,
    title: 'Article Atlas story bundle',
    description: 'One story as the app loads it: the three files of a story folder in one document.',
  },
};

/** File name in geo/ → file content (two-space JSON, final newline). */
export function jsonSchemaFiles(): Record<string, string> {
  return Object.fromEntries(
    Object.entries(files).map(([name, { schema, title, description }]) => {
      const { $schema, ...rest } = toJsonSchema(schema, config);
      return [name, `${JSON.stringify({ $schema, title, description, ...rest }, null, 2)}\n`];
    }),
  );
}
