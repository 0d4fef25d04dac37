/**
 * Reads story folders from disk (Node only). A story folder holds story.json, places.geojson and
 * events.json; this module only reads and parses them — checking them is validate.ts's job.
 */
import { readFileSync, readdirSync, existsSync, statSync } from 'node:fs';
import { join, basename } from 'node:path';

export const STORY_FILES = {
  story: 'story.json',
  places: 'places.geojson',
  events: 'events.json',
} as const;

export type StoryPart = keyof typeof STORY_FILES;

/** A problem found before validation could start (missing file, broken JSON). */
export interface ReadProblem {
  file: string;
  message: string;
}

export interface RawStoryFolder {
  dir: string;
  /** Parsed JSON of each file that could be read, keyed by part. */
  parts: Partial<Record<StoryPart, unknown>>;
  problems: ReadProblem[];
}

/** Folders directly under `root` that contain a story.json, sorted by name. */
export function listStoryDirs(root: string): string[] {
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .map((name) => join(root, name))
    .filter((dir) => statSync(dir).isDirectory() && existsSync(join(dir, STORY_FILES.story)))
    .sort();
}

/** Reads and JSON-parses the three files of a story folder; never throws for bad content. */
export function readStoryFolder(dir: string): RawStoryFolder {
  const parts: RawStoryFolder['parts'] = {};
  const problems: ReadProblem[] = [];
  for (const [part, name] of Object.entries(STORY_FILES) as [StoryPart, string][]) {
    const file = join(dir, name);
    if (!existsSync(file)) {
      problems.push({ file, message: `missing file ${name} in story folder ${basename(dir)}` });
      continue;
    }
    try {
      parts[part] = JSON.parse(readFileSync(file, 'utf8'));
    } catch (err) {
      problems.push({ file, message: `not valid JSON: ${(err as Error).message}` });
    }
  }
  return { dir, parts, problems };
}

/** The bundle the app loads: the three parts of a folder in one document. */
export function bundleOf(folder: RawStoryFolder): { story: unknown; places: unknown; events: unknown } {
  return { story: folder.parts.story, places: folder.parts.places, events: folder.parts.events };
}
