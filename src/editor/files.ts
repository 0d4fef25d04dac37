/**
 * What the editor opens: an article (plain text), a story bundle ({ story, places, events } in one
 * JSON), a story or draft folder (its three files, picked or dropped together, with the article
 * beside them if there is one), or a zip of such a folder. Every file is data: parsed as JSON or
 * read as text, never run or rendered. A file that is not what it should be gets one message that
 * names the file and what is wrong; nothing is opened then, so the work in progress is kept.
 */
import { unzipSync, strFromU8 } from 'fflate';
import { safeParse } from 'valibot';
import type { StoryBundle } from '../lib/story/types.ts';
import { EventsSchema, PlaceCollectionSchema, StoryMetaSchema } from '../lib/story/schema.ts';
import { formatIssue, validateBundle } from '../lib/story/validate.ts';

/** The $schema references a story folder in geo/<id>/ carries. */
export const STORY_FILE_SCHEMAS = { story: '../story.schema.json', places: '../places.schema.json' } as const;

/** Larger files are refused before they are read. */
export const MAX_FILE_BYTES = 50_000_000;

export type Opened = { kind: 'article'; text: string; name: string } | { kind: 'story'; bundle: StoryBundle; article?: string; name: string };

export class OpenError extends Error {}

interface NamedText {
  name: string;
  text: string;
}

const base = (path: string) => path.split('/').pop()!.toLowerCase();

function parseJson(file: NamedText): unknown {
  try {
    return JSON.parse(file.text);
  } catch (err) {
    throw new OpenError(`${file.name} is not valid JSON (${(err as Error).message})`);
  }
}

/** Text of the files (and of the files inside zips), by name. */
async function readAll(files: readonly File[]): Promise<NamedText[]> {
  const out: NamedText[] = [];
  for (const file of files) {
    if (file.size > MAX_FILE_BYTES) throw new OpenError(`${file.name} is ${(file.size / 1e6).toFixed(1)} MB; the editor opens files up to ${MAX_FILE_BYTES / 1e6} MB`);
    const bytes = new Uint8Array(await file.arrayBuffer());
    if (/\.zip$/i.test(file.name) || (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04)) {
      let entries: Record<string, Uint8Array>;
      try {
        entries = unzipSync(bytes, { filter: (f) => f.originalSize <= MAX_FILE_BYTES && !f.name.endsWith('/') });
      } catch (err) {
        throw new OpenError(`${file.name} is not a readable zip (${(err as Error).message})`);
      }
      for (const [name, data] of Object.entries(entries)) out.push({ name: `${file.name}/${name}`, text: decode(data, name) });
    } else out.push({ name: file.webkitRelativePath || file.name, text: decode(bytes, file.name) });
  }
  return out;
}

function decode(bytes: Uint8Array, name: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new OpenError(`${name} is not UTF-8 text (it looks like a binary file)`);
  }
}

/** Opens what was picked or dropped; throws OpenError with a message a person can act on. */
export async function openFiles(files: readonly File[]): Promise<Opened> {
  if (!files.length) throw new OpenError('no file was given');
  return openTexts(await readAll(files));
}

export function openTexts(texts: NamedText[]): Opened {
  // Editors' own clutter (.DS_Store, __MACOSX/) is not part of a story folder.
  texts = texts.filter((t) => !/(^|\/)(\.|__MACOSX\/)/.test(t.name));
  const byName = new Map(texts.map((t) => [base(t.name), t] as const));
  const article = texts.find((t) => /\.(txt|text|md)$/i.test(t.name));
  const story = byName.get('story.json');
  const places = byName.get('places.geojson') ?? byName.get('places.json');
  const events = byName.get('events.json');
  if (story || places || events) {
    const missing = [!story && 'story.json', !places && 'places.geojson', !events && 'events.json'].filter(Boolean);
    if (missing.length) throw new OpenError(`a story folder needs story.json, places.geojson and events.json; missing ${missing.join(' and ')}`);
    const bundle = checked({ story: parseJson(story!), places: parseJson(places!), events: parseJson(events!) }, { story: story!.name, places: places!.name, events: events!.name });
    return { kind: 'story', bundle, ...(article ? { article: article.text } : {}), name: story!.name.replace(/\/?story\.json$/i, '') || 'story folder' };
  }
  const json = texts.filter((t) => /\.(geo)?json$/i.test(t.name));
  if (json.length === 1) {
    const raw = parseJson(json[0]!);
    const name = json[0]!.name;
    if (!isBundle(raw)) throw new OpenError(`${name} is not a story bundle: expected an object with "story", "places" and "events"`);
    return { kind: 'story', bundle: checked(raw, { story: name, places: name, events: name }), ...(article ? { article: article.text } : {}), name };
  }
  if (json.length > 1) throw new OpenError(`${json.map((t) => t.name).join(', ')}: open one story bundle, or a folder with story.json, places.geojson and events.json`);
  if (article) return { kind: 'article', text: article.text, name: article.name };
  throw new OpenError(`${texts.map((t) => t.name).join(', ') || 'the file'}: not an article (.txt), a story bundle (.json), a story folder or a zip of one`);
}

const isBundle = (x: unknown): x is Record<'story' | 'places' | 'events', unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x) && 'story' in x && 'places' in x && 'events' in x;

/**
 * The bundle, when each file has the shape the editor works on. Cross-file problems (a missing
 * place, a date in the future) are left for the live validation, where they can be fixed.
 */
function checked(raw: { story: unknown; places: unknown; events: unknown }, files: { story: string; places: string; events: string }): StoryBundle {
  const ok = safeParse(StoryMetaSchema, raw.story).success && safeParse(PlaceCollectionSchema, raw.places).success && safeParse(EventsSchema, raw.events).success;
  if (ok) {
    const bundle = structuredClone(raw) as unknown as StoryBundle;
    delete (bundle.story as { $schema?: string }).$schema;
    delete (bundle.places as { $schema?: string }).$schema;
    return bundle;
  }
  const { errors } = validateBundle(raw, { files });
  const shown = errors.slice(0, 4).map(formatIssue);
  const more = errors.length > 4 ? ` (and ${errors.length - 4} more)` : '';
  throw new OpenError(`not opened, the story's files are malformed: ${shown.join('; ') || 'unknown shape'}${more}`);
}
