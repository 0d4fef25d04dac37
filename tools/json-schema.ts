/**
 * The published JSON Schema of the story files, generated from the valibot schemas (schema.ts) so
 * the two cannot disagree. Editors pick it up through "$schema" in story.json and places.geojson.
 *
 * The conversion gives shapes; this module then writes in what JSON Schema can say that valibot's
 * regexes and tuples do not carry over: month and day ranges in dates (2025-02-30 and 2025-13 are
 * refused, 29 February only in leap years), longitude/latitude ranges in positions and in bbox.
 * Tuples are written as full tuples (ajv's strict mode refuses open-ended ones). What only
 * `npm run validate` checks (closed rings, ids that exist, dates in the future, …) is listed in
 * geo/README.md.
 */
import { toJsonSchema, type ConversionConfig, type JsonSchema } from '@valibot/to-json-schema';
import { EventsSchema, FigureSchema, NoteSchema, PlaceCollectionSchema, PlaceGeometrySchema, StoryBundleSchema, StoryMetaSchema } from '../src/lib/story/schema.ts';
import { DATE_PATTERN } from '../src/lib/story/dates.ts';

const config: ConversionConfig = {
  target: 'draft-07',
  errorMode: 'throw',
  // `finite` has no JSON Schema keyword, and JSON cannot write Infinity or NaN anyway.
  ignoreActions: ['finite'],
  definitions: { Note: NoteSchema, Figure: FigureSchema, Geometry: PlaceGeometrySchema },
};

/**
 * YYYY, YYYY-MM or YYYY-MM-DD of a real calendar date: months 01–12; days 29 and 30 in every
 * month but February, 31 only in the long months, 29 February only in leap years.
 */
export const REAL_DATE_PATTERN =
  '^\\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|1\\d|2[0-8]))?' +
  '|-(?:0[13-9]|1[0-2])-(?:29|30)' +
  '|-(?:0[13578]|1[02])-31)?$' +
  '|^(?:\\d{2}(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)-02-29$';

const LONGITUDE = { type: 'number', minimum: -180, maximum: 180 } as const;
const LATITUDE = { type: 'number', minimum: -90, maximum: 90 } as const;

/** [longitude, latitude] or [longitude, latitude, altitude]: two full tuples, as strict ajv wants. */
const POSITION: JsonSchema = {
  type: 'array',
  anyOf: [
    { items: [LONGITUDE, LATITUDE], minItems: 2, maxItems: 2 },
    { items: [LONGITUDE, LATITUDE, { type: 'number' }], minItems: 3, maxItems: 3 },
  ],
} as JsonSchema;

/** [west, south, east, north] in degrees. */
const BBOX: JsonSchema = { type: 'array', items: [LONGITUDE, LATITUDE, LONGITUDE, LATITUDE], minItems: 4, maxItems: 4 } as JsonSchema;

type Node = Record<string, unknown>;
const isNode = (v: unknown): v is Node => typeof v === 'object' && v !== null && !Array.isArray(v);
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The converted shape of valibot's position tuple (two numbers, then any more numbers). */
const isPosition = (n: Node) =>
  n.type === 'array' && same(n.items, [{ type: 'number' }, { type: 'number' }]) && same(n.additionalItems, { type: 'number' });
const isBBox = (n: Node, key: string | undefined) => key === 'bbox' && n.type === 'array' && Array.isArray(n.items) && n.items.length === 4;
const isDate = (n: Node) => n.type === 'string' && n.pattern === DATE_PATTERN.source;

/** Rewrites the converted schema in place (see the module comment), depth first. */
function tighten(node: unknown, key?: string): unknown {
  if (Array.isArray(node)) return node.map((v) => tighten(v));
  if (!isNode(node)) return node;
  if (isPosition(node)) return structuredClone(POSITION);
  if (isBBox(node, key)) return structuredClone(BBOX);
  if (isDate(node)) return { ...node, pattern: REAL_DATE_PATTERN };
  return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, tighten(v, k)]));
}

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

/** File name in geo/ → the schema object. */
export function jsonSchemas(): Record<string, Record<string, unknown>> {
  return Object.fromEntries(
    Object.entries(files).map(([name, { schema, title, description }]) => {
      const { $schema, ...rest } = tighten(toJsonSchema(schema, config)) as Node;
      return [name, { $schema, title, description, ...rest }];
    }),
  );
}

/** File name in geo/ → file content (two-space JSON, final newline). */
export function jsonSchemaFiles(): Record<string, string> {
  return Object.fromEntries(Object.entries(jsonSchemas()).map(([name, schema]) => [name, `${JSON.stringify(schema, null, 2)}\n`]));
}
